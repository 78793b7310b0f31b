"""The database fallback: the folded text it searches (`SearchEntry`), and the search
itself, used when no Elasticsearch is configured or it does not answer.

Entries hold folded text padded with spaces, so `contains(" word")` is a word-prefix match
on any database. They are refreshed in the saving transaction (`refresh_entries`, an
upsert: concurrent refreshes of one object never collide) and rebuilt by
`rebuild_entries`. Visibility is never stored here: queries join the public querysets.
"""

import re
import unicodedata

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
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

from .expand import expand_query
from .models import Kind, SearchEntry, SearchWord
from .params import PRICE_BAND_KEYS, PRICE_BANDS
from .results import Results, article_item, load_booths, load_products, page_windows
from .text import category_keys, category_names, plain_text, search_fold
from .typos import corrections, use_trigram

ENTRY_KINDS = (Kind.PRODUCT, Kind.BOOTH, Kind.ARTICLE)

# --- the folded text -------------------------------------------------------------------


def _pad(text):
    return f" {text} " if text else ""


def _exact(text):
    """Lower case with diacritics, NFC, words only: where synonyms such as "dứa" match."""
    return _pad(" ".join(_EXACT_WORD.findall(unicodedata.normalize("NFC", text or "").lower())))


_EXACT_WORD = re.compile(r"\w+")


def _entry_for(kind, obj):
    extra = category = ""
    if kind == Kind.PRODUCT:
        name = obj.name
        text = plain_text(obj.description) + " " + obj.booth.name
        area = obj.origin_area.name if obj.origin_area_id else ""
        names = category_names(obj.category)
        extra = " ".join([*names, area])
        category = "|" + "|".join(category_keys(names)) + "|"
    elif kind == Kind.BOOTH:
        name, text = obj.name, plain_text(obj.description)
        extra = obj.area.name if obj.area_id else ""
    else:
        payload = obj.specific.search_payload()
        name = payload["title"]
        text = (payload.get("lead") or "") + " " + (payload.get("body") or "")
    return SearchEntry(
        kind=kind,
        object_id=obj.pk,
        name=_pad(search_fold(name)),
        text=_pad(search_fold(text)),
        exact=_exact(name),
        extra=_pad(search_fold(extra)),
        category=category,
    )


def _entry_source(kind):
    return {
        Kind.PRODUCT: Product.objects.select_related(
            "booth", "category__parent__parent", "origin_area"
        ).only(
            "pk",
            "name",
            "description",
            "booth__name",
            "origin_area__name",
            "category__name",
            "category__parent__name",
            "category__parent__parent__name",
        ),  # fmt: skip
        Kind.BOOTH: Booth.objects.select_related("area").only(
            "pk", "name", "description", "area__name"
        ),
        Kind.ARTICLE: ArticlePage.objects.all(),
    }[kind]


ENTRY_FIELDS = ["name", "text", "exact", "extra", "category"]


def _add_words(entries):
    """Add the words of these entries' names (and categories, areas) to the vocabulary."""
    words = set()
    for e in entries:
        if e.kind != Kind.ARTICLE:
            words.update(e.name.split())
            words.update(e.extra.split())
    SearchWord.objects.bulk_create(
        [SearchWord(word=w, length=len(w)) for w in sorted(words) if 2 <= len(w) <= 40],
        batch_size=1000,
        ignore_conflicts=True,
    )


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
    entries = [_entry_for(kind, o) for o in objs]
    SearchEntry.objects.bulk_create(
        entries,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=ENTRY_FIELDS,
    )
    _add_words(entries)


def refresh_dependents(kind, pks):
    """A booth, category or area is part of its products' (and booths') folded text."""
    pks = list(pks)
    if kind == Kind.BOOTH:
        refresh_entries(
            Kind.PRODUCT, Product.objects.filter(booth_id__in=pks).values_list("pk", flat=True)
        )
    elif kind == Kind.CATEGORY:
        cats = Q(category_id__in=pks) | Q(category__parent_id__in=pks)
        refresh_entries(Kind.PRODUCT, Product.objects.filter(cats).values_list("pk", flat=True))
    elif kind == Kind.AREA:
        products = Product.objects.filter(origin_area_id__in=pks).values_list("pk", flat=True)
        refresh_entries(Kind.PRODUCT, products)
        refresh_entries(
            Kind.BOOTH, Booth.objects.filter(area_id__in=pks).values_list("pk", flat=True)
        )


def rebuild_entries(kind, *, chunk_size=2000, progress=None):
    """Rewrite the folded text of every object of *kind*; returns how many."""
    SearchEntry.objects.filter(kind=kind).delete()
    if kind == Kind.PRODUCT:
        SearchWord.objects.all().delete()  # products come first: the vocabulary restarts
    batch, count = [], 0
    for obj in _entry_source(kind).order_by("pk").iterator(chunk_size=chunk_size):
        batch.append(_entry_for(kind, obj))
        if len(batch) >= chunk_size:
            SearchEntry.objects.bulk_create(batch)
            _add_words(batch)
            count += len(batch)
            if progress:
                progress.advance(len(batch))
            batch = []
    SearchEntry.objects.bulk_create(batch)
    _add_words(batch)
    if progress:
        progress.advance(len(batch))
    return count + len(batch)


# --- searching it ------------------------------------------------------------------------

_I = IntegerField()


def _any(field, lookup, values, fmt):
    q = Q()
    for v in values:
        q |= Q(**{f"{field}__{lookup}": fmt.format(v)})
    return q


