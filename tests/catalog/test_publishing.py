"""One publishing rule for a product, whatever the path: the rule table, the seller centre
(buttons, "Save and publish", duplicate, photo removal), the CSV import, the Django admin and
the Wagtail moderation screens — and the audit trail of who did what."""

import pytest
from wagtail.models import ModelLogEntry

from catalog import publishing
from catalog.models import Product
from tests.factories import CategoryFactory, ProductFactory, ProductImageFactory
from tests.sellers import csv_file, jpeg_upload

pytestmark = pytest.mark.django_db
S = Product.Status


def product_with_photo(**kwargs):
    product = ProductFactory(**kwargs)
    ProductImageFactory(product=product)
    return product


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def product_log(product):
    return ModelLogEntry.objects.for_instance(product).order_by("timestamp", "pk")


# --- The rule table --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "action", "end"),
    [
        (S.DRAFT, "publish", S.PUBLISHED),
        (S.PUBLISHED, "unpublish", S.DRAFT),
        (S.DRAFT, "hide", S.HIDDEN),
        (S.PUBLISHED, "hide", S.HIDDEN),
        (S.HIDDEN, "restore", S.DRAFT),
        # Moves to where the product already is change nothing.
        (S.PUBLISHED, "publish", S.PUBLISHED),
        (S.DRAFT, "unpublish", S.DRAFT),
    ],
)
def test_allowed_moves(start, action, end, moderator):
    product = product_with_photo(status=start)
    kwargs = {"reason": "Ảnh không đúng sản phẩm"} if action == "hide" else {}
    getattr(publishing, action)(product, by=moderator, **kwargs)
    product.refresh_from_db()
    assert product.status == end


@pytest.mark.parametrize(
    ("start", "action", "message"),
    [
        (S.HIDDEN, "publish", "Quản trị sàn đã ẩn sản phẩm này; không thể đăng bán lại."),
        (S.HIDDEN, "unpublish", "Chỉ sản phẩm đang bán mới có thể ngừng bán."),
        (S.HIDDEN, "hide", "Sản phẩm này đã bị ẩn."),
        (S.DRAFT, "restore", "Chỉ sản phẩm đang bị ẩn mới có thể khôi phục."),
        (S.PUBLISHED, "restore", "Chỉ sản phẩm đang bị ẩn mới có thể khôi phục."),
    ],
)
def test_refused_moves_say_why_in_vietnamese_and_change_nothing(start, action, message, moderator):
    product = product_with_photo(status=start, hidden_reason="x" if start == S.HIDDEN else "")
    kwargs = {"reason": "Hàng giả"} if action == "hide" else {}
    with pytest.raises(publishing.PublishingRefused) as excinfo:
        getattr(publishing, action)(product, by=moderator, **kwargs)
    assert excinfo.value.messages == [message]
    product.refresh_from_db()
    assert product.status == start
    assert not product_log(product).exists()


@pytest.mark.parametrize(
    ("status", "photo", "reasons"),
    [
        (S.DRAFT, True, []),
        (S.DRAFT, False, ["Hãy thêm ít nhất một ảnh trước khi đăng bán."]),
        (
            S.HIDDEN,
            True,
            ["Quản trị sàn đã ẩn sản phẩm này; không thể đăng bán lại."],
        ),
    ],
)
def test_can_publish_lists_the_reasons(status, photo, reasons):
    product = product_with_photo(status=status) if photo else ProductFactory(status=status)
    assert [str(r) for r in publishing.can_publish(product)] == reasons


def test_an_unsaved_product_cannot_be_published():
    assert publishing.can_publish(Product(name="Mới", price=1, status=S.DRAFT))


def test_hiding_needs_a_reason(moderator):
    product = product_with_photo()
    with pytest.raises(publishing.PublishingRefused):
        publishing.hide(product, by=moderator, reason="   ")
    product.refresh_from_db()
    assert product.status == S.PUBLISHED


def test_published_at_is_set_on_the_first_publication_and_kept(seller):
    user, booth = seller
    product = product_with_photo(booth=booth, status=S.DRAFT)
    assert product.published_at is None
    publishing.publish(product, by=user)
    first = Product.objects.get(pk=product.pk).published_at
    assert first is not None and product.published_at == first
    publishing.unpublish(product, by=user)
    publishing.publish(product, by=user)
    assert Product.objects.get(pk=product.pk).published_at == first


def test_saving_a_product_no_longer_publishes_it_on_its_own():
    product = ProductFactory(status=S.DRAFT)
    product.name = "Đổi tên"
    product.save()
    product.refresh_from_db()
    assert product.status == S.DRAFT and product.published_at is None


# --- Seller centre ---------------------------------------------------------------------


