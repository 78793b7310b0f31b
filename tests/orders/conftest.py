"""Fixtures for the orders tests: booths with products, signed webhooks, stripe-mock."""

import json
import os
import time

import pytest
import stripe

from orders.forms import CheckoutForm  # noqa: F401  (import check)
from tests.factories import BoothFactory, MembershipFactory, ProductFactory, UserFactory

WEBHOOK_SECRET = "whsec_test_issue6"

ADDRESS = {
    "recipient_name": "Phạm Thị Mua",
    "phone": "0912345678",
    "province": "Bắc Ninh",
    "ward": "Phường Kinh Bắc",
    "street": "12 Nguyễn Trãi",
    "note": "Giao giờ hành chính",
    "payment_method": "cod",
}


@pytest.fixture
def stripe_on(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    settings.STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "http://127.0.0.1:12111")
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    return settings


@pytest.fixture
def shopper(db):
    return UserFactory()


@pytest.fixture
def seller(db):
    return UserFactory()


@pytest.fixture
def booth_a(seller):
    booth = BoothFactory(name="Vải thiều Lục Ngạn", email="vaithieu@example.vn")
    MembershipFactory(booth=booth, user=seller)
    return booth


@pytest.fixture
def booth_b(db):
    booth = BoothFactory(name="Gà đồi Yên Thế")
    MembershipFactory(booth=booth)
    return booth


@pytest.fixture
def lychee(booth_a):
    return ProductFactory(booth=booth_a, name="Vải thiều", price=85_000, stock=10, unit="kg")


@pytest.fixture
def chicken(booth_b):
    return ProductFactory(booth=booth_b, name="Gà đồi", price=150_000, stock=5, unit="con")


def sign(payload, secret=WEBHOOK_SECRET, timestamp=None):
    timestamp = int(time.time()) if timestamp is None else timestamp
    return stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp)


def event(event_id, event_type, obj):
    return json.dumps(
        {
            "id": event_id,
            "object": "event",
            "type": event_type,
            "created": int(time.time()),
            "data": {"object": obj},
        }
    )


@pytest.fixture
def post_event(client):
    def post(payload, signature=None, **extra):
        if signature is None:
            signature = sign(payload)
        return client.post(
            "/thanh-toan/stripe/webhook/",
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature,
            **extra,
        )

    return post


def add_to_cart(client, product, quantity=1):
    return client.post("/gio-hang/them/", {"product": product.pk, "quantity": quantity})


def checkout(client, **overrides):
    """Open the checkout page (as a shopper would) and submit it."""
    page = client.get("/dat-hang/")
    assert page.status_code == 200
    fingerprint = page.context["form"].initial["fingerprint"]
    return client.post("/dat-hang/", {**ADDRESS, "fingerprint": fingerprint, **overrides})
