"""Every list page's GET parameters: a bad value shows the page as if it were absent.

NUL bytes (PostgreSQL refuses them in text), over-long values, negative or huge numbers,
malformed slugs and unknown choices are all dropped by `core.filters`: the page answers
200 and lists exactly what it lists without that parameter.
"""

import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    AreaFactory,
    BoothFactory,
    CategoryFactory,
    MembershipFactory,
    ProductFactory,
    UserFactory,
)

# Bad for any parameter: a NUL byte alone or inside a value, and a value far too long.
ANY = ["\x00", "vai\x00thieu", "x" * 5000]
NUMBER = ANY + ["-1", "9" * 40, "1e9", "abc", "1.5"]  # 0 is a fair price or star count
PAGE = NUMBER + ["0"]
SLUG = ANY + ["<script>alert(1)</script>", "hai từ", "../../etc", "a" * 300]
CHOICE = ANY + ["DROP TABLE", "_script", "newest'", "-price"]
FLAG = ANY
TEXT = ANY  # free text: any other value is a legitimate query


@pytest.fixture
def market(db, settings):
    settings.ELASTICSEARCH_URL = ""  # the search page's database fallback
    area = AreaFactory(name="Lục Ngạn", slug="luc-ngan")
    fruit = CategoryFactory(name="Trái cây", slug="trai-cay")
    seller = UserFactory()
    booth = BoothFactory(name="HTX Vải thiều", slug="htx-vai-thieu", area=area)
    MembershipFactory(booth=booth, user=seller)
    for i, price in enumerate((40_000, 85_000, 150_000)):
        ProductFactory(booth=booth, category=fruit, origin_area=area, name=f"Vải {i}", price=price)
    return {"seller": seller, "booth": booth, "shopper": UserFactory()}


@pytest.fixture
def news(db):
    from cms.models import ArticlePage, NewsIndexPage
    from cms.site_setup import ensure_home_page

    home = ensure_home_page()
    index = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    home.add_child(instance=index)
    index.save_revision().publish()
    for n in range(2):
        article = ArticlePage(
            title=f"Tin số {n}",
            slug=f"tin-so-{n}",
            date=timezone.localdate() - datetime.timedelta(days=n),
            lead="Tóm tắt.",
        )
        index.add_child(instance=article)
        article.save_revision().publish()


def _pks(items):
    return [getattr(item, "pk", item) for item in items]


def _catalogue(ctx):
    return _pks(ctx["products"]), ctx["applied"], ctx["page_obj"].number


def _booths(ctx):
    return _pks(ctx["booths"]), ctx["applied"], ctx["page_obj"].number


def _booth_page(ctx):
    return _pks(ctx["products"]), ctx["page_obj"].number


def _news(ctx):
    return (
        _pks(ctx["articles"]),
        ctx["active_category"],
        ctx["active_tag"],
        ctx["unknown_filter"],
        ctx["page_obj"].number,
    )


def _search(ctx):
    p = ctx["params"]
    return p.q, p.tab, p.filters, p.sort, ctx["page"], ctx["results"].counts


def _seller_products(ctx):
    return _pks(ctx["products"]), ctx["q"], ctx["status"], ctx["page_obj"].number


def _orders(ctx):
    return _pks(ctx["orders"]), ctx.get("current_status"), ctx["page"].number


CATALOGUE_PARAMS = {
    "category": SLUG,
    "area": SLUG,
    "min_price": NUMBER,
    "max_price": NUMBER,
    "ocop": NUMBER,
    "cert": SLUG,
    "season": FLAG,
    "in_stock": FLAG,
    "sort": CHOICE,
    "page": PAGE,
}

# (url, who is signed in, the parameters, the state that must not change, a good query)
PAGES = {
    "product list": ("/san-pham/", None, CATALOGUE_PARAMS, _catalogue, {"sort": "price_asc"}),
    "category page": (
        "/danh-muc/trai-cay/",
        None,
        CATALOGUE_PARAMS,
        _catalogue,
        {"min_price": "50000"},
    ),
    "booth list": (
        "/gian-hang/",
        None,
        {"area": SLUG, "category": SLUG, "verified": FLAG, "page": PAGE},
        _booths,
        {"area": "luc-ngan"},
    ),
    "booth page": ("/gian-hang/htx-vai-thieu/", None, {"page": PAGE}, _booth_page, {}),
    "news index": (
        "/tin-tuc/",
        None,
        {"category": SLUG, "tag": SLUG, "page": PAGE},
        _news,
        {},
    ),
    "search": (
        "/tim-kiem/",
        None,
        {
            "q": TEXT,
            "tab": CHOICE,
            "category": NUMBER,
            "area": NUMBER,
            "stars": NUMBER,
            "price": CHOICE,
            "sort": CHOICE,
            "page": PAGE,
        },
        _search,
        {"q": "vai", "tab": "products"},
    ),
    "seller's products": (
        "/kenh-nguoi-ban/gian-hang/{booth}/san-pham/",
        "seller",
        {"q": TEXT, "status": CHOICE, "page": PAGE},
        _seller_products,
        {"status": "published"},
    ),
    "shopper's orders": ("/tai-khoan/don-hang/", "shopper", {"page": PAGE}, _orders, {}),
    "seller's orders": (
        "/kenh-nguoi-ban/don-hang/",
        "seller",
        {"status": CHOICE, "page": PAGE},
        _orders,
        {"status": "pending"},
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_bad_parameter_values_are_ignored_on_every_list_page(client, market, news, name):
    url, who, params, state, good = PAGES[name]
    url = url.format(booth=market["booth"].pk)
    if who:
        client.force_login(market[who])
    failures = []
    for param, values in params.items():
        # The other (good) parameters stay; only this one goes bad.
        base = {k: v for k, v in good.items() if k != param}
        expected = client.get(url, base)
        assert expected.status_code == 200, (name, base)
        for value in values:
            response = client.get(url, {**base, param: value})
            if response.status_code != 200:
                failures.append((param, value[:20], response.status_code))
            elif state(response.context) != state(expected.context):
                failures.append((param, value[:20], "listed something else"))
    assert not failures, f"{name}: {failures}"


def test_good_parameters_still_filter_so_the_comparison_above_means_something(client, market):
    cheap = client.get("/san-pham/", {"max_price": "50000"}).context["products"]
    assert [p.name for p in cheap] == ["Vải 0"]
    by_price = client.get("/san-pham/", {"sort": "price_desc"}).context["products"]
    assert [p.name for p in by_price] == ["Vải 2", "Vải 1", "Vải 0"]


def test_pagination_links_carry_only_the_well_formed_parameters(client, market, monkeypatch):
    from catalog import views

    monkeypatch.setattr(views, "PER_PAGE", 1)
    response = client.get("/san-pham/", {"sort": "price_asc", "ocop": "\x00", "area": "x y"})
    assert response.context["query_string"] == "sort=price_asc"
    assert 'href="?sort=price_asc&amp;page=2"' in response.content.decode()
