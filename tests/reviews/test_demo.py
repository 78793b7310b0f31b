"""The demo market carries checked, pending and expired certificates, and reviews on
delivered demo orders whose averages match the reviews."""

import pytest
from django.core.management import call_command
from django.db.models import Avg

from catalog.models import Certificate, Product
from reviews.models import Review

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_certificates_and_reviews_once(settings, tmp_path):
    settings.ELASTICSEARCH_URL = ""
    call_command("seed_demo", "--booths", "6", "--products", "60", verbosity=0)
    statuses = set(Certificate.objects.values_list("status", flat=True))
    assert {"checked", "pending", "expired"} <= statuses
    # every OCOP badge shown is backed by a checked, unexpired record
    for product in Product.objects.filter(ocop_stars__gt=0):
        assert Certificate.objects.valid().filter(product=product, kind="ocop").exists()
    for cert in Certificate.objects.filter(status="expired", kind="ocop"):
        assert not Certificate.objects.valid().filter(product=cert.product, kind="ocop").exists()
        assert cert.product.ocop_stars == 0
    assert Review.objects.exists()
    for review in Review.objects.select_related("order_item__order"):
        assert review.order_item.order.status == "delivered"
        assert review.order_item.order.user_id == review.user_id
    product = Review.objects.first().product
    average = Review.objects.filter(product=product).aggregate(a=Avg("rating"))["a"]
    product.refresh_from_db()
    assert float(product.rating_average) == pytest.approx(float(average), abs=0.01)
    counts = (Certificate.objects.count(), Review.objects.count())
    call_command("seed_demo", "--booths", "6", "--products", "60", verbosity=0)
    assert (Certificate.objects.count(), Review.objects.count()) == counts
