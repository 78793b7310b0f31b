"""Derived parts of uncached pages kept in the shared cache: rendered cards, list counts.

Every entry's key holds the page cache's site generation and its `catalogue` tag's
(`core.pagecache.fingerprint`), so whatever purges the catalogue pages (a product, photo,
booth, category, stock reaching zero, a page or settings change) makes these stale too; keys also hold the row's own version where there is one (a card's
`updated_at`, price, stock…), so a change that bypasses the purge still shows. Entries last
`FRAGMENT_CACHE_SECONDS` (0: off, as in tests unless a test turns it on). A cache error is
a miss: the page is rendered as usual.

- `render_many(request, items, key, render, prepare)`: one `get_many` for a whole list of
  cards, the misses prepared together (`prepare`, e.g. their photos prefetched), rendered
  and stored with one `set_many`.
- `cached_value(request, name, compute)`: any small derived value (a ranking's ids).
- `paginate(request, queryset, per_page, number)`: Django's paginator with the COUNT kept
  per filtered query (the query's own SQL is the key). A count made stale between purges
  never gives an error: the page number is clamped to the counted pages and a page past
  the real end is simply empty.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator

from core import pagecache

log = logging.getLogger(__name__)


def seconds(request=None):
    if request is not None and getattr(request, "is_preview", False):
        return 0
    return settings.FRAGMENT_CACHE_SECONDS


def generation(request=None):
    """The page cache's site and catalogue generations, read once per request; None when
    the cache is down."""
    value = getattr(request, "_fragment_generation", None)
    if value is None:
        try:
            value = pagecache.fingerprint(pagecache.CATALOGUE)
        except Exception:  # noqa: BLE001 - cache down: no fragments this time
            log.warning("fragments: cache unavailable", exc_info=True)
            return None
        if request is not None:
            request._fragment_generation = value
    return value


def _prefix(request, kind):
    if seconds(request) <= 0:
        return None
    gen = generation(request)
    return None if gen is None else f"frag:{kind}:{gen}:"


def render_many(request, kind, items, key, render, prepare=None):
    """[HTML of each item]: `render(item)` for the ones not in the cache under
    `key(item)`; `prepare(missing_items)` runs once before those are rendered."""
    items = list(items)
    prefix = _prefix(request, kind)
    if prefix is None or not items:
        if prepare is not None and items:
            prepare(items)
        return [render(item) for item in items]
    keys = [prefix + key(item) for item in items]
    try:
        found = cache.get_many(keys)
    except Exception:  # noqa: BLE001 - cache down: render everything
        found = {}
    missing = [(k, item) for k, item in zip(keys, items, strict=True) if k not in found]
    if missing:
        if prepare is not None:
            prepare([item for _, item in missing])
        made = {k: render(item) for k, item in missing}
        try:
            cache.set_many(made, seconds(request))
        except Exception:  # noqa: BLE001
            log.warning("fragments: store failed", exc_info=True)
        found.update(made)
    return [found[k] for k in keys]


def cached_value(request, name, compute):
    """`compute()`, kept under *name* for the current generation."""
    prefix = _prefix(request, "value")
    if prefix is None:
        return compute()
    key = prefix + name
    try:
        value = cache.get(key)
    except Exception:  # noqa: BLE001
        value = None
    if value is None:
        value = compute()
        try:
            cache.set(key, value, seconds(request))
        except Exception:  # noqa: BLE001
            log.warning("fragments: store failed", exc_info=True)
    return value


def cached_count(request, queryset):
    """`queryset.count()`, kept per query (its SQL without ordering) and generation."""
    unordered = queryset.order_by()
    try:
        sql = f"{unordered.model._meta.label}:{unordered.query}"
    except Exception:  # noqa: BLE001 - e.g. a filter that can match nothing
        return queryset.count()
    digest = hashlib.sha1(sql.encode(), usedforsecurity=False).hexdigest()
    return cached_value(request, f"count:{digest}", queryset.count)


def paginate(request, queryset, per_page, number):
    """`Paginator(queryset, per_page).get_page(number)` with the count from the cache."""
    paginator = Paginator(queryset, per_page)
    paginator.count = cached_count(request, queryset)  # Paginator.count is a cached property
    return paginator.get_page(number)
