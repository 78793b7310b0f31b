"""The search page's one entry point: Elasticsearch first, the database when it is
absent or failing. Both return the same `Results`, so the page does not care which
answered."""

import logging

from .client import SearchUnavailable, get_client, mark_failed, recently_failed
from .fallback import search_database
from .query import search_elasticsearch
from .results import Results
from .text import terms

log = logging.getLogger(__name__)


def run_search(params):
    """The search page's results; never raises because of Elasticsearch."""
    client = get_client()
    if params.is_empty:
        return Results(params=params, backend="none")
    if params.q and not terms(params.q):
        # nothing searchable ("!!!", "🍑🍑"): an empty page with a hint, not the catalogue
        return Results(params=params, backend="none", unsearchable=True)
    if client is not None and not recently_failed():
        try:
            return search_elasticsearch(params, client)
        except SearchUnavailable as exc:
            log.warning("Search fell back to the database: %s", exc)
            mark_failed()
    results = search_database(params)
    results.degraded = client is not None
    return results
