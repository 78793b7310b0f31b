"""A small fixed-window rate limit on the shared cache (writing, reporting, voting).

Written for the reviews while `core/ratelimit.py` is being added elsewhere; the same
"N/period" notation (`REVIEW_RATE_LIMIT`, e.g. "10/h"). The cache is shared by every web
worker (Redis in production), so the limit holds across processes.
"""

from django.conf import settings
from django.core.cache import cache

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse(rate):
    count, _, period = str(rate).partition("/")
    return int(count), PERIODS.get(period.strip().lower()[:1] or "h", 3600)


def allow(scope, key, rate=None):
    """Count one action of *key* in *scope*; False once the rate is exceeded."""
    limit, seconds = parse(rate or getattr(settings, "REVIEW_RATE_LIMIT", "10/h"))
    cache_key = f"ratelimit:{scope}:{key}"
    if cache.add(cache_key, 1, seconds):
        return True
    try:
        hits = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, seconds)
        return True
    return hits <= limit
