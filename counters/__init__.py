"""Visit and view counters. See docs/counters.md.

- `record_view(request, obj)`: product, booth and article views call it;
- `VisitCounterMiddleware` (counters.middleware) counts visits and writes the
  request's increments to the buffer in one go;
- `flush()` (`manage.py flush_visits`) folds buffered increments into stored totals;
- `visits_total()`: the stored site-visit total (without SiteSettings.visits_offset).
"""

from . import local, registry
from .registry import VISITS_TOTAL, kind_for
from .tracking import request_is_counted, visitor_state


def record_view(request, obj):
    """Count a view of *obj* (Product, Booth or ArticlePage) by this visitor.

    Deduplicated per visitor and object for COUNTERS_VIEW_DEDUP_SECONDS; robots and
    non-GET requests count nothing. Returns True when the view was counted.
    """
    if obj is None or getattr(obj, "pk", None) is None:
        return False
    kind = kind_for(obj)
    if kind is None or not request_is_counted(request):
        return False
    state = visitor_state(request)
    counted = state.count_view(kind, obj.pk)
    if counted and not getattr(request, "_counter_middleware", False):
        # Called outside the middleware (a script, a test): buffer at once.
        local.add(state.increments)
        state.increments.clear()
    return counted


def beacon_hit(request, kind, pk):
    """The beacon of a cached page: a visit if a new visitor session, and a view of the
    object, both with the same rules as an uncached page. Returns True if a view counted."""
    if registry.by_kind(kind) is None or not request_is_counted(request):
        return False
    obj = _find(kind, pk)
    if obj is None:
        return False
    visitor_state(request).count_visit()
    return record_view(request, obj)


def _find(kind, pk):
    model = registry.by_kind(kind).model
    return model.objects.filter(pk=pk).only("pk").first()


def visits_total():
    """Site visits folded in by the flushes so far (the footer adds the starting figure)."""
    from counters.models import CounterTotal

    return (
        CounterTotal.objects.filter(name=VISITS_TOTAL).values_list("value", flat=True).first() or 0
    )


def flush(**kwargs):
    from .flushing import flush as run_flush

    return run_flush(**kwargs)


__all__ = ["record_view", "beacon_hit", "visits_total", "flush", "VISITS_TOTAL"]
