"""Guest checkout, delivery fees on orders, order lookup, claiming, VietQR transfers."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from orders import checkout as checkout_module
from orders import vietqr
from orders.models import Order
from shops.models import BankAccount, DeliveryRate, DeliverySettings
from tests.factories import AreaFactory, UserFactory
from tests.orders.conftest import ADDRESS, add_to_cart

pytestmark = pytest.mark.django_db

GUEST = {**ADDRESS, "email": "khach@example.vn", "province": "Hà Nội"}


@pytest.fixture
def rates(booth_a, booth_b):
    """Booth A (Bắc Giang) charges by weight beyond its province; booth B a flat fee."""
    province = AreaFactory(name="Bắc Giang", slug="bac-giang", kind="province")
    booth_a.area = province
    booth_a.save()
    booth_b.area = province
    booth_b.save()
    DeliveryRate.objects.create(booth=booth_a, zone="province", flat_fee=15_000)
    DeliveryRate.objects.create(booth=booth_a, zone="neighbours", flat_fee=30_000, per_kg_fee=5_000)
    DeliveryRate.objects.create(booth=booth_b, zone="province", flat_fee=20_000)
    DeliveryRate.objects.create(
        booth=booth_b, zone="neighbours", flat_fee=25_000, free_from=1_000_000
    )
    DeliveryRate.objects.create(booth=booth_b, zone="nationwide", flat_fee=45_000)
    return booth_a, booth_b


def place(client, **overrides):
    page = client.get("/dat-hang/")
    assert page.status_code == 200
    return client.post(
        "/dat-hang/",
        {**GUEST, "fingerprint": page.context["form"].initial["fingerprint"], **overrides},
    )


def test_guest_orders_from_two_booths_with_their_own_fees(
    client, rates, lychee, chicken, django_capture_on_commit_callbacks
):
    add_to_cart(client, lychee, 2)  # 2 kg of lychee: 30 000 + 2 × 5 000
    add_to_cart(client, chicken, 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = place(client)
    assert response.status_code == 302
    orders = {o.booth_id: o for o in Order.objects.all()}
    a, b = orders[lychee.booth_id], orders[chicken.booth_id]
    assert a.user is None and a.email == "khach@example.vn"
    assert (a.subtotal, a.shipping_fee, a.total, a.shipping_zone) == (
        170_000,
        40_000,
        210_000,
        "neighbours",
    )
    assert (b.subtotal, b.shipping_fee, b.total) == (150_000, 25_000, 175_000)
    assert a.cod_amount == 210_000  # the courier collects the delivery fee too
    # The confirmation page shows both codes, the fees and private links.
    done = client.get(response["Location"])
    body = done.content.decode()
    assert done.status_code == 200 and a.number in body and b.number in body
    assert a.get_private_url() in body and "385.000" in body
    # The e-mail carries the code, the fee and the private link.
    shopper_mail = [m for m in mail.outbox if "khach@example.vn" in m.to]
    assert len(shopper_mail) == 2
    text = next(m.body for m in shopper_mail if a.number in m.body)
    assert "40.000" in text and a.get_private_url() in text and "210.000" in text


def test_the_private_link_opens_the_order_and_a_wrong_token_is_404(client, rates, lychee):
    add_to_cart(client, lychee, 1)
    place(client)
    order = Order.objects.get()
    other = client.__class__()  # another browser, no session
    assert other.get(order.get_private_url()).status_code == 200
    assert other.get(f"/don-hang/{order.number}/wrong-token/").status_code == 404
    assert other.get(f"/dat-hang/{order.checkout_reference}/").status_code == 404


def test_a_guest_cancels_from_the_private_link(client, rates, lychee):
    add_to_cart(client, lychee, 1)
    place(client)
    order = Order.objects.get()
    response = client.post(order.get_private_url() + "huy/")
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == "cancelled"
    lychee.refresh_from_db()
    assert lychee.stock == 10


def test_an_address_a_booth_does_not_serve_is_refused_before_placing(client, rates, lychee):
    add_to_cart(client, lychee, 1)
    response = place(client, province="Cà Mau")
    assert response.status_code == 409
    assert Order.objects.count() == 0
    assert "does not deliver" in response.content.decode() or "không giao" in (
        response.content.decode()
    )
    lychee.refresh_from_db()
    assert lychee.stock == 10


def test_pick_up_makes_the_unserved_address_possible(client, rates, lychee):
    DeliverySettings.objects.create(booth=lychee.booth, pickup=True)
    add_to_cart(client, lychee, 1)
    response = place(client, province="Cà Mau", **{f"delivery_{lychee.booth_id}": "pickup"})
    assert response.status_code == 302
    order = Order.objects.get()
    assert (order.delivery, order.shipping_fee, order.total) == ("pickup", 0, 85_000)


def test_a_fee_changed_after_the_page_places_nothing(client, rates, lychee):
    add_to_cart(client, lychee, 1)
    page = client.get("/dat-hang/?")
    quote = client.get("/gio-hang/phi-giao-hang/?province=H%C3%A0+N%E1%BB%99i").json()
    assert quote["shipping"] == 35_000 and quote["total"] == 120_000
    DeliveryRate.objects.filter(booth=lychee.booth, zone="neighbours").update(flat_fee=50_000)
    response = client.post(
        "/dat-hang/",
        {
            **GUEST,
            "fingerprint": page.context["form"].initial["fingerprint"],
            "shipping_seen": quote["shipping"],
        },
    )
    assert response.status_code == 409 and Order.objects.count() == 0
    # The page now shows the new fee and carries it: the next click places the order.
    assert response.context["quote"].shipping == 55_000
    again = client.post("/dat-hang/", response.context["form"].data)
    assert again.status_code == 302
    assert Order.objects.get().shipping_fee == 55_000


def test_quote_endpoint_refuses_with_a_message(client, rates, lychee):
    add_to_cart(client, lychee, 1)
    quote = client.get("/gio-hang/phi-giao-hang/?province=C%C3%A0+Mau").json()
    assert quote["complete"] is False and "Cà Mau" in quote["booths"][0]["refused"]


def test_cart_page_shows_fees_for_the_chosen_province(client, rates, lychee):
    add_to_cart(client, lychee, 1)
    page = client.get("/gio-hang/?province=H%C3%A0+N%E1%BB%99i")
    assert page.context["quote"].shipping == 35_000
    assert "120.000" in page.content.decode()


# --- lookup --------------------------------------------------------------------------


@pytest.fixture
def guest_order(client, rates, lychee):
    add_to_cart(client, lychee, 1)
    place(client)
    return Order.objects.get()


def test_lookup_by_code_and_phone_opens_the_order(guest_order):
    from django.test import Client

    response = Client().post(
        "/tra-cuu-don-hang/", {"number": guest_order.number.lower(), "phone": "+84 912 345 678"}
    )
    assert response.status_code == 302 and response["Location"] == guest_order.get_private_url()


def test_lookup_gives_the_same_answer_for_a_wrong_phone_and_a_missing_code(guest_order):
    from django.test import Client

    wrong_phone = Client().post(
        "/tra-cuu-don-hang/", {"number": guest_order.number, "phone": "0987654321"}
    )
    no_such = Client().post(
        "/tra-cuu-don-hang/", {"number": "ABCDEF123456-1", "phone": "0912345678"}
    )
    assert wrong_phone.status_code == no_such.status_code == 404
    assert (
        wrong_phone.context["form"].non_field_errors() == no_such.context["form"].non_field_errors()
    )


def test_lookup_is_rate_limited(guest_order, settings):
    from django.test import Client

    settings.ORDER_LOOKUP_ATTEMPTS = 3
    client = Client()
    for _ in range(3):
        assert (
            client.post(
                "/tra-cuu-don-hang/", {"number": guest_order.number, "phone": "0900000000"}
            ).status_code
            == 404
        )
    # Even the right phone is refused now: guessing cannot go on.
    blocked = client.post(
        "/tra-cuu-don-hang/", {"number": guest_order.number, "phone": "0912345678"}
    )
    assert blocked.status_code == 429


def test_lookup_limits_each_visitor_behind_the_proxy_not_the_proxy(guest_order, settings):
    """Behind nginx every request comes from 127.0.0.1: the limit must follow the visitor's
    address from X-Forwarded-For, or one guesser would lock every shopper out."""
    from django.test import Client

    settings.ORDER_LOOKUP_ATTEMPTS = 3
    settings.TRUSTED_PROXY_COUNT = 1
    guesser = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    for n in range(4):
        guesser.post("/tra-cuu-don-hang/", {"number": f"DH-KHONG-CO-{n}", "phone": "0900000000"})
    shopper = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4")
    found = shopper.post(
        "/tra-cuu-don-hang/", {"number": guest_order.number, "phone": "0912345678"}
    )
    assert found.status_code in (200, 302)
    assert (
        guesser.post(
            "/tra-cuu-don-hang/", {"number": guest_order.number, "phone": "0912345678"}
        ).status_code
        == 429
    )


# --- claiming ------------------------------------------------------------------------


def test_a_verified_email_claims_the_guest_orders(guest_order, client):
    user = UserFactory(email="khach@example.vn", verified=False)
    address = EmailAddress.objects.create(user=user, email=user.email, verified=False)
    client.force_login(user)
    assert not Order.objects.filter(user=user).exists()  # not verified: nothing claimed
    from allauth.account.signals import email_confirmed

    address.verified = True
    address.save()
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    assert list(Order.objects.filter(user=user)) == [guest_order]
    assert guest_order.number in client.get("/tai-khoan/don-hang/").content.decode()


def test_someone_elses_unverified_email_claims_nothing(guest_order, client):
    impostor = UserFactory(email="khach@example.vn", verified=False)
    EmailAddress.objects.create(user=impostor, email=impostor.email, verified=False)
    client.force_login(impostor)
    assert not Order.objects.filter(user=impostor).exists()


def test_signed_in_shoppers_address_is_remembered(client, shopper, rates, lychee):
    client.force_login(shopper)
    add_to_cart(client, lychee, 1)
    place(client)
    add_to_cart(client, lychee, 1)
    initial = client.get("/dat-hang/").context["form"].initial
    assert (initial["province"], initial["street"]) == ("Hà Nội", ADDRESS["street"])
    assert initial["shipping_seen"] == 35_000


# --- VietQR --------------------------------------------------------------------------


@pytest.fixture
def bank(booth_a):
    return BankAccount.objects.create(
        booth=booth_a, bank_bin="970436", account_number="1012345678", account_name="NGUYEN VAN A"
    )


def test_vietqr_is_offered_only_when_every_booth_takes_it(client, rates, bank, lychee, chicken):
    add_to_cart(client, lychee, 1)
    choices = dict(client.get("/dat-hang/").context["form"].fields["payment_method"].choices)
    assert "vietqr" in choices
    add_to_cart(client, chicken, 1)  # booth B has no account
    choices = dict(client.get("/dat-hang/").context["form"].fields["payment_method"].choices)
    assert "vietqr" not in choices


def test_vietqr_order_shows_a_code_for_the_right_account_amount_and_note(
    client, rates, bank, lychee, seller
):
    add_to_cart(client, lychee, 2)
    assert place(client, payment_method="vietqr").status_code == 302
    order = Order.objects.get()
    assert (order.bank_bin, order.bank_account_number, order.total) == (
        "970436",
        "1012345678",
        210_000,
    )
    assert order.payment_due_at > timezone.now()
    page = client.get(order.get_private_url())
    payload = page.context["vietqr"]["payload"]
    decoded = vietqr.decode(payload)
    assert (decoded["bin"], decoded["account"], decoded["amount"], decoded["note"]) == (
        "970436",
        "1012345678",
        210_000,
        order.number,
    )
    body = page.content.decode()
    assert "<svg" in body and "1012345678" in body and "NGUYEN VAN A" in body
    svg = client.get(order.get_private_url() + "vietqr.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    # A later change of account does not change what this order asks for.
    BankAccount.objects.filter(pk=bank.pk).update(account_number="999")
    assert client.get(order.get_private_url()).context["vietqr"]["payload"] == payload


def test_the_seller_confirms_the_transfer_then_the_order(client, rates, bank, lychee, seller):
    add_to_cart(client, lychee, 1)
    place(client, payment_method="vietqr")
    order = Order.objects.get()
    client.force_login(seller)
    blocked = client.post(order.get_seller_url() + "trang-thai/", {"status": "confirmed"})
    assert blocked.status_code == 302
    order.refresh_from_db()
    assert order.status == "pending"  # cannot confirm before the money is there
    client.post(order.get_seller_url() + "da-nhan-tien/")
    order.refresh_from_db()
    assert (order.payment_status, order.paid_at is not None) == ("paid", True)
    client.post(order.get_seller_url() + "trang-thai/", {"status": "confirmed"})
    order.refresh_from_db()
    assert order.status == "confirmed"


def test_only_the_booth_confirms_a_transfer(client, rates, bank, lychee):
    add_to_cart(client, lychee, 1)
    place(client, payment_method="vietqr")
    order = Order.objects.get()
    client.force_login(UserFactory())
    assert client.post(order.get_seller_url() + "da-nhan-tien/").status_code == 404
    order.refresh_from_db()
    assert order.payment_status == "unpaid"


def test_unpaid_transfers_expire_and_give_stock_back_unless_reported(client, rates, bank, lychee):
    add_to_cart(client, lychee, 3)
    place(client, payment_method="vietqr")
    add_to_cart(client, lychee, 1)
    place(client, payment_method="vietqr")
    first, second = Order.objects.order_by("id")
    client.post(second.get_private_url() + "da-chuyen-khoan/")  # the shopper says it is paid
    later = timezone.now() + timedelta(minutes=checkout_module.transfer_expiry_minutes() + 1)
    cancelled = checkout_module.expire_unpaid_transfers(now=later)
    assert [o.pk for o in cancelled] == [first.pk]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("cancelled", "pending")
    lychee.refresh_from_db()
    assert lychee.stock == 10 - 1
    assert checkout_module.expire_unpaid_transfers(now=later) == []  # twice is harmless


def test_a_paid_transfer_is_cancelled_by_the_booth_not_the_shopper(
    client, rates, bank, lychee, seller
):
    add_to_cart(client, lychee, 1)
    place(client, payment_method="vietqr")
    order = Order.objects.get()
    from orders import transitions

    transitions.confirm_transfer(order, roles={"seller"})
    client.post(order.get_private_url() + "huy/")
    order.refresh_from_db()
    assert order.status == "pending"
    transitions.move(order, "cancelled", roles={"seller"})
    order.refresh_from_db()
    assert (order.status, order.payment_status) == ("cancelled", "refunded")


# --- seller centre ---------------------------------------------------------------------


def test_seller_sets_delivery_rates_and_bank_account(client, seller, booth_a):
    client.force_login(seller)
    url = f"/kenh-nguoi-ban/gian-hang/{booth_a.pk}/giao-hang/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "form": "delivery",
            "origin_province": "Bắc Ninh",
            "province_on": "on",
            "province_flat": "15000",
            "neighbours_on": "on",
            "neighbours_flat": "30000",
            "neighbours_per_kg": "5000",
            "neighbours_free_from": "800000",
            "pickup": "on",
        },
    )
    assert response.status_code == 302
    assert dict(booth_a.delivery_rates.values_list("zone", "flat_fee")) == {
        "province": 15_000,
        "neighbours": 30_000,
    }
    bad = client.post(url, {"form": "bank", "account_number": "12 34"})
    assert bad.status_code == 200 and not BankAccount.objects.exists()
    client.post(
        url,
        {
            "form": "bank",
            "bank_bin": "970418",
            "account_number": "2161234567",
            "account_name": "Trần Văn Bán",
        },
    )
    account = BankAccount.objects.get(booth=booth_a)
    assert (account.bank_name, account.account_name) == ("BIDV", "TRAN VAN BAN")


def test_another_booths_delivery_page_is_404(client, seller, booth_b):
    client.force_login(seller)
    assert client.get(f"/kenh-nguoi-ban/gian-hang/{booth_b.pk}/giao-hang/").status_code == 404
