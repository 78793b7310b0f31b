"""Reviews from verified buyers only: writing, photos, replies, reports, moderation, the
product page and its JSON-LD, the catalogue sort, reminders and rate limits."""

import io
import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from catalog.models import Product
from orders.models import Order
from reviews import actions
from reviews.models import Review, ReviewReport
from tests.factories import ProductFactory, ProductImageFactory, UserFactory
from tests.sellers import jpeg_upload

from .conftest import make_order

pytestmark = pytest.mark.django_db


def write_url(item):
    return f"/tai-khoan/danh-gia/viet/{item.pk}/"


def product_json_ld(body):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    )


# --- who may review ------------------------------------------------------------------


def test_a_shopper_without_a_delivered_order_cannot_review_by_form_or_crafted_post(
    client, buyer, product
):
    stranger = UserFactory()
    _order, item = make_order(buyer, product)
    _shipping, undelivered = make_order(stranger, product, status=Order.Status.SHIPPING)
    client.force_login(stranger)
    # someone else's delivered line, and the stranger's own line not delivered yet
    for line in (item, undelivered):
        assert client.get(write_url(line)).status_code == 404
        response = client.post(write_url(line), {"rating": "1", "text": "Tệ"})
        assert response.status_code == 404
    client.logout()
    assert client.post(write_url(item), {"rating": "1"}).status_code == 302  # to the log-in
    assert not Review.objects.exists()
    assert Product.objects.get(pk=product.pk).rating_count == 0


def test_the_order_page_offers_a_review_only_once_delivered(client, buyer, product):
    order, item = make_order(buyer, product, status=Order.Status.SHIPPING)
    client.force_login(buyer)
    assert write_url(item) not in client.get(order.get_absolute_url()).content.decode()
    Order.objects.filter(pk=order.pk).update(status=Order.Status.DELIVERED)
    assert write_url(item) in client.get(order.get_absolute_url()).content.decode()


def test_a_delivered_buyer_reviews_with_a_photo_once(client, buyer, product, delivered):
    order, item = delivered
    client.force_login(buyer)
    response = client.post(
        write_url(item),
        {
            "rating": "5",
            "text": "Vải <script>alert(1)</script>ngọt, <b>đóng gói</b> cẩn thận",
            "photos": [jpeg_upload("vai.jpg")],
        },
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.user, review.product, review.rating) == (buyer, product, 5)
    assert "<" not in review.text and "ngọt" in review.text  # markup removed, words kept
    assert review.photos.count() == 1
    product.refresh_from_db()
    assert (float(product.rating_average), product.rating_count) == (5.0, 1)
    # the same line cannot be reviewed twice: the form leads to the existing review
    again = client.post(write_url(item), {"rating": "1", "text": "Đổi ý"})
    assert again.status_code == 302 and again.url == f"/tai-khoan/danh-gia/{review.pk}/sua/"
    assert Review.objects.count() == 1
    body = client.get(product.get_absolute_url()).content.decode()
    assert "Lan T." in body and "đóng gói cẩn thận" in body
    assert "alert(1)" not in body


