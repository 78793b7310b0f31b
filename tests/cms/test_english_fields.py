"""English twins of editor-typed names: shown in the editors' forms, used under /en/,
Vietnamese when the English is empty."""

import pytest
from django.utils import translation
from wagtail.models import Site

from core.translation import translated
from tests.factories import AreaFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def test_translated_falls_back_to_vietnamese():
    category = CategoryFactory(name="Trái cây", name_en="")
    with translation.override("en"):
        assert translated(category, "name") == "Trái cây"
        assert str(category) == "Trái cây"
        category.name_en = "Fruit"
        assert translated(category, "name") == "Fruit"
        assert str(category) == "Fruit"
        assert translated({"label": "Tin tức", "label_en": ""}, "label") == "Tin tức"
    with translation.override("vi"):
        assert translated(category, "name") == "Trái cây"
        assert str(category) == "Trái cây"


def test_lang_attr_marks_vietnamese_only_on_english_pages():
    from django.template import Context, Template

    area = AreaFactory(name="Lục Ngạn", name_en="")
    template = Template(
        '{% load translated %}<b{% lang_attr area "name" %}>{{ area|tr:"name" }}</b>'
    )
    with translation.override("en"):
        assert template.render(Context({"area": area})) == '<b lang="vi">Lục Ngạn</b>'
        area.name_en = "Luc Ngan"
        assert template.render(Context({"area": area})) == "<b>Luc Ngan</b>"
    with translation.override("vi"):
        assert template.render(Context({"area": area})) == "<b>Lục Ngạn</b>"


def test_editors_see_the_english_fields(client, superuser, home):
    from cms.models import NewsCategory, StandardPage

    page = StandardPage(title="Giới thiệu", slug="gioi-thieu")
    home.add_child(instance=page)
    category = NewsCategory.objects.create(name="Thông báo", slug="thong-bao")
    site = Site.objects.get(is_default_site=True)
    client.force_login(superuser)
    screens = {
        f"/cms-admin/pages/{page.pk}/edit/": ["title_en", "lead_en", "body_en"],
        f"/cms-admin/pages/{home.pk}/edit/": ["title_en", "intro_en", "lead_en"],
        f"/cms-admin/snippets/cms/newscategory/edit/{category.pk}/": ["name_en", "description_en"],
        f"/cms-admin/settings/core/sitesettings/{site.pk}/": ["tagline_en"],
        f"/cms-admin/settings/cms/navigationsettings/{site.pk}/": [
            "portal_links_title_en",
            "registration_notice_en",
        ],
        "/django-admin/catalog/category/add/": ["name_en", "description_en"],
        "/django-admin/catalog/certification/add/": ["name_en", "description_en"],
        "/django-admin/areas/area/add/": ["name_en"],
    }
    for url, fields in screens.items():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for field in fields:
            # plain inputs by name; a StreamField by its widget's id
            assert f'name="{field}"' in html or f'id="{field}"' in html, (url, field)


def test_standard_page_in_english_with_vietnamese_fallback(client, home):
    from cms.models import StandardPage

    page = StandardPage(title="Chính sách bảo mật", slug="chinh-sach-bao-mat", lead="Mở đầu.")
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/en/chinh-sach-bao-mat/").content.decode()
    assert '<h1 class="article__title" lang="vi">Chính sách bảo mật</h1>' in html
    page.title_en, page.lead_en = "Privacy policy", "Opening."
    page.save_revision().publish()
    html = client.get("/en/chinh-sach-bao-mat/").content.decode()
    assert '<h1 class="article__title">Privacy policy</h1>' in html
    assert "<title>Privacy policy · " in html and "Opening." in html
    html = client.get("/chinh-sach-bao-mat/").content.decode()
    assert '<h1 class="article__title">Chính sách bảo mật</h1>' in html
