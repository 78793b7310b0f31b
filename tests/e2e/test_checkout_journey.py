"""Guest checkout with delivery fees, order lookup, VietQR transfer, unserved address; phone first.

The QR code on the order page is read back from a screenshot with zbarimg (zbar-tools,
installed by scripts/services.sh) and its payload decoded: bank, account, amount, note.
"""

import re
import shutil
import subprocess
from urllib.parse import urlparse

import pytest

from orders import vietqr
from orders.models import Order
from shops.models import BankAccount, DeliveryRate, DeliverySettings
from tests.e2e.test_order_journey import phone_page, sign_in
from tests.factories import (
    AreaFactory,
    BoothFactory,
    MembershipFactory,
    ProductFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def market():
    """Two booths with different rules: Bắc Giang (by weight beyond the province), Hà Nội."""
    bac_giang = AreaFactory(name="Bắc Giang", slug="bac-giang", kind="province")
    lychee_booth = BoothFactory(name="HTX Vải thiều Phượng Hoàng", area=bac_giang)
    chicken_booth = BoothFactory(name="Trang trại Gà đồi", address="Số 5, Đông Anh, Hà Nội")
    DeliverySettings.objects.create(booth=chicken_booth, origin_province="Hà Nội", pickup=True)
    DeliveryRate.objects.create(booth=lychee_booth, zone="province", flat_fee=15_000)
    DeliveryRate.objects.create(
        booth=lychee_booth, zone="neighbours", flat_fee=30_000, per_kg_fee=5_000
    )
    DeliveryRate.objects.create(
        booth=chicken_booth, zone="province", flat_fee=20_000, free_from=500_000
    )
    DeliveryRate.objects.create(booth=chicken_booth, zone="nationwide", flat_fee=45_000)
    seller = UserFactory(full_name="Hoàng Văn Bán")
    MembershipFactory(booth=lychee_booth, user=seller)
    MembershipFactory(booth=chicken_booth)
    lychee = ProductFactory(
        booth=lychee_booth, name="Vải thiều Lục Ngạn", slug="vai-thieu-luc-ngan", price=85_000
    )
    chicken = ProductFactory(
        booth=chicken_booth,
        name="Gà đồi Yên Thế",
        slug="ga-doi-yen-the",
        price=150_000,
        unit="con",
        unit_weight_grams=2_000,
    )
    return {"lychee": lychee, "chicken": chicken, "seller": seller}


def add(page, base, product, quantity=1):
    page.goto(f"{base}{product.get_absolute_url()}")
    page.locator(".add-to-cart input[name=quantity]").fill(str(quantity))
    page.get_by_role("button", name="Thêm vào giỏ").click()
    page.wait_for_url(lambda url: urlparse(url).path == product.get_absolute_url())


def fill_address(page, province):
    page.get_by_label("Họ tên người nhận").fill("Lê Thị Khách")
    page.get_by_label("Số điện thoại").fill("0987 654 321")
    page.get_by_label("E-mail (không bắt buộc)").fill("khach@example.vn")
    page.get_by_label("Xã / phường").fill("Phường Cầu Giấy")
    page.get_by_label("Số nhà, đường, thôn/xóm").fill("45 Trần Thái Tông")
    with page.expect_response(re.compile(r"/gio-hang/phi-giao-hang/")):
        page.get_by_label("Tỉnh / thành phố").select_option(province)


def fee_of(page, booth_name):
    group = page.locator(".checkout__group", has_text=booth_name)
    return group.locator("[data-fee]").inner_text()


def test_guest_cod_order_across_two_booths_then_lookup(live_server, new_page, screenshots, market):
    base = live_server.url
    page = phone_page(new_page)
    add(page, base, market["lychee"], 2)
    add(page, base, market["chicken"], 1)
    page.goto(f"{base}/gio-hang/")
    page.locator("#cart-province").select_option("Hà Nội")
    page.wait_for_url(re.compile(r"province="))
    assert "380.000" in page.locator(".cart-summary__total").inner_text()
    screenshots(page, "checkout-01-cart-fees-phone")
    page.get_by_role("link", name="Đặt hàng").click()

    # No log-in page: the guest checks out and is told why there is no account needed.
    page.wait_for_url(lambda url: urlparse(url).path == "/dat-hang/")
    assert "Không cần tài khoản" in page.locator(".checkout__guest").inner_text()
    fill_address(page, "Hà Nội")
    # 2 kg of lychee to a neighbouring province: 30 000 + 2 × 5 000; the chicken farm is in
    # Hà Nội: its in-province flat fee.
    assert fee_of(page, "HTX Vải thiều") == "40.000\u00a0₫"
    assert fee_of(page, "Trang trại Gà đồi") == "20.000\u00a0₫"
    assert page.locator("[data-shipping-total]").inner_text() == "60.000\u00a0₫"
    assert page.locator("[data-grand-total]").inner_text() == "380.000\u00a0₫"
    screenshots(page, "checkout-02-guest-checkout-phone")
    page.get_by_role("button", name="Xác nhận đặt hàng").click()

    page.wait_for_url(re.compile(r"/dat-hang/[0-9A-F]+/$"))
    assert page.locator(".order-card").count() == 2
    assert "380.000" in page.locator(".checkout-done__total").inner_text()
    screenshots(page, "checkout-03-guest-done-phone")
    orders = {o.booth.name: o for o in Order.objects.select_related("booth")}
    lychee_order = orders["HTX Vải thiều Phượng Hoàng"]
    assert (lychee_order.user, lychee_order.shipping_fee, lychee_order.total) == (
        None,
        40_000,
        210_000,
    )

    # The private link opens the order, with the fee and what to do next.
    page.locator(".order-card", has_text=lychee_order.number).locator(".order-card__number").click()
    assert "40.000" in page.locator(".order-items__shipping").inner_text()
    assert "210.000" in page.locator("[data-next]").inner_text()
    # "Hủy đơn" asks first; dismissing keeps the order.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Hủy đơn").click()
    lychee_order.refresh_from_db()
    assert lychee_order.status == "pending"

    # Another phone, no cookies: the order lookup by code and phone.
    other = phone_page(new_page)
    other.goto(f"{base}/tra-cuu-don-hang/")
    other.get_by_label("Mã đơn hàng").fill(lychee_order.number.lower())
    other.get_by_label("Số điện thoại đã dùng khi đặt hàng").fill("0912 000 000")
    other.get_by_role("button", name="Tìm đơn hàng").click()
    assert "Không có đơn hàng nào" in other.locator(".errorlist").inner_text()
    other.get_by_label("Số điện thoại đã dùng khi đặt hàng").fill("+84 987 654 321")
    other.get_by_role("button", name="Tìm đơn hàng").click()
    other.wait_for_url(re.compile(re.escape(lychee_order.number)))
    assert lychee_order.number in other.locator("h1").inner_text()
    screenshots(other, "checkout-04-lookup-found-phone")


def test_an_address_a_booth_does_not_serve_is_refused_before_placing(
    live_server, new_page, screenshots, market
):
    base = live_server.url
    page = phone_page(new_page)
    add(page, base, market["lychee"], 1)
    add(page, base, market["chicken"], 1)
    page.goto(f"{base}/dat-hang/")
    fill_address(page, "Cà Mau")
    refused = page.locator(".checkout__group", has_text="HTX Vải thiều").locator("[data-refused]")
    assert refused.is_visible()
    assert "không giao hàng tới Cà Mau" in refused.inner_text()
    assert fee_of(page, "Trang trại Gà đồi") == "45.000\u00a0₫"
    screenshots(page, "checkout-05-refused-phone")
    page.get_by_role("button", name="Xác nhận đặt hàng").click()
    assert "không giao hàng tới Cà Mau" in page.locator(".messages, .message").first.inner_text()
    assert Order.objects.count() == 0


def test_vietqr_order_decodes_and_is_confirmed_by_the_seller(
    live_server, new_page, screenshots, market, output_dir
):
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbar-tools is installed by scripts/services.sh (chromium)"
    base = live_server.url
    lychee = market["lychee"]
    BankAccount.objects.create(
        booth=lychee.booth,
        bank_bin="970436",
        account_number="1012345678",
        account_name="HOANG VAN BAN",
    )
    page = phone_page(new_page)
    add(page, base, lychee, 2)
    page.goto(f"{base}/dat-hang/")
    fill_address(page, "Bắc Ninh")  # the same province as Bắc Giang since 2025
    assert fee_of(page, "HTX Vải thiều") == "15.000\u00a0₫"
    page.get_by_label("Chuyển khoản VietQR").check()
    page.get_by_role("button", name="Xác nhận đặt hàng").click()
    page.wait_for_url(re.compile(r"/dat-hang/[0-9A-F]+/$"))
    page.get_by_role("link", name="Xem mã VietQR").click()
    order = Order.objects.get()
    assert order.total == 185_000

    # The code on the screen, read as a banking app would.
    shot = screenshots(page, "checkout-06-vietqr-phone")
    qr_png = shot.parent / "checkout-06-vietqr-code.png"
    page.locator(".vietqr__image svg").screenshot(path=str(qr_png))
    payload = subprocess.run(
        [zbarimg, "--raw", "-q", str(qr_png)], capture_output=True, text=True, check=True
    ).stdout.strip()
    decoded = vietqr.decode(payload)
    assert (decoded["bin"], decoded["account"], decoded["amount"], decoded["note"]) == (
        "970436",
        "1012345678",
        185_000,
        order.number,
    )
    (shot.parent / "checkout-06-vietqr-payload.txt").write_text(
        f"{payload}\n{decoded}\n", encoding="utf-8"
    )
    facts = page.locator(".vietqr__facts").inner_text()
    assert "Vietcombank" in facts and "1012345678" in facts and "HOANG VAN BAN" in facts
    assert re.search(r"\d+:\d\d", page.locator("[data-countdown]").inner_text())
    page.get_by_role("button", name="Tôi đã chuyển khoản").click()
    assert "Gian hàng sẽ kiểm tra" in page.locator(".message, .messages").first.inner_text()

    # The seller checks the account and confirms receipt, then the order.
    seller_page = phone_page(new_page)
    sign_in(seller_page, base, market["seller"], order.get_seller_url())
    assert "Người mua báo đã chuyển khoản" in seller_page.locator(".order-facts").inner_text()
    seller_page.get_by_role("button", name="Đã nhận tiền chuyển khoản").click()
    assert "Đã thanh toán" in seller_page.locator(".order-detail__status").inner_text()
    seller_page.get_by_role("button", name="Xác nhận đơn").click()
    assert "Đã xác nhận" in seller_page.locator(".order-detail__status").inner_text()
    screenshots(seller_page, "checkout-07-seller-confirmed-phone")

    page.reload()
    assert "Đã thanh toán" in page.locator(".order-detail__status").inner_text()
    assert page.locator(".vietqr").count() == 0

    # The same order page on a desktop screen.
    desktop = new_page("desktop")
    desktop.goto(f"{base}{order.get_private_url()}")
    screenshots(desktop, "checkout-08-order-desktop")


def test_checkout_on_a_desktop(live_server, new_page, screenshots, market):
    base = live_server.url
    page = new_page("desktop")
    add(page, base, market["lychee"], 2)
    add(page, base, market["chicken"], 1)
    page.goto(f"{base}/dat-hang/")
    fill_address(page, "Hà Nội")
    page.get_by_label("Nhận tại gian hàng").check()
    page.wait_for_function(
        "() => document.querySelector('[data-shipping-total]').textContent.startsWith('40.000')"
    )
    assert fee_of(page, "Trang trại Gà đồi") == "Miễn phí"
    screenshots(page, "checkout-09-checkout-desktop")
