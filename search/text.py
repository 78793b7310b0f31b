"""Vietnamese text as the search service sees it.

Elasticsearch here has no asciifolding filter, so folding happens in Python, the same way
for documents and queries: `search_fold("Mỳ Chũ") == "mi chu"`.

- diacritics dropped, đ → d (`core.text.fold_vietnamese`), lower case;
- a syllable-final "y" after a consonant becomes "i" ("mỳ"/"mì", "kỳ"/"kì", "lý"/"lí"
  are both in common use), so "mi chu" and "my chu" meet.

Every step maps one character to one character, so offsets in the folded text are offsets
in the original: that is how snippets are highlighted without trusting any HTML.
"""

import functools
import html
import re
import unicodedata

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from core.text import fold_vietnamese

MAX_QUERY_LENGTH = 200
_CONSONANT_Y = re.compile(r"(?<![a-z])([bcdfghklmnpqrstvx]{1,3})y(?![a-z0-9])")
_WORD = re.compile(r"[a-z0-9]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SIMPLE_TAG = re.compile(
    r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*=\"[^\"<>]*\")*\s*/?>"
)


def plain_text(value) -> str:
    """Text of a (sanitised) HTML fragment such as a product description."""
    if not value:
        return ""
    if "<" not in value and "&" not in value:
        return value
    spaced = value.replace("<", " <")
    # sanitised HTML is plain tags with quoted attributes: removing them is what
    # `strip_tags` (an HTML parser, ten times slower) does; anything else goes to it
    stripped = _SIMPLE_TAG.sub("", spaced)
    if "<" in stripped:
        stripped = strip_tags(spaced)
    return html.unescape(stripped)


def clean_query(raw) -> str:
    """User input made safe to search: no control characters, bounded, single spaces."""
    text = unicodedata.normalize("NFC", str(raw or ""))
    text = _CONTROL.sub(" ", text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


class _FoldTable(dict):
    """`str.translate` table: each character's folded form, computed on first sight."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = fold_vietnamese(ch)
        folded = (folded if len(folded) == 1 else ch).lower()
        if len(folded) != 1:  # e.g. "İ".lower() is two characters
            folded = ch
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def _fold_aligned(text: str) -> str:
    """Fold character by character so the result has the same length as *text*."""
    return text.translate(_FOLD_TABLE)


def search_fold(text: str) -> str:
    """The folded form indexed beside the original and used for queries."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    return _CONSONANT_Y.sub(r"\1i", _fold_aligned(text))


def terms(query: str) -> list[str]:
    """The folded words of a query (Lucene syntax and punctuation drop out)."""
    return _WORD.findall(search_fold(query))


def category_names(category):
    """The category's name and its parents' (nearest first)."""
    names, seen = [], set()
    while category is not None and category.pk not in seen:
        seen.add(category.pk)
        names.append(category.name)
        category = category.parent
    return names


_CATEGORY_PARTS = re.compile(r"\s*(?:&|,|/|;|\+|\bva\b|\bhoac\b)\s*")


def category_keys(names):
    """Folded names a category answers to: its own and its parents' names, and the parts
    of a compound name ("Trà & cà phê" → "tra ca phe", "tra", "ca phe")."""
    out = []
    for name in names:
        folded = search_fold(name)
        candidates = [" ".join(_WORD.findall(folded))]
        candidates += [" ".join(_WORD.findall(p)) for p in _CATEGORY_PARTS.split(folded)]
        for key in candidates:
            if key and key not in out:
                out.append(key)
    return out


_SYNONYM_SPLIT = re.compile(r"[,;\n]+")


def parse_terms(text):
    """The distinct members of a group as typed, in lower case (NFC), diacritics kept."""
    out, seen = [], set()
    for part in _SYNONYM_SPLIT.split(text or ""):
        term = " ".join(unicodedata.normalize("NFC", part).lower().split())
        key = (search_fold(term), term)
        if term and terms(term) and key not in seen:
            seen.add(key)
            out.append(term)
    return out


def _close(word: str, term: str) -> bool:
    """Word matches a query term: same, a prefix of it, or one edit away (typos)."""
    if word.startswith(term) and (len(term) >= 2 or word == term):
        return True
    if len(term) < 4 or abs(len(word) - len(term)) > 1:
        return False
    # one substitution, insertion, deletion or transposition
    if len(word) == len(term):
        i = 0
        while word[i] == term[i]:
            i += 1  # the words differ (the prefix test above caught equal ones)
        if word[i + 1 :] == term[i + 1 :]:
            return True  # one substitution
        return (
            i + 1 < len(word)
            and word[i] == term[i + 1]
            and word[i + 1] == term[i]
            and word[i + 2 :] == term[i + 2 :]
        )  # one transposition
    short, long_ = (word, term) if len(word) < len(term) else (term, word)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


@functools.lru_cache(maxsize=8192)
def _matches(word: str, query_terms: tuple[str, ...]) -> bool:
    """Whether *word* is close to one of the terms (a page's texts share most words)."""
    return any(_close(word, t) for t in query_terms)


def highlight(text: str, query_terms, *, length: int = 220):
    """An HTML-escaped excerpt of *text* with the query's words wrapped in <mark>.

    Matching is done on the folded text, so "vai" marks "Vải". Everything except our own
    <mark> tags is escaped.
    """
    text = unicodedata.normalize("NFC", " ".join((text or "").split()))
    if not text:
        return ""
    folded = search_fold(text)
    spans = []
    if query_terms:
        query_terms = tuple(query_terms)
        for m in _WORD.finditer(folded):
            if _matches(m.group(), query_terms):
                spans.append((m.start(), m.end()))
    start = 0
    if len(text) > length:
        if spans:
            start = max(0, spans[0][0] - length // 4)
            # begin at a word boundary
            while start > 0 and not text[start - 1].isspace():
                start -= 1
        end = min(len(text), start + length)
        while end < len(text) and not text[end].isspace():
            end += 1
    else:
        end = len(text)
    parts = ["…" if start > 0 else ""]
    pos = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        parts.append(escape(text[pos:s]))
        parts.append("<mark>" + escape(text[s:e]) + "</mark>")
        pos = e
    parts.append(escape(text[pos:end]))
    if end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))
