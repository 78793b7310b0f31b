"""50 buyers, 10 units, one PostgreSQL: exactly 10 sold, never below zero."""

import threading

import pytest
from django.db import connection, connections

from catalog.models import Product
from orders import cart as carts
from orders import checkout
from orders.models import Order, OrderItem
from tests.factories import ProductFactory, UserFactory

BUYERS = 50
STOCK = 10


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_buyers_of_ten_units():
    assert connection.vendor == "postgresql", "run the orders tests against PostgreSQL"
    product = ProductFactory(stock=STOCK, price=120_000)
    buyers = [UserFactory() for _ in range(BUYERS)]
    address = {
        "recipient_name": "Người mua",
        "phone": "0912345678",
        "province": "Bắc Ninh",
        "ward": "Phường Kinh Bắc",
        "street": "1 Lý Thái Tổ",
    }
    barrier = threading.Barrier(BUYERS)
    outcomes = []
    lock = threading.Lock()

    def buy(user):
        try:
            fresh = Product.objects.select_related("booth").get(pk=product.pk)
            line = carts.Line(fresh, fresh.pk, 1, fresh.price)
            view = carts.CartView([carts.BoothGroup(fresh.booth, [line])], [])
            barrier.wait()
            try:
                checkout.place_orders(user, view, address, "cod", view.fingerprint())
                result = "sold"
            except checkout.OutOfStock:
                result = "sold out"
            except Exception as exc:  # any other failure is a bug: record it
                result = repr(exc)
            with lock:
                outcomes.append(result)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=buy, args=(user,)) for user in buyers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(set(outcomes)) == ["sold", "sold out"], outcomes
    assert outcomes.count("sold") == STOCK
    assert outcomes.count("sold out") == BUYERS - STOCK
    product.refresh_from_db()
    assert product.stock == 0
    assert Order.objects.count() == STOCK
    assert sum(OrderItem.objects.values_list("quantity", flat=True)) == STOCK
