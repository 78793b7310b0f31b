"""Talking to Elasticsearch: the client (None when no ELASTICSEARCH_URL is configured), a
circuit breaker, and the bulk helper that index updates and rebuilds share.

The circuit breaker remembers (in the cache, shared by workers) that the server failed a
moment ago, so requests and tasks do not each wait for a timeout while it is down.
"""

import contextlib
import queue
import threading
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.helpers import streaming_bulk

BREAKER_SECONDS = 30


class SearchUnavailable(Exception):
    """Elasticsearch did not answer (down, slow, or refused the request)."""


@lru_cache(maxsize=4)
def _client_for(url, timeout):
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


def bulk(client, actions, *, chunk_size=500, progress=None, require_alias=False):
    """Send actions; conflicts (a newer version is there) and missing deletes are fine.

    Returns how many actions were sent; raises SearchUnavailable on any other failure.
    """
    done = 0
    try:
        for ok, item in streaming_bulk(
            client,
            actions,
            chunk_size=chunk_size,
            raise_on_error=False,
            raise_on_exception=True,
            max_retries=0,
            **({"require_alias": True} if require_alias else {}),
        ):
            if not ok:
                info = next(iter(item.values()))
                if info.get("status") not in (404, 409):
                    raise SearchUnavailable(f"bulk item failed: {info.get('error')}")
            done += 1
            if progress and done % 100 == 0:
                progress.advance(100)
    except (TransportError, ApiError) as exc:
        raise SearchUnavailable(str(exc)) from exc
    if progress:
        progress.advance(done % 100)
    return done


def bulk_overlapped(client, actions, *, chunk_size=500, progress=None, depth=2):
    """`bulk`, with the actions built in this thread while another one sends.

    Building documents is Python work and Elasticsearch answers a bulk request in its own
    time: a sender thread sends chunk N while this thread builds chunk N+1. At most
    *depth* chunks wait between the two, so memory stays bounded. The actions are read in
    the calling thread (the database connection stays this thread's).
    """
    chunks = queue.Queue(maxsize=depth)
    done = object()
    outcome = {}

    def drain():
        while (chunk := chunks.get()) is not done:
            yield from chunk

    def send():
        try:
            outcome["count"] = bulk(client, drain(), chunk_size=chunk_size, progress=progress)
        except BaseException as exc:  # handed to the calling thread
            outcome["error"] = exc
            while chunks.get() is not done:  # unblock the builder until it stops
                pass

    def put(item):
        while True:
            if "error" in outcome and item is not done:
                raise outcome["error"]
            try:
                chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                if not sender.is_alive():
                    raise SearchUnavailable("bulk sender stopped") from None

    sender = threading.Thread(target=send, name="search-bulk", daemon=True)
    sender.start()
    try:
        chunk = []
        for action in actions:
            chunk.append(action)
            if len(chunk) >= chunk_size:
                put(chunk)
                chunk = []
        if chunk:
            put(chunk)
    finally:
        with contextlib.suppress(SearchUnavailable):
            put(done)
        sender.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["count"]
