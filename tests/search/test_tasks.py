"""Index updates run as a background task, on the real database queue (django-tasks-db):
the seller's save returns at once, a worker brings the change to Elasticsearch, an
outage is retried, and concurrent refreshes of the fallback's text never collide."""

import io
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connections, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from catalog.models import Product
from search.fallback import refresh_entries
from search.models import Kind, SearchChange, SearchEntry
from search.params import SearchParams
from search.query import search_elasticsearch
from search.rebuild import rebuild_all
from search.tasks import RETRY_ATTEMPTS, apply_search_changes
from tests.factories import CategoryFactory, ProductFactory
from tests.search.conftest import refresh
from tests.sellers import seller  # noqa: F401

CLOSED_PORT = "http://127.0.0.1:9"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE


def names_found(es, q):
    """Products having every word of *q* (not the second guesses of an empty search)."""
    refresh(es)
    results = search_elasticsearch(SearchParams(q=q), es)
    if results.relaxed or results.showing_for:
        return []
    return [p.name for p in results.products]


def index_tasks(**filters):
    return DBTaskResult.objects.filter(task_path=apply_search_changes.module_path, **filters)


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0, stdout=io.StringIO())


def time_passes():
    """The retry's back-off has elapsed (rather than sleeping through it)."""
    index_tasks(status=TaskResultStatus.READY).update(run_after=timezone.now())


def edit_product(client, product, **changes):
    data = {
        "name": product.name,
        "slug": product.slug,
        "category": product.category_id,
        "price": str(product.price),
        "unit": product.unit,
        "stock": str(product.stock),
        "ocop_stars": str(product.ocop_stars),
        "description": product.description,
    }
    data.update(changes)
    return client.post(f"/kenh-nguoi-ban/san-pham/{product.pk}/", data)


@pytest.fixture
def listed(seller, es, database_queue):  # noqa: F811
    """A seller's published product, already in the index."""
    user, booth = seller
    product = ProductFactory(
        name="Vải thiều Lục Ngạn", slug="vai-thieu", booth=booth, category=CategoryFactory()
    )
    rebuild_all(client=es)
    run_worker()  # whatever the setup queued
    DBTaskResult.objects.all().delete()
    assert names_found(es, "vai thieu") == ["Vải thiều Lục Ngạn"]
    return user, product


