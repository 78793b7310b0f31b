"""Typo tolerance for the database fallback: words of the names within one edit.

Vietnamese syllables are short once folded ("toi", "ly", "son"), so one edit is allowed
from three letters on (two from seven, for English names), counting a swap of two
neighbours as one edit ("tio" → "toi"). Candidates come from the vocabulary of names
(`search.models.SearchWord`): on PostgreSQL pre-selected by trigram similarity
(`pg_trgm`), elsewhere (SQLite) by length; the bounded edit distance decides in Python.
"""

from django.conf import settings
from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models.functions import Greatest

from .models import SearchWord

MAX_CANDIDATES = 12  # corrections kept per word, closest first


def max_edits(word):
    if len(word) < 3 or not word.isalpha():
        return 0
    return 1 if len(word) < 7 else 2


def distance_within(a, b, limit):
    """Optimal-string-alignment distance of *a* and *b* if ≤ *limit*, else None."""
    if abs(len(a) - len(b)) > limit:
        return None
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return None
        prev2, prev = prev, cur
    return prev[-1] if prev[-1] <= limit else None


def use_trigram():
    mode = settings.SEARCH_FALLBACK_TYPOS
    if mode == "auto":
        return connection.vendor == "postgresql"
    return mode == "trigram"


def _candidates(words):
    """Vocabulary words that may be near one of *words* (one query)."""
    lengths = set()
    for w in words:
        k = max_edits(w)
        lengths.update(range(len(w) - k, len(w) + k + 1))
    qs = SearchWord.objects.filter(length__in=sorted(lengths))
    if use_trigram():
        sims = [TrigramSimilarity("word", w) for w in words]
        qs = qs.annotate(sim=Greatest(*sims) if len(sims) > 1 else sims[0]).filter(sim__gt=0.05)
    return qs.values_list("word", flat=True)


def corrections(words):
    """{word: [vocabulary words one (or two) edits away, closest first]} for the words
    that can carry a typo; a word found as it is also keeps its neighbours (a typo may
    spell another real word: "thon" for "thom")."""
    words = sorted({w for w in words if max_edits(w)})
    if not words:
        return {}
    found = {w: [] for w in words}
    for cand in _candidates(words):
        for w in words:
            if cand == w:
                continue
            d = distance_within(w, cand, max_edits(w))
            if d is not None:
                found[w].append((d, cand))
    return {w: [c for _d, c in sorted(found[w])[:MAX_CANDIDATES]] for w in words if found[w]}
