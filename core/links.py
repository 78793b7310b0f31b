"""Addresses typed by editors and sellers, checked again when a page shows them.

Forms and blocks validate a link's scheme when it is saved, but a value can reach the
database another way (an import, a shell, an older release, a StreamField edited as
JSON). Templates therefore pass every such address through `safe_url` (web addresses
only) or `safe_link` (also site paths, ``mailto:`` and ``tel:``): anything else, such as
``javascript:`` or ``data:``, becomes an empty string and the template shows no link.
"""

from urllib.parse import urlsplit

WEB_SCHEMES = frozenset({"http", "https"})
LINK_SCHEMES = WEB_SCHEMES | {"mailto", "tel"}


def _scheme(value):
    # urlsplit drops tabs and new lines and leading control characters the way browsers
    # do, so "java\tscript:" and " javascript:" are seen as the "javascript" scheme.
    try:
        return urlsplit(value).scheme.lower()
    except ValueError:
        return None


def safe_url(value):
    """*value* when it is an http(s) address, else ""."""
    value = str(value or "").strip()
    if value and _scheme(value) in WEB_SCHEMES and urlsplit(value).netloc:
        return value
    return ""


def is_site_path(value):
    return value.startswith("/") and not value.startswith("//") and "\\" not in value


def safe_link(value):
    """*value* when it is a site path, an http(s) address, mailto: or tel:, else ""."""
    value = str(value or "").strip()
    if not value:
        return ""
    if is_site_path(value):
        return value
    scheme = _scheme(value)
    if scheme in WEB_SCHEMES:
        return value if urlsplit(value).netloc else ""
    return value if scheme in LINK_SCHEMES - WEB_SCHEMES else ""
