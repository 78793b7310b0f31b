"""Issue 12, row 12: on a quiet site, counted visits reach the stored totals within a
bounded time (COUNTERS_PROCESS_BUFFER_SECONDS + SCHEDULE_FLUSH_VISITS_SECONDS) with no
further request: the process's background thread hands them on, and `flush_visits`, in
another process, needs nothing from the web process.
"""

import time
from collections import Counter

import pytest
from django.db.models import Sum
from django.test import Client
from django.utils import timezone

import counters
from counters import local
from counters.models import CounterShard
from counters.registry import VISIT
from tests.factories import ProductFactory

BROWSER = "Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36"
INTERVAL = 0.2


def shared_visits():
    """Visits in the shared buffer: what a `flush_visits` in another process would fold in."""
    return CounterShard.objects.filter(kind=VISIT).aggregate(n=Sum("count"))["n"] or 0


@pytest.fixture
def quiet_site(settings):
    settings.COUNTERS_REDIS_URL = ""  # database shards: the default without Redis
    settings.COUNTERS_PROCESS_BUFFER_SECONDS = INTERVAL
    settings.COUNTERS_BACKGROUND_DRAIN = True
    yield
    local.stop_background()


@pytest.mark.django_db(transaction=True)
def test_three_visitors_then_silence_reach_the_totals(quiet_site):
    product = ProductFactory()
    for _ in range(3):  # three new visitors, each one page
        response = Client(HTTP_USER_AGENT=BROWSER).get(f"/san-pham/{product.slug}/")
        assert response.status_code == 200
    # The first one went straight on; the others wait in this process's memory.
    assert shared_visits() < 3

    # No further request. Poll (never a fixed sleep) with a generous deadline: the bound
    # is one interval, the deadline allows a loaded machine 50 of them.
    deadline = time.monotonic() + 50 * INTERVAL
    while shared_visits() < 3 and time.monotonic() < deadline:
        time.sleep(INTERVAL / 4)
    assert shared_visits() == 3
    assert local.pending() == Counter()

    counters.flush()
    assert counters.visits_total() == 3


@pytest.mark.django_db
def test_the_drain_step_waits_one_interval_then_hands_everything_on(settings):
    """The background thread's step, driven with an injected clock."""
    settings.COUNTERS_REDIS_URL = ""
    settings.COUNTERS_PROCESS_BUFFER_SECONDS = 1
    today = timezone.localdate()
    visit = Counter({(VISIT, 0, today): 1})
    assert local.tick() is None  # nothing pending: the thread sleeps until an increment

    local.drain(now=100.0)  # a hand-over at t = 100 s
    for now in (100.05, 100.1, 100.2):  # three visitors within the interval
        local.add(visit, now=now)
    assert local.tick(now=100.25) == pytest.approx(0.75)  # not yet: wait the rest
    assert shared_visits() == 0
    assert local.tick(now=101.0) is None  # one interval later: all handed on, idle again
    assert shared_visits() == 3 and local.pending() == Counter()
