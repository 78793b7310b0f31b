"""A per-process buffer in front of the shared one (Redis or database shards).

A page's increments are added to a Counter in memory; at most once every
COUNTERS_PROCESS_BUFFER_SECONDS the request that notices the time has come hands the
whole Counter to the shared buffer in one go (one Redis round trip, or one UPDATE per
distinct key). Under load this turns thousands of counted pages a second into a few
writes a second per web worker, and takes the network round trip off most requests.

`counters.flush()` drains this process's buffer first; a worker that stops
drains it at exit. A worker killed outright (SIGKILL, OOM) loses at most the last
interval's increments of that worker. Set COUNTERS_PROCESS_BUFFER_SECONDS=0 to write
every request through to the shared buffer instead.
"""

import atexit
import os
import threading
import time
from collections import Counter

from django.conf import settings

from . import buffer

_lock = threading.Lock()
_pending = Counter()
_last_drain = None  # monotonic time of the last hand-over; None = never: the next add goes on
_atexit_registered = False


def _reset_after_fork():
    global _lock, _pending, _last_drain
    _lock = threading.Lock()
    _pending = Counter()
    _last_drain = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


def add(increments: Counter):
    """Buffer *increments*; hand them on if the interval has passed."""
    global _atexit_registered
    if not increments:
        return
    interval = settings.COUNTERS_PROCESS_BUFFER_SECONDS
    if interval <= 0:
        buffer.add(increments)
        return
    with _lock:
        _pending.update(increments)
        due = _last_drain is None or time.monotonic() - _last_drain >= interval
        if not _atexit_registered:
            atexit.register(drain)
            _atexit_registered = True
    if due:
        drain()


def drain():
    """Hand everything this process holds to the shared buffer. Returns the keys sent."""
    global _pending, _last_drain
    with _lock:
        batch, _pending = _pending, Counter()
        _last_drain = time.monotonic()
    if batch and not buffer.add(batch):
        with _lock:  # the shared buffer refused: keep them for the next attempt
            _pending.update(batch)
        return 0
    return len(batch)


def discard():
    """Forget this process's pending increments (tests, between cases)."""
    global _pending, _last_drain
    with _lock:
        _pending = Counter()
        _last_drain = None


def pending():
    with _lock:
        return Counter(_pending)
