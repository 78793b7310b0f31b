"""English for the names editors and moderators type, so /en/ reads in English.

Runs after the other steps and fills only empty English fields (idempotent; an editor's
own English is never overwritten). Product and booth names, articles and what sellers
write stay Vietnamese, marked lang="vi" on English pages (docs/i18n.md).
"""

from areas.models import Area
from catalog.models import Category, Certification

AREAS = {
    "bac-ninh": "Bac Ninh province",
    "bac-giang": "Bac Giang province (former)",
    "luc-ngan": "Luc Ngan",
    "yen-the": "Yen The",
    "luc-nam": "Luc Nam",
    "viet-yen": "Viet Yen",
    "hiep-hoa": "Hiep Hoa",
    "tan-yen": "Tan Yen",
    "lang-giang": "Lang Giang",
    "son-dong": "Son Dong",
    "yen-dung": "Yen Dung",
    "tp-bac-giang": "Bac Giang city (former)",
    "phuong-bac-giang": "Bac Giang ward",
    "xa-bien-dong": "Bien Dong commune",
    "xa-phon-xuong": "Phon Xuong commune",
    "phuong-chu": "Chu ward",
    "huyen-luc-ngan": "Luc Ngan district (former)",
    "huyen-yen-the": "Yen The district (former)",
}
CATEGORIES = {
    "nong-san-tuoi": "Fresh produce",
    "trai-cay": "Fruit",
    "rau-cu": "Vegetables",
    "gao-ngu-coc": "Rice and grains",
    "thuc-pham-che-bien": "Processed food",
    "dac-san-kho": "Dried specialities",
    "banh-va-my": "Cakes and noodles",
    "san-pham-ocop": "OCOP products",
    "chan-nuoi": "Livestock",
    "do-uong": "Drinks",
    "che": "Tea",
    "ruou": "Rice wine",
    "duoc-lieu": "Medicinal herbs",
    "thu-cong-my-nghe": "Handicrafts",
}
CERTIFICATIONS = {
    "vietgap": ("VietGAP", "Vietnam's good agricultural practice standard."),
    "globalgap": ("GlobalGAP", "The global good agricultural practice standard."),
    "huu-co": ("Organic", "Grown to the organic farming standard TCVN 11041."),
    "ocop": ("OCOP", "Recognised by the One Commune One Product programme."),
    "chi-dan-dia-ly": (
        "Geographical indication",
        "Carries a protected geographical indication.",
    ),
}
NEWS_CATEGORIES = {
    "tin-thi-truong": ("Market news", "Prices, harvests and demand for the province's goods."),
    "nguoi-san-xuat": (
        "Producers",
        "Stories of farming households, cooperatives and craft villages.",
    ),
    "thuong-mai-so": ("Digital trade", "Selling online, payments and delivery."),
    "ocop": ("OCOP products", "Assessing, rating and upgrading OCOP products."),
    "thong-bao": ("Announcements", "Notices from the market's management."),
}
PAGE_TITLES = {"tin-tuc": "News"}
NEWS_INTRO = "Market news, producers' stories and announcements from the market."

