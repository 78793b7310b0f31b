"""Public catalogue pages: filters, sorts, product page, QR code, query budgets."""

import json
import re

import pytest

from areas.models import Area
from catalog import certificates
from catalog.models import Certification, Product
from shops.models import Booth
from tests.factories import (
    BoothFactory,
    CategoryFactory,
    CertificateFactory,
    ProductFactory,
    ProductImageFactory,
)

pytestmark = pytest.mark.django_db


def names(response):
    return [p.name for p in response.context["products"]]


def test_product_list_shows_only_public_products(client):
    ProductFactory(name="Vải thiều Lục Ngạn")
    ProductFactory(name="Bản nháp", status=Product.Status.DRAFT)
    ProductFactory(name="Gian bị khóa", booth=BoothFactory(status=Booth.Status.SUSPENDED))
    response = client.get("/san-pham/")
    assert response.status_code == 200
    assert names(response) == ["Vải thiều Lục Ngạn"]
    assert "85.000" in response.content.decode()


def test_filters_are_shareable_get_urls(client):
    fruit = CategoryFactory(name="Trái cây", slug="trai-cay")
    lychee_cat = CategoryFactory(name="Vải", slug="vai", parent=fruit)
    luc_ngan = Area.objects.create(name="Lục Ngạn", slug="luc-ngan")
    vietgap = Certification.objects.create(code="vietgap", name="VietGAP")
    good = ProductFactory(
        name="Vải VietGAP", category=lychee_cat, origin_area=luc_ngan, price=50_000, ocop_stars=4
    )
    good.certifications.add(vietgap)
    good.season_months = range(1, 13)
    good.save()
    ProductFactory(name="Vải thường", category=lychee_cat, origin_area=luc_ngan, price=50_000)
    ProductFactory(name="Vải đắt", category=lychee_cat, price=900_000, ocop_stars=4)
    ProductFactory(name="Hết hàng", category=lychee_cat, stock=0, ocop_stars=5)
    url = (
        "/san-pham/?category=trai-cay&area=luc-ngan&min_price=10000&max_price=100000"
        "&ocop=3&cert=vietgap&season=1&in_stock=1&sort=price_asc"
    )
    assert names(client.get(url)) == ["Vải VietGAP"]
    assert names(client.get("/danh-muc/trai-cay/?ocop=4&in_stock=1")) == ["Vải đắt", "Vải VietGAP"]
    assert names(client.get("/san-pham/?in_stock=1&sort=price_desc"))[0] == "Vải đắt"


def test_malformed_parameters_are_ignored(client):
    ProductFactory(name="A", price=10_000)
    ProductFactory(name="B", price=20_000)
    for query in (
        "min_price=abc",
        "max_price=-5",
        "ocop=9",
        "sort=drop table",
        "page=999",
        "page=x",
        "category=khong-co",
        "area=%00",
        "min_price=99999999999999",
    ):
        response = client.get(f"/san-pham/?{query}")
        assert response.status_code == 200, query
        assert sorted(names(response)) == ["A", "B"], query


def test_sorts(client):
    cheap = ProductFactory(name="Rẻ", price=1_000, view_count=5)
    dear = ProductFactory(name="Đắt", price=9_000, view_count=1)
    assert names(client.get("/san-pham/?sort=price_asc")) == [cheap.name, dear.name]
    assert names(client.get("/san-pham/?sort=price_desc")) == [dear.name, cheap.name]
    assert names(client.get("/san-pham/?sort=popular")) == [cheap.name, dear.name]
    assert names(client.get("/san-pham/?sort=newest")) == [dear.name, cheap.name]


def test_pagination_keeps_filters(client):
    ProductFactory.create_batch(30, ocop_stars=3)
    response = client.get("/san-pham/?ocop=3&bogus=1")
    body = response.content.decode()
    assert "?ocop=3&amp;page=2" in body
    assert len(response.context["products"]) == 24
    assert len(client.get("/san-pham/?ocop=3&page=2").context["products"]) == 6


def test_unknown_category_page_is_404(client):
    assert client.get("/danh-muc/khong-ton-tai/").status_code == 404


