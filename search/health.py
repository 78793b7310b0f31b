"""The Elasticsearch line of `/healthz` (registered in `SearchConfig.ready`)."""

from django.conf import settings

from .client import get_client


def check_elasticsearch():
    client = get_client()
    if client is None:
        return "not configured"
    try:
        # Cluster health, not ping(): the minimal distribution has no root endpoint.
        health = client.options(request_timeout=settings.ELASTICSEARCH_TIMEOUT).cluster.health()
        return "ok" if health["status"] in ("green", "yellow") else "down"
    except Exception:
        return "down"
