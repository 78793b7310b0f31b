"""How much stock one shopper may hold in unpaid cash-on-delivery orders.

A cash-on-delivery order reserves stock the moment it is placed, before anyone has paid
or confirmed anything, so one account (or one phone number across accounts) could take a
product's whole stock with a burst of orders. `check_pending_cod` refuses a checkout that
would take the shopper over `ORDER_COD_MAX_PENDING_ORDERS` pending COD orders or
`ORDER_COD_MAX_PENDING_UNITS` units in them. Once the booth confirms an order (or it is
cancelled) it no longer counts.

Called inside the checkout transaction, after the user's row is locked, so two checkouts
of the same account are counted one after the other.
"""

from django.conf import settings
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from orders.models import Order, OrderItem


class PendingLimitReached(Exception):
    pass


def _pending(q):
    orders = Order.objects.filter(
        q,
        payment_method=Order.PaymentMethod.COD,
        payment_status=Order.PaymentStatus.UNPAID,
        status=Order.Status.PENDING,
    )
    units = OrderItem.objects.filter(order__in=orders).aggregate(n=Sum("quantity"))["n"] or 0
    return orders.count(), units


def check_pending_cod(user, phone, new_orders, new_units):
    """Raise PendingLimitReached (a Vietnamese message) when the checkout is over a cap."""
    max_orders = settings.ORDER_COD_MAX_PENDING_ORDERS
    max_units = settings.ORDER_COD_MAX_PENDING_UNITS
    who = Q(user=user) if user is not None else Q(pk__in=[])
    if phone:  # already normalised by the checkout form
        who |= Q(phone=phone)
    orders, units = _pending(who)
    if orders + new_orders > max_orders:
        raise PendingLimitReached(
            _(
                "You already have %(count)s cash-on-delivery orders waiting for the seller. "
                "Please wait until they are confirmed before ordering again (at most "
                "%(max)s at a time)."
            )
            % {"count": orders, "max": max_orders}
        )
    if units + new_units > max_units:
        raise PendingLimitReached(
            _(
                "Cash-on-delivery orders waiting for the seller may hold at most %(max)s "
                "units in all; you already have %(count)s. Please lower the quantities or "
                "wait until your orders are confirmed."
            )
            % {"count": units, "max": max_units}
        )
