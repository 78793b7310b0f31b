"""The search page's GET parameters, parsed leniently by `core.filters`: bad values are dropped."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import QueryForm

from .text import clean_query

PAGE_SIZE = 20
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's from+size limit
MAX_PAGE = MAX_RESULT_WINDOW // PAGE_SIZE
TABS = ("all", "products", "booths", "news")
SORTS = {
    "relevance": _("Most relevant"),
    "newest": _("Newest"),
    "price_asc": _("Price: low to high"),
    "price_desc": _("Price: high to low"),
    "rating": _("Best rated"),
}
# (key, lower bound inclusive, upper bound exclusive or None)
PRICE_BANDS = [
    ("0-50000", 0, 50_000),
    ("50000-100000", 50_000, 100_000),
    ("100000-200000", 100_000, 200_000),
    ("200000-500000", 200_000, 500_000),
    ("500000-", 500_000, None),
]
PRICE_BAND_KEYS = {key: (lo, hi) for key, lo, hi in PRICE_BANDS}
MAX_ID = 2**62


class SearchQueryForm(QueryForm):
    """The search page's GET parameters (see `core.filters`); ids are database keys."""

    q = forms.CharField(required=False, strip=False)
    tab = forms.ChoiceField(required=False, choices=[(t, t) for t in TABS])
    category = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    area = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    stars = forms.IntegerField(required=False, min_value=0, max_value=5)
    price = forms.ChoiceField(required=False, choices=[(k, k) for k in PRICE_BAND_KEYS])
    sort = forms.ChoiceField(required=False, choices=list(SORTS.items()))
    # Any whole number: from_get clamps it into 1..MAX_PAGE (search pages are bounded).
    page = forms.IntegerField(required=False)
    # "search instead for …": the words as typed, without the automatic correction
    verbatim = forms.BooleanField(required=False)

    def clean_q(self):
        return clean_query(self.cleaned_data["q"])


@dataclass
class SearchParams:
    q: str = ""
    tab: str = "all"
    category: int | None = None
    area: int | None = None
    stars: int | None = None
    price: str | None = None
    sort: str = "relevance"
    page: int = 1
    verbatim: bool = False
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_get(cls, data):
        params = SearchQueryForm.parse(data)
        return cls(
            q=params.get("q", ""),
            tab=params.get("tab", "all"),
            category=params.get("category"),
            area=params.get("area"),
            stars=params.get("stars"),
            price=params.get("price"),
            sort=params.get("sort", "relevance"),
            page=min(max(params.get("page", 1), 1), MAX_PAGE),
            verbatim=bool(params.get("verbatim")),
        )

    @property
    def filters(self):
        return {
            k: v
            for k, v in (
                ("category", self.category),
                ("area", self.area),
                ("stars", self.stars),
                ("price", self.price),
            )
            if v is not None
        }

    @property
    def is_empty(self):
        return not self.q and not self.filters

    def url(self, **changes):
        """A query string for this search with some parameters changed (None removes)."""
        data = {"q": self.q, "tab": self.tab, **self.filters, "sort": self.sort}
        if self.verbatim:
            data["verbatim"] = 1
        data.update(changes)
        if data.get("tab") == "all":
            data.pop("tab")
        if data.get("sort") == "relevance":
            data.pop("sort")
        if data.get("page") in (1, None):
            data.pop("page", None)
        return "?" + urlencode({k: v for k, v in data.items() if v not in (None, "")})