@pytest.mark.django_db(transaction=True)
def test_a_seller_save_returns_at_once_and_the_worker_updates_the_index(client, es, listed):
    user, product = listed
    client.force_login(user)
    response = edit_product(client, product, name="Vải thiều sấy khô")
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.name == "Vải thiều sấy khô"
    # the request did not wait for Elasticsearch: the change waits in the queue
    assert names_found(es, "vai thieu say kho") == []
    assert index_tasks(status=TaskResultStatus.READY).count() == 1
    assert SearchChange.objects.filter(processed_at__isnull=True).exists()

    run_worker()
    assert names_found(es, "vai thieu say kho") == ["Vải thiều sấy khô"]
    assert index_tasks(status=TaskResultStatus.SUCCESSFUL).count() == 1
    assert not SearchChange.objects.filter(processed_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_many_saves_in_one_transaction_enqueue_one_task(es, listed):
    _user, product = listed
    others = [
        ProductFactory(name=f"Mật ong rừng {i}", slug=f"mat-ong-{i}", booth=product.booth)
        for i in range(5)
    ]
    index_tasks().delete()
    with transaction.atomic():
        for p in [product, *others]:
            p.stock += 1
            p.save()
    assert index_tasks().count() == 1
    run_worker()
    assert len(names_found(es, "mat ong rung")) == 5


@pytest.mark.django_db(transaction=True)
def test_with_elasticsearch_down_the_task_is_retried_and_the_change_arrives(
    client, es, listed, settings
):
    user, product = listed
    good_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    client.force_login(user)
    edited = edit_product(client, product, name="Vải thiều sấy khô")
    assert edited.status_code == 302

    run_worker()
    # the failed run handed its work to a later one (FAILED means given up for good)
    assert index_tasks(status=TaskResultStatus.SUCCESSFUL).count() == 1
    assert not index_tasks(status=TaskResultStatus.FAILED).exists()
    retry = index_tasks(status=TaskResultStatus.READY).get()
    assert retry.run_after > timezone.now()  # later, not at once
    # the retry keeps the id of the seller's request, for the logs (core/logs.py)
    assert retry.args_kwargs["kwargs"] == {
        "_attempt": 2,
        "_request_id": edited["X-Request-ID"],
    }
    pending = SearchChange.objects.filter(processed_at__isnull=True)
    assert pending.count() == 1 and pending.get().attempts == 1

    settings.ELASTICSEARCH_URL = good_url  # Elasticsearch is back
    time_passes()
    run_worker()
    assert names_found(es, "vai thieu say kho") == ["Vải thiều sấy khô"]
    assert not pending.exists()
    assert not index_tasks(status=TaskResultStatus.READY).exists()


@pytest.mark.django_db(transaction=True)
def test_retries_stop_after_the_last_attempt_and_catch_up_applies_the_change(
    client, es, listed, settings
):
    user, product = listed
    good_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    client.force_login(user)
    edit_product(client, product, name="Vải thiều sấy khô")
    waits = []
    for _ in range(RETRY_ATTEMPTS + 2):
        run_worker()
        ready = index_tasks(status=TaskResultStatus.READY).first()
        if ready is None:
            break
        waits.append(ready.run_after - timezone.now())
        time_passes()
    assert index_tasks(status=TaskResultStatus.SUCCESSFUL).count() == RETRY_ATTEMPTS - 1
    assert index_tasks(status=TaskResultStatus.FAILED).count() == 1  # the last attempt
    assert waits == sorted(waits) and waits[0] > timedelta(seconds=20)  # backing off
    assert SearchChange.objects.filter(processed_at__isnull=True).count() == 1

    settings.ELASTICSEARCH_URL = good_url
    call_command("search_index", "catch_up", stdout=io.StringIO())  # the scheduled net
    assert names_found(es, "vai thieu say kho") == ["Vải thiều sấy khô"]


@pytest.mark.django_db(transaction=True)
def test_tasks_run_at_once_and_elasticsearch_down_the_save_still_succeeds(
    client, es, listed, settings
):
    """A deployment without a worker (ImmediateBackend): the task runs after the commit,
    inside the request, and its failure must not become the seller's error."""
    user, product = listed
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    client.force_login(user)
    response = edit_product(client, product, name="Vải thiều sấy khô")
    assert response.status_code == 302
    assert Product.objects.get(pk=product.pk).name == "Vải thiều sấy khô"
    assert SearchChange.objects.filter(processed_at__isnull=True).count() == 1  # kept


@pytest.mark.django_db(transaction=True)
def test_concurrent_refreshes_of_the_same_entries_never_collide(no_es):
    """The hardening review's 500: two refreshes of one product's entry at once."""
    products = [ProductFactory(name=f"Gà đồi {i}", slug=f"ga-doi-{i}") for i in range(5)]
    pks = [p.pk for p in products]
    threads_n, rounds = 6, 8
    barrier = threading.Barrier(threads_n)
    errors = []

    def refresher(n):
        try:
            for _ in range(rounds):
                barrier.wait()
                with transaction.atomic():
                    refresh_entries(Kind.PRODUCT, pks if n % 2 else list(reversed(pks)))
                    # a while inside the transaction, as a checkout's other writes would take
                    Product.objects.filter(pk__in=pks).count()
        except Exception as exc:
            errors.append(repr(exc))
            barrier.abort()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=refresher, args=(n,)) for n in range(threads_n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    entries = SearchEntry.objects.filter(kind=Kind.PRODUCT, object_id__in=pks)
    assert entries.count() == len(pks)
    assert sorted(e.name for e in entries) == [f" ga doi {i} " for i in range(5)]
