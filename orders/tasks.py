"""Background tasks of the orders app (run by `manage.py db_worker`)."""

import logging

from core.tasks import retrying

from . import emails
from .models import Order

log = logging.getLogger(__name__)


@retrying
def send_order_email(kind, audience, order_id, old_status="", status=""):
    """Send one order e-mail (*kind* placed/status/paid to the shopper or the seller)."""
    order = Order.objects.select_related("booth").filter(pk=order_id).first()
    if order is None:  # deleted since: nothing to tell
        log.info("Order %s is gone; %s e-mail not sent", order_id, kind)
        return 0
    extra = {}
    if kind == "status":
        order.status = status or order.status  # the change this mail tells of
        extra["old_status"] = old_status
    return emails.send(kind, audience, order, **extra)
