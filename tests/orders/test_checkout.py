import pytest
from django.core import mail

from catalog.models import Product
from orders.models import Order
from tests.factories import BoothFactory
from tests.orders.conftest import ADDRESS, add_to_cart, checkout

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, shopper):
    client.force_login(shopper)
    return client


def test_checkout_is_open_to_guests_and_says_so(client, lychee):
    add_to_cart(client, lychee)
    response = client.get("/dat-hang/")
    assert response.status_code == 200
    assert "email" in response.context["form"].fields  # guests may leave an e-mail
    assert "Không cần tài khoản" in response.content.decode() or "No account needed" in (
        response.content.decode()
    )


def test_one_order_per_booth_sharing_a_reference(
    signed_in, shopper, lychee, chicken, django_capture_on_commit_callbacks
):
    add_to_cart(signed_in, lychee, 2)
    add_to_cart(signed_in, chicken, 1)
    with django_capture_on_commit_callbacks(execute=True):
        response = checkout(signed_in)
    assert response.status_code == 302
    orders = list(Order.objects.filter(user=shopper).order_by("booth__name"))
    assert len(orders) == 2
    assert orders[0].checkout_reference == orders[1].checkout_reference
    assert {o.booth_id for o in orders} == {lychee.booth_id, chicken.booth_id}
    by_booth = {o.booth_id: o for o in orders}
    assert by_booth[lychee.booth_id].total == 170_000
    assert by_booth[chicken.booth_id].total == 150_000
    assert all(o.status == "pending" and o.payment_method == "cod" for o in orders)
    assert by_booth[lychee.booth_id].province == "Bắc Ninh"
    lychee.refresh_from_db()
    chicken.refresh_from_db()
    assert (lychee.stock, chicken.stock) == (8, 4)
    # The cart is emptied and the thank-you page lists both orders.
    done = signed_in.get(response["Location"])
    assert len(done.context["orders"]) == 2
    assert signed_in.get("/gio-hang/").context["cart"].is_empty
    # Shopper and each seller got an e-mail.
    recipients = [r for m in mail.outbox for r in m.to]
    assert recipients.count(shopper.email) == 2
    assert "vaithieu@example.vn" in recipients


def test_price_changed_after_viewing_checkout_is_shown_not_charged(signed_in, lychee):
    add_to_cart(signed_in, lychee, 2)
    page = signed_in.get("/dat-hang/")
    fingerprint = page.context["form"].initial["fingerprint"]
    Product.objects.filter(pk=lychee.pk).update(price=99_000)
    response = signed_in.post("/dat-hang/", {**ADDRESS, "fingerprint": fingerprint})
    assert response.status_code == 409
    assert Order.objects.count() == 0
    html = response.content.decode()
    assert "85.000" in html and "99.000" in html
    lychee.refresh_from_db()
    assert lychee.stock == 10
    # Having seen the new price, the shopper can place the order at that price.
    retry = signed_in.post(
        "/dat-hang/", {**ADDRESS, "fingerprint": response.context["form"]["fingerprint"].value()}
    )
    assert retry.status_code == 302
    assert Order.objects.get().total == 198_000


def test_tampered_price_and_booth_fields_are_ignored(signed_in, lychee):
    other = BoothFactory()
    add_to_cart(signed_in, lychee, 1)
    page = signed_in.get("/dat-hang/")
    fingerprint = page.context["form"].initial["fingerprint"]
    signed_in.post(
        "/dat-hang/",
        {**ADDRESS, "fingerprint": fingerprint, "price": "1", "total": "1", "booth": other.pk},
    )
    order = Order.objects.get()
    assert order.booth_id == lychee.booth_id and order.total == 85_000
    # A forged fingerprint (e.g. computed for a lower price) places nothing.
    add_to_cart(signed_in, lychee, 1)
    response = signed_in.post("/dat-hang/", {**ADDRESS, "fingerprint": "0" * 32})
    assert response.status_code == 409
    assert Order.objects.count() == 1


@pytest.mark.parametrize(
    "phone,ok",
    [
        ("0912345678", True),
        ("+84912345678", True),
        ("84 912 345 678", True),
        ("0912.345.678", True),
        ("02223812345", True),
        ("abcdefghij", False),
        ("091234567", False),
        ("0112345678", False),
        ("", False),
    ],
)
def test_phone_numbers(signed_in, lychee, phone, ok):
    add_to_cart(signed_in, lychee, 1)
    response = checkout(signed_in, phone=phone)
    assert (Order.objects.count() == 1) is ok
    if ok:
        assert Order.objects.get().phone.startswith("0")
    else:
        assert response.status_code == 200
        assert response.context["form"].errors["phone"]


def test_missing_address_fields_are_reported(signed_in, lychee):
    add_to_cart(signed_in, lychee, 1)
    response = checkout(signed_in, province="", street="")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"province", "street"}
    assert Order.objects.count() == 0


def test_card_is_refused_when_stripe_is_off(signed_in, lychee, settings):
    settings.STRIPE_SECRET_KEY = ""
    add_to_cart(signed_in, lychee, 1)
    response = checkout(signed_in, payment_method="card")
    assert response.status_code == 200
    assert "payment_method" in response.context["form"].errors
    assert Order.objects.count() == 0


def test_sold_out_meanwhile_places_nothing_at_all(signed_in, lychee, chicken):
    add_to_cart(signed_in, lychee, 2)
    add_to_cart(signed_in, chicken, 3)
    page = signed_in.get("/dat-hang/")
    fingerprint = page.context["form"].initial["fingerprint"]
    # Another buyer takes chicken stock down to 1 between the page and the click.
    Product.objects.filter(pk=chicken.pk).update(stock=1)
    response = signed_in.post("/dat-hang/", {**ADDRESS, "fingerprint": fingerprint})
    assert response.status_code == 409
    assert Order.objects.count() == 0
    lychee.refresh_from_db()
    assert lychee.stock == 10  # the lychee reservation was rolled back too


def test_empty_cart_checkout_redirects_to_cart(signed_in):
    response = signed_in.get("/dat-hang/")
    assert response.status_code == 302 and response["Location"].endswith("/gio-hang/")
