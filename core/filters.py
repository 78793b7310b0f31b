"""GET parameters of list pages, parsed leniently: the one parser every list uses.

A list page declares its parameters as a `QueryForm` subclass (plain Django form fields)
and reads them with `MyForm.parse(request.GET)`. The result holds the cleaned values of the
well-formed parameters only: a malformed, out-of-range or unknown value is dropped
silently, as if the parameter were absent — a shared link with a stale or mistyped
parameter still opens the page, never a 500. Before any field sees it, a value holding a
NUL byte (PostgreSQL refuses those) or longer than `MAX_VALUE_LENGTH` is dropped too.

The parameter names are English everywhere (`page`, `q`, `sort`, `status`, `category`,
`area`, `booth`, `days`, …), while URL paths stay Vietnamese.
"""

import unicodedata

from django import forms
from django.http import QueryDict

MAX_VALUE_LENGTH = 500
MAX_PAGE_NUMBER = 1_000_000


def _acceptable(value):
    return "\x00" not in value and len(value) <= MAX_VALUE_LENGTH


def sanitize(data):
    """A QueryDict of *data* (QueryDict or dict) without NUL-bearing or over-long values."""
    clean = QueryDict(mutable=True)
    if data is None:
        return clean
    keys = list(data.keys())
    for key in keys:
        if not isinstance(key, str) or not _acceptable(key):
            continue
        values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
        kept = [str(v) for v in values if v is not None and _acceptable(str(v))]
        if kept:
            clean.setlist(key, kept)
    return clean


def _is_empty(value):
    return value is None or value is False or (isinstance(value, str | list | tuple) and not value)


class QueryParams(dict):
    """Cleaned values of the well-formed parameters, with the raw strings they came from."""

    def __init__(self, values, raw):
        super().__init__(values)
        self.raw = raw

    def urlencode(self, *, drop=()):
        """The accepted parameters as a query string (no "?"), without the names in *drop*.

        Pagination and sort links are built from this, so a bad parameter is never
        carried from one page to the next.
        """
        query = QueryDict(mutable=True)
        for key in self:
            if key not in drop and key in self.raw:
                query.setlist(key, self.raw.getlist(key))
        return query.urlencode()


class QueryForm(forms.Form):
    """Base form for a list page's GET parameters; see the module docstring."""

    @classmethod
    def parse(cls, data, **kwargs):
        raw = sanitize(data)
        form = cls(raw, **kwargs)
        form.is_valid()
        values = {k: v for k, v in form.cleaned_data.items() if not _is_empty(v)}
        return QueryParams(values, raw)


class PageField(forms.IntegerField):
    """A page number: 1 or more (past the end is the paginator's business)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_PAGE_NUMBER)
        super().__init__(**kwargs)


class QueryTextField(forms.CharField):
    """Free text typed by a person: normalised, single-spaced, cut to *max_length*.

    Too long is cut rather than refused: the words typed first still search.
    """

    def __init__(self, *, max_length=100, **kwargs):
        self.cut_length = max_length
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        text = unicodedata.normalize("NFC", super().to_python(value))
        text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
        return " ".join(text.split())[: self.cut_length].strip()
