"""Booth cards rendered once and kept (`core.fragments`), fetched for a whole directory
page at once; the logos' renditions are read only for the cards the cache misses.

A card's key holds what the card shows from the booth row (`updated_at`, verification,
area, logo) and the language; the page cache's generation in every key covers the rest
(a booth, area or image change purges it)."""

from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import get_template
from django.utils.translation import get_language

from core import fragments

TEMPLATE = "components/booth_card.html"
LOGO_RENDITIONS = (
    "fill-80x80|format-webp",
    "fill-160x160|format-webp",
    "fill-240x240|format-webp",
)


def card_key(booth, heading_level):
    return ":".join(
        str(part)
        for part in (
            get_language(),
            booth.pk,
            booth.updated_at.timestamp(),
            booth.is_verified,
            booth.verified_at.timestamp() if booth.verified_at else "",
            booth.area_id,
            booth.logo_id,
            heading_level,
        )
    )


def logo_renditions():
    """Prefetch of the logo's renditions a card shows (with `select_related("logo")`)."""
    from images.models import Rendition

    return Prefetch(
        "logo__renditions",
        queryset=Rendition.objects.filter(filter_spec__in=LOGO_RENDITIONS),
        to_attr="prefetched_renditions",
    )


def _prefetch_logos(booths):
    prefetch_related_objects([b for b in booths if b.logo_id], logo_renditions())


def render_cards(request, booths, heading_level=3):
    template = get_template(TEMPLATE)
    return fragments.render_many(
        request,
        "booth-card",
        booths,
        key=lambda b: card_key(b, heading_level),
        render=lambda b: template.render({"booth": b, "heading_level": heading_level}),
        prepare=_prefetch_logos,
    )
