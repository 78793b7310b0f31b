"""Fixtures of the fault tests: private servers to stop and start (tests/faults/services.py)."""

import shutil

import pytest

from tests.faults.services import PrivatePostgres, PrivateRedis, pg_bindir


@pytest.fixture
def private_redis():
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is not installed (scripts/services.sh up redis installs it)")
    server = PrivateRedis()
    server.start()
    yield server
    server.close()


@pytest.fixture(scope="module")
def private_postgres():
    if pg_bindir() is None:
        pytest.fail("PostgreSQL server binaries are missing (scripts/services.sh up pg)")
    server = PrivatePostgres()
    server.init()
    yield server
    server.close()


@pytest.fixture
def redis_site(settings, private_redis):
    """The site configured as production configures it for REDIS_URL (cache with its
    outage guard, cached_db sessions, counters buffered in Redis), on a private Redis."""
    from marketplace.settings.base import redis_caches

    settings.CACHES = redis_caches(private_redis.url)
    settings.CACHES["default"]["OPTIONS"]["DOWN_RETRY_SECONDS"] = 0  # retry at once
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.COUNTERS_REDIS_URL = private_redis.url
    settings.COUNTERS_PROCESS_BUFFER_SECONDS = 0  # every request straight to the buffer
    return private_redis