STANDARD_PAGES = {
    "gioi-thieu": {
        "title": "About us",
        "lead": "Chợ Tỉnh is the online market for the province's own products, where the "
        "people who make them sell straight to shoppers.",
        "body": [
            "The market gives households, cooperatives and small firms of the province a "
            "steady, low-cost sales channel that depends neither on middlemen nor on the big "
            "platforms.",
            ("h", "What the market does"),
            "Every seller has a booth with a profile, products, orders and view figures. The "
            "market's management approves booths, checks business papers and verifies "
            "certifications such as OCOP and VietGAP.",
            ("h", "Who runs it"),
            "The province's trade promotion centre runs the market together with "
            "cooperatives and trade associations. The market's software is open source.",
        ],
    },
    "huong-dan-mua-hang": {
        "title": "How to buy",
        "lead": "How to find products, order, pay and follow your order.",
        "body": [
            ("h", "1. Find a product"),
            "Type a product name in the search box, with or without Vietnamese accents. Use "
            "the filters to choose an area, a category, a price range, OCOP stars or what "
            "is in season.",
            ("h", "2. Order"),
            "Add products to your cart. At checkout, enter your name, phone number and "
            "delivery address (province, commune, street). A cart with products from several "
            "booths becomes one order per booth.",
            ("h", "3. Pay"),
            "Pay cash on delivery, by bank transfer or by card where the booth accepts it. "
            "The market never asks for your password or a one-time code by phone.",
            ("h", "4. Follow your order"),
            "Open “My orders” to see its status: awaiting confirmation, confirmed, on its "
            "way, delivered or cancelled. You get an e-mail each time the status changes.",
        ],
    },
    "huong-dan-ban-hang": {
        "title": "How to sell",
        "lead": "Open a booth, list products and handle orders in a few steps.",
        "body": [
            ("h", "Open a booth"),
            "Sign in, go to the seller centre and fill in your booth's profile: name, "
            "picture, description, address, area of origin and phone number. The booth "
            "waits for the management's approval.",
            ("h", "List products"),
            "Each product needs a name, a category, a price in dong, a unit, the stock and "
            "at least one photo. Add the months in season and any certification.",
            ("h", "Handle orders"),
            "Confirm a new order within 24 hours, pack it with care and update its status "
            "when you ship. Orders left unconfirmed may be cancelled and their stock "
            "returned.",
        ],
    },
    "quy-che-hoat-dong": {
        "title": "Operating rules",
        "lead": "The rules for sellers, shoppers and the market's management (a sample for "
        "the demonstration).",
        "body": [
            ("h", "Article 1. Scope"),
            "These rules set out the rights and duties of everyone trading on the market: "
            "sellers, shoppers and the management.",
            ("h", "Article 2. Sellers"),
            "Sellers give true information about who they are, where they are and what they "
            "sell; sell only lawful goods of known origin; and answer for the quality of "
            "their goods and the certificates they declare.",
            ("h", "Article 3. Prohibited goods"),
            "Counterfeit goods, goods of unknown origin, wildlife, medicines and anything "
            "the law forbids to trade may not be listed.",
            ("h", "Article 4. Breaches"),
            "The management may hide products and suspend booths that break these rules, "
            "telling the seller why. A suspended booth's products leave the market and its "
            "search results.",
            ("h", "Article 5. Complaints"),
            "Complaints are received through the “Contacts and complaints” page and "
            "answered within five working days.",
        ],
    },
    "lien-he-khieu-nai": {
        "title": "Contacts and complaints",
        "lead": "How to report a problem with a product, an order or a booth.",
        "body": [
            "First call the booth on the phone number on its page: most delivery questions "
            "are settled fastest that way.",
            ("h", "Complaining to the management"),
            "If that does not settle it, e-mail or call the hotline in the footer with the "
            "order code, photos of the product and a description. The management confirms "
            "receipt within one working day and answers within five.",
            ("h", "Your details are protected"),
            "A complainant's details are used only to handle the complaint and are never "
            "published.",
        ],
    },
    "chinh-sach-bao-mat": {
        "title": "Privacy policy",
        "lead": "What the market collects, what it is used for and how it is protected.",
        "body": [
            ("h", "What we collect"),
            "Your e-mail address and (encrypted) password to sign in; your name, phone "
            "number and delivery address when you order; the booth details sellers provide.",
            ("h", "What it is used for"),
            "Only to handle orders, arrange delivery, help customers and keep the market "
            "safe. A seller sees only what is needed to deliver their own booth's orders.",
            ("h", "Card payments"),
            "The market stores no card numbers. Card payments are made on a certified "
            "payment gateway.",
            ("h", "Your rights"),
            "You may see and correct your account details and ask the management to delete "
            "your account.",
        ],
    },
}
BANNERS = {
    "Vải thiều chính vụ": (
        "Lychees in season",
        "Order lychees picked the same day from VietGAP cooperatives.",
        "See the products",
    ),
    "Sản phẩm OCOP của tỉnh": (
        "The province's OCOP products",
        "Rice noodles, honey, green tea… assessed and rated with stars.",
        "Explore",
    ),
    "Mở gian hàng miễn phí": (
        "Open a booth for free",
        "Households and cooperatives sell straight to shoppers nationwide.",
        "How to sell",
    ),
}
MENU_LABELS = {
    "Trang chủ": "Home",
    "Sản phẩm": "Products",
    "Gian hàng": "Booths",
    "Tin tức": "News",
    "Giới thiệu": "About us",
    "Dành cho người mua": "For shoppers",
    "Hướng dẫn mua hàng": "How to buy",
    "Tất cả sản phẩm": "All products",
    "Danh bạ gian hàng": "Booth directory",
    "Dành cho người bán": "For sellers",
    "Hướng dẫn bán hàng": "How to sell",
    "Mở gian hàng": "Open a booth",
    "Chính sách": "Policies",
    "Quy chế hoạt động": "Operating rules",
    "Liên hệ khiếu nại": "Complaints",
    "Chính sách bảo mật": "Privacy policy",
    "Cổng Dịch vụ công quốc gia": "National public-service portal",
    "Cổng thông tin điện tử Chính phủ": "Government portal",
    "Quản lý hoạt động thương mại điện tử": "E-commerce registration (Ministry of Industry "
    "and Trade)",
    "Thủ tục hành chính trực tuyến": "Administrative procedures online",
    "Bộ Công Thương": "Ministry of Industry and Trade",
}
REGISTRATION_NOTICE = (
    "This marketplace is registered with the Ministry of Industry and Trade "
    "(sample: the registration details are filled in when the market goes live)."
)


