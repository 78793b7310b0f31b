"""Running a search: Elasticsearch first, the database when it is absent or failing.

Both backends return the same `Results`, so the page does not care which answered. Ids
come from the backend; the objects shown are loaded through the public querysets, so a
stale index can never show a hidden product.
"""

import contextlib
import datetime
import hashlib
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Length
from django.utils import timezone

from .client import get_client, mark_failed, recently_failed
from .documents import alias
from .models import Kind, SearchEntry
from .params import PAGE_SIZE, PRICE_BAND_KEYS, PRICE_BANDS
from .text import highlight, plain_text, search_fold, terms

log = logging.getLogger(__name__)

PREVIEW_SIZE = 4
AUTOCOMPLETE_SIZE = 8


@dataclass
class Results:
    params: object
    backend: str = "elasticsearch"
    degraded: bool = False  # Elasticsearch is configured but did not answer
    counts: dict = field(default_factory=lambda: {"products": 0, "booths": 0, "news": 0})
    products: list = field(default_factory=list)
    booths: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)  # name -> [(value, count)]
    suggestion: str = ""
    took_ms: int | None = None

    @property
    def total(self):
        return sum(self.counts.values())


def _sizes(params):
    """(from, size) for products, booths, news given the active tab."""
    offset = (params.page - 1) * PAGE_SIZE
    if params.tab == "booths":
        return (0, 0), (offset, PAGE_SIZE), (0, 0)
    if params.tab == "news":
        return (0, 0), (0, 0), (offset, PAGE_SIZE)
    if params.tab == "products":
        return (offset, PAGE_SIZE), (0, 0), (0, 0)
    return (offset, PAGE_SIZE), (0, PREVIEW_SIZE), (0, PREVIEW_SIZE)


# --- Elasticsearch -------------------------------------------------------------------


def _text_query(q, exact_fields, folded_fields, fuzzy=True):
    folded = " ".join(terms(q))
    if not folded:
        return {"match_all": {}}
    must = [
        {
            "multi_match": {
                "query": folded,
                "fields": folded_fields,
                "type": "cross_fields",
                "operator": "and",
            }
        }
    ]
    if fuzzy:
        must.append(
            {
                "multi_match": {
                    "query": folded,
                    "fields": folded_fields,
                    "type": "best_fields",
                    "operator": "and",
                    "fuzziness": "AUTO:4,7",
                    "prefix_length": 1,
                }
            }
        )
    name_exact, name_folded = exact_fields[0], folded_fields[0].split("^")[0]
    should = [
        # the words as typed, diacritics included: ranks exact spelling first
        {"match": {name_exact: {"query": q, "operator": "and", "boost": 4}}},
        {"match": {name_exact: {"query": q, "boost": 1}}},
        {"match_phrase": {name_folded: {"query": folded, "boost": 2}}},
    ]
    should += [{"match": {f: {"query": q, "boost": 0.5}}} for f in exact_fields[1:]]
    return {"bool": {"must": [{"bool": {"should": must}}], "should": should}}


def _product_filters(params):
    out = []
    if params.category:
        out.append({"term": {"category_id": params.category}})
    if params.area:
        out.append({"term": {"area_id": params.area}})
    if params.stars is not None:
        out.append({"term": {"ocop_stars": params.stars}})
    if params.price:
        lo, hi = PRICE_BAND_KEYS[params.price]
        rng = {"gte": lo}
        if hi is not None:
            rng["lt"] = hi
        out.append({"range": {"price": rng}})
    return out


def _product_body(params, start, size):
    text = _text_query(
        params.q,
        ["name", "description", "booth_name"],
        ["name_folded^3", "description_folded", "booth_folded", "category_folded", "area_folded"],
    )
    month = timezone.localdate().month
    query = {
        "function_score": {
            "query": {"bool": {"must": [text], "filter": _product_filters(params)}},
            "functions": [
                {"filter": {"term": {"in_stock": True}}, "weight": 1.2},
                {"filter": {"term": {"season_months": month}}, "weight": 1.1},
                {"filter": {"range": {"ocop_stars": {"gte": 3}}}, "weight": 1.1},
            ],
            "score_mode": "multiply",
            "boost_mode": "multiply",
        }
    }
    sort = {
        "relevance": ["_score", {"published_at": "desc"}],
        "newest": [{"published_at": "desc"}, "_score"],
        "price_asc": [{"price": "asc"}, "_score"],
        "price_desc": [{"price": "desc"}, "_score"],
    }[params.sort]
    body = {
        "query": query,
        "from": start,
        "size": size,
        "sort": sort,
        "_source": False,
        "track_total_hits": True,
        "aggs": {
            "category": {"terms": {"field": "category_id", "size": 50}},
            "area": {"terms": {"field": "area_id", "size": 50}},
            "stars": {"terms": {"field": "ocop_stars", "size": 6}},
            "price": {
                "range": {
                    "field": "price",
                    "keyed": True,
                    "ranges": [
                        {"key": k, "from": lo, **({"to": hi} if hi is not None else {})}
                        for k, lo, hi in PRICE_BANDS
                    ],
                }
            },
        },
    }
    folded = " ".join(terms(params.q))
    if folded and params.page == 1:
        body["suggest"] = {
            "fix": {
                "text": folded,
                "term": {"field": "name_folded", "suggest_mode": "missing", "size": 1},
            }
        }
    return body


