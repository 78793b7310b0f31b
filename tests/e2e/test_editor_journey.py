"""An editor writes an article with an image and submits it; an approver publishes it;
a visitor finds it on the home page. Screenshots of home and article, phone and desktop."""

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from tests.factories import (
    DEFAULT_PASSWORD,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
    make_image_bytes,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Phiên chợ nông sản cuối tuần"


def sign_in(page, base, user):
    page.goto(base + "/cms-admin/login/")
    page.fill('input[name="username"]', user.email)
    page.fill('input[name="password"]', DEFAULT_PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_url(base + "/cms-admin/")


@pytest.fixture
def newsroom(tmp_path):
    from cms.models import HomePage, NewsIndexPage
    from cms.workflow import ensure_editorial_workflow

    home = HomePage.objects.get()
    news = NewsIndexPage(title="Tin tức", slug="tin-tuc")
    home.add_child(instance=news)
    news.save_revision().publish()
    ensure_editorial_workflow(home)
    editor = UserFactory(is_staff=True, email="bientap@example.vn", full_name="Biên Tập")
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    approver = UserFactory(is_staff=True, email="duyetbai@example.vn", full_name="Duyệt Bài")
    approver.groups.add(Group.objects.get(name=roles.APPROVERS))
    for i in range(3):
        ProductImageFactory(product=ProductFactory(name=f"Đặc sản số {i + 1}"))
    photo = tmp_path / "phien-cho.png"
    photo.write_bytes(make_image_bytes(800, 450, color=(176, 90, 40)))
    return {"news": news, "editor": editor, "approver": approver, "photo": photo}


def test_editor_submits_approver_publishes_visitor_reads(
    live_server, new_page, screenshots, newsroom
):
    from cms.models import ArticlePage

    base = live_server.url
    news = newsroom["news"]

    # 1. The editor writes the article, with a cover image uploaded from the chooser.
    editor_page = new_page("desktop")
    sign_in(editor_page, base, newsroom["editor"])
    editor_page.goto(f"{base}/cms-admin/pages/add/cms/articlepage/{news.pk}/")
    editor_page.fill("#id_title", TITLE)
    editor_page.fill("#id_lead", "Hơn ba mươi gian hàng bày bán nông sản tươi mỗi sáng thứ Bảy.")
    editor_page.locator("[data-chooser-action-choose]").first.click()
    modal = editor_page.locator(".modal-dialog")
    modal.wait_for()
    modal.locator("a[href='#tab-upload'], #tab-label-upload").first.click()
    modal.locator("input[type=file]").set_input_files(str(newsroom["photo"]))
    modal.locator("input[name='image-chooser-upload-title']").fill("Phiên chợ cuối tuần")
    modal.locator(
        "form[data-chooser-modal-upload] button[type=submit], #tab-upload button[type=submit]"
    ).first.click()
    editor_page.wait_for_selector(".modal-dialog", state="detached")
    assert "Phiên chợ cuối tuần" in editor_page.locator("[data-chooser-title]").first.inner_text()
    # Submit for moderation (the editor has no "publish" action).
    assert editor_page.locator('button[name="action-publish"]').count() == 0
    editor_page.locator("[data-w-dropdown-target='toggle']").last.click()
    editor_page.locator('button[name="action-submit"]').click()
    editor_page.wait_for_url(f"{base}/cms-admin/pages/{news.pk}/")
    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live
    assert article.get_latest_revision_as_object().cover_image is not None

    # 2. The approver approves it from the edit page: the approval publishes it.
    approver_page = new_page("desktop")
    sign_in(approver_page, base, newsroom["approver"])
    approver_page.goto(f"{base}/cms-admin/pages/{article.pk}/edit/")
    approver_page.locator("[data-w-dropdown-target='toggle']").last.click()
    approver_page.locator('button[data-workflow-action-name="approve"]').first.click()
    approver_page.wait_for_url(f"{base}/cms-admin/pages/{news.pk}/")
    article.refresh_from_db()
    assert article.live

    # 3. A visitor sees it on the home page and reads it, on a phone and a desktop.
    for kind in ("phone", "desktop"):
        visitor = new_page(kind)
        visitor.goto(base + "/")
        news_section = visitor.locator("#home-news").locator("xpath=..")
        assert TITLE in news_section.inner_text()
        screenshots(visitor, f"cms-home-{kind}")
        news_section.get_by_role("link", name=TITLE).click()
        visitor.wait_for_url(f"{base}/tin-tuc/{article.slug}/")
        assert visitor.locator("h1").inner_text() == TITLE
        assert visitor.locator(".article__cover img").count() == 1
        assert visitor.get_by_role("link", name="Zalo").count() == 1
        screenshots(visitor, f"cms-article-{kind}")
