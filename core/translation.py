"""English beside Vietnamese for what editors and moderators type.

Names of categories, certifications, areas, news categories, menus, banners and the
standard pages are stored twice: the Vietnamese field (``name``) and an English twin
(``name_en``) beside it. `translated` picks the twin when the active language is English
and it is filled, and falls back to Vietnamese otherwise. It works on model instances and
on StreamField struct values (menu links, banner slides) alike. See docs/i18n.md.
"""

from django import forms
from django.conf import settings
from django.utils.translation import get_language

SUFFIX = "_en"


def wants_english(language=None):
    """True when the page is being rendered in a language other than Vietnamese."""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language != settings.LANGUAGE_CODE.split("-")[0]


def _get(obj, name):
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(name)
    try:
        return obj[name]  # StructValue and other mappings
    except (TypeError, KeyError, IndexError, AttributeError):
        pass
    return getattr(obj, name, None)


def translated(obj, field, language=None):
    """*obj*'s *field* in the active language: the ``<field>_en`` twin under /en/ when it
    is filled, the Vietnamese value otherwise (also when the twin does not exist)."""
    if wants_english(language):
        value = _get(obj, field + SUFFIX)
        if value not in (None, "") and not _is_empty_stream(value):
            return value
    value = _get(obj, field)
    return "" if value is None else value


def is_fallback(obj, field, language=None):
    """True when `translated` shows Vietnamese on an English page (the twin is empty)."""
    if not wants_english(language):
        return False
    value = _get(obj, field + SUFFIX)
    return value in (None, "") or _is_empty_stream(value)


def _is_empty_stream(value):
    # An empty StreamValue is falsy through len(); strings are handled by the caller.
    if isinstance(value, str):
        return not value.strip()
    try:
        return len(value) == 0
    except TypeError:
        return False


class VietnameseOptionsSelect(forms.Select):
    """A <select> whose options are Vietnamese names (provinces): each option gets
    ``lang="vi"`` on English pages, so the names stay and are read as Vietnamese."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value and wants_english():
            option["attrs"] = {**option["attrs"], "lang": "vi"}
        return option


def with_names(message, **names):
    """*message* (a translated "%(name)s" text) with Vietnamese *names* put in, each in
    ``<span lang="vi">`` on English pages; safe HTML, the message itself escaped."""
    from django.utils.html import conditional_escape, format_html
    from django.utils.safestring import mark_safe

    if wants_english():
        values = {
            key: format_html('<span lang="vi">{}</span>', value) for key, value in names.items()
        }
    else:
        values = {key: conditional_escape(value) for key, value in names.items()}
    return mark_safe(conditional_escape(message) % values)