def _fill(obj, **values):
    """Set the English fields that are still empty; True when something changed."""
    changed = [name for name, value in values.items() if not getattr(obj, name) and value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


def _fill_block(value, field, table):
    """Fill ``<field>_en`` of a struct value from *table* (keyed by the Vietnamese)."""
    if value.get(field) in table and not value.get(field + "_en"):
        value[field + "_en"] = table[value[field]]
        return True
    return False


def names():
    from cms.models import NewsCategory

    for model, key, table in (
        (Area, "slug", AREAS),
        (Category, "slug", CATEGORIES),
        (Certification, "code", CERTIFICATIONS),
        (NewsCategory, "slug", NEWS_CATEGORIES),
    ):
        for obj in model.objects.filter(**{f"{key}__in": list(table)}):
            entry = table[getattr(obj, key)]
            name, description = entry if isinstance(entry, tuple) else (entry, "")
            fields = {"name_en": name}
            if description and hasattr(obj, "description_en"):
                fields["description_en"] = description
            changed = _fill(obj, **fields)
            if changed:
                obj.save(update_fields=changed)


def pages():
    from cms.models import HomePage, NewsIndexPage, StandardPage
    from demo.cms import _publish, build_body

    for page in StandardPage.objects.filter(slug__in=list(STANDARD_PAGES)):
        spec = STANDARD_PAGES[page.slug]
        if _fill(page, title_en=spec["title"], lead_en=spec["lead"]) or not page.body_en:
            if not page.body_en:
                page.body_en = build_body(spec["body"])
            _publish(page)
    for page in NewsIndexPage.objects.filter(slug__in=list(PAGE_TITLES)):
        if _fill(page, title_en=PAGE_TITLES[page.slug], intro_en=NEWS_INTRO):
            _publish(page)
    for home in HomePage.objects.all():
        changed = False
        for block in home.banners:
            if block.block_type != "slide":
                continue
            entry = BANNERS.get(block.value.get("title"))
            if entry:
                table = {
                    block.value["title"]: entry[0],
                    block.value.get("text"): entry[1],
                    block.value.get("link_text"): entry[2],
                }
                for field in ("title", "text", "link_text"):
                    changed = _fill_block(block.value, field, table) or changed
        if changed:
            _publish(home)


def navigation():
    from wagtail.models import Site

    from cms.models import NavigationSettings
    from core.models import SiteSettings

    site = Site.objects.get(is_default_site=True)
    nav = NavigationSettings.for_site(site)
    changed = False
    for block in nav.main_menu:
        changed = _fill_block(block.value, "label", MENU_LABELS) or changed
    for block in nav.footer_columns:
        changed = _fill_block(block.value, "title", MENU_LABELS) or changed
        for link in block.value["links"]:
            changed = _fill_block(link, "label", MENU_LABELS) or changed
    for block in nav.portal_links:
        changed = _fill_block(block.value, "label", MENU_LABELS) or changed
        changed = _fill_block(block.value, "description", MENU_LABELS) or changed
    if nav.registration_notice and _fill(nav, registration_notice_en=REGISTRATION_NOTICE):
        changed = True
    if changed:
        nav.save()
    site_settings = SiteSettings.for_site(site)
    if _fill(site_settings, tagline_en="The online market for the province's own products"):
        site_settings.save()


def run(ctx):
    names()
    pages()
    navigation()
