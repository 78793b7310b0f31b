"""A buyer reviews a delivered product with a photo, the seller replies, a moderator hides
the review after a report; in Chromium."""

from urllib.parse import urlparse

import pytest

from orders.models import Order
from reviews.models import Review
from tests.factories import (
    DEFAULT_PASSWORD,
    BoothFactory,
    MembershipFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
    make_image_bytes,
)
from tests.reviews.conftest import make_order

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HIDDEN_BANNER_FIX = """
document.addEventListener("DOMContentLoaded", () => {
  const style = document.createElement("style");
  style.textContent = ".session-warning[hidden] { display: none !important; }";
  document.head.appendChild(style);
});
"""


def sign_in(page, base, user, next_path):
    page.add_init_script(HIDDEN_BANNER_FIX)
    page.goto(f"{base}/tai-khoan/login/?next={next_path}")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(lambda url: urlparse(url).path == next_path)


def test_review_reply_report_and_hide(live_server, new_page, screenshots, tmp_path):
    base = live_server.url
    booth = BoothFactory(name="HTX Vải thiều Phượng Hoàng")
    seller = UserFactory(full_name="Hoàng Văn Bán")
    MembershipFactory(booth=booth, user=seller)
    product = ProductFactory(booth=booth, name="Vải thiều Lục Ngạn", slug="vai-thieu-luc-ngan")
    ProductImageFactory(product=product)
    buyer = UserFactory(full_name="Trần Thị Lan")
    order, item = make_order(buyer, product, status=Order.Status.DELIVERED)
    photo = tmp_path / "vai.jpg"
    photo.write_bytes(make_image_bytes(320, 240, fmt="JPEG"))

    # the buyer rates the delivered line from the order page, on a phone
    page = new_page("phone")
    sign_in(page, base, buyer, order.get_absolute_url())
    page.get_by_role("link", name="Viết đánh giá").click()
    page.check("input[name=rating][value='5']")
    page.fill("textarea[name=text]", "Vải ngọt, đóng gói cẩn thận.")
    page.set_input_files("input[name=photos]", str(photo))
    page.get_by_role("button", name="Đăng đánh giá").click()
    page.wait_for_url(lambda url: urlparse(url).path == order.get_absolute_url())
    assert page.get_by_text("Cảm ơn bạn! Đánh giá đã được đăng.").is_visible()
    review = Review.objects.get()
    assert review.photos.count() == 1

    # the seller replies from the seller centre
    seller_page = new_page("desktop")
    sign_in(seller_page, base, seller, "/kenh-nguoi-ban/danh-gia/")
    seller_page.fill("textarea[name=text]", "Cảm ơn chị Lan đã ủng hộ!")
    seller_page.get_by_role("button", name="Đăng trả lời").click()
    seller_page.wait_for_url(lambda url: urlparse(url).path == "/kenh-nguoi-ban/danh-gia/")

    # the product page shows the average, the review, its photo and the reply; someone reports
    page.goto(base + product.get_absolute_url())
    reviews = page.locator("#danh-gia")
    assert "5,0" in reviews.inner_text()
    assert reviews.get_by_text("Vải ngọt, đóng gói cẩn thận.").is_visible()
    assert reviews.get_by_text("Cảm ơn chị Lan đã ủng hộ!").is_visible()
    assert reviews.locator(".review__photos img").count() == 1
    screenshots(page, "review-product-page")
    reviews.locator("summary", has_text="Báo cáo").click()
    reviews.get_by_label("Vì sao báo cáo đánh giá này?").select_option("spam")
    reviews.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_url(lambda url: urlparse(url).path == product.get_absolute_url())
    assert review.reports.count() == 1

    # a moderator hides it with a reason in the Wagtail admin
    moderator = UserFactory(is_staff=True, is_superuser=True)
    admin = new_page("desktop")
    sign_in(admin, base, moderator, f"/cms-admin/danh-gia/{review.pk}/kiem-duyet/")
    admin.fill("textarea[name=reason]", "Quảng cáo trá hình")
    admin.get_by_role("button", name="Ẩn đánh giá này").click()
    admin.wait_for_load_state()
    review.refresh_from_db()
    assert review.status == Review.Status.HIDDEN
    page.goto(base + product.get_absolute_url())
    assert page.get_by_text("Vải ngọt, đóng gói cẩn thận.").count() == 0
