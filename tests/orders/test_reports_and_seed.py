from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from orders.models import Order
from orders.reports import daily_orders
from tests.factories import BoothFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_order(booth, user, total, days_ago=0, status="pending"):
    order = Order.objects.create(
        number=f"R{Order.objects.count() + 1}",
        checkout_reference="R",
        user=user,
        booth=booth,
        status=status,
        email=user.email,
        recipient_name="A",
        phone="0912345678",
        province="P",
        ward="W",
        street="S",
        subtotal=total,
        total=total,
    )
    Order.objects.filter(pk=order.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return order


def test_daily_orders_counts_and_revenue_per_day():
    a, b = BoothFactory(), BoothFactory()
    user = UserFactory()
    make_order(a, user, 100_000)
    make_order(a, user, 50_000)
    make_order(b, user, 70_000)
    make_order(a, user, 30_000, days_ago=2)
    make_order(a, user, 999_000, status="cancelled")
    make_order(a, user, 10_000, days_ago=40)

    rows = daily_orders(days=7)
    assert len(rows) == 7
    today = timezone.localdate()
    assert rows[-1] == (today, 3, 220_000)
    assert rows[-3] == (today - timedelta(days=2), 1, 30_000)
    assert sum(r[1] for r in rows) == 4

    for_a = daily_orders(booth=a, days=30)
    assert len(for_a) == 30
    assert for_a[-1] == (today, 2, 150_000)
    assert sum(r[2] for r in for_a) == 180_000


def test_seed_demo_adds_orders_in_several_states_once():
    from catalog.models import Product
    from tests.factories import ProductFactory

    call_command("seed_demo", "--only", "orders", verbosity=0)  # no products yet: skipped
    assert Order.objects.count() == 0
    booths = [BoothFactory() for _ in range(3)]
    for i in range(9):
        ProductFactory(booth=booths[i % 3], stock=50)
    stock_before = sum(Product.objects.values_list("stock", flat=True))
    call_command("seed_demo", "--only", "orders", verbosity=0)
    first = Order.objects.count()
    assert first >= 20
    assert set(Order.objects.values_list("status", flat=True)) == set(Order.Status.values)
    call_command("seed_demo", "--only", "orders", verbosity=0)
    assert Order.objects.count() == first
    sold = sum(i.quantity for o in Order.objects.active() for i in o.items.all())
    assert sum(Product.objects.values_list("stock", flat=True)) == stock_before - sold
