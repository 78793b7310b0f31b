"""All orders for moderators in the Wagtail admin: list, filters, search, inspect.

Read-only: orders move through the seller centre (orders.transitions), not the admin.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.roles import is_moderator
from orders.models import Order


class ModeratorsMayView(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action == "view" and is_moderator(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and is_moderator(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)

    def instances_user_has_permission_for(self, user, action):
        if self.user_has_permission(user, action):
            return self.model._default_manager.all()
        return self.model._default_manager.none()


register_permission_policy(Order, ModeratorsMayView(Order))


class OrderViewSet(ModelViewSet):
    model = Order
    icon = "list-ul"
    menu_label = _("Orders")
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "number",
        "booth",
        "recipient_name",
        "status",
        "payment_method",
        "payment_status",
        "total",
        "created_at",
    ]
    list_filter = ["status", "payment_method", "payment_status", "booth"]
    search_fields = ["number", "checkout_reference", "recipient_name", "phone", "email"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "number",
        "checkout_reference",
        "booth",
        "user",
        "status",
        "payment_method",
        "payment_status",
        "recipient_name",
        "phone",
        "province",
        "ward",
        "street",
        "note",
        "total",
        "cancel_reason",
        "created_at",
        "paid_at",
    ]
    copy_view_enabled = False
    form_fields = ["status"]  # required by the viewset; editing is refused by the policy


@hooks.register("register_admin_viewset")
def register_order_viewset():
    return OrderViewSet("market_orders", url_prefix="don-hang")
