"""Vietnamese text helpers: diacritics folding and ASCII slugs.

"Vải thiều Lục Ngạn" folds to "Vai thieu Luc Ngan"; đ/Đ become d/D (Unicode does not
decompose them, so they are mapped by hand).
"""

import re
import unicodedata

from django.utils.text import slugify

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold_vietnamese(text: str) -> str:
    """Return *text* without Vietnamese diacritics, keeping case and spacing."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def slugify_vi(text: str, max_length: int = 80) -> str:
    """ASCII slug of a Vietnamese text: "Vải thiều Lục Ngạn" -> "vai-thieu-luc-ngan"."""
    slug = slugify(fold_vietnamese(text))[:max_length].strip("-")
    return slug


def unique_slug(model, text: str, *, field: str = "slug", max_length: int = 80, exclude_pk=None):
    """A slug for *text* not yet used by *model*: adds -2, -3 … when taken."""
    base = slugify_vi(text, max_length=max_length - 6) or "muc"
    candidate = base
    n = 2
    qs = model._default_manager.all()
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(**{field: candidate}).exists():
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def tel_uri(phone) -> str:
    """A phone number as typed ("0912 345 678", "(0204) 3.854.123", "+84 912…") as a
    `tel:` URI without spaces or punctuation (RFC 3966 keeps digits and a leading +);
    empty when nothing is left to dial."""
    text = str(phone or "").strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits:
        return ""
    return f"tel:{'+' if text.startswith('+') else ''}{digits}"


_BLOCK_END = re.compile(
    r"<br\s*/?>|</(?:p|div|li|h[1-6]|blockquote|tr|table|ul|ol|section|article|pre|figure)\s*>",
    re.IGNORECASE,
)


def plain_text(html, separator="\n") -> str:
    """Rich text as plain text with its blocks kept apart: "<p>đóng gói.</p><p>Giao…</p>"
    becomes "đóng gói.\nGiao…" (or joined by *separator*), not "đóng gói.Giao…".
    Entities are decoded; spaces inside a block are collapsed."""
    from html import unescape

    from django.utils.html import strip_tags

    marked = _BLOCK_END.sub(lambda m: m.group(0) + "\x00", str(html or ""))
    blocks = (" ".join(unescape(strip_tags(part)).split()) for part in marked.split("\x00"))
    return separator.join(block for block in blocks if block)


def folding_table() -> dict[str, str]:
    """Every accented Latin letter (Vietnamese and others) and the ASCII letter it folds to.

    For the admin's slug field (core/slugs.py): Wagtail's JS slugify drops what it cannot
    transliterate, so "Phiên chợ" became "phien-ch".
    """
    table = {}
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(code)
        folded = fold_vietnamese(ch)
        if folded != ch and len(folded) == 1 and folded.isascii() and folded.isalpha():
            table[ch] = folded
    return table