def product_data(category, **extra):
    data = {
        "name": "Chè Tân Cương",
        "category": category.pk,
        "price": "120000",
        "unit": "kg",
        "stock": "30",
        "ocop_stars": "0",
    }
    data.update(extra)
    return data


def test_publish_button_without_photo_is_refused_with_the_reason(client, seller):
    user, booth = seller
    product = ProductFactory(booth=booth, status=S.DRAFT)
    client.force_login(user)
    response = client.post(f"/kenh-nguoi-ban/san-pham/{product.pk}/dang-ban/", follow=True)
    assert "Hãy thêm ít nhất một ảnh trước khi đăng bán." in messages_of(response)
    product.refresh_from_db()
    assert product.status == S.DRAFT
    assert not Product.objects.public().filter(pk=product.pk).exists()


def test_save_and_publish_without_photo_saves_a_draft_and_says_why(client, seller):
    user, booth = seller
    client.force_login(user)
    response = client.post(
        f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/",
        product_data(CategoryFactory(), publish="1"),
        follow=True,
    )
    product = Product.objects.get()
    assert product.status == S.DRAFT
    assert product.published_at is None
    assert any(
        "chưa được đăng bán" in m and "Hãy thêm ít nhất một ảnh" in m for m in messages_of(response)
    )
    assert client.get(product.get_absolute_url()).status_code == 404


