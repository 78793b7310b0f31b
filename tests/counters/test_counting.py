"""What counts as a visit or a view, and what does not."""

import time

import pytest
from django.http import HttpResponse, JsonResponse
from django.test import RequestFactory

from counters import flush, record_view
from counters.middleware import VisitCounterMiddleware
from tests.factories import BoothFactory, CategoryFactory, ProductFactory

from .conftest import BROWSER_UA, site_visits

pytestmark = pytest.mark.django_db


def product_url(product):
    return f"/thu-dem/san-pham/{product.pk}/"


def test_one_visitor_viewing_a_product_twice_counts_one_visit_and_one_view(
    counter_backend, counter_urls, browser_client
):
    product = ProductFactory()
    for _ in range(3):
        assert browser_client.get(product_url(product)).status_code == 200
    flush()
    product.refresh_from_db()
    assert product.view_count == 1
    assert site_visits() == 1


def test_two_visitors_count_twice(counter_backend, counter_urls, client):
    from django.test import Client

    product = ProductFactory()
    for _ in range(2):
        Client(HTTP_USER_AGENT=BROWSER_UA).get(product_url(product))
    flush()
    product.refresh_from_db()
    assert (product.view_count, site_visits()) == (2, 2)


def test_different_products_in_one_visit_each_count(counter_backend, counter_urls, browser_client):
    first, second = ProductFactory(), ProductFactory()
    browser_client.get(product_url(first))
    browser_client.get(product_url(second))
    browser_client.get(product_url(first))
    flush()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.view_count, second.view_count, site_visits()) == (1, 1, 1)


def test_after_the_idle_time_a_new_visit_and_a_new_view_count(
    counter_backend, counter_urls, browser_client, settings
):
    product = ProductFactory()
    browser_client.get(product_url(product))
    assert browser_client.cookies[settings.COUNTERS_COOKIE_NAME].value
    # Age the visitor's cookie by 31 minutes, as if the visitor had gone away.
    old = int(time.time()) - 31 * 60
    browser_client.cookies[settings.COUNTERS_COOKIE_NAME] = f"{old}|p{product.pk}:{old}"
    browser_client.get(product_url(product))
    flush()
    product.refresh_from_db()
    assert (product.view_count, site_visits()) == (2, 2)


def test_the_dedup_window_is_a_setting(counter_backend, counter_urls, browser_client, settings):
    settings.COUNTERS_VIEW_DEDUP_SECONDS = 0
    product = ProductFactory()
    browser_client.get(product_url(product))
    browser_client.get(product_url(product))
    flush()
    product.refresh_from_db()
    assert (product.view_count, site_visits()) == (2, 1)


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "",
    ],
)
def test_robots_count_nothing(counter_backend, counter_urls, client, user_agent):
    product = ProductFactory()
    response = client.get(product_url(product), HTTP_USER_AGENT=user_agent)
    assert response.status_code == 200
    flush()
    product.refresh_from_db()
    assert (product.view_count, site_visits()) == (0, 0)


def test_health_check_static_and_admin_requests_count_nothing(
    counter_backend, counter_urls, browser_client, superuser
):
    assert browser_client.get("/healthz").status_code in (200, 503)
    browser_client.get("/static/css/site.css")
    browser_client.get("/django-admin/")
    browser_client.get("/cms-admin/")
    browser_client.force_login(superuser)
    assert browser_client.get("/cms-admin/").status_code == 200
    assert browser_client.get("/django-admin/").status_code == 200
    flush()
    assert site_visits() == 0


def _html_page(request):
    return HttpResponse("<!DOCTYPE html><p>trang</p>", content_type="text/html; charset=utf-8")


@pytest.mark.parametrize(
    "path",
    [
        "/healthz",
        "/static/css/site.css",
        "/media/original_images/anh.png",
        "/cms-admin/pages/",
        "/django-admin/",
        "/tim-kiem/goi-y/?q=vai",
        "/en/tim-kiem/goi-y/?q=vai",
        "/thanh-toan/stripe/webhook/",
        "/tai-khoan/phien/gia-han/",
    ],
)
def test_excluded_paths_count_nothing_even_if_they_answered_html(counter_backend, path):
    middleware = VisitCounterMiddleware(_html_page)
    middleware(RequestFactory().get(path, HTTP_USER_AGENT=BROWSER_UA))
    flush()
    assert site_visits() == 0


