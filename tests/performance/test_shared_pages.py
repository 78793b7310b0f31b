"""Signed-in shoppers and guests with a cart get the shared cached page with their own bits
spliced in (core.pagecache, "personal regions"), over the real Redis; and the page cache
is purged per object: an order purges its products' pages, not the site.
"""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import pagecache
from tests.factories import BoothFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COUNT = re.compile(r"data-cart-count>(\d+)<")
UA = {"HTTP_USER_AGENT": "Mozilla/5.0 (Android 14)"}


def _shopper(product, quantity, **fields):
    user = UserFactory(**fields)
    client = Client(**UA)
    client.force_login(user)
    response = client.post("/gio-hang/them/", {"product": product.pk, "quantity": quantity})
    assert response.status_code == 302
    return user, client


def _count(html):
    found = COUNT.search(html)
    return int(found.group(1)) if found else None


def _tokens(html):
    return CSRF.findall(html)


def test_each_shopper_gets_the_shared_page_with_their_own_header(
    redis_page_cache, market, market_urls
):
    product = market["product"]
    a, client_a = _shopper(product, 7, full_name="Trần Văn An", email="an.tran@example.vn")
    b, client_b = _shopper(product, 2, full_name="Lê Thị Bình", email="binh.le@example.vn")
    client_a.get("/")  # A's "added to your cart" message shown (and consumed) here
    client_b.get("/")
    for url in market_urls:
        Client(**UA).get(url)  # an anonymous visitor's miss stores the page
        response = client_a.get(url)
        assert response["X-Page-Cache"] == "shared", url
        html_a = response.content.decode()
        assert a.full_name in html_a and _count(html_a) == 7, url
        tokens_a = _tokens(html_a)
        assert tokens_a, url  # the sign-out form and the session notice carry A's token
        secret_a = client_a.cookies["csrftoken"].value
        assert {_unmask_cipher_token(t) for t in tokens_a} == {secret_a}

        response = client_b.get(url)
        assert response["X-Page-Cache"] == "shared", url
        html_b = response.content.decode()
        assert b.full_name in html_b and _count(html_b) == 2, url
        for bit in (a.full_name, a.email, *tokens_a):
            assert bit not in html_b, (url, bit)
        secret_b = client_b.cookies["csrftoken"].value
        assert secret_b != secret_a
        assert {_unmask_cipher_token(t) for t in _tokens(html_b)} == {secret_b}

        response = Client(**UA).get(url)
        assert response["X-Page-Cache"] == "hit", url
        html = response.content.decode()
        for bit in (a.full_name, b.full_name, a.email, b.email, "cart-link__count"):
            assert bit not in html, (url, bit)
        assert not _tokens(html) and "session-warning" not in html, url


def test_personal_answers_are_private_and_never_a_hit(redis_page_cache, market):
    url = market["product"].get_absolute_url()
    Client(**UA).get(url)
    _user, shopper = _shopper(market["product"], 1)
    response = shopper.get(url)
    assert response["X-Page-Cache"] == "shared"
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    anonymous = Client(**UA).get(url)
    assert anonymous["X-Page-Cache"] == "hit"
    assert "private" not in anonymous.get("Cache-Control", "")


def test_a_shoppers_miss_stores_exactly_the_anonymous_page(redis_page_cache, market, market_urls):
    """On a miss the shopper's page is rendered for them and stored for everyone with the
    personal regions rendered for an anonymous visitor: byte for byte what an anonymous
    visitor's miss stores."""
    user, shopper = _shopper(market["product"], 3, full_name="Phạm Thị Riêng")
    shopper.get("/gio-hang/")  # the "added" message
    for url in market_urls:
        response = shopper.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert user.full_name in response.content.decode()
        from_shopper = Client(**UA).get(url)
        assert from_shopper["X-Page-Cache"] == "hit", url
        pagecache.purge()
        from_anonymous = Client(**UA).get(url)
        assert from_anonymous["X-Page-Cache"] == "miss", url
        assert from_shopper.content == from_anonymous.content, url


