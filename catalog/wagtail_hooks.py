"""The catalogue's entries in Wagtail's audit log: every change of a product's visibility."""

from wagtail import hooks

from catalog import publishing
from core.audit import register_reasoned_actions


@hooks.register("register_log_actions")
def register_product_log_actions(actions):
    register_reasoned_actions(
        actions,
        {publishing.LOG_ACTIONS[name]: labels for name, labels in publishing.LOG_LABELS.items()},
    )
