"""A shopper types in the header search box, picks a suggestion, lands on the product."""

import os
import uuid

import pytest

from search.client import get_client
from search.rebuild import rebuild_all
from tests.factories import AreaFactory, BoothFactory, ProductFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def search_index(settings):
    url = os.environ.get("ELASTICSEARCH_URL", "")
    assert url, "ELASTICSEARCH_URL must point at the test Elasticsearch"
    settings.ELASTICSEARCH_URL = url
    settings.SEARCH_INDEX_PREFIX = (
        f"{os.environ.get('SEARCH_INDEX_PREFIX', 'test')}-e2e-{uuid.uuid4().hex[:8]}"
    )
    client = get_client()
    yield client
    client.indices.delete(index=f"{settings.SEARCH_INDEX_PREFIX}-*", ignore_unavailable=True)


@pytest.mark.parametrize("kind", ["desktop", "phone"])
def test_type_vai_pick_the_suggestion_land_on_the_product(
    live_server, new_page, search_index, kind
):
    area = AreaFactory(name="Lục Ngạn", slug="luc-ngan")
    booth = BoothFactory(name="HTX Vải thiều Phượng Hoàng", slug="htx-phuong-hoang", area=area)
    lychee = ProductFactory(
        name="Vải thiều Lục Ngạn", slug="vai-thieu-luc-ngan", booth=booth, origin_area=area
    )
    ProductFactory(name="Gà đồi Yên Thế", slug="ga-doi-yen-the", booth=booth)
    rebuild_all(client=search_index)

    page = new_page(kind)
    page.goto(live_server.url + "/tim-kiem/")
    box = page.locator("#header-q")
    box.click()
    box.press_sequentially("vai", delay=60)
    listbox = page.locator("#header-q-suggestions")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    option = listbox.get_by_role("option", name="Vải thiều Lục Ngạn")
    option.wait_for()

    if kind == "desktop":
        # keyboard: arrow down highlights the options in turn, Enter opens it; products
        # come before booths
        box.press("ArrowDown")
        assert listbox.get_by_role("option").first.get_attribute("aria-selected") == "true"
        assert option.get_attribute("aria-selected") == "true"
        assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
        # a viewport shot (a full-page one resizes the window and may blur the box)
        page.screenshot(path=str(output_shot(kind)))
        with page.expect_navigation():
            box.press("Enter")
    else:
        page.screenshot(path=str(output_shot(kind)))
        with page.expect_navigation():
            option.tap()
    assert page.url == live_server.url + lychee.get_absolute_url()


def output_shot(kind):
    from tests.conftest import OUTPUT_DIR

    folder = OUTPUT_DIR / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"search-suggestions-{kind}.png"


def test_search_page_in_the_browser_filters_by_facet(
    live_server, new_page, screenshots, search_index
):
    area = AreaFactory(name="Yên Thế", slug="yen-the")
    booth = BoothFactory(name="Trang trại đồi", slug="trang-trai-doi", area=area)
    ProductFactory(
        name="Gà đồi Yên Thế", slug="ga-doi", booth=booth, origin_area=area, ocop_stars=3
    )
    ProductFactory(name="Gà ri thả vườn", slug="ga-ri", booth=booth, ocop_stars=0)
    rebuild_all(client=search_index)

    page = new_page("phone")
    page.goto(live_server.url + "/tim-kiem/?q=ga")
    assert page.locator(".search-product").count() == 2
    # on a phone the filters start folded above the results; a tap opens them
    stars = page.locator('[data-facet="stars"] a', has_text="OCOP 3")
    assert not stars.is_visible()
    page.locator(".search-facets__toggle").click()
    stars.click()
    page.wait_for_load_state()
    assert "stars=3" in page.url
    assert page.locator(".search-product").count() == 1
    assert "Gà đồi Yên Thế" in page.locator(".search-product__name").inner_text()
    assert page.locator(".search-facets__toggle").inner_text().strip() == "Bộ lọc 1"
    screenshots(page, "search-page-phone")
