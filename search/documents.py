"""What is indexed: Elasticsearch documents (mappings), index names, and the builders that
turn products, booths and articles into documents, with the querysets they read.

Each kind lives in `{SEARCH_INDEX_PREFIX}-{kind}-{timestamp}` behind the alias
`{SEARCH_INDEX_PREFIX}-{kind}`; a rebuild creates a new index and swaps the alias.

Only what this server distribution offers is used: the `standard` analyzer, `completion`
fields. Vietnamese folding happens in Python (`search.text.search_fold`) into `*_folded`
fields beside the originals.
"""

import re
import unicodedata
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import get_language
from elasticsearch.dsl import (
    Boolean,
    Completion,
    Date,
    Document,
    Float,
    Integer,
    Keyword,
    Long,
    Text,
)

from areas.models import Area
from catalog.models import Category, Product
from cms.models import ArticlePage
from core.text import fold_vietnamese
from shops.models import Booth

from .text import category_keys, category_names, plain_text, search_fold, terms

# Folded names: word prefixes indexed (the half-typed last word of a query, as the
# autocomplete box matches it) and word pairs (`shingle`) for proximity.
PREFIXES = {"min_chars": 1, "max_chars": 10}
ANALYSIS = {
    "filter": {
        "word_pairs": {
            "type": "shingle",
            "min_shingle_size": 2,
            "max_shingle_size": 2,
            "output_unigrams": False,
        }
    },
    "analyzer": {
        "word_pairs": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "word_pairs"],
        }
    },
}


def folded_name():
    return Text(index_prefixes=PREFIXES, fields={"pairs": Text(analyzer="word_pairs")})


class ProductDocument(Document):
    name = Text()
    name_folded = folded_name()
    name_key = Keyword()  # the whole folded name: "the name starts with the query"
    name_head = Keyword()  # its first word: what the product is ("buoi" in "Bưởi Diễn")
    description = Text()
    description_folded = Text()
    booth_id = Long()
    booth_name = Text()
    booth_folded = Text()
    category_id = Long()
    category_name = Text()  # with diacritics, for synonyms such as "hoa quả"
    category_folded = Text(index_prefixes=PREFIXES)
    category_keys = Keyword()  # folded category names (and parents, and parts)
    area_id = Long()
    area_folded = Text()
    price = Long()
    ocop_stars = Integer()
    certifications = Keyword()
    rating = Float()
    rating_count = Integer()
    in_stock = Boolean()
    season_months = Integer()
    published_at = Date()
    url = Keyword(index=False)
    suggest = Completion()


class BoothDocument(Document):
    name = Text()
    name_folded = folded_name()
    name_key = Keyword()
    description = Text()
    description_folded = Text()
    area_id = Long()
    area_folded = Text()
    is_verified = Boolean()
    url = Keyword(index=False)
    suggest = Completion()


class ArticleDocument(Document):
    title = Text()
    title_folded = folded_name()
    lead = Text()
    lead_folded = Text()
    body = Text()
    body_folded = Text()
    tags = Keyword()
    date = Date()
    url = Keyword(index=False)
    cover_image_id = Long(index=False)


DOCUMENTS = {
    "products": ProductDocument,
    "booths": BoothDocument,
    "articles": ArticleDocument,
}
KINDS = tuple(DOCUMENTS)


def alias(kind):
    return f"{settings.SEARCH_INDEX_PREFIX}-{kind}"


def new_index_name(kind):
    return f"{alias(kind)}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"


def index_body(kind):
    return {
        "settings": {
            "number_of_shards": settings.SEARCH_INDEX_SHARDS,
            "number_of_replicas": settings.SEARCH_INDEX_REPLICAS,
            "refresh_interval": settings.SEARCH_INDEX_REFRESH_INTERVAL,
            "analysis": ANALYSIS,
        },
        "mappings": DOCUMENTS[kind]._doc_type.mapping.to_dict(),
    }


# --- what is indexed -------------------------------------------------------------------

