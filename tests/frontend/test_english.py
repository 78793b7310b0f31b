"""English under /en/ is English; Vietnamese pages carry no English from our templates.

The demo market (`seed_demo`, as `make run` shows it) is walked with the Django test
client over every public page type under /en/. Every visible text node — and the texts a
screen reader or a tooltip reads (alt, title, aria-label, placeholder, button values) —
outside elements marked ``lang="vi"`` must have no Vietnamese letter. Product, booth and
people's names and seller-typed text keep their Vietnamese, marked ``lang="vi"``.

The reverse check renders the Vietnamese pages and fails when the header, menus, footer
or a button shows one of the project's English message ids instead of its translation.
"""

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

# Letters only Vietnamese uses, and any tone mark on a vowel.
VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ]")
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Vietnamese written without diacritics, as a forgotten string sometimes is.
UNACCENTED_WORDS = re.compile(
    r"\b(khong|duoc|nguoi|nhung|trong|cua|gian hang|san pham|dang nhap|gio hang)\b", re.I
)
SKIPPED_ELEMENTS = {"script", "style", "template", "noscript", "svg"}
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "aria-description")
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip


def is_vietnamese(text):
    if VIETNAMESE_LETTERS.search(text) or UNACCENTED_WORDS.search(text):
        return True
    return any(ch in TONE_MARKS for ch in unicodedata.normalize("NFD", text))


class Texts(HTMLParser):
    """Visible texts with the path of elements they sit in, skipping ``lang="vi"``."""

    def __init__(self, skip_lang="vi"):
        super().__init__(convert_charrefs=True)
        self.skip_lang = skip_lang
        self.stack = []  # (tag, skipped)
        self.found = []  # (where, text)
        self.names = set()  # texts inside lang="vi" elements

    @property
    def skipping(self):
        return any(skipped for _tag, skipped in self.stack)

    def where(self, tag=None):
        names = [t for t, _s in self.stack[-3:]] + ([tag] if tag else [])
        return " > ".join(names)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "").lower()
        # the page's own language (<html lang>) is what is checked; a lang="vi" inside it
        # marks a name
        skipped = tag in SKIPPED_ELEMENTS or (lang.startswith(self.skip_lang) and tag != "html")
        if not self.skipping and not skipped:
            for name in TEXT_ATTRIBUTES:
                if attrs.get(name):
                    self.found.append((f"{self.where(tag)} @{name}", attrs[name]))
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.found.append((f"{self.where(tag)} @value", attrs["value"]))
        if tag not in VOID:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        text = " ".join(data.split())
        if not text:
            return
        if not self.skipping:
            self.found.append((self.where(), text))
        elif self.stack and self.stack[-1][0] not in SKIPPED_ELEMENTS:
            self.names.add(text)


def visible_texts(html, skip_lang="vi"):
    parser = Texts(skip_lang)
    parser.feed(html)
    parser.close()
    return parser.found


def names_on(html, site_name):
    """What the page itself marks as Vietnamese (names), longest first, and the market's
    name: allowed where a lang attribute cannot reach (<title>, alt and aria-label)."""
    parser = Texts()
    parser.feed(html)
    parser.close()
    return sorted(parser.names | {site_name}, key=len, reverse=True)


def without_names(text, names):
    for name in names:
        text = text.replace(name, "")
    return text


