"""Issue 12, row 8: one shopper cannot hold a product's whole stock in unpaid COD orders,
and checkout, search, autocomplete, the view beacon, booth applications and uploads
answer 429 (a Vietnamese page, JSON for autocomplete) past their rate limits, counted on
the shared cache."""

import os
import types

import pytest
from django.http import HttpResponse
from django.test import Client

from catalog.models import Product
from core import ratelimit
from orders.models import Order
from tests.factories import BoothFactory, MembershipFactory, ProductFactory, UserFactory
from tests.orders.conftest import ADDRESS, add_to_cart, checkout

pytestmark = pytest.mark.django_db


# --- pending cash-on-delivery caps ----------------------------------------------------


@pytest.fixture
def caps(settings):
    settings.ORDER_COD_MAX_PENDING_ORDERS = 3
    settings.ORDER_COD_MAX_PENDING_UNITS = 25
    return settings


@pytest.fixture
def lychee(db):
    return ProductFactory(name="Vải thiều", price=85_000, stock=150, unit="kg")


def place(client, product, quantity, **overrides):
    add_to_cart(client, product, quantity)
    return checkout(client, **overrides)


def test_one_shopper_cannot_reserve_the_whole_stock_with_cod_orders(client, caps, lychee):
    shopper = UserFactory()
    client.force_login(shopper)
    assert place(client, lychee, 10).status_code == 302
    assert place(client, lychee, 10).status_code == 302
    refused = place(client, lychee, 10)  # 30 units pending > 25
    assert refused.status_code == 409
    assert "tối đa 25 sản phẩm" in refused.content.decode()
    # Nothing of the refused checkout was saved or reserved.
    assert Order.objects.filter(user=shopper).count() == 2
    assert Product.objects.get(pk=lychee.pk).stock == 130
    # Once the booth confirms an order, it no longer counts.
    first = Order.objects.filter(user=shopper).order_by("created_at").first()
    Order.objects.filter(pk=first.pk).update(status=Order.Status.CONFIRMED)
    assert checkout(client).status_code == 302


def test_the_number_of_pending_cod_orders_is_capped(client, caps, lychee):
    shopper = UserFactory()
    client.force_login(shopper)
    for _ in range(3):
        assert place(client, lychee, 1).status_code == 302
    refused = place(client, lychee, 1)
    assert refused.status_code == 409
    assert "tối đa 3 đơn" in refused.content.decode()
    assert Order.objects.filter(user=shopper).count() == 3


def test_a_second_account_with_the_same_phone_shares_the_cap(caps, lychee):
    first, second = Client(), Client()
    first.force_login(UserFactory())
    second.force_login(UserFactory())
    assert place(first, lychee, 20).status_code == 302
    refused = place(second, lychee, 10)
    assert refused.status_code == 409
    other_phone = checkout(second, phone="0987654321")  # the same cart, another phone
    assert other_phone.status_code == 302


# --- rate limits ------------------------------------------------------------------------


# The limiter counts in fixed windows (a minute starts at :00). A test that makes N + 1
# requests must not see them split across two windows when the clock passes a minute or
# an hour mid-test: the limiter's clock is pinned half-way through both.
PINNED_NOW = 1_800_001_830.0  # 30 s into a minute, 1 830 s into an hour


@pytest.fixture(autouse=True)
def _limiter_clock(monkeypatch):
    monkeypatch.setattr(ratelimit, "time", types.SimpleNamespace(time=lambda: PINNED_NOW))


@pytest.fixture
def limits(settings):
    settings.RATE_LIMITS = {
        "checkout": "2/m",
        "search": "3/m",
        "autocomplete": "3/m",
        "beacon": "3/m",
        "booth_apply": "1/h",
        "upload": "2/h",
    }
    return settings