def test_product_page_shows_everything_a_shopper_needs(client):
    area = Area.objects.create(name="Lục Ngạn", slug="luc-ngan")
    product = ProductFactory(
        name="Vải thiều Lục Ngạn",
        slug="vai-thieu-luc-ngan",
        price=85_000,
        unit="kg",
        stock=12,
        origin_area=area,
        description="<p>Ngọt <strong>lịm</strong></p>",
    )
    CertificateFactory(product=product, ocop_stars=4)
    CertificateFactory(
        product=product,
        kind="certification",
        certification=Certification.objects.create(code="vietgap", name="VietGAP"),
    )
    certificates.refresh_badges(product)
    ProductImageFactory(product=product)
    ProductImageFactory(product=product)
    response = client.get("/san-pham/vai-thieu-luc-ngan/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "85.000\u00a0₫" in body
    assert "Lục Ngạn" in body and "VietGAP" in body and "OCOP" in body
    assert "<strong>lịm</strong>" in body
    assert 'property="og:title"' in body
    assert ".webp" in body and 'loading="lazy"' in body
    ld = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    )
    assert ld["@type"] == "Product"
    assert ld["offers"]["price"] == "85000"
    assert ld["offers"]["priceCurrency"] == "VND"
    assert len(ld["image"]) == 2


def test_product_page_survives_a_photo_whose_file_was_lost(client):
    product = ProductFactory(name="Mật ong rừng", slug="mat-ong-rung")
    kept = ProductImageFactory(product=product)
    lost = ProductImageFactory(product=product)
    lost.image.file.storage.delete(lost.image.file.name)
    response = client.get("/san-pham/mat-ong-rung/")
    assert response.status_code == 200
    body = response.content.decode()
    ld = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    )
    assert (
        len(ld["image"]) == 1
        and kept.image.file.name.rsplit("/", 1)[-1].split(".")[0] in ld["image"][0]
    )


def test_hidden_or_draft_product_page_is_404(client):
    assert client.get(f"/san-pham/{ProductFactory(status='draft').slug}/").status_code == 404
    assert client.get(f"/san-pham/{ProductFactory(status='hidden').slug}/").status_code == 404
    assert client.get("/san-pham/khong-co/qr.png").status_code == 404


def test_qr_code_opens_the_product_page(client):
    from PIL import Image

    product = ProductFactory(slug="mat-ong")
    response = client.get("/san-pham/mat-ong/qr.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    import io

    image = Image.open(io.BytesIO(response.content))
    assert image.size[0] > 100
    # The encoded text is the absolute product URL (checked by decoding the module's data).
    import qrcode

    expected = qrcode.make("http://testserver" + product.get_absolute_url(), box_size=8, border=2)
    buf = io.BytesIO()
    expected.save(buf)
    assert buf.getvalue() == response.content


def _make_products(n, booth, category):
    for i in range(n):
        product = ProductFactory(booth=booth, category=category, name=f"Sản phẩm {i}")
        ProductImageFactory(product=product)
        product.certifications.add(*Certification.objects.all())


def _count(client, url, django_assert_num_queries, expected=None):
    client.get(url)  # warm: renditions are made once
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["list", "booth", "product"])
def test_query_count_does_not_grow_with_items(client, page, django_assert_num_queries):
    Certification.objects.create(code="vietgap", name="VietGAP")
    counts = {}
    for n in (1, 50):
        booth = BoothFactory()
        category = CategoryFactory()
        Product.objects.all().delete()
        if page == "product":
            # Items of a product page: its photos, and related products beside it.
            _make_products(n + 1, booth, category)
            first = Product.objects.filter(booth=booth).order_by("pk").first()
            for _ in range(n - 1):
                ProductImageFactory(product=first)
        else:
            _make_products(n, booth, category)
            first = Product.objects.filter(booth=booth).order_by("pk").first()
        url = {
            "list": "/san-pham/",
            "booth": booth.get_absolute_url(),
            "product": first.get_absolute_url(),
        }[page]
        counts[n] = _count(client, url, django_assert_num_queries)
        with django_assert_num_queries(counts[n]):
            client.get(url)
    assert counts[1] == counts[50], counts
    print(f"{page}: {counts[1]} queries for 1 and for 50 items")
