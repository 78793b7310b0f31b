"""Search bookkeeping: the change log (outbox) and the database fallback's folded text."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .text import parse_terms


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
    # the name in lower case with its diacritics (synonyms such as "dứa" are matched on it)
    exact = models.TextField(blank=True, default="")
    # folded category, area and booth names: found, weighted below the name
    extra = models.TextField(blank=True, default="")
    # the category's names (with its parents', and the parts of "Trà & cà phê") as "|tra|"
    category = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="searchentry_unique")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"


class SearchWord(models.Model):
    """A folded word of the names searched (products, booths, categories, areas): the
    vocabulary the database fallback corrects typos against (`search.typos`).

    Words are added as names are saved and only rebuilt wholesale (`rebuild_entries`): a
    word left behind by a renamed product is harmless (it corrects to nothing found).
    """

    word = models.CharField(max_length=40, unique=True)
    length = models.PositiveSmallIntegerField(db_index=True)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self):
        return self.word


class Synonym(models.Model):
    """Words that mean the same thing to a shopper: regional pairs (lợn/heo, ngô/bắp),
    English names for export buyers (longan/nhãn). Edited by moderators as a snippet;
    applied at query time (`search.synonyms`), so a change needs no reindexing."""

    terms = models.CharField(
        _("words"),
        max_length=300,
        help_text=_(
            "Words or short phrases that mean the same, separated by commas, with their "
            "diacritics: “lợn, heo”, “dứa, thơm, pineapple”."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_active = models.BooleanField(pgettext_lazy("in use", "active"), default=True)

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    def clean(self):
        if len(parse_terms(self.terms)) < 2:
            raise ValidationError(
                {"terms": _("Give at least two different words, separated by commas.")}
            )
