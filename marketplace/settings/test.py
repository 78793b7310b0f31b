"""Test settings: fast hasher, local-memory cache, e-mail kept in memory.

The database, Elasticsearch, Redis and stripe-mock addresses come from the environment
that `scripts/services.sh env` prints; the test command sets them.
"""

import os

from .base import *  # noqa: F403
from .base import DATABASES, RATE_LIMITS, env

SECRET_KEY = "test-secret-key-not-for-production"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "market-test",
    }
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Off unless a test turns it on (tests/core/test_pagecache.py): other tests read pages
# right after changing data without the receivers that purge it.
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0  # likewise (tests/performance turns it on)
MEDIA_ROOT = env("TEST_MEDIA_ROOT", "/tmp/cho-tinh-test-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Several test runs may share one PostgreSQL server (e.g. two work trees): name the test
# database after TEST_DB_NAME when given.
if os.environ.get("TEST_DB_NAME"):
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ["TEST_DB_NAME"]
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "test")
ACCOUNT_RATE_LIMITS = {"login_failed": "5/m/ip,3/5m/key", "signup": "100/m/ip"}
# Generous request limits; tests/security sets tiny ones where it checks them.
RATE_LIMITS = dict.fromkeys(RATE_LIMITS, "100000/m")
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://localhost"  # the default Wagtail site the tests were written against
WHITENOISE_AUTOREFRESH = True
# Tasks run at once (after commit) unless a test switches to the database queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": []}}
# No counters thread writing behind a test's back (tests/faults turns it on where needed).
COUNTERS_BACKGROUND_DRAIN = False
# One process runs the suite and the cache is emptied between tests: cached sites and
# settings must not expire in the middle of a test on a slow machine (query counts).
SITE_CACHE_LOCAL_SECONDS = 3600
