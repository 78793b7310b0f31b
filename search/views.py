from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.ratelimit import rate_limit

from .autocomplete import autocomplete as run_autocomplete
from .cards import attach_cards, card_keys
from .facets import facet_groups, name_keys
from .params import MAX_PAGE, PAGE_SIZE, SORTS, SearchParams
from .service import run_search
from .text import clean_query


@require_GET
@rate_limit("search")
def search(request):
    params = SearchParams.from_get(request.GET)
    results = run_search(params)
    # the cards and the facet labels from the cache in one round trip
    keys = card_keys(results.products) + name_keys(results)
    stored = cache.get_many(keys) if keys else {}
    attach_cards(results.products, stored)
    active_total = {
        "booths": results.counts["booths"],
        "news": results.counts["news"],
    }.get(params.tab, results.counts["products"])
    pages = max(1, min(MAX_PAGE, -(-active_total // PAGE_SIZE)))
    context = {
        "params": params,
        "results": results,
        "facet_groups": facet_groups(params, results, stored),
        "sorts": [(key, label, params.url(sort=key)) for key, label in SORTS.items()],
        "tabs": [
            ("all", None, params.url(tab="all", page=None)),
            ("products", results.counts["products"], params.url(tab="products", page=None)),
            ("booths", results.counts["booths"], params.url(tab="booths", page=None)),
            ("news", results.counts["news"], params.url(tab="news", page=None)),
        ],
        "page": min(params.page, pages),
        "pages": pages,
        "prev_url": params.url(page=params.page - 1) if params.page > 1 else "",
        "next_url": params.url(page=params.page + 1) if params.page < pages else "",
        "clear_filters_url": SearchParams(q=params.q, tab=params.tab).url(),
        "suggestion_url": SearchParams(q=results.suggestion).url() if results.suggestion else "",
        "verbatim_url": params.url(verbatim=1, page=None) if results.showing_for else "",
    }
    return render(request, "search/search.html", context)


@require_GET
@rate_limit("autocomplete", json=True)
@cache_control(max_age=60, public=True)
def autocomplete(request):
    q = clean_query(request.GET.get("q", ""))[:60]
    results = run_autocomplete(q)
    booth_label = str(_("Booth"))
    for item in results:
        item["kind_label"] = booth_label if item["kind"] == "booth" else ""
    return JsonResponse({"query": q, "results": results})
