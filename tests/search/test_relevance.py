"""Vietnamese-aware relevance on the real Elasticsearch, and the same top results from the
database fallback."""

import pytest

from search.fallback import search_database
from search.params import SearchParams
from search.query import search_elasticsearch
from search.service import run_search

# (query, section, expected first result)
CASES = [
    ("vai thieu", "products", "Vải thiều Lục Ngạn"),
    ("Vải thiều", "products", "Vải thiều Lục Ngạn"),
    ("ga doi yen the", "products", "Gà đồi Yên Thế"),
    ("mi chu", "products", "Mỳ Chũ"),
    ("my chu", "products", "Mỳ Chũ"),
    ("mì chũ", "products", "Mỳ Chũ"),
    ("hop tac xa luc nam", "booths", "Hợp tác xã Nông sản Lục Nam"),
    ("nhat ban", "news", "Mùa vải 2026 bội thu"),
]
# one-letter typos, and exact diacritics ranking above a folded match
ES_ONLY_CASES = [
    ("vai thiue", "products", "Vải thiều Lục Ngạn"),
    ("ga doi yeen the", "products", "Gà đồi Yên Thế"),
    ("mat ongg", "products", "Mật ong hoa vải"),
    ("bánh đa", "products", "Bánh đa nem"),
    ("bánh da", "products", "Bánh da lợn"),
]


def names(results, section):
    if section == "products":
        return [p.name for p in results.products]
    if section == "booths":
        return [b.name for b in results.booths]
    return [str(a["title"]).replace("<mark>", "").replace("</mark>", "") for a in results.articles]


@pytest.mark.parametrize(("query", "section", "first"), CASES + ES_ONLY_CASES)
def test_elasticsearch_ranks_the_expected_result_first(indexed_market, es, query, section, first):
    results = search_elasticsearch(SearchParams(q=query), es)
    assert names(results, section)[:1] == [first]


@pytest.mark.parametrize(("query", "section", "first"), CASES)
def test_database_fallback_gives_the_same_top_result(
    indexed_market, es, settings, query, section, first
):
    from_es = names(search_elasticsearch(SearchParams(q=query), es), section)[:1]
    settings.ELASTICSEARCH_URL = ""
    results = run_search(SearchParams(q=query))
    assert results.backend == "database"
    assert names(results, section)[:1] == from_es == [first]


@pytest.mark.parametrize(
    "query", ["ruou lang van", "Rượu làng Vân", "che bup tan cuong", "nhan long hung yen"]
)
def test_hidden_draft_and_suspended_booth_products_are_never_found(
    indexed_market, es, settings, query
):
    results = search_elasticsearch(SearchParams(q=query), es)
    assert results.counts["products"] == 0
    assert results.products == []
    settings.ELASTICSEARCH_URL = ""
    assert search_database(SearchParams(q=query)).counts["products"] == 0


def test_suspended_booth_itself_is_not_found(indexed_market, es):
    results = search_elasticsearch(SearchParams(q="gian hang tam dung"), es)
    assert "Gian hàng tạm dừng" not in names(results, "booths")


def test_name_outranks_description(indexed_market, es):
    # "vải" is in the honey's name and in the lychee's description and name; the
    # article mentions it in the body only
    results = search_elasticsearch(SearchParams(q="hoa vai"), es)
    assert names(results, "products")[0] == "Mật ong hoa vải"


def test_when_no_result_has_every_word_those_with_all_but_one_are_shown(indexed_market, es):
    results = search_elasticsearch(SearchParams(q="mienn dongg kkkkk"), es)
    assert results.relaxed
    assert names(results, "products") == ["Miến dong"]
    assert "dong" in results.suggestion.split()


def test_nonsense_gives_nothing(indexed_market, es):
    results = search_elasticsearch(SearchParams(q="qqqqq zzzzz"), es)
    assert results.total == 0 and not results.relaxed and not results.showing_for
