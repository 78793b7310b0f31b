"""Synonyms and regional words, applied at query time.

This Elasticsearch has no synonym filter, and the dictionary is edited by moderators
(`search.models.Synonym`, a Wagtail snippet), so synonyms are expanded when a query is
read, never written into the index: a change takes effect at once, with no reindexing.

A group "lợn, heo, pork" makes each member find the others. Members are kept with their
diacritics: "dứa" is then matched on the name as written, so the pineapple's synonym does
not also find "dưa" (melon) or "dừa" (coconut), which fold to the same "dua". A member
with no diacritics ("heo", "longan") is matched on the folded text.
"""

import contextlib

from django.core.cache import cache

from .models import Synonym
from .text import parse_terms, search_fold, terms

CACHE_KEY = "search:synonyms:v1"
CACHE_SECONDS = 24 * 3600  # invalidated on every save/delete (search/receivers.py)
MAX_PHRASE_WORDS = 3


def _build():
    table = {}
    for row in Synonym.objects.filter(is_active=True).values_list("terms", flat=True):
        members = parse_terms(row)
        for member in members:
            key = " ".join(terms(member))
            if len(key.split()) > MAX_PHRASE_WORDS:
                continue
            others = table.setdefault(key, [])
            for other in members:
                if search_fold(other) != key and other not in others:
                    others.append(other)
    return table


def synonym_table():
    """{folded phrase: [its synonyms as written]}, cached until a synonym changes."""
    try:
        table = cache.get(CACHE_KEY)
    except Exception:
        table = None
    if table is None:
        table = _build()
        with contextlib.suppress(Exception):
            cache.set(CACHE_KEY, table, CACHE_SECONDS)
    return table


def invalidate():
    with contextlib.suppress(Exception):
        cache.delete(CACHE_KEY)


def has_diacritics(term):
    return search_fold(term) != term
