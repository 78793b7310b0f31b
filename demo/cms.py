"""Demo content: home page layout, news section with articles, standard pages, menus.

Idempotent: pages are looked up by slug, images by title, settings filled only when empty.
"""

import datetime
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from demo import cms_content as content

FONT_PATHS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
]
CATEGORY_COLOURS = {
    "tin-thi-truong": ((176, 28, 46), (240, 150, 60)),
    "nguoi-san-xuat": ((31, 111, 67), (160, 190, 80)),
    "thuong-mai-so": ((28, 64, 120), (70, 160, 200)),
    "ocop": ((150, 90, 10), (240, 200, 80)),
    "thong-bao": ((60, 60, 80), (130, 140, 170)),
}


def _font(size):
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _wrap(draw, text, font, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def make_picture(title, colours, size=(1200, 675), seed=0, with_text=True):
    """A countryside scene (demo/pictures.py) with the title: a believable cover, no
    download. *colours* is kept for callers; the scene follows *seed*."""
    from demo import pictures

    width, height = size
    scene = pictures.SCENES[seed % len(pictures.SCENES)]
    image = PILImage.open(io.BytesIO(pictures.landscape(scene, size=size, seed=seed)))
    image = image.convert("RGB")
    draw = ImageDraw.Draw(image)
    if not with_text:
        return _jpeg(image)
    font = _font(max(28, width // 22))
    lines = _wrap(draw, title, font, width - 120)[:3]
    line_height = font.size + 14
    y = height - 60 - line_height * len(lines)
    for line in lines:
        draw.text((62, y + 2), line, font=font, fill=(0, 0, 0))
        draw.text((60, y), line, font=font, fill=(255, 255, 255))
        y += line_height
    return _jpeg(image)


def _jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def get_or_make_image(title, colours, seed=0, size=(1200, 675), alt="", with_text=True):
    from images.collections import editorial_collection
    from images.models import CustomImage

    image = CustomImage.objects.filter(title=title).first()
    if image is not None:
        return image
    data = make_picture(title, colours, size=size, seed=seed, with_text=with_text)
    image = CustomImage(title=title, alt_text=alt or title, collection=editorial_collection())
    image.file = ImageFile(io.BytesIO(data), name=f"cms-{seed}.jpg")
    image.save()
    return image


def build_body(items, images=None, products=()):
    """Turn the content lists into StreamField data."""
    stream = []
    for item in items:
        if isinstance(item, str):
            stream.append(("paragraph", _rich(item)))
        elif item[0] == "h":
            stream.append(("heading", {"text": item[1], "level": "h2"}))
        elif item[0] == "q":
            stream.append(("quote", {"text": item[1], "attribution": item[2]}))
        elif item[0] == "t":
            stream.append(("table", images.get("table")))
        elif item[0] == "v":
            stream.append(
                (
                    "video",
                    {
                        "url": "https://www.youtube.com/watch?v=cho-tinh-demo",
                        "title": "Video: một buổi tập huấn bán hàng trực tuyến",
                        "thumbnail": images.get("figure"),
                    },
                )
            )
    if images and images.get("figure") and len(stream) > 2:
        stream.insert(
            2,
            (
                "image",
                {
                    "image": images["figure"],
                    "alt": "",
                    "caption": "Ảnh minh họa do ban biên tập thực hiện.",
                },
            ),
        )
    if products:
        stream.append(
            ("related_products", {"title": "Sản phẩm liên quan", "products": list(products)})
        )
    return stream


def _rich(text):
    from django.utils.html import escape
    from wagtail.rich_text import RichText

    return RichText(f"<p>{escape(text)}</p>")


def _publish(page, user=None):
    revision = page.save_revision(user=user, log_action=False)
    revision.publish(user=user, log_action=False)
    page.refresh_from_db()
    return page


def ensure_news_index(home):
    from cms.models import NewsIndexPage

    news = NewsIndexPage.objects.filter(slug="tin-tuc").first()
    if news is None:
        news = NewsIndexPage(
            title="Tin tức",
            slug="tin-tuc",
            intro="Tin thị trường, câu chuyện người sản xuất và thông báo của Chợ Tỉnh.",
            search_description="Tin tức của sàn Chợ Tỉnh: thị trường, mùa vụ, OCOP, thương mại số.",
        )
        home.add_child(instance=news)
        _publish(news)
    return news


def ensure_categories():
    from cms.models import NewsCategory

    categories = {}
    for order, (slug, name, description) in enumerate(content.NEWS_CATEGORIES):
        category, _ = NewsCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
        categories[slug] = category
    return categories


def _related_products(rng, count=3):
    from catalog.models import Product

    ids = list(Product.objects.public().order_by("pk").values_list("pk", flat=True)[:60])
    if not ids:
        return []
    chosen = rng.sample(ids, min(count, len(ids)))
    return list(Product.objects.filter(pk__in=chosen))


def ensure_articles(ctx, news, categories):
    from cms.models import ArticlePage

    today = timezone.localdate()
    bar = ctx.progress(len(content.ARTICLES), "Bài viết")
    for index, spec in enumerate(content.ARTICLES):
        if ArticlePage.objects.filter(slug=spec["slug"]).exists():
            bar.advance()
            continue
        colours = CATEGORY_COLOURS[spec["categories"][0]]
        cover = get_or_make_image(spec["title"], colours, seed=index)
        figure = get_or_make_image(
            f"Minh họa: {spec['title']}", colours[::-1], seed=index + 40, size=(1000, 600)
        )
        table = None
        if spec["slug"] == "lich-mua-vu-nong-san-trong-nam":
            table = content.SEASON_TABLE
        elif spec["slug"] == "them-12-san-pham-dat-ocop":
            table = content.OCOP_TABLE
        products = _related_products(ctx.rng) if index % 2 == 0 else []
        article = ArticlePage(
            title=spec["title"],
            slug=spec["slug"],
            date=today - datetime.timedelta(days=spec["days_ago"]),
            author_name=spec["author"],
            lead=spec["lead"],
            cover_image=cover,
            search_description=spec["lead"][:160],
            body=build_body(spec["body"], {"figure": figure, "table": table}, products),
        )
        article.categories = [categories[slug] for slug in spec["categories"]]
        news.add_child(instance=article)
        article.tags.add(*spec["tags"])
        _publish(article)
        bar.advance()
    bar.finish()


def ensure_standard_pages(home):
    from cms.models import StandardPage

    pages = {}
    for spec in content.STANDARD_PAGES:
        page = StandardPage.objects.filter(slug=spec["slug"]).first()
        if page is None:
            page = StandardPage(
                title=spec["title"],
                slug=spec["slug"],
                lead=spec["lead"],
                search_description=spec["lead"][:160],
                body=build_body(spec["body"]),
            )
            home.add_child(instance=page)
            _publish(page)
        pages[spec["slug"]] = page
    return pages


def ensure_home_layout(home, rng):
    from catalog.models import Category
    from cms.models import HomeFeaturedBooth, HomeFeaturedCategory, HomeFeaturedProduct
    from shops.models import Booth

    changed = False
    if not home.banners:
        slides = []
        for index, (title, text, link_text, url, colours) in enumerate(content.BANNERS):
            image = get_or_make_image(
                f"Băng rôn: {title}", colours, seed=index + 80, size=(1400, 520), with_text=False
            )
            slides.append(
                (
                    "slide",
                    {
                        "image": image,
                        "title": title,
                        "text": text,
                        "link_text": link_text,
                        "link_page": None,
                        "link_url": url,
                    },
                )
            )
        home.banners = slides
        changed = True
    if not home.featured_categories.exists():
        categories = list(Category.objects.filter(is_active=True, parent__isnull=True)[:8])
        if not categories:
            categories = list(Category.objects.filter(is_active=True)[:8])
        home.featured_categories = [HomeFeaturedCategory(category=c) for c in categories]
        changed = changed or bool(categories)
    if not home.featured_products.exists():
        products = _related_products(rng, count=8)
        home.featured_products = [HomeFeaturedProduct(product=p) for p in products]
        changed = changed or bool(products)
    if not home.featured_booths.exists():
        booths = list(Booth.objects.public().filter(is_verified=True)[:6]) or list(
            Booth.objects.public()[:6]
        )
        home.featured_booths = [HomeFeaturedBooth(booth=b) for b in booths]
        changed = changed or bool(booths)
    if changed:
        _publish(home)


def ensure_navigation(site, news, pages):
    from cms.models import NavigationSettings

    nav = NavigationSettings.for_site(site)
    if nav.main_menu or nav.footer_columns:
        return nav

    def link(label, page=None, url=""):
        return {"label": label, "page": page, "url": url}

    nav.main_menu = [
        ("link", link("Trang chủ", url="/")),
        ("link", link("Sản phẩm", url="/san-pham/")),
        ("link", link("Gian hàng", url="/gian-hang/")),
        ("link", link("Tin tức", page=news)),
        ("link", link("Giới thiệu", page=pages["gioi-thieu"])),
    ]
    nav.footer_columns = [
        (
            "column",
            {
                "title": "Dành cho người mua",
                "links": [
                    link("Hướng dẫn mua hàng", page=pages["huong-dan-mua-hang"]),
                    link("Tất cả sản phẩm", url="/san-pham/"),
                    link("Danh bạ gian hàng", url="/gian-hang/"),
                    link("Tin tức", page=news),
                ],
            },
        ),
        (
            "column",
            {
                "title": "Dành cho người bán",
                "links": [
                    link("Hướng dẫn bán hàng", page=pages["huong-dan-ban-hang"]),
                    link("Mở gian hàng", url="/kenh-nguoi-ban/"),
                ],
            },
        ),
        (
            "column",
            {
                "title": "Chính sách",
                "links": [
                    link("Giới thiệu", page=pages["gioi-thieu"]),
                    link("Quy chế hoạt động", page=pages["quy-che-hoat-dong"]),
                    link("Liên hệ khiếu nại", page=pages["lien-he-khieu-nai"]),
                    link("Chính sách bảo mật", page=pages["chinh-sach-bao-mat"]),
                ],
            },
        ),
    ]
    nav.portal_links_title = "Cổng dịch vụ công"
    nav.portal_links = [
        (
            "portal",
            {
                "label": "Cổng Dịch vụ công quốc gia",
                "url": "https://dichvucong.gov.vn/",
                "description": "Thủ tục hành chính trực tuyến",
            },
        ),
        (
            "portal",
            {
                "label": "Cổng thông tin điện tử Chính phủ",
                "url": "https://chinhphu.vn/",
                "description": "",
            },
        ),
        (
            "portal",
            {
                "label": "Quản lý hoạt động thương mại điện tử",
                "url": "https://online.gov.vn/",
                "description": "Bộ Công Thương",
            },
        ),
    ]
    nav.registration_notice = (
        "Sàn giao dịch thương mại điện tử đã đăng ký với Bộ Công Thương "
        "(bản mẫu: thông tin đăng ký điền khi vận hành thật)."
    )
    nav.registration_url = "https://online.gov.vn/"
    nav.save()
    return nav


def run(ctx):
    from wagtail.models import Site

    from cms.site_setup import ensure_home_page
    from cms.workflow import ensure_editorial_workflow

    home = ensure_home_page()
    site = Site.objects.get(is_default_site=True)
    news = ensure_news_index(home)
    categories = ensure_categories()
    ensure_articles(ctx, news, categories)
    pages = ensure_standard_pages(home)
    home.refresh_from_db()
    ensure_home_layout(home, ctx.rng)
    ensure_navigation(site, news, pages)
    ensure_editorial_workflow(home)
