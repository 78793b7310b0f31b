"""Fixtures for the reviews tests: a booth with a product, a buyer with a delivered order."""

from datetime import timedelta

import pytest
from django.utils import timezone

from orders.models import Order, OrderItem
from tests.factories import (
    BoothFactory,
    MembershipFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
)


def make_order(user, product, *, status=Order.Status.DELIVERED, delivered_days_ago=1, qty=1):
    now = timezone.now()
    order = Order.objects.create(
        number=f"CT{Order.objects.count() + 1:06d}{user.pk}",
        checkout_reference=f"R{Order.objects.count() + 1:05d}",
        user=user,
        booth=product.booth,
        status=status,
        email=user.email,
        recipient_name="Phạm Thị Mua",
        phone="0912345678",
        province="Bắc Ninh",
        ward="Phường Kinh Bắc",
        street="12 Nguyễn Trãi",
        subtotal=product.price * qty,
        total=product.price * qty,
        delivered_at=now - timedelta(days=delivered_days_ago)
        if status == Order.Status.DELIVERED
        else None,
    )
    item = OrderItem.objects.create(
        order=order,
        product=product,
        product_name=product.name,
        unit=product.unit,
        unit_price=product.price,
        quantity=qty,
        line_total=product.price * qty,
    )
    return order, item


@pytest.fixture
def seller(db):
    return UserFactory(full_name="Nguyễn Văn Bán")


@pytest.fixture
def booth(seller):
    booth = BoothFactory(name="HTX Vải thiều Lục Ngạn")
    MembershipFactory(booth=booth, user=seller)
    return booth


@pytest.fixture
def product(booth):
    product = ProductFactory(booth=booth, name="Vải thiều Lục Ngạn", slug="vai-thieu-luc-ngan")
    ProductImageFactory(product=product)
    return product


@pytest.fixture
def buyer(db):
    return UserFactory(full_name="Trần Thị Lan", email="lan@example.vn")


@pytest.fixture
def delivered(buyer, product):
    return make_order(buyer, product)


@pytest.fixture(autouse=True)
def _moderator_permissions(db):
    from reviews.apps import grant_moderator_permissions as reviews_grant
    from shops.moderation import grant_moderator_permissions as shops_grant

    shops_grant()
    reviews_grant()
