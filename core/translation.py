"""English beside Vietnamese for what editors and moderators type.

Names of categories, certifications, areas, news categories, menus, banners and the
standard pages are stored twice: the Vietnamese field (``name``) and an English twin
(``name_en``) beside it. `translated` picks the twin when the active language is English
and it is filled, and falls back to Vietnamese otherwise. It works on model instances and
on StreamField struct values (menu links, banner slides) alike. See docs/i18n.md.
"""

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


class TranslatedStrMixin:
    """``str(obj)`` in the active language (choice lists, filters, breadcrumbs)."""

    translated_str_field = "name"

    def __str__(self):
        return str(translated(self, self.translated_str_field))
