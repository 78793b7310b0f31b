"""Background tasks of the reviews app (run by `manage.py db_worker`)."""

from django.conf import settings
from django.utils import translation

from core.tasks import retrying


@retrying
def send_review_reminder(order_id, language=None):
    """Ask the buyer of a delivered order to rate the lines not reviewed yet."""
    from orders.models import Order

    from . import emails, rules

    order = Order.objects.select_related("booth", "user").filter(pk=order_id).first()
    if order is None:
        return 0
    items = list(rules.reviewable_items(order.user).filter(order=order).order_by("pk"))
    with translation.override(language or settings.LANGUAGE_CODE):
        return emails.send_reminder(order, items)
