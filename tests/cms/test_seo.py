"""sitemap.xml, robots.txt, canonical URLs, language alternates, Open Graph."""

import xml.etree.ElementTree as ET

import pytest

from catalog.models import Product
from shops.models import Booth
from tests.factories import BoothFactory, ProductFactory

pytestmark = pytest.mark.django_db
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_locations(client):
    """Every address listed by the sections the sitemap index points to."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = ET.fromstring(response.content)
    assert index.tag == f"{NS}sitemapindex"
    sections = [loc.text for loc in index.iter(f"{NS}loc")]
    assert {s.split("/")[-1].split("?")[0] for s in sections} == {
        "sitemap-pages.xml",
        "sitemap-products.xml",
        "sitemap-booths.xml",
    }
    locations = []
    for section in sections:
        response = client.get(section.replace("http://testserver", ""))
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        assert root.tag == f"{NS}urlset"
        locations += [loc.text for loc in root.iter(f"{NS}loc")]
    return locations


def test_unknown_sitemap_section_is_a_404(client):
    assert client.get("/sitemap-khong-co.xml").status_code == 404


def test_sitemap_lists_live_pages_public_products_and_booths(client, make_article):
    article = make_article(title="Đã đăng")
    draft = make_article(title="Nháp", live=False)
    product = ProductFactory(slug="vai-thieu-luc-ngan")
    ProductFactory(slug="san-pham-an", status=Product.Status.HIDDEN)
    ProductFactory(slug="san-pham-nhap", status=Product.Status.DRAFT)
    suspended = BoothFactory(slug="gian-bi-ngung", status=Booth.Status.SUSPENDED)
    ProductFactory(slug="hang-gian-ngung", booth=suspended)
    BoothFactory(slug="gian-cho-duyet", status=Booth.Status.PENDING)

    locations = sitemap_locations(client)
    paths = [loc.split("://", 1)[1].split("/", 1)[1] for loc in locations]
    paths = ["/" + p for p in paths]
    assert "/" in paths and "/tin-tuc/" in paths
    assert article.url in paths
    assert f"/tin-tuc/{draft.slug}/" not in paths
    assert product.get_absolute_url() in paths
    assert product.booth.get_absolute_url() in paths
    for hidden in (
        "san-pham-an",
        "san-pham-nhap",
        "hang-gian-ngung",
        "gian-bi-ngung",
        "gian-cho-duyet",
    ):
        assert not any(hidden in p for p in paths), hidden
    assert all(loc.startswith("http") for loc in locations)


def test_robots_txt_points_to_the_sitemap_and_keeps_admin_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /cms-admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_article_head_has_canonical_alternates_description_and_og_image(client, make_article):
    article = make_article(title="Gà đồi vào mùa Tết", lead="Gà đồi được đặt nhiều dịp cuối năm.")
    html = client.get(article.url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{article.url}">' in html
    assert f'hreflang="vi" href="http://testserver{article.url}"' in html
    assert f'hreflang="en" href="http://testserver/en{article.url}"' in html
    assert '<meta name="description" content="Gà đồi được đặt nhiều dịp cuối năm.">' in html
    assert '<meta property="og:image" content="http://testserver/' in html
    assert '<meta property="og:type" content="article">' in html


def test_english_page_has_english_canonical(client, make_article):
    path = make_article().url
    assert path.startswith("/tin-tuc/")
    html = client.get(f"/en{path}").content.decode()
    assert f'<link rel="canonical" href="http://testserver/en{path}">' in html


def test_news_index_canonical_keeps_the_page_number(client, make_article, monkeypatch):
    from cms.models import NewsIndexPage

    monkeypatch.setattr(NewsIndexPage, "per_page", 1)
    make_article()
    make_article()
    html = client.get("/tin-tuc/?page=2&utm_source=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/tin-tuc/?page=2">' in html
    assert 'type="application/rss+xml"' in html


def test_article_carries_news_article_json_ld(client, make_article):
    import json

    article = make_article(title="Mật ong </script><b>hoa vải</b>", lead="Mật ong vụ xuân.")
    html = client.get(article.url).content.decode()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    payload = html[start : html.index("</script>", start)]
    data = json.loads(payload)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Mật ong </script><b>hoa vải</b>"
    assert data["author"]["name"] == "Ban biên tập"
    assert data["image"][0].startswith("http://testserver/")


def _json_ld_blocks(html):
    import json

    marker = '<script type="application/ld+json">'
    blocks, start = [], html.find(marker)
    while start != -1:
        start += len(marker)
        blocks.append(json.loads(html[start : html.index("</script>", start)]))
        start = html.find(marker, start)
    return blocks


def test_english_product_and_booth_json_ld_name_category_and_place_in_english(client):
    product = ProductFactory(
        category__name="Trái cây", category__name_en="Fruit", booth__area__name_en="Luc Ngan"
    )
    product.booth.area.name = "Lục Ngạn"
    product.booth.area.save()
    product_url, booth_url = product.get_absolute_url(), product.booth.get_absolute_url()
    en = _json_ld_blocks(client.get("/en" + product_url).content.decode())
    assert any(b.get("category") == "Fruit" for b in en)
    vi = _json_ld_blocks(client.get(product_url).content.decode())
    assert any(b.get("category") == "Trái cây" for b in vi)
    booth = _json_ld_blocks(client.get("/en" + booth_url).content.decode())
    assert any(b.get("address", {}).get("addressLocality") == "Luc Ngan" for b in booth)