def test_a_flash_message_is_shown_to_its_owner_once_and_never_stored(redis_page_cache, market):
    url = market["product"].get_absolute_url()
    Client(**UA).get(url)
    for first in ("shared", "miss"):  # spliced into a stored page, or on a miss
        if first == "miss":
            pagecache.purge()
        _user, shopper = _shopper(market["product"], 1)
        response = shopper.get(url)
        assert response["X-Page-Cache"] == first
        assert "to your cart" in response.content.decode() or "Đã thêm" in (
            response.content.decode()
        )
        again = shopper.get(url).content.decode()
        assert "to your cart" not in again and "Đã thêm" not in again
        html = Client(**UA).get(url).content.decode()
        assert "to your cart" not in html and "Đã thêm" not in html


def test_a_guest_with_a_cart_gets_their_cart_count(redis_page_cache, market):
    url = "/san-pham/"
    Client(**UA).get(url)
    guest = Client(**UA)
    guest.post("/gio-hang/them/", {"product": market["product"].pk, "quantity": 4})
    guest.get(url)  # the message
    response = guest.get(url)
    assert response["X-Page-Cache"] == "shared"
    html = response.content.decode()
    assert _count(html) == 4 and "account_login" not in html
    assert Client(**UA).get(url)["X-Page-Cache"] == "hit"
    assert _count(Client(**UA).get(url).content.decode()) is None


def test_staff_and_editors_get_a_fresh_page_with_the_user_bar(redis_page_cache, market, home):
    url = "/"
    Client(**UA).get(url)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    editor = UserFactory()
    group = Group.objects.create(name="Editors of this test")
    group.permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    editor.groups.add(group)
    staff = UserFactory(is_staff=True)
    for user in (superuser, editor, staff):
        client = Client(**UA)
        client.force_login(user)
        response = client.get(url)
        assert "X-Page-Cache" not in response, user
        html = response.content.decode()
        assert user.full_name in html
        if user is not staff:  # staff without Wagtail access have no user bar
            assert "wagtail-userbar" in html
    assert "wagtail-userbar" not in Client(**UA).get(url).content.decode()


def test_a_spliced_page_costs_session_user_permission_and_cart(redis_page_cache, market):
    url = market["product"].get_absolute_url()
    Client(**UA).get(url)
    _user, shopper = _shopper(market["product"], 2)
    shopper.get(url)  # the message, the idle-session refresh
    with CaptureQueriesContext(connection) as queries:
        response = shopper.get(url)
    assert response["X-Page-Cache"] == "shared"
    # session, user, Wagtail admin access (one query), the cart's lines
    assert len(queries) == 4, [q["sql"] for q in queries]


def test_the_beacon_counts_a_signed_in_reader_of_a_shared_page_once(redis_page_cache, market):
    from counters import flush

    product = market["product"]
    url = product.get_absolute_url()
    Client(**UA).get(url)
    flush()
    product.refresh_from_db()
    before = product.view_count
    _user, shopper = _shopper(product, 1)
    for _ in range(2):
        html = shopper.get(url).content.decode()
        src = re.search(r'src="(/dem/product/\d+\.gif)"', html).group(1)
        assert shopper.get(src).status_code == 200
    flush()
    product.refresh_from_db()
    assert product.view_count == before + 1


def test_a_private_page_rendered_for_a_session_is_not_stored(redis_page_cache, market):
    from wagtail.models import PageViewRestriction

    article = market["article"]
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    _user, shopper = _shopper(market["product"], 1)
    response = shopper.get(article.url)
    assert response.status_code == 200 and response["X-Page-Cache"] == "skip"
    assert Client(**UA).get(article.url).status_code == 302  # sign in first


