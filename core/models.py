from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import register_setting

from core.sitecache import CachedSiteSetting


@register_setting(icon="site")
class SiteSettings(CachedSiteSetting):
    """Site-wide identity, edited by editors in Wagtail (Settings → Market)."""

    site_name = models.CharField(_("site name"), max_length=120, default="Chợ Tỉnh")
    tagline = models.CharField(
        _("tagline"),
        max_length=200,
        blank=True,
        default="Sàn thương mại điện tử sản phẩm đặc trưng của tỉnh",
    )
    operator_name = models.CharField(_("operated by"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_address = models.CharField(_("contact address"), max_length=255, blank=True)
    visits_offset = models.PositiveBigIntegerField(
        _("starting visit count"),
        default=0,
        help_text=_("Visits counted by an earlier system, added to the visit figure."),
    )

    class Meta:
        verbose_name = _("market settings")
