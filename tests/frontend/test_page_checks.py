"""Every page type through axe-core (in Chromium) and the Nu HTML Checker.

One fixture market holds every kind of page a shopper, a seller or a search engine sees.
Each page is opened in both languages at a phone size (360×780) and a desktop size
(1280×800); axe-core runs in the page and any violation fails the test. The HTML the
server sent (one copy per page and language) goes to the Nu HTML Checker in one run; any
error fails the test. Both checkers come pinned from npm (`scripts/frontend/`, installed
by `make frontend-tools`); Chromium and Java are the machine's.
"""

import json
import os
import re
import shutil
import subprocess
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from wagtail.rich_text import RichText

from tests.factories import (
    AreaFactory,
    BoothFactory,
    CategoryFactory,
    ImageFactory,
    MembershipFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NODE_MODULES = Path(__file__).resolve().parents[2] / "scripts" / "frontend" / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

VIEWPORTS = {"phone": {"width": 360, "height": 780}, "desktop": {"width": 1280, "height": 800}}
LANGUAGES = ("", "/en")  # Vietnamese at the root, English under /en/

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
    count: v.nodes.length,
  }));
}"""


@pytest.fixture
def search_index(settings):
    from search.client import get_client

    url = os.environ.get("ELASTICSEARCH_URL", "")
    assert url, "ELASTICSEARCH_URL must point at the test Elasticsearch"
    settings.ELASTICSEARCH_URL = url
    base = os.environ.get("SEARCH_INDEX_PREFIX", "test")
    settings.SEARCH_INDEX_PREFIX = f"{base}-fe-{uuid.uuid4().hex[:8]}"
    client = get_client()
    yield client
    client.indices.delete(index=f"{settings.SEARCH_INDEX_PREFIX}-*", ignore_unavailable=True)


def build_market():
    """Every page type with content in it; returns the pages to check as (name, path, who)."""
    from cms.models import ArticlePage, HomePage, NewsCategory, NewsIndexPage, StandardPage
    from search.rebuild import rebuild_all

    luc_ngan = AreaFactory(name="Lục Ngạn", slug="luc-ngan")
    fruit = CategoryFactory(name="Trái cây", slug="trai-cay")
    honey = CategoryFactory(name="Mật ong", slug="mat-ong")
    booth = BoothFactory(
        name="HTX Vải thiều Phượng Hoàng",
        slug="htx-phuong-hoang",
        area=luc_ngan,
        is_verified=True,
        description="Hợp tác xã trồng vải theo VietGAP ở xã Phượng Sơn.",
        phone="0912 345 678",
        address="Thôn Hải Yên, xã Phượng Sơn",
        logo=ImageFactory(title="Logo HTX"),
        cover=ImageFactory(title="Vườn vải"),
    )
    lychee = ProductFactory(
        name="Vải thiều Lục Ngạn",
        slug="vai-thieu-luc-ngan",
        booth=booth,
        category=fruit,
        origin_area=luc_ngan,
        ocop_stars=4,
        description="<p>Vải chín cây, cùi dày.</p><p>Giao trong ngày ở thành phố.</p>",
    )
    ProductImageFactory(product=lychee, image=ImageFactory(title="Chùm vải"))
    ProductImageFactory(product=lychee, image=ImageFactory(title="Vải bóc vỏ"))
    honey_jar = ProductFactory(
        name="Mật ong hoa vải", slug="mat-ong-hoa-vai", booth=booth, category=honey
    )
    ProductImageFactory(product=honey_jar, image=ImageFactory(title="Hũ mật ong"))
    ProductFactory(name="Vải sấy khô", slug="vai-say-kho", booth=booth, category=fruit)

    home = HomePage.objects.get()
    slide = ImageFactory(title="Mùa vải")
    home.banners = [
        (
            "slide",
            {
                "image": slide,
                "title": "Mùa vải thiều 2026",
                "text": "Vải hái sáng, giao trong ngày.",
                "link_text": "Xem sản phẩm",
                "link_url": "/san-pham/",
            },
        )
    ]
    home.featured_categories.create(category=fruit)
    home.featured_products.create(product=lychee)
    home.featured_booths.create(booth=booth)
    home.save_revision().publish()

    news = NewsIndexPage(title="Tin tức", slug="tin-tuc", intro="Tin của chợ.")
    home.add_child(instance=news)
    news.save_revision().publish()
    market_news = NewsCategory.objects.create(name="Tin thị trường", slug="tin-thi-truong")
    article = ArticlePage(
        title="Vải thiều vào mùa",
        slug="vai-thieu-vao-mua",
        date=timezone.localdate() - timedelta(days=1),
        author_name="Ban biên tập",
        lead="Nông dân Lục Ngạn bắt đầu thu hoạch.",
        cover_image=ImageFactory(title="Thu hoạch vải"),
        body=[
            ("heading", {"text": "Giá vải năm nay", "level": "h2"}),
            ("paragraph", RichText("<p>Giá vải sớm ở mức <b>60.000 đ/kg</b>.</p>")),
        ],
    )
    article.categories = [market_news]
    news.add_child(instance=article)
    article.save_revision().publish()
    about = StandardPage(
        title="Giới thiệu",
        slug="gioi-thieu",
        lead="Chợ Tỉnh là sàn của các hợp tác xã.",
        body=[("paragraph", RichText("<p>Chúng tôi kết nối người làm ra với người mua.</p>"))],
    )
    home.add_child(instance=about)
    about.save_revision().publish()
    rebuild_all()

    booth_id = booth.pk
    return [
        ("home", "/", "anyone"),
        ("product list", "/san-pham/", "anyone"),
        ("category", "/danh-muc/trai-cay/", "anyone"),
        ("product", "/san-pham/vai-thieu-luc-ngan/", "anyone"),
        ("booth directory", "/gian-hang/", "anyone"),
        ("booth", "/gian-hang/htx-phuong-hoang/", "anyone"),
        ("news index", "/tin-tuc/", "anyone"),
        ("article", "/tin-tuc/vai-thieu-vao-mua/", "anyone"),
        ("standard page", "/gioi-thieu/", "anyone"),
        ("search results", "/tim-kiem/?q=v%E1%BA%A3i", "anyone"),
        ("search empty", "/tim-kiem/?q=xyzkhongco", "anyone"),
        ("cart empty", "/gio-hang/", "anyone"),
        ("order lookup", "/tra-cuu-don-hang/", "anyone"),
        ("sign in", "/tai-khoan/login/", "anyone"),
        ("sign up", "/tai-khoan/signup/", "anyone"),
        ("404", "/khong-co-trang-nay/", "anyone"),
        ("cart with items", "/gio-hang/", "shopper"),
        ("checkout", "/dat-hang/", "shopper"),
        # the cached pages with a guest's cart spliced in (core.pagecache)
        ("product (guest with a cart, shared)", "/san-pham/vai-thieu-luc-ngan/", "shopper"),
        ("seller dashboard", "/kenh-nguoi-ban/", "seller"),
        ("seller products", f"/kenh-nguoi-ban/gian-hang/{booth_id}/san-pham/", "seller"),
        ("seller product form", f"/kenh-nguoi-ban/gian-hang/{booth_id}/san-pham/them/", "seller"),
        ("seller product edit", f"/kenh-nguoi-ban/san-pham/{lychee.pk}/", "seller"),
        ("seller orders", "/kenh-nguoi-ban/don-hang/", "seller"),
        ("seller CSV import", f"/kenh-nguoi-ban/gian-hang/{booth_id}/san-pham/nhap-csv/", "seller"),
        # a signed-in user's header and menu spliced into the cached page
        ("home (signed in, shared)", "/", "seller"),
        ("booth (signed in, shared)", "/gian-hang/htx-phuong-hoang/", "seller"),
    ]


def seller_session_cookie(live_server, booth):
    """A signed-in seller's session cookie, made the way Django's test client makes it."""
    from django.test import Client

    user = UserFactory(full_name="Nguyễn Thị Hoa")
    MembershipFactory(booth=booth, user=user)
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    return {"name": "sessionid", "value": cookie.value, "url": live_server.url}


INDEXABLE = {
    "home",
    "product list",
    "category",
    "product",
    "booth directory",
    "booth",
    "news index",
    "article",
    "standard page",
}


def head_problems(name, prefix, html):
    """What a search engine or a link preview would get wrong in this page's head."""
    problems = []
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    parts = [part.strip() for part in title.split("·")]
    if not all(parts) or len(parts) != len(set(parts)):
        problems.append(f"title {title!r}")
    if name in INDEXABLE:
        for link in ('rel="canonical"', 'hreflang="vi"', 'hreflang="en"', 'hreflang="x-default"'):
            if link not in html:
                problems.append(f"no {link}")
        for prop in ("og:url", "og:title"):
            if f'property="{prop}"' not in html:
                problems.append(f"no {prop}")
    for url in re.findall(r'property="og:image" content="([^"]*)"', html):
        if not re.match(r"https?://[^/]+/", url) or url.count("://") != 1:
            problems.append(f"og:image {url!r}")
    if name in ("product", "booth"):
        if 'property="og:image"' not in html:
            problems.append("no og:image")
        ld = json.loads(
            re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
        )
        if name == "booth" and ld["@type"] not in ("Store", "LocalBusiness"):
            problems.append(f"booth JSON-LD is a {ld['@type']}")
        if (
            name == "product"
            and ld["description"] != "Vải chín cây, cùi dày.\nGiao trong ngày ở thành phố."
        ):
            problems.append(f"product JSON-LD description {ld['description']!r}")
    if prefix and name in ("product", "booth") and not re.search(r'<h1 [^>]*lang="vi"', html):
        problems.append("the Vietnamese name in an English page has no lang=vi")
    if 'href="tel:' in html and re.search(r'href="tel:[^"]*[ .()-]', html):
        problems.append("a tel: link with spaces or punctuation")
    return [f"{prefix or '/'} {name}: {problem}" for problem in problems]


