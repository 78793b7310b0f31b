"""Finding an order without an account: by its code and the phone number it was placed with.

Rate-limited per client address and per order code (the shared cache, so every web worker
counts together), and the answer never tells which half was wrong: a code that does not
exist and a wrong phone number look the same, so codes cannot be enumerated.
"""

from django.conf import settings
from django.core.cache import cache

from orders.models import Order


def _limits():
    return (
        int(getattr(settings, "ORDER_LOOKUP_ATTEMPTS", 10)),
        int(getattr(settings, "ORDER_LOOKUP_WINDOW_SECONDS", 900)),
    )


def _hit(key, window):
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def allowed(client_ip, number):
    """Count one attempt; False once the client or the code has used up its attempts."""
    attempts, window = _limits()
    by_client = _hit(f"order-lookup:ip:{client_ip}", window)
    by_code = _hit(f"order-lookup:code:{number}", window)
    return by_client <= attempts and by_code <= attempts


def find(number, phone):
    """The order with this code placed with this phone number, or None."""
    if not number or not phone:
        return None
    return Order.objects.filter(number=number, phone=phone).first()
