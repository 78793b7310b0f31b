"""Image upload fields whose help text and errors follow the visitor's language.

Wagtail's ``WagtailImageField`` fills in its help text and two of its error messages
("Not a supported image format…", "This file is too big…") when the field is built; the
project's forms build their fields once, at import, so these strings were frozen in the
language of that moment, and Wagtail's Vietnamese catalogue has none of them anyway.
``ImageUploadField`` rebuilds them lazily, read in the language of each request. The
msgids are Wagtail's own; their Vietnamese is in ``locale/upstream`` (shared with the
Wagtail admin's image upload).
"""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext
from wagtail.images.fields import WagtailImageField

# Wagtail's msgids, not marked here: their translations live in locale/upstream.
HELP = "Supported formats: %(supported_formats)s. Maximum filesize: %(max_upload_size)s."
HELP_NO_LIMIT = "Supported formats: %(supported_formats)s."
BAD_FORMAT = "Not a supported image format. Supported formats: %(supported_formats)s."
TOO_BIG_UNKNOWN = "This file is too big. Maximum filesize %(max_filesize)s."


def _limits():
    max_size = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
    extensions = getattr(
        settings, "WAGTAILIMAGES_EXTENSIONS", ["gif", "jpg", "jpeg", "png", "webp"]
    )
    return {
        "supported_formats": ", ".join(extensions).upper(),
        "max_upload_size": filesizeformat(max_size) if max_size is not None else None,
        "max_filesize": filesizeformat(max_size) if max_size is not None else None,
    }


def _translated(msgid):
    limits = _limits()
    if msgid == HELP and limits["max_upload_size"] is None:
        msgid = HELP_NO_LIMIT
    return gettext(msgid) % limits


translated = lazy(_translated, str)


class ImageUploadField(WagtailImageField):
    """``WagtailImageField`` with help text and errors in the request's language."""

    def __init__(self, *args, **kwargs):
        explicit_help = "help_text" in kwargs
        super().__init__(*args, **kwargs)
        if not explicit_help:
            self.help_text = translated(HELP)
        self.error_messages["invalid_image_extension"] = translated(BAD_FORMAT)
        self.error_messages["file_too_large_unknown_size"] = translated(TOO_BIG_UNKNOWN)
