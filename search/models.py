"""Search bookkeeping: the change log (outbox) and the database fallback's folded text."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PRODUCT = "product", _("Product")
    BOOTH = "booth", _("Booth")
    ARTICLE = "article", _("Article")
    CATEGORY = "category", _("Category")
    AREA = "area", _("Area")


class SearchChange(models.Model):
    """One object that changed and must be (re)indexed or removed.

    Rows are written in the same transaction as the change; they are applied after the
    commit and kept a while once processed, so a rebuild can replay what changed while it
    ran. Catch-up (`manage.py search_index catch_up`) applies whatever is left.
    """

    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("pending search change")
        verbose_name_plural = _("pending search changes")
        indexes = [
            models.Index(
                fields=["id"],
                name="searchchange_pending",
                condition=models.Q(processed_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"


class SearchEntry(models.Model):
    """Folded text of a product, booth or article, for searching without Elasticsearch.

    Padded with spaces so `contains(" word")` is a word-prefix match on any database.
    Visibility is never stored here: queries join the public querysets.
    """

    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.BigIntegerField()
    name = models.TextField()
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchentry_unique")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
