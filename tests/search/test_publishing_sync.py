"""A visibility change made through catalog.publishing reaches the search index after the
commit, like any other save: hidden products leave search, republished ones come back."""

import pytest

from catalog import publishing
from catalog.models import Product
from search.params import SearchParams
from search.query import search_elasticsearch
from tests.factories import ProductImageFactory
from tests.search.conftest import refresh


def found(es, q):
    """Products having every word of *q* (not the second guesses of an empty search)."""
    refresh(es)
    results = search_elasticsearch(SearchParams(q=q), es)
    if results.relaxed or results.showing_for:
        return []
    return [p.name for p in results.products]


@pytest.mark.django_db
def test_hide_restore_publish_through_the_module_reach_the_index(
    indexed_market, es, moderator, django_capture_on_commit_callbacks
):
    vai = indexed_market["products"]["vai"]
    ProductImageFactory(product=vai)
    assert found(es, "vai thieu luc ngan") == ["Vải thiều Lục Ngạn"]

    with django_capture_on_commit_callbacks(execute=True):
        publishing.hide(vai, by=moderator, reason="Ảnh không đúng")
    assert found(es, "vai thieu luc ngan") == []

    with django_capture_on_commit_callbacks(execute=True):
        publishing.restore(vai, by=moderator)
    assert vai.status == Product.Status.DRAFT
    assert found(es, "vai thieu luc ngan") == []

    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(vai, by=moderator)
    assert found(es, "vai thieu luc ngan") == ["Vải thiều Lục Ngạn"]


@pytest.mark.django_db
def test_a_draft_published_through_the_module_becomes_searchable(
    indexed_market, es, django_capture_on_commit_callbacks
):
    draft = indexed_market["products"]["draft"]
    ProductImageFactory(product=draft)
    assert found(es, "che bup tan cuong") == []
    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(draft, by=None)
    assert found(es, "che bup tan cuong") == ["Chè búp Tân Cương"]