def test_bad_input_gets_a_clear_vietnamese_error(client, buyer, delivered):
    _order, item = delivered
    client.force_login(buyer)
    response = client.post(
        write_url(item),
        {"rating": "9", "photos": [jpeg_upload(f"{i}.jpg") for i in range(4)]},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hãy chọn từ 1 đến 5 sao." in body
    assert "Tối đa 3 ảnh cho mỗi đánh giá." in body
    assert not Review.objects.exists()


def test_a_review_is_editable_for_a_while_only(client, buyer, delivered, settings):
    settings.REVIEW_EDIT_DAYS = 30
    _order, item = delivered
    client.force_login(buyer)
    client.post(write_url(item), {"rating": "3", "text": "Tạm được"})
    review = Review.objects.get()
    edit = f"/tai-khoan/danh-gia/{review.pk}/sua/"
    assert client.post(edit, {"rating": "4", "text": "Ăn lại thấy ngon"}).status_code == 302
    review.refresh_from_db()
    assert review.rating == 4 and review.edited_at is not None
    Review.objects.filter(pk=review.pk).update(created_at=timezone.now() - timedelta(days=31))
    response = client.post(edit, {"rating": "1", "text": "Sửa muộn"})
    assert response.status_code == 200
    assert "Đánh giá này không còn sửa được nữa." in response.content.decode()
    review.refresh_from_db()
    assert review.rating == 4
    # nobody else can open it
    client.force_login(UserFactory())
    assert client.get(edit).status_code == 404


def test_writing_is_rate_limited(client, buyer, product, settings):
    settings.REVIEW_RATE_LIMIT = "2/h"
    items = [make_order(buyer, product)[1] for _ in range(3)]
    client.force_login(buyer)
    for item in items[:2]:
        assert client.post(write_url(item), {"rating": "5"}).status_code == 302
    response = client.post(write_url(items[2]), {"rating": "5"})
    assert response.status_code == 200
    assert "Bạn thao tác quá nhiều lần" in response.content.decode()
    assert Review.objects.count() == 2


# --- the booth's reply, reports and moderation ------------------------------------------


def test_seller_replies_once_and_a_moderator_hides_after_a_report(
    client, buyer, seller, moderator, product, delivered
):
    _order, item = delivered
    review = actions.create(buyer, item, rating=2, text="Quả hơi nhỏ")
    # the booth replies, once
    client.force_login(seller)
    assert "Quả hơi nhỏ" in client.get("/kenh-nguoi-ban/danh-gia/").content.decode()
    url = f"/kenh-nguoi-ban/danh-gia/{review.pk}/tra-loi/"
    client.post(url, {"text": "Cảm ơn chị, lần sau shop chọn quả to hơn ạ."})
    client.post(url, {"text": "Trả lời lần hai"})
    assert review.__class__.objects.get(pk=review.pk).reply.text.startswith("Cảm ơn chị")
    page = client.get(product.get_absolute_url()).content.decode()
    assert "lần sau shop chọn quả to hơn" in page and "Trả lời lần hai" not in page
    # another booth's seller cannot reply
    other = UserFactory()
    client.force_login(other)
    assert client.post(url, {"text": "Xen vào"}).status_code == 404
    # anyone signed in reports it
    client.post(f"/danh-gia/{review.pk}/bao-cao/", {"reason": "offensive", "note": "Nói sai"})
    assert ReviewReport.objects.get().reporter == other
    # a moderator hides it with a reason
    client.force_login(moderator)
    listing = client.get("/cms-admin/review/").content.decode()
    assert "Vải thiều Lục Ngạn" in listing
    response = client.post(
        f"/cms-admin/danh-gia/{review.pk}/kiem-duyet/", {"reason": "Nội dung xúc phạm"}
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == Review.Status.HIDDEN
    product.refresh_from_db()
    assert product.rating_count == 0
    assert "Quả hơi nhỏ" not in client.get(product.get_absolute_url()).content.decode()
    entry = ModelLogEntry.objects.for_instance(review).get()
    assert entry.action == "reviews.review.hide" and entry.user == moderator
    history = client.get(f"/cms-admin/review/history/{review.pk}/").content.decode()
    assert "Nội dung xúc phạm" in history
    # and restores it
    client.post(f"/cms-admin/danh-gia/{review.pk}/kiem-duyet/", {"reason": "Đã xem lại"})
    product.refresh_from_db()
    assert product.rating_count == 1


def test_hiding_needs_a_reason(client, moderator, buyer, delivered):
    review = actions.create(buyer, delivered[1], rating=1, text="x")
    client.force_login(moderator)
    response = client.post(f"/cms-admin/danh-gia/{review.pk}/kiem-duyet/", {"reason": ""})
    assert response.status_code == 200
    review.refresh_from_db()
    assert review.status == Review.Status.PUBLISHED


# --- what the public sees -------------------------------------------------------------------


def test_product_page_and_json_ld_carry_the_right_average(client, product):
    for rating in (5, 4, 4):
        review(product, rating, "Ngon")
    body = client.get(product.get_absolute_url()).content.decode()
    ld = product_json_ld(body)
    assert ld["aggregateRating"]["ratingValue"] == "4.3"
    assert ld["aggregateRating"]["reviewCount"] == 3
    assert [r["reviewRating"]["ratingValue"] for r in ld["review"]] == ["4", "4", "5"]
    assert "4,3" in body  # the average as Vietnamese shows it
    card = client.get("/san-pham/").content.decode()
    assert "4,3 (3 đánh giá)" in card


def review(product, rating, text=""):
    buyer = UserFactory()
    return actions.create(buyer, make_order(buyer, product)[1], rating=rating, text=text)


def test_catalogue_sorts_by_rating(client, booth):
    good, fair, none = (
        ProductFactory(booth=booth, name=n) for n in ("Tốt", "Khá", "Chưa có đánh giá")
    )
    for p in (good, fair, none):
        ProductImageFactory(product=p)
    review(good, 5)
    review(fair, 3)
    names = [p.name for p in client.get("/san-pham/?sort=rating").context["products"]]
    assert names == ["Tốt", "Khá", "Chưa có đánh giá"]


def test_booth_page_shows_the_booths_overall_rating(client, booth, product):
    review(product, 4)
    review(product, 5)
    body = client.get(booth.get_absolute_url()).content.decode()
    assert "4,5 (2 đánh giá)" in body


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # renditions are made once
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["product", "list"])
def test_query_count_stays_constant_with_reviews(client, product, page, settings):
    settings.REVIEW_RATE_LIMIT = "1000/h"
    url = product.get_absolute_url() if page == "product" else "/san-pham/"
    counts = {}
    for total in (1, 12):
        while Review.objects.count() < total:
            written = review(product, 4, "Ngon")
            actions.reply(product.booth.memberships.get().user, written, "Cảm ơn")
            actions._add_photos(written, [jpeg_upload()])
        counts[total] = _count_queries(client, url)
    assert counts[1] == counts[12], counts


# --- reminders ---------------------------------------------------------------------------------


def test_reminder_is_sent_once_some_days_after_delivery(
    buyer, product, settings, django_capture_on_commit_callbacks
):
    settings.REVIEW_REMINDER_DAYS = 5
    make_order(buyer, product, delivered_days_ago=2)  # too early
    due, item = make_order(buyer, product, delivered_days_ago=6)
    reviewed, done = make_order(buyer, product, delivered_days_ago=6)
    actions.create(buyer, done, rating=5, text="")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [buyer.email] and due.number in message.subject
    assert f"/tai-khoan/danh-gia/viet/{item.pk}/" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_the_reminder_job_is_registered_with_the_scheduler():
    from core import scheduling

    assert "send_review_reminders" in {job.name for job in scheduling.registered()}
    assert "expire_certificates" in {job.name for job in scheduling.registered()}
