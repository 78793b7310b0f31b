"""The catalogue in the Wagtail admin: the audit-log actions of a product's visibility, and
who may do what with products there."""

from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from catalog import publishing
from catalog.models import Product
from core.audit import register_reasoned_actions


class ProductPermissionPolicy(ModelPermissionPolicy):
    """Products are created by their booth in the seller centre, never in the Wagtail admin
    (moderators running a booth on a farmer's behalf use the seller centre too)."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Product, ProductPermissionPolicy(Product))


@hooks.register("register_log_actions")
def register_product_log_actions(actions):
    register_reasoned_actions(
        actions,
        {publishing.LOG_ACTIONS[name]: labels for name, labels in publishing.LOG_LABELS.items()},
    )
