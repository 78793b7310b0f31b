"""The real product and booth pages count views through record_view and the middleware."""

import pytest

from counters import flush
from tests.factories import BoothFactory, ProductFactory

from .conftest import site_visits

pytestmark = pytest.mark.django_db


def test_the_product_page_counts_a_view_once_per_visitor(counter_backend, browser_client):
    product = ProductFactory()
    for _ in range(2):
        assert browser_client.get(product.get_absolute_url()).status_code == 200
    flush()
    product.refresh_from_db()
    assert (product.view_count, site_visits()) == (1, 1)


def test_the_booth_page_counts_a_view_once_per_visitor(counter_backend, browser_client):
    booth = BoothFactory()
    for _ in range(2):
        assert browser_client.get(booth.get_absolute_url()).status_code == 200
    flush()
    booth.refresh_from_db()
    assert (booth.view_count, site_visits()) == (1, 1)
