"""The browser fixtures of the end-to-end tests (Debian's Chromium through Playwright)."""

from tests.e2e.conftest import _home_page, browser, playwright_instance  # noqa: F401