def _booth_body(params, start, size):
    text = _text_query(
        params.q, ["name", "description"], ["name_folded^3", "description_folded", "area_folded"]
    )
    filters = [{"term": {"area_id": params.area}}] if params.area else []
    return {
        "query": {"bool": {"must": [text], "filter": filters}},
        "from": start,
        "size": size,
        "_source": False,
        "track_total_hits": True,
    }


def _article_body(params, start, size):
    text = _text_query(
        params.q,
        ["title", "lead", "body"],
        ["title_folded^3", "lead_folded^1.5", "body_folded"],
    )
    return {
        "query": text,
        "from": start,
        "size": size,
        "_source": ["title", "lead", "body", "date", "url"],
        "sort": ["_score", {"date": "desc"}],
        "track_total_hits": True,
    }


def _did_you_mean(response, q):
    options = response.get("suggest", {}).get("fix") or []
    words = terms(q)
    changed = False
    for entry in options:
        if entry.get("options"):
            text = entry["text"]
            if text in words:
                words[words.index(text)] = entry["options"][0]["text"]
                changed = True
    return " ".join(words) if changed else ""


def search_elasticsearch(params, client):
    """Run the page's three searches in one round trip. Raises on any failure."""
    from elasticsearch import ApiError, TransportError

    (ps, pn), (bs, bn), (ns, nn) = _sizes(params)
    searches = [
        {"index": alias("products")},
        _product_body(params, ps, pn),
        {"index": alias("booths")},
        _booth_body(params, bs, bn),
        {"index": alias("articles")},
        _article_body(params, ns, nn),
    ]
    try:
        resp = client.msearch(searches=searches)
    except (TransportError, ApiError) as exc:
        raise SearchBackendError(str(exc)) from exc
    responses = resp["responses"]
    for r in responses:
        if "error" in r:
            raise SearchBackendError(str(r["error"])[:300])
    prod, booth, news = responses
    results = Results(params=params, backend="elasticsearch")
    results.took_ms = max(r.get("took", 0) for r in responses)
    results.counts = {
        "products": prod["hits"]["total"]["value"],
        "booths": booth["hits"]["total"]["value"],
        "news": news["hits"]["total"]["value"],
    }
    results.products = _load_products([int(h["_id"]) for h in prod["hits"]["hits"]], params)
    results.booths = _load_booths([int(h["_id"]) for h in booth["hits"]["hits"]], params)
    results.articles = [
        _article_item(h["_source"], params.q, int(h["_id"])) for h in news["hits"]["hits"]
    ]
    aggs = prod.get("aggregations", {})
    results.facets = {
        "category": [
            (b["key"], b["doc_count"]) for b in aggs.get("category", {}).get("buckets", [])
        ],
        "area": [(b["key"], b["doc_count"]) for b in aggs.get("area", {}).get("buckets", [])],
        "stars": sorted(
            ((b["key"], b["doc_count"]) for b in aggs.get("stars", {}).get("buckets", [])),
            reverse=True,
        ),
        "price": [
            (k, aggs.get("price", {}).get("buckets", {}).get(k, {}).get("doc_count", 0))
            for k, _lo, _hi in PRICE_BANDS
        ],
    }
    if results.total == 0:
        results.suggestion = _did_you_mean(prod, params.q)
    return results


class SearchBackendError(Exception):
    pass


# --- database ------------------------------------------------------------------------


