"""Order states, who may move them, and who may see them."""

import pytest
from django.core import mail

from orders import transitions
from orders.models import Order
from tests.factories import MembershipFactory, UserFactory
from tests.orders.conftest import add_to_cart, checkout

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(client, shopper, lychee):
    client.force_login(shopper)
    add_to_cart(client, lychee, 3)
    checkout(client)
    client.logout()
    mail.outbox.clear()
    return Order.objects.get()


def move(client, order, status, **extra):
    return client.post(
        f"/kenh-nguoi-ban/don-hang/{order.number}/trang-thai/", {"status": status, **extra}
    )


def test_seller_moves_an_order_through_its_states(
    client, seller, order, shopper, django_capture_on_commit_callbacks
):
    client.force_login(seller)
    for status in ("confirmed", "shipping", "delivered"):
        with django_capture_on_commit_callbacks(execute=True):
            response = move(client, order, status)
        assert response.status_code == 302
        order.refresh_from_db()
        assert order.status == status
    assert order.confirmed_at and order.shipped_at and order.delivered_at
    assert [h.to_status for h in order.history.all()] == [
        "pending",
        "confirmed",
        "shipping",
        "delivered",
    ]
    # Each change mailed the shopper and the seller.
    to_shopper = [m for m in mail.outbox if shopper.email in m.to]
    assert len(to_shopper) == 3
    assert len(mail.outbox) == 6


@pytest.mark.parametrize(
    "path,target",
    [
        (["confirmed"], "delivered"),  # skipping a step
        ([], "shipping"),
        (["confirmed", "shipping"], "cancelled"),  # too late to cancel
        (["confirmed", "shipping", "delivered"], "pending"),
        ([], "paid"),  # not a status at all
    ],
)
def test_refused_transitions_change_nothing(client, seller, order, path, target):
    client.force_login(seller)
    for status in path:
        move(client, order, status)
    before = Order.objects.get(pk=order.pk).status
    response = move(client, order, target)
    assert response.status_code == 302
    assert Order.objects.get(pk=order.pk).status == before
    page = client.get(response["Location"])
    assert page.context["messages"]


def test_transition_table_is_the_single_rule():
    order = Order(status="pending", payment_method="cod")
    assert transitions.can_move(order, "confirmed", {"seller"})
    assert not transitions.can_move(order, "confirmed", {"shopper"})
    assert transitions.can_move(order, "cancelled", {"shopper"})
    order.status = "confirmed"
    assert not transitions.can_move(order, "cancelled", {"shopper"})
    assert transitions.can_move(order, "cancelled", {"seller"})
    card = Order(status="pending", payment_method="card", payment_status="unpaid")
    assert not transitions.can_move(card, "confirmed", {"seller"})  # wait for the payment


def test_seller_cancel_gives_stock_back_once(client, seller, order, lychee):
    lychee.refresh_from_db()
    assert lychee.stock == 7
    client.force_login(seller)
    move(client, order, "cancelled", note="Hết hàng")
    move(client, order, "cancelled")
    lychee.refresh_from_db()
    order.refresh_from_db()
    assert lychee.stock == 10
    assert order.status == "cancelled" and order.cancel_reason == "Hết hàng"


def test_shopper_can_cancel_pending_but_not_confirm(client, shopper, seller, order, lychee):
    client.force_login(shopper)
    # The shopper has no route to seller actions: that URL is 404 for them.
    assert move(client, order, "confirmed").status_code == 404
    response = client.post(f"/tai-khoan/don-hang/{order.number}/huy/")
    assert response.status_code == 302
    order.refresh_from_db()
    lychee.refresh_from_db()
    assert order.status == "cancelled" and lychee.stock == 10


def test_shopper_cannot_cancel_a_confirmed_order(client, shopper, seller, order):
    client.force_login(seller)
    move(client, order, "confirmed")
    client.force_login(shopper)
    client.post(f"/tai-khoan/don-hang/{order.number}/huy/")
    order.refresh_from_db()
    assert order.status == "confirmed"


