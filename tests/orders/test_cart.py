import pytest

from catalog.models import Product
from orders.models import CartItem
from tests.factories import DEFAULT_PASSWORD, ProductFactory
from tests.orders.conftest import add_to_cart

pytestmark = pytest.mark.django_db


def cart_page(client):
    response = client.get("/gio-hang/")
    assert response.status_code == 200
    return response


def test_guest_adds_products_and_cart_groups_them_by_booth(client, lychee, chicken):
    add_to_cart(client, lychee, 2)
    add_to_cart(client, chicken, 1)
    cart = cart_page(client).context["cart"]
    assert [g.booth.name for g in cart.groups] == ["Gà đồi Yên Thế", "Vải thiều Lục Ngạn"]
    assert cart.total == 2 * 85_000 + 150_000
    assert cart.count == 3
    html = cart_page(client).content.decode()
    assert "320.000" in html


def test_header_shows_cart_count(client, lychee):
    add_to_cart(client, lychee, 3)
    html = client.get("/gio-hang/").content.decode()
    assert "data-cart-count>3<" in html


@pytest.mark.parametrize("bad", ["0", "-2", "abc", "", "1.5", "100"])
def test_bad_quantities_are_refused_with_a_message(client, lychee, bad):
    response = add_to_cart(client, lychee, bad)
    assert response.status_code == 302
    page = cart_page(client)
    assert page.context["cart"].is_empty
    messages = [str(m) for m in page.context["messages"]]
    assert messages and all(m for m in messages)


def test_cannot_add_more_than_stock(client, lychee):
    add_to_cart(client, lychee, 8)
    response = client.post(
        "/gio-hang/them/", {"product": lychee.pk, "quantity": 3}, follow=True
    )  # 11 > stock 10
    assert "10" in " ".join(str(m) for m in response.context["messages"])
    assert response.context["cart"].lines[0].quantity == 8
    assert CartItem.objects.count() == 0  # a guest's cart lives in the session


def test_hidden_or_draft_products_cannot_be_added(client, booth_a):
    hidden = ProductFactory(booth=booth_a, status=Product.Status.HIDDEN)
    draft = ProductFactory(booth=booth_a, status=Product.Status.DRAFT)
    add_to_cart(client, hidden)
    add_to_cart(client, draft)
    add_to_cart(client, type("P", (), {"pk": "abc"}))
    assert cart_page(client).context["cart"].is_empty


def test_product_hidden_while_in_cart_is_flagged_and_blocks_checkout(client, shopper, lychee):
    client.force_login(shopper)
    add_to_cart(client, lychee, 1)
    Product.objects.filter(pk=lychee.pk).update(status=Product.Status.HIDDEN)
    page = cart_page(client)
    cart = page.context["cart"]
    assert cart.has_problems and len(cart.unavailable) == 1
    assert "Check out" not in page.content.decode() and "/dat-hang/" not in page.content.decode()


def test_update_and_remove(client, lychee):
    add_to_cart(client, lychee, 2)
    client.post("/gio-hang/cap-nhat/", {"product": lychee.pk, "quantity": "5"})
    assert cart_page(client).context["cart"].lines[0].quantity == 5
    client.post("/gio-hang/cap-nhat/", {"product": lychee.pk, "quantity": "50"})  # > stock
    assert cart_page(client).context["cart"].lines[0].quantity == 5
    client.post("/gio-hang/cap-nhat/", {"product": lychee.pk, "quantity": "x"})
    assert cart_page(client).context["cart"].lines[0].quantity == 5
    client.post("/gio-hang/cap-nhat/", {"product": lychee.pk, "quantity": "0"})
    assert cart_page(client).context["cart"].is_empty


def test_price_change_is_shown_in_cart(client, lychee):
    add_to_cart(client, lychee, 2)
    Product.objects.filter(pk=lychee.pk).update(price=95_000)
    page = cart_page(client)
    line = page.context["cart"].lines[0]
    assert line.price_changed and line.price_seen == 85_000 and line.unit_price == 95_000
    html = page.content.decode()
    assert "85.000" in html and "95.000" in html


def test_guest_cart_merges_into_saved_cart_at_login(client, shopper, lychee, chicken):
    # The shopper already had 1 lychee saved from another device.
    client.force_login(shopper)
    add_to_cart(client, lychee, 1)
    client.logout()
    # As a guest: 2 more lychees and a chicken.
    add_to_cart(client, lychee, 2)
    add_to_cart(client, chicken, 1)
    response = client.post(
        "/tai-khoan/login/", {"login": shopper.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    saved = dict(CartItem.objects.filter(cart__user=shopper).values_list("product_id", "quantity"))
    assert saved == {lychee.pk: 3, chicken.pk: 1}
    assert "cart" not in client.session
    assert cart_page(client).context["cart"].count == 4


def test_product_sold_out_while_in_cart_is_flagged_and_checkout_refused(client, shopper, lychee):
    client.force_login(shopper)
    add_to_cart(client, lychee, 2)
    page = client.get("/dat-hang/")
    fingerprint = page.context["form"].initial["fingerprint"]
    Product.objects.filter(pk=lychee.pk).update(stock=0)
    cart = cart_page(client).context["cart"]
    assert cart.has_problems and cart.lines[0].problems
    from tests.orders.conftest import ADDRESS

    response = client.post("/dat-hang/", {**ADDRESS, "fingerprint": fingerprint})
    assert response.status_code == 409
    from orders.models import Order

    assert Order.objects.count() == 0
    assert Product.objects.get(pk=lychee.pk).stock == 0