def test_a_page_counts_through_the_real_middleware(counter_backend):
    """Control for the exclusion tests: the same page on a public path counts."""
    middleware = VisitCounterMiddleware(_html_page)
    response = middleware(RequestFactory().get("/gian-hang/", HTTP_USER_AGENT=BROWSER_UA))
    assert "cho_visit" in response.cookies
    flush()
    assert site_visits() == 1


@pytest.mark.parametrize(
    "make_request, view",
    [
        (lambda rf: rf.post("/gio-hang/", HTTP_USER_AGENT=BROWSER_UA), _html_page),
        (lambda rf: rf.get("/gio-hang/", HTTP_USER_AGENT=BROWSER_UA), lambda r: JsonResponse({})),
        (
            lambda rf: rf.get("/khong-co/", HTTP_USER_AGENT=BROWSER_UA),
            lambda r: HttpResponse("<p>404</p>", status=404),
        ),
    ],
    ids=["post", "json", "not-found"],
)
def test_non_get_json_and_error_responses_are_not_visits(counter_backend, make_request, view):
    VisitCounterMiddleware(view)(make_request(RequestFactory()))
    flush()
    assert site_visits() == 0


def test_record_view_counts_booths_and_ignores_unknown_objects(counter_backend):
    booth = BoothFactory()
    request = RequestFactory().get("/gian-hang/x/", HTTP_USER_AGENT=BROWSER_UA)
    assert record_view(request, booth) is True
    assert record_view(request, booth) is False  # same visitor, same booth
    assert record_view(request, CategoryFactory()) is False  # categories are not counted
    flush()
    booth.refresh_from_db()
    assert booth.view_count == 1


def test_counters_can_be_switched_off(counter_backend, counter_urls, browser_client, settings):
    settings.COUNTERS_ENABLED = False
    product = ProductFactory()
    browser_client.get(product_url(product))
    flush()
    product.refresh_from_db()
    assert (product.view_count, site_visits()) == (0, 0)


def test_views_are_kept_per_day_for_charts(counter_backend, counter_urls, browser_client):
    from django.utils import timezone

    from counters.models import DailyCount

    product = ProductFactory()
    browser_client.get(product_url(product))
    flush()
    today = timezone.localdate()
    rows = set(DailyCount.objects.values_list("kind", "object_id", "day", "count"))
    assert rows == {("product", product.pk, today, 1), ("visit", 0, today, 1)}


def test_a_cached_page_counts_through_the_beacon(counter_backend, browser_client):
    from django.template import Context, Template

    product = ProductFactory()
    html = Template("{% load counters %}{% counter_beacon product %}").render(
        Context({"product": product})
    )
    src = html.split('src="', 1)[1].split('"', 1)[0]
    assert src == f"/dem/product/{product.pk}.gif"
    for _ in range(2):  # the same visitor reloading the cached page
        response = browser_client.get(src)
        assert response.status_code == 200 and response["Content-Type"] == "image/gif"
    browser_client.get("/dem/product/999999.gif")  # no such product: nothing counted
    browser_client.get("/dem/user/1.gif")  # not a counted kind
    flush()
    product.refresh_from_db()
    assert (product.view_count, site_visits()) == (1, 1)


def test_robots_loading_the_beacon_count_nothing(counter_backend, client):
    product = ProductFactory()
    client.get(f"/dem/product/{product.pk}.gif", HTTP_USER_AGENT="Googlebot-Image/1.0")
    flush()
    product.refresh_from_db()
    assert (product.view_count, site_visits()) == (0, 0)


def test_the_visit_cookie_is_private_to_the_server_and_lasts_one_idle_time(
    counter_backend, counter_urls, browser_client, settings
):
    response = browser_client.get(product_url(ProductFactory()))
    header = response.cookies[settings.COUNTERS_COOKIE_NAME].output(header="").lower()
    assert f"max-age={settings.COUNTERS_VISIT_IDLE_SECONDS}" in header
    assert "httponly" in header and "samesite=lax" in header and "path=/" in header
    assert ("secure" in header) == settings.SESSION_COOKIE_SECURE