def test_state_changes_need_post(client, seller, order):
    client.force_login(seller)
    assert client.get(f"/kenh-nguoi-ban/don-hang/{order.number}/trang-thai/").status_code == 405
    assert client.get(f"/tai-khoan/don-hang/{order.number}/huy/").status_code == 405


def test_another_shopper_gets_404(client, order):
    client.force_login(UserFactory())
    assert client.get(f"/tai-khoan/don-hang/{order.number}/").status_code == 404
    assert client.post(f"/tai-khoan/don-hang/{order.number}/huy/").status_code == 404
    assert client.get(f"/dat-hang/{order.checkout_reference}/").status_code == 404
    order.refresh_from_db()
    assert order.status == "pending"


def test_staff_of_another_booth_gets_404(client, order, booth_b):
    other_staff = MembershipFactory(booth=booth_b).user
    client.force_login(other_staff)
    base = f"/kenh-nguoi-ban/don-hang/{order.number}/"
    assert client.get(base).status_code == 404
    assert client.get(base + "phieu-giao-hang/").status_code == 404
    assert move(client, order, "confirmed").status_code == 404
    assert order.number not in client.get("/kenh-nguoi-ban/don-hang/").content.decode()
    order.refresh_from_db()
    assert order.status == "pending"


def test_seller_sees_list_detail_and_packing_slip(client, seller, order):
    client.force_login(seller)
    listing = client.get("/kenh-nguoi-ban/don-hang/")
    assert order.number in listing.content.decode()
    detail = client.get(f"/kenh-nguoi-ban/don-hang/{order.number}/")
    assert [t for t, _label in detail.context["actions"]] == ["confirmed", "cancelled"]
    slip = client.get(f"/kenh-nguoi-ban/don-hang/{order.number}/phieu-giao-hang/")
    html = slip.content.decode()
    assert "Phạm Thị Mua" in html and "12 Nguyễn Trãi" in html and "255.000" in html


def test_shopper_sees_own_orders(client, shopper, order):
    client.force_login(shopper)
    listing = client.get("/tai-khoan/don-hang/")
    assert order.number in listing.content.decode()
    detail = client.get(f"/tai-khoan/don-hang/{order.number}/")
    assert detail.status_code == 200


def test_anonymous_visitors_are_sent_to_login(client, order):
    for url in ("/tai-khoan/don-hang/", "/kenh-nguoi-ban/don-hang/"):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_moderator_sees_all_orders_in_admin_and_others_do_not(client, moderator, order, seller):
    client.force_login(moderator)
    response = client.get("/django-admin/orders/order/")
    assert response.status_code == 200 and order.number in response.content.decode()
    assert client.get(f"/django-admin/orders/order/{order.pk}/change/").status_code == 200
    seller.is_staff = True
    seller.save()
    client.force_login(seller)
    assert client.get("/django-admin/orders/order/").status_code == 403


def test_moderator_sees_all_orders_in_wagtail_and_cannot_edit(client, moderator, order, seller):
    from django.contrib.auth.models import Permission

    access = Permission.objects.get(codename="access_admin")
    moderator.user_permissions.add(access)
    client.force_login(moderator)
    listing = client.get("/cms-admin/don-hang/")
    assert listing.status_code == 200 and order.number in listing.content.decode()
    inspect = client.get(f"/cms-admin/don-hang/inspect/{order.pk}/")
    assert inspect.status_code == 200 and "Phạm Thị Mua" in inspect.content.decode()
    edit = client.post(f"/cms-admin/don-hang/edit/{order.pk}/", {"status": "delivered"})
    assert edit.status_code in (302, 403)
    order.refresh_from_db()
    assert order.status == "pending"
    # Booth staff with admin access still cannot list orders there.
    seller.user_permissions.add(access)
    client.force_login(seller)
    assert client.get("/cms-admin/don-hang/").status_code in (302, 403)
