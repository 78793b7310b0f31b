"""Rebuilding behind an alias: searches keep answering while a rebuild runs."""

import io
import threading

import pytest
from django.core.management import call_command

from search import rebuild as rebuilding
from search.documents import alias
from search.models import SearchChange
from search.rebuild import rebuild, rebuild_all
from tests.factories import BoothFactory, ProductFactory
from tests.search.conftest import refresh


def test_rebuild_swaps_the_alias_and_drops_the_old_index(indexed_market, es):
    before = set(es.indices.get_alias(name=alias("products")))
    out = io.StringIO()
    call_command("search_index", "rebuild", "--only", "products", stdout=out)
    after = set(es.indices.get_alias(name=alias("products")))
    assert len(after) == 1 and after != before
    assert not es.indices.exists(index=next(iter(before)))
    assert "products: 8 documents indexed" in out.getvalue()


def test_a_rebuild_that_replays_changes_leaves_no_deleted_copies(indexed_market, es):
    """The fixture's products were all saved a moment ago: the rebuild replays them over
    what it had just written. The index is merged before the swap: no deleted copies."""
    from search.rebuild import status

    assert SearchChange.objects.count() >= 8  # there was something to replay
    rows = {row["kind"]: row for row in status(es)["kinds"]}
    assert rows["products"]["indexed"] == 8
    assert rows["products"]["deleted"] == 0
    out = io.StringIO()
    call_command("search_index", "status", stdout=out)
    assert "deleted      0" in out.getvalue()


def test_status_reports_counts_against_the_database_and_the_backlog(indexed_market, es, settings):
    out = io.StringIO()
    call_command("search_index", "status", stdout=out)
    text = out.getvalue()
    assert "products  database        8  indexed        8" in text
    assert "pending changes: 0" in text
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    ProductFactory(name="Cam Bố Hạ", slug="cam-bo-ha", booth=indexed_market["booths"]["farm"])
    settings.ELASTICSEARCH_URL = es.transport.node_pool.get().base_url
    out = io.StringIO()
    call_command("search_index", "status", stdout=out)
    assert "database        9  indexed        8" in out.getvalue()
    assert "pending changes: 1" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_searches_keep_answering_during_rebuilds(es, settings):
    booth = BoothFactory(name="Vườn vải Thanh Hà", slug="vuon-vai")
    for i in range(300):
        ProductFactory(name=f"Vải thiều loại {i}", slug=f"vai-thieu-{i}", booth=booth)
    rebuild_all(client=es)
    refresh(es)
    stop = threading.Event()
    answers, failures = [], []

    def search_loop():
        while not stop.is_set():
            try:
                r = es.search(
                    index=alias("products"),
                    query={"match": {"name_folded": "vai thieu"}},
                    size=1,
                    track_total_hits=True,
                )
                answers.append(r["hits"]["total"]["value"])
            except Exception as exc:  # any error is a failure of the swap
                failures.append(repr(exc))

    thread = threading.Thread(target=search_loop)
    thread.start()
    try:
        for _ in range(3):
            rebuild("products", client=es, chunk_size=50)
    finally:
        stop.set()
        thread.join()
    assert failures == []
    assert len(answers) >= 10
    assert min(answers) == 300  # never an empty or partial index behind the alias


def test_changes_made_during_a_rebuild_are_replayed(indexed_market, es, monkeypatch):
    """A change recorded while the new index was being filled still reaches it."""
    coop = indexed_market["booths"]["coop"]
    real_bulk = rebuilding.bulk_overlapped  # how the new index is filled
    made = {}

    def bulk_then_change(client, actions, **kw):
        n = real_bulk(client, actions, **kw)
        if not made:  # a shopkeeper saves while the build runs (goes to the old index)
            made["p"] = ProductFactory(name="Nhãn chín sớm", slug="nhan-chin-som", booth=coop)
        return n

    monkeypatch.setattr(rebuilding, "bulk_overlapped", bulk_then_change)
    rebuild("products", client=es)
    refresh(es)
    ids = {
        int(h["_id"])
        for h in es.search(index=alias("products"), size=50, source=False)["hits"]["hits"]
    }
    assert made["p"].pk in ids
    assert SearchChange.objects.filter(object_id=made["p"].pk).exists()


def test_rebuild_documents_are_those_the_live_updates_write(indexed_market):
    """A rebuild reads products without joins and takes booth, category (with every parent)
    and area names from its cache: the documents are the same as one by one."""
    from search.documents import QUERYSETS, REBUILD_QUERYSETS, prepare_batch, product_doc
    from tests.factories import CategoryFactory

    top = CategoryFactory(name="Nông sản", slug="nong-san")
    mid = CategoryFactory(name="Trái cây & rau", slug="trai-cay-rau", parent=top)
    low = CategoryFactory(name="Quả có múi", slug="qua-co-mui", parent=mid)
    leaf = CategoryFactory(name="Bưởi", slug="buoi", parent=low)
    coop = indexed_market["booths"]["coop"]
    ProductFactory(name="Bưởi Diễn", slug="buoi-dien", booth=coop, category=leaf)
    cache = {}
    rebuilt = {}
    for batch in rebuilding._batched(REBUILD_QUERYSETS["products"](), 3):
        rebuilt.update({p.pk: product_doc(p) for p in prepare_batch("products", batch, cache)})
    live = {p.pk: product_doc(p) for p in prepare_batch("products", list(QUERYSETS["products"]()))}
    assert rebuilt == live and len(live) == 9
    buoi = next(d for d in rebuilt.values() if d["name"] == "Bưởi Diễn")
    assert buoi["category_name"] == "Bưởi Quả có múi Trái cây & rau Nông sản"
    assert "nong san" in buoi["category_keys"] and buoi["area_folded"] == ""


def test_a_rejected_document_stops_the_build_with_an_error(es):
    """The sender thread's failure reaches the builder, which stops reading."""
    from search.client import SearchUnavailable, bulk_overlapped

    es.indices.create(index=f"{alias('probe')}-x", mappings={"properties": {"n": {"type": "long"}}})
    built = []

    def actions():
        for i in range(10_000):
            built.append(i)
            doc = {"n": "not a number"} if i == 5 else {"n": i}
            yield {"_index": f"{alias('probe')}-x", "_id": i, "_source": doc}

    with pytest.raises(SearchUnavailable, match="bulk item failed"):
        bulk_overlapped(es, actions(), chunk_size=10)
    assert len(built) < 10_000  # bounded: it did not run on to the end


@pytest.mark.parametrize("language", ["vi", "en"])
def test_product_urls_follow_the_language_like_reverse(language):
    from django.urls import reverse
    from django.utils import translation

    from search.documents import product_url

    with translation.override(language):
        for slug in ("buoi-dien", "vai_thieu-2"):
            assert product_url(slug) == reverse("catalog:product_detail", kwargs={"slug": slug})
