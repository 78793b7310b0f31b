"""The site's language prefix: Vietnamese at the root, other languages under /<code>/."""

from django.conf import settings
from django.utils.translation import get_language


def localize_path(path, language=None):
    """*path* of this site in *language* (default: the active one).

    "/tin-tuc/" stays as is in Vietnamese and becomes "/en/tin-tuc/" in English. Full
    addresses ("https://…", "//…"), anchors and paths already prefixed are left alone.
    """
    language = language or get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or not path.startswith("/") or path.startswith("//"):
        return path
    prefix = f"/{language}/"
    if path.startswith(prefix) or path == prefix.rstrip("/"):
        return path
    return f"/{language}{path}"


def strip_language(path):
    """The reverse of `localize_path`: "/en/tin-tuc/" -> "/tin-tuc/"."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path
