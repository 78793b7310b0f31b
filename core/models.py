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
    tagline_en = models.CharField(
        _("tagline in English"),
        max_length=200,
        blank=True,
        default="The online market for the province's own products",
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


class ScheduledJob(models.Model):
    """One periodic job's last run and its lease (`core.scheduling`, `run_scheduler`).

    A scheduler runs the job only after taking the lease with one conditional UPDATE, so
    two schedulers never run the same job at once; the health check reads the last run.
    """

    name = models.CharField(_("name"), max_length=100, primary_key=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_ok = models.BooleanField(_("last run succeeded"), null=True)
    last_error = models.TextField(_("last error"), blank=True)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)
    locked_by = models.CharField(_("locked by"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self):
        return self.name
