"""Issue 12, row 6 in Chromium (with the other browser tests, to share their browser): the pages run under their CSP without a single violation.

Each page is opened in headless Chromium (tests/e2e's set-up); a `securitypolicyviolation`
listener and the console both report anything the policy blocked. Pages: home (with a
banner and JSON-LD-free markup), a product (JSON-LD), an article (JSON-LD, video link),
the seller's product form (its photo preview script, a blob: preview), a packing slip,
and the Wagtail admin's dashboard and page editor under the admin policy.
"""

from urllib.parse import urlparse

import pytest
from django.utils import timezone

from tests.factories import (
    DEFAULT_PASSWORD,
    BoothFactory,
    CategoryFactory,
    MembershipFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
    make_image_bytes,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def _open(page, url, messages):
    response = page.goto(url)
    page.wait_for_load_state("load")
    # The page really ran under a policy (without one there is nothing to violate).
    assert "script-src 'self'" in response.headers.get("content-security-policy", ""), url
    return page.evaluate("window.__csp") + [m for m in messages if "Content Security" in m]


@pytest.fixture
def pages_to_open(live_server):
    from cms.models import ArticlePage, NewsIndexPage
    from cms.site_setup import ensure_home_page

    seller = UserFactory()
    booth = BoothFactory(slug="htx-vai")
    MembershipFactory(booth=booth, user=seller)
    product = ProductFactory(booth=booth, category=CategoryFactory(slug="trai-cay"))
    ProductImageFactory(product=product)
    home = ensure_home_page()
    index = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    home.add_child(instance=index)
    index.save_revision().publish()
    article = ArticlePage(
        title="Tin mùa vải",
        slug="tin-mua-vai",
        date=timezone.localdate(),
        lead="Tóm tắt.",
        body=[
            (
                "video",
                {"url": "https://video.example/1", "title": "Vườn vải", "thumbnail": None},
            )
        ],
    )
    index.add_child(instance=article)
    article.save_revision().publish()
    editor = UserFactory(is_staff=True, is_superuser=True)
    return {
        "seller": seller,
        "editor": editor,
        "public": ["/", product.get_absolute_url(), article.url, "/san-pham/", "/tim-kiem/?q=vai"],
        "seller_pages": [f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/"],
        "admin": ["/cms-admin/", f"/cms-admin/pages/{article.pk}/edit/", "/cms-admin/images/"],
    }


def _sign_in(page, base, user, admin=False):
    if admin:
        page.goto(base + "/cms-admin/login/")
        page.fill('input[name="username"]', user.email)
        page.fill('input[name="password"]', DEFAULT_PASSWORD)
        page.click('button[type="submit"]')
        page.wait_for_url(base + "/cms-admin/")
        return
    page.goto(f"{base}/tai-khoan/login/?next=/kenh-nguoi-ban/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(lambda url: urlparse(url).path == "/kenh-nguoi-ban/")


def test_no_csp_violation_on_public_seller_and_admin_pages(
    live_server, new_page, pages_to_open, tmp_path
):
    base = live_server.url
    found = {}

    page = new_page("desktop")
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    page.add_init_script(LISTEN)
    for path in pages_to_open["public"]:
        found[path] = _open(page, base + path, messages)

    seller = new_page("desktop")
    seller_messages = []
    seller.on("console", lambda m: seller_messages.append(m.text))
    seller.add_init_script(LISTEN)
    _sign_in(seller, base, pages_to_open["seller"])
    for path in pages_to_open["seller_pages"]:
        found[path] = _open(seller, base + path, seller_messages)
        photo = tmp_path / "vai.jpg"
        photo.write_bytes(make_image_bytes(120, 90, fmt="JPEG"))
        assert seller.locator("input[type=file]").count(), (seller.url, seller.title())
        seller.set_input_files("input[type=file]", str(photo))
        seller.wait_for_selector(".photo-preview img")  # the preview script ran
        found[path + " (preview)"] = seller.evaluate("window.__csp")

    admin = new_page("desktop")
    admin_messages = []
    admin.on("console", lambda m: admin_messages.append(m.text))
    admin.add_init_script(LISTEN)
    _sign_in(admin, base, pages_to_open["editor"], admin=True)
    for path in pages_to_open["admin"]:
        found[path] = _open(admin, base + path, admin_messages)

    violations = {path: v for path, v in found.items() if v}
    assert not violations, "\n".join(f"{p}: {v}" for p, v in violations.items())
