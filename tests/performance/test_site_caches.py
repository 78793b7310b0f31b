"""Values every page (or a busy page) used to read on each request, now kept in the cache:
the menus' and footer's resolved links (cms/navigation.py), the home page's banners and
share image, the booth directory's areas. Each must show a change on the next render."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms.models import NavigationSettings
from shops.models import Booth
from tests.factories import AreaFactory, BoothFactory, ImageFactory


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def _queries(client, url):
    client.get(url)  # warm
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def _set_navigation(menu_page, footer_page, label="Tin của chợ"):
    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    nav.main_menu = [
        ("link", {"label": label, "label_en": "Market news", "page": menu_page, "url": ""}),
        ("link", {"label": "Sản phẩm", "label_en": "", "page": None, "url": "/san-pham/"}),
    ]
    nav.footer_columns = [
        (
            "column",
            {
                "title": "Về chợ",
                "title_en": "About",
                "links": [{"label": "Giới thiệu", "label_en": "", "page": footer_page, "url": ""}],
            },
        )
    ]
    nav.save()
    return nav


def _menu(page):
    menu = page[page.index('class="main-nav__list"') :]
    return menu[: menu.index("</ul>")]


def test_menus_linking_pages_cost_no_query(client, home, news_index, make_article):
    article = make_article(title="Giới thiệu chợ")
    plain = len(_queries(client, article.url))
    _set_navigation(news_index, article)
    queries = _queries(client, article.url)
    assert len(queries) == plain, "\n".join(queries)
    page = html(client.get(article.url))
    assert 'href="/tin-tuc/"' in _menu(page)
    assert f'href="{article.url}"' in page


def test_a_menu_edit_shows_on_the_next_page(client, home, news_index):
    nav = _set_navigation(news_index, news_index)
    assert "Tin của chợ" in _menu(html(client.get("/")))
    nav.main_menu = [("link", {"label": "Chợ phiên", "page": news_index, "url": ""})]
    nav.save()
    menu = _menu(html(client.get("/")))
    assert "Chợ phiên" in menu
    assert "Tin của chợ" not in menu


def test_a_linked_pages_new_address_shows_in_the_menu_at_once(
    client, home, news_index, make_article, django_capture_on_commit_callbacks
):
    article = make_article(title="Giới thiệu chợ")
    _set_navigation(news_index, article)
    assert 'href="/tin-tuc/"' in _menu(html(client.get("/")))
    with django_capture_on_commit_callbacks(execute=True):
        news_index.slug = "tin-cua-cho"
        news_index.save_revision().publish()
    page = html(client.get("/"))
    assert 'href="/tin-cua-cho/"' in _menu(page)
    assert 'href="/tin-tuc/"' not in _menu(page)
    assert 'href="/tin-cua-cho/' in page[page.index("site-footer") :]  # the article moved too


def test_menus_under_en_link_the_english_pages(client, home, news_index):
    _set_navigation(news_index, news_index)
    vietnamese = _menu(html(client.get("/")))
    english = _menu(html(client.get("/en/")))
    assert 'href="/tin-tuc/"' in vietnamese and "Tin của chợ" in vietnamese
    assert 'href="/en/tin-tuc/"' in english and "Market news" in english
    assert 'href="/en/san-pham/"' in english


def test_a_deleted_page_leaves_the_menu(client, home, news_index, make_article):
    article = make_article(title="Trang sẽ xoá")
    _set_navigation(news_index, article, label="Còn")
    assert f'href="{article.url}"' in html(client.get("/"))
    article.delete()
    page = html(client.get("/"))
    assert "/bai-viet-" not in page[page.index("site-footer") :]


@pytest.fixture
def fragments(db, settings):
    """The fragment cache on, as in production (the test settings keep it off)."""
    settings.FRAGMENT_CACHE_SECONDS = 300


def _slide(image, title, link_page=None):
    return (
        "slide",
        {
            "image": image,
            "title": title,
            "text": "",
            "link_text": "Xem",
            "link_page": link_page,
            "link_url": "" if link_page else "/san-pham/",
        },
    )


def _publish_banners(home, *slides):
    home.banners = list(slides)
    home.save_revision().publish()
    home.refresh_from_db()


def _og_image(page):
    start = page.index('property="og:image" content="') + len('property="og:image" content="')
    return page[start : page.index('"', start)]


def test_cached_banners_and_share_image_cost_no_query(
    client, fragments, home, news_index, django_capture_on_commit_callbacks
):
    plain = len(_queries(client, "/"))
    with django_capture_on_commit_callbacks(execute=True):
        _publish_banners(
            home,
            _slide(ImageFactory(), "Vải thiều chính vụ", link_page=news_index),
            _slide(ImageFactory(), "Gà đồi Yên Thế"),
        )
    queries = _queries(client, "/")
    assert len(queries) == plain, "\n".join(queries)
    page = html(client.get("/"))
    assert "Vải thiều chính vụ" in page and "Gà đồi Yên Thế" in page
    assert 'href="/tin-tuc/"' in page[page.index('class="banner"') :]
    assert _og_image(page).endswith(".jpg")


def test_a_published_banner_change_shows_on_the_next_render(
    client, fragments, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _publish_banners(home, _slide(ImageFactory(), "Vải thiều chính vụ"))
    before = html(client.get("/"))
    assert "Vải thiều chính vụ" in before
    with django_capture_on_commit_callbacks(execute=True):
        _publish_banners(home, _slide(ImageFactory(), "Mùa nhãn lồng"))
    after = html(client.get("/"))
    assert "Mùa nhãn lồng" in after and "Vải thiều chính vụ" not in after
    assert _og_image(after) != _og_image(before)  # the new first slide's image
    assert "Mùa nhãn lồng" in html(client.get("/en/"))


def test_banners_published_behind_the_purges_back_show_too(client, fragments, home):
    # No commit callbacks run, so no purge: the published revision in the key shows it.
    _publish_banners(home, _slide(ImageFactory(), "Vải thiều chính vụ"))
    assert "Vải thiều chính vụ" in html(client.get("/"))
    _publish_banners(home, _slide(ImageFactory(), "Mùa nhãn lồng"))
    assert "Mùa nhãn lồng" in html(client.get("/"))


def test_an_articles_new_cover_is_its_share_image_at_once(client, fragments, make_article):
    article = make_article(title="Mùa vải 2026")
    before = _og_image(html(client.get(article.url)))
    article.cover_image = ImageFactory()
    article.save_revision().publish()
    after = _og_image(html(client.get(article.url)))
    assert after != before and after.endswith(".jpg")


def _area_options(page):
    select = page[page.index('id="b-area"') :]
    return select[: select.index("</select>")]


def test_the_directory_offers_areas_with_a_public_booth_as_they_change(client, moderator):
    from shops import moderation

    luc_ngan = AreaFactory(name="Lục Ngạn", slug="luc-ngan", kind="commune")
    yen_the = AreaFactory(name="Yên Thế", slug="yen-the", kind="commune")
    BoothFactory(area=luc_ngan)
    booth = BoothFactory(area=yen_the, status=Booth.Status.PENDING)
    options = _area_options(html(client.get("/gian-hang/")))
    assert "Lục Ngạn" in options and "Yên Thế" not in options

    moderation.approve(booth, by=moderator)  # a booth saved: the cached ids are dropped
    assert "Yên Thế" in _area_options(html(client.get("/gian-hang/")))

    moderation.suspend(booth, by=moderator, reason="Hàng giả")
    assert "Yên Thế" not in _area_options(html(client.get("/gian-hang/")))

    luc_ngan.name = "Lục Ngạn (cũ)"
    luc_ngan.is_current = False  # merged away: an area saved drops them too
    luc_ngan.save()
    assert "Lục Ngạn" not in _area_options(html(client.get("/gian-hang/")))


def test_the_directory_reads_its_filter_choices_from_the_cache(client, db):
    for i in range(3):
        BoothFactory(area=AreaFactory(name=f"Xã {i}", slug=f"xa-{i}", kind="commune"))
    queries = _queries(client, "/gian-hang/")
    read = [q for q in queries if 'FROM "areas_area"' in q or 'FROM "catalog_category"' in q]
    assert not read, queries
    # the filter still works on a cached choice
    assert "Gian hàng" in html(client.get("/gian-hang/?area=xa-1"))


def test_news_index_count_and_categories_follow_publishing(
    client, fragments, news_index, make_article, django_capture_on_commit_callbacks
):
    from cms.models import NewsCategory

    with django_capture_on_commit_callbacks(execute=True):
        market = NewsCategory.objects.create(name="Thị trường", slug="thi-truong")
        make_article(title="Giá vải đầu mùa", categories=[market])
    page = html(client.get("/tin-tuc/"))
    assert "Giá vải đầu mùa" in page and "Thị trường" in page
    queries = _queries(client, "/tin-tuc/")
    assert not [q for q in queries if "COUNT(" in q or 'FROM "cms_newscategory"' in q], queries

    with django_capture_on_commit_callbacks(execute=True):
        NewsCategory.objects.create(name="Nhà nông", slug="nha-nong")
        for i in range(news_index.per_page):
            make_article(title=f"Tin mùa vụ {i}")
    page = html(client.get("/tin-tuc/"))
    assert "Nhà nông" in page
    assert "?page=2" in page  # the new count: a second page
    assert "Giá vải đầu mùa" in html(client.get("/tin-tuc/?page=2"))
