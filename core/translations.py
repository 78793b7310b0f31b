"""Which of the project's translations shadow the installed packages' own.

Django looks a message id up in one merged catalogue: ``LOCALE_PATHS`` first, then the
installed apps in order (the project's apps come first), then Django's. A project msgid
that Wagtail, Django or allauth also use therefore replaces *their* translation on
*their* screens: "Publish" translated for the seller centre as "Đăng bán" (put on sale)
turned Wagtail's page editor's "Xuất bản" into "Đăng bán".

``find_clashes`` lists every project msgid without a translation context that an
installed package's catalogue translates differently. The project's own uses of such a
word take a context (``pgettext``, ``{% translate "Publish" context "product" %}``) so both
keep their meaning. ``SAME_MEANING`` holds the few deliberate overrides: the same
meaning in every place the package uses it (a spelling the project uses everywhere) or a
fix of the package's own translation. ``manage.py check_translations`` prints the list;
the test suite fails on any clash not in it.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_noop

# Wagtail's own Vietnamese for its workflow menu item ("Phê chuẩn và Xuất bản") lacks a
# space; the core catalogue carries the corrected translation of Wagtail's msgid.
WAGTAIL_FIXES = [gettext_noop("%(label)s and Publish")]

# msgid -> why the project's translation may replace the packages' one.
SAME_MEANING = {
    # fixes of the packages' own Vietnamese
    "%(label)s and Publish": "Wagtail's catalogue glues the words: '%(label)svà Xuất bản'",
    "Table": "Wagtail's table block reads 'Bảnh' (a typo)",
    "Username": "Wagtail's users app leaves it in English",
    "History": "Django's admin says 'Bản ghi nhớ' (memo)",
    "Vietnamese": "Django says 'Tiếng Việt Nam'",
    "Image": "Django leaves it in English",
    # one spelling across the site and the admin; the same meaning
    "Cancel": "Hủy / Hủy bỏ",
    "Delete": "Xóa / Xoá (tone-mark placement)",
    "Remove": "Xóa / Gỡ bỏ",
    "Home": "Trang chủ / Trang Chủ (case)",
    "Email": "E-mail / Email",
    "Email address": "Địa chỉ e-mail / Địa chỉ email",
    "email address": "địa chỉ e-mail / địa chỉ email",
    "name": "tên / Tên (case)",
    "user": "người dùng / Người dùng (case)",
    "users": "người dùng / người sử dụng",
    "created at": "tạo lúc / Được tạo lúc",
    "Important dates": "Các mốc thời gian / Những ngày quan trọng",
    "This account is inactive.": "hiện không hoạt động / chưa được kích hoạt",
    "Action": "Thao tác / Hành động",
    "Administration": "Quản trị / Quản trị website",
    "Change": "Đổi / Thay đổi / Sửa",
    "Download CSV": "Tải về CSV / Tải CSV",
    "Filter": "Lọc / Bộ lọc",
    "Page not found": "Không tìm thấy trang / … nào",
    "Save": "Lưu / Lưu lại",
}


@dataclass(frozen=True)
class Clash:
    msgid: str
    ours: str
    package: str
    theirs: str
    catalogue: str

    def __str__(self):
        return f"{self.msgid!r}: {self.catalogue} says {self.ours!r}, {self.package} says {self.theirs!r}"


def _read(mo: Path) -> dict:
    with open(mo, "rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog
    out = {}
    for key, value in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid or not value:
            continue
        out[key] = value
    return out


def _project_root() -> Path:
    return Path(settings.BASE_DIR).resolve()


def project_catalogues(language: str) -> list[Path]:
    root = _project_root()
    dirs = [Path(p) for p in settings.LOCALE_PATHS]
    dirs += [Path(c.path) / "locale" for c in apps.get_app_configs() if _inside(Path(c.path), root)]
    return [
        d / language / "LC_MESSAGES" / "django.mo"
        for d in dirs
        if (d / language / "LC_MESSAGES" / "django.mo").exists()
    ]


def package_catalogues(language: str) -> list[tuple[str, Path]]:
    import django

    root = _project_root()
    found = [("django", Path(django.__file__).parent / "conf" / "locale")]
    found += [
        (c.name, Path(c.path) / "locale")
        for c in apps.get_app_configs()
        if not _inside(Path(c.path), root)
    ]
    out = []
    for name, d in found:
        mo = d / language / "LC_MESSAGES" / "django.mo"
        if mo.exists():
            out.append((name, mo))
    return out


def _inside(path: Path, root: Path) -> bool:
    path = path.resolve()
    return (
        path.is_relative_to(root)
        and ".venv" not in path.relative_to(root).parts
        and "site-packages" not in path.parts
    )


def find_clashes(language: str = "vi", *, allowed=SAME_MEANING) -> list[Clash]:
    """Project msgids without context that an installed package translates differently."""
    theirs: dict = {}
    for name, mo in package_catalogues(language):
        for key, value in _read(mo).items():
            theirs.setdefault(key, []).append((name, value))
    root = _project_root()
    clashes = []
    for mo in project_catalogues(language):
        for key, ours in _read(mo).items():
            msgid = key[0] if isinstance(key, tuple) else key
            if "\x04" in msgid or msgid in allowed:
                continue
            for name, value in theirs.get(key, []):
                if value != ours:
                    label = str(mo.relative_to(root)) if mo.is_relative_to(root) else str(mo)
                    clashes.append(Clash(msgid, ours, name, value, label))
    return clashes
