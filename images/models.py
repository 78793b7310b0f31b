"""The one image pipeline: every photo on the market is a Wagtail image.

Renditions are resized and converted to WebP (see WAGTAILIMAGES_FORMAT_CONVERSIONS);
uploads are validated for type, size and pixel count by Wagtail's own checks
(WAGTAILIMAGES_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_IMAGE_PIXELS). Every new original is
stored without its metadata (`images.metadata`), whoever uploads it and however.
Collections decide who may change an image (`images.collections`).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image


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

    # Renditions that stay cached. Wagtail marks a *prefetched* rendition as "from the
    # cache" but not one it has just read from the cache, so every look-up of a cached
    # rendition wrote it back (`get_renditions` with `set_many`, `get_rendition` with `set`):
    # two cache round trips per image per request where one will do (docs/performance.md).

    def find_existing_renditions(self, *filters):
        if self._get_prefetched_renditions() is not None:
            return super().find_existing_renditions(*filters)
        Rendition = self.get_rendition_model()
        filters_by_spec = {f.spec: f for f in filters}
        keys = [
            Rendition.construct_cache_key(self, f.get_cache_key(self), spec)
            for spec, f in filters_by_spec.items()
        ]
        found = {}
        for rendition in Rendition.cache_backend.get_many(keys).values():
            rendition.image = self
            rendition._from_cache = True  # noqa: SLF001 - Wagtail's own flag: not written back
            found[filters_by_spec[rendition.filter_spec]] = rendition
        missing = [f for f in filters if f not in found]
        if missing:  # then the database
            lookup = Q()
            for f in missing:
                lookup |= Q(filter_spec=f.spec, focal_point_key=f.get_cache_key(self))
            for rendition in self.renditions.filter(lookup):
                found[filters_by_spec[rendition.filter_spec]] = rendition
        return found

    def get_rendition(self, filter):
        """Wagtail's `get_rendition`, without writing back a rendition the cache gave."""
        Rendition = self.get_rendition_model()
        if isinstance(filter, str):
            filter = Filter(spec=filter)
        elif not isinstance(filter, Filter):
            raise InvalidFilterSpecError(
                "Unrecognised filter format - string or Filter instance expected"
            )
        filter = self.clean_filter_for_svg(filter)
        try:
            rendition = self.find_existing_rendition(filter)
        except Rendition.DoesNotExist:
            rendition = self.create_rendition(filter)
            self._add_to_prefetched_renditions(rendition)
        if not getattr(rendition, "_from_cache", False):
            key = Rendition.construct_cache_key(self, filter.get_cache_key(self), filter.spec)
            Rendition.cache_backend.set(key, rendition)
        return rendition


class Rendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
