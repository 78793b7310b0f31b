"""Admin screens the editors use: settings, news categories, the dashboard."""

import pytest
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def test_approver_edits_navigation_and_market_settings(client, approver):
    site = Site.objects.get(is_default_site=True)
    client.force_login(approver)
    nav = client.get(f"/cms-admin/settings/cms/navigationsettings/{site.pk}/")
    assert nav.status_code == 200
    assert "portal_links" in nav.content.decode()
    assert client.get(f"/cms-admin/settings/core/sitesettings/{site.pk}/").status_code == 200


def test_editor_reaches_the_admin_but_not_the_settings(client, editor):
    site = Site.objects.get(is_default_site=True)
    client.force_login(editor)
    assert client.get("/cms-admin/").status_code == 200
    response = client.get(f"/cms-admin/settings/cms/navigationsettings/{site.pk}/")
    assert response.status_code in (302, 403)


def test_editor_manages_news_categories(client, editor):
    from cms.models import NewsCategory

    client.force_login(editor)
    assert client.get("/cms-admin/snippets/cms/newscategory/").status_code == 200
    response = client.post(
        "/cms-admin/snippets/cms/newscategory/add/",
        {"name": "Mùa vụ", "slug": "mua-vu", "description": "", "sort_order": "1"},
    )
    assert response.status_code == 302
    assert NewsCategory.objects.filter(slug="mua-vu").exists()


def test_shopper_cannot_enter_the_admin(client, user):
    client.force_login(user)
    response = client.get("/cms-admin/")
    assert response.status_code == 302
    assert "/cms-admin/login/" in response["Location"]
