"""A per-process buffer in front of the shared one (Redis or database shards).

A page's increments are added to a Counter in memory and handed to the shared buffer in
one go (one Redis round trip, or one UPDATE per distinct key) at most once every
COUNTERS_PROCESS_BUFFER_SECONDS. Under load this turns thousands of counted pages a second
into a few writes a second per web worker, and takes the network round trip off most
requests.

Who hands them on:

- the request that finds the interval over (the first increment after a quiet spell goes
  straight through);
- otherwise a background thread of the process (`counters-drain`, a daemon started
  lazily on the first increment that has to wait, again in each forked worker) that
  sleeps while nothing is pending and hands on whatever waits once the interval is over.
  So increments reach the shared buffer within one interval **whether or not more traffic
  comes**, and `flush_visits` folds them into the stored totals at its next run: a
  counted visit or view is in the totals within COUNTERS_PROCESS_BUFFER_SECONDS +
  SCHEDULE_FLUSH_VISITS_SECONDS (61 s by default). See docs/counters.md;
- `counters.flush()` drains the calling process's buffer first, and a worker that stops
  drains it at exit.

A worker killed outright (SIGKILL, OOM) loses at most the increments of its last interval
(1 s by default). If neither Redis nor the database takes a batch, it stays here and the
thread tries again every interval. Set COUNTERS_PROCESS_BUFFER_SECONDS=0 to write every
request through to the shared buffer instead; COUNTERS_BACKGROUND_DRAIN=False turns the
thread off (the test settings do, so no thread writes behind a test's back).
"""

import atexit
import logging
import os
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import close_old_connections

from . import buffer

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_pending = Counter()
_last_drain = None  # monotonic time of the last hand-over; None = never: the next add goes on
_atexit_registered = False
_timer = None  # the background thread of this process
_wake = threading.Event()  # set when something is pending


def _reset_after_fork():
    global _lock, _pending, _last_drain, _timer, _wake
    _lock = threading.Lock()
    _pending = Counter()
    _last_drain = None
    _timer = None  # threads do not survive a fork: the child starts its own
    _wake = threading.Event()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


def interval():
    return float(settings.COUNTERS_PROCESS_BUFFER_SECONDS)


def add(increments: Counter, now=None):
    """Buffer *increments*; hand them on if the interval has passed, else make sure the
    background thread will. *now*: a `time.monotonic()` value (tests pass their own)."""
    global _atexit_registered
    if not increments:
        return
    every = interval()
    if every <= 0:
        buffer.add(increments)
        return
    with _lock:
        _pending.update(increments)
        now = time.monotonic() if now is None else now
        due = _last_drain is None or now - _last_drain >= every
        if not _atexit_registered:
            atexit.register(drain)
            _atexit_registered = True
    if due:
        drain(now=now)
    elif getattr(settings, "COUNTERS_BACKGROUND_DRAIN", True):
        _start_timer()


def drain(now=None):
    """Hand everything this process holds to the shared buffer. Returns the keys sent."""
    global _pending, _last_drain
    with _lock:
        batch, _pending = _pending, Counter()
        _last_drain = time.monotonic() if now is None else now
    if batch and not buffer.add(batch):
        with _lock:  # the shared buffer refused: keep them for the next attempt
            _pending.update(batch)
        return 0
    return len(batch)


def tick(now=None):
    """One step of the background thread: hand on what waits if the interval is over.

    Returns the seconds to wait before the next step, or None when nothing is pending
    (the thread then sleeps until the next increment). *now* is a `time.monotonic()`
    value (tests pass their own clock).
    """
    every = interval()
    now = time.monotonic() if now is None else now
    with _lock:
        if not _pending:
            return None
        elapsed = every if _last_drain is None else now - _last_drain
    if elapsed < every:
        return every - elapsed
    drain(now=now)
    with _lock:
        return every if _pending else None


def _start_timer():
    global _timer
    _wake.set()
    if _timer is not None and _timer.is_alive():
        return
    with _lock:
        if _timer is not None and _timer.is_alive():
            return
        _timer = threading.Thread(target=_run_timer, name="counters-drain", daemon=True)
        _timer.start()


def stop_background():
    """Stop this process's background thread, if any (tests)."""
    global _timer
    with _lock:
        thread, _timer = _timer, None
    if thread is not None:
        thread.stop = True
        _wake.set()
        thread.join(timeout=10)


def _run_timer():
    wake = _wake
    me = threading.current_thread()
    while not getattr(me, "stop", False):
        wake.wait()
        wake.clear()
        if getattr(me, "stop", False):
            return
        wait = 0.0
        while wait is not None:
            time.sleep(max(wait, 0.01))
            close_old_connections()  # as around a request: honours CONN_MAX_AGE
            try:
                wait = tick()
            except Exception:  # never let the thread die: try again next interval
                logger.exception("Handing counter increments on failed; retrying")
                wait = interval()
            finally:
                close_old_connections()


def discard():
    """Forget this process's pending increments (tests, between cases)."""
    global _pending, _last_drain
    with _lock:
        _pending = Counter()
        _last_drain = None


def pending():
    with _lock:
        return Counter(_pending)
