"""Issue 12, row 9: hostile input gets a 4xx or a clear message, never a 500.

- every public (and seller/moderator) GET route, walked from the URL conf, answers below
  500 whatever its query string holds;
- a CSV cell over Python's csv field limit is a Vietnamese message for its line;
- an upload declaring more than MAX_REQUEST_BODY_BYTES is refused with 413 before a
  single byte of its body is read.
"""

import io
import re
from urllib.parse import urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests.factories import (
    AreaFactory,
    BoothFactory,
    CategoryFactory,
    MembershipFactory,
    ProductFactory,
    UserFactory,
)
from tests.sellers import csv_file, jpeg_upload

NASTY = [
    "\x00",
    "vai\x00thieu",
    "x" * 10_000,
    "\u202e\u200b\u0007\ufeff",  # right-to-left override, zero width, bell, BOM
    "../../../../etc/passwd",
    "-1",
    "9" * 40,
    "1e309",
    "%00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\ud800",  # a lone surrogate: not encodable, sent as its replacement below
]
# Every GET parameter any page reads (docs/list-parameters.md), plus one nobody reads.
PARAMS = [
    "q",
    "page",
    "category",
    "area",
    "tag",
    "min_price",
    "max_price",
    "ocop",
    "cert",
    "season",
    "in_stock",
    "sort",
    "verified",
    "tab",
    "stars",
    "price",
    "status",
    "booth",
    "days",
    "result",
    "next",
    "unknown",
]
SKIPPED_PREFIXES = ("cms-admin/", "django-admin/", "documents/", "i18n/")
# Signed-in roles walk only the areas only they can open; anonymous walks everything.
SIGNED_IN_PREFIXES = ("/kenh-nguoi-ban/", "/quan-tri-san/", "/tai-khoan/")

pytestmark = pytest.mark.django_db


@pytest.fixture
def market(db, settings):
    from cms.models import ArticlePage, NewsIndexPage
    from cms.site_setup import ensure_home_page
    from shops.moderation import grant_moderator_permissions

    settings.ELASTICSEARCH_URL = ""
    grant_moderator_permissions()
    area = AreaFactory(name="Lục Ngạn", slug="luc-ngan")
    fruit = CategoryFactory(name="Trái cây", slug="trai-cay")
    seller = UserFactory()
    booth = BoothFactory(name="HTX Vải thiều", slug="htx-vai-thieu", area=area)
    MembershipFactory(booth=booth, user=seller)
    product = ProductFactory(booth=booth, category=fruit, origin_area=area, name="Vải thiều")
    home = ensure_home_page()
    index = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    home.add_child(instance=index)
    index.save_revision().publish()
    article = ArticlePage(
        title="Tin mùa vải", slug="tin-mua-vai", date=timezone.localdate(), lead="Tóm tắt."
    )
    index.add_child(instance=article)
    article.save_revision().publish()
    moderator = UserFactory(is_staff=True)
    from django.contrib.auth.models import Group

    from accounts import roles

    moderator.groups.add(Group.objects.get(name=roles.MODERATORS))
    return {
        "seller": seller,
        "moderator": moderator,
        "booth": booth,
        "product": product,
        "category": fruit,
        "article": article,
    }


