"""Which delivered orders get the "how was it?" e-mail, once, some days after delivery."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.tasks import enqueue_on_commit
from orders.models import Order

from .models import ReviewReminder
from .tasks import send_review_reminder

#: Orders delivered longer ago than this are not reminded any more (a missed run, a new site).
WINDOW = timedelta(days=14)


def due_orders(now=None):
    now = now or timezone.now()
    after = timedelta(days=int(getattr(settings, "REVIEW_REMINDER_DAYS", 5)))
    return (
        Order.objects.filter(
            status=Order.Status.DELIVERED,
            delivered_at__lte=now - after,
            delivered_at__gt=now - after - WINDOW,
            items__product__isnull=False,
            items__review__isnull=True,
        )
        .exclude(pk__in=ReviewReminder.objects.values("order_id"))
        .distinct()
        .order_by("pk")
    )


def send_due(now=None):
    """Record a reminder per due order and enqueue its e-mail; returns the orders."""
    sent = []
    for order in due_orders(now):
        try:
            with transaction.atomic():
                ReviewReminder.objects.create(order=order)
                enqueue_on_commit(send_review_reminder, order.pk, settings.LANGUAGE_CODE)
        except IntegrityError:  # another scheduler got it first
            continue
        sent.append(order)
    return sent
