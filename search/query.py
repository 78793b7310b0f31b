"""Searching Elasticsearch: the query bodies (Vietnamese matching, filters, facets,
did-you-mean) and one `msearch` round trip for the page's three sections."""

from dataclasses import dataclass, replace

from django.utils import timezone
from elasticsearch import ApiError, TransportError

from .client import SearchUnavailable
from .documents import alias
from .expand import expand_query
from .params import PRICE_BAND_KEYS, PRICE_BANDS
from .results import Results, article_item, load_booths, load_products, page_windows


# How each kind is matched: the folded fields every slot may match (weighted), the fields
# as written where synonyms with diacritics match, the fields a half-typed last word
# matches as a prefix, and those a typo may match (one edit on 3–6 letters).
@dataclass(frozen=True)
class Fields:
    folded: list
    exact: list
    prefix: dict  # field -> constant score of a prefix match
    fuzzy: list
    name_exact: str
    name_folded: str
    name_key: str | None = None


PRODUCT = Fields(
    folded=[
        "name_folded^3", "category_folded^1.5", "area_folded", "description_folded^0.5",
        "booth_folded^0.3",
    ],
    exact=["name^3", "category_name^1.5", "description^0.5"],
    prefix={"name_folded": 3, "category_folded": 1},
    fuzzy=["name_folded^3", "category_folded^1.5", "area_folded"],
    name_exact="name",
    name_folded="name_folded",
    name_key="name_key",
)  # fmt: skip
BOOTH = Fields(
    folded=["name_folded^3", "area_folded", "description_folded^0.5"],
    exact=["name^3", "description^0.5"],
    prefix={"name_folded": 3},
    fuzzy=["name_folded^3", "area_folded"],
    name_exact="name",
    name_folded="name_folded",
    name_key="name_key",
)
ARTICLE = Fields(
    folded=["title_folded^3", "lead_folded^1.5", "body_folded"],
    exact=["title^3", "lead^1.5", "body"],
    prefix={"title_folded": 2},
    fuzzy=["title_folded^3", "lead_folded^1.5"],
    name_exact="title",
    name_folded="title_folded",
)
NAME_START = 8  # the name starts with the query ("mat ong" → "Mật ong rừng …")
HEAD_NOUN = 6  # the name's first word is a query word: that is what the product is
CATEGORY = 4  # the query names the product's category ("trai cay", "gia vi")
SYNONYM_WEIGHT = 0.9  # a synonym counts a little less than the word typed
FUZZY_WEIGHT = 0.35  # a word one edit away counts well below the word itself


def fuzziness(word, short=False):
    """Edits allowed: one from 4 letters (two from 7, English names); on three letters
    (most folded Vietnamese syllables: "toi", "son") only in the second pass, when the
    first found nothing — a typo there would otherwise match half the catalogue."""
    if len(word) < (3 if short else 4) or not word.isalpha():
        return 0
    return 1 if len(word) < 7 else 2


def slot_clause(slot, fields, short=False):
    """One slot of the query: the word as typed, its decodings, synonyms, a prefix if it
    is the last, a typo of it; any one matches."""
    should = []
    for i, alt in enumerate(slot.folded):
        own = i < slot._own
        should.append(
            {
                "multi_match": {
                    "query": alt,
                    "fields": fields.folded,
                    "type": "best_fields",
                    "operator": "and",
                    "tie_breaker": 0.2,
                    **({} if own else {"boost": SYNONYM_WEIGHT}),
                }
            }
        )
        if " " in alt:
            continue
        if slot.last and own:
            for field, score in fields.prefix.items():
                should.append({"prefix": {field: {"value": alt, "boost": score}}})
        if own and fuzziness(alt, short):
            should.append(
                {
                    "multi_match": {
                        "query": alt,
                        "fields": fields.fuzzy,
                        "fuzziness": fuzziness(alt, short),
                        "prefix_length": 1 if len(alt) < 5 else 0,
                        "max_expansions": 20,
                        "boost": FUZZY_WEIGHT,
                    }
                }
            )
    for term in slot.exact:
        should.append(
            {
                "multi_match": {
                    "query": term,
                    "fields": fields.exact,
                    "type": "best_fields",
                    "operator": "and",
                    "boost": SYNONYM_WEIGHT,
                }
            }
        )
    return {"bool": {"should": should, "minimum_should_match": 1}}


def text_query(query, fields, *, relaxed=False, short=False, categories=False):
    """Every slot must match (all but one when *relaxed*); the rest only ranks:

    - the words as typed with their diacritics, on the name: exact spelling first;
    - the folded words as a phrase, and as word pairs (proximity);
    - a name that starts with the query; a name whose first word (what the product is:
      "Bưởi Diễn", not "Mứt vỏ bưởi") is a query word; a category the query names.
    """
    if not query:
        return {"match_all": {}}  # filters only (browsing); a query of no words never gets here
    slots = [slot_clause(s, fields, short) for s in query.slots]
    if relaxed and len(slots) > 1:
        match = {"bool": {"should": slots, "minimum_should_match": len(slots) - 1}}
    else:
        match = {"bool": {"must": slots}}
    decoded = query.decoded
    should = [
        {"match": {fields.name_exact: {"query": query.raw, "operator": "and", "boost": 3}}},
        {"match": {fields.name_exact: {"query": query.raw, "boost": 1}}},
        {"match_phrase": {fields.name_folded: {"query": decoded, "boost": 2}}},
    ]
    if len(query.words) > 1:
        should.append({"match": {f"{fields.name_folded}.pairs": {"query": decoded, "boost": 1.5}}})
    if fields.name_key:
        should.append({"prefix": {fields.name_key: {"value": decoded, "boost": NAME_START}}})
    if categories:
        should.append({"terms": {"name_head": query.head_words(), "boost": HEAD_NOUN}})
        for word in query.words:
            if fuzziness(word, short=True):
                should.append(
                    {
                        "fuzzy": {
                            "name_head": {
                                "value": word,
                                "fuzziness": 1,
                                "prefix_length": 1,
                                "boost": HEAD_NOUN / 2,
                            }
                        }
                    }
                )
        should.append({"terms": {"category_keys": query.phrases(), "boost": CATEGORY}})
    return {"bool": {"must": [match], "should": should}}


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


