"""A Redis cache that a Redis outage turns into cache misses, not errors.

Django's `RedisCache` raises `redis.ConnectionError` from every `get` when Redis is down,
and the site reads the cache on every page (the site, its settings, the footer figures,
facets): one stopped Redis would answer every request with a 500. `ResilientRedisCache`
is the same backend with every operation guarded:

- a read that cannot reach Redis is a miss (`get` returns the default, `get_many` {},
  `has_key` False, `incr` raises ValueError as for a missing key), so the caller reads
  the database as it does after any expiry;
- a write or delete is skipped (`touch`/`delete` return False, `set_many` returns every
  key as not stored); `add` returns True, as if stored: callers that use `add` as a lock
  or a first-hit marker (allauth's rate limits take a lock with it) carry on instead of
  waiting for a lock that can never be had, so **rate limits do not hold while the cache
  is down** — sign-in works, and the health check reports the outage;
- the first failure logs one warning, and for DOWN_RETRY_SECONDS (default 5) after it the
  backend does not try Redis again, so a dead or unreachable Redis costs each request
  nothing rather than a connect timeout per call. The first call after that window tries
  again; when Redis answers, it is used at once. `is_down()` tells which state it is in.

Set short socket timeouts in OPTIONS (`socket_connect_timeout`, `socket_timeout`) so a
Redis that hangs instead of refusing costs milliseconds, not seconds.

What may be missed while Redis is down: invalidations (a `delete` that could not be
sent). Cached entries expire on their own timeouts (at most 10 minutes here), so a value
changed during an outage may look stale for that long after Redis comes back unless Redis
restarted empty.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

DEFAULT_DOWN_RETRY_SECONDS = 5.0

_state_lock = threading.Lock()
_down_until = {}  # location -> monotonic time until which Redis is not tried


def _guarded(fallback):
    """Make a cache method return *fallback(args, kwargs)* instead of raising when Redis
    cannot be reached (or is known to be down)."""

    def decorate(method):
        @functools.wraps(method)
        def run(self, *args, **kwargs):
            if self.is_down():
                return fallback(args, kwargs)
            try:
                result = method(self, *args, **kwargs)
            except self._unavailable_errors as exc:
                self._mark_down(exc)
                return fallback(args, kwargs)
            self._mark_up()
            return result

        return run

    return decorate


def _default_of_get(args, kwargs):
    if "default" in kwargs:
        return kwargs["default"]
    return args[1] if len(args) > 1 else None


def _missing_key(args, kwargs):
    raise ValueError("Key not found (cache unavailable)")


def _set_many_keys(args, kwargs):
    data = kwargs.get("data", args[0] if args else {})
    return list(data)


class ResilientRedisCache(RedisCache):
    """Django's RedisCache; a Redis outage reads as misses and skipped writes."""

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.down_retry_seconds = float(
            options.pop("DOWN_RETRY_SECONDS", DEFAULT_DOWN_RETRY_SECONDS)
        )
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._location = ",".join(self._servers)
        import redis

        # Connection refused, reset, timed out, Redis still loading its data, read-only
        # replica: Redis is not usable right now. Other errors are bugs and still raise.
        self._unavailable_errors = (
            redis.exceptions.ConnectionError,
            redis.exceptions.TimeoutError,
            redis.exceptions.ReadOnlyError,
            OSError,
        )

    def is_down(self):
        until = _down_until.get(self._location)
        return until is not None and time.monotonic() < until

    def _mark_down(self, exc):
        with _state_lock:
            first = self._location not in _down_until
            _down_until[self._location] = time.monotonic() + self.down_retry_seconds
        if first:
            logger.warning(
                "Cache unavailable (%s): %r; serving without the cache, retrying every %ss",
                self._location,
                exc,
                self.down_retry_seconds,
            )

    def _mark_up(self):
        if self._location in _down_until:
            with _state_lock:
                if _down_until.pop(self._location, None) is not None:
                    logger.warning("Cache available again (%s)", self._location)

    def ping(self):
        """True if Redis answers now (ignores the retry window): for the health check."""
        try:
            ok = bool(self._cache.get_client(write=True).ping())
        except self._unavailable_errors as exc:
            self._mark_down(exc)
            return False
        self._mark_up()
        return ok

    add = _guarded(lambda a, k: True)(RedisCache.add)
    get = _guarded(_default_of_get)(RedisCache.get)
    set = _guarded(lambda a, k: None)(RedisCache.set)
    touch = _guarded(lambda a, k: False)(RedisCache.touch)
    delete = _guarded(lambda a, k: False)(RedisCache.delete)
    get_many = _guarded(lambda a, k: {})(RedisCache.get_many)
    has_key = _guarded(lambda a, k: False)(RedisCache.has_key)
    incr = _guarded(_missing_key)(RedisCache.incr)
    set_many = _guarded(_set_many_keys)(RedisCache.set_many)
    delete_many = _guarded(lambda a, k: None)(RedisCache.delete_many)
    clear = _guarded(lambda a, k: False)(RedisCache.clear)