def test_a_product_page_with_reviews_is_cached_and_its_forms_work(redis_page_cache, market):
    """The reviews' "helpful" and "report" forms carry the empty token of a cached page
    (a real token made every product with a review uncacheable)."""
    from reviews import actions
    from tests.reviews.conftest import make_order

    product = market["product"]
    buyer = UserFactory()
    _order, item = make_order(buyer, product)
    review = actions.create(buyer, item, rating=5, text="Vải ngọt, giao nhanh.")
    url = product.get_absolute_url()
    assert Client(**UA).get(url)["X-Page-Cache"] == "miss"
    visitor = Client(enforce_csrf_checks=True, **UA)
    response = visitor.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert "Vải ngọt, giao nhanh." in response.content.decode()
    assert not _tokens(response.content.decode())
    _user, shopper = _shopper(product, 1)
    assert shopper.get(url)["X-Page-Cache"] == "shared"
    voter = Client(enforce_csrf_checks=True, **UA)
    voter.force_login(UserFactory())
    token = voter.get("/csrf/").json()["token"]
    response = voter.post(f"/danh-gia/{review.pk}/huu-ich/", {"csrfmiddlewaretoken": token})
    assert response.status_code in (200, 302)


# --- Purging per object -------------------------------------------------------------------


def _cached(*urls):
    for url in urls:
        Client(**UA).get(url)
        assert Client(**UA).get(url)["X-Page-Cache"] == "hit", url


def _state(url):
    return Client(**UA).get(url)["X-Page-Cache"]


def test_an_order_purges_its_products_pages_only(redis_page_cache, market):
    from orders import stock

    x = market["product"]
    y = ProductFactory(booth=x.booth, stock=20)
    urls = [x.get_absolute_url(), y.get_absolute_url(), "/san-pham/", "/"]
    _cached(*urls)
    assert stock.reserve(x.pk, 3)
    stock.notify_search([x.pk])
    assert [_state(url) for url in urls] == ["miss", "hit", "hit", "hit"]
    assert "47" in Client(**UA).get(x.get_absolute_url()).content.decode()
    # selling out changes "in stock" on the lists: they are purged too
    _cached(*urls)
    assert stock.reserve(x.pk, 47)
    stock.notify_search([x.pk])
    assert [_state(url) for url in urls] == ["miss"] * 4  # all show the catalogue
    _cached(*urls)
    stock.notify_search([y.pk])  # y: 20 left, nothing crossed zero
    assert [_state(url) for url in urls] == ["hit", "miss", "hit", "hit"]


def test_a_checkout_purges_the_bought_products_page(redis_page_cache, market):
    from tests.orders.conftest import add_to_cart, checkout

    x = market["product"]
    y = ProductFactory(booth=x.booth, stock=20)
    _cached(x.get_absolute_url(), y.get_absolute_url())
    shopper = Client(**UA)
    shopper.force_login(UserFactory())
    add_to_cart(shopper, x, 2)
    assert checkout(shopper).status_code == 302
    x.refresh_from_db()
    assert x.stock == 48
    assert _state(x.get_absolute_url()) == "miss"
    assert _state(y.get_absolute_url()) == "hit"


def test_a_product_save_purges_its_page_and_the_lists(redis_page_cache, market):
    x = market["product"]
    urls = [x.get_absolute_url(), "/san-pham/", "/", market["booth"].get_absolute_url()]
    _cached(*urls)
    x.name = "Vải thiều chín sớm"
    x.save()
    for url in urls:
        response = Client(**UA).get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Vải thiều chín sớm" in response.content.decode(), url


def test_a_booth_suspension_purges_its_page_its_products_and_the_lists(redis_page_cache, market):
    booth = market["booth"]
    other = BoothFactory()
    other_product = ProductFactory(booth=other)
    x = market["product"]
    urls = [booth.get_absolute_url(), x.get_absolute_url(), "/san-pham/", "/gian-hang/"]
    _cached(*urls, other_product.get_absolute_url())
    booth.status = booth.Status.SUSPENDED
    booth.save()
    assert Client(**UA).get(booth.get_absolute_url()).status_code == 404
    assert Client(**UA).get(x.get_absolute_url()).status_code == 404
    for url in ("/san-pham/", "/gian-hang/"):
        response = Client(**UA).get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert booth.name not in response.content.decode()


def test_a_counters_flush_does_not_empty_the_cache(redis_page_cache, market, market_urls):
    from counters import flush

    urls = market_urls
    _cached(*urls)
    Client(**UA).get(f"/dem/product/{market['product'].pk}.gif")
    flush()
    assert [_state(url) for url in urls] == ["hit"] * len(urls)
