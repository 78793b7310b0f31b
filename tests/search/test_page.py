"""The search page and the autocomplete endpoint as a shopper meets them."""

import pytest
from django.db.models import Count

from catalog.models import Product
from search.params import PRICE_BANDS, SearchParams
from search.service import run_search
from tests.factories import ProductFactory

BAD_INPUTS = [
    {"q": ""},
    {"q": "a" * 10_000},
    {"q": "vải\x00thiều\x01\x1f"},
    {"q": "title:*"},
    {"q": '"vai thieu'},
    {"q": "((vai] AND {thieu"},
    {"q": "vai~ thieu^99 /re.*/ \\"},
    {"q": "vai", "page": "-1"},
    {"q": "vai", "page": str(10**9)},
    {"q": "vai", "page": "9" * 40},
    {"q": "vai", "category": "999999999", "area": "khong-co", "stars": "7", "price": "x-y"},
    {"q": "vai", "sort": "_script", "tab": "../../etc"},
    {"q": "<script>alert(1)</script>"},
]


@pytest.mark.parametrize("query", BAD_INPUTS)
def test_bad_input_gives_a_clean_page_with_elasticsearch(indexed_market, client, query):
    response = client.get("/tim-kiem/", query)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    for leak in ("search_phase_execution_exception", "parse_exception", "Traceback", "Lỗi máy chủ"):
        assert leak not in body


@pytest.mark.parametrize("query", BAD_INPUTS)
def test_bad_input_gives_a_clean_page_from_the_database(no_es, market, client, query):
    response = client.get("/tim-kiem/", query)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_results_page_shows_sections_counts_and_highlights(indexed_market, client):
    response = client.get("/tim-kiem/", {"q": "vai"})
    assert response.status_code == 200
    results = response.context["results"]
    assert results.backend == "elasticsearch"
    assert results.counts["products"] == 2  # the lychee and the lychee-flower honey
    assert results.counts["news"] == 1
    body = response.content.decode()
    assert "<mark>Vải</mark> thiều Lục Ngạn" in body
    assert 'id="search-news-title"' in body
    assert "search-notice" not in body


def test_product_names_are_escaped_and_only_our_mark_is_html(
    indexed_market, es, client, django_capture_on_commit_callbacks
):
    from tests.search.conftest import refresh

    with django_capture_on_commit_callbacks(execute=True):
        ProductFactory(
            name="<img src=x onerror=alert(1)> Vải sấy",
            slug="vai-say",
            booth=indexed_market["booths"]["coop"],
            description="<p><strong>Giòn</strong> &amp; ngọt, vải sấy <script>x()</script></p>",
        )
    refresh(es)
    body = client.get("/tim-kiem/", {"q": "vai say"}).content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>Vải</mark> <mark>sấy</mark>" in body
    # the description is sanitised rich text: its snippet is its plain text
    assert "Giòn &amp; ngọt, <mark>vải</mark> <mark>sấy</mark>" in body
    assert "<strong>Giòn" not in body and "x()" not in body


def test_no_result_with_every_word_shows_those_with_all_but_one_and_says_so(indexed_market, client):
    response = client.get("/tim-kiem/", {"q": "mienn dongg kkkkk"})
    results = response.context["results"]
    assert results.relaxed and [p.name for p in results.products] == ["Miến dong"]
    body = response.content.decode()
    assert "thiếu một từ" in body
    assert "?q=mien+dong+kkkkk" in body  # did you mean


def test_a_clearly_better_spelling_is_searched_directly(indexed_market, client):
    response = client.get("/tim-kiem/", {"q": "miennn"})  # two letters too many
    results = response.context["results"]
    assert results.showing_for == "mien"
    assert [p.name for p in results.products] == ["Miến dong"]
    body = response.content.decode()
    assert "Đang hiển thị kết quả cho “mien”" in body
    assert "?q=miennn&amp;verbatim=1" in body
    # "search instead for" the words as typed: no correction, nothing found
    response = client.get("/tim-kiem/", {"q": "miennn", "verbatim": "1"})
    assert response.context["results"].total == 0
    assert response.context["results"].suggestion == "mien"


@pytest.mark.parametrize("backend", ["elasticsearch", "database"])
@pytest.mark.parametrize("q", ["!!!", "🍑🍑", "-- ...", "«»"])
def test_a_query_with_nothing_to_search_shows_an_empty_page_with_a_hint(
    indexed_market, client, settings, backend, q
):
    if backend == "database":
        settings.ELASTICSEARCH_URL = ""
    response = client.get("/tim-kiem/", {"q": q})
    results = response.context["results"]
    assert results.total == 0 and results.products == []
    assert "không có chữ hay số nào để tìm" in response.content.decode()


