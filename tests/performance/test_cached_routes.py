"""What the cached Wagtail routes, the view-restriction flag and the home page's cached
card sections (cms/routing.py, cms.models.fragment_cache) must never get wrong: a page at
an old address, a private page shown, yesterday's product on the home page."""

import pytest
from wagtail.models import Page, PageViewRestriction

from cms.models import HomeFeaturedProduct
from tests.factories import ProductFactory


@pytest.fixture
def fragments(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300


def test_home_cards_show_a_renamed_product(
    client, home, fragments, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory(name="Vải thiều Thanh Hà")
        HomeFeaturedProduct.objects.create(page=home, product=product, sort_order=0)
    assert "Vải thiều Thanh Hà" in client.get("/").content.decode()
    assert "Vải thiều Thanh Hà" in client.get("/").content.decode()  # from the fragment

    with django_capture_on_commit_callbacks(execute=True):
        product.name = "Vải thiều Lục Ngạn loại 1"
        product.save()
    page = client.get("/").content.decode()
    assert "Vải thiều Lục Ngạn loại 1" in page
    assert "Vải thiều Thanh Hà" not in page


def test_home_cards_are_the_same_for_a_signed_in_reader(client, home, fragments, django_user_model):
    product = ProductFactory(name="Mỳ Chũ")
    HomeFeaturedProduct.objects.create(page=home, product=product, sort_order=0)
    anonymous = client.get("/").content.decode()
    user = django_user_model.objects.create_user(email="an@example.vn", password="x-Secret-1")
    client.force_login(user)
    signed_in = client.get("/").content.decode()
    cards = anonymous[anonymous.index('id="home-featured"') : anonymous.index('id="home-newest"')]
    assert cards in signed_in  # the cached fragment, word for word
    assert "csrfmiddlewaretoken" not in cards


def test_a_new_slug_moves_the_page_and_the_old_address_redirects(
    client, make_article, django_capture_on_commit_callbacks
):
    article = make_article(title="Giá vải đầu mùa")
    old_url = article.url
    assert client.get(old_url).status_code == 200
    assert client.get(old_url).status_code == 200  # from the remembered route

    with django_capture_on_commit_callbacks(execute=True):
        article.slug = "gia-vai-dau-mua"
        article.save_revision().publish()
    # Wagtail's own redirect from the old address, not the page served there
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (301, "/tin-tuc/gia-vai-dau-mua/")
    assert client.get("/tin-tuc/gia-vai-dau-mua/").status_code == 200


def test_an_address_changed_behind_the_caches_back_is_not_served(client, make_article):
    article = make_article(title="Giá vải đầu mùa")
    old_url = article.url
    assert client.get(old_url).status_code == 200
    # No signal: only the page's own url_path tells the remembered route it is stale.
    Page.objects.filter(pk=article.pk).update(
        slug="doi-ten", url_path=article.url_path.replace(article.slug, "doi-ten")
    )
    assert client.get(old_url).status_code == 404
    assert client.get("/tin-tuc/doi-ten/").status_code == 200


def test_an_unpublished_page_is_gone_at_once(client, make_article):
    article = make_article(title="Tin sẽ gỡ")
    assert client.get(article.url).status_code == 200
    article.unpublish()
    assert client.get(article.url).status_code == 404


def test_a_page_made_private_asks_for_sign_in(client, make_article):
    article = make_article(title="Tin nội bộ")
    assert client.get(article.url).status_code == 200
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(article.url)
    assert response.status_code == 302
    assert "Tin nội bộ" not in response.content.decode()


def test_news_feeds_still_route_below_the_news_index(client, make_article):
    make_article(title="Tin có trong RSS")
    for _ in range(2):  # learn, then from the remembered route
        response = client.get("/tin-tuc/rss/")
        assert response.status_code == 200
        assert "Tin có trong RSS" in response.content.decode()
