"""A new seller's whole journey in Chromium, and a shopper finding the product.

Sign-up goes through allauth for real: the confirmation link is read from Django's
in-memory outbox (test settings use the locmem e-mail backend).
"""

import re

import pytest
from django.core import mail

from areas.models import Area
from catalog.models import Category, Certification, Product
from shops.models import Booth
from shops.moderation import grant_moderator_permissions
from tests.factories import DEFAULT_PASSWORD, UserFactory, make_image_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def photo(tmp_path, name, color):
    path = tmp_path / name
    path.write_bytes(make_image_bytes(800, 600, color=color, fmt="JPEG"))
    return str(path)


def test_sign_up_apply_approve_list_and_find(live_server, new_page, screenshots, tmp_path):
    from django.contrib.auth.models import Group

    from accounts import roles

    Area.objects.create(name="Lục Ngạn", slug="luc-ngan")
    Category.objects.create(name="Trái cây", slug="trai-cay")
    Category.objects.create(name="Đồ uống", slug="do-uong")
    Certification.objects.create(code="vietgap", name="VietGAP")
    moderator = UserFactory(email="kiemduyet@example.vn", is_staff=True)
    moderator.groups.add(Group.objects.get_or_create(name=roles.MODERATORS)[0])
    grant_moderator_permissions()
    base = live_server.url

    # 1. A new user signs up and confirms the e-mail address.
    seller = new_page("phone")
    seller.goto(base + "/tai-khoan/signup/")
    seller.fill("input[name=email]", "nongdan@example.vn")
    seller.fill("input[name=password1]", "vai-thieu-2026!")
    seller.fill("input[name=password2]", "vai-thieu-2026!")
    seller.locator("main form button[type=submit]").first.click()
    seller.wait_for_load_state()
    link = re.search(r"https?://\S+/tai-khoan/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    seller.goto(base + "/" + link.split("/", 3)[3])
    seller.locator("main form button[type=submit]").first.click()
    seller.wait_for_load_state()

    # 2. They apply for a booth.
    seller.goto(base + "/kenh-nguoi-ban/dang-ky-gian-hang/")
    seller.fill("#id_name", "HTX Vải thiều Bà Lan")
    seller.select_option("#id_area", label="Lục Ngạn")
    seller.fill("#id_phone", "0912 345 678")
    seller.fill("#id_description", "Vườn vải 30 năm tuổi ở Lục Ngạn.")
    seller.get_by_role("button", name="Gửi đăng ký").click()
    seller.wait_for_url(re.compile(r"/kenh-nguoi-ban/$"))
    assert "Chờ duyệt" in seller.content()
    booth = Booth.objects.get(slug="htx-vai-thieu-ba-lan")
    assert booth.status == Booth.Status.PENDING

    # 3. A moderator approves it in the Wagtail admin.
    admin = new_page("desktop")
    admin.goto(base + "/cms-admin/login/")
    admin.fill("input[name=username]", moderator.email)
    admin.fill("input[name=password]", DEFAULT_PASSWORD)
    admin.locator("main form button[type=submit], form button[type=submit]").first.click()
    admin.wait_for_load_state()
    admin.goto(base + f"/cms-admin/cho/gian-hang/{booth.pk}/kiem-duyet/")
    admin.select_option("select[name=action]", "approve")
    admin.locator("form button.button").first.click()
    admin.wait_for_load_state()
    booth.refresh_from_db()
    assert booth.status == Booth.Status.APPROVED

    # 4. The seller adds a product with two photos and publishes it.
    seller.goto(base + f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/")
    seller.fill("#id_name", "Vải thiều Lục Ngạn loại 1")
    seller.select_option("#id_category", label="Trái cây")
    seller.fill("#id_price", "85000")
    seller.fill("#id_unit", "kg")
    seller.fill("#id_stock", "120")
    seller.select_option("#id_origin_area", label="Lục Ngạn")
    # OCOP stars and certifications are records a moderator checks (docs/trust.md),
    # not fields the seller types: the form has none.
    assert seller.locator("#id_ocop_stars").count() == 0
    seller.get_by_label("Tháng 6", exact=True).check()
    seller.fill("#id_description", "<p>Quả to, cùi dày, <strong>ngọt lịm</strong>.</p>")
    seller.set_input_files(
        "#id_photos",
        [photo(tmp_path, "vai-1.jpg", (200, 40, 60)), photo(tmp_path, "vai-2.jpg", (40, 140, 60))],
    )
    assert seller.locator(".photo-preview img").count() == 2
    seller.get_by_role("button", name="Lưu và đăng bán").click()
    seller.wait_for_url(re.compile(r"/kenh-nguoi-ban/san-pham/\d+/$"))
    product = Product.objects.get(slug="vai-thieu-luc-ngan-loai-1")
    assert product.status == Product.Status.PUBLISHED
    assert product.images.count() == 2

    # 5. A shopper finds it in the product list by filter and opens it.
    shopper = new_page("phone")
    shopper.goto(base + "/san-pham/")
    shopper.locator(".filters__toggle").click()
    shopper.select_option("#f-area", label="Lục Ngạn")
    shopper.get_by_role("button", name="Áp dụng").click()
    shopper.wait_for_url(re.compile(r"area=luc-ngan"))
    shopper.get_by_role("link", name="Vải thiều Lục Ngạn loại 1").first.click()
    shopper.wait_for_url(re.compile(r"/san-pham/vai-thieu-luc-ngan-loai-1/$"))
    assert "85.000" in shopper.locator(".product-info__price").inner_text()
    assert shopper.locator(".gallery__slide img").count() == 2
    shopper.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading='eager')"
    )
    shopper.wait_for_load_state("networkidle")
    assert screenshots(shopper, "product-page-phone").stat().st_size > 20_000
    shopper.goto(base + booth.get_absolute_url())
    assert "HTX Vải thiều Bà Lan" in shopper.locator("h1").inner_text()
    shopper.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading='eager')"
    )
    shopper.wait_for_load_state("networkidle")
    assert screenshots(shopper, "booth-page-phone").stat().st_size > 10_000
