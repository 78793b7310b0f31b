"""E-mails to the shopper and the booth on placing an order and on every change.

`orders.notifications` enqueues each e-mail as a background task
(`orders.tasks.send_order_email`, which calls `send` here) after the database commit: the request never waits for the mail server, and a failed send is
retried with back-off instead of lost (`core.tasks.retrying`). The task reloads the
order by id and renders the mail in Vietnamese (the market's language) through Django's
configured backend (console by default).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

SHOPPER, SELLER = "shopper", "seller"


def seller_addresses(booth):
    addresses = {booth.email} if booth.email else set()
    addresses.update(booth.memberships.values_list("user__email", flat=True))
    return sorted(a for a in addresses if a)


def site_url():
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def recipients(order, audience):
    if audience == SHOPPER:
        return [order.email] if order.email else []
    return seller_addresses(order.booth)


def send(kind, audience, order, **extra):
    """Render and send the *kind* e-mail (placed, status, paid) for *order* now.

    Raises when the mail server does: the task around it retries.
    """
    to = recipients(order, audience)
    if not to:
        return 0
    context = {"order": order, "site_url": site_url(), **extra}
    if kind == "placed":
        context["items"] = list(order.items.all())
    template = f"orders/email/{kind}_{audience}"
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    return send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, to)
