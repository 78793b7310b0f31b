"""Issue 12, row 11: addresses typed by editors are checked when shown, not only when saved.

Each test writes a `javascript:` address straight into the database (no form, no block
validation, as an import or an old release could) and asserts that the public page shows
no live link with it.
"""

import json

import pytest
from django.db import connection

from cms.blocks import ArticleBodyBlock
from tests.cms import conftest as cms_fixtures

# The CMS tests' fixtures, shared here.
home = cms_fixtures.home
news_index = cms_fixtures.news_index
make_article = cms_fixtures.make_article

EVIL = [
    "javascript:alert(document.cookie)",
    " JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]


def _write_raw(table, column, value, pk_column, pk):
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {column} = %s WHERE {pk_column} = %s",  # noqa: S608
            [value, pk],
        )


@pytest.mark.django_db
@pytest.mark.parametrize("evil", EVIL)
def test_video_block_with_a_javascript_url_in_the_database_is_not_a_link(
    client, make_article, evil
):
    body = ArticleBodyBlock().to_python(
        [
            {
                "type": "video",
                "value": {"url": "https://video.example/1", "title": "Vườn vải", "thumbnail": None},
            }
        ]
    )
    article = make_article(title="Bài có video", body=body)
    raw = [
        {
            "type": "video",
            "value": {"url": evil, "title": "Vườn vải", "thumbnail": None},
            "id": "0b8e3f5a-1",
        }
    ]
    _write_raw("cms_articlepage", "body", json.dumps(raw), "page_ptr_id", article.pk)

    html = client.get(article.url).content.decode()

    assert "Vườn vải" in html  # the block still shows its title
    assert "javascript" not in html.lower().replace("\t", "")
    assert "data:text/html" not in html
    assert 'class="sf-video__link" href=' not in html


@pytest.mark.django_db
def test_video_block_keeps_a_web_address_live(client, make_article):
    body = ArticleBodyBlock().to_python(
        [
            {
                "type": "video",
                "value": {"url": "https://video.example/1", "title": "Vườn vải", "thumbnail": None},
            }
        ]
    )
    article = make_article(title="Bài có video", body=body)
    html = client.get(article.url).content.decode()
    assert 'href="https://video.example/1"' in html


@pytest.mark.django_db
def test_menu_portal_and_registration_links_from_the_database_are_checked(client, home):
    from wagtail.models import Site

    from cms.models import NavigationSettings

    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    nav.save()
    stream = json.dumps
    _write_raw(
        "cms_navigationsettings",
        "main_menu",
        stream([{"type": "link", "value": {"label": "Menu độc", "page": None, "url": EVIL[0]}}]),
        "id",
        nav.pk,
    )
    _write_raw(
        "cms_navigationsettings",
        "portal_links",
        stream(
            [
                {
                    "type": "portal",
                    "value": {"label": "Cổng độc", "url": EVIL[0], "description": ""},
                }
            ]
        ),
        "id",
        nav.pk,
    )
    _write_raw("cms_navigationsettings", "registration_url", EVIL[0], "id", nav.pk)
    _write_raw("cms_navigationsettings", "registration_notice", "Đã đăng ký", "id", nav.pk)
    from django.core.cache import cache

    cache.clear()

    html = client.get("/").content.decode()

    assert "Menu độc" in html and "Cổng độc" in html
    assert "javascript:" not in html.lower()
