"""The one image pipeline: every photo on the market is a Wagtail image.

Renditions are resized and converted to WebP (see WAGTAILIMAGES_FORMAT_CONVERSIONS);
uploads are validated for type, size and pixel count by Wagtail's own checks and by
`images.validation`.
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

    @property
    def default_alt_text(self):
        return self.alt_text or self.title


class Rendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
