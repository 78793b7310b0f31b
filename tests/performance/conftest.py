"""Fixtures for the page cache and query-count tests: the CMS fixtures, a small market."""

import pytest

from tests.cms.conftest import home, make_article, news_index  # noqa: F401
from tests.factories import BoothFactory, ProductFactory, ProductImageFactory


@pytest.fixture
def page_cache(settings):
    """The page cache on (the test settings keep it off)."""
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def market(db, make_article):  # noqa: F811
    booth = BoothFactory(name="Hợp tác xã Vải Lục Ngạn")
    product = ProductFactory(booth=booth, name="Vải thiều Lục Ngạn", stock=50)
    ProductImageFactory(product=product)
    article = make_article(title="Mùa vải thiều 2026")
    return {"booth": booth, "product": product, "article": article}
