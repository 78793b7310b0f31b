"""Fixtures for the CMS tests: the news section, articles, the editorial workflow."""

import datetime

import pytest
from django.utils import timezone
from wagtail.rich_text import RichText

from tests.factories import ImageFactory


@pytest.fixture
def home(db):
    from cms.models import HomePage
    from cms.site_setup import ensure_home_page

    ensure_home_page()
    return HomePage.objects.get()


@pytest.fixture
def news_index(home):
    from cms.models import NewsIndexPage

    page = NewsIndexPage(title="Tin tức", slug="tin-tuc", intro="Tin của chợ.")
    home.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def category(db):
    from cms.models import NewsCategory

    return NewsCategory.objects.create(name="Tin thị trường", slug="tin-thi-truong")


@pytest.fixture
def make_article(news_index):
    """make_article(title, live=True, days_ago=0, body=[...], categories=[], tags=[])."""
    from cms.models import ArticlePage

    counter = {"n": 0}

    def make(
        title=None,
        live=True,
        days_ago=0,
        body=None,
        categories=(),
        tags=(),
        cover=True,
        lead="Tóm tắt bài viết.",
        parent=None,
    ):
        counter["n"] += 1
        n = counter["n"]
        article = ArticlePage(
            title=title or f"Bài viết số {n}",
            slug=f"bai-viet-{n}",
            date=timezone.localdate() - datetime.timedelta(days=days_ago),
            author_name="Ban biên tập",
            lead=lead,
            cover_image=ImageFactory() if cover else None,
            body=body
            if body is not None
            else [("paragraph", RichText("<p>Nội dung bài viết về vải thiều.</p>"))],
            live=False,
        )
        article.categories = list(categories)
        (parent or news_index).add_child(instance=article)
        if tags:
            article.tags.add(*tags)
        revision = article.save_revision()
        if live:
            revision.publish()
        article.refresh_from_db()
        return article

    return make


@pytest.fixture
def editorial(home):
    from cms.workflow import ensure_editorial_workflow

    return ensure_editorial_workflow(home)


@pytest.fixture
def editor(editorial):
    from django.contrib.auth.models import Group

    from accounts import roles
    from tests.factories import UserFactory

    user = UserFactory(is_staff=True, full_name="Biên Tập Viên")
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    return user


@pytest.fixture
def approver(editorial):
    from django.contrib.auth.models import Group

    from accounts import roles
    from tests.factories import UserFactory

    user = UserFactory(is_staff=True, full_name="Người Duyệt")
    user.groups.add(Group.objects.get(name=roles.APPROVERS))
    return user
