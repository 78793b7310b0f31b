"""Stripe access, configured from the environment.

STRIPE_SECRET_KEY unset = card payment hidden. STRIPE_API_BASE points the client at
stripe-mock in tests.
"""

from django.conf import settings


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
