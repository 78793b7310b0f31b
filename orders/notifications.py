"""Telling the shopper and the booth: placed, status changed, paid.

Each call enqueues one e-mail task per audience after the commit (`orders.tasks`); the
request never waits for the mail server.
"""

from core.tasks import enqueue_on_commit

from .emails import SELLER, SHOPPER
from .tasks import send_order_email


def _enqueue(kind, orders, **extra):
    for order in orders:
        for audience in (SHOPPER, SELLER):
            enqueue_on_commit(send_order_email, kind, audience, order.pk, **extra)


def orders_placed(orders):
    _enqueue("placed", orders)


def status_changed(order, old_status):
    # The new status goes with the task: the mail tells of this change even when the
    # order has moved on by the time the worker sends it.
    _enqueue("status", [order], old_status=old_status, status=order.status)


def payment_received(orders):
    _enqueue("paid", orders)
