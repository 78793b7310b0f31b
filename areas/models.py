"""Areas of origin held as data: a tree province → district/commune → area.

Provinces merge and districts change (the 2025 reorganisation removed the district
level), so areas are rows, not choices: an old name stays as a row marked not current and
points at the area that replaced it, so a geographical indication such as "Lục Ngạn"
keeps meaning something.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.translation import translated


class AreaQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)

    def origins(self):
        """What a seller may choose as a product's area of origin: current units and
        areas of origin inside the province, not the province itself (every product of
        the market comes from it) nor the districts abolished in 2025."""
        return self.current().exclude(kind=Area.Kind.PROVINCE)


class Area(models.Model):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District (before 2025)")
        COMMUNE = "commune", _("Commune / ward")
        REGION = "region", _("Area of origin")

    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGION)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_current = models.BooleanField(_("current"), default=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return str(translated(self, "name"))

    def successor(self):
        """The current area this one stands for: itself when current, else the end of
        its `replaced_by` chain (None when the chain ends in no current area)."""
        area, seen = self, set()
        while area is not None and not area.is_current and area.pk not in seen:
            seen.add(area.pk)
            area = area.replaced_by
        return area if area is not None and area.is_current else None
