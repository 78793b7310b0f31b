"""The database fallback: the folded text it searches (`SearchEntry`), and the search
itself, used when no Elasticsearch is configured or it does not answer.

Entries hold folded text padded with spaces, so `contains(" word")` is a word-prefix match
on any database. They are refreshed in the saving transaction (`refresh_entries`, an
upsert: concurrent refreshes of one object never collide) and rebuilt by
`rebuild_entries`. Visibility is never stored here: queries join the public querysets.
"""

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

from catalog.models import Product
from cms.models import ArticlePage
from shops.models import Booth

from .models import Kind, SearchEntry
from .params import PRICE_BAND_KEYS, PRICE_BANDS
from .results import Results, article_item, load_booths, load_products, page_windows
from .text import plain_text, search_fold, terms

ENTRY_KINDS = (Kind.PRODUCT, Kind.BOOTH, Kind.ARTICLE)

# --- the folded text -------------------------------------------------------------------


def _entry_for(kind, obj):
    if kind in (Kind.PRODUCT, Kind.BOOTH):
        name, text = obj.name, plain_text(obj.description)
    else:
        payload = obj.specific.search_payload()
        name = payload["title"]
        text = (payload.get("lead") or "") + " " + (payload.get("body") or "")
    return SearchEntry(
        kind=kind, object_id=obj.pk, name=f" {search_fold(name)} ", text=f" {search_fold(text)} "
    )


def _entry_source(kind):
    return {
        Kind.PRODUCT: Product.objects.only("pk", "name", "description"),
        Kind.BOOTH: Booth.objects.only("pk", "name", "description"),
        Kind.ARTICLE: ArticlePage.objects.all(),
    }[kind]


def refresh_entries(kind, pks):
    """Rewrite the folded text of these objects (removing those that no longer exist).

    An upsert (`INSERT … ON CONFLICT DO UPDATE`), in id order: two transactions refreshing
    the same objects at once wait for each other instead of one failing on the unique key.
    """
    pks = sorted(set(pks))
    if not pks:
        return
    objs = list(_entry_source(kind).filter(pk__in=pks).order_by("pk"))
    gone = set(pks) - {o.pk for o in objs}
    if gone:
        SearchEntry.objects.filter(kind=kind, object_id__in=gone).delete()
    SearchEntry.objects.bulk_create(
        [_entry_for(kind, o) for o in objs],
        batch_size=500,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["name", "text"],
    )


def rebuild_entries(kind, *, chunk_size=2000, progress=None):
    """Rewrite the folded text of every object of *kind*; returns how many."""
    SearchEntry.objects.filter(kind=kind).delete()
    batch, count = [], 0
    for obj in _entry_source(kind).order_by("pk").iterator(chunk_size=chunk_size):
        batch.append(_entry_for(kind, obj))
        if len(batch) >= chunk_size:
            SearchEntry.objects.bulk_create(batch)
            count += len(batch)
            if progress:
                progress.advance(len(batch))
            batch = []
    SearchEntry.objects.bulk_create(batch)
    if progress:
        progress.advance(len(batch))
    return count + len(batch)


# --- searching it ------------------------------------------------------------------------


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


def _facets(products):
    base = products.order_by()
    facets = {
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
    facets["price"] = [(key, bands[key]) for key, _lo, _hi in PRICE_BANDS]
    return facets


def search_database(params):
    (ps, pn), (bs, bn), (ns, nn) = page_windows(params)
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
        "rating": ["-rating_average", "-rating_count", "-pk"],
    }[params.sort]
    results.counts = {
        "products": products.count(),
        "booths": booths.count(),
        "news": articles.count(),
    }
    if pn:
        ids = list(products.order_by(*order).values_list("pk", flat=True)[ps : ps + pn])
        results.products = load_products(ids, params)
    if bn:
        ids = list(
            booths.order_by("-search_score", "name").values_list("pk", flat=True)[bs : bs + bn]
        )
        results.booths = load_booths(ids, params)
    if nn:
        for page in articles.order_by("-search_score", "-date")[ns : ns + nn]:
            payload = page.search_payload()
            results.articles.append(article_item(payload, params.q, page.pk))
    results.facets = _facets(products)
    return results
