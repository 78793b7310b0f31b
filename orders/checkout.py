"""Placing orders: one order per booth, stock reserved all-or-nothing.

The shopper agrees to the cart's *fingerprint* (product, quantity, current price); if
anything changed between the page and the click, nothing is placed and the page shows
the change. Prices and booths always come from the database, never from the form.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Product
from core.tasks import after_commit
from orders import caps, shipping, stock
from orders.models import Order, OrderItem, OrderStatusChange, new_reference


class CheckoutError(Exception):
    pass


class CartChanged(CheckoutError):
    pass


class OutOfStock(CheckoutError):
    pass


class NotDelivered(CheckoutError):
    pass


def card_expiry_minutes():
    return int(getattr(settings, "ORDER_CARD_EXPIRY_MINUTES", 60))


def transfer_expiry_minutes():
    return int(getattr(settings, "ORDER_VIETQR_EXPIRY_MINUTES", 60))


def place_orders(user, cart_view, data, payment_method, fingerprint):
    """Create the orders of one checkout. Returns them (one per booth).

    *user* is None for a guest (then `data["email"]` may give an e-mail). `data` holds the
    address, optionally `delivery` ({booth id: "ship" | "pickup"}) and `shipping_seen` (the
    delivery total the page showed: a different fee now places nothing).

    Raises CartChanged if prices, quantities, availability or the delivery fee moved since
    the shopper looked, NotDelivered if a booth does not serve the address, OutOfStock if
    another buyer took the last units (nothing is kept).
    """
    if cart_view.is_empty or not cart_view.lines:
        raise CheckoutError(_("Your cart is empty."))
    if cart_view.has_problems:
        raise CartChanged(_("Some products in your cart are no longer available as listed."))
    if fingerprint != cart_view.fingerprint():
        raise CartChanged(_("Prices or quantities changed: please check your order again."))
    if payment_method not in Order.PaymentMethod.values:
        raise CheckoutError(_("Choose a payment method."))

    quote = shipping.quote_cart(cart_view, data.get("province"), data.get("delivery"))
    if quote.refused:
        raise NotDelivered(" ".join(q.refused for q in quote.refused))
    if not quote.complete:
        raise CheckoutError(_("Choose the province to deliver to."))
    seen = data.get("shipping_seen")
    if seen is not None and seen != quote.shipping:
        raise CartChanged(_("The delivery fee changed: please check your order again."))
    if payment_method == Order.PaymentMethod.VIETQR and not quote.vietqr_everywhere:
        raise CheckoutError(_("Bank transfer is not available for every booth in your cart."))
    email = (user.email if user is not None else data.get("email")) or ""
    now = timezone.now()
    due = None
    if payment_method == Order.PaymentMethod.VIETQR:
        due = now + timedelta(minutes=transfer_expiry_minutes())
    elif payment_method == Order.PaymentMethod.CARD:
        due = now + timedelta(minutes=card_expiry_minutes())

    reference = new_reference()
    orders = []
    reserved = []
    with transaction.atomic():
        if payment_method == Order.PaymentMethod.COD:
            # One account's checkouts are counted one after another (row lock); a guest's
            # are counted by phone number.
            if user is not None:
                get_user_model().objects.select_for_update().filter(pk=user.pk).first()
            try:
                caps.check_pending_cod(
                    user,
                    data.get("phone"),
                    new_orders=len(cart_view.groups),
                    new_units=sum(line.quantity for line in cart_view.lines),
                )
            except caps.PendingLimitReached as exc:
                raise CheckoutError(str(exc)) from None
        # Lock-free re-read inside the transaction: the conditional UPDATE below is the
        # real guard against overselling; this catches a price changed in the meantime.
        current = Product.objects.public().in_bulk([line.product_id for line in cart_view.lines])
        for line in cart_view.lines:
            product = current.get(line.product_id)
            if product is None or product.price != line.unit_price:
                raise CartChanged(_("Prices or quantities changed: please check your order again."))
        # Sorted by id: concurrent checkouts lock rows in the same order (no deadlock).
        for line in sorted(cart_view.lines, key=lambda line: line.product_id):
            if not stock.reserve(line.product_id, line.quantity):
                raise OutOfStock(
                    _("“%(name)s” has just sold out or has fewer units left.")
                    % {"name": line.product.name}
                )
            reserved.append(line.product_id)
        for index, group in enumerate(cart_view.groups, start=1):
            booth_quote = quote.for_booth(group.booth.pk)
            account = booth_quote.bank_account
            vietqr = payment_method == Order.PaymentMethod.VIETQR
            order = Order.objects.create(
                number=f"{reference}-{index}",
                checkout_reference=reference,
                user=user,
                booth=group.booth,
                payment_method=payment_method,
                email=email,
                recipient_name=data["recipient_name"],
                phone=data["phone"],
                province=quote.province,
                ward=data["ward"],
                street=data["street"],
                note=data.get("note", ""),
                subtotal=booth_quote.subtotal,
                delivery=booth_quote.method,
                shipping_zone=booth_quote.zone,
                weight_grams=booth_quote.weight_grams,
                shipping_fee=booth_quote.fee,
                total=booth_quote.total,
                bank_bin=account.bank_bin if vietqr else "",
                bank_account_number=account.account_number if vietqr else "",
                bank_account_name=account.account_name if vietqr else "",
                payment_due_at=due,
            )
            OrderItem.objects.bulk_create(
                [
                    OrderItem(
                        order=order,
                        product=line.product,
                        product_name=line.product.name,
                        unit=line.product.unit,
                        unit_price=line.unit_price,
                        quantity=line.quantity,
                        line_total=line.line_total,
                    )
                    for line in group.lines
                ]
            )
            OrderStatusChange.objects.create(
                order=order, to_status=Order.Status.PENDING, actor=user
            )
            orders.append(order)

        from orders import notifications

        notifications.orders_placed(orders)  # enqueued after commit
        # Side work: never turns the committed order into an error answer.
        after_commit(lambda: stock.notify_search(reserved))
    return orders


def expire_unpaid_transfers(now=None):
    """Cancel VietQR orders whose payment window passed with no transfer reported.

    A shopper who pressed "I have transferred" is not expired: the seller checks the
    account and confirms receipt or cancels. Returns the orders it cancelled.
    """
    now = now or timezone.now()
    candidates = Order.objects.filter(
        payment_method=Order.PaymentMethod.VIETQR,
        payment_status=Order.PaymentStatus.UNPAID,
        status=Order.Status.PENDING,
        transfer_reported_at__isnull=True,
        payment_due_at__lt=now,
    )
    return _cancel_unpaid(candidates, "Hết hạn chuyển khoản")


def expire_unpaid_card_orders(now=None, minutes=None):
    """Cancel card orders still unpaid after the payment window; stock goes back.

    Safe to run on a schedule and twice in a row: an order is cancelled once and its
    stock released once. Returns the orders it cancelled.
    """
    now = now or timezone.now()
    minutes = card_expiry_minutes() if minutes is None else minutes
    cutoff = now - timedelta(minutes=minutes)
    candidates = Order.objects.filter(
        payment_method=Order.PaymentMethod.CARD,
        payment_status=Order.PaymentStatus.UNPAID,
        status=Order.Status.PENDING,
        created_at__lt=cutoff,
    )
    return _cancel_unpaid(candidates, "Hết hạn thanh toán thẻ")


def _cancel_unpaid(candidates, note):
    """Cancel each still-unpaid order of *candidates* (stock goes back); returns them."""
    from orders import transitions

    cancelled = []
    for order in candidates:
        try:
            transitions.move(
                order, Order.Status.CANCELLED, roles={"system"}, note=note, require_unpaid=True
            )
        except transitions.TransitionError:
            continue  # paid or moved meanwhile
        cancelled.append(order)
    return cancelled
