"""What a search returns, whichever backend answered: `Results`, and the found objects
loaded from ids.

Ids come from the backend; the objects shown are loaded through the public querysets, so a
stale index can never show a hidden product.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from catalog.models import Product, ProductImage
from core.translation import is_fallback, translated
from shops.models import Booth

from .params import PAGE_SIZE
from .text import highlight, plain_text, search_fold, terms

PREVIEW_SIZE = 4  # booths and news shown beside the products on the "all" tab
SEARCH_THUMBNAILS = ("fill-120x90|format-webp", "fill-240x180|format-webp")  # search.html's srcset


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
    suggestion: str = ""  # "did you mean": a better spelling found nothing better to show
    showing_for: str = ""  # the corrected query whose results are shown instead
    relaxed: bool = False  # no result had every word: these have all but one
    unsearchable: bool = False  # the query has no word to search ("!!!", "🍑")
    took_ms: int | None = None

    @property
    def total(self):
        return sum(self.counts.values())


def page_windows(params):
    """(from, size) for products, booths, news given the active tab."""
    offset = (params.page - 1) * PAGE_SIZE
    if params.tab == "booths":
        return (0, 0), (offset, PAGE_SIZE), (0, 0)
    if params.tab == "news":
        return (0, 0), (0, 0), (offset, PAGE_SIZE)
    if params.tab == "products":
        return (offset, PAGE_SIZE), (0, 0), (0, 0)
    return (offset, PAGE_SIZE), (0, PREVIEW_SIZE), (0, PREVIEW_SIZE)


class FoundProduct:
    """What a search result shows of a product: plain values, no model instance.

    A results page is mostly this list, so it is loaded with one `values()` query (the
    first photo's id included); the card around these values comes from
    `search.cards.attach_cards`, cached per product, its thumbnails read only on a miss.
    """

    __slots__ = (
        "pk", "name", "slug", "price", "unit", "stock", "ocop_stars", "booth_name",
        "area_name", "area_vietnamese", "main_image_id", "search_name", "search_snippet",
        "card",
    )  # fmt: skip

    def __init__(self, row):
        for key in ("pk", "name", "slug", "price", "unit", "stock", "ocop_stars"):
            setattr(self, key, row[key])
        self.booth_name = row["booth__name"]
        area = {"name": row["origin_area__name"], "name_en": row["origin_area__name_en"]}
        self.area_name = translated(area, "name")
        self.area_vietnamese = is_fallback(area, "name")  # lang="vi" on an English page
        self.main_image_id = row["main_image_id"]
        self.card = None

    @property
    def id(self):
        return self.pk

    def get_absolute_url(self):
        return reverse("catalog:product_detail", kwargs={"slug": self.slug})

    def __repr__(self):
        return f"<FoundProduct {self.pk} {self.name!r}>"


def load_products(ids, params):
    """Public products with these ids, in this order, highlighted for the query."""
    if not ids:
        return []
    words = terms(params.q)
    first_photo = ProductImage.objects.filter(product_id=OuterRef("pk")).order_by(
        "sort_order", "pk"
    )
    rows = (
        Product.objects.public()
        .filter(pk__in=ids)
        .annotate(main_image_id=Subquery(first_photo.values("image_id")[:1]))
        .values(
            "pk", "name", "slug", "description", "price", "unit", "stock", "ocop_stars",
            "booth__name", "origin_area__name", "origin_area__name_en", "main_image_id",
        )
    )  # fmt: skip
    by_id = {}
    for row in rows:
        p = FoundProduct(row)
        p.search_name = highlight(p.name, words, length=200)
        p.search_snippet = highlight(plain_text(row["description"]), words)
        by_id[p.pk] = p
    # in the backend's order; the index may be a moment behind: never show what is not public
    return [by_id[pk] for pk in ids if pk in by_id]


def load_booths(ids, params):
    """Public booths with these ids, in this order, highlighted for the query."""
    if not ids:
        return []
    words = terms(params.q)
    shown = ("name", "slug", "description", "is_verified", "area__name", "area__name_en")
    booths = Booth.objects.public().select_related("area").only(*shown).filter(pk__in=ids)
    by_id = {b.pk: b for b in booths}
    out = []
    for pk in ids:
        b = by_id.get(pk)
        if b is not None:
            b.search_name = highlight(b.name, words, length=200)
            b.search_snippet = highlight(plain_text(b.description), words, length=160)
            out.append(b)
    return out


def article_item(source, q, pk):
    """An article result from its indexed source (or search payload), highlighted."""
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
