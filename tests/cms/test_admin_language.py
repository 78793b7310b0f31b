"""The project's catalogues must not shadow Wagtail's, Django's or allauth's translations."""

import gettext
import subprocess
from pathlib import Path

import pytest
import wagtail
from django.test import override_settings
from django.utils import translation

from core.translations import find_clashes


def wagtail_vi(msgid, app="admin"):
    mo = Path(wagtail.__file__).parent / app / "locale" / "vi" / "LC_MESSAGES" / "django.mo"
    with open(mo, "rb") as fh:
        return gettext.GNUTranslations(fh).gettext(msgid)


def test_no_project_msgid_shadows_a_package_translation():
    clashes = find_clashes("vi")
    assert clashes == [], "\n".join(map(str, clashes))


def test_the_checker_reports_a_project_msgid_that_shadows_wagtail(tmp_path):
    po = tmp_path / "vi" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Publish"\nmsgstr "Đăng bán"\n\n'
        'msgctxt "product"\nmsgid "Unpublish"\nmsgstr "Ngừng bán"\n',
        encoding="utf-8",
    )
    subprocess.run(["msgfmt", "-o", str(po.with_suffix(".mo")), str(po)], check=True)
    with override_settings(LOCALE_PATHS=[tmp_path]):
        clashes = find_clashes("vi")
    assert {(c.msgid, c.ours) for c in clashes} == {("Publish", "Đăng bán")}
    assert {c.package for c in clashes} >= {"wagtail.admin"}


def test_pagination_and_seller_buttons_keep_the_project_wording():
    with translation.override("vi"):
        assert translation.pgettext("product", "Publish") == "Đăng bán"
        assert translation.pgettext("pagination", "Pages") == "Phân trang"
        assert translation.gettext("Publish") == wagtail_vi("Publish")
        assert translation.gettext("Pages") == wagtail_vi("Pages")


@pytest.mark.django_db
def test_vietnamese_page_editor_shows_wagtails_publish(client, superuser, make_article):
    article = make_article(title="Mùa vải 2026")
    client.force_login(superuser)
    response = client.get(f"/cms-admin/pages/{article.pk}/edit/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    html = response.content.decode()
    publish = wagtail_vi("Publish")
    assert publish and publish != "Publish"
    assert f">{publish}<" in html or f"{publish}\n" in html
    assert "Đăng bán" not in html
    assert "Ngừng bán" not in html
    assert "svà" not in html


@pytest.mark.django_db
def test_workflow_approve_and_publish_reads_as_vietnamese():
    with translation.override("vi"):
        label = translation.gettext("%(label)s and Publish") % {
            "label": translation.gettext("Approve")
        }
    approve = wagtail_vi("Approve", app="")
    assert label == f"{approve} và xuất bản"
