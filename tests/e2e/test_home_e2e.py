"""The home page in a real browser, on a phone and on a desktop."""

import pytest

from tests.factories import BoothFactory, ProductFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("kind", ["phone", "desktop"])
def test_home_page_renders_on_phone_and_desktop(live_server, new_page, screenshots, kind):
    booth = BoothFactory(name="HTX Vải thiều Phượng Hoàng")
    ProductFactory.create_batch(2, booth=booth)
    page = new_page(kind)
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("search").is_visible()
    # the cart is one icon on a phone, and still named for screen readers
    assert page.get_by_role("link", name="Giỏ hàng").is_visible()
    footer = page.locator(".site-footer .figures")
    assert "gian hàng đã tham gia" in footer.inner_text()
    assert page.locator('.site-footer [data-figure="products"]').inner_text() == "2"
    shot = screenshots(page, f"home-{kind}")
    assert shot.stat().st_size > 5_000
    if kind == "desktop":
        return
    # On a phone the page is long: the back-to-top control appears once the visitor
    # scrolls down, and takes them back.
    back = page.locator("#back-to-top")
    assert back.is_hidden()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    back.wait_for(state="visible")
    back.click()
    # A function, not an expression string: Playwright evals strings, which the CSP forbids.
    page.wait_for_function("() => window.scrollY < 50")