def assert_vietnamese_429(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Vui lòng thử lại sau" in html
    assert "Bạn có thể thử lại sau khoảng" in html  # when to retry


def test_search_answers_429_with_a_vietnamese_page(client, limits):
    for _ in range(3):
        assert client.get("/tim-kiem/", {"q": "vai thieu"}).status_code == 200
    assert_vietnamese_429(client.get("/tim-kiem/", {"q": "vai thieu"}))
    # In English too.
    english = client.get("/en/tim-kiem/", {"q": "vai thieu"})
    assert english.status_code == 429
    assert "Too many requests" in english.content.decode()


def test_autocomplete_answers_json_429(client, limits):
    for _ in range(3):
        assert client.get("/tim-kiem/goi-y/", {"q": "vai"}).status_code == 200
    response = client.get("/tim-kiem/goi-y/", {"q": "vai"})
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["retry_after"] > 0 and "Vui lòng thử lại" in body["error"]


def test_the_view_beacon_stops_counting_a_flood(client, limits, lychee):
    for _ in range(3):
        assert client.get(f"/dem/product/{lychee.pk}.gif").status_code == 200
    assert client.get(f"/dem/product/{lychee.pk}.gif").status_code == 429


def test_checkout_posts_are_limited(client, limits, lychee):
    client.force_login(UserFactory())
    add_to_cart(client, lychee, 1)
    for _ in range(2):
        client.post("/dat-hang/", {**ADDRESS, "fingerprint": "stale"})
    assert_vietnamese_429(client.post("/dat-hang/", {**ADDRESS, "fingerprint": "stale"}))
    assert client.get("/dat-hang/").status_code == 200  # looking is never limited


def test_booth_applications_and_uploads_are_limited(client, limits):
    user = UserFactory()
    client.force_login(user)
    client.post("/kenh-nguoi-ban/dang-ky-gian-hang/", {"name": ""})
    assert_vietnamese_429(client.post("/kenh-nguoi-ban/dang-ky-gian-hang/", {"name": ""}))
    booth = BoothFactory()
    MembershipFactory(booth=booth, user=user)
    url = f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/"
    for _ in range(2):
        assert client.post(url, {"name": ""}).status_code == 200
    assert_vietnamese_429(client.post(url, {"name": ""}))


def test_the_limit_is_per_client_address_behind_the_proxy(client, limits):
    limits.TRUSTED_PROXY_COUNT = 1
    via = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(3):
        client.get("/tim-kiem/", {"q": "ga"}, HTTP_X_FORWARDED_FOR="198.51.100.7", **via)
    blocked = client.get("/tim-kiem/", {"q": "ga"}, HTTP_X_FORWARDED_FOR="198.51.100.7", **via)
    assert blocked.status_code == 429
    other = client.get("/tim-kiem/", {"q": "ga"}, HTTP_X_FORWARDED_FOR="203.0.113.9", **via)
    assert other.status_code == 200


def limited_view(request):
    return HttpResponse("ok")


@pytest.mark.parametrize("backend", ["redis"])
def test_counters_live_in_the_shared_cache(rf, settings, backend):
    """Every web worker sees the same counts: they are in Redis, not in the process."""
    import redis

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    prefix = f"abu-rl-{os.getpid()}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    settings.RATE_LIMITS = {"search": "2/m"}
    view = ratelimit.rate_limit("search")(limited_view)
    assert [view(rf.get("/", REMOTE_ADDR="192.0.2.1")).status_code for _ in range(3)] == [
        200,
        200,
        429,
    ]
    raw = redis.Redis.from_url(url)
    keys = list(raw.scan_iter(f"{prefix}:*rl:search:ip:192.0.2.1:*"))
    try:
        assert keys and int(raw.get(keys[0])) == 3  # another worker would read 3
    finally:
        for key in keys:
            raw.delete(key)


def test_a_limiter_whose_cache_is_down_lets_requests_through(rf, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens here
        }
    }
    settings.RATE_LIMITS = {"search": "1/m"}
    view = ratelimit.rate_limit("search")(limited_view)
    assert [view(rf.get("/")).status_code for _ in range(3)] == [200, 200, 200]


def test_parse_rate():
    assert ratelimit.parse_rate("30/m") == (30, 60)
    assert ratelimit.parse_rate("5/10m") == (5, 600)
    assert ratelimit.parse_rate("100/h") == (100, 3600)
    assert ratelimit.parse_rate("") is None
