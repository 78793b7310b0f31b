"""E-mails to the shopper and the booth on placing an order and on every change.

Sent after the database commit, in Vietnamese (the market's language), through Django's
configured backend (console by default).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

log = logging.getLogger(__name__)


def seller_addresses(booth):
    addresses = {booth.email} if booth.email else set()
    addresses.update(booth.memberships.values_list("user__email", flat=True))
    return sorted(a for a in addresses if a)


def _send(template, context, recipients):
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"orders/email/{template}_subject.txt", context)
        body = render_to_string(f"orders/email/{template}.txt", context)
    subject = " ".join(subject.split())
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # a mail server hiccup must not undo an order
        log.exception("Could not send %s e-mail to %s", template, recipients)


def site_url():
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def orders_placed(orders):
    for order in orders:
        context = {"order": order, "items": list(order.items.all()), "site_url": site_url()}
        _send("placed_shopper", context, [order.email])
        _send("placed_seller", context, seller_addresses(order.booth))


def status_changed(order, old_status):
    context = {"order": order, "old_status": old_status, "site_url": site_url()}
    _send("status_shopper", context, [order.email])
    _send("status_seller", context, seller_addresses(order.booth))


def payment_received(orders):
    for order in orders:
        context = {"order": order, "site_url": site_url()}
        _send("paid_shopper", context, [order.email])
        _send("paid_seller", context, seller_addresses(order.booth))
