"""Areas of origin after the 2025 reorganisation: what a seller may choose, what the
public filter offers, and old names in imports."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from areas.models import Area
from catalog.models import Product
from tests.factories import AreaFactory, BoothFactory, CategoryFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    province = AreaFactory(name="Bắc Ninh", slug="bac-ninh", kind=Area.Kind.PROVINCE)
    luc_ngan = AreaFactory(name="Lục Ngạn", slug="luc-ngan", kind=Area.Kind.REGION, parent=province)
    yen_the = AreaFactory(name="Yên Thế", slug="yen-the", kind=Area.Kind.REGION, parent=province)
    chu = AreaFactory(name="Phường Chũ", slug="phuong-chu", kind=Area.Kind.COMMUNE, parent=province)
    old = AreaFactory(
        name="Huyện Lục Ngạn",
        slug="huyen-luc-ngan",
        kind=Area.Kind.DISTRICT,
        parent=province,
        is_current=False,
        replaced_by=chu,
    )
    return {"province": province, "luc_ngan": luc_ngan, "yen_the": yen_the, "chu": chu, "old": old}


def origin_choices(response):
    field = response.context["form"].fields["origin_area"]
    return {label for value, label in field.choices if value}


def test_seller_chooses_among_current_areas_not_the_province_nor_abolished_districts(
    client, seller, areas
):
    user, booth = seller
    client.force_login(user)
    response = client.get(f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/")
    choices = origin_choices(response)
    assert {"Lục Ngạn", "Yên Thế", "Phường Chũ"} <= choices
    assert "Bắc Ninh" not in choices
    assert "Huyện Lục Ngạn" not in choices


def test_a_product_from_an_abolished_district_keeps_it_until_the_seller_changes_it(
    client, seller, areas
):
    user, booth = seller
    product = ProductFactory(booth=booth, origin_area=areas["old"])
    client.force_login(user)
    response = client.get(f"/kenh-nguoi-ban/san-pham/{product.pk}/")
    assert "Huyện Lục Ngạn" in origin_choices(response)


def test_public_filter_offers_only_areas_with_public_products(client, areas):
    booth = BoothFactory(area=areas["luc_ngan"])
    ProductFactory(booth=booth, origin_area=areas["luc_ngan"])
    ProductFactory(booth=booth, origin_area=areas["yen_the"], status=Product.Status.DRAFT)
    offered = {a.slug for a in client.get("/san-pham/").context["areas"]}
    assert offered == {"luc-ngan"}

    # Publishing a product from Yên Thế adds it at once (the cached list is dropped).
    ProductFactory(booth=booth, origin_area=areas["yen_the"])
    offered = {a.slug for a in client.get("/san-pham/").context["areas"]}
    assert offered == {"luc-ngan", "yen-the"}

    # A product still tagged with an abolished district shows under its successor.
    ProductFactory(booth=booth, origin_area=areas["old"])
    response = client.get("/san-pham/")
    assert {a.slug for a in response.context["areas"]} == {"luc-ngan", "yen-the", "phuong-chu"}
    names = {
        p.origin_area.slug for p in client.get("/san-pham/?area=phuong-chu").context["products"]
    }
    assert names == {"huyen-luc-ngan"}


def test_suspending_the_only_booth_of_an_area_removes_it_from_the_filter(client, areas):
    booth = BoothFactory(area=areas["yen_the"])
    ProductFactory(booth=booth, origin_area=areas["yen_the"])
    assert [a.slug for a in client.get("/san-pham/").context["areas"]] == ["yen-the"]
    booth.status = "suspended"
    booth.save()
    assert client.get("/san-pham/").context["areas"] == []


def test_booth_directory_offers_only_areas_with_public_booths(client, areas):
    BoothFactory(area=areas["yen_the"])
    BoothFactory(area=areas["luc_ngan"], status="pending")
    offered = {a.slug for a in client.get("/gian-hang/").context["areas"]}
    assert offered == {"yen-the"}


def test_csv_import_maps_an_old_district_name_to_its_successor(client, seller, areas):
    user, booth = seller
    CategoryFactory(slug="trai-cay", name="Trái cây")
    client.force_login(user)
    text = (
        "Tên sản phẩm;Danh mục;Giá;Đơn vị;Tồn kho;Vùng xuất xứ\r\n"
        "Vải thiều;Trái cây;80.000;kg;5;Huyện Lục Ngạn\r\n"
        "Gà đồi;Trái cây;300.000;con;5;yen the\r\n"
        "Cam;Trái cây;30.000;kg;5;Bắc Ninh\r\n"
    )
    response = client.post(
        f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/nhap-csv/",
        {"file": SimpleUploadedFile("a.csv", text.encode("utf-8-sig"))},
    )
    # The province itself is not an area of origin inside itself: line 4 is refused.
    assert [line for line, _ in response.context["result"].errors] == [4]
    text = text.rsplit("Cam;", 1)[0]
    response = client.post(
        f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/nhap-csv/",
        {"file": SimpleUploadedFile("a.csv", text.encode("utf-8-sig"))},
    )
    assert response.status_code == 302
    assert dict(Product.objects.values_list("name", "origin_area__slug")) == {
        "Vải thiều": "phuong-chu",
        "Gà đồi": "yen-the",
    }
