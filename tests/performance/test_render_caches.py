"""What the caches of uncached pages (core/fragments.py: product and booth cards, list
counts, related-products ranking; images.models: renditions read from the cache) must
never get wrong: a changed, hidden or sold-out product shown as it was, a page number past
a stale count answered with an error."""

import pytest
from django.core.cache import cache

from catalog import publishing
from catalog.models import Product
from images.models import Rendition
from shops.models import Booth
from tests.factories import BoothFactory, CategoryFactory, ProductFactory, ProductImageFactory


@pytest.fixture
def fragments(db, settings):
    """The fragment cache on, as in production (the test settings keep it off)."""
    settings.FRAGMENT_CACHE_SECONDS = 300


def html(response):
    assert response.status_code == 200
    return response.content.decode()


def test_a_saved_product_shows_changed_on_the_list(
    client, fragments, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory(name="Vải thiều Thanh Hà")
        ProductImageFactory(product=product)
    assert "Vải thiều Thanh Hà" in html(client.get("/san-pham/"))
    assert "Vải thiều Thanh Hà" in html(client.get("/san-pham/"))  # the cached card

    with django_capture_on_commit_callbacks(execute=True):
        product.name = "Vải thiều Lục Ngạn loại 1"
        product.save()
    page = html(client.get("/san-pham/"))
    assert "Vải thiều Lục Ngạn loại 1" in page
    assert "Vải thiều Thanh Hà" not in page


def test_a_price_changed_behind_the_purges_back_shows_on_the_card(client, fragments):
    product = ProductFactory(name="Mỳ Chũ", price=85_000)
    ProductImageFactory(product=product)
    assert "85.000" in html(client.get("/san-pham/"))
    # No signal, no purge: the card's key holds the price itself.
    Product.objects.filter(pk=product.pk).update(price=120_000)
    page = html(client.get("/san-pham/"))
    assert "120.000" in page
    assert "85.000" not in page


def test_a_hidden_product_leaves_the_list_and_its_count(
    client, fragments, moderator, django_capture_on_commit_callbacks
):
    kept = ProductFactory(name="Gà đồi Yên Thế")
    hidden = ProductFactory(name="Rượu làng Vân")
    page = html(client.get("/san-pham/"))
    assert "2 sản phẩm" in page and "Rượu làng Vân" in page

    with django_capture_on_commit_callbacks(execute=True):
        publishing.hide(hidden, by=moderator, reason="Sai nhãn")
    page = html(client.get("/san-pham/"))
    assert "1 sản phẩm" in page
    assert "Rượu làng Vân" not in page
    assert kept.name in page


def test_a_page_past_a_stale_count_is_not_an_error(client, fragments, settings):
    for n in range(30):
        ProductFactory(name=f"Sản phẩm {n}")
    assert "30 sản phẩm" in html(client.get("/san-pham/?page=2"))
    # Taken off sale behind the caches' back: the count stays 30 until the next purge.
    Product.objects.filter(name__in=[f"Sản phẩm {n}" for n in range(10)]).update(status="draft")
    for page in ("/san-pham/?page=2", "/san-pham/?page=3", "/san-pham/?page=99"):
        html(client.get(page))


def test_the_related_products_show_as_they_are_now(client, fragments):
    category = CategoryFactory()
    product = ProductFactory(category=category, name="Vải thiều")
    gone = ProductFactory(category=category, name="Nhãn lồng", view_count=50)
    sold = ProductFactory(category=category, name="Cam Bố Hạ", view_count=40, price=30_000)
    page = html(client.get(product.get_absolute_url()))
    assert "Nhãn lồng" in page and "30.000" in page

    # No signal, no purge: the ranking is cached, the rows it names are read fresh.
    Product.objects.filter(pk=gone.pk).update(status="hidden")
    Product.objects.filter(pk=sold.pk).update(price=45_000)
    page = html(client.get(product.get_absolute_url()))
    assert "Nhãn lồng" not in page
    related = page[page.index('class="related"') :]
    assert "Cam Bố Hạ" in related and "45.000" in related


def test_a_renamed_or_verified_booth_shows_on_the_directory(
    client, fragments, django_capture_on_commit_callbacks
):
    booth = BoothFactory(name="HTX Vải Phượng")
    assert "HTX Vải Phượng" in html(client.get("/gian-hang/"))
    with django_capture_on_commit_callbacks(execute=True):
        booth.name = "HTX Vải thiều Phượng Hoàng"
        booth.save()
    page = html(client.get("/gian-hang/"))
    assert "HTX Vải thiều Phượng Hoàng" in page
    assert "HTX Vải Phượng<" not in page
    # Verified behind the purge's back: the card's key holds the flag.
    Booth.objects.filter(pk=booth.pk).update(is_verified=True)
    assert "badge--verified" in html(client.get("/gian-hang/"))


def test_cards_are_the_same_from_the_cache(client, fragments):
    for n in range(3):
        ProductImageFactory(product=ProductFactory(name=f"Miến dong {n}"))
    first = html(client.get("/san-pham/"))
    second = html(client.get("/san-pham/"))
    grid = first[first.index('class="product-grid"') : first.index("</section>")]
    assert 'fetchpriority="high"' in grid and "<h2" in grid
    assert grid in second


def test_a_cached_rendition_is_not_written_back(db, monkeypatch, django_assert_num_queries):
    image = ProductImageFactory().image
    specs = ("fill-240x180|format-webp", "fill-400x300|format-webp")
    image.get_renditions(*specs)  # made and cached
    image.get_rendition("max-450x450|format-webp")
    writes = []
    backend = Rendition.cache_backend
    monkeypatch.setattr(backend, "set", lambda *a, **k: writes.append(a[0]))
    monkeypatch.setattr(backend, "set_many", lambda data, *a, **k: writes.extend(data))

    fresh = type(image).objects.get(pk=image.pk)  # a later request's copy
    with django_assert_num_queries(0):
        urls = [r.url for r in fresh.get_renditions(*specs).values()]
        urls.append(fresh.get_rendition("max-450x450|format-webp").url)
    assert writes == []
    assert all(url.endswith(".webp") for url in urls)


def test_a_rendition_not_in_the_cache_is_read_and_cached(db):
    image = ProductImageFactory().image
    made = image.get_rendition("fill-240x180|format-webp")
    cache.clear()
    fresh = type(image).objects.get(pk=image.pk)
    assert fresh.get_rendition("fill-240x180|format-webp").pk == made.pk  # from the database
    again = type(image).objects.get(pk=image.pk)
    assert next(iter(again.get_renditions("fill-240x180|format-webp").values())).pk == made.pk


def _body_with(products, text):
    from cms.blocks import ArticleBodyBlock

    return ArticleBodyBlock().to_python(
        [
            {"type": "paragraph", "value": f"<p>{text}</p>"},
            {
                "type": "related_products",
                "value": {"title": "", "products": [p.pk for p in products]},
            },
        ]
    )


def test_an_article_body_shows_its_new_text_and_changed_products(
    client,
    fragments,
    make_article,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    product = ProductImageFactory(product=ProductFactory(name="Gạo nếp cái hoa vàng")).product
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(title="Mùa gặt", body=_body_with([product], "Lúa chín vàng."))
    page = html(client.get(article.url))
    assert "Lúa chín vàng." in page and "Gạo nếp cái hoa vàng" in page
    with django_assert_max_num_queries(7):  # the body and its cards from the fragment cache
        assert "Gạo nếp cái hoa vàng" in html(client.get(article.url))

    with django_capture_on_commit_callbacks(execute=True):
        product.name = "Gạo nếp Hải Hậu"
        product.save()
    assert "Gạo nếp Hải Hậu" in html(client.get(article.url))

    with django_capture_on_commit_callbacks(execute=True):
        article.body = _body_with([product], "Đồng lúa đã gặt xong.")
        article.save_revision().publish()
    page = html(client.get(article.url))
    assert "Đồng lúa đã gặt xong." in page and "Lúa chín vàng." not in page
