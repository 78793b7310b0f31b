"""A failed flush loses nothing; a batch is never applied twice."""

from collections import Counter

import pytest
from django.db import DatabaseError, connection
from django.utils import timezone

from counters import buffer, flush, visits_total
from counters.models import CounterShard, DailyCount, FlushBatch
from tests.factories import ProductFactory

from .conftest import site_visits


def _fail_writes_to_visit_total(table="counters_countertotal"):
    """Make the database refuse writes to *table* (by default the last write of a flush,
    the site's visit total)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE OR REPLACE FUNCTION issue7_refuse() RETURNS trigger AS $$ "
                "BEGIN RAISE EXCEPTION 'disk full (test)'; END; $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                f"CREATE TRIGGER issue7_refuse BEFORE INSERT OR UPDATE ON "
                f"{table} FOR EACH ROW EXECUTE FUNCTION issue7_refuse()"
            )
        else:
            for event in ("INSERT", "UPDATE"):
                cursor.execute(
                    f"CREATE TRIGGER issue7_refuse_{event.lower()} BEFORE {event} ON "
                    f"{table} BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END"
                )


def _allow_writes_again(table="counters_countertotal"):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER issue7_refuse ON {table}")
        else:
            for event in ("insert", "update"):
                cursor.execute(f"DROP TRIGGER issue7_refuse_{event}")


def _buffer_views(product, views, visits):
    today = timezone.localdate()
    for _ in range(views):
        buffer.add(Counter({("product", product.pk, today): 1}))
    for _ in range(visits):
        buffer.add(Counter({("visit", 0, today): 1}))


@pytest.mark.django_db(transaction=True)
def test_increments_survive_a_failed_flush_and_the_next_flush_applies_them(counter_backend):
    product = ProductFactory()
    _buffer_views(product, views=5, visits=3)

    _fail_writes_to_visit_total()
    try:
        with pytest.raises(DatabaseError):
            flush()
    finally:
        _allow_writes_again()

    # Nothing half-applied: the product's views written before the failure rolled back.
    product.refresh_from_db()
    assert (product.view_count, site_visits(), DailyCount.objects.count()) == (0, 0, 0)

    # More increments arrive, then the next flush applies everything exactly once.
    _buffer_views(product, views=2, visits=1)
    flush()
    flush()
    product.refresh_from_db()
    assert (product.view_count, site_visits()) == (7, 4)


@pytest.mark.services  # talks to Redis directly
@pytest.mark.django_db
def test_redis_batch_left_after_commit_is_dropped_without_double_counting(settings):
    """A flush that crashed after its commit but before deleting its batch key."""
    import redis

    from .conftest import REDIS_URL, _clear_redis

    settings.COUNTERS_REDIS_URL = REDIS_URL
    settings.COUNTERS_REDIS_PREFIX = "tissue7:counters"
    _clear_redis(settings.COUNTERS_REDIS_PREFIX)
    product = ProductFactory()
    _buffer_views(product, views=4, visits=0)
    client = redis.Redis.from_url(REDIS_URL)
    live, pending, batch_prefix = buffer.redis_keys()
    saved = client.hgetall(live)

    flush()
    product.refresh_from_db()
    assert product.view_count == 4
    (applied,) = FlushBatch.objects.values_list("batch_id", flat=True)

    # Put the applied batch back, as if the key deletion had never happened.
    client.hset(applied, mapping=saved)
    client.sadd(pending, applied)
    flush()
    product.refresh_from_db()
    assert product.view_count == 4
    assert not client.exists(applied) and not client.smembers(pending)
    _clear_redis(settings.COUNTERS_REDIS_PREFIX)


@pytest.mark.django_db
def test_unreachable_redis_falls_back_to_database_shards(settings):
    settings.COUNTERS_REDIS_URL = "redis://127.0.0.1:1/7"  # nothing listens there
    settings.COUNTERS_REDIS_PREFIX = "tissue7:counters"
    product = ProductFactory()
    _buffer_views(product, views=3, visits=2)
    assert sum(CounterShard.objects.values_list("count", flat=True)) == 5

    settings.COUNTERS_REDIS_URL = ""
    flush()
    product.refresh_from_db()
    assert (product.view_count, visits_total()) == (3, 2)


@pytest.mark.django_db
def test_database_shards_spread_a_hot_counter_over_several_rows(settings):
    settings.COUNTERS_REDIS_URL = ""
    settings.COUNTERS_DB_SHARDS = 8
    product = ProductFactory()
    _buffer_views(product, views=200, visits=0)
    rows = CounterShard.objects.filter(kind="product", object_id=product.pk)
    assert rows.count() > 1
    assert sum(rows.values_list("count", flat=True)) == 200
    flush()
    assert sum(rows.values_list("count", flat=True)) == 0
    product.refresh_from_db()
    assert product.view_count == 200


@pytest.mark.django_db
def test_the_flush_visits_command_applies_the_buffer(counter_backend):
    from io import StringIO

    from django.core.management import call_command

    product = ProductFactory()
    _buffer_views(product, views=3, visits=2)
    out = StringIO()
    call_command("flush_visits", stdout=out)
    product.refresh_from_db()
    assert (product.view_count, visits_total()) == (3, 2)
    assert "2" in out.getvalue() and "3" in out.getvalue()


@pytest.mark.django_db
def test_a_process_gathers_increments_in_memory_and_writes_them_in_one_batch(settings):
    from counters import local

    settings.COUNTERS_REDIS_URL = ""
    settings.COUNTERS_PROCESS_BUFFER_SECONDS = 3600
    product = ProductFactory()
    today = timezone.localdate()
    local.add(Counter({("product", product.pk, today): 1}))  # first one goes straight on
    for _ in range(50):
        local.add(Counter({("product", product.pk, today): 1, ("visit", 0, today): 1}))
    assert local.pending() == Counter({("product", product.pk, today): 50, ("visit", 0, today): 50})
    assert sum(CounterShard.objects.values_list("count", flat=True)) == 1
    flush()  # drains this process first
    product.refresh_from_db()
    assert (product.view_count, visits_total()) == (51, 50)
    assert local.pending() == Counter()


@pytest.mark.services  # a PostgreSQL trigger refuses the writes
@pytest.mark.django_db
def test_increments_the_shared_buffer_refused_stay_in_memory(settings):
    from counters import local

    settings.COUNTERS_REDIS_URL = ""
    settings.COUNTERS_PROCESS_BUFFER_SECONDS = 3600
    product = ProductFactory()
    key = ("product", product.pk, timezone.localdate())

    _fail_writes_to_visit_total("counters_countershard")
    local.add(Counter({key: 3}))
    assert local.drain() == 0
    assert local.pending() == Counter({key: 3})
    _allow_writes_again("counters_countershard")
    flush()
    product.refresh_from_db()
    assert product.view_count == 3