PRODUCT_FIELDS = (
    "id", "name", "slug", "description", "price", "stock", "ocop_stars", "season_mask",
    "rating_average", "rating_count",
    "published_at", "created_at", "booth_id", "category_id", "origin_area_id",
    "booth__name", "category__name", "origin_area__name", "category__parent__name",
    "category__parent__parent__name",
)  # fmt: skip


def products_queryset():
    return (
        Product.objects.public()
        .select_related("booth", "category__parent__parent", "origin_area")
        .only(*PRODUCT_FIELDS)
        .order_by("pk")
    )


PRODUCT_OWN_FIELDS = tuple(f for f in PRODUCT_FIELDS if "__" not in f)


def products_rebuild_queryset():
    """Products for a full rebuild: their own columns only; booth, category and area names
    come from `prepare_batch`'s cache (a handful of rows, not one join per product)."""
    return Product.objects.public().only(*PRODUCT_OWN_FIELDS).order_by("pk")


def booths_queryset():
    return Booth.objects.public().select_related("area").order_by("pk")


def articles_queryset():
    return ArticlePage.objects.live().public().order_by("pk")


QUERYSETS = {
    "products": products_queryset,
    "booths": booths_queryset,
    "articles": articles_queryset,
}
# what a full rebuild streams (with a `prepare_batch` cache kept across its batches)
REBUILD_QUERYSETS = {**QUERYSETS, "products": products_rebuild_queryset}


def attach_certifications(products):
    """Certification codes for a batch of products in one query (no per-row queryset)."""
    by_id = {p.pk: p for p in products}
    for p in products:
        p._search_certs = []
    rows = Product.certifications.through.objects.filter(product_id__in=list(by_id))
    for product_id, code in rows.values_list("product_id", "certification__code"):
        by_id[product_id]._search_certs.append(code)
    return products


def _category_chains(ids, cache):
    """{category id: its name and its parents' (nearest first)} for *ids*, read a level of
    the tree at a time into *cache* (rows: id -> (name, parent id))."""
    rows = cache.setdefault("category_rows", {})
    asked = set()
    missing = {i for i in ids if i is not None and i not in rows}
    while missing:
        asked |= missing
        found = Category.objects.filter(pk__in=missing).values_list("pk", "name", "parent_id")
        for pk, name, parent_id in found:
            rows[pk] = (name, parent_id)
        missing = {parent for _, parent in rows.values() if parent is not None}
        missing -= set(rows) | asked
    chains = cache.setdefault("categories", {})
    for pk in ids:
        if pk is None or pk in chains:
            continue
        names, seen, cur = [], set(), pk
        while cur is not None and cur in rows and cur not in seen:
            seen.add(cur)
            names.append(rows[cur][0])
            cur = rows[cur][1]
        chains[pk] = tuple(names)
    return chains


def attach_related_names(products, cache):
    """Booth, category (with parents) and area names for products read without joins,
    kept in *cache* across the batches of a rebuild (bounded by those small tables)."""
    booths = cache.setdefault("booths", {})
    areas = cache.setdefault("areas", {})
    need = {p.booth_id for p in products} - set(booths)
    if need:
        booths.update(Booth.objects.filter(pk__in=need).values_list("pk", "name"))
    need = {p.origin_area_id for p in products if p.origin_area_id is not None} - set(areas)
    if need:
        areas.update(Area.objects.filter(pk__in=need).values_list("pk", "name"))
    chains = _category_chains({p.category_id for p in products}, cache)
    for p in products:
        p._search_related = (
            booths.get(p.booth_id, ""),
            chains.get(p.category_id, ()),
            areas.get(p.origin_area_id) if p.origin_area_id is not None else None,
        )
    return products


def prepare_batch(kind, objs, cache=None):
    """What a batch of *kind* needs before its documents are built (one query, not one each).

    With a *cache* (a dict kept across the batches of a rebuild), products read by
    `products_rebuild_queryset` get their booth, category and area names from it.
    """
    if kind == "products":
        attach_certifications(objs)
        if cache is not None:
            attach_related_names(objs, cache)
    return objs


# --- documents ---------------------------------------------------------------------------