def _slot_conditions(slot, fixes):
    """(matched, score) of one slot on a SearchEntry row."""
    own, syn = slot.folded[: slot._own], slot.synonyms
    typos = [c for w in slot.words for c in fixes.get(w, ())] if len(slot.words) == 1 else []
    name_word = _any("name", "contains", own, " {} ")
    name_syn = _any("name", "contains", syn, " {} ") | _any("exact", "contains", slot.exact, " {} ")
    name_prefix = _any("name", "contains", own + syn, " {}")
    name_typo = _any("name", "contains", typos, " {} ")
    exact_folded = [search_fold(e) for e in slot.exact]
    extra = _any("extra", "contains", own + syn + exact_folded, " {}") | _any(
        "extra", "contains", typos, " {} "
    )
    text = _any("text", "contains", own + syn, " {}") | _any("text", "contains", slot.exact, " {}")
    whens = [(name_word, 8), (name_syn, 7), (name_prefix, 5), (name_typo, 3)]
    name_score = Case(*[When(c, then=v) for c, v in whens if c], default=0, output_field=_I)
    score = name_score
    if extra:
        score = score + Case(When(extra, then=3), default=0, output_field=_I)
    if text:
        score = score + Case(When(text, then=1), default=0, output_field=_I)
    matched = Q()
    for c in (name_word, name_syn, name_prefix, name_typo, extra, text):
        matched |= c
    return matched, score


def _entry_scores(kind, query, fixes, relaxed=False):
    """SearchEntry rows matching every slot of *query* (all but one when *relaxed*), with
    a score: name words above category and area words above description and booth words;
    typo corrections below the words as typed; bonuses for a name that starts with the
    query, for the query naming the product's category, and (PostgreSQL) trigram
    similarity of the whole name."""
    entries = SearchEntry.objects.filter(kind=kind)
    score = Value(0, output_field=_I)
    hits = Value(0, output_field=_I)
    for slot in query.slots:
        matched, slot_score = _slot_conditions(slot, fixes)
        score = score + slot_score
        if relaxed:
            hits = hits + Case(When(matched, then=1), default=0, output_field=_I)
        else:
            entries = entries.filter(matched)
    if relaxed:
        entries = entries.alias(hits=hits).filter(hits__gte=len(query.slots) - 1)
    decoded = query.decoded
    bonus = [(Q(name__startswith=f" {decoded}"), 6)]
    bonus.append((_any("name", "startswith", query.head_words(), " {} "), 4))
    fixed_heads = [c for fixed in fixes.values() for c in fixed]
    if fixed_heads:
        bonus.append((_any("name", "startswith", fixed_heads, " {} "), 2))
    if len(query.slots) > 1:
        bonus.append((Q(name__contains=f" {decoded} "), 3))
    if kind == Kind.PRODUCT:
        bonus.append((_any("category", "contains", query.phrases(), "|{}|"), 5))
    for cond, value in bonus:
        score = score + Case(When(cond, then=value), default=0, output_field=_I)
    if use_trigram():
        score = ExpressionWrapper(
            score + TrigramWordSimilarity(Value(decoded), "name") * 6, output_field=FloatField()
        )
    return entries.annotate(score=score)


def _db_match(qs, kind, params, exact_field, query, fixes, relaxed=False):
    if not query:
        return qs.annotate(search_score=Value(0, output_field=IntegerField()))
    entries = _entry_scores(kind, query, fixes, relaxed).filter(object_id=OuterRef("pk"))
    qs = qs.annotate(
        entry_score=Subquery(entries.values("score")[:1], output_field=FloatField())
    ).filter(entry_score__isnull=False)
    # the words as typed (diacritics included) rank first, as in Elasticsearch
    exact = Case(When(**{f"{exact_field}__icontains": params.q}, then=5), default=0)
    return qs.annotate(search_score=F("entry_score") + exact)


def _db_product_qs(params, query, fixes, relaxed):
    qs = _db_match(Product.objects.public(), Kind.PRODUCT, params, "name", query, fixes, relaxed)
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
    """The page's results from the database. When no product, booth or article has every
    word of the query, the search is run again requiring all but one (`relaxed`)."""
    query = expand_query(params.q)
    words = [w for s in query.slots if len(s.words) == 1 for w in s.words]
    fixes = corrections(words)
    # one edit on three-letter words only when nothing was found without it
    long_fixes = {w: c for w, c in fixes.items() if len(w) >= 4}
    results = _search_database(params, query, long_fixes)
    if results.total or not query:
        return results
    if fixes != long_fixes:
        retry = _search_database(params, query, fixes)
        if retry.total:
            return retry
    if len(query.slots) > 1:
        relaxed = _search_database(params, query, fixes, relaxed=True)
        if relaxed.total:
            relaxed.relaxed = True
            return relaxed
    return results


def _search_database(params, query, fixes, relaxed=False):
    (ps, pn), (bs, bn), (ns, nn) = page_windows(params)
    results = Results(params=params, backend="database")
    products = _db_product_qs(params, query, fixes, relaxed)
    booths = _db_match(Booth.objects.public(), Kind.BOOTH, params, "name", query, fixes, relaxed)
    if params.area:
        booths = booths.filter(area_id=params.area)
    articles = _db_match(
        ArticlePage.objects.live().public(), Kind.ARTICLE, params, "title", query, fixes, relaxed
    )
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