@pytest.mark.parametrize("backend", ["elasticsearch", "database"])
def test_synonyms_edited_by_moderators_apply_at_once(indexed_market, settings, backend):
    from search.models import Synonym

    if backend == "database":
        settings.ELASTICSEARCH_URL = ""

    def found(q):
        return [p.name for p in run_search(SearchParams(q=q)).products]

    assert found("glass noodles") == []
    synonym = Synonym.objects.create(terms="miến, glass noodles")
    assert found("glass noodles") == ["Miến dong"]
    synonym.delete()
    assert found("glass noodles") == []


@pytest.mark.parametrize("backend", ["elasticsearch", "database"])
def test_telex_residue_and_regional_words_find_the_product(indexed_market, settings, backend):
    if backend == "database":
        settings.ELASTICSEARCH_URL = ""
    names = [p.name for p in run_search(SearchParams(q="mieesn ddong")).products]
    assert names[:1] == ["Miến dong"]
    names = [p.name for p in run_search(SearchParams(q="banh da heo")).products]
    assert names[:1] == ["Bánh da lợn"]


def _db_counts(qs, field):
    return {
        row[field]: row["n"]
        for row in qs.values(field).annotate(n=Count("pk")).order_by()
        if row[field] is not None
    }


@pytest.mark.parametrize("backend", ["elasticsearch", "database"])
@pytest.mark.parametrize(
    "filters",
    [
        {"category": "dry"},
        {"area": "luc_ngan"},
        {"stars": 4},
        {"price": "0-50000"},
        {"category": "dry", "area": "yen_the"},
    ],
)
def test_facet_counts_equal_database_counts(indexed_market, settings, backend, filters):
    m = indexed_market
    get = {}
    qs = Product.objects.public()
    if "category" in filters:
        get["category"] = m["categories"][filters["category"]].pk
        qs = qs.filter(category_id=get["category"])
    if "area" in filters:
        get["area"] = m["areas"][filters["area"]].pk
        qs = qs.filter(origin_area_id=get["area"])
    if "stars" in filters:
        get["stars"] = filters["stars"]
        qs = qs.filter(ocop_stars=filters["stars"])
    if "price" in filters:
        get["price"] = filters["price"]
        qs = qs.filter(price__lt=50_000)
    if backend == "database":
        settings.ELASTICSEARCH_URL = ""
    results = run_search(SearchParams.from_get(get))
    assert results.backend == backend
    assert results.counts["products"] == qs.count() > 0
    assert dict(results.facets["category"]) == _db_counts(qs, "category_id")
    assert dict(results.facets["area"]) == _db_counts(qs, "origin_area_id")
    assert dict(results.facets["stars"]) == _db_counts(qs, "ocop_stars")
    for key, lo, hi in PRICE_BANDS:
        band = qs.filter(price__gte=lo, **({"price__lt": hi} if hi else {}))
        assert dict(results.facets["price"])[key] == band.count()


def test_facets_combine_through_get_links(indexed_market, client):
    m = indexed_market
    response = client.get("/tim-kiem/", {"q": "ga", "area": m["areas"]["yen_the"].pk})
    groups = {key: options for key, _title, options in response.context["facet_groups"]}
    meat = next(o for o in groups["category"] if o["label"] == "Thịt và trứng")
    assert f"area={m['areas']['yen_the'].pk}" in meat["url"]
    assert f"category={m['categories']['meat'].pk}" in meat["url"]
    narrowed = client.get("/tim-kiem/" + meat["url"])
    assert {p.name for p in narrowed.context["results"].products} == {
        "Gà đồi Yên Thế",
        "Gà ri thả vườn",
    }


def test_sort_by_price(indexed_market, client):
    response = client.get("/tim-kiem/", {"q": "ga", "sort": "price_asc"})
    prices = [p.price for p in response.context["results"].products]
    assert prices == sorted(prices) and len(prices) == 2


def test_pagination_past_the_end_is_an_empty_clean_page(indexed_market, client):
    response = client.get("/tim-kiem/", {"q": "vai", "tab": "products", "page": 3})
    assert response.status_code == 200
    assert response.context["results"].products == []


