"""Who may review, edit, reply: decided here and nowhere else.

- A review belongs to one order line: the buyer of a *delivered* order may rate each of its
  lines once (`reviewable_items`, `can_review`). Nobody else can, by form or crafted POST.
- The author may edit it for `REVIEW_EDIT_DAYS` days after writing it (`can_edit`).
- A member of the product's booth may reply once, publicly (`can_reply`).
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from orders.models import Order, OrderItem
from shops.permissions import booths_for


def edit_window():
    return timedelta(days=int(getattr(settings, "REVIEW_EDIT_DAYS", 30)))


def reviewable_items(user):
    """Lines of *user*'s delivered orders that still exist as products and have no review."""
    if not getattr(user, "is_authenticated", False):
        return OrderItem.objects.none()
    return OrderItem.objects.filter(
        order__user=user,
        order__status=Order.Status.DELIVERED,
        product__isnull=False,
        review__isnull=True,
    )


def can_review(user, item):
    return reviewable_items(user).filter(pk=item.pk).exists()


def can_edit(user, review, now=None):
    now = now or timezone.now()
    return (
        getattr(user, "is_authenticated", False)
        and review.user_id == user.pk
        and now - review.created_at <= edit_window()
    )


def can_reply(user, review):
    """A member of the review's booth, when the booth has not replied yet."""
    from reviews.models import ReviewReply

    if not getattr(user, "is_authenticated", False):
        return False
    if ReviewReply.objects.filter(review_id=review.pk).exists():
        return False
    return booths_for(user).filter(pk=review.booth_id).exists()
