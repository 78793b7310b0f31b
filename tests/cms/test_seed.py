"""The demo content: articles, standard pages, home layout and menus; idempotent."""

import io

import pytest

pytestmark = pytest.mark.django_db


def run_seed():
    from demo import cms as seed
    from demo.seeding import SeedContext

    seed.run(SeedContext(stdout=io.StringIO(), style=None))


def test_seed_builds_the_content_and_is_idempotent(client):
    from wagtail.models import Site, Workflow

    from cms.models import ArticlePage, NavigationSettings, NewsCategory, StandardPage

    run_seed()
    counts = (ArticlePage.objects.live().count(), StandardPage.objects.live().count())
    run_seed()
    assert (ArticlePage.objects.live().count(), StandardPage.objects.live().count()) == counts
    assert 8 <= counts[0] <= 12
    assert set(StandardPage.objects.values_list("slug", flat=True)) >= {
        "gioi-thieu",
        "huong-dan-mua-hang",
        "huong-dan-ban-hang",
        "quy-che-hoat-dong",
        "lien-he-khieu-nai",
        "chinh-sach-bao-mat",
    }
    assert NewsCategory.objects.count() >= 3
    assert ArticlePage.objects.filter(cover_image__isnull=False).count() == counts[0]
    assert Workflow.objects.filter(name="Duyệt tin bài").count() == 1
    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    assert len(nav.main_menu) >= 4 and len(nav.footer_columns) >= 2 and nav.portal_links

    home = client.get("/").content.decode()
    assert 'class="banner__slide"' in home
    assert "Quy chế hoạt động" in home  # footer column from the settings
    assert "Cổng Dịch vụ công quốc gia" in home
    assert client.get("/tin-tuc/").status_code == 200
    assert client.get("/quy-che-hoat-dong/").status_code == 200
    article = ArticlePage.objects.live().first()
    assert client.get(article.url).status_code == 200