@pytest.mark.parametrize("backend", ["elasticsearch", "database"])
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("vai", "Vải thiều Lục Ngạn"),
        ("vải th", "Vải thiều Lục Ngạn"),
        ("mi ch", "Mỳ Chũ"),
        ("my", "Mỳ Chũ"),
        ("hop tac", "Hợp tác xã Nông sản Lục Nam"),
        ("yen the", "Gà đồi Yên Thế"),
    ],
)
def test_autocomplete_suggests_products_and_booths(
    indexed_market, settings, client, backend, typed, expected
):
    if backend == "database":
        settings.ELASTICSEARCH_URL = ""
    data = client.get("/tim-kiem/goi-y/", {"q": typed}).json()
    labels = [r["label"] for r in data["results"]]
    assert expected in labels
    item = data["results"][labels.index(expected)]
    assert item["url"].startswith("/")


@pytest.mark.parametrize("backend", ["elasticsearch", "database"])
def test_autocomplete_never_suggests_hidden_or_suspended(indexed_market, settings, client, backend):
    if backend == "database":
        settings.ELASTICSEARCH_URL = ""
    for typed in ("ruou", "che bup", "nhan long", "gian hang tam"):
        assert client.get("/tim-kiem/goi-y/", {"q": typed}).json()["results"] == []


def test_autocomplete_with_bad_input(indexed_market, client):
    for typed in ("", "\x00", "a" * 5000, "title:*", '"'):
        response = client.get("/tim-kiem/goi-y/", {"q": typed})
        assert response.status_code == 200
        assert isinstance(response.json()["results"], list)


def _search_queries(client, q):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/tim-kiem/", {"q": q})  # warm: thumbnails are made once
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/tim-kiem/", {"q": q})
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("backend", ["elasticsearch", "database"])
def test_query_count_does_not_grow_with_results(db, request, client, settings, backend):
    """Twenty results with photos cost the same queries as one: thumbnails are prefetched."""
    from search.fallback import rebuild_entries
    from search.models import Kind
    from search.rebuild import rebuild_all
    from tests.factories import BoothFactory, ProductImageFactory

    if backend == "elasticsearch":
        es = request.getfixturevalue("es")
    else:
        settings.ELASTICSEARCH_URL = ""
    booth = BoothFactory()
    counts = {}
    for n, word in ((1, "gung"), (20, "nghe")):
        for i in range(n):
            product = ProductFactory(booth=booth, name=f"Tinh bột {word} {i}")
            ProductImageFactory(product=product)
    if backend == "elasticsearch":
        rebuild_all(client=es)
        es.indices.refresh(index=f"{settings.SEARCH_INDEX_PREFIX}-*")
    else:
        rebuild_entries(Kind.PRODUCT)
    for n, word in ((1, "gung"), (20, "nghe")):
        counts[n], response = _search_queries(client, word)
        assert response.context["results"].backend == backend
        assert len(response.context["results"].products) == n
        assert response.content.decode().count('class="search-product__img"') == n
    assert counts[1] == counts[20], counts


@pytest.mark.parametrize("backend", ["elasticsearch", "database"])
def test_sort_by_rating_uses_the_stored_average(market, es, settings, client, backend):
    """The index carries each product's rating; a new review reaches it after the commit."""
    from search.rebuild import rebuild_all
    from search.sync import catch_up

    from .conftest import refresh

    Product.objects.filter(name="Gà đồi Yên Thế").update(rating_average=4.5, rating_count=2)
    Product.objects.filter(name="Gà ri thả vườn").update(rating_average=3, rating_count=1)
    rebuild_all(client=es)
    catch_up(client=es)
    refresh(es)
    if backend == "database":
        settings.ELASTICSEARCH_URL = ""
    names = [
        p.name
        for p in client.get("/tim-kiem/", {"q": "ga", "sort": "rating"}).context["results"].products
    ]
    assert names[:2] == ["Gà đồi Yên Thế", "Gà ri thả vườn"]  # then the unrated matches
    if backend == "elasticsearch":
        product = Product.objects.get(name="Gà ri thả vườn")
        product.rating_average, product.rating_count = 5, 3
        product.save(update_fields=["rating_average", "rating_count"])  # as refresh_ratings
        catch_up(client=es)
        refresh(es)
        names = [
            p.name
            for p in client.get("/tim-kiem/", {"q": "ga", "sort": "rating"})
            .context["results"]
            .products
        ]
        assert names[:2] == ["Gà ri thả vườn", "Gà đồi Yên Thế"]
