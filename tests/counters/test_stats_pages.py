"""The seller's figures page, the moderator's market page and its CSV export."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from counters.models import DailyCount
from tests.factories import BoothFactory, MembershipFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

SELLER_URL = "/kenh-nguoi-ban/thong-ke/"
MARKET_URL = "/quan-tri-san/thong-ke/"


@pytest.fixture
def seller_booth():
    membership = MembershipFactory()
    return membership.user, membership.booth


def test_a_seller_sees_views_per_product_and_top_products(client, seller_booth):
    user, booth = seller_booth
    today = timezone.localdate()
    lychee = ProductFactory(booth=booth, name="Vải thiều Lục Ngạn", view_count=40)
    chicken = ProductFactory(booth=booth, name="Gà đồi Yên Thế", view_count=3)
    DailyCount.objects.create(kind="product", object_id=lychee.pk, day=today, count=12)
    DailyCount.objects.create(
        kind="product", object_id=lychee.pk, day=today - timedelta(days=45), count=100
    )
    DailyCount.objects.create(kind="booth", object_id=booth.pk, day=today, count=5)
    client.force_login(user)

    response = client.get(SELLER_URL)
    assert response.status_code == 200
    report = response.context["report"]
    assert report.top_products == [(lychee, 12)]
    assert [name for name, _ in [(p.name, v) for p, v in report.products]] == [
        lychee.name,
        chicken.name,
    ]
    assert sum(v for _d, v in report.booth_views) == 5
    html = response.content.decode()
    assert "Vải thiều Lục Ngạn" in html and html.count('class="chart__bar"') >= 90

    # Over 90 days the older views appear too.
    report90 = client.get(SELLER_URL, {"days": 90}).context["report"]
    assert report90.top_products == [(lychee, 112)]
    assert len(report90.product_views) == 90


def test_a_seller_cannot_see_another_booths_figures(client, seller_booth):
    user, _booth = seller_booth
    other = BoothFactory()
    client.force_login(user)
    assert client.get(SELLER_URL, {"booth": other.slug}).status_code == 404


def test_a_user_without_a_booth_gets_404_and_a_visitor_is_sent_to_log_in(client):
    assert client.get(SELLER_URL).status_code == 302
    client.force_login(UserFactory())
    assert client.get(SELLER_URL).status_code == 404


def test_a_bad_period_falls_back_to_30_days(client, seller_booth):
    user, _booth = seller_booth
    client.force_login(user)
    response = client.get(SELLER_URL, {"days": "9999'; drop"})
    assert response.status_code == 200
    assert response.context["days"] == 30


def test_the_seller_page_renders_with_no_data(client, seller_booth):
    user, _booth = seller_booth
    client.force_login(user)
    response = client.get(SELLER_URL, {"days": 90})
    assert response.status_code == 200
    assert "chart__empty" in response.content.decode()


def test_only_moderators_see_the_market_page(client, seller_booth, moderator):
    user, _booth = seller_booth
    client.force_login(user)
    assert client.get(MARKET_URL).status_code == 404
    assert client.get(MARKET_URL + "csv/").status_code == 404
    client.force_login(moderator)
    assert client.get(MARKET_URL).status_code == 200


def test_the_market_page_shows_visits_new_booths_products_and_top_categories(client, moderator):
    today = timezone.localdate()
    product = ProductFactory(category__name="Nông sản")
    DailyCount.objects.create(kind="visit", object_id=0, day=today, count=321)
    DailyCount.objects.create(kind="product", object_id=product.pk, day=today, count=9)
    client.force_login(moderator)
    report = client.get(MARKET_URL).context["report"]
    assert report.visits[-1] == (today, 321)
    assert report.new_booths[-1] == (today, 1)
    assert report.new_products[-1] == (today, 1)
    assert report.top_categories == [("Nông sản", 9)]
    assert report.top_areas == [(product.booth.area.name, 9)]


def test_the_market_csv_has_one_row_per_day(client, moderator):
    today = timezone.localdate()
    DailyCount.objects.create(kind="visit", object_id=0, day=today, count=42)
    client.force_login(moderator)
    response = client.get(MARKET_URL + "csv/", {"days": 90})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["date", "visits", "new_booths", "new_products", "orders"]
    assert len(rows) == 91
    assert rows[-1][:2] == [today.isoformat(), "42"]


def test_moderators_find_the_market_figures_in_the_admin_menu(client, moderator, superuser):
    client.force_login(superuser)
    html = client.get("/cms-admin/").content.decode()
    assert "/quan-tri-san/thong-ke/" in html


def test_the_seller_sees_orders_and_revenue_of_their_booth_only(client, seller_booth):
    from orders.models import Order

    user, booth = seller_booth
    buyer = UserFactory()

    def order(for_booth, total, days_ago):
        made = Order.objects.create(
            number=f"TK{Order.objects.count() + 1}",
            checkout_reference="TK",
            user=buyer,
            booth=for_booth,
            status="pending",
            email=buyer.email,
            recipient_name="Chị Lan",
            phone="0912345678",
            province="Tỉnh mẫu",
            ward="Phường Trung tâm",
            street="Số 1",
            subtotal=total,
            total=total,
        )
        Order.objects.filter(pk=made.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )

    order(booth, 170_000, 0)
    order(booth, 85_000, 2)
    order(BoothFactory(), 999_000, 0)  # another booth's order
    client.force_login(user)
    report = client.get(SELLER_URL).context["report"]
    today = timezone.localdate()
    assert report.orders[-1] == (today, 1)
    assert report.orders[-3] == (today - timedelta(days=2), 1)
    assert sum(n for _d, n in report.orders) == 2
    assert sum(v for _d, v in report.revenue) == 255_000


@pytest.mark.parametrize(
    "query", ["?booth=%00", "?booth=" + "x" * 5000, "?days=%00", "?days=-1", "?days=99999999999"]
)
def test_bad_statistics_parameters_show_the_default_page(client, seller_booth, query):
    user, booth = seller_booth
    client.force_login(user)
    response = client.get("/kenh-nguoi-ban/thong-ke/" + query)
    assert response.status_code == 200
    assert booth.name in response.content.decode()
    assert "30" in response.content.decode()