def _entry_scores(kind, q):
    """SearchEntry rows matching every word of *q* (word prefixes), with a score."""
    words = terms(q)
    entries = SearchEntry.objects.filter(kind=kind)
    score = Value(0, output_field=IntegerField())
    for w in words[:12]:
        entries = entries.filter(Q(name__contains=f" {w}") | Q(text__contains=f" {w}"))
        score = (
            score
            + Case(
                When(name__contains=f" {w} ", then=4),
                When(name__contains=f" {w}", then=3),
                default=0,
            )
            + Case(When(text__contains=f" {w}", then=1), default=0)
        )
    if len(words) > 1:
        score = score + Case(When(name__contains=f" {' '.join(words)} ", then=3), default=0)
    return entries.annotate(score=score)


def _db_match(qs, kind, params, exact_field):
    if not terms(params.q):
        return qs.annotate(search_score=Value(0, output_field=IntegerField()))
    entries = _entry_scores(kind, params.q).filter(object_id=OuterRef("pk"))
    qs = qs.annotate(entry_score=Subquery(entries.values("score")[:1])).filter(
        entry_score__isnull=False
    )
    # the words as typed (diacritics included) rank first, as in Elasticsearch
    exact = Case(When(**{f"{exact_field}__icontains": params.q}, then=5), default=0)
    return qs.annotate(search_score=F("entry_score") + exact)


def _db_product_qs(params):
    from catalog.models import Product

    qs = _db_match(Product.objects.public(), Kind.PRODUCT, params, "name")
    if params.category:
        qs = qs.filter(category_id=params.category)
    if params.area:
        qs = qs.filter(origin_area_id=params.area)
    if params.stars is not None:
        qs = qs.filter(ocop_stars=params.stars)
    if params.price:
        lo, hi = PRICE_BAND_KEYS[params.price]
        qs = qs.filter(price__gte=lo)
        if hi is not None:
            qs = qs.filter(price__lt=hi)
    return qs


def search_database(params):
    from cms.models import ArticlePage
    from shops.models import Booth

    (ps, pn), (bs, bn), (ns, nn) = _sizes(params)
    results = Results(params=params, backend="database")
    products = _db_product_qs(params)
    booths = _db_match(Booth.objects.public(), Kind.BOOTH, params, "name")
    if params.area:
        booths = booths.filter(area_id=params.area)
    articles = _db_match(ArticlePage.objects.live().public(), Kind.ARTICLE, params, "title")
    order = {
        # ties: the shorter name is the closer match (as BM25's length norm does)
        "relevance": ["-search_score", Length("name"), "-published_at", "-pk"],
        "newest": ["-published_at", "-pk"],
        "price_asc": ["price", "-pk"],
        "price_desc": ["-price", "-pk"],
    }[params.sort]
    results.counts = {
        "products": products.count(),
        "booths": booths.count(),
        "news": articles.count(),
    }
    if pn:
        ids = list(products.order_by(*order).values_list("pk", flat=True)[ps : ps + pn])
        results.products = _load_products(ids, params)
    if bn:
        ids = list(
            booths.order_by("-search_score", "name").values_list("pk", flat=True)[bs : bs + bn]
        )
        results.booths = _load_booths(ids, params)
    if nn:
        for page in articles.order_by("-search_score", "-date")[ns : ns + nn]:
            payload = page.search_payload()
            results.articles.append(_article_item(payload, params.q, page.pk))
    base = products.order_by()
    results.facets = {
        "category": [
            (r["category_id"], r["n"])
            for r in base.values("category_id").annotate(n=Count("pk")).order_by("-n")
        ],
        "area": [
            (r["origin_area_id"], r["n"])
            for r in base.filter(origin_area__isnull=False)
            .values("origin_area_id")
            .annotate(n=Count("pk"))
            .order_by("-n")
        ],
        "stars": sorted(
            ((r["ocop_stars"], r["n"]) for r in base.values("ocop_stars").annotate(n=Count("pk"))),
            reverse=True,
        ),
    }
    bands = base.aggregate(
        **{
            key: Count("pk", filter=Q(price__gte=lo, **({"price__lt": hi} if hi else {})))
            for key, lo, hi in PRICE_BANDS
        }
    )
    results.facets["price"] = [(key, bands[key]) for key, _lo, _hi in PRICE_BANDS]
    return results


# --- shared ----------------------------------------------------------------------------


SEARCH_THUMBNAIL = "fill-160x120|format-webp"  # the spec search.html renders


