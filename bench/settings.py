"""Settings for `make bench` (bench/run.py): the real base settings with DEBUG off, the
benchmark's own database, persistent connections, Redis cache, and a trivial view
(bench/urls.py) to compare pages against. COUNTERS_ENABLED and PAGE_CACHE_SECONDS come
from the environment, as in production."""

import os

from marketplace.settings.base import *  # noqa: F403
from marketplace.settings.base import DATABASES

SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789abcdef"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.urls"
DATABASES["default"]["CONN_MAX_AGE"] = 600
if os.environ.get("BENCH_DB_NAME"):
    DATABASES["default"]["NAME"] = os.environ["BENCH_DB_NAME"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
STATIC_ROOT.mkdir(exist_ok=True)  # noqa: F405
