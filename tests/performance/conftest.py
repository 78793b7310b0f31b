"""Fixtures for the page cache and query-count tests: the CMS fixtures, a small market."""

import os
import uuid

import pytest

from tests.cms.conftest import home, make_article, news_index  # noqa: F401
from tests.factories import BoothFactory, ProductFactory, ProductImageFactory


@pytest.fixture
def page_cache(settings):
    """The page cache on (the test settings keep it off)."""
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def redis_page_cache(settings):
    """The page cache on, over the real Redis (as in production), under a key prefix of
    this test's own, removed afterwards."""
    from django.core.cache import cache

    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip('REDIS_URL is not set (eval "$(bash scripts/services.sh env)")')
    settings.CACHES = {
        "default": {
            "BACKEND": "tests.performance.redis_cache.PrefixedRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"test-pagecache-{uuid.uuid4().hex[:12]}",
            "OPTIONS": {"DOWN_RETRY_SECONDS": 0},
        }
    }
    settings.PAGE_CACHE_SECONDS = 60
    yield
    cache.clear()


@pytest.fixture
def market(db, make_article):  # noqa: F811
    booth = BoothFactory(name="Hợp tác xã Vải Lục Ngạn")
    product = ProductFactory(booth=booth, name="Vải thiều Lục Ngạn", stock=50)
    ProductImageFactory(product=product)
    article = make_article(title="Mùa vải thiều 2026")
    return {"booth": booth, "product": product, "article": article}


@pytest.fixture
def market_urls(market):
    """The six cached page types of *market*: home, list, product, directory, booth, article."""
    return [
        "/",
        "/san-pham/",
        market["product"].get_absolute_url(),
        "/gian-hang/",
        market["booth"].get_absolute_url(),
        market["article"].url,
    ]
