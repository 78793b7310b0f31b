"""Facet groups for the page: labels from the database, links that toggle a filter."""

from django.core.cache import cache
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from core.templatetags.market import format_vnd as vnd
from core.translation import is_fallback, translated

from .params import PRICE_BANDS


def _price_label(lo, hi):
    if lo == 0:
        return _("Under %(price)s") % {"price": vnd(hi)}
    if hi is None:
        return _("From %(price)s") % {"price": vnd(lo)}
    return f"{vnd(lo)} – {vnd(hi)}"


def _key(model, language):
    return f"search:facet-names:v2:{model._meta.label_lower}:{language}"


def _wanted(results):
    from areas.models import Area
    from catalog.models import Category

    facets = results.facets or {}
    return {
        Category: [v for v, _n in facets.get("category", [])],
        Area: [v for v, _n in facets.get("area", [])],
    }


def name_keys(results):
    """The cache keys `facet_groups` reads for these results' labels."""
    language = get_language()
    return [_key(model, language) for model, ids in _wanted(results).items() if ids]


def _names(wanted, stored=None):
    """{model: {pk: (name, shown in Vietnamese on an English page)}} for the facet labels
    of *wanted* ({model: ids}), from a short-lived cache (they rarely change): one cache
    round trip for all the models (none when the caller read *stored* already), the
    database only for ids not seen yet."""
    language = get_language()
    keys = {model: _key(model, language) for model in wanted}
    if stored is None:
        stored = cache.get_many([keys[model] for model, ids in wanted.items() if ids])
    out = {}
    for model, ids in wanted.items():
        names = stored.get(keys[model]) or {}
        missing = [pk for pk in ids if pk not in names]
        if missing:
            names = dict(names)
            rows = model.objects.filter(pk__in=missing).values("pk", "name", "name_en")
            names.update(
                {row["pk"]: (translated(row, "name"), is_fallback(row, "name")) for row in rows}
            )
            cache.set(keys[model], names, 60)
        out[model] = {pk: names[pk] for pk in ids if pk in names}
    return out


def facet_groups(params, results, stored=None):
    """[(key, title, [{label, count, url, selected}])] for the product facets. *stored*:
    what the caller already read from the cache for `name_keys(results)`."""
    from areas.models import Area
    from catalog.models import Category

    facets = results.facets or {}
    names = _names(_wanted(results), stored)
    categories, areas = names[Category], names[Area]

    def option(name, value, label, count):
        selected = getattr(params, name) == value
        label, vietnamese = label if isinstance(label, tuple) else (label, False)
        return {
            "label": label,
            "vietnamese": vietnamese,
            "count": count,
            "selected": selected,
            "url": params.url(**{name: None if selected else value, "page": None}),
        }

    groups = []
    items = [
        option("category", v, categories[v], n)
        for v, n in facets.get("category", [])
        if v in categories
    ]
    if items:
        groups.append(("category", _("Category"), items))
    items = [option("area", v, areas[v], n) for v, n in facets.get("area", []) if v in areas]
    if items:
        groups.append(("area", _("Area of origin"), items))
    items = [
        option(
            "stars",
            v,
            ngettext("OCOP %(n)s star", "OCOP %(n)s stars", v) % {"n": v}
            if v
            else _("No OCOP rating"),
            n,
        )
        for v, n in facets.get("stars", [])
        if n
    ]
    if items:
        groups.append(("stars", _("OCOP stars"), items))
    counts = dict(facets.get("price", []))
    items = [
        option("price", key, _price_label(lo, hi), counts.get(key, 0))
        for key, lo, hi in PRICE_BANDS
        if counts.get(key)
    ]
    if items:
        groups.append(("price", _("Price"), items))
    return groups
