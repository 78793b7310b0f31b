"""Settings for `make bench` (bench/run.py): the real base settings with DEBUG off, the
benchmark's own database, persistent connections, Redis cache, and a trivial view
(bench/urls.py) to compare pages against. COUNTERS_ENABLED and PAGE_CACHE_SECONDS come
from the environment, as in production."""

import os

from marketplace.settings.base import *  # noqa: F403
from marketplace.settings.base import DATABASES, RATE_LIMITS

SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789abcdef"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.urls"
DATABASES["default"]["CONN_MAX_AGE"] = 600
if os.environ.get("BENCH_DB_NAME"):
    DATABASES["default"]["NAME"] = os.environ["BENCH_DB_NAME"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
STATIC_ROOT.mkdir(exist_ok=True)  # noqa: F405
# One address sends all of the load here: the request limits are lifted far above it
# (the limiter's check itself still runs on every request).
RATE_LIMITS = dict.fromkeys(RATE_LIMITS, "100000000/m")
# Likewise the cap on a shopper's pending cash-on-delivery orders (orders/caps.py): each
# bench shopper places hundreds; the cap's query still runs.
ORDER_COD_MAX_PENDING_ORDERS = ORDER_COD_MAX_PENDING_UNITS = 1_000_000_000
