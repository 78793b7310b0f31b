"""The admin's slug field folds a Vietnamese title in the browser (Wagtail's JS + formatters)."""

import pytest

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_typing_a_vietnamese_title_fills_a_folded_slug(live_server, new_page, screenshots):
    from cms.models import HomePage, NewsIndexPage

    home = HomePage.objects.get()
    news = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    home.add_child(instance=news)
    admin = UserFactory(is_staff=True, is_superuser=True, email="quantri@example.vn")
    base = live_server.url
    page = new_page("desktop")
    page.goto(base + "/cms-admin/login/")
    page.fill('input[name="username"]', admin.email)
    page.fill('input[name="password"]', DEFAULT_PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_url(base + "/cms-admin/")
    page.goto(f"{base}/cms-admin/pages/add/cms/articlepage/{news.pk}/")
    page.fill("#id_title", "Phiên chợ vải thiều cuối tuần tại Lục Ngạn")
    page.locator("#id_title").blur()
    page.wait_for_function(
        "() => document.querySelector('#id_slug').value === 'phien-cho-vai-thieu-cuoi-tuan-tai-luc-ngan'"
    )
    page.get_by_role("tab", name="Quảng bá").click()  # Wagtail's "Promote", in Vietnamese
    page.fill("#id_slug", "Đồi chè Đại Từ")
    page.locator("#id_slug").blur()
    page.wait_for_function("() => document.querySelector('#id_slug').value === 'doi-che-dai-tu'")
    assert "Lưu bản nháp" in page.inner_text("body")  # Wagtail's "Save draft"
    screenshots(page, "admin-article-new-vi")
