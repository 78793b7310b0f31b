"""The search page's product cards, cached per product.

A card is the same HTML for every query except two parts: the highlighted name and the
highlighted description snippet. The rest (link, thumbnail, price, unit, booth, area,
OCOP stars, "out of stock") is rendered once from `templates/search/product_card.html`
and kept in the shared cache as three pieces around those two parts, for both image
variants (the page's first picture is eager with `fetchpriority="high"`, the others lazy).

Nothing shown can be stale: the key holds every value the cached pieces show, read from
the database on every request (`search.results.load_products`: price, stock, names, the
first photo's id), plus the language. A repriced product, a new photo, a renamed booth
get a new key; a hidden product is not loaded at all. The one thing not in the key is a
photo edited in place (new file or focal point: Wagtail makes new renditions); the entry
expires after `FRAGMENT_CACHE_SECONDS`.

One `get_many` per page; the misses cost one query for their images and one for their
renditions, then one `set_many`.
"""

import hashlib
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail.images.models import Filter, ResponsiveImage
from wagtail.images.shortcuts import get_renditions_or_not_found

from catalog.models import photos_with_renditions

from .results import SEARCH_THUMBNAILS

TEMPLATE = "search/product_card.html"
VERSION = 1  # bump when product_card.html changes what it shows
CUT = "<!--cut-->"
IMAGE = "<!--image-->"
SIZES = "(max-width: 760px) 88px, 120px"
# Built once: a Filter parses its spec on first use (inspect.getcallargs per operation),
# which `{% srcset_image %}` paid for every card of every page.
FILTERS = [Filter(spec=spec) for spec in SEARCH_THUMBNAILS]


class Card(NamedTuple):
    head_first: SafeString  # <li>, link, eager thumbnail, <h3 …>: the page's first card
    head: SafeString  # the same with a lazy thumbnail
    tail: SafeString  # </h3></a>, price, booth, area, stars, stock
    snippet_open: SafeString  # <p class="search-product__snippet" …>


def card_key(product, language):
    shown = (
        product.slug, product.price, product.unit, bool(product.stock), product.ocop_stars,
        product.booth_name, product.area_name, product.area_vietnamese, product.main_image_id,
    )  # fmt: skip
    digest = hashlib.sha1(repr(shown).encode(), usedforsecurity=False).hexdigest()[:20]
    return f"search:card:v{VERSION}:{language}:{product.pk}:{digest}"


def thumbnail(image, first):
    """The thumbnail's <img> (srcset, sizes, width, height), or a grey box without a photo."""
    if image is None:
        return '<span class="search-product__img search-product__img--empty" aria-hidden="true"></span>'
    renditions = get_renditions_or_not_found(image, FILTERS)
    attrs = {"sizes": SIZES, **({"fetchpriority": "high"} if first else {"loading": "lazy"})}
    attrs.update({"class": "search-product__img", "alt": ""})  # the order {% srcset_image %} wrote
    return ResponsiveImage(renditions, attrs).__html__()


def render_cards(products):
    """{pk: (card pieces as plain strings, cacheable)} for *products*: their photos and
    thumbnails read in two queries, the template rendered once per card."""
    image_ids = [p.main_image_id for p in products if p.main_image_id]
    images = {}
    if image_ids:
        photos = photos_with_renditions(SEARCH_THUMBNAILS).filter(
            product_id__in=[p.pk for p in products], image_id__in=image_ids
        )
        images = {photo.image_id: photo.image for photo in photos}
    template = get_template(TEMPLATE)
    out = {}
    for p in products:
        image = images.get(p.main_image_id)
        head, tail, snippet_open = template.render({"product": p}).lstrip().split(CUT)
        pieces = (
            head.replace(IMAGE, thumbnail(image, first=True), 1),
            head.replace(IMAGE, thumbnail(image, first=False), 1),
            tail,
            snippet_open.strip(),
        )
        # a photo whose file is missing renders a "not-found" picture: not worth keeping
        out[p.pk] = (pieces, "not-found" not in pieces[1])
    return out


def card_keys(products):
    """The cache keys of these products' cards ([] while the fragment cache is off)."""
    if not settings.FRAGMENT_CACHE_SECONDS:
        return []
    language = get_language() or ""
    return [card_key(p, language) for p in products]


def attach_cards(products, stored=None):
    """Give each found product its `card` (a `Card`): from the cache when its key is
    there, rendered otherwise (and stored). *stored*: what the caller already read from
    the cache for `card_keys(products)` (the view reads them with the facet names in one
    round trip)."""
    if not products:
        return products
    seconds = settings.FRAGMENT_CACHE_SECONDS
    language = get_language() or ""
    keys = {p.pk: card_key(p, language) for p in products}
    if stored is None:
        stored = cache.get_many(list(keys.values())) if seconds else {}
    cached = {key: stored[key] for key in keys.values() if key in stored} if seconds else {}
    missing = [p for p in products if keys[p.pk] not in cached]
    if missing:
        fresh = render_cards(missing)
        store = {}
        for p in missing:
            pieces, cacheable = fresh[p.pk]
            cached[keys[p.pk]] = pieces
            if cacheable:
                store[keys[p.pk]] = pieces
        if seconds and store:
            cache.set_many(store, seconds)
    for p in products:
        p.card = Card(*(mark_safe(piece) for piece in cached[keys[p.pk]]))  # noqa: S308 - rendered by our template
    return products
