"""Stripe access, configured from the environment.

STRIPE_SECRET_KEY unset = card payment hidden. STRIPE_API_BASE points the client at
stripe-mock in tests. VND is zero-decimal: 85.000 ₫ is `unit_amount=85000`.
"""

import logging

from django.conf import settings
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)


class PaymentError(Exception):
    pass


def stripe_enabled():
    return bool(settings.STRIPE_SECRET_KEY)


def get_stripe_client():
    import stripe

    if not settings.STRIPE_SECRET_KEY:
        return None
    kwargs = {}
    if settings.STRIPE_API_BASE:
        kwargs["base_addresses"] = {
            "api": settings.STRIPE_API_BASE,
            "files": settings.STRIPE_API_BASE,
            "connect": settings.STRIPE_API_BASE,
        }
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **kwargs)


def currency():
    return getattr(settings, "STRIPE_CURRENCY", "vnd")


def session_params(orders, success_url, cancel_url, expires_at=None):
    """Checkout Session parameters for the orders of one checkout (one payment)."""
    reference = orders[0].checkout_reference
    line_items = []
    for order in orders:
        for item in order.items.all():
            line_items.append(
                {
                    "quantity": item.quantity,
                    "price_data": {
                        "currency": currency(),
                        "unit_amount": int(item.unit_price),  # whole đồng
                        "product_data": {"name": f"{item.product_name} ({order.booth.name})"},
                    },
                }
            )
        if order.shipping_fee:
            line_items.append(
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": currency(),
                        "unit_amount": int(order.shipping_fee),
                        "product_data": {"name": f"Phí giao hàng {order.number}"},
                    },
                }
            )
    params = {
        "mode": "payment",
        "line_items": line_items,
        "success_url": success_url,
        "cancel_url": cancel_url,
        "client_reference_id": reference,
        "customer_email": orders[0].email,
        "metadata": {
            "checkout_reference": reference,
            "orders": ",".join(o.number for o in orders),
        },
        "payment_intent_data": {"metadata": {"checkout_reference": reference}},
    }
    if expires_at:
        params["expires_at"] = int(expires_at.timestamp())
    return params


def create_checkout_session(orders, success_url, cancel_url, expires_at=None):
    """Create (or, on a retry, get back) the Checkout Session for one checkout.

    The idempotency key is the checkout reference: a retried request cannot open a second
    session for the same orders.
    """
    from orders.models import Order

    client = get_stripe_client()
    if client is None:
        raise PaymentError(_("Card payment is not available."))
    reference = orders[0].checkout_reference
    try:
        session = client.v1.checkout.sessions.create(
            params=session_params(orders, success_url, cancel_url, expires_at),
            options={"idempotency_key": f"checkout-{reference}"},
        )
    except Exception as exc:
        log.exception("Stripe Checkout Session for %s failed", reference)
        raise PaymentError(_("The card payment could not be started. Please try again.")) from exc
    Order.objects.filter(checkout_reference=reference).update(stripe_session_id=session.id)
    return session


def refund_order(order):
    """Refund this order's amount on its payment (one payment may cover several booths)."""
    client = get_stripe_client()
    if client is None or not order.stripe_payment_intent:
        raise PaymentError(_("This payment cannot be refunded automatically."))
    try:
        refund = client.v1.refunds.create(
            params={
                "payment_intent": order.stripe_payment_intent,
                "amount": int(order.total),
                "metadata": {"order": order.number},
            },
            options={"idempotency_key": f"refund-{order.number}"},
        )
    except Exception as exc:
        log.exception("Stripe refund for %s failed", order.number)
        raise PaymentError(_("The refund failed; the order was not cancelled.")) from exc
    return refund.id
