"""The Elasticsearch client, or None when no ELASTICSEARCH_URL is configured."""

from functools import lru_cache

from django.conf import settings


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