def test_save_and_publish_with_a_photo_puts_it_on_sale_and_logs_who(client, seller):
    user, booth = seller
    client.force_login(user)
    data = product_data(CategoryFactory(), publish="1", photos=[jpeg_upload()])
    client.post(f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/", data)
    product = Product.objects.get()
    assert product.status == S.PUBLISHED and product.published_at
    entry = product_log(product).get()
    assert entry.action == "catalog.product.publish" and entry.user == user


def test_duplicate_of_a_product_on_sale_stays_a_draft(client, seller):
    user, booth = seller
    original = product_with_photo(booth=booth, name="Gà đồi")
    client.force_login(user)
    client.post(f"/kenh-nguoi-ban/san-pham/{original.pk}/nhan-ban/")
    copy = Product.objects.exclude(pk=original.pk).get()
    assert copy.status == S.DRAFT and copy.published_at is None
    assert not Product.objects.public().filter(pk=copy.pk).exists()


def test_removing_the_last_photo_takes_the_product_off_sale(client, seller):
    user, booth = seller
    product = product_with_photo(booth=booth)
    photo = product.images.get()
    client.force_login(user)
    response = client.post(f"/kenh-nguoi-ban/anh/{photo.pk}/xoa/", follow=True)
    product.refresh_from_db()
    assert product.status == S.DRAFT
    assert any("không còn được bán" in m for m in messages_of(response))


def test_hidden_product_stays_hidden_when_the_seller_unpublishes(client, seller):
    user, booth = seller
    product = product_with_photo(booth=booth, status=S.HIDDEN, hidden_reason="Hàng giả")
    client.force_login(user)
    response = client.post(f"/kenh-nguoi-ban/san-pham/{product.pk}/ngung-ban/", follow=True)
    product.refresh_from_db()
    assert product.status == S.HIDDEN
    assert "Chỉ sản phẩm đang bán mới có thể ngừng bán." in messages_of(response)


# --- CSV import ------------------------------------------------------------------------


def test_csv_row_published_without_photo_is_a_draft_with_a_note_for_its_line(client, seller):
    user, booth = seller
    CategoryFactory(slug="trai-cay", name="Trái cây")
    client.force_login(user)
    url = f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/nhap-csv/"
    text = (
        "name,category,price,unit,stock,status\n"
        "Na dai,trai-cay,60000,kg,5,draft\n"
        "Vải thiều,trai-cay,85000,kg,10,published\n"
    )
    response = client.post(url, {"file": csv_file(text)})
    assert response.status_code == 302 and response["Location"] == url
    assert dict(Product.objects.values_list("name", "status")) == {
        "Na dai": S.DRAFT,
        "Vải thiều": S.DRAFT,
    }
    page = client.get(url)
    body = page.content.decode()
    assert page.context["notes"] == [
        [
            3,
            "“Vải thiều” được lưu nháp, chưa được đăng bán: "
            "Hãy thêm ít nhất một ảnh trước khi đăng bán.",
        ]
    ]
    assert "Dòng 3" in body and "Vải thiều” được lưu nháp" in body
    # The report is shown once: reloading the page does not repeat it.
    assert client.get(url).context["notes"] == []


# --- Django admin ----------------------------------------------------------------------


def test_django_admin_cannot_publish_a_product_without_photo(client, moderator):
    product = ProductFactory(status=S.DRAFT)
    client.force_login(moderator)
    response = client.post(
        "/django-admin/catalog/product/",
        {"action": "product_publish", "_selected_action": [product.pk]},
        follow=True,
    )
    product.refresh_from_db()
    assert product.status == S.DRAFT
    assert any("Hãy thêm ít nhất một ảnh" in m for m in messages_of(response))
    ProductImageFactory(product=product)
    client.post(
        "/django-admin/catalog/product/",
        {"action": "product_publish", "_selected_action": [product.pk]},
    )
    product.refresh_from_db()
    assert product.status == S.PUBLISHED
    assert product_log(product).get().user == moderator


def test_django_admin_change_form_cannot_set_the_status(client, moderator):
    product = ProductFactory(status=S.DRAFT)
    client.force_login(moderator)
    url = f"/django-admin/catalog/product/{product.pk}/change/"
    assert 'name="status"' not in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "booth": product.booth_id,
            "category": product.category_id,
            "name": "Đổi tên trong admin",
            "slug": product.slug,
            "description": "",
            "price": "90000",
            "unit": "kg",
            "stock": "3",
            "origin_area": "",
            "ocop_stars": "0",
            "season_mask": "0",
            "status": "published",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
            "images-MIN_NUM_FORMS": "0",
            "images-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    product.refresh_from_db()
    assert product.name == "Đổi tên trong admin"
    assert product.status == S.DRAFT


# --- Wagtail moderation and the audit trail --------------------------------------------


def test_moderator_hides_seller_cannot_republish_restore_gives_a_draft(client, seller, moderator):
    user, booth = seller
    product = product_with_photo(booth=booth)
    moderate = f"/cms-admin/cho/san-pham/{product.pk}/kiem-duyet/"
    client.force_login(moderator)
    client.post(moderate, {"reason": "Ảnh không đúng sản phẩm"})
    product.refresh_from_db()
    assert product.status == S.HIDDEN and product.hidden_reason == "Ảnh không đúng sản phẩm"

    client.force_login(user)
    response = client.post(f"/kenh-nguoi-ban/san-pham/{product.pk}/dang-ban/", follow=True)
    product.refresh_from_db()
    assert product.status == S.HIDDEN
    assert "Quản trị sàn đã ẩn sản phẩm này; không thể đăng bán lại." in messages_of(response)

    client.force_login(moderator)
    client.post(moderate, {})
    product.refresh_from_db()
    assert product.status == S.DRAFT and product.hidden_reason == ""
    client.force_login(user)
    client.post(f"/kenh-nguoi-ban/san-pham/{product.pk}/dang-ban/")
    product.refresh_from_db()
    assert product.status == S.PUBLISHED


def test_hiding_without_a_reason_is_refused_in_the_admin(client, moderator):
    product = product_with_photo()
    client.force_login(moderator)
    response = client.post(f"/cms-admin/cho/san-pham/{product.pk}/kiem-duyet/", {"reason": ""})
    assert response.status_code == 200
    assert "Hãy ghi lý do ẩn sản phẩm cho người bán." in response.content.decode()
    product.refresh_from_db()
    assert product.status == S.PUBLISHED


def test_hide_and_restore_are_logged_with_who_and_why_on_the_history_page(client, moderator):
    product = product_with_photo(name="Mật ong rừng")
    client.force_login(moderator)
    moderate = f"/cms-admin/cho/san-pham/{product.pk}/kiem-duyet/"
    client.post(moderate, {"reason": "Nghi hàng giả, chờ giấy tờ"})
    client.post(moderate, {})
    entries = list(product_log(product))
    assert [(e.action, e.user, e.data["reason"]) for e in entries] == [
        ("catalog.product.hide", moderator, "Nghi hàng giả, chờ giấy tờ"),
        ("catalog.product.restore", moderator, ""),
    ]
    assert 'href="/cms-admin/product/history/' in client.get(moderate).content.decode()
    history = client.get(f"/cms-admin/product/history/{product.pk}/")
    assert history.status_code == 200
    body = history.content.decode()
    assert "Bị quản trị sàn ẩn: Nghi hàng giả, chờ giấy tờ" in body
    assert (moderator.get_full_name().strip() or moderator.get_username()) in body
    assert "Bị quản trị sàn ẩn" in body and "Đã khôi phục về bản nháp" in body


def test_wagtail_product_screens_cannot_publish_or_create(client, moderator):
    product = ProductFactory(status=S.DRAFT)
    client.force_login(moderator)
    assert "/cms-admin/product/new/" not in client.get("/cms-admin/product/").content.decode()
    assert client.get("/cms-admin/product/new/").status_code == 302  # refused, not a 500
    response = client.post(
        f"/cms-admin/product/edit/{product.pk}/",
        {
            "name": "Sửa trong Wagtail",
            "category": product.category_id,
            "price": "85000",
            "unit": "kg",
            "stock": "4",
            "ocop_stars": "0",
            "description": "",
            "status": "published",
        },
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.name == "Sửa trong Wagtail" and product.status == S.DRAFT