def run_nu_checker(folder):
    """Errors the Nu HTML Checker finds in the .html files under *folder*."""
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java (scripts/services.sh installs it)"
    completed = subprocess.run(
        [java, "-Xss1m", "-jar", str(VNU), "--format", "json", "--stdout", "--exit-zero-always"]
        + sorted(str(path) for path in Path(folder).glob("*.html")),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    messages = json.loads(completed.stdout)["messages"]
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


def test_every_page_type_passes_axe_and_the_nu_checker(
    live_server, browser, search_index, tmp_path, output_dir, settings
):
    settings.PAGE_CACHE_SECONDS = 60  # as in production: the "shared" pages come from it
    assert AXE.exists() and VNU.exists(), "run `make frontend-tools` (npm ci in scripts/frontend)"
    from shops.models import Booth

    pages = build_market()
    seller_cookie = seller_session_cookie(live_server, Booth.objects.get())
    html_dir = tmp_path / "html"
    html_dir.mkdir()

    context = browser.new_context(locale="vi-VN", viewport=VIEWPORTS["desktop"])
    context.set_default_timeout(15_000)
    context.add_init_script(path=str(AXE))  # not subject to the site's CSP
    page = context.new_page()
    violations, heads = [], []
    for size, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        context.clear_cookies()
        state = "anyone"
        for name, path, who in pages:
            if who != state:
                if who == "shopper":
                    page.goto(live_server.url + "/san-pham/vai-thieu-luc-ngan/")
                    # a cached page: static/js/csrf.js fetches the token, then submits
                    with page.expect_navigation():
                        page.locator(".add-to-cart button[type=submit]").first.click()
                    page.wait_for_load_state()
                elif who == "seller":
                    context.add_cookies([seller_cookie])
                state = who
            for prefix in LANGUAGES:
                response = page.goto(live_server.url + prefix + path)
                expected = 404 if name == "404" else 200
                assert response.status == expected, f"{prefix}{path}: {response.status}"
                if "shared" in name:
                    assert response.headers.get("x-page-cache") == "shared", (name, prefix)
                if size == "desktop":
                    slug = f"{name.replace(' ', '-')}{prefix.replace('/', '-')}"
                    (html_dir / f"{slug}.html").write_bytes(response.body())
                    heads += head_problems(name, prefix, response.text())
                for v in page.evaluate(AXE_RUN):
                    violations.append(
                        f"[{size}] {prefix}{path} ({name}): {v['rule']} ({v['impact']}, "
                        f"{v['count']}×) {v['help']} — {'; '.join(v['targets'])}"
                    )
    context.close()

    errors = run_nu_checker(html_dir)
    nu = [
        f"{Path(e.get('url', '')).name}:{e.get('lastLine', '?')}: {e['message']}"
        f" — {e.get('extract', '').strip()[:120]!r}"
        for e in errors
    ]
    report = Path(output_dir) / "frontend-checks.txt"
    report.write_text(
        "\n".join(["# axe", *violations, "", "# Nu", *nu, "", "# head", *heads]) + "\n",
        encoding="utf-8",
    )
    assert not violations and not nu and not heads, (
        f"{len(violations)} axe violations, {len(nu)} Nu errors, {len(heads)} head problems "
        f"(also in {report}):\n" + "\n".join(violations + nu + heads)
    )
