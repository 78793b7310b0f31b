"""Buyers' reviews of what was delivered to them, the booth's reply, reports and votes.

Who may write, edit or reply is decided in `reviews/rules.py`; every change goes through
`reviews/actions.py` (sanitising, rate limits, the audit log, the rating aggregates).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_TEXT = 2000
MAX_PHOTOS = 3


class ReviewQuerySet(models.QuerySet):
    def visible(self):
        """The one definition of a review the public sees: not hidden by a moderator, on a
        line of a delivered order (a review exists only for those, see `rules`)."""
        return self.filter(status=Review.Status.PUBLISHED)


class Review(models.Model):
    class Status(models.TextChoices):
        PUBLISHED = "published", _("Shown")
        HIDDEN = "hidden", _("Hidden by a moderator")

    order_item = models.OneToOneField(
        "orders.OrderItem",
        verbose_name=_("order line"),
        on_delete=models.CASCADE,
        related_name="review",
    )
    product = models.ForeignKey(
        "catalog.Product",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    booth = models.ForeignKey(
        "shops.Booth", verbose_name=_("booth"), on_delete=models.CASCADE, related_name="reviews"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("buyer"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("review"), blank=True, max_length=MAX_TEXT)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PUBLISHED
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    helpful_count = models.PositiveIntegerField(_("found helpful"), default=0)
    report_count = models.PositiveIntegerField(_("open reports"), default=0)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["product", "status", "-created_at"], name="review_product_new"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="review_rating_1_5"
            ),
        ]
        permissions = [("moderate_review", "Can hide and restore reviews")]

    def __str__(self):
        return f"{self.rating}★ {self.product_id} — {self.user_id}"

    @property
    def author_name(self):
        """The buyer's name as shown publicly: first word and initial ("Lan N.")."""
        name = (getattr(self.user, "full_name", "") or "").strip()
        if not name:
            return str(_("A buyer"))
        words = name.split()
        return words[-1] if len(words) == 1 else f"{words[-1]} {words[0][0]}."


class ReviewPhoto(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "images.CustomImage", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("review photo")
        verbose_name_plural = _("review photos")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.review_id}: {self.image_id}"


class ReviewReply(models.Model):
    """The booth's one public reply."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="reply")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("reply"), max_length=MAX_TEXT)
    created_at = models.DateTimeField(_("replied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("booth's reply")
        verbose_name_plural = _("booths' replies")

    def __str__(self):
        return self.text[:60]


class ReviewReport(models.Model):
    class Reason(models.TextChoices):
        OFFENSIVE = "offensive", _("Offensive or abusive")
        SPAM = "spam", _("Spam or advertising")
        FALSE = "false", _("Not about this product")
        PRIVATE = "private", _("Shares private information")
        OTHER = "other", _("Something else")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("details"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["review", "reporter"], name="one_report_per_reporter"),
        ]

    def __str__(self):
        return f"{self.review_id}: {self.reason}"


class ReviewVote(models.Model):
    """ "This review helped me": one per user and review."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "user"], name="one_vote_per_user"),
        ]

    def __str__(self):
        return f"{self.review_id} ← {self.user_id}"


class ReviewReminder(models.Model):
    """The "how was it?" e-mail sent once per delivered order."""

    order = models.OneToOneField("orders.Order", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.order_id} @ {self.sent_at}"
