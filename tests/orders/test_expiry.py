from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalog.models import Product
from orders.models import Order
from tests.orders.conftest import add_to_cart, checkout

pytestmark = pytest.mark.django_db


def age(orders, minutes):
    Order.objects.filter(pk__in=[o.pk for o in orders]).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_expiry_command_releases_stock_of_old_unpaid_card_orders(
    client, shopper, lychee, stripe_on, settings
):
    settings.ORDER_CARD_EXPIRY_MINUTES = 60
    client.force_login(shopper)
    add_to_cart(client, lychee, 4)
    checkout(client, payment_method="card")  # unpaid card order, old
    old = Order.objects.get()
    age([old], 90)
    add_to_cart(client, lychee, 1)
    checkout(client, payment_method="card")  # unpaid card order, recent
    add_to_cart(client, lychee, 2)
    checkout(client, payment_method="cod")  # cash on delivery never expires
    cod = Order.objects.get(payment_method="cod")
    age([cod], 600)
    assert Product.objects.get(pk=lychee.pk).stock == 3

    call_command("expire_unpaid_orders")
    call_command("expire_unpaid_orders")  # idempotent

    statuses = dict(Order.objects.values_list("pk", "status"))
    assert statuses[old.pk] == "cancelled"
    assert sorted(statuses.values()) == ["cancelled", "pending", "pending"]
    assert Product.objects.get(pk=lychee.pk).stock == 7  # 4 back, once


def test_paid_card_orders_do_not_expire(client, shopper, lychee, stripe_on):
    client.force_login(shopper)
    add_to_cart(client, lychee, 4)
    checkout(client, payment_method="card")
    order = Order.objects.get()
    Order.objects.filter(pk=order.pk).update(payment_status="paid")
    age([order], 600)
    call_command("expire_unpaid_orders")
    assert Order.objects.get().status == "pending"
    assert Product.objects.get(pk=lychee.pk).stock == 6