@pytest.fixture(autouse=True)
def _language_restored():
    """Requests to /en/ leave English active in this thread: put the default back."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def demo_market(settings):
    settings.ELASTICSEARCH_URL = ""
    call_command("seed_demo", "--booths", "4", "--products", "16", verbosity=0)
    from catalog.models import Product
    from cms.models import ArticlePage, StandardPage
    from shops.models import Booth

    product = Product.objects.public().order_by("pk").first()
    return {
        "product": product,
        "category": product.category,
        "booth": Booth.objects.public().order_by("pk").first(),
        "article": ArticlePage.objects.live().order_by("pk").first(),
        "standard": StandardPage.objects.live().get(slug="huong-dan-mua-hang"),
    }


def english_pages(market):
    with translation.override("en"):
        return {
            "home": "/en/",
            "product list": reverse("catalog:product_list"),
            "category": reverse("catalog:category", kwargs={"slug": market["category"].slug}),
            "product": reverse("catalog:product_detail", kwargs={"slug": market["product"].slug}),
            "booth directory": reverse("shops:booth_list"),
            "booth": reverse("shops:booth_detail", kwargs={"slug": market["booth"].slug}),
            "news index": "/en/tin-tuc/",
            "article": market["article"].url,
            "standard page": market["standard"].url,
            "search": reverse("search:search") + "?q=vai",
            "search, nothing found": reverse("search:search") + "?q=zzzqqq",
            "cart": reverse("orders:cart"),
            "checkout": reverse("orders:checkout"),
            "order lookup": reverse("orders:order_lookup"),
            "sign-in": reverse("account_login"),
            "sign-up": reverse("account_signup"),
            "404": "/en/khong-co-trang-nay/",
        }


def fill_cart(client, product):
    with translation.override("en"):
        url = reverse("orders:cart_add")
    client.post(url, {"product": product.pk, "quantity": "1"})


def test_every_english_page_is_english(client, demo_market):
    from core.models import SiteSettings

    site_name = SiteSettings.objects.get().site_name
    fill_cart(client, demo_market["product"])
    problems = []
    for name, url in english_pages(demo_market).items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == (404 if name == "404" else 200), (name, url)
        html = response.content.decode()
        assert '<html lang="en"' in html, (name, url)
        names = names_on(html, site_name)
        for where, text in visible_texts(html):
            if "@" in where or where.endswith("title"):
                text = without_names(text, names)
            if is_vietnamese(text):
                problems.append(f"{name} ({url}) {where}: {text!r}")
    assert not problems, "Vietnamese on English pages:\n" + "\n".join(problems)
    assert_english_names_shown(client, demo_market)


def assert_english_names_shown(client, demo_market):
    """The demo's English names are the ones shown, not a Vietnamese fallback: menus,
    footer, banners, categories, areas, certifications, news categories, standard pages."""
    pages = english_pages(demo_market)
    home = client.get(pages["home"]).content.decode()
    for text in (
        ">Products</a>",  # main menu (edited in Wagtail)
        ">About us</a>",
        ">For shoppers</h2>",  # footer column
        ">Privacy policy</a>",
        "Public-service portals",
        ">Lychees in season</h2>",  # banner
        ">See the products</a>",
        "The online market for the province&#x27;s own products",  # tagline
        ">Fresh produce</span>",  # featured category
    ):
        assert text in home, text
    assert demo_market["category"].name_en in client.get(pages["category"]).content.decode()
    product_list = client.get(pages["product list"]).content.decode()
    for text in (">Luc Ngan</option>", ">Geographical indication</option>"):
        assert text in product_list, text
    news = client.get(pages["news index"]).content.decode()
    assert ">Market news</a>" in news and "<title>News · " in news
    standard = client.get(pages["standard page"]).content.decode()
    assert ">How to buy</h1>" in standard and "<title>How to buy · " in standard
    assert "1. Find a product" in standard  # the English body


def english_msgids():
    """Msgids of the project's Vietnamese catalogues whose translation differs."""
    ids = set()
    roots = [Path(settings.BASE_DIR) / "locale"] + [
        Path(settings.BASE_DIR) / app / "locale" for app in ("accounts", "catalog", "cms", "core",
        "orders", "reviews", "search", "shops", "areas")
    ]  # fmt: skip
    entry = re.compile(r'^msgid "(.+)"\n(?:msgid_plural ".*"\n)?msgstr(?:\[0\])? "(.+)"$', re.M)
    for root in roots:
        po = root / "vi" / "LC_MESSAGES" / "django.po"
        if po.exists():
            for msgid, msgstr in entry.findall(po.read_text(encoding="utf-8")):
                if msgid != msgstr and len(msgid) > 2 and re.search(r"[A-Za-z]{3}", msgid):
                    ids.add(msgid.replace('\\"', '"'))
    return ids


ENGLISH_WORDS = re.compile(
    r"\b(the|and|your|all|sign|search|cart|home|products|booths|news|more|back|next|"
    r"previous|menu|account|language|change|add|order|orders|filters|sort|view|views)\b",
    re.I,
)


def looks_english(text):
    """An interface string left in English: plain ASCII words, one of them common English
    (a string missing from the catalogues is not among the msgids above)."""
    return bool(re.fullmatch(r"[A-Za-z ,.'’:!?()-]+", text)) and bool(ENGLISH_WORDS.search(text))


def test_vietnamese_pages_show_no_english_interface(client, demo_market):
    english = english_msgids()
    assert "Sign in" in english and "Search" in english
    problems = []
    with translation.override("vi"):
        pages = {
            "home": "/",
            "product list": reverse("catalog:product_list"),
            "booth": reverse("shops:booth_detail", kwargs={"slug": demo_market["booth"].slug}),
            "standard page": demo_market["standard"].url,
            "cart": reverse("orders:cart"),
            "sign-in": reverse("account_login"),
        }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        html = response.content.decode()
        assert '<html lang="vi"' in html, (name, url)
        for where, text in visible_texts(html, skip_lang="en"):  # "English" in the switcher
            if text in english or looks_english(text):
                problems.append(f"{name} ({url}) {where}: {text!r}")
    assert not problems, "English interface strings on Vietnamese pages:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "text, vietnamese",
    [
        ("Add to cart", False),
        ("Thêm vào giỏ", True),
        ("Đà Lạt", True),
        ("Gia dinh khong", True),
        ("Luc Ngan lychee", False),
        ("85,000 ₫", False),
    ],
)
def test_the_detector(text, vietnamese):
    assert is_vietnamese(text) is vietnamese


def test_lang_vi_subtrees_are_skipped():
    html = '<p>Made by <span lang="vi">Hợp tác xã <b>Lục Ngạn</b></span> farmers</p><img alt="Ảnh">'
    assert visible_texts(html) == [("p", "Made by"), ("p", "farmers"), ("img @alt", "Ảnh")]
