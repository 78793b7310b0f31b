"""Every interface string is translated, and templates do not hard-code Vietnamese.

`makemessages` runs on a copy of the project (the working tree is left alone) and every
msgid of the project's Vietnamese catalogues must have a translation that is not fuzzy.
Message ids are English; Vietnamese written straight into a template would never reach
the English pages, so templates may carry Vietnamese letters only on an element marked
``lang="vi"`` (the language switcher's own name) or in the static 500 page.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ]|[àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]")
STATIC_PAGES = {"500.html"}  # rendered without a request: says it in both languages
_IGNORED_NAMES = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "__pycache__", "media", "static", "*.mo", ".ruff_cache",
    ".services", ".cache", ".local", ".gunicorn", "test-output", "*.sqlite3",
)  # fmt: skip


def COPY_IGNORE(folder, names):
    """What the copy leaves out: the checkout's tools, caches and running services' files
    (a PostgreSQL socket under .services cannot be copied), and anything not a plain file."""
    ignored = set(_IGNORED_NAMES(folder, names))
    for name in names:
        path = Path(folder) / name
        if not (path.is_dir() or path.is_file()):
            ignored.add(name)  # sockets, fifos, broken links
    return ignored


def untranslated(po_text):
    """msgids of a .po file with an empty or fuzzy translation."""
    missing = []
    for block in po_text.split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not match:
            continue
        msgid = "".join(re.findall(r'"(.*)"', match.group(1)))
        if not msgid or block.lstrip().startswith("#~"):
            continue
        strings = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M)
        empty = any(not "".join(re.findall(r'"(.*)"', s)) for s in strings)
        if empty or "#, fuzzy" in block:
            missing.append(msgid)
    return missing


def test_untranslated_detects_empty_and_fuzzy():
    po = (
        'msgid ""\nmsgstr ""\n"Language: vi\\n"\n\n'
        'msgid "Cart"\nmsgstr "Giỏ hàng"\n\n'
        'msgid "Sign in"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Sign out"\nmsgstr "Đăng nhập"\n\n'
        'msgid "%(n)s view"\nmsgid_plural "%(n)s views"\nmsgstr[0] ""\n'
    )
    assert untranslated(po) == ["Sign in", "Sign out", "%(n)s view"]


@pytest.mark.skipif(not shutil.which("xgettext"), reason="gettext is not installed")
def test_every_message_has_a_vietnamese_translation(tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-location", "-v0",
         "--ignore=tests", "--ignore=bench", "--ignore=.venv"],
        cwd=copy, check=True, capture_output=True, text=True,
    )  # fmt: skip
    problems = []
    for po in sorted(copy.glob("**/locale/vi/LC_MESSAGES/django.po")):
        for msgid in untranslated(po.read_text(encoding="utf-8")):
            problems.append(f"{po.relative_to(copy)}: {msgid!r}")
    assert not problems, "Untranslated or fuzzy messages:\n" + "\n".join(problems)


def test_templates_do_not_hard_code_vietnamese():
    problems = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        rel = path.relative_to(ROOT / "templates")
        if rel.name in STATIC_PAGES or rel.parts[0] == "bench":
            continue
        text = re.sub(
            r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", "", path.read_text(), flags=re.S
        )
        for number, line in enumerate(text.splitlines(), start=1):
            if VIETNAMESE.search(line) and 'lang="vi"' not in line:
                problems.append(f"templates/{rel}:{number}: {line.strip()[:120]}")
    assert not problems, "Vietnamese written into templates:\n" + "\n".join(problems)
