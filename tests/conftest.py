"""Fixtures shared by every test area.

The test command (`make test`) runs the suite against real PostgreSQL, Elasticsearch,
stripe-mock and Redis started by `scripts/services.sh`; their addresses come from the
environment.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.factories import DEFAULT_PASSWORD, UserFactory

OUTPUT_DIR = Path(
    os.environ.get("TEST_OUTPUT_DIR", Path(__file__).resolve().parent.parent / "test-output")
)


# A test that uses one of these fixtures, or runs with one of these parameters, talks to a
# real service (PostgreSQL with several connections, Elasticsearch, Redis, stripe-mock, a
# browser), and so does a transactional test (threads, several connections):
# `make test-fast` leaves it out with `-m "not services and not e2e"`.
SERVICE_FIXTURES = {"es", "indexed_market", "live_server", "stripe_on", "transactional_db"}
SERVICE_PARAMS = {"redis", "elasticsearch"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        callspec = getattr(item, "callspec", None)
        params = {str(value) for value in callspec.params.values()} if callspec else set()
        db = item.get_closest_marker("django_db")
        transactional = db is not None and (db.kwargs.get("transaction") or db.args[:1] == (True,))
        if (
            transactional
            or SERVICE_FIXTURES & set(getattr(item, "fixturenames", ()))
            or SERVICE_PARAMS & params
        ):
            item.add_marker(pytest.mark.services)


@pytest.fixture(scope="session")
def output_dir():
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    return OUTPUT_DIR


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    settings.MEDIA_ROOT = str(media)
    yield
    shutil.rmtree(media, ignore_errors=True)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def moderator(db):
    from django.contrib.auth.models import Group

    from accounts import roles

    user = UserFactory(is_staff=True)
    group, _ = Group.objects.get_or_create(name=roles.MODERATORS)
    user.groups.add(group)
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _counters_process_buffer():
    """Page views held in this process's memory never leak from one test into another."""
    from counters import local

    local.discard()
    yield
    local.discard()


@pytest.fixture(autouse=True)
def _counters_redis_prefix(settings, _counters_redis_cleanup):
    """Each test process buffers counters under its own Redis prefix, so runs sharing a
    Redis server never fold each other's increments into their databases."""
    settings.COUNTERS_REDIS_PREFIX = _counters_redis_cleanup


@pytest.fixture(scope="session")
def _counters_redis_cleanup():
    from django.conf import settings as django_settings

    prefix = f"test-{os.getpid()}:counters"
    yield prefix
    if django_settings.COUNTERS_REDIS_URL:
        try:
            import redis

            client = redis.Redis.from_url(django_settings.COUNTERS_REDIS_URL)
            keys = list(client.scan_iter(f"{prefix}:*"))
            if keys:
                client.delete(*keys)
        except Exception:
            pass  # Redis already gone: nothing to tidy


# One Playwright and one Chromium for the whole run, shared by tests/e2e and tests/frontend:
# Playwright's sync API allows one instance per thread, so the session fixtures live here
# and nowhere else (a second copy in another conftest would start a second instance).
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ],
    )
    yield browser
    browser.close()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts and ends in the site's language: a request under /en/ activates
    English in the test's thread, and the next test must not inherit it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
