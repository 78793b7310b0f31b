"""Card payments against stripe-mock; webhooks signed here and posted to the endpoint."""

import time

import pytest

from catalog.models import Product
from orders import payments
from orders.models import Order, PaymentEvent
from tests.orders.conftest import add_to_cart, checkout, event, sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def card_orders(client, shopper, lychee, chicken, stripe_on):
    client.force_login(shopper)
    add_to_cart(client, lychee, 2)
    add_to_cart(client, chicken, 1)
    response = checkout(client, payment_method="card")
    assert response.status_code == 302
    client.redirect_location = response["Location"]
    return list(Order.objects.order_by("pk"))


def session_obj(orders, **overrides):
    reference = orders[0].checkout_reference
    obj = {
        "id": "cs_test_issue6",
        "object": "checkout.session",
        "payment_status": "paid",
        "status": "complete",
        "amount_total": sum(o.total for o in orders),
        "currency": "vnd",
        "payment_intent": "pi_issue6",
        "client_reference_id": reference,
        "metadata": {"checkout_reference": reference},
    }
    obj.update(overrides)
    return obj


def reload(orders):
    return [Order.objects.get(pk=o.pk) for o in orders]


def test_card_checkout_opens_a_stripe_session(client, card_orders):
    assert client.redirect_location.startswith("https://checkout.stripe.com/")
    assert all(o.stripe_session_id.startswith("cs_") for o in reload(card_orders))
    assert all(o.payment_status == "unpaid" and o.status == "pending" for o in card_orders)
    # The return page only shows the status: it does not mark anything paid.
    reference = card_orders[0].checkout_reference
    page = client.get(f"/thanh-toan/ket-qua/{reference}/?result=success")
    assert page.status_code == 200 and not page.context["all_paid"]
    assert all(o.payment_status == "unpaid" for o in reload(card_orders))


def test_session_amounts_are_whole_dong_integers(card_orders, stripe_on):
    params = payments.session_params(card_orders, "http://x/ok", "http://x/cancel")
    amounts = [item["price_data"]["unit_amount"] for item in params["line_items"]]
    assert sorted(amounts) == [85_000, 150_000]
    assert all(type(a) is int for a in amounts)
    assert {item["price_data"]["currency"] for item in params["line_items"]} == {"vnd"}
    assert sum(i["price_data"]["unit_amount"] * i["quantity"] for i in params["line_items"]) == sum(
        o.total for o in card_orders
    )
    # stripe-mock validates the parameters against Stripe's API description.
    session = payments.create_checkout_session(card_orders, "http://x/ok", "http://x/cancel")
    assert session.id.startswith("cs_")


