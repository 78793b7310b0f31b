"""Issue 12, row 6: security headers on every page type, scored like the HTTP Observatory.

The settings are production's own (marketplace/settings/production.py, imported with
a secret key in the environment), served over TLS (`secure=True`). Each page type must
score A+ (≥ 100) under the rules written in tests/security/observatory.py, carry a CSP
without 'unsafe-inline' for scripts, a Permissions-Policy and Cross-Origin-Opener-Policy;
and no template may hold an inline script or event handler.
"""

import importlib
import re
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.utils import timezone

from tests.factories import (
    AreaFactory,
    BoothFactory,
    CategoryFactory,
    MembershipFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
)
from tests.security import observatory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PRODUCTION_NAMES = re.compile(r"^(SECURE_|SESSION_COOKIE_|CSRF_COOKIE_|LANGUAGE_COOKIE_|X_FRAME)")


@pytest.fixture
def production_headers(settings, monkeypatch):
    """Every header and cookie setting of production.py, applied to this test."""
    monkeypatch.setenv("SECRET_KEY", "s" * 64)
    import marketplace.settings.base as base

    importlib.reload(base)  # production.py reads base's SECRET_KEY
    production = importlib.import_module("marketplace.settings.production")
    production = importlib.reload(production)
    for name in dir(production):
        if PRODUCTION_NAMES.match(name):
            setattr(settings, name, getattr(production, name))
    return production


@pytest.fixture
def market(db, settings):
    from cms.models import ArticlePage, NewsIndexPage
    from cms.site_setup import ensure_home_page

    settings.ELASTICSEARCH_URL = ""
    area = AreaFactory(slug="luc-ngan")
    category = CategoryFactory(slug="trai-cay")
    seller = UserFactory()
    booth = BoothFactory(slug="htx-vai", area=area)
    MembershipFactory(booth=booth, user=seller)
    product = ProductFactory(booth=booth, category=category, origin_area=area)
    ProductImageFactory(product=product)
    home = ensure_home_page()
    index = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    home.add_child(instance=index)
    index.save_revision().publish()
    article = ArticlePage(title="Tin", slug="tin", date=timezone.localdate(), lead="Tóm tắt.")
    index.add_child(instance=article)
    article.save_revision().publish()
    return {"seller": seller, "booth": booth, "product": product, "article": article}


def _pages(market):
    return {
        "home": ("/", None),
        "product list": ("/san-pham/", None),
        "product": (market["product"].get_absolute_url(), None),
        "booth": (f"/gian-hang/{market['booth'].slug}/", None),
        "news": ("/tin-tuc/", None),
        "article": (market["article"].url, None),
        "search": ("/tim-kiem/?q=vai", None),
        "cart": ("/gio-hang/", None),
        "login": ("/tai-khoan/login/", None),
        "english home": ("/en/", None),
        "not found": ("/khong-co-trang-nay/", None),
        "seller product form": (
            f"/kenh-nguoi-ban/gian-hang/{market['booth'].pk}/san-pham/them/",
            "seller",
        ),
    }


def test_every_page_type_scores_a_plus_under_tls(client, market, production_headers):
    assert production_headers.SECURE_HSTS_SECONDS >= 15_768_000
    client.defaults["HTTP_USER_AGENT"] = "Mozilla/5.0 (Linux; Android 14) Chrome/130 Mobile"
    cookies = SimpleCookie()
    report = {}
    for name, (url, who) in _pages(market).items():
        if who:
            client.force_login(market[who])
        response = client.get(url, secure=True)
        assert response.status_code in (200, 404), (name, response.status_code)
        total, outcomes = observatory.score(response)
        report[name] = (total, outcomes)
        cookies.update(response.cookies)
        csp = observatory.parse_csp(response["Content-Security-Policy"])
        assert csp["script-src"] == ["'self'"], name
        assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"], name
        assert csp["base-uri"] == ["'self'"], name
        assert "'unsafe-inline'" not in csp["style-src"], name
        assert "camera=()" in response["Permissions-Policy"], name
        assert "geolocation=()" in response["Permissions-Policy"], name
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", name
    # Cookies the site sets (session, CSRF, language, visit counter) scored together.
    client.post("/i18n/setlang/", {"language": "en", "next": "/"}, secure=True)
    cookies.update(client.cookies)
    assert {"sessionid", "csrftoken", "cho_visit"} <= set(cookies), set(cookies)
    cookie_score = observatory.cookie_modifier(cookies)
    failing = {n: r for n, r in report.items() if observatory.grade(r[0]) != "A+"}
    assert not failing, failing
    assert cookie_score == (5, "cookies-secure-with-httponly-sessions-and-samesite"), cookie_score
    print({name: total for name, (total, _o) in report.items()})  # shown with -s


def test_the_admin_gets_its_own_looser_policy(client, production_headers):
    response = client.get("/cms-admin/login/", secure=True)
    csp = observatory.parse_csp(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'self'"]


def test_the_413_answer_carries_the_headers_too(client):
    response = client.generic(
        "POST",
        "/gio-hang/them/",
        b"",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(50 * 1024 * 1024 * 2),
    )
    assert response.status_code == 413
    assert "script-src 'self'" in response["Content-Security-Policy"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""href\s*=\s*["']\s*javascript:""", re.I)


def test_no_template_holds_inline_script_or_event_handlers():
    found = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, JS_URL):
            for match in pattern.finditer(text):
                found.append((str(path.relative_to(TEMPLATES)), match.group(0)[:60]))
    assert not found, found
