from django.db import models
from django.utils.translation import gettext_lazy as _


class CounterShard(models.Model):
    """Increments waiting for `manage.py flush_visits` when Redis is not configured.

    Each (kind, object, day) is spread over COUNTERS_DB_SHARDS rows picked at random, so
    concurrent requests seldom wait on the same row lock. The flush folds the rows into
    `DailyCount`, the objects' `view_count` and `CounterTotal`, then zeroes them.
    """

    kind = models.CharField(max_length=12)
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

    kind = models.CharField(max_length=12)
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