def product_body(params, start, size, query=None, relaxed=False, short=False):
    query = query if query is not None else expand_query(params.q)
    text = text_query(query, PRODUCT, relaxed=relaxed, short=short, categories=True)
    month = timezone.localdate().month
    scored = {
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
        "query": scored,
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
    if query and params.page == 1 and not (relaxed or short):
        body["suggest"] = {
            "fix": {
                "text": query.decoded,
                "term": {
                    "field": "name_folded",
                    "suggest_mode": "missing",
                    "size": 1,
                    "min_word_length": 3,
                    "prefix_length": 1,
                },
            }
        }
    return body


def booth_body(params, start, size, query=None, relaxed=False, short=False):
    query = query if query is not None else expand_query(params.q)
    text = text_query(query, BOOTH, relaxed=relaxed, short=short)
    filters = [{"term": {"area_id": params.area}}] if params.area else []
    return {
        "query": {"bool": {"must": [text], "filter": filters}},
        "from": start,
        "size": size,
        "_source": False,
        "track_total_hits": True,
    }


def article_body(params, start, size, query=None, relaxed=False, short=False):
    query = query if query is not None else expand_query(params.q)
    text = text_query(query, ARTICLE, relaxed=relaxed, short=short)
    return {
        "query": text,
        "from": start,
        "size": size,
        "_source": ["title", "lead", "body", "date", "url"],
        "sort": ["_score", {"date": "desc"}],
        "track_total_hits": True,
    }


def did_you_mean(response, query):
    """The query with each unknown word replaced by the suggester's best guess, or ""."""
    options = response.get("suggest", {}).get("fix") or []
    words = query.decoded.split()
    changed = False
    for entry in options:
        if entry.get("options"):
            text = entry["text"]
            if text in words:
                words[words.index(text)] = entry["options"][0]["text"]
                changed = True
    return " ".join(words) if changed else ""


def _searches(params, query, relaxed=False, short=False):
    (ps, pn), (bs, bn), (ns, nn) = page_windows(params)
    return [
        {"index": alias("products")},
        product_body(params, ps, pn, query, relaxed, short),
        {"index": alias("booths")},
        booth_body(params, bs, bn, query, relaxed, short),
        {"index": alias("articles")},
        article_body(params, ns, nn, query, relaxed, short),
    ]


def _msearch(client, searches):
    try:
        resp = client.msearch(searches=searches)
    except (TransportError, ApiError) as exc:
        raise SearchUnavailable(str(exc)) from exc
    responses = resp["responses"]
    for r in responses:
        if "error" in r:
            raise SearchUnavailable(str(r["error"])[:300])
    return responses


def _total(responses):
    return sum(r["hits"]["total"]["value"] for r in responses)


def search_elasticsearch(params, client):
    """Run the page's three searches in one round trip. Raises SearchUnavailable.

    When nothing matches, one more round trip tries, together and in this order of
    preference: one edit on three-letter words too ("tio ly son"); the suggester's
    spelling (shown directly when it finds something: "showing results for …"); the query
    with all its words but one.
    """
    query = expand_query(params.q)
    responses = _msearch(client, _searches(params, query))
    if _total(responses) or not query:
        return _results(params, responses)
    suggestion = did_you_mean(responses[0], query)
    fixed = expand_query(suggestion) if suggestion and not params.verbatim else None
    tries = []  # (kind, params, offset in the msearch)
    searches = []
    if any(fuzziness(w, short=True) and not fuzziness(w) for w in query.words):
        tries.append(("short", params))
        searches += _searches(params, query, short=True)
    if fixed:
        tries.append(("fixed", replace(params, q=suggestion)))
        searches += _searches(replace(params, q=suggestion), fixed)
    if len(query.slots) > 1:
        tries.append(("relaxed", params))
        searches += _searches(params, query, relaxed=True, short=True)
    if searches:
        more = _msearch(client, searches)
        first_took = max(r.get("took", 0) for r in responses)
        for i, (kind, tried) in enumerate(tries):
            part = more[3 * i : 3 * i + 3]
            if not _total(part):
                continue
            results = _results(tried, part, shown=params)
            results.took_ms += first_took
            if kind == "fixed":
                results.showing_for = suggestion
            elif kind == "relaxed":
                results.relaxed = True
                results.suggestion = suggestion
            return results
    results = _results(params, responses)
    results.suggestion = suggestion
    return results


def _results(params, responses, shown=None):
    """Results of one msearch; *shown* is the query the page shows (when the results are
    those of a corrected spelling)."""
    prod, booth, news = responses
    results = Results(params=shown or params, backend="elasticsearch")
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
    return results
