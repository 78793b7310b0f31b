"""Rate limits on the shared cache: fixed-window counters across every web worker.

Each limit has a name and a rate in `settings.RATE_LIMITS` ("30/m": 30 requests a
minute; units s, m, h, d). A request counts once against its client address
(`core.clientip`) and, when signed in, once against its user; over either limit it gets
a 429 with `Retry-After`. Counters live in the default cache (`cache.add` then
`cache.incr`, atomic in Redis), so several workers share them. When the cache is down
the limiter lets the request through: a limit is protection, not a reason to fail.

    @rate_limit("search")                       # every method
    @rate_limit("upload", methods=("POST",))    # only writes count
    @rate_limit("autocomplete", json=True)      # a JSON 429 for scripts
"""

import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.clientip import client_ip

logger = logging.getLogger(__name__)

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """ "30/m" -> (30, 60); "5/10m" -> (5, 600). None or "" -> None (no limit)."""
    if not rate:
        return None
    amount, _sep, period = str(rate).partition("/")
    period = period.strip() or "m"
    count = period[:-1] or "1"
    return int(amount), int(float(count) * UNITS[period[-1]])


def _window(name, scope, ident, seconds, now):
    start = int(now // seconds) * seconds
    return f"rl:{name}:{scope}:{ident}:{start}", start + seconds


def hit(name, request, now=None):
    """Count one request against limit `name`. Returns 0 when allowed, otherwise the
    seconds to wait before the window ends."""
    idents = [("ip", client_ip(request))]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        idents.append(("user", user.pk))
    return hit_idents(name, idents, now=now)


def hit_idents(name, idents, rate=None, now=None):
    """Count one action against limit `name` for each (scope, ident) pair, e.g.
    `[("user", 12)]` for work done outside a request. *rate* overrides the setting.
    Returns 0 when allowed, otherwise the seconds to wait."""
    if not getattr(settings, "RATE_LIMITS_ENABLED", True):
        return 0
    parsed = parse_rate(rate or getattr(settings, "RATE_LIMITS", {}).get(name))
    if parsed is None:
        return 0
    limit, seconds = parsed
    now = time.time() if now is None else now
    wait = 0
    for scope, ident in idents:
        key, ends = _window(name, scope, ident, seconds, now)
        try:
            cache.add(key, 0, timeout=seconds + 1)
            count = cache.incr(key)
        except Exception:  # cache down or key evicted: let the action through
            logger.warning("rate limit %s: cache unavailable, not limiting", name)
            return 0
        if count > limit:
            wait = max(wait, int(ends - now) + 1)
    return wait


def too_many_requests(request, retry_after, json=False):
    """The 429 answer: a Vietnamese page (or JSON) saying when to try again."""
    minutes = max(1, (retry_after + 59) // 60)
    message = _("Too many requests. Please try again in %(seconds)s seconds.") % {
        "seconds": retry_after
    }
    if json:
        response = JsonResponse({"error": message, "retry_after": retry_after}, status=429)
    else:
        response = render(
            request,
            "429.html",
            {"retry_after": retry_after, "retry_minutes": minutes, "message": message},
            status=429,
        )
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def rate_limit(name, methods=None, json=False):
    """View decorator: answer 429 once the client or user is over limit `name`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if methods is None or request.method in methods:
                wait = hit(name, request)
                if wait:
                    return too_many_requests(request, wait, json=json)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
