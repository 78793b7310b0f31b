"""Failed logins per account: a progressive delay instead of a lockout.

allauth's `login_failed` limits stay strict per address and per (e-mail, address) pair
(`ACCOUNT_RATE_LIMITS`; the pair key is built in accounts/adapter.py), so a stranger
who types wrong passwords for someone's e-mail locks out only their own address. Across
all addresses the account gets a *delay*, not a lockout: after
`LOGIN_DELAY_FREE_FAILURES` failures within `LOGIN_DELAY_WINDOW_SECONDS`, each further
attempt must wait 2, 4, 8… seconds after the last failure, never more than
`LOGIN_DELAY_MAX_SECONDS`. That slows guessing from many addresses to one try a minute,
while the owner waits at most a minute — and not at all:

- on a browser where they signed in before (a signed "known device" cookie set at
  login, `remember_device`), and
- after a password reset by mail, which clears the delay (`clear`); the reset form is
  rate-limited on its own and never refused because of failed logins.

The state sits in the shared cache; when the cache is down nobody is delayed.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

logger = logging.getLogger(__name__)

DEVICE_COOKIE = "cho_device"
DEVICE_SALT = "accounts.lockout.device"
DEVICE_MAX_AGE = 180 * 24 * 3600
DEVICE_MAX_USERS = 5


def now():
    return time.time()


def _key(email):
    digest = hashlib.sha256((email or "").strip().lower().encode()).hexdigest()
    return f"login-delay:{digest}"


def _state(email):
    try:
        return cache.get(_key(email)) or {"failures": 0, "last": 0.0}
    except Exception:
        logger.warning("login delay: cache unavailable")
        return {"failures": 0, "last": 0.0}


def delay_for(failures):
    """Seconds an account must rest after its last failure, given its failure count."""
    extra = failures - settings.LOGIN_DELAY_FREE_FAILURES
    if extra < 0:
        return 0
    return min(2 ** (extra + 1), settings.LOGIN_DELAY_MAX_SECONDS)


def seconds_to_wait(email, request=None):
    """0 when the account may try now; otherwise the seconds left to wait."""
    if request is not None and is_known_device(request, email):
        return 0
    state = _state(email)
    left = state["last"] + delay_for(state["failures"]) - now()
    return max(0, int(left + 0.999))


def record_failure(email):
    state = _state(email)
    if now() - state["last"] > settings.LOGIN_DELAY_WINDOW_SECONDS:
        state = {"failures": 0, "last": 0.0}
    state = {"failures": state["failures"] + 1, "last": now()}
    try:
        cache.set(_key(email), state, settings.LOGIN_DELAY_WINDOW_SECONDS)
    except Exception:
        logger.warning("login delay: cache unavailable")


def clear(email):
    try:
        cache.delete(_key(email))
    except Exception:
        logger.warning("login delay: cache unavailable")


# --- known devices ---------------------------------------------------------------


def _device_users(request):
    raw = request.COOKIES.get(DEVICE_COOKIE)
    if not raw:
        return []
    try:
        users = signing.loads(raw, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return []
    return users if isinstance(users, list) else []


def is_known_device(request, email):
    from accounts.models import User

    users = _device_users(request)
    if not users:
        return False
    return User.objects.filter(pk__in=users, email__iexact=(email or "").strip()).exists()


def remember_device(request, response, user):
    """Mark this browser as one `user` signed in from (on the login's response)."""
    users = [pk for pk in _device_users(request) if pk != user.pk]
    users = [user.pk, *users][:DEVICE_MAX_USERS]
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(users, salt=DEVICE_SALT),
        max_age=DEVICE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response