def test_completed_three_times_pays_once(
    card_orders, post_event, django_capture_on_commit_callbacks, mailoutbox
):
    payload = event("evt_paid_1", "checkout.session.completed", session_obj(card_orders))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        responses = [post_event(payload) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert PaymentEvent.objects.filter(event_id="evt_paid_1").count() == 1
    orders = reload(card_orders)
    assert all(
        o.payment_status == "paid" and o.stripe_payment_intent == "pi_issue6" for o in orders
    )
    # One "payment received" mailing (shopper and booth of each order), not three.
    assert len(callbacks) == 2 * len(orders)
    assert len(mailoutbox) == 2 * len(orders)
    assert {tuple(m.to) for m in mailoutbox} >= {(o.email,) for o in orders}
    # A different event id for the same payment (Stripe retries with new ids) is harmless.
    again = event("evt_paid_2", "checkout.session.completed", session_obj(card_orders))
    assert post_event(again).status_code == 200
    assert [o.paid_at for o in reload(card_orders)] == [o.paid_at for o in orders]


def test_seller_can_confirm_only_after_payment(client, card_orders, seller, post_event):
    order = next(o for o in card_orders if o.booth.memberships.filter(user=seller).exists())
    client.force_login(seller)
    url = f"/kenh-nguoi-ban/don-hang/{order.number}/trang-thai/"
    client.post(url, {"status": "confirmed"})
    assert Order.objects.get(pk=order.pk).status == "pending"
    post_event(event("evt_paid", "checkout.session.completed", session_obj(card_orders)))
    client.post(url, {"status": "confirmed"})
    assert Order.objects.get(pk=order.pk).status == "confirmed"


def test_expired_after_completed_changes_nothing(card_orders, post_event):
    post_event(event("evt_a", "checkout.session.completed", session_obj(card_orders)))
    expired = session_obj(card_orders, status="expired", payment_status="unpaid")
    assert post_event(event("evt_b", "checkout.session.expired", expired)).status_code == 200
    orders = reload(card_orders)
    assert all(o.status == "pending" and o.payment_status == "paid" for o in orders)


def test_expired_cancels_and_gives_stock_back(card_orders, post_event, lychee, chicken):
    expired = session_obj(card_orders, status="expired", payment_status="unpaid")
    post_event(event("evt_exp", "checkout.session.expired", expired))
    post_event(event("evt_exp_again", "checkout.session.expired", expired))
    assert all(o.status == "cancelled" for o in reload(card_orders))
    assert Product.objects.get(pk=lychee.pk).stock == 10
    assert Product.objects.get(pk=chicken.pk).stock == 5


def test_completed_after_expired_is_refunded_not_revived(
    card_orders, post_event, lychee, django_capture_on_commit_callbacks
):
    expired = session_obj(card_orders, status="expired", payment_status="unpaid")
    post_event(event("evt_1", "checkout.session.expired", expired))
    with django_capture_on_commit_callbacks(execute=True):
        post_event(event("evt_2", "checkout.session.completed", session_obj(card_orders)))
    orders = reload(card_orders)
    assert all(o.status == "cancelled" for o in orders)
    assert all(
        o.payment_status == "refunded" and o.stripe_refund_id.startswith("re_") for o in orders
    )
    assert Product.objects.get(pk=lychee.pk).stock == 10  # released once only


def test_not_yet_paid_session_does_not_pay(card_orders, post_event):
    obj = session_obj(card_orders, payment_status="unpaid")
    assert post_event(event("evt_np", "checkout.session.completed", obj)).status_code == 200
    assert all(o.payment_status == "unpaid" for o in reload(card_orders))
    later = event("evt_async", "checkout.session.async_payment_succeeded", session_obj(card_orders))
    post_event(later)
    assert all(o.payment_status == "paid" for o in reload(card_orders))


@pytest.mark.parametrize(
    "overrides", [{"amount_total": 1000}, {"currency": "usd"}, {"amount_total": None}]
)
def test_wrong_amount_or_currency_is_not_paid(card_orders, post_event, overrides):
    payload = event(
        "evt_wrong", "checkout.session.completed", session_obj(card_orders, **overrides)
    )
    assert post_event(payload).status_code == 200
    assert all(o.payment_status == "unpaid" for o in reload(card_orders))
    assert "mismatch" in PaymentEvent.objects.get(event_id="evt_wrong").outcome


def test_bad_signature_is_refused_and_changes_nothing(card_orders, post_event):
    payload = event("evt_bad", "checkout.session.completed", session_obj(card_orders))
    assert post_event(payload, signature=sign(payload, secret="whsec_wrong")).status_code == 400
    assert post_event(payload, signature="t=1,v1=deadbeef").status_code == 400
    assert post_event(payload, signature="").status_code == 400
    tampered = payload.replace('"amount_total": ', '"amount_total": 1')
    assert post_event(tampered, signature=sign(payload)).status_code == 400
    assert PaymentEvent.objects.count() == 0
    assert all(o.payment_status == "unpaid" for o in reload(card_orders))


def test_old_timestamp_is_refused(card_orders, post_event):
    payload = event("evt_old", "checkout.session.completed", session_obj(card_orders))
    old = sign(payload, timestamp=int(time.time()) - 3600)
    assert post_event(payload, signature=old).status_code == 400
    assert all(o.payment_status == "unpaid" for o in reload(card_orders))


@pytest.mark.parametrize(
    "payload", ["not json", '{"id": "evt_x"}', "[]", '{"id":1,"type":"x","data":{"object":[]}}']
)
def test_payloads_that_are_not_events_are_refused(db, stripe_on, post_event, payload):
    assert post_event(payload).status_code == 400
    assert PaymentEvent.objects.count() == 0


def test_unknown_type_and_unknown_order_answer_200(db, stripe_on, post_event):
    unknown_type = event("evt_u", "customer.created", {"id": "cus_1"})
    assert post_event(unknown_type).status_code == 200
    ghost = {
        "id": "cs_ghost",
        "payment_status": "paid",
        "amount_total": 5,
        "currency": "vnd",
        "metadata": {"checkout_reference": "NOSUCHREF"},
    }
    response = post_event(event("evt_ghost", "checkout.session.completed", ghost))
    assert response.status_code == 200
    assert PaymentEvent.objects.get(event_id="evt_ghost").outcome == "ignored: unknown order"
    assert PaymentEvent.objects.get(event_id="evt_u").outcome.startswith("ignored")


def test_webhook_is_404_without_a_secret(db, settings, post_event):
    settings.STRIPE_WEBHOOK_SECRET = ""
    assert post_event(event("evt_n", "charge.refunded", {})).status_code == 404


def test_seller_cancelling_a_paid_order_refunds_it(client, card_orders, seller, post_event, lychee):
    post_event(event("evt_p", "checkout.session.completed", session_obj(card_orders)))
    order = Order.objects.get(booth__memberships__user=seller)
    client.force_login(seller)
    client.post(f"/kenh-nguoi-ban/don-hang/{order.number}/trang-thai/", {"status": "cancelled"})
    order.refresh_from_db()
    assert order.status == "cancelled" and order.payment_status == "refunded"
    assert order.stripe_refund_id.startswith("re_")
    assert Product.objects.get(pk=lychee.pk).stock == 10
    # Stripe then reports the partial refund: nothing else moves.
    charge = {
        "id": "ch_1",
        "object": "charge",
        "payment_intent": "pi_issue6",
        "amount": sum(o.total for o in card_orders),
        "amount_refunded": order.total,
        "refunded": False,
    }
    assert post_event(event("evt_r", "charge.refunded", charge)).status_code == 200
    other = Order.objects.exclude(pk=order.pk).get()
    assert other.payment_status == "paid" and other.status == "pending"


def test_full_refund_from_stripe_cancels_the_orders(card_orders, post_event, lychee, chicken):
    post_event(event("evt_p", "checkout.session.completed", session_obj(card_orders)))
    total = sum(o.total for o in card_orders)
    charge = {
        "id": "ch_1",
        "payment_intent": "pi_issue6",
        "amount": total,
        "amount_refunded": total,
        "refunded": True,
    }
    post_event(event("evt_full", "charge.refunded", charge))
    post_event(event("evt_full", "charge.refunded", charge))
    orders = reload(card_orders)
    assert all(o.payment_status == "refunded" and o.status == "cancelled" for o in orders)
    assert Product.objects.get(pk=lychee.pk).stock == 10
    assert Product.objects.get(pk=chicken.pk).stock == 5


def test_refund_before_payment_event_is_harmless(card_orders, post_event):
    charge = {
        "id": "ch_1",
        "payment_intent": "pi_issue6",
        "amount": 1,
        "amount_refunded": 1,
        "refunded": True,
    }
    assert post_event(event("evt_early", "charge.refunded", charge)).status_code == 200
    post_event(event("evt_paid", "checkout.session.completed", session_obj(card_orders)))
    assert all(o.payment_status == "paid" for o in reload(card_orders))


def test_pay_again_reopens_the_same_checkout_session(client, card_orders, post_event):
    reference = card_orders[0].checkout_reference
    response = client.post(f"/dat-hang/{reference}/thanh-toan/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://checkout.stripe.com/")
    post_event(event("evt_paid", "checkout.session.completed", session_obj(card_orders)))
    response = client.post(f"/dat-hang/{reference}/thanh-toan/")
    assert response["Location"].endswith(f"/dat-hang/{reference}/")  # nothing left to pay
