"""The public product list's filters and sorts, read from the query string.

Every filter state is a plain GET URL (shareable). Parsed by `core.filters`: a malformed
or out-of-range value is dropped silently, the page shows as if it were not there.
"""

import contextlib

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import MAX_PRICE_VND
from core.filters import PageField, QueryForm

SORTS = {
    "newest": ("-created_at", "-pk"),
    "price_asc": ("price", "pk"),
    "price_desc": ("-price", "-pk"),
    "popular": ("-view_count", "-pk"),
    "rating": ("-rating_average", "-rating_count", "-pk"),
}
SORT_CHOICES = [
    ("newest", _("Newest")),
    ("price_asc", _("Price: low to high")),
    ("price_desc", _("Price: high to low")),
    ("popular", _("Most viewed")),
    ("rating", _("Best rated")),
]


class ProductFilterForm(QueryForm):
    category = forms.SlugField(required=False, label=_("Category"))
    area = forms.SlugField(required=False, label=_("Area of origin"))
    min_price = forms.IntegerField(
        required=False, min_value=0, max_value=MAX_PRICE_VND, label=_("Price from")
    )
    max_price = forms.IntegerField(
        required=False, min_value=0, max_value=MAX_PRICE_VND, label=_("Price to")
    )
    ocop = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any"))] + [(n, n) for n in range(1, 6)],
        label=_("OCOP stars"),
    )
    cert = forms.SlugField(required=False, label=_("Certification"))
    season = forms.BooleanField(required=False, label=_("In season this month"))
    in_stock = forms.BooleanField(required=False, label=_("In stock"))
    sort = forms.ChoiceField(required=False, choices=SORT_CHOICES, label=_("Sort by"))
    page = PageField()


def descendants(categories, root):
    """Ids of *root* and every category below it (from an already loaded list)."""
    children = {}
    for c in categories:
        children.setdefault(c.parent_id, []).append(c)
    ids, stack = [], [root]
    while stack:
        node = stack.pop()
        ids.append(node.pk)
        stack.extend(children.get(node.pk, []))
    return ids


def apply_filters(qs, params, *, categories, areas, certifications, category=None):
    """Filter and sort *qs*; returns (queryset, the filters actually applied)."""
    applied = {}
    by_slug = {c.slug: c for c in categories}
    chosen = category or by_slug.get(params.get("category"))
    if chosen is not None:
        qs = qs.filter(category_id__in=descendants(categories, chosen))
        applied["category"] = chosen
    area = {a.slug: a for a in areas}.get(params.get("area"))
    if area is not None:
        area_ids = [area.pk] + [
            a.pk for a in areas if a.parent_id == area.pk or a.replaced_by_id == area.pk
        ]
        qs = qs.filter(origin_area_id__in=area_ids)
        applied["area"] = area
    low, high = params.get("min_price"), params.get("max_price")
    if low is not None and high is not None and low > high:
        low, high = high, low
    if low is not None:
        qs = qs.filter(price__gte=low)
        applied["min_price"] = low
    if high is not None:
        qs = qs.filter(price__lte=high)
        applied["max_price"] = high
    if params.get("ocop"):
        qs = qs.filter(ocop_stars__gte=params["ocop"])
        applied["ocop"] = params["ocop"]
    cert = {c.code: c for c in certifications}.get(params.get("cert"))
    if cert is not None:
        qs = qs.filter(certifications=cert)
        applied["cert"] = cert
    if params.get("season"):
        qs = qs.in_season()
        applied["season"] = True
    if params.get("in_stock"):
        qs = qs.in_stock()
        applied["in_stock"] = True
    sort = params.get("sort") or "newest"
    qs = qs.order_by(*SORTS.get(sort, SORTS["newest"]))
    applied["sort"] = sort
    return qs, applied


def chosen_filters(applied, category=None):
    """The filters the shopper chose: not the sort order, nor the category of a category page."""
    return [
        key for key in applied if key != "sort" and not (key == "category" and category is not None)
    ]


CHOICES_KEY = "catalog:filter-choices"


def filter_choices():
    """Active categories, areas and certifications for the filter form, from the cache:
    they change a few times a year and every list page needs all three (three queries
    saved per page). Dropped when any of them is saved (catalog/apps.py)."""
    from django.core.cache import cache

    from areas.models import Area
    from catalog.models import Category, Certification

    try:
        cached = cache.get(CHOICES_KEY)
    except Exception:  # noqa: BLE001 - cache down: read the database
        cached = None
    if cached is None:
        cached = (
            list(Category.objects.filter(is_active=True)),
            list(Area.objects.all()),
            list(Certification.objects.all()),
        )
        with contextlib.suppress(Exception):
            cache.set(CHOICES_KEY, cached, 600)
    return cached


AREAS_IN_USE_KEY = "catalog:areas-in-use"


def areas_in_use():
    """Ids of the areas public products come from, from the cache (dropped when a
    product or an area is saved): the area filter offers only areas with something in
    them. One EXISTS per area, each answered from the origin-area index."""
    from django.core.cache import cache
    from django.db.models import Exists, OuterRef

    from areas.models import Area
    from catalog.models import Product

    try:
        cached = cache.get(AREAS_IN_USE_KEY)
    except Exception:  # noqa: BLE001 - cache down: read the database
        cached = None
    if cached is None:
        public = Product.objects.public().filter(origin_area=OuterRef("pk"))
        cached = frozenset(Area.objects.filter(Exists(public)).values_list("pk", flat=True))
        with contextlib.suppress(Exception):
            cache.set(AREAS_IN_USE_KEY, cached, 600)
    return cached


def offered_areas(areas):
    """The areas the public filter offers, from the cached list of all areas: current
    ones below the province that have public products, themselves or through a
    commune inside them or an old name they replaced (`apply_filters` matches those)."""
    used = areas_in_use()
    covered = set(used)
    for area in areas:
        if area.pk in used:
            covered.update(a for a in (area.parent_id, area.replaced_by_id) if a)
    return [a for a in areas if a.is_current and a.kind != "province" and a.pk in covered]


def forget_areas_in_use(**kwargs):
    from django.core.cache import cache

    with contextlib.suppress(Exception):
        cache.delete(AREAS_IN_USE_KEY)


def forget_filter_choices(**kwargs):
    from django.core.cache import cache

    with contextlib.suppress(Exception):
        cache.delete(CHOICES_KEY)
