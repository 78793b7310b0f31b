"""Originals without metadata: EXIF (GPS position, camera, owner), XMP, comments.

Renditions never carried metadata, but the original file is kept and can be downloaded by
whoever may edit the image. `strip_metadata` rewrites an upload before it is stored:
turned upright first (the EXIF orientation is applied to the pixels, since the tag that
said how to turn it is dropped), then saved again in its own format with only what is
needed to show it right (the colour profile, PNG transparency).
"""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

ORIENTATION = 0x0112
KEPT_INFO = ("icc_profile", "transparency")
FORMATS = {"JPEG", "PNG", "WEBP"}


def _save_options(image, fmt, untouched):
    options = {"format": fmt, "exif": b""}
    if image.info.get("icc_profile"):
        options["icc_profile"] = image.info["icc_profile"]
    if fmt == "JPEG":
        # "keep" re-uses the original quantisation tables (no visible loss) when the
        # pixels were not turned; a turned picture is encoded afresh at high quality.
        options.update(quality="keep" if untouched else 92, optimize=True)
        if not untouched:
            options["subsampling"] = "4:2:0"
    elif fmt == "WEBP":
        lossless = image.info.get("lossless", False)
        options.update(lossless=lossless, quality=100 if lossless else 90)
        if getattr(image, "is_animated", False):
            options["save_all"] = True
    elif fmt == "PNG":
        options["optimize"] = True
        if "transparency" in image.info:
            options["transparency"] = image.info["transparency"]
    return options


def strip_metadata(file):
    """A ContentFile holding *file*'s picture without metadata, or None to keep it as is.

    None when the file is not a JPEG, PNG or WebP picture Pillow can read (Wagtail's
    own validation has already refused anything else).
    """
    file.seek(0)
    try:
        with Image.open(file) as original:
            fmt = original.format
            if fmt not in FORMATS:
                return None
            original.load()
            orientation = original.getexif().get(ORIENTATION, 1)
            untouched = orientation in (None, 1) or getattr(original, "is_animated", False)
            picture = original if untouched else ImageOps.exif_transpose(original)
            for key in list(picture.info):
                if key not in KEPT_INFO and key != "lossless":
                    del picture.info[key]
            buffer = io.BytesIO()
            picture.save(buffer, **_save_options(picture, fmt, untouched and fmt == "JPEG"))
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        file.seek(0)
    return ContentFile(buffer.getvalue())
