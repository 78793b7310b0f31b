"""The suite runs against the real services the test command starts."""

import os

import pytest
from django.db import connection

pytestmark = pytest.mark.services


def test_database_is_postgresql(db):
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert int(cursor.fetchone()[0].split(".")[0]) >= 13


def test_elasticsearch_answers(settings):
    from search.client import get_client

    assert settings.ELASTICSEARCH_URL, "ELASTICSEARCH_URL must point at the test Elasticsearch"
    client = get_client()
    health = client.cluster.health()
    assert health["status"] in {"green", "yellow"}
    versions = {node["version"] for node in client.nodes.info()["nodes"].values()}
    assert versions and all(v.startswith("8.19") for v in versions)


def test_stripe_mock_creates_a_payment_intent(settings):
    from orders.payments import get_stripe_client

    assert os.environ.get("STRIPE_API_BASE"), "STRIPE_API_BASE must point at stripe-mock"
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    settings.STRIPE_API_BASE = os.environ["STRIPE_API_BASE"]
    client = get_stripe_client()
    intent = client.v1.payment_intents.create(params={"amount": 85000, "currency": "vnd"})
    assert intent.id.startswith("pi_")
    assert intent.object == "payment_intent"


def test_redis_answers():
    import redis

    url = os.environ.get("REDIS_URL")
    assert url, "REDIS_URL must point at the test Redis"
    assert redis.Redis.from_url(url).ping() is True


@pytest.mark.parametrize("path", ["/healthz"])
def test_healthz_reports_every_service(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    assert body["elasticsearch"] == "ok"
    assert body["database_vendor"] == "postgresql"
