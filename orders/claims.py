"""A guest who later makes an account takes the orders placed with the same e-mail.

Only a *verified* address counts (allauth's `EmailAddress.verified`): someone who merely
types another person's e-mail gets nothing. Phone numbers are not verified by this site
(no SMS), so they do not claim orders; the order lookup by code + phone stays open to them.
Called from `orders/receivers.py` when an address is confirmed and at every log-in.
"""

from orders.models import Order


def verified_emails(user):
    from allauth.account.models import EmailAddress

    return list(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )


def claim_guest_orders(user, emails=None):
    """Attach guest orders placed with one of *user*'s verified e-mails. Returns how many."""
    emails = [e.strip().lower() for e in (emails or verified_emails(user)) if e]
    if not emails or not getattr(user, "pk", None):
        return 0
    claimed = 0
    for email in emails:
        claimed += Order.objects.filter(user__isnull=True, email__iexact=email).update(user=user)
    return claimed
