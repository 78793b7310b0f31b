"""The Elasticsearch client, or None when no ELASTICSEARCH_URL is configured.

A small circuit breaker remembers (in the cache, shared by workers) that the server failed
a moment ago, so requests and saves do not each wait for a timeout while it is down.
"""

import contextlib
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache

BREAKER_SECONDS = 30


@lru_cache(maxsize=4)
def _client_for(url, timeout):
    from elasticsearch import Elasticsearch

    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def get_client():
    url = settings.ELASTICSEARCH_URL
    if not url:
        return None
    return _client_for(url, settings.ELASTICSEARCH_TIMEOUT)


def is_configured():
    return bool(settings.ELASTICSEARCH_URL)


def _breaker_key():
    return f"search:es-down:{settings.ELASTICSEARCH_URL}"


def recently_failed():
    try:
        return bool(cache.get(_breaker_key()))
    except Exception:
        return False


def mark_failed():
    with contextlib.suppress(Exception):
        cache.set(_breaker_key(), 1, BREAKER_SECONDS)


def mark_ok():
    with contextlib.suppress(Exception):
        cache.delete(_breaker_key())


def is_available():
    """Ask the server (the root endpoint is absent in this distribution: use health)."""
    client = get_client()
    if client is None:
        return False
    try:
        client.cluster.health(timeout="1s")
        return True
    except Exception:
        return False
