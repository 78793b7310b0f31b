"""The project's catalogues must not shadow Wagtail's, Django's or allauth's translations."""

import ast
import gettext
import re
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


@pytest.mark.django_db
def test_admin_lists_say_yes_and_no_in_vietnamese(client, superuser):
    from tests.factories import BoothFactory

    BoothFactory(name="HTX Gạo thơm", is_verified=True)
    BoothFactory(name="Cơ sở Vải thiều", is_verified=False)
    client.force_login(superuser)
    html = client.get("/cms-admin/booth/").content.decode()
    assert "HTX Gạo thơm" in html
    cells = re.findall(r"<td[^>]*>\s*(True|False|Có|Không)\s*</td>", html)
    assert sorted(cells) == ["Có", "Không"]


def test_every_supplementary_translation_is_a_package_msgid_it_leaves_untranslated():
    """locale/upstream only fills gaps: a msgid the packages translate themselves, or no
    longer use, has no business there."""
    from django.conf import settings

    from core.translations import _read, package_catalogues

    ours = _read(
        Path(settings.BASE_DIR) / "locale" / "upstream" / "vi" / "LC_MESSAGES" / "django.mo"
    )
    theirs = {}
    for _name, mo in package_catalogues("vi"):
        theirs.update(_read(mo))
    en_po = set()
    import django

    for po in [
        *Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"),
        *Path(django.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"),
    ]:
        for block in re.findall(r'^msgid ((?:".*"\n)+)', po.read_text(encoding="utf-8"), re.M):
            en_po.add("".join(ast.literal_eval(line) for line in block.splitlines()))
    assert ours
    for key in ours:
        msgid = key[0] if isinstance(key, tuple) else key
        assert key not in theirs, f"{msgid!r} is translated by the package already"
        assert msgid in en_po, f"{msgid!r} is not a Wagtail or Django msgid"
