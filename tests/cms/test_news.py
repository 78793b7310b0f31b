"""The news section: list, filters, pagination, feeds, article page."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import NewsIndexPage

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_news_index_lists_live_articles_newest_first(client, make_article):
    make_article(title="Tin cũ", days_ago=10)
    make_article(title="Tin mới", days_ago=1)
    make_article(title="Bản nháp chưa đăng", live=False)
    response = client.get("/tin-tuc/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Tin mới") < html.index("Tin cũ")
    assert "Bản nháp chưa đăng" not in html


def test_pagination_past_the_end_shows_the_last_page(client, make_article, monkeypatch):
    monkeypatch.setattr(NewsIndexPage, "per_page", 2)
    for i in range(5):
        make_article(title=f"Tin số {i}", days_ago=i)
    response = client.get("/tin-tuc/?page=99")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trang 3 / 3" in html
    assert "Tin số 4" in html


@pytest.mark.parametrize("page", ["abc", "1.5", "-1x", "0", "-3", "%00"])
def test_garbage_page_number_shows_the_first_page(client, make_article, monkeypatch, page):
    monkeypatch.setattr(NewsIndexPage, "per_page", 1)
    make_article(title="Tin mới nhất", days_ago=0)
    make_article(title="Tin hôm qua", days_ago=1)
    response = client.get(f"/tin-tuc/?page={page}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trang 1 / 2" in html
    assert "Tin mới nhất" in html and "Tin hôm qua" not in html


def test_filter_by_category_and_tag(client, make_article, category):
    make_article(title="Giá vải tăng", categories=[category], tags=["vải thiều"])
    make_article(title="Tập huấn người bán", tags=["tập huấn"])
    by_category = client.get("/tin-tuc/?category=tin-thi-truong").content.decode()
    assert "Giá vải tăng" in by_category and "Tập huấn người bán" not in by_category
    by_tag = client.get("/tin-tuc/?tag=tap-huan").content.decode()
    assert "Tập huấn người bán" in by_tag and "Giá vải tăng" not in by_tag


@pytest.mark.parametrize(
    "query, message",
    [("category=khong-co", "Không có chuyên mục tin"), ("tag=khong-co", "Không có thẻ")],
)
def test_unknown_category_or_tag_gives_an_empty_list_with_a_message(
    client, make_article, query, message
):
    make_article(title="Một bài có thật")
    response = client.get(f"/tin-tuc/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Một bài có thật" not in html


def test_rss_feed_is_valid_xml_with_live_articles_only(client, make_article, category):
    make_article(title="Tin đã đăng", categories=[category])
    make_article(title="Tin nháp", live=False)
    response = client.get("/tin-tuc/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    items = root.findall("./channel/item")
    assert [i.findtext("title") for i in items] == ["Tin đã đăng"]
    assert items[0].findtext("link").endswith("/tin-tuc/bai-viet-1/")
    assert items[0].findtext("category") == "Tin thị trường"


def test_english_feed_speaks_english_where_the_editors_wrote_it(
    client, news_index, make_article, category
):
    news_index.title_en, news_index.intro_en = "News", "The market's news."
    news_index.save_revision().publish()
    category.name_en = "Market news"
    category.save()
    make_article(title="Tin đã đăng", categories=[category])
    root = ET.fromstring(client.get("/en/tin-tuc/rss/").content)
    channel = root.find("./channel")
    assert channel.findtext("title").startswith("News · ")
    assert channel.findtext("description") == "The market's news."
    assert channel.findtext("language") == "en"
    assert channel.find("./item").findtext("category") == "Market news"
    # The Vietnamese feed is unchanged.
    vi = ET.fromstring(client.get("/tin-tuc/rss/").content).find("./channel")
    assert vi.findtext("title").startswith("Tin tức · ")
    assert vi.find("./item").findtext("category") == "Tin thị trường"


def test_atom_feed_is_valid_xml(client, make_article):
    make_article(title="Tin Atom")
    response = client.get("/tin-tuc/atom/")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")] == ["Tin Atom"]


def test_article_page_shows_meta_share_links_and_neighbours(client, make_article, category):
    older = make_article(title="Bài trước đó", days_ago=3)
    article = make_article(title="Bài chính", days_ago=2, categories=[category], tags=["mùa vụ"])
    newer = make_article(title="Bài sau đó", days_ago=1)
    html = client.get(article.url).content.decode()
    assert "Bài chính" in html
    assert "phút đọc" in html
    assert "Ban biên tập" in html
    assert f'href="{older.url}"' in html and f'href="{newer.url}"' in html
    assert "facebook.com/sharer/sharer.php?u=http%3A%2F%2F" in html
    assert "zalo" in html.lower()
    assert "Sao chép liên kết" in html
    assert "?tag=mua-vu" in html
    assert "?category=tin-thi-truong" in html
    assert "connect.facebook.net" not in html and "sp.zalo.me/plugins" not in html


def test_reading_time_grows_with_the_text(make_article):
    from wagtail.rich_text import RichText

    short = make_article()
    long_text = " ".join(["chữ"] * 1000)
    long = make_article(body=[("paragraph", RichText(f"<p>{long_text}</p>"))])
    assert short.reading_minutes == 1
    assert long.reading_minutes == 6


def test_search_payload_contract(make_article, category):
    article = make_article(title="Gà đồi", categories=[category], tags=["gà đồi"])
    payload = article.search_payload()
    for key in ("id", "title", "lead", "body", "date", "url", "cover_image_id"):
        assert key in payload
    assert "vải thiều" in payload["body"]
    assert payload["categories"] == ["Tin thị trường"]
    assert payload["tags"] == ["gà đồi"]


def test_article_view_is_recorded(client, make_article, monkeypatch):
    import counters

    seen = []
    monkeypatch.setattr(counters, "record_view", lambda request, obj: seen.append(obj.pk))
    article = make_article()
    client.get(article.url)
    assert seen == [article.pk]


def _count(client, url):
    client.get(url)  # warm caches (site root paths, renditions, figures)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_news_index_query_count_does_not_grow_with_articles(client, make_article, category):
    make_article(categories=[category], tags=["a"])
    one = _count(client, "/tin-tuc/")
    for i in range(8):
        make_article(categories=[category], tags=[f"t{i}"], days_ago=i)
    many = _count(client, "/tin-tuc/")
    print(f"news index queries: {one} (1 article) / {many} (9 articles)")
    assert one == many


def test_article_query_count_does_not_grow_with_related_products(client, make_article):
    from cms.blocks import ArticleBodyBlock
    from tests.factories import ProductFactory, ProductImageFactory

    def body(products):
        return ArticleBodyBlock().to_python(
            [
                {"type": "paragraph", "value": "<p>Mở đầu.</p>"},
                {
                    "type": "related_products",
                    "value": {"title": "", "products": [p.pk for p in products]},
                },
            ]
        )

    few = [ProductImageFactory().product]
    many = [ProductImageFactory(product=ProductFactory()).product for _ in range(6)]
    a1 = make_article(body=body(few))
    a2 = make_article(body=body(many))
    q1 = _count(client, a1.url)
    q2 = _count(client, a2.url)
    print(f"article queries: {q1} (1 related product) / {q2} (6 related products)")
    assert q1 == q2


def test_empty_page_number_is_the_first_page(client, make_article):
    make_article(title="Tin trang một")
    response = client.get("/tin-tuc/?page=")
    assert response.status_code == 200
    assert "Tin trang một" in response.content.decode()


def test_malformed_tag_is_ignored_and_never_echoed(client, make_article):
    make_article(title="Một bài có thật")
    html = client.get("/tin-tuc/?tag=<script>alert(1)</script>").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" not in html
    assert "Một bài có thật" in html  # as if there were no ?tag= at all


def test_pagination_links_keep_the_filter_and_drop_bad_parameters(
    client, make_article, category, monkeypatch
):
    monkeypatch.setattr(NewsIndexPage, "per_page", 1)
    make_article(title="Giá vải tăng", categories=[category], days_ago=0)
    make_article(title="Giá vải giảm", categories=[category], days_ago=1)
    html = client.get("/tin-tuc/", {"category": "tin-thi-truong", "tag": "x\x00"}).content
    assert 'href="?category=tin-thi-truong&amp;page=2"' in html.decode()
