"""Booth directory and booth page."""

import pytest

from areas.models import Area
from shops.models import Booth
from tests.factories import BoothFactory, CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_directory_lists_approved_booths_with_filters(client):
    luc_ngan = Area.objects.create(name="Lục Ngạn", slug="luc-ngan")
    fruit = CategoryFactory(slug="trai-cay")
    a = BoothFactory(name="HTX Vải", area=luc_ngan, is_verified=True)
    ProductFactory(booth=a, category=fruit)
    BoothFactory(name="Gà đồi")
    BoothFactory(name="Chờ duyệt", status=Booth.Status.PENDING)
    BoothFactory(name="Bị khóa", status=Booth.Status.SUSPENDED)

    def names(query=""):
        return [b.name for b in client.get("/gian-hang/" + query).context["booths"]]

    assert names() == ["HTX Vải", "Gà đồi"]
    assert names("?area=luc-ngan") == ["HTX Vải"]
    assert names("?category=trai-cay") == ["HTX Vải"]
    assert names("?verified=1") == ["HTX Vải"]
    assert names("?area=%ZZ&page=abc") == ["HTX Vải", "Gà đồi"]


def test_booth_page_shows_profile_products_and_contact(client):
    booth = BoothFactory(name="HTX Vải thiều", phone="0912345678", email="htx@example.vn")
    ProductFactory(booth=booth, name="Vải thiều")
    ProductFactory(booth=booth, name="Nháp", status="draft")
    response = client.get(booth.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "HTX Vải thiều" in body and "0912345678" in body and "htx@example.vn" in body
    assert [p.name for p in response.context["products"]] == ["Vải thiều"]


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_non_approved_booth_page_is_404(client, status):
    assert client.get(BoothFactory(status=status).get_absolute_url()).status_code == 404


def test_figures_refresh_after_a_booth_is_suspended(client, django_capture_on_commit_callbacks):
    from figures.market import market_figures
    from shops import moderation

    booth = BoothFactory()
    assert market_figures().booths == 1
    with django_capture_on_commit_callbacks(execute=True):
        moderation.suspend(booth, reason="Vi phạm")
    assert market_figures().booths == 0