class FoundProduct:
    """What a search result shows of a product: plain values, no model instance.

    A results page is mostly this list, so it is loaded with one `values()` query and one
    for the photos (with their thumbnails) rather than full model instances.
    """

    __slots__ = (
        "pk", "name", "slug", "price", "unit", "stock", "ocop_stars", "booth_name",
        "area_name", "main_image", "search_name", "search_snippet",
    )  # fmt: skip

    def __init__(self, row):
        for key in ("pk", "name", "slug", "price", "unit", "stock", "ocop_stars"):
            setattr(self, key, row[key])
        self.booth_name = row["booth__name"]
        self.area_name = row["origin_area__name"]
        self.main_image = None

    @property
    def id(self):
        return self.pk

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("catalog:product_detail", kwargs={"slug": self.slug})

    def __repr__(self):
        return f"<FoundProduct {self.pk} {self.name!r}>"


def _load_products(ids, params):
    from catalog.models import Product, photos_with_renditions

    if not ids:
        return []
    words = terms(params.q)
    rows = (
        Product.objects.public()
        .filter(pk__in=ids)
        .values(
            "pk", "name", "slug", "description", "price", "unit", "stock", "ocop_stars",
            "booth__name", "origin_area__name",
        )
    )  # fmt: skip
    by_id = {}
    for row in rows:
        p = FoundProduct(row)
        p.search_name = highlight(p.name, words, length=200)
        p.search_snippet = highlight(plain_text(row["description"]), words)
        by_id[p.pk] = p
    if by_id:
        photos = photos_with_renditions([SEARCH_THUMBNAIL]).filter(product_id__in=list(by_id))
        for photo in photos:
            p = by_id[photo.product_id]
            if p.main_image is None:
                p.main_image = photo.image
    # in the backend's order; the index may be a moment behind: never show what is not public
    return [by_id[pk] for pk in ids if pk in by_id]


def _load_booths(ids, params):
    from shops.models import Booth

    if not ids:
        return []
    words = terms(params.q)
    by_id = {
        b.pk: b for b in Booth.objects.public().select_related("area", "logo").filter(pk__in=ids)
    }
    out = []
    for pk in ids:
        b = by_id.get(pk)
        if b is not None:
            b.search_name = highlight(b.name, words, length=200)
            b.search_snippet = highlight(plain_text(b.description), words, length=160)
            out.append(b)
    return out


def _article_item(source, q, pk):
    words = terms(q)
    body = source.get("lead") or ""
    text = " ".join(filter(None, [source.get("lead"), source.get("body")]))
    snippet_source = text
    if words and not any(w in search_fold(body) for w in words):
        snippet_source = source.get("body") or body
    date = source.get("date")
    if isinstance(date, str):
        try:
            date = datetime.date.fromisoformat(date[:10])
        except ValueError:
            date = None
    return {
        "id": pk,
        "title": highlight(source.get("title") or "", words, length=200),
        "snippet": highlight(snippet_source, words),
        "date": date,
        "url": source.get("url") or "",
    }


def run_search(params):
    """The search page's results; never raises because of Elasticsearch."""
    client = get_client()
    if params.is_empty:
        return Results(params=params, backend="none")
    if client is not None and not recently_failed():
        try:
            return search_elasticsearch(params, client)
        except SearchBackendError as exc:
            log.warning("Search fell back to the database: %s", exc)
            mark_failed()
    results = search_database(params)
    results.degraded = client is not None
    return results


# --- autocomplete ------------------------------------------------------------------------


def autocomplete_elasticsearch(prefix, client):
    from elasticsearch import ApiError, TransportError

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
        raise SearchBackendError(str(exc)) from exc
    out = []
    for option in resp["suggest"]["s"][0]["options"]:
        kind = "booth" if f"{alias('booths')}-" in option["_index"] else "product"
        src = option.get("_source") or {}
        out.append({"label": src.get("name", ""), "url": src.get("url", ""), "kind": kind})
    return out


def autocomplete_database(prefix):
    from catalog.models import Product
    from shops.models import Booth

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


AUTOCOMPLETE_CACHE_SECONDS = 30


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
    results = _autocomplete(prefix)
    with contextlib.suppress(Exception):
        cache.set(key, results, AUTOCOMPLETE_CACHE_SECONDS)
    return results


def _autocomplete(prefix):
    client = get_client()
    if client is not None and not recently_failed():
        try:
            return autocomplete_elasticsearch(prefix, client)
        except SearchBackendError as exc:
            log.warning("Autocomplete fell back to the database: %s", exc)
            mark_failed()
    return autocomplete_database(prefix)
