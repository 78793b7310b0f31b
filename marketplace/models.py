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


class CounterKind(models.TextChoices):
    VISIT = "visit", _("Site visits")
    PRODUCT = "product", _("Product views")
    BOOTH = "booth", _("Booth views")
    ARTICLE = "article", _("Article views")


class CounterShard(models.Model):
    """Increments waiting for `manage.py flush_visits` when Redis is not configured.

    Each (kind, object, day) is spread over COUNTERS_DB_SHARDS rows picked at random, so
    concurrent requests seldom wait on the same row lock. The flush folds the rows into
    `DailyCount`, the objects' `view_count` and `CounterTotal`, then zeroes them.
    """

    kind = models.CharField(max_length=12, choices=CounterKind.choices)
    object_id = models.BigIntegerField(default=0)
    day = models.DateField()
    shard = models.PositiveSmallIntegerField()
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("counter shard")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "day", "shard"], name="counter_shard_unique"
            )
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id}:{self.day}#{self.shard}={self.count}"


class DailyCount(models.Model):
    """Visits (object 0) and views per object per local day, kept for charts."""

    kind = models.CharField(max_length=12, choices=CounterKind.choices)
    object_id = models.BigIntegerField(default=0)
    day = models.DateField()
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("daily count")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "day"], name="daily_count_unique")
        ]
        indexes = [models.Index(fields=["kind", "day"], name="daily_count_kind_day")]

    def __str__(self):
        return f"{self.kind}:{self.object_id}:{self.day}={self.count}"


class CounterTotal(models.Model):
    """Running totals written only by the flush (the site's visits live here)."""

    name = models.CharField(max_length=40, unique=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("counter total")

    def __str__(self):
        return f"{self.name}={self.value}"


class FlushBatch(models.Model):
    """A Redis batch already folded into the database, so a retry never applies it twice."""

    batch_id = models.CharField(max_length=100, unique=True)
    applied_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("applied counter batch")

    def __str__(self):
        return self.batch_id
