"""Who may move an order to which state: decided here and nowhere else.

pending → confirmed → shipping → delivered; cancelled from pending or confirmed.
Roles: "seller" (member of the order's booth), "shopper" (the buyer), "moderator",
"system" (webhooks, the expiry command).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.tasks import after_commit
from orders.models import Order, OrderStatusChange

S = Order.Status

ALLOWED = {
    (S.PENDING, S.CONFIRMED): {"seller", "moderator"},
    (S.CONFIRMED, S.SHIPPING): {"seller", "moderator"},
    (S.SHIPPING, S.DELIVERED): {"seller", "moderator"},
    (S.PENDING, S.CANCELLED): {"seller", "shopper", "moderator", "system"},
    (S.CONFIRMED, S.CANCELLED): {"seller", "moderator", "system"},
}

TIMESTAMP_FIELD = {
    S.CONFIRMED: "confirmed_at",
    S.SHIPPING: "shipped_at",
    S.DELIVERED: "delivered_at",
    S.CANCELLED: "cancelled_at",
}

ACTION_LABELS = {
    S.CONFIRMED: pgettext_lazy("order action", "Confirm"),
    S.SHIPPING: pgettext_lazy("order action", "Mark as shipped"),
    S.DELIVERED: pgettext_lazy("order action", "Mark as delivered"),
    S.CANCELLED: pgettext_lazy("order action", "Cancel order"),
}


class TransitionError(Exception):
    pass


def roles_for(user, order):
    """The roles *user* holds on *order* (empty set: none, the order is not theirs)."""
    from accounts.roles import is_moderator
    from shops.permissions import booths_for

    roles = set()
    if not getattr(user, "is_authenticated", False):
        return roles
    if order.user_id == user.pk:
        roles.add("shopper")
    if booths_for(user).filter(pk=order.booth_id).exists():
        roles.add("seller")
    if is_moderator(user):
        roles.add("moderator")
    return roles


def blocked_reason(order, target):
    """A reason the move is impossible whatever the role, or None."""
    if target == S.CONFIRMED and order.awaiting_card_payment:
        return _("This order is waiting for its card payment.")
    if target == S.CONFIRMED and order.awaiting_transfer:
        return _("Confirm that the bank transfer has arrived first.")
    return None


def _paid_transfer_needs_seller(order, target, roles):
    """A paid bank transfer is given back by the booth: only it (or a moderator) cancels."""
    return (
        target == S.CANCELLED
        and order.payment_method == Order.PaymentMethod.VIETQR
        and order.payment_status == Order.PaymentStatus.PAID
        and not {"seller", "moderator"} & set(roles)
    )


def can_move(order, target, roles):
    if (order.status, target) not in ALLOWED:
        return False
    if not ALLOWED[(order.status, target)] & set(roles):
        return False
    if _paid_transfer_needs_seller(order, target, roles):
        return False
    return blocked_reason(order, target) is None


def available_actions(order, roles):
    """[(target status, label)] the holder of *roles* may apply now."""
    return [
        (target, ACTION_LABELS[target])
        for (source, target) in ALLOWED
        if source == order.status and can_move(order, target, roles)
    ]


def move(order, target, *, roles, actor=None, note="", require_unpaid=False):
    """Apply a transition atomically; cancelling gives stock back and refunds a paid card.

    Raises TransitionError (translated message) when the move is not allowed.
    """
    from orders import notifications, payments, stock

    if target not in S.values:
        raise TransitionError(_("Unknown order status."))
    released = []
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if (locked.status, target) not in ALLOWED:
            raise TransitionError(
                _("An order that is “%(status)s” cannot become “%(target)s”.")
                % {"status": locked.get_status_display(), "target": S(target).label}
            )
        if not ALLOWED[(locked.status, target)] & set(roles):
            raise TransitionError(_("You may not make this change."))
        reason = blocked_reason(locked, target)
        if require_unpaid and locked.payment_status != Order.PaymentStatus.UNPAID:
            reason = _("This order has been paid meanwhile.")
        if _paid_transfer_needs_seller(locked, target, roles):
            reason = _("This order has been paid by bank transfer: ask the booth to cancel it.")
        if reason:
            raise TransitionError(reason)
        old = locked.status
        paid_transfer = locked.payment_method == Order.PaymentMethod.VIETQR
        if (
            target == S.CANCELLED
            and locked.payment_status == Order.PaymentStatus.PAID
            and paid_transfer
        ):
            # No bank API: the booth sends the money back itself; the order says so.
            locked.payment_status = Order.PaymentStatus.REFUNDED
            note = note or "Người bán hoàn tiền chuyển khoản"
        elif target == S.CANCELLED and locked.payment_status == Order.PaymentStatus.PAID:
            try:
                refund_id = payments.refund_order(locked)
            except payments.PaymentError as exc:  # nothing changes: the order stays paid
                raise TransitionError(str(exc)) from exc
            locked.payment_status = Order.PaymentStatus.REFUNDED
            locked.stripe_refund_id = refund_id or ""
        locked.status = target
        setattr(locked, TIMESTAMP_FIELD[target], timezone.now())
        if target == S.CANCELLED:
            locked.cancel_reason = note[:255]
        locked.save()
        if target == S.CANCELLED:
            result = stock.release_order(locked)
            if isinstance(result, list):
                released = result
        OrderStatusChange.objects.create(
            order=locked, from_status=old, to_status=target, actor=actor, note=note[:255]
        )
        notifications.status_changed(locked, old)  # enqueued after commit
        if released:
            after_commit(lambda: stock.notify_search(released, released=True))
    order.refresh_from_db()
    return order


def confirm_transfer(order, *, roles, actor=None):
    """The booth saw the VietQR transfer arrive: the order becomes paid (once).

    Only the booth's staff or a moderator; only a pending, unpaid VietQR order.
    """
    from orders import notifications

    if not {"seller", "moderator"} & set(roles):
        raise TransitionError(_("You may not make this change."))
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.payment_method != Order.PaymentMethod.VIETQR:
            raise TransitionError(_("This order is not paid by bank transfer."))
        if locked.payment_status != Order.PaymentStatus.UNPAID:
            raise TransitionError(_("This transfer has already been confirmed."))
        if locked.status != S.PENDING:
            raise TransitionError(_("This order is no longer waiting for a payment."))
        locked.payment_status = Order.PaymentStatus.PAID
        locked.paid_at = timezone.now()
        locked.save(update_fields=["payment_status", "paid_at", "updated_at"])
        OrderStatusChange.objects.create(
            order=locked,
            from_status=locked.status,
            to_status=locked.status,
            actor=actor,
            note="Đã nhận tiền chuyển khoản",
        )
        notifications.payment_received([locked])
    order.refresh_from_db()
    return order


def report_transfer(order):
    """The shopper says the transfer is made: the order no longer expires on its own."""
    from django.db.models import Q

    return bool(
        Order.objects.filter(
            Q(transfer_reported_at__isnull=True),
            pk=order.pk,
            payment_method=Order.PaymentMethod.VIETQR,
            payment_status=Order.PaymentStatus.UNPAID,
            status=S.PENDING,
        ).update(transfer_reported_at=timezone.now())
    )
