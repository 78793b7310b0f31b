"""What is indexed: Elasticsearch documents (mappings), index names, and the builders that
turn products, booths and articles into documents, with the querysets they read.

Each kind lives in `{SEARCH_INDEX_PREFIX}-{kind}-{timestamp}` behind the alias
`{SEARCH_INDEX_PREFIX}-{kind}`; a rebuild creates a new index and swaps the alias.

Only what this server distribution offers is used: the `standard` analyzer, `completion`
fields. Vietnamese folding happens in Python (`search.text.search_fold`) into `*_folded`
fields beside the originals.
"""

import unicodedata

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
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

from catalog.models import Product
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


def booths_queryset():
    return Booth.objects.public().select_related("area").order_by("pk")


def articles_queryset():
    return ArticlePage.objects.live().public().order_by("pk")


QUERYSETS = {
    "products": products_queryset,
    "booths": booths_queryset,
    "articles": articles_queryset,
}


def attach_certifications(products):
    """Certification codes for a batch of products in one query (no per-row queryset)."""
    by_id = {p.pk: p for p in products}
    for p in products:
        p._search_certs = []
    rows = Product.certifications.through.objects.filter(product_id__in=list(by_id))
    for product_id, code in rows.values_list("product_id", "certification__code"):
        by_id[product_id]._search_certs.append(code)
    return products


def prepare_batch(kind, objs):
    """What a batch of *kind* needs before its documents are built (one query, not one each)."""
    if kind == "products":
        attach_certifications(objs)
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


def product_doc(p):
    area = p.origin_area
    name = unicodedata.normalize("NFC", p.name)
    folded = search_fold(name)
    categories = category_names(p.category)
    return {
        "name": name,
        "name_folded": folded,
        "name_key": " ".join(terms(folded)),
        "name_head": (terms(folded) or [""])[0],
        "description": plain_text(p.description),
        "description_folded": search_fold(plain_text(p.description)),
        "booth_id": p.booth_id,
        "booth_name": p.booth.name,
        "booth_folded": search_fold(p.booth.name),
        "category_id": p.category_id,
        "category_name": " ".join(categories),
        "category_folded": search_fold(" ".join(categories)),
        "category_keys": category_keys(categories),
        "area_id": p.origin_area_id,
        "area_folded": search_fold(area.name) if area else "",
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
        "url": reverse("catalog:product_detail", kwargs={"slug": p.slug}),
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
