"""The search page's GET parameters, parsed leniently: bad values are dropped, not errors."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _

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


def _int(value, lo, hi):
    try:
        n = int(str(value).strip()[:12])
    except (TypeError, ValueError):
        return None
    return n if lo <= n <= hi else None


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
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_get(cls, data):
        tab = data.get("tab", "all")
        sort = data.get("sort", "relevance")
        price = data.get("price")
        page = _int(data.get("page", 1), -(10**12), 10**12) or 1
        return cls(
            q=clean_query(data.get("q", "")),
            tab=tab if tab in TABS else "all",
            category=_int(data.get("category"), 1, 2**62),
            area=_int(data.get("area"), 1, 2**62),
            stars=_int(data.get("stars"), 0, 5),
            price=price if price in PRICE_BAND_KEYS else None,
            sort=sort if sort in SORTS else "relevance",
            page=min(max(page, 1), MAX_PAGE),
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
        data.update(changes)
        if data.get("tab") == "all":
            data.pop("tab")
        if data.get("sort") == "relevance":
            data.pop("sort")
        if data.get("page") in (1, None):
            data.pop("page", None)
        return "?" + urlencode({k: v for k, v in data.items() if v not in (None, "")})
