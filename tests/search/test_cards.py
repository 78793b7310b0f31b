"""The search page's product cards come from a cache (search/cards.py); what a shopper
sees on them is still the database's current state on the very next page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Product
from search.fallback import rebuild_entries
from search.models import Kind
from tests.factories import BoothFactory, ProductFactory, ProductImageFactory


@pytest.fixture
def cards_on(settings, no_es):
    """The card cache on, as in production (tests run with fragment caching off); the
    database backend answers, so no index has to catch up with the changes."""
    from django.core.cache import cache

    settings.FRAGMENT_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ginger(db):
    booth = BoothFactory(name="Hợp tác xã Gừng Quế")
    product = ProductFactory(booth=booth, name="Gừng gió Sơn Động", price=60_000, stock=5)
    ProductImageFactory(product=product)
    decoy = ProductFactory(booth=booth, name="Gừng sẻ Lục Nam", price=40_000)
    ProductImageFactory(product=decoy)
    rebuild_entries(Kind.PRODUCT)
    return product


def card(client, product, q="gung", path="/tim-kiem/"):
    """The HTML of *product*'s card on the search page for *q*, or None; and the number
    of SQL queries the page cost."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, {"q": q})
    assert response.status_code == 200
    body = response.content.decode()
    found = re.search(
        rf'<li class="search-product" data-product-id="{product.pk}">.*?</li>', body, re.S
    )
    return (found.group(0) if found else None), len(queries.captured_queries)


def test_a_second_page_reads_the_cards_from_the_cache(cards_on, client, ginger):
    first, cold = card(client, ginger)
    second, warm = card(client, ginger)
    assert first == second
    assert "60.000\u00a0₫" in second and "<mark>Gừng</mark> gió Sơn Động" in second
    assert 'fetchpriority="high"' in first or 'loading="lazy"' in first
    assert warm < cold  # no photo or thumbnail read for cached cards


def test_a_repriced_product_shows_its_new_price_on_the_next_page(cards_on, client, ginger):
    card(client, ginger)
    # a queryset update sends no signal: only the key (price read from the row) can tell
    Product.objects.filter(pk=ginger.pk).update(price=75_000)
    shown, _ = card(client, ginger)
    assert "75.000\u00a0₫" in shown and "60.000\u00a0₫" not in shown


def test_a_product_sold_out_says_so_on_the_next_page(cards_on, client, ginger):
    before, _ = card(client, ginger)
    assert "Hết hàng" not in before
    Product.objects.filter(pk=ginger.pk).update(stock=0)
    shown, _ = card(client, ginger)
    assert "Hết hàng" in shown


def test_a_renamed_product_and_booth_show_their_new_names(cards_on, client, ginger):
    card(client, ginger)
    ginger.name = "Gừng trâu Sơn Động"
    ginger.save()
    ginger.booth.name = "Hợp tác xã Gừng Mới"
    ginger.booth.save()
    shown, _ = card(client, ginger)
    assert "<mark>Gừng</mark> trâu Sơn Động" in shown
    assert "Hợp tác xã Gừng Mới" in shown and "Gừng Quế" not in shown


def test_a_hidden_product_is_gone_from_the_next_page(cards_on, client, ginger):
    assert card(client, ginger)[0] is not None
    Product.objects.filter(pk=ginger.pk).update(status=Product.Status.HIDDEN)
    assert card(client, ginger)[0] is None


def test_a_new_first_photo_shows_on_the_next_page(cards_on, client, ginger):
    old = ginger.images.get().image.get_rendition("fill-120x90|format-webp").url
    assert old in card(client, ginger)[0]
    new = ProductImageFactory(product=ginger, sort_order=-1).image
    shown, _ = card(client, ginger)
    assert new.get_rendition("fill-120x90|format-webp").url in shown
    assert old not in shown


def test_the_english_page_has_its_own_cards(cards_on, client, ginger):
    Product.objects.filter(pk=ginger.pk).update(stock=0)
    vietnamese, _ = card(client, ginger)
    english, _ = card(client, ginger, path="/en/tim-kiem/")
    assert "Hết hàng" in vietnamese
    assert "Out of stock" in english and "Hết hàng" not in english
    assert 'href="/en/san-pham/' in english
