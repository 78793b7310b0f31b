"""The one image pipeline: every photo on the market is a Wagtail image.

Renditions are resized and converted to WebP (see WAGTAILIMAGES_FORMAT_CONVERSIONS);
uploads are validated for type, size and pixel count by Wagtail's own checks
(WAGTAILIMAGES_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_IMAGE_PIXELS). Every new original is
stored without its metadata (`images.metadata`), whoever uploads it and however.
Collections decide who may change an image (`images.collections`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    alt_text = models.CharField(_("alternative text"), max_length=255, blank=True)

    admin_form_fields = Image.admin_form_fields + ("alt_text",)

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]

    def save(self, *args, **kwargs):
        if self.file and not getattr(self.file, "_committed", True):
            self._strip_metadata()
        super().save(*args, **kwargs)

    def _strip_metadata(self):
        from images.metadata import strip_metadata

        cleaned = strip_metadata(self.file)
        if cleaned is None:
            return
        cleaned.name = self.file.name
        self.file = cleaned  # width and height follow the new file (ImageField)
        self.file_size = None
        self._set_image_file_metadata()  # size and hash of what is stored

    @property
    def default_alt_text(self):
        return self.alt_text or self.title


class Rendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
