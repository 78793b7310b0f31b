"""The home page: editors' choices, newest products, latest news, menus; fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Product
from cms.models import HomeFeaturedBooth, HomeFeaturedCategory, HomeFeaturedProduct
from shops.models import Booth
from tests.factories import (
    BoothFactory,
    CategoryFactory,
    ImageFactory,
    ProductFactory,
    ProductImageFactory,
)

pytestmark = pytest.mark.django_db


def feature(home, products=(), booths=(), categories=()):
    home.featured_products = [HomeFeaturedProduct(product=p) for p in products]
    home.featured_booths = [HomeFeaturedBooth(booth=b) for b in booths]
    home.featured_categories = [HomeFeaturedCategory(category=c) for c in categories]
    home.save_revision().publish()


def section(html, heading_id):
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_featured_items_in_editor_order_and_hidden_ones_drop_out(client, home):
    first = ProductFactory(name="Mỳ Chũ")
    second = ProductFactory(name="Vải thiều sấy")
    hidden = ProductFactory(name="Sản phẩm đã ẩn")
    suspended_booth = BoothFactory(name="Gian bị tạm ngừng")
    on_suspended = ProductFactory(name="Hàng của gian bị ngừng", booth=suspended_booth)
    booth = BoothFactory(name="HTX Gà đồi")
    feature(
        home,
        products=[second, first, hidden, on_suspended],
        booths=[booth, suspended_booth],
        categories=[CategoryFactory(name="Nông sản")],
    )
    hidden.status = Product.Status.HIDDEN
    hidden.save()
    suspended_booth.status = Booth.Status.SUSPENDED
    suspended_booth.save()

    html = client.get("/").content.decode()
    featured = section(html, "home-featured")
    assert featured.index("Vải thiều sấy") < featured.index("Mỳ Chũ")
    assert "Sản phẩm đã ẩn" not in html
    assert "Hàng của gian bị ngừng" not in html
    booths = section(html, "home-booths")
    assert "HTX Gà đồi" in booths and "Gian bị tạm ngừng" not in booths
    assert "Nông sản" in section(html, "home-cats")


def test_newest_products_and_latest_news(client, make_article):
    ProductFactory(name="Sản phẩm mới lên sàn")
    ProductFactory(name="Sản phẩm nháp", status=Product.Status.DRAFT)
    make_article(title="Tin mới nhất của chợ")
    make_article(title="Tin chưa duyệt", live=False)
    html = client.get("/").content.decode()
    newest = section(html, "home-newest")
    assert "Sản phẩm mới lên sàn" in newest and "Sản phẩm nháp" not in newest
    news = section(html, "home-news")
    assert "Tin mới nhất của chợ" in news and "Tin chưa duyệt" not in news


def test_home_without_anything_configured_still_renders(client, home):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chưa có sản phẩm nào được bày bán." in html
    assert 'class="hero"' in html  # no banner: the built-in hero
    assert "Dành cho người mua" in html  # built-in footer links


def test_banner_carousel_renders_slides(client, home):
    image = ImageFactory()
    home.banners = [
        (
            "slide",
            {
                "image": image,
                "title": "Vải thiều chính vụ",
                "text": "Đặt ngay",
                "link_text": "Xem",
                "link_page": None,
                "link_url": "/san-pham/",
            },
        )
    ]
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert 'class="banner__slide"' in html
    assert "Vải thiều chính vụ" in html
    assert 'href="/san-pham/"' in html
    en = client.get("/en/").content.decode()
    assert 'href="/en/san-pham/"' in en


def test_menus_and_footer_come_from_wagtail_settings(client, home, news_index):
    from wagtail.models import Site

    from cms.models import NavigationSettings

    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    nav.main_menu = [("link", {"label": "Chợ phiên", "page": None, "url": "/san-pham/"})]
    nav.footer_columns = [
        (
            "column",
            {
                "title": "Về chợ",
                "links": [{"label": "Tin của chợ", "page": news_index, "url": ""}],
            },
        )
    ]
    nav.portal_links = [
        (
            "portal",
            {
                "label": "Cổng Dịch vụ công quốc gia",
                "url": "https://dichvucong.gov.vn/",
                "description": "",
            },
        )
    ]
    nav.registration_notice = "Đã thông báo với Bộ Công Thương"
    nav.save()
    html = client.get("/").content.decode()
    menu = html[html.index('class="main-nav__list"') :]
    menu = menu[: menu.index("</ul>")]
    assert "Chợ phiên" in menu and "Trang chủ" not in menu
    assert "Về chợ" in html and 'href="/tin-tuc/"' in html
    assert "Dành cho người mua" not in html
    assert 'href="https://dichvucong.gov.vn/"' in html
    assert "Đã thông báo với Bộ Công Thương" in html


def _count(client, url="/"):
    client.get(url)  # warm caches: site root paths, market figures, renditions
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _add_items(home, make_article, n):
    products = []
    for i in range(n):
        booth = BoothFactory(logo=ImageFactory())
        product = ProductFactory(booth=booth)
        ProductImageFactory(product=product)
        ProductImageFactory(product=product)
        products.append(product)
        make_article(title=f"Tin {i}", days_ago=i, tags=[f"the {i}"])
    feature(
        home,
        products=products,
        booths=[p.booth for p in products],
        categories=[CategoryFactory(image=ImageFactory()) for _ in range(n)],
    )


def test_home_query_count_is_the_same_for_one_and_many_items(client, home, make_article):
    _add_items(home, make_article, 1)
    one = _count(client)
    _add_items(home, make_article, 7)
    many = _count(client)
    print(f"home queries: {one} (1 item each) / {many} (8 items each)")
    assert one == many


def test_home_preview_with_unsaved_featured_items(client, home, superuser):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    product = ProductFactory(name="Chè xanh Tân Cương")
    category = CategoryFactory(name="Đồ uống")
    client.force_login(superuser)
    data = nested_form_data(
        {
            "title": home.title,
            "slug": home.slug,
            "intro": "Xem trước trang chủ",
            "lead": "",
            "banners": streamfield([]),
            "featured_categories": inline_formset([{"category": category.pk}]),
            "featured_products": inline_formset([{"product": product.pk}]),
            "featured_booths": inline_formset([]),
        }
    )
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(home.pk,))
    assert client.post(url, data).json()["is_valid"] is True
    html = client.get(url).content.decode()
    assert "Chè xanh Tân Cương" in section(html, "home-featured")
    assert "Đồ uống" in section(html, "home-cats")
