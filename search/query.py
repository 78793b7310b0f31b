"""Searching Elasticsearch: the query bodies (Vietnamese matching, filters, facets,
did-you-mean) and one `msearch` round trip for the page's three sections."""

from django.utils import timezone
from elasticsearch import ApiError, TransportError

from .client import SearchUnavailable
from .documents import alias
from .params import PRICE_BAND_KEYS, PRICE_BANDS
from .results import Results, article_item, load_booths, load_products, page_windows
from .text import terms


def text_query(q, exact_fields, folded_fields, fuzzy=True):
    folded = " ".join(terms(q))
    if not folded:
        return {"match_all": {}}
    must = [
        {
            "multi_match": {
                "query": folded,
                "fields": folded_fields,
                "type": "cross_fields",
                "operator": "and",
            }
        }
    ]
    if fuzzy:
        must.append(
            {
                "multi_match": {
                    "query": folded,
                    "fields": folded_fields,
                    "type": "best_fields",
                    "operator": "and",
                    "fuzziness": "AUTO:4,7",
                    "prefix_length": 1,
                }
            }
        )
    name_exact, name_folded = exact_fields[0], folded_fields[0].split("^")[0]
    should = [
        # the words as typed, diacritics included: ranks exact spelling first
        {"match": {name_exact: {"query": q, "operator": "and", "boost": 4}}},
        {"match": {name_exact: {"query": q, "boost": 1}}},
        {"match_phrase": {name_folded: {"query": folded, "boost": 2}}},
    ]
    should += [{"match": {f: {"query": q, "boost": 0.5}}} for f in exact_fields[1:]]
    return {"bool": {"must": [{"bool": {"should": must}}], "should": should}}


def _product_filters(params):
    out = []
    if params.category:
        out.append({"term": {"category_id": params.category}})
    if params.area:
        out.append({"term": {"area_id": params.area}})
    if params.stars is not None:
        out.append({"term": {"ocop_stars": params.stars}})
    if params.price:
        lo, hi = PRICE_BAND_KEYS[params.price]
        rng = {"gte": lo}
        if hi is not None:
            rng["lt"] = hi
        out.append({"range": {"price": rng}})
    return out


def product_body(params, start, size):
    text = text_query(
        params.q,
        ["name", "description", "booth_name"],
        ["name_folded^3", "description_folded", "booth_folded", "category_folded", "area_folded"],
    )
    month = timezone.localdate().month
    query = {
        "function_score": {
            "query": {"bool": {"must": [text], "filter": _product_filters(params)}},
            "functions": [
                {"filter": {"term": {"in_stock": True}}, "weight": 1.2},
                {"filter": {"term": {"season_months": month}}, "weight": 1.1},
                {"filter": {"range": {"ocop_stars": {"gte": 3}}}, "weight": 1.1},
            ],
            "score_mode": "multiply",
            "boost_mode": "multiply",
        }
    }
    sort = {
        "relevance": ["_score", {"published_at": "desc"}],
        "newest": [{"published_at": "desc"}, "_score"],
        "price_asc": [{"price": "asc"}, "_score"],
        "price_desc": [{"price": "desc"}, "_score"],
        "rating": [{"rating": "desc"}, {"rating_count": "desc"}, "_score"],
    }[params.sort]
    body = {
        "query": query,
        "from": start,
        "size": size,
        "sort": sort,
        "_source": False,
        "track_total_hits": True,
        "aggs": {
            "category": {"terms": {"field": "category_id", "size": 50}},
            "area": {"terms": {"field": "area_id", "size": 50}},
            "stars": {"terms": {"field": "ocop_stars", "size": 6}},
            "price": {
                "range": {
                    "field": "price",
                    "keyed": True,
                    "ranges": [
                        {"key": k, "from": lo, **({"to": hi} if hi is not None else {})}
                        for k, lo, hi in PRICE_BANDS
                    ],
                }
            },
        },
    }
    folded = " ".join(terms(params.q))
    if folded and params.page == 1:
        body["suggest"] = {
            "fix": {
                "text": folded,
                "term": {"field": "name_folded", "suggest_mode": "missing", "size": 1},
            }
        }
    return body


def booth_body(params, start, size):
    text = text_query(
        params.q, ["name", "description"], ["name_folded^3", "description_folded", "area_folded"]
    )
    filters = [{"term": {"area_id": params.area}}] if params.area else []
    return {
        "query": {"bool": {"must": [text], "filter": filters}},
        "from": start,
        "size": size,
        "_source": False,
        "track_total_hits": True,
    }


def article_body(params, start, size):
    text = text_query(
        params.q,
        ["title", "lead", "body"],
        ["title_folded^3", "lead_folded^1.5", "body_folded"],
    )
    return {
        "query": text,
        "from": start,
        "size": size,
        "_source": ["title", "lead", "body", "date", "url"],
        "sort": ["_score", {"date": "desc"}],
        "track_total_hits": True,
    }


def did_you_mean(response, q):
    options = response.get("suggest", {}).get("fix") or []
    words = terms(q)
    changed = False
    for entry in options:
        if entry.get("options"):
            text = entry["text"]
            if text in words:
                words[words.index(text)] = entry["options"][0]["text"]
                changed = True
    return " ".join(words) if changed else ""


def search_elasticsearch(params, client):
    """Run the page's three searches in one round trip. Raises SearchUnavailable."""
    (ps, pn), (bs, bn), (ns, nn) = page_windows(params)
    searches = [
        {"index": alias("products")},
        product_body(params, ps, pn),
        {"index": alias("booths")},
        booth_body(params, bs, bn),
        {"index": alias("articles")},
        article_body(params, ns, nn),
    ]
    try:
        resp = client.msearch(searches=searches)
    except (TransportError, ApiError) as exc:
        raise SearchUnavailable(str(exc)) from exc
    responses = resp["responses"]
    for r in responses:
        if "error" in r:
            raise SearchUnavailable(str(r["error"])[:300])
    prod, booth, news = responses
    results = Results(params=params, backend="elasticsearch")
    results.took_ms = max(r.get("took", 0) for r in responses)
    results.counts = {
        "products": prod["hits"]["total"]["value"],
        "booths": booth["hits"]["total"]["value"],
        "news": news["hits"]["total"]["value"],
    }
    results.products = load_products([int(h["_id"]) for h in prod["hits"]["hits"]], params)
    results.booths = load_booths([int(h["_id"]) for h in booth["hits"]["hits"]], params)
    results.articles = [
        article_item(h["_source"], params.q, int(h["_id"])) for h in news["hits"]["hits"]
    ]
    aggs = prod.get("aggregations", {})
    results.facets = {
        "category": [
            (b["key"], b["doc_count"]) for b in aggs.get("category", {}).get("buckets", [])
        ],
        "area": [(b["key"], b["doc_count"]) for b in aggs.get("area", {}).get("buckets", [])],
        "stars": sorted(
            ((b["key"], b["doc_count"]) for b in aggs.get("stars", {}).get("buckets", [])),
            reverse=True,
        ),
        "price": [
            (k, aggs.get("price", {}).get("buckets", {}).get(k, {}).get("doc_count", 0))
            for k, _lo, _hi in PRICE_BANDS
        ],
    }
    if results.total == 0:
        results.suggestion = did_you_mean(prod, params.q)
    return results
