from django.utils.functional import SimpleLazyObject

from .market import market_figures


def figures(request):
    """The footer's figures, computed (from the cache) only when a template reads them."""
    return {"market_figures": SimpleLazyObject(market_figures)}
