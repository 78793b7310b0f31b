"""Changes reach the index after the commit; with Elasticsearch down, saves still succeed
and the catch-up command repairs the index once it is back."""

import pytest
from django.core.management import call_command

from catalog.models import Product
from search.models import SearchChange
from search.outbox import mark_dirty
from search.params import SearchParams
from search.query import search_elasticsearch
from search.service import run_search
from shops.models import Booth
from tests.factories import ProductFactory
from tests.search.conftest import publish_article, refresh

CLOSED_PORT = "http://127.0.0.1:9"


def found(es, q, section="products"):
    refresh(es)
    results = search_elasticsearch(SearchParams(q=q), es)
    if results.relaxed or results.showing_for:
        return []  # nothing had the words: what is shown is a second guess
    if section == "products":
        return [p.name for p in results.products]
    if section == "booths":
        return [b.name for b in results.booths]
    return [a["id"] for a in results.articles]


def indexed_ids(es, kind):
    from search.documents import alias

    refresh(es)
    hits = es.search(index=alias(kind), query={"match_all": {}}, size=100, source=False)
    return {int(h["_id"]) for h in hits["hits"]["hits"]}


def test_create_edit_hide_delete_reach_the_index(
    indexed_market, es, django_capture_on_commit_callbacks
):
    m = indexed_market
    with django_capture_on_commit_callbacks(execute=True):
        new = ProductFactory(
            name="Na dai Chi Lăng", slug="na-dai", booth=m["booths"]["coop"], price=70_000
        )
    assert found(es, "na dai chi lang") == ["Na dai Chi Lăng"]

    with django_capture_on_commit_callbacks(execute=True):
        new.name = "Na bở Chi Lăng"
        new.save()
    assert found(es, "na bo chi lang") == ["Na bở Chi Lăng"]
    assert found(es, "na dai") == []

    with django_capture_on_commit_callbacks(execute=True):
        new.status = Product.Status.HIDDEN
        new.save()
    assert new.pk not in indexed_ids(es, "products")

    vai = m["products"]["vai"]
    with django_capture_on_commit_callbacks(execute=True):
        vai.delete()
    assert found(es, "vai thieu luc ngan") == []
    assert SearchChange.objects.filter(processed_at__isnull=True).count() == 0


def test_booth_suspension_takes_its_products_out_and_approval_brings_them_back(
    indexed_market, es, django_capture_on_commit_callbacks
):
    farm = indexed_market["booths"]["farm"]
    ids = set(farm.products.public().values_list("pk", flat=True))
    assert ids <= indexed_ids(es, "products")
    with django_capture_on_commit_callbacks(execute=True):
        farm.status = Booth.Status.SUSPENDED
        farm.save()
    assert not ids & indexed_ids(es, "products")
    assert farm.pk not in indexed_ids(es, "booths")
    assert found(es, "ga doi yen the") == []

    with django_capture_on_commit_callbacks(execute=True):
        farm.status = Booth.Status.APPROVED
        farm.save()
    assert ids <= indexed_ids(es, "products")
    assert found(es, "ga doi yen the")[0] == "Gà đồi Yên Thế"


def test_queryset_update_is_indexed_through_mark_dirty(
    indexed_market, es, django_capture_on_commit_callbacks
):
    pks = list(Product.objects.public().filter(name__startswith="Gà").values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.filter(pk__in=pks).update(status=Product.Status.HIDDEN)
        mark_dirty(Product, pks)
    assert not set(pks) & indexed_ids(es, "products")


def test_article_publish_unpublish_and_delete(
    indexed_market, es, news_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_article(news_index, "Phiên chợ nông sản", "Gian hàng bày bán măng khô.")
    assert found(es, "mang kho", "news") == [page.pk]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert found(es, "mang kho", "news") == []
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert found(es, "mang kho", "news") == [page.pk]
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert found(es, "mang kho", "news") == []


def test_with_elasticsearch_down_saves_succeed_and_catch_up_repairs(
    indexed_market, es, settings, client, django_capture_on_commit_callbacks
):
    m = indexed_market
    good_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    with django_capture_on_commit_callbacks(execute=True):
        created = ProductFactory(
            name="Măng khô Sơn Động", slug="mang-kho", booth=m["booths"]["coop"], price=90_000
        )
    with django_capture_on_commit_callbacks(execute=True):
        hidden = m["products"]["ga"]
        hidden.status = Product.Status.HIDDEN
        hidden.save()
    deleted_pk = m["products"]["my"].pk
    with django_capture_on_commit_callbacks(execute=True):
        m["products"]["my"].delete()

    assert Product.objects.filter(pk=created.pk).exists()
    assert SearchChange.objects.filter(processed_at__isnull=True).count() == 3

    # meanwhile the search page answers from the database, with a quiet notice
    response = client.get("/tim-kiem/", {"q": "mang kho son dong"})
    assert response.status_code == 200
    assert response.context["results"].backend == "database"
    assert response.context["results"].degraded
    assert [p.name for p in response.context["results"].products] == ["Măng khô Sơn Động"]
    assert 'class="search-notice"' in response.content.decode()

    settings.ELASTICSEARCH_URL = good_url
    assert found(es, "mang kho son dong") == []  # the index has not seen the changes
    assert {hidden.pk, deleted_pk} <= indexed_ids(es, "products")
    call_command("search_index", "catch_up", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert found(es, "mang kho son dong") == ["Măng khô Sơn Động"]
    assert not {hidden.pk, deleted_pk} & indexed_ids(es, "products")
    assert SearchChange.objects.filter(processed_at__isnull=True).count() == 0


def test_catch_up_with_elasticsearch_still_down_keeps_the_changes(indexed_market, es, settings):
    from django.core.management.base import CommandError

    settings.ELASTICSEARCH_URL = CLOSED_PORT
    ProductFactory(name="Cam Bố Hạ", slug="cam-bo-ha", booth=indexed_market["booths"]["farm"])
    with pytest.raises(CommandError):
        call_command("search_index", "catch_up")
    pending = SearchChange.objects.filter(processed_at__isnull=True)
    assert pending.count() == 1
    assert pending.get().attempts == 1


def test_without_elasticsearch_nothing_is_queued_and_search_uses_the_database(no_es, market):
    ProductFactory(name="Cam Bố Hạ", slug="cam-bo-ha", booth=market["booths"]["farm"])
    assert not SearchChange.objects.exists()
    results = run_search(SearchParams(q="cam bo ha"))
    assert results.backend == "database"
    assert not results.degraded
    assert [p.name for p in results.products] == ["Cam Bố Hạ"]


def test_changes_before_the_first_rebuild_create_no_index(
    market, es, django_capture_on_commit_callbacks
):
    from search.documents import alias

    with django_capture_on_commit_callbacks(execute=True):
        ProductFactory(name="Cam Bố Hạ", slug="cam-bo-ha", booth=market["booths"]["farm"])
    assert not es.indices.exists(index=alias("products"))
    assert not SearchChange.objects.filter(processed_at__isnull=True).exists()
