"""Index updates as a background task (django-tasks).

`search.outbox` enqueues `apply_search_changes` when a transaction that recorded changes
commits. The task sends every pending `SearchChange` to Elasticsearch, batch after batch.
If Elasticsearch does not answer, the rows stay pending and the task is enqueued again
later (`core.tasks.retrying`: after 30 s, 1, 2, 4, 8 min); after the last attempt the
scheduled `manage.py search_index catch_up` (or the next change's task) applies them.
"""

import logging

from core.tasks import enqueue, retrying

from .client import SearchUnavailable, get_client, recently_failed
from .sync import apply_all

log = logging.getLogger(__name__)

RETRY_ATTEMPTS = 6
RETRY_DELAY = 30  # seconds before the second run; doubled each time
RETRY_MAX_DELAY = 600


@retrying(
    attempts=RETRY_ATTEMPTS, delay=RETRY_DELAY, max_delay=RETRY_MAX_DELAY, on=(SearchUnavailable,)
)
def apply_search_changes():
    """Send every pending change to Elasticsearch; returns how many rows were applied.

    Raises SearchUnavailable (and is retried) when Elasticsearch is down; the rows stay.
    """
    client = get_client()
    if client is None:
        return 0
    if recently_failed():  # do not wait for a timeout again: try later
        raise SearchUnavailable("Elasticsearch failed a moment ago")
    return apply_all(client=client)


def enqueue_apply():
    """Enqueue the task (on commit). Never raises: the pending rows wait for catch-up."""
    try:
        enqueue(apply_search_changes)
    except Exception:
        log.exception("Could not enqueue the search index update; changes kept for catch-up")
