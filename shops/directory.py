"""The booth directory's filter choices, from the cache.

The directory offers only the areas that have a public booth (a choice that lists nothing
is a dead end) and the active categories. Both change a few times a year, but the areas
were one `EXISTS` over the booths per area on every request, and the categories one more
query. The categories, like every list's filter choices, come from
`catalog.filters.filter_choices`; the ids of the areas with a public booth are kept here,
dropped when a booth or an area is saved or deleted (`ShopsConfig.ready`), and last
`core.sitecache.timeout()` at most (short with a per-process cache, which a save in another
process cannot reach). A cache error is a miss.
"""

import contextlib

from django.core.cache import cache

from areas.models import Area
from catalog.filters import filter_choices
from shops.models import Booth

BOOTH_AREAS_KEY = "shops:booth-areas"


def booth_area_ids():
    """Ids of the areas public booths are in."""
    from core.sitecache import timeout

    try:
        cached = cache.get(BOOTH_AREAS_KEY)
    except Exception:  # noqa: BLE001 - cache down: read the database
        cached = None
    if cached is None:
        cached = frozenset(
            Booth.objects.public().exclude(area=None).values_list("area_id", flat=True).distinct()
        )
        with contextlib.suppress(Exception):
            cache.set(BOOTH_AREAS_KEY, cached, timeout())
    return cached


def choices():
    """(areas, categories): the areas a seller may choose (`Area.objects.origins()`, in
    their order) that have a public booth, and the active categories."""
    categories, areas, _certifications = filter_choices()
    used = booth_area_ids()
    offered = [
        area
        for area in areas
        if area.is_current and area.kind != Area.Kind.PROVINCE and area.pk in used
    ]
    return offered, list(categories)


def forget_booth_areas(**kwargs):
    with contextlib.suppress(Exception):
        cache.delete(BOOTH_AREAS_KEY)
