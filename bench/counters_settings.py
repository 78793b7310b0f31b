"""Settings for the counters benchmark: the real base settings, DEBUG off, a product page
that records views (bench/counters_urls.py), persistent database connections."""

import os

from marketplace.settings.base import *  # noqa: F403
from marketplace.settings.base import DATABASES

SECRET_KEY = "bench-only-secret-key-not-for-production-0123456789abcdef"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.counters_urls"
DATABASES["default"]["CONN_MAX_AGE"] = 60
if os.environ.get("BENCH_DB_NAME"):
    DATABASES["default"]["NAME"] = os.environ["BENCH_DB_NAME"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
# Static files are not part of the measured page; an empty folder keeps WhiteNoise quiet.
STATIC_ROOT.mkdir(exist_ok=True)  # noqa: F405
