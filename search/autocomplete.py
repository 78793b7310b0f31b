"""Suggestions as the shopper types in the header box: Elasticsearch's completion
suggester, the database when it is absent or failing; answers cached briefly per prefix."""

import contextlib
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, When
from elasticsearch import ApiError, TransportError

from catalog.models import Product
from shops.models import Booth

from .client import SearchUnavailable, get_client, mark_failed, recently_failed
from .documents import alias
from .models import Kind, SearchEntry
from .text import terms

log = logging.getLogger(__name__)

AUTOCOMPLETE_SIZE = 8
AUTOCOMPLETE_CACHE_SECONDS = 30


def autocomplete_elasticsearch(prefix, client):
    completion = {"field": "suggest", "size": AUTOCOMPLETE_SIZE, "skip_duplicates": True}
    if len(prefix) >= 4:
        completion["fuzzy"] = {"fuzziness": 1, "prefix_length": 2}
    try:
        resp = client.search(
            index=f"{alias('products')},{alias('booths')}",
            suggest={"s": {"prefix": prefix, "completion": completion}},
            source=["name", "url"],
        )
    except (TransportError, ApiError) as exc:
        raise SearchUnavailable(str(exc)) from exc
    out = []
    for option in resp["suggest"]["s"][0]["options"]:
        kind = "booth" if f"{alias('booths')}-" in option["_index"] else "product"
        src = option.get("_source") or {}
        out.append({"label": src.get("name", ""), "url": src.get("url", ""), "kind": kind})
    return out


def autocomplete_database(prefix):
    def ids(kind):
        return SearchEntry.objects.filter(kind=kind, name__contains=f" {prefix}").values(
            "object_id"
        )

    first_word = SearchEntry.objects.filter(kind=Kind.PRODUCT, name__startswith=f" {prefix}")
    starts = Case(When(pk__in=first_word.values("object_id"), then=0), default=1)
    products = (
        Product.objects.public()
        .filter(pk__in=ids(Kind.PRODUCT))
        .annotate(starts=starts)
        .order_by("starts", "-ocop_stars", "name")
        .only("name", "slug")[:AUTOCOMPLETE_SIZE]
    )
    booths = Booth.objects.public().filter(pk__in=ids(Kind.BOOTH)).only("name", "slug")[:3]
    out = [{"label": p.name, "url": p.get_absolute_url(), "kind": "product"} for p in products]
    out += [{"label": b.name, "url": b.get_absolute_url(), "kind": "booth"} for b in booths]
    return out[:AUTOCOMPLETE_SIZE]


def autocomplete(q):
    """Suggestions for what the shopper is typing; popular prefixes are cached briefly."""
    prefix = " ".join(terms(q))
    if not prefix:
        return []
    digest = hashlib.sha1(prefix.encode()).hexdigest()
    key = f"search:ac:{settings.SEARCH_INDEX_PREFIX}:{digest}"
    try:
        cached = cache.get(key)
    except Exception:
        cached = None
    if cached is not None:
        return cached
    results = _suggest(prefix)
    with contextlib.suppress(Exception):
        cache.set(key, results, AUTOCOMPLETE_CACHE_SECONDS)
    return results


def _suggest(prefix):
    client = get_client()
    if client is not None and not recently_failed():
        try:
            return autocomplete_elasticsearch(prefix, client)
        except SearchUnavailable as exc:
            log.warning("Autocomplete fell back to the database: %s", exc)
            mark_failed()
    return autocomplete_database(prefix)
