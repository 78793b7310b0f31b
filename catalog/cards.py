"""Product cards rendered once and kept (`core.fragments`): a list page asks the cache for
all its cards at once and renders (and prefetches photos for) only the ones it misses.

A card's key holds everything the card shows that lives on the product row (its
`updated_at`, price, stock, rating, OCOP stars, booth, origin) and the language; the
page cache's generation in every key covers what lives elsewhere (photos, the booth's
name, categories), since their saves purge it."""

from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils.translation import get_language

from catalog.models import CARD_RENDITIONS, photos_prefetch
from core import fragments

TEMPLATE = "components/product_card.html"


def card_key(product, heading_level, lcp):
    return ":".join(
        str(part)
        for part in (
            get_language(),
            product.pk,
            product.updated_at.timestamp(),
            product.price,
            product.stock,
            product.rating_average,
            product.rating_count,
            product.ocop_stars,
            product.booth_id,
            product.origin_area_id,
            heading_level,
            int(bool(lcp)),
        )
    )


def _prefetch_photos(products):
    prefetch_related_objects(products, photos_prefetch(CARD_RENDITIONS))


def render_cards(request, products, heading_level=3, lcp_first=False):
    """[card HTML] for *products* (rows with booth and origin area selected)."""
    template = get_template(TEMPLATE)
    products = list(products)
    first = products[0].pk if products and lcp_first else None

    def render(product):
        lcp = product.pk == first
        return template.render({"product": product, "heading_level": heading_level, "lcp": lcp})

    return fragments.render_many(
        request,
        "product-card",
        products,
        key=lambda p: card_key(p, heading_level, p.pk == first),
        render=render,
        prepare=_prefetch_photos,
    )
