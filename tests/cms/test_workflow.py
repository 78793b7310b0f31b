"""The editors' workflow: editors draft and submit, approvers approve and publish."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import ArticlePage

pytestmark = pytest.mark.django_db


def article_form(title, slug, **extra):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": timezone.localdate().isoformat(),
            "author_name": "Nguyễn Thị Biên Tập",
            "lead": "Tin nhanh từ chợ.",
            "tags": "",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung tin.</p>"))]),
        }
    )
    data.update(extra)
    return data


def latest_news(client):
    html = client.get("/").content.decode()
    start = html.index('id="home-news"')
    return html[start : html.index("</section>", start)]


def add_url(news_index):
    return reverse("wagtailadmin_pages:add", args=("cms", "articlepage", news_index.pk))


def test_groups_have_admin_access_and_the_workflow_is_on_the_home_tree(editorial, home):
    from django.contrib.auth.models import Group

    from accounts import roles

    for name in (roles.EDITORS, roles.APPROVERS):
        perms = Group.objects.get(name=name).permissions.values_list("codename", flat=True)
        assert "access_admin" in perms
    assert home.get_workflow() == editorial
    task = editorial.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.APPROVERS]
    # Running it twice changes nothing.
    from cms.workflow import ensure_editorial_workflow

    assert ensure_editorial_workflow(home) == editorial
    assert editorial.tasks.count() == 1


def test_editor_submits_and_cannot_publish(client, editor, news_index):
    client.force_login(editor)
    response = client.post(
        add_url(news_index),
        article_form("Bài của biên tập viên", "bai-btv", **{"action-publish": "1"}),
    )
    assert response.status_code in (302, 200)
    article = ArticlePage.objects.get(slug="bai-btv")
    assert not article.live  # no publish permission: saved as a draft only

    edit = client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content.decode()
    assert 'name="action-submit"' in edit
    assert 'name="action-publish"' not in edit

    client.post(
        reverse("wagtailadmin_pages:edit", args=(article.pk,)),
        article_form("Bài của biên tập viên", "bai-btv", **{"action-submit": "1"}),
    )
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    article.refresh_from_db()
    assert not article.live

    # An editor cannot approve their own submission.
    task_state = state.current_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk)),
        {"comment": ""},
    )
    article.refresh_from_db()
    assert not article.live
    assert client.get(article.url if article.url else "/tin-tuc/bai-btv/").status_code == 404


def test_approver_publishes_and_the_article_reaches_home_and_feed(
    client, editor, approver, news_index
):
    client.force_login(editor)
    client.post(
        add_url(news_index),
        article_form("Vải thiều lên sàn sớm", "vai-thieu-len-san-som", **{"action-submit": "1"}),
    )
    article = ArticlePage.objects.get(slug="vai-thieu-len-san-som")
    assert "Vải thiều lên sàn sớm" not in latest_news(client)

    task_state = WorkflowState.objects.get(object_id=str(article.pk)).current_task_state
    client.force_login(approver)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk)),
        {"comment": "Đã duyệt"},
    )
    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert article.live

    client.logout()
    assert "Vải thiều lên sàn sớm" in latest_news(client)
    assert "Vải thiều lên sàn sớm" in client.get("/tin-tuc/rss/").content.decode()
    assert client.get("/tin-tuc/vai-thieu-len-san-som/").status_code == 200


def test_approver_can_publish_directly(client, approver, news_index):
    client.force_login(approver)
    edit_form = client.get(add_url(news_index)).content.decode()
    assert 'name="action-publish"' in edit_form


def test_preview_of_a_draft_renders(client, editor, news_index):
    client.force_login(editor)
    data = article_form("Bản xem trước", "ban-xem-truoc")
    client.post(add_url(news_index), data)
    article = ArticlePage.objects.get(slug="ban-xem-truoc")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    assert client.post(preview_url, data).json()["is_valid"] is True
    response = client.get(preview_url)
    assert response.status_code == 200
    assert "Bản xem trước" in response.content.decode()


def test_scheduled_publishing(client, make_article):
    article = make_article(title="Tin đăng hẹn giờ", live=False)
    article.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    revision = article.save_revision()
    revision.publish()
    article.refresh_from_db()
    assert not article.live
    assert "Tin đăng hẹn giờ" not in client.get("/tin-tuc/").content.decode()

    # Two hours later (moved back in time rather than waiting).
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    article.refresh_from_db()
    assert article.live
    assert "Tin đăng hẹn giờ" in client.get("/tin-tuc/").content.decode()


def test_preview_of_a_new_article_renders(client, editor, news_index):
    client.force_login(editor)
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("cms", "articlepage", news_index.pk)
    )
    data = article_form("Bài chưa lưu", "bai-chua-luu")
    assert client.post(preview_url, data).json()["is_valid"] is True
    response = client.get(preview_url)
    assert response.status_code == 200
    assert "Bài chưa lưu" in response.content.decode()


def test_setup_command_creates_groups_and_workflow_once(home):
    import io

    from django.contrib.auth.models import Group
    from wagtail.models import Workflow

    from accounts import roles

    out = io.StringIO()
    call_command("setup_editorial_workflow", stdout=out)
    call_command("setup_editorial_workflow", stdout=out)
    assert Workflow.objects.filter(name="Duyệt tin bài").count() == 1
    assert Group.objects.filter(name__in=[roles.EDITORS, roles.APPROVERS]).count() == 2
    assert home.get_workflow().name == "Duyệt tin bài"
    assert "Duyệt tin bài" in out.getvalue()
