"""Vietnamese page titles become folded ASCII slugs (đ → d), as the catalogue's do."""

import pytest

from core.text import fold_vietnamese

pytestmark = pytest.mark.django_db

TITLE = "Phiên chợ vải thiều cuối tuần tại Lục Ngạn"
SLUG = "phien-cho-vai-thieu-cuoi-tuan-tai-luc-ngan"


def test_a_page_saved_without_a_slug_gets_the_folded_title(news_index):
    from cms.models import ArticlePage

    article = ArticlePage(title=TITLE, slug="", lead="Tóm tắt.")
    news_index.add_child(instance=article)
    assert article.slug == SLUG
    second = ArticlePage(title=TITLE.upper(), slug="", lead="Tóm tắt.")
    news_index.add_child(instance=second)
    assert second.slug == f"{SLUG}-2"
    assert news_index.get_children().get(pk=second.pk).url.endswith(f"/{SLUG}-2/")


def test_the_admin_slug_field_carries_a_folding_rule_for_every_vietnamese_letter(
    client, superuser, news_index
):
    import html
    import json
    import re

    client.force_login(superuser)
    page = client.get(f"/cms-admin/pages/add/cms/articlepage/{news_index.pk}/").content.decode()
    found = re.search(r'name="slug"[^>]*data-w-slug-formatters-value="([^"]+)"', page) or re.search(
        r'data-w-slug-formatters-value="([^"]+)"[^>]*name="slug"', page
    )
    assert found, "the page slug field has no folding formatters"
    rules = json.loads(html.unescape(found.group(1)))
    text = TITLE + " Đ đ Ữ ỹ"
    for (pattern, _flags), letter in rules:
        text = re.sub(pattern, letter, text)
    assert text == fold_vietnamese(TITLE + " Đ đ Ữ ỹ")
