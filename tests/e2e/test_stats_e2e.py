"""The figures pages in a real browser on a phone: charts fit the screen."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from counters.models import DailyCount
from tests.factories import MembershipFactory, ProductFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def signed_in_page(new_page, live_server, user):
    client = Client()
    client.force_login(user)
    page = new_page("phone")
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return page


def test_seller_figures_on_a_phone(live_server, new_page, screenshots):
    membership = MembershipFactory(booth__name="HTX Vải thiều Phượng Hoàng")
    lychee = ProductFactory(booth=membership.booth, name="Vải thiều Lục Ngạn loại 1")
    ProductFactory(booth=membership.booth, name="Mật ong hoa vải")
    today = timezone.localdate()
    DailyCount.objects.bulk_create(
        DailyCount(kind="product", object_id=lychee.pk, day=today - timedelta(days=i), count=i % 17)
        for i in range(90)
    )
    page = signed_in_page(new_page, live_server, membership.user)
    page.goto(live_server.url + "/kenh-nguoi-ban/thong-ke/?days=90")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Số liệu")
    assert page.locator("svg.chart__svg").count() >= 3
    assert page.locator("rect.chart__bar").count() >= 270
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert "Vải thiều Lục Ngạn loại 1" in page.locator(".stats-top").inner_text()
    screenshots(page, "seller-figures-phone")


def test_market_figures_on_a_phone(live_server, new_page, screenshots, moderator):
    DailyCount.objects.create(kind="visit", object_id=0, day=timezone.localdate(), count=1234)
    page = signed_in_page(new_page, live_server, moderator)
    page.goto(live_server.url + "/quan-tri-san/thong-ke/")
    assert page.get_by_role("heading", level=1).inner_text() == "Số liệu của sàn"
    assert page.locator("svg.chart__svg").count() == 4
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshots(page, "market-figures-phone")
