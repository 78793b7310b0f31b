"""A small, fixed number of SQL queries per page, whatever the catalogue size (uncached:
the page cache is off in the test settings, as for a signed-in reader)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Certification
from cms.models import HomeFeaturedBooth, HomeFeaturedProduct
from tests.factories import BoothFactory, ImageFactory, ProductFactory, ProductImageFactory

# Issue 14's targets were home 10, list 6, product 8, article 8; these are what the
# pages reach. Measured as a reader meets the page: the home page's card sections and
# banners come from the fragment cache when warm (FRAGMENT_CACHE_SECONDS on, as in
# production), Wagtail's route and view-restriction check from cms/routing.py, the menus'
# and footer's page links from cms/navigation.py.
LIMITS = {"home": 1, "list": 1, "product": 4, "article": 7}


def _menus_and_banners(home, news_index):
    """Menus, footer and banners that link pages, as an editor sets them up."""
    from wagtail.models import Site

    from cms.models import NavigationSettings

    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    link = {"label": "Tin tức", "label_en": "News", "page": news_index, "url": ""}
    nav.main_menu = [("link", link), ("link", {**link, "page": home})]
    nav.footer_columns = [("column", {"title": "Về chợ", "title_en": "", "links": [link]})]
    nav.save()
    slide = {"image": ImageFactory(), "title": "Mùa vải", "text": "", "link_text": "Xem"}
    home.banners = [("slide", {**slide, "link_page": news_index, "link_url": ""})]
    home.save_revision().publish()


@pytest.fixture(autouse=True)
def fragment_cache(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300


def _queries(client, url):
    client.get(url)  # warm: renditions, site settings, market figures
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def _fill(n, home, make_article):
    cert, _ = Certification.objects.get_or_create(code="vietgap", defaults={"name": "VietGAP"})
    products = []
    for i in range(n):
        booth = BoothFactory(logo=ImageFactory())
        product = ProductFactory(booth=booth, name=f"Vải thiều {i}")
        ProductImageFactory(product=product)
        ProductImageFactory(product=product)
        product.certifications.add(cert)
        products.append(product)
        HomeFeaturedProduct.objects.create(page=home, product=product, sort_order=i)
        HomeFeaturedBooth.objects.create(page=home, booth=booth, sort_order=i)
        make_article(title=f"Tin {n}-{i}", tags=[f"the-{i}"])
    return products


@pytest.mark.parametrize("page", ["home", "list", "product", "article"])
def test_queries_per_page_are_few_and_constant(
    client, page, home, news_index, make_article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _menus_and_banners(home, news_index)
    counts = {}
    for n in (1, 30):
        # Commit callbacks run, as in production: the saves purge the cached fragments.
        with django_capture_on_commit_callbacks(execute=True):
            products = _fill(n, home, make_article)
            article = make_article(title=f"Bài {n}")
        url = {
            "home": "/",
            "list": "/san-pham/",
            "product": products[0].get_absolute_url(),
            "article": article.url,
        }[page]
        queries = _queries(client, url)
        counts[n] = len(queries)
        assert counts[n] <= LIMITS[page], "\n".join(queries)
    assert counts[1] == counts[30], counts
    print(f"{page}: {counts[1]} queries")
