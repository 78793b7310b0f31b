"""The market's moderation screens in the Wagtail admin: booths, products, categories.

Moderators' decisions go through `shops.moderation` (booths) and `catalog.publishing`
(products); both record them in Wagtail's audit log, shown on each object's history page.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from areas.models import Area
from catalog import certificates
from catalog.models import Category, Certificate, Certification, Product
from core.adminviews import ViewOnlyHistoryView, ViewOnlyPermissionPolicy, YesNoColumn
from core.audit import register_reasoned_actions
from shops import admin_views, moderation
from shops.models import Booth


class BoothCreateView(generic.CreateView):
    """A booth created here is opened on a farmer's behalf: approved, run by the moderator
    until it is handed over (see the booth's moderation page)."""

    def save_instance(self):
        instance = super().save_instance()
        moderation.open_on_behalf(instance, self.request.user)
        return instance


class BoothViewSet(ModelViewSet):
    model = Booth
    icon = "home"
    menu_label = _("Booths")
    list_display = [
        "name",
        "status",
        YesNoColumn("is_verified", Booth),
        "area",
        TitleColumn(
            "moderate",
            label=_("Moderation"),
            accessor=lambda booth: _("Approve / reject / suspend…"),
            get_url=lambda booth: reverse("shops_moderate_booth", args=[booth.pk]),
        ),
    ]
    list_filter = ["status", "is_verified", "reverification_requested_at", "area"]
    search_fields = ["name", "registration_number", "phone", "email"]
    form_fields = [
        "name",
        "slug",
        "description",
        "address",
        "area",
        "phone",
        "email",
        "registration_number",
        "owner_name",
        "logo",
        "cover",
    ]
    copy_view_enabled = False
    add_view_class = BoothCreateView


class ProductViewSet(ModelViewSet):
    model = Product
    icon = "tag"
    menu_label = _("Products")
    list_display = [
        "name",
        "booth",
        "status",
        "price",
        TitleColumn(
            "moderate",
            label=_("Moderation"),
            accessor=lambda p: _("Hide / restore…"),
            get_url=lambda p: reverse("shops_moderate_product", args=[p.pk]),
        ),
    ]
    list_filter = ["status", "category", "ocop_stars"]
    search_fields = ["name"]
    form_fields = [
        "name",
        "category",
        "price",
        "unit",
        "stock",
        "origin_area",
        "description",
    ]
    copy_view_enabled = False


class CategoryViewSet(ModelViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["name", "parent", "sort_order", YesNoColumn("is_active", Category)]
    form_fields = ["name", "slug", "parent", "description", "image", "sort_order", "is_active"]
    copy_view_enabled = False


class CertificationViewSet(ModelViewSet):
    model = Certification
    icon = "success"
    menu_label = _("Certifications")
    list_display = ["name", "code"]
    form_fields = ["code", "name", "description"]
    copy_view_enabled = False


# Certificates are submitted by sellers; moderators check or reject them (the "Check"
# column, through `catalog.certificates`), never create, edit or delete them here.
register_permission_policy(Certificate, ViewOnlyPermissionPolicy(Certificate))


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    list_display = [
        "product",
        "kind",
        "number",
        "expires_on",
        "status",
        TitleColumn(
            "check",
            label=_("Check"),
            accessor=lambda c: _("See the document, check or reject…"),
            get_url=lambda c: reverse("shops_check_certificate", args=[c.pk]),
        ),
    ]
    list_filter = ["status", "kind", "certification"]
    search_fields = ["number", "product__name"]
    form_fields = ["number"]
    copy_view_enabled = False
    inspect_view_enabled = True
    history_view_class = ViewOnlyHistoryView


class AreaViewSet(ModelViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    list_display = ["name", "kind", "parent", YesNoColumn("is_current", Area), "replaced_by"]
    list_filter = ["kind", "is_current"]
    form_fields = ["name", "slug", "kind", "parent", "is_current", "replaced_by", "sort_order"]
    copy_view_enabled = False


class MarketViewSetGroup(ModelViewSetGroup):
    menu_label = _("Market")
    menu_icon = "home"
    menu_order = 250
    items = (
        BoothViewSet,
        ProductViewSet,
        CertificateViewSet,
        CategoryViewSet,
        CertificationViewSet,
        AreaViewSet,
    )


@hooks.register("register_admin_viewset")
def register_market_viewsets():
    return MarketViewSetGroup()


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path(
            "cho/gian-hang/<int:pk>/kiem-duyet/",
            admin_views.moderate_booth,
            name="shops_moderate_booth",
        ),
        path(
            "cho/san-pham/<int:pk>/kiem-duyet/",
            admin_views.moderate_product,
            name="shops_moderate_product",
        ),
        path(
            "cho/chung-nhan/<int:pk>/kiem-tra/",
            admin_views.check_certificate,
            name="shops_check_certificate",
        ),
    ]


@hooks.register("register_log_actions")
def register_booth_log_actions(actions):
    register_reasoned_actions(actions, moderation.LOG_LABELS)
    register_reasoned_actions(actions, certificates.LOG_LABELS)