def suggest_inputs(name):
    """Completion inputs: the name as written, folded, and from each later word on."""
    plain = fold_vietnamese(name).lower()
    folded = search_fold(name)
    words = folded.split()
    inputs = [name, plain, folded] + [" ".join(words[i:]) for i in range(1, min(len(words), 5))]
    seen, out = set(), []
    for item in inputs:
        item = item[:50].strip()
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


@lru_cache(maxsize=4096)
def _fold_cached(text):
    """`search_fold` of a string many documents share (booth, category, area names)."""
    return search_fold(text)


@lru_cache(maxsize=1024)
def _category_fields(names):
    joined = " ".join(names)
    return joined, search_fold(joined), category_keys(names)


_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_SLUG_MARK = "slug-placeholder"


@lru_cache(maxsize=16)
def _product_url_template(urlconf, prefix, language):
    """The product URL around its slug, for one URL configuration, script prefix and
    language (the patterns are under `i18n_patterns`)."""
    return reverse("catalog:product_detail", kwargs={"slug": _SLUG_MARK}).split(_SLUG_MARK)


def product_url(slug):
    """`reverse("catalog:product_detail", slug=…)` without resolving it for each product."""
    if not _SLUG.fullmatch(slug or ""):
        return reverse("catalog:product_detail", kwargs={"slug": slug})
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    head, tail = _product_url_template(urlconf, get_script_prefix(), get_language())
    return f"{head}{slug}{tail}"


def product_doc(p):
    related = getattr(p, "_search_related", None)
    if related is None:
        area = p.origin_area
        related = (p.booth.name, tuple(category_names(p.category)), area.name if area else None)
    booth_name, categories, area_name = related
    category_name, category_folded, keys = _category_fields(categories)
    name = unicodedata.normalize("NFC", p.name)
    folded = search_fold(name)
    name_terms = terms(folded)
    description = plain_text(p.description)
    return {
        "name": name,
        "name_folded": folded,
        "name_key": " ".join(name_terms),
        "name_head": (name_terms or [""])[0],
        "description": description,
        "description_folded": search_fold(description),
        "booth_id": p.booth_id,
        "booth_name": booth_name,
        "booth_folded": _fold_cached(booth_name),
        "category_id": p.category_id,
        "category_name": category_name,
        "category_folded": category_folded,
        "category_keys": list(keys),
        "area_id": p.origin_area_id,
        "area_folded": _fold_cached(area_name) if area_name else "",
        "price": p.price,
        "ocop_stars": p.ocop_stars,
        "certifications": (
            p._search_certs
            if hasattr(p, "_search_certs")
            else [c.code for c in p.certifications.all()]
        ),
        "rating": float(p.rating_average),
        "rating_count": p.rating_count,
        "in_stock": p.stock > 0,
        "season_months": p.season_months,
        "published_at": p.published_at or p.created_at,
        "url": product_url(p.slug),
        "suggest": {"input": suggest_inputs(p.name), "weight": 10 + p.ocop_stars},
    }


def booth_doc(b):
    return {
        "name": b.name,
        "name_folded": search_fold(b.name),
        "name_key": " ".join(terms(b.name)),
        "description": plain_text(b.description),
        "description_folded": search_fold(plain_text(b.description)),
        "area_id": b.area_id,
        "area_folded": search_fold(b.area.name) if b.area else "",
        "is_verified": b.is_verified,
        "url": reverse("shops:booth_detail", kwargs={"slug": b.slug}),
        "suggest": {"input": suggest_inputs(b.name), "weight": 9 if b.is_verified else 6},
    }


def article_doc(page):
    payload = page.specific.search_payload()
    tags = [str(t) for t in (payload.get("tags") or [])] + [
        str(c) for c in (payload.get("categories") or [])
    ]
    return {
        "title": payload["title"],
        "title_folded": search_fold(payload["title"]),
        "lead": payload.get("lead") or "",
        "lead_folded": search_fold(payload.get("lead") or ""),
        "body": payload.get("body") or "",
        "body_folded": search_fold(payload.get("body") or ""),
        "tags": tags,
        "date": payload.get("date"),
        "url": payload.get("url") or "",
        "cover_image_id": payload.get("cover_image_id"),
    }


BUILDERS = {"products": product_doc, "booths": booth_doc, "articles": article_doc}
