"""The one visibility rule, slugs, sanitising, seasons."""

import pytest

from catalog.models import Product
from catalog.richtext import sanitize_description
from core.text import unique_slug
from shops.models import Booth
from tests.factories import BoothFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_public_means_published_and_sold_by_an_approved_booth():
    approved = BoothFactory(status=Booth.Status.APPROVED)
    visible = ProductFactory(booth=approved)
    ProductFactory(booth=approved, status=Product.Status.DRAFT)
    ProductFactory(booth=approved, status=Product.Status.HIDDEN)
    for status in (Booth.Status.PENDING, Booth.Status.SUSPENDED, Booth.Status.REJECTED):
        ProductFactory(booth=BoothFactory(status=status))
    assert list(Product.objects.public()) == [visible]


def test_suspending_a_booth_hides_its_products_at_once():
    product = ProductFactory()
    assert Product.objects.public().filter(pk=product.pk).exists()
    Booth.objects.filter(pk=product.booth_id).update(status=Booth.Status.SUSPENDED)
    assert not Product.objects.public().filter(pk=product.pk).exists()


def test_slug_folds_vietnamese_and_stays_unique():
    assert unique_slug(Product, "Vải thiều Lục Ngạn") == "vai-thieu-luc-ngan"
    ProductFactory(slug="vai-thieu-luc-ngan")
    assert unique_slug(Product, "Vải thiều Lục Ngạn") == "vai-thieu-luc-ngan-2"
    assert unique_slug(Product, "Đặc sản Đồi") == "dac-san-doi"


def test_description_is_sanitised_on_save():
    product = ProductFactory(
        description='<p onclick="x()">Ngon <a href="javascript:alert(1)">x</a>'
        '<a href="https://vi.wikipedia.org">wiki</a></p><script>alert(1)</script><img src=x>'
    )
    product.refresh_from_db()
    assert "script" not in product.description
    assert "onclick" not in product.description
    assert "javascript" not in product.description
    assert "<img" not in product.description
    assert 'rel="nofollow noopener noreferrer"' in product.description
    assert "<p>" in product.description


def test_sanitiser_keeps_the_allowed_formatting():
    html = "<p><strong>a</strong> <em>b</em><br></p><ul><li>c</li></ul><ol><li>d</li></ol>"
    assert sanitize_description(html) == html


def test_in_season_and_in_stock_querysets():
    summer = ProductFactory(stock=0)
    summer.season_months = [6, 7]
    summer.save()
    winter = ProductFactory(stock=3)
    winter.season_months = [12, 1]
    winter.save()
    assert list(Product.objects.in_season(6)) == [summer]
    assert list(Product.objects.in_season(1)) == [winter]
    assert list(Product.objects.in_stock()) == [winter]
    assert summer.season_months == [6, 7]
