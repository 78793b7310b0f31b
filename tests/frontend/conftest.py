"""The browser fixtures of the end-to-end journeys (Debian chromium through Playwright)."""

from tests.e2e.conftest import (  # noqa: F401
    _home_page,
    browser,
    new_page,
    playwright_instance,
    screenshots,
)
