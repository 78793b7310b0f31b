"""The per-test browser fixtures of the end-to-end journeys; the session's Playwright and
Chromium come from tests/conftest.py."""

from tests.e2e.conftest import _home_page, new_page, screenshots  # noqa: F401
