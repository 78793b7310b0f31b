"""Reviews in the Wagtail admin: the moderators' list (reported first) and hide/restore with
a reason, recorded in Wagtail's audit log (the review's history page)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.adminviews import ViewOnlyHistoryView, ViewOnlyPermissionPolicy
from core.audit import register_reasoned_actions

from . import actions, admin_views
from .models import Review

# Reviews are written by buyers; moderators only look and hide/restore.
register_permission_policy(Review, ViewOnlyPermissionPolicy(Review))


class ReviewViewSet(ModelViewSet):
    model = Review
    icon = "comment"
    menu_label = _("Reviews")
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "product",
        "rating",
        "status",
        "report_count",
        "created_at",
        TitleColumn(
            "moderate",
            label=_("Moderation"),
            accessor=lambda r: _("Read, hide / restore…"),
            get_url=lambda r: reverse("reviews_moderate", args=[r.pk]),
        ),
    ]
    list_filter = ["status", "rating"]
    search_fields = ["text", "product__name"]
    ordering = ["-report_count", "-created_at"]
    form_fields = ["status"]
    copy_view_enabled = False
    inspect_view_enabled = True
    history_view_class = ViewOnlyHistoryView


@hooks.register("register_admin_viewset")
def register_review_viewset():
    return ReviewViewSet("review")


@hooks.register("register_admin_urls")
def register_review_urls():
    return [path("danh-gia/<int:pk>/kiem-duyet/", admin_views.moderate, name="reviews_moderate")]


@hooks.register("register_log_actions")
def register_review_log_actions(log_actions):
    register_reasoned_actions(log_actions, actions.LOG_LABELS)
