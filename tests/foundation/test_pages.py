"""Site-wide pages: home in both languages with real footer figures, 404, session."""

import pytest

from catalog.models import Product
from shops.models import Booth
from tests.factories import BoothFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_home_shows_real_market_figures_in_vietnamese(client):
    booth = BoothFactory()
    BoothFactory(status=Booth.Status.PENDING)
    ProductFactory.create_batch(3, booth=booth)
    ProductFactory(booth=booth, status=Product.Status.DRAFT)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert 'data-figure="booths">1<' in html
    assert 'data-figure="products">3<' in html
    assert "gian hàng đã tham gia" in html
    assert "lượt truy cập" in html


def test_english_home_under_en(client):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "booths joined" in html


def test_figures_use_vietnamese_grouping(client, settings):
    from wagtail.models import Site

    from core.models import SiteSettings

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.visits_offset = 21_926_040
    site_settings.save()
    html = client.get("/").content.decode()
    assert 'data-figure="visits">21.926.040<' in html
    assert 'data-figure="visits">21,926,040<' in client.get("/en/").content.decode()


def test_unknown_page_is_a_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_header_has_a_get_search_form_and_account_links(client):
    html = client.get("/").content.decode()
    assert 'action="/tim-kiem/" method="get"' in html
    assert 'name="q"' in html
    assert "Đăng nhập" in html and "Đăng ký" in html


def test_signed_in_page_carries_the_session_warning(client, user):
    client.force_login(user)
    html = client.get("/").content.decode()
    assert 'id="session-warning"' in html
    assert "Tiếp tục phiên làm việc" in html


def test_keep_alive_extends_the_session_and_needs_post(client, user):
    client.force_login(user)
    assert client.get("/tai-khoan/phien/gia-han/").status_code == 405
    response = client.post("/tai-khoan/phien/gia-han/")
    assert response.status_code == 200
    assert response.json()["authenticated"] is True


def test_keep_alive_for_anonymous_is_refused(client):
    assert client.post("/tai-khoan/phien/gia-han/").status_code == 401


def test_keep_alive_checks_csrf(user):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    assert strict.post("/tai-khoan/phien/gia-han/").status_code == 403


def test_static_assets_are_served_by_the_site(client):
    html = client.get("/").content.decode()
    assert "https://" not in html.split("<body")[0]  # no CDN in the head
    assert '<link rel="stylesheet" href="/static/css/bundles/' in html  # the project's own CSS


def test_site_and_its_settings_are_read_from_the_cache_and_edits_show_at_once(client):
    """The header's site settings cost no query once cached; saving them shows at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    from cms.models import NavigationSettings
    from core.models import SiteSettings

    site = Site.objects.get(is_default_site=True)
    client.get("/tim-kiem/")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/tim-kiem/").status_code == 200
    tables = " ".join(q["sql"] for q in ctx.captured_queries)
    for table in ("wagtailcore_site", "core_sitesettings", "cms_navigationsettings"):
        assert table not in tables

    settings_obj = SiteSettings.for_site(site)
    settings_obj.site_name = "Chợ Phiên Tỉnh Mới"
    settings_obj.save()
    assert "Chợ Phiên Tỉnh Mới" in client.get("/tim-kiem/").content.decode()

    nav = NavigationSettings.for_site(site)
    nav.delete()  # a fresh, default menu is made on the next page
    assert client.get("/tim-kiem/").status_code == 200

    # a site added for this host name takes over at once, and its removal hands back
    other = Site.objects.create(hostname="testserver", port=80, root_page=site.root_page)
    assert Site.find_for_request(client.get("/tim-kiem/").wsgi_request).pk == other.pk
    other.delete()
    assert Site.find_for_request(client.get("/tim-kiem/").wsgi_request).pk == site.pk
