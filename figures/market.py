"""The market's figures: booths joined, products displayed, visits.

Shown in the footer of every page and on the home page, so they are read from the cache
and recomputed at most every MARKET_FIGURES_CACHE_SECONDS, or sooner when
`invalidate_figures()` is called after a change that moves them.
"""

from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.cache import cache

CACHE_KEY = "market:figures:v1"


@dataclass(frozen=True)
class MarketFigures:
    booths: int
    products: int
    visits: int


def compute_figures() -> MarketFigures:
    from catalog.models import Product
    from core.models import SiteSettings
    from counters import visits_total
    from shops.models import Booth

    offset = SiteSettings.objects.values_list("visits_offset", flat=True).first() or 0
    return MarketFigures(
        booths=Booth.objects.public().count(),
        products=Product.objects.public().count(),
        visits=offset + visits_total(),
    )


def market_figures() -> MarketFigures:
    data = cache.get(CACHE_KEY)
    if data is None:
        figures = compute_figures()
        cache.set(CACHE_KEY, asdict(figures), settings.MARKET_FIGURES_CACHE_SECONDS)
        return figures
    return MarketFigures(**data)


def invalidate_figures():
    cache.delete(CACHE_KEY)
