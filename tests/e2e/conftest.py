"""End-to-end journeys in Debian's headless Chromium, driven by Playwright.

Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to
run inside one unless told it is safe, which it is here (one thread, no async views).
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.conftest import CHROMIUM  # noqa: F401 — the e2e tests read it from here

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


@pytest.fixture(autouse=True)
def _home_page(request):
    """Transactional tests flush every table, the migration-made home page included."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        from wagtail.models import Collection

        from cms.site_setup import ensure_home_page

        ensure_home_page()
        # The flush also empties the collection tree that images need.
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")


@pytest.fixture
def screenshots(output_dir):
    folder = Path(output_dir) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def new_page(browser):
    contexts = []

    def make(kind="desktop", **extra):
        options = dict(PHONE if kind == "phone" else DESKTOP)
        options.update({"locale": "vi-VN", **extra})
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
