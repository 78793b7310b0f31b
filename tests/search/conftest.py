"""Search fixtures: a private index prefix per test on the real Elasticsearch, and a small
catalogue whose names exercise Vietnamese matching."""

import os
import uuid

import pytest
from wagtail.models import Page
from wagtail.rich_text import RichText

from catalog.models import Product
from search.client import get_client
from search.rebuild import rebuild_all
from search.sync import catch_up
from shops.models import Booth
from tests.factories import AreaFactory, BoothFactory, CategoryFactory, ProductFactory


@pytest.fixture
def es(settings):
    """Elasticsearch at ELASTICSEARCH_URL, with indices private to this test."""
    url = os.environ.get("ELASTICSEARCH_URL", "")
    assert url, "ELASTICSEARCH_URL must point at the test Elasticsearch (scripts/services.sh env)"
    settings.ELASTICSEARCH_URL = url
    base = os.environ.get("SEARCH_INDEX_PREFIX", "test")
    settings.SEARCH_INDEX_PREFIX = f"{base}-{uuid.uuid4().hex[:10]}"
    settings.SEARCH_INDEX_REFRESH_INTERVAL = "1s"
    client = get_client()
    yield client
    client.indices.delete(
        index=f"{settings.SEARCH_INDEX_PREFIX}-*", ignore_unavailable=True, allow_no_indices=True
    )


@pytest.fixture
def no_es(settings):
    settings.ELASTICSEARCH_URL = ""


def refresh(client):
    from django.conf import settings

    client.indices.refresh(index=f"{settings.SEARCH_INDEX_PREFIX}-*", allow_no_indices=True)


def publish_article(parent, title, body, lead=""):
    from cms.models import ArticlePage

    page = ArticlePage(title=title, lead=lead, body=[("paragraph", RichText(f"<p>{body}</p>"))])
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def news_index(db):
    from cms.models import HomePage, NewsIndexPage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Trang chủ thử", slug="trang-chu-thu"))
    return home.add_child(instance=NewsIndexPage(title="Tin tức", slug="tin-tuc-thu"))


@pytest.fixture
def market(db, news_index):
    """A small market: the products of the relevance table and some decoys."""
    luc_ngan = AreaFactory(name="Lục Ngạn", slug="luc-ngan")
    yen_the = AreaFactory(name="Yên Thế", slug="yen-the")
    chu = AreaFactory(name="Thị trấn Chũ", slug="chu")
    fruit = CategoryFactory(name="Trái cây", slug="trai-cay")
    meat = CategoryFactory(name="Thịt và trứng", slug="thit-trung")
    dry = CategoryFactory(name="Đặc sản khô", slug="dac-san-kho")
    coop = BoothFactory(
        name="Hợp tác xã Nông sản Lục Nam", slug="htx-luc-nam", area=luc_ngan, is_verified=True
    )
    farm = BoothFactory(name="Trang trại đồi Bố Hạ", slug="trang-trai-bo-ha", area=yen_the)
    closed = BoothFactory(name="Gian hàng tạm dừng", slug="tam-dung", status=Booth.Status.SUSPENDED)

    def product(name, booth, category, area, **kw):
        kw.setdefault("slug", indexing_slug(name))
        return ProductFactory(name=name, booth=booth, category=category, origin_area=area, **kw)

    p = {
        "vai": product(
            "Vải thiều Lục Ngạn",
            coop,
            fruit,
            luc_ngan,
            price=60_000,
            ocop_stars=4,
            description="Vải chín cây, cùi dày, hạt nhỏ, hái sáng sớm.",
        ),
        "mat_ong": product(
            "Mật ong hoa vải",
            coop,
            dry,
            luc_ngan,
            price=250_000,
            description="Mật ong ong nội hút mật hoa vải tháng ba.",
        ),
        "ga": product(
            "Gà đồi Yên Thế",
            farm,
            meat,
            yen_the,
            price=180_000,
            ocop_stars=3,
            description="Gà thả đồi, thịt chắc, da vàng.",
        ),
        "ga_ri": product("Gà ri thả vườn", farm, meat, yen_the, price=150_000),
        "my": product(
            "Mỳ Chũ",
            coop,
            dry,
            chu,
            price=45_000,
            ocop_stars=4,
            description="Mỳ gạo phơi nắng, sợi dai.",
        ),
        "mien": product("Miến dong", coop, dry, chu, price=55_000),
        "banh_da": product("Bánh đa nem", farm, dry, yen_the, price=30_000),
        "banh_da_lon": product("Bánh da lợn", farm, dry, yen_the, price=35_000),
        "hidden": product(
            "Rượu làng Vân",
            coop,
            dry,
            luc_ngan,
            status=Product.Status.HIDDEN,
            hidden_reason="Thiếu giấy phép",
        ),
        "draft": product("Chè búp Tân Cương", coop, dry, luc_ngan, status=Product.Status.DRAFT),
        "suspended": product("Nhãn lồng Hưng Yên", closed, fruit, luc_ngan),
    }
    article = publish_article(
        news_index,
        "Mùa vải 2026 bội thu",
        "Năm nay vải thiều được xuất khẩu sang Nhật Bản với giá cao.",
        lead="Nông dân phấn khởi.",
    )
    return {
        "products": p,
        "booths": {"coop": coop, "farm": farm, "closed": closed},
        "article": article,
        "areas": {"luc_ngan": luc_ngan, "yen_the": yen_the, "chu": chu},
        "categories": {"fruit": fruit, "meat": meat, "dry": dry},
    }


def indexing_slug(name):
    from core.text import slugify_vi

    return slugify_vi(name)


@pytest.fixture
def indexed_market(market, es):
    rebuild_all(client=es)
    catch_up(client=es)  # the fixture's own changes: already in the new indices
    refresh(es)
    return market
