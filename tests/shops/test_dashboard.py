"""The seller centre: every action, bad input, and no reach into another booth."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import Product, ProductImage
from shops.models import Booth, BoothMembership
from tests.factories import (
    CategoryFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
)
from tests.sellers import csv_file, jpeg_upload

pytestmark = pytest.mark.django_db


def product_data(cat, **extra):
    data = {
        "name": "Vải thiều Lục Ngạn",
        "category": cat.pk,
        "price": "85000",
        "unit": "kg",
        "stock": "50",
        "ocop_stars": "4",
        "season_months": ["6", "7"],
        "description": "<p>Ngọt</p><script>x</script>",
    }
    data.update(extra)
    return data


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/kenh-nguoi-ban/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_dashboard_links_orders_and_statistics(client, seller):
    user, booth = seller
    client.force_login(user)
    body = client.get("/kenh-nguoi-ban/").content.decode()
    assert booth.name in body
    assert 'href="/kenh-nguoi-ban/don-hang/"' in body
    assert 'href="/kenh-nguoi-ban/thong-ke/"' in body


def test_any_signed_in_user_can_apply_for_a_booth(client):
    from areas.models import Area

    area = Area.objects.create(name="Yên Thế", slug="yen-the")
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/kenh-nguoi-ban/dang-ky-gian-hang/",
        {"name": "Trang trại Gà đồi Yên Thế", "area": area.pk, "phone": "0912 345 678"},
    )
    assert response.status_code == 302
    booth = Booth.objects.get()
    assert booth.slug == "trang-trai-ga-doi-yen-the"
    assert booth.status == Booth.Status.PENDING
    assert booth.memberships.get().user == user
    assert booth.memberships.get().role == BoothMembership.Role.OWNER
    # Duplicate slug and empty name are refused with clear errors.
    response = client.post(
        "/kenh-nguoi-ban/dang-ky-gian-hang/",
        {"name": " ", "slug": "trang-trai-ga-doi-yen-the", "area": area.pk, "phone": "abc"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"name", "slug", "phone"} <= set(errors)
    assert Booth.objects.count() == 1


def test_create_product_with_two_photos_and_publish(client, seller):
    user, booth = seller
    category = CategoryFactory()
    client.force_login(user)
    data = product_data(category, publish="1")
    data["photos"] = [jpeg_upload("a.jpg"), jpeg_upload("b.jpg", color=(10, 90, 40))]
    response = client.post(f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/", data)
    assert response.status_code == 302
    product = Product.objects.get()
    assert product.slug == "vai-thieu-luc-ngan"
    assert product.booth == booth
    assert product.status == Product.Status.PUBLISHED
    assert product.season_months == [6, 7]
    assert "script" not in product.description
    assert [p.sort_order for p in product.images.order_by("sort_order")] == [1, 2]
    assert client.get(product.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("price", "-1"),
        ("price", "12.5"),
        ("price", "1000000001"),
        ("price", "abc"),
        ("name", ""),
        ("stock", "-3"),
        ("category", "999999"),
    ],
)
def test_bad_product_input_is_refused_next_to_the_field(client, seller, field, value):
    user, booth = seller
    client.force_login(user)
    response = client.post(
        f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/",
        product_data(CategoryFactory(), **{field: value}),
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Product.objects.exists()


def test_duplicate_slug_is_refused(client, seller):
    user, booth = seller
    ProductFactory(slug="vai-thieu")
    client.force_login(user)
    response = client.post(
        f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/",
        product_data(CategoryFactory(), slug="vai-thieu"),
    )
    assert "slug" in response.context["form"].errors
    assert Product.objects.count() == 1


@pytest.mark.parametrize(
    ("upload", "size"),
    [
        (SimpleUploadedFile("virus.jpg", b"this is only text", content_type="image/jpeg"), None),
        (SimpleUploadedFile("anh.gif", b"GIF89a....", content_type="image/gif"), None),
        ("too_big", 200),
        ("too_many_pixels", None),
    ],
)
def test_bad_photos_are_refused(client, seller, settings, upload, size):
    user, booth = seller
    if upload == "too_big":
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = size
        upload = jpeg_upload()
    elif upload == "too_many_pixels":
        settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
        upload = jpeg_upload(size=(100, 100))
    client.force_login(user)
    data = product_data(CategoryFactory())
    data["photos"] = [upload]
    response = client.post(f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/", data)
    assert response.status_code == 200
    assert response.context["photo_form"].errors["photos"]
    assert not Product.objects.exists()


def test_publish_unpublish_stock_duplicate_delete(client, seller):
    user, booth = seller
    product = ProductFactory(booth=booth, status=Product.Status.DRAFT, name="Mật ong")
    client.force_login(user)
    # No photo yet: publishing is refused.
    client.post(f"/kenh-nguoi-ban/san-pham/{product.pk}/dang-ban/")
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT
    ProductImageFactory(product=product)
    client.post(f"/kenh-nguoi-ban/san-pham/{product.pk}/dang-ban/")
    product.refresh_from_db()
    assert product.status == Product.Status.PUBLISHED and product.published_at
    client.post(f"/kenh-nguoi-ban/san-pham/{product.pk}/ngung-ban/")
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT
    client.post(f"/kenh-nguoi-ban/san-pham/{product.pk}/ton-kho/", {"stock": "7"})
    product.refresh_from_db()
    assert product.stock == 7
    client.post(f"/kenh-nguoi-ban/san-pham/{product.pk}/ton-kho/", {"stock": "-1"})
    product.refresh_from_db()
    assert product.stock == 7
    client.post(f"/kenh-nguoi-ban/san-pham/{product.pk}/nhan-ban/")
    copy = Product.objects.exclude(pk=product.pk).get()
    assert copy.status == Product.Status.DRAFT and copy.images.count() == 1
    assert copy.slug != product.slug
    assert client.get(f"/kenh-nguoi-ban/san-pham/{copy.pk}/xoa/").status_code == 200
    client.post(f"/kenh-nguoi-ban/san-pham/{copy.pk}/xoa/")
    assert not Product.objects.filter(pk=copy.pk).exists()
    # The original's photo survives the copy's deletion.
    assert product.images.count() == 1


def test_hidden_product_cannot_be_republished_by_the_seller(client, seller):
    user, booth = seller
    product = ProductFactory(booth=booth, status=Product.Status.HIDDEN)
    ProductImageFactory(product=product)
    client.force_login(user)
    client.post(f"/kenh-nguoi-ban/san-pham/{product.pk}/dang-ban/")
    product.refresh_from_db()
    assert product.status == Product.Status.HIDDEN


def test_photo_reorder_and_remove(client, seller):
    user, booth = seller
    product = ProductFactory(booth=booth)
    first = ProductImageFactory(product=product, sort_order=0)
    second = ProductImageFactory(product=product, sort_order=1)
    client.force_login(user)
    client.post(f"/kenh-nguoi-ban/anh/{second.pk}/di-chuyen/", {"direction": "up"})
    assert list(product.images.order_by("sort_order").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    client.post(f"/kenh-nguoi-ban/anh/{first.pk}/xoa/")
    assert list(product.images.values_list("pk", flat=True)) == [second.pk]


def test_product_list_search_and_status_filter(client, seller):
    user, booth = seller
    ProductFactory(booth=booth, name="Mật ong rừng", status=Product.Status.DRAFT)
    ProductFactory(booth=booth, name="Vải thiều")
    client.force_login(user)
    url = f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/"
    assert [p.name for p in client.get(url + "?q=mật").context["products"]] == ["Mật ong rừng"]
    assert [p.name for p in client.get(url + "?status=published").context["products"]] == [
        "Vải thiều"
    ]
    assert len(client.get(url + "?status=bogus").context["products"]) == 2


def test_staff_of_another_booth_get_404_everywhere(client, seller, other_seller):
    user, booth = seller
    intruder, _their_booth = other_seller
    product = ProductFactory(booth=booth, status=Product.Status.DRAFT)
    photo = ProductImageFactory(product=product)
    client.force_login(intruder)
    gets = [
        f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/",
        f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/",
        f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/nhap-csv/",
        f"/kenh-nguoi-ban/gian-hang/{booth.pk}/ho-so/",
        f"/kenh-nguoi-ban/san-pham/{product.pk}/",
        f"/kenh-nguoi-ban/san-pham/{product.pk}/xoa/",
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [
        (f"/kenh-nguoi-ban/san-pham/{product.pk}/dang-ban/", {}),
        (f"/kenh-nguoi-ban/san-pham/{product.pk}/ton-kho/", {"stock": "0"}),
        (f"/kenh-nguoi-ban/san-pham/{product.pk}/nhan-ban/", {}),
        (f"/kenh-nguoi-ban/san-pham/{product.pk}/xoa/", {}),
        (f"/kenh-nguoi-ban/anh/{photo.pk}/di-chuyen/", {"direction": "down"}),
        (f"/kenh-nguoi-ban/anh/{photo.pk}/xoa/", {}),
        (f"/kenh-nguoi-ban/gian-hang/{booth.pk}/ho-so/", {"name": "Chiếm"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    product.refresh_from_db()
    assert product.status == Product.Status.DRAFT and product.stock == 20
    assert ProductImage.objects.filter(pk=photo.pk).exists()
    assert Booth.objects.get(pk=booth.pk).name == booth.name


def test_tampered_booth_field_cannot_move_a_product(client, seller, other_seller):
    user, booth = seller
    _, their_booth = other_seller
    category = CategoryFactory()
    client.force_login(user)
    client.post(
        f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/",
        product_data(category, booth=their_booth.pk),
    )
    assert Product.objects.get().booth == booth


def test_shopper_and_moderator_have_no_seller_access(client, seller, moderator):
    _, booth = seller
    product = ProductFactory(booth=booth)
    for who in (UserFactory(), moderator):
        client.force_login(who)
        assert client.get(f"/kenh-nguoi-ban/san-pham/{product.pk}/").status_code == 404
        assert client.get("/kenh-nguoi-ban/").status_code == 200


def test_booth_profile_edit(client, seller):
    user, booth = seller
    client.force_login(user)
    response = client.post(
        f"/kenh-nguoi-ban/gian-hang/{booth.pk}/ho-so/",
        {
            "name": "HTX mới",
            "area": booth.area_id,
            "phone": "0987654321",
            "description": "Mô tả",
            "logo_upload": jpeg_upload("logo.jpg"),
        },
    )
    assert response.status_code == 302
    booth.refresh_from_db()
    assert booth.name == "HTX mới" and booth.logo is not None
    assert booth.status == Booth.Status.APPROVED


def test_csv_import_all_or_nothing(client, seller):
    user, booth = seller
    CategoryFactory(slug="trai-cay", name="Trái cây")
    client.force_login(user)
    url = f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/nhap-csv/"
    good = "name,category,price,unit,stock,season_months,status\nVải thiều,trai-cay,85000,kg,10,6;7,published\nNa dai,Trái cây,60000,kg,5,,draft\n"
    response = client.post(url, {"file": csv_file(good)})
    assert response.status_code == 302
    # A new row has no photo yet: "published" is imported as a draft (see test_publishing).
    assert sorted(Product.objects.values_list("name", "status")) == [
        ("Na dai", "draft"),
        ("Vải thiều", "draft"),
    ]
    bad = "name,category,price,unit,stock\nCam,trai-cay,30000,kg,3\n,trai-cay,-5,kg,1\nBưởi,khong-co,abc,quả,2\n"
    response = client.post(url, {"file": csv_file(bad)})
    assert response.status_code == 200
    lines = [line for line, _ in response.context["result"].errors]
    assert 3 in lines and 4 in lines and 2 not in lines
    body = response.content.decode()
    assert "3" in body
    assert Product.objects.count() == 2  # nothing of the bad file was kept


def test_csv_with_missing_columns(client, seller):
    user, booth = seller
    client.force_login(user)
    response = client.post(
        f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/nhap-csv/",
        {"file": csv_file("name,price\nA,1\n")},
    )
    assert response.status_code == 200
    assert "category" in response.context["result"].errors[0][1]
    assert not Product.objects.exists()
