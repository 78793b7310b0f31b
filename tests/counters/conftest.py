import os

import pytest

BROWSER_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
)
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:63790/7")


def _clear_redis(prefix):
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture(params=["redis", "database"])
def counter_backend(request, settings):
    """Run the test with the Redis buffer and with the sharded-row database buffer."""
    settings.COUNTERS_REDIS_PREFIX = "tissue7:counters"
    if request.param == "redis":
        settings.COUNTERS_REDIS_URL = REDIS_URL
        _clear_redis(settings.COUNTERS_REDIS_PREFIX)
    else:
        settings.COUNTERS_REDIS_URL = ""
    yield request.param
    if request.param == "redis":
        _clear_redis(settings.COUNTERS_REDIS_PREFIX)


@pytest.fixture
def counter_urls(settings):
    settings.ROOT_URLCONF = "tests.counters.urls"
    from django.urls import clear_url_caches

    clear_url_caches()
    yield
    clear_url_caches()


@pytest.fixture
def browser_client(client):
    client.defaults["HTTP_USER_AGENT"] = BROWSER_UA
    return client


def site_visits():
    from counters import visits_total

    return visits_total()