def _routes(resolver=None, prefix=""):
    """(route text, pattern) of every URL pattern, nested includes flattened."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _fill(route, market):
    """A concrete path for *route*, or None when its arguments cannot be filled."""
    values = {
        "slug": market["product"].slug,
        "pk": market["product"].pk,
        "booth_id": market["booth"].pk,
        "kind": "p",
        "reference": "KHONG-CO",
        "number": "KHONG-CO",
        "section": "products",
    }
    if "gian-hang/<slug" in route:
        values["slug"] = market["booth"].slug
    if "danh-muc/<slug" in route:
        values["slug"] = market["category"].slug
    if route.startswith("^") or "(?P" in route:
        return None  # regular-expression routes (Wagtail's page serving): added by hand

    def sub(match):
        name = match.group(1).split(":")[-1]
        return str(values[name]) if name in values else "\x00MISSING"

    path = "/" + re.sub(r"<([^>]+)>", sub, route).lstrip("^").rstrip("$")
    return None if "\x00MISSING" in path else path


def _paths(market):
    paths = set()
    for route, _entry in _routes():
        # i18n_patterns' prefix is empty for Vietnamese.
        if route.startswith(SKIPPED_PREFIXES):
            continue
        path = _fill(route, market)
        if path:
            paths.add(path)
    paths |= {"/", "/tin-tuc/", market["article"].url, "/tin-tuc/rss/", "/en/san-pham/"}
    return sorted(paths)


def _query(value, *, repeat=False):
    value = value.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate
    pairs = []
    for name in PARAMS:
        pairs.append((name, value))
        if repeat:
            pairs.append((name, "2"))
    return urlencode(pairs)


@pytest.mark.parametrize("who", [None, "seller", "moderator"])
def test_no_get_parameter_value_makes_any_page_fail(client, market, who):
    client.raise_request_exception = False
    if who:
        client.force_login(market[who])
    paths = _paths(market)
    assert len(paths) > 25, paths  # the walk found the site's routes
    if who:
        paths = [p for p in paths if p.startswith(SIGNED_IN_PREFIXES)]
        assert paths
    failures = []
    for path in paths:
        for value in NASTY:
            # Each parameter once, and (for the first values) also repeated: ?a=v&a=2.
            for repeat in (False, True) if value in NASTY[:2] else (False,):
                url = f"{path}?{_query(value, repeat=repeat)}"
                response = client.get(url)
                if response.status_code >= 500:
                    failures.append((path, value[:12], repeat, response.status_code))
    assert not failures, failures


# --- CSV import ------------------------------------------------------------------------


@pytest.mark.parametrize("size", [20_001, 131_073, 400_000])
def test_a_huge_csv_cell_is_a_message_for_its_line(client, size):
    user = UserFactory()
    booth = BoothFactory()
    MembershipFactory(booth=booth, user=user)
    CategoryFactory(slug="trai-cay", name="Trái cây")
    client.force_login(user)
    text = (
        "name,category,price,unit,stock,description\n"
        "Na dai,trai-cay,60000,kg,5,ngon\n"
        f'Vải thiều,trai-cay,85000,kg,10,"{"a" * size}"\n'
    )
    url = f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/nhap-csv/"

    response = client.post(url, {"file": csv_file(text)})

    assert response.status_code == 200
    body = response.content.decode()
    assert "Dòng 3" in body
    assert "dài quá 20.000 ký tự" in body
    from catalog.models import Product

    assert not Product.objects.exists()


# --- Request size ----------------------------------------------------------------------


class _CountingInput(io.BytesIO):
    """A request body that records how much of it was read."""

    def __init__(self, data):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk

    def readline(self, size=-1):
        chunk = super().readline(size)
        self.bytes_read += len(chunk)
        return chunk


def _multipart(field, filename, payload, boundary="BoUnDaRy"):
    return (
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
            "Content-Type: image/jpeg\r\n\r\n"
        ).encode()
        + payload
        + f"\r\n--{boundary}--\r\n".encode()
    )


@pytest.mark.parametrize("lang, words", [("", "quá lớn"), ("/en", "too large")])
def test_a_60_mb_upload_is_refused_before_its_body_is_read(client, settings, lang, words):
    user = UserFactory()
    booth = BoothFactory()
    MembershipFactory(booth=booth, user=user)
    client.force_login(user)
    body = _multipart("photos", "big.jpg", b"\xff" * 1024)  # what is actually sent
    stream = _CountingInput(body)
    declared = 60 * 1024 * 1024  # what the headers promise

    response = client.generic(
        "POST",
        f"{lang}/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/",
        b"",
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(declared),
        **{"wsgi.input": stream},
    )

    assert response.status_code == 413
    assert stream.bytes_read == 0
    assert words in response.content.decode().lower()
    assert declared > settings.MAX_REQUEST_BODY_BYTES


def test_a_large_form_body_without_files_is_refused_too(client):
    stream = _CountingInput(b"q=" + b"a" * 100)
    response = client.generic(
        "POST",
        "/gio-hang/them/",
        b"",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(10 * 1024 * 1024),
        **{"wsgi.input": stream},
    )
    assert response.status_code == 413
    assert stream.bytes_read == 0


def test_an_upload_within_the_limit_still_reaches_the_form(client):
    user = UserFactory()
    booth = BoothFactory()
    MembershipFactory(booth=booth, user=user)
    client.force_login(user)
    url = f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/"
    response = client.post(url, {"photos": jpeg_upload()})
    assert response.status_code == 200  # the form answers (its own errors), not 413
