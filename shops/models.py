from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: The legal facts a verification checks (field → label), in the order the badge names them.
LEGAL_FACTS = {
    "name": pgettext_lazy("verified fact", "registered name"),
    "registration_number": pgettext_lazy("verified fact", "registration number"),
    "address": pgettext_lazy("verified fact", "address"),
    "owner_name": pgettext_lazy("verified fact", "owner"),
}


class BoothQuerySet(models.QuerySet):
    def public(self):
        """The one definition of a booth visible to the public: approved."""
        return self.filter(status=Booth.Status.APPROVED)

    def for_user(self, user):
        """Booths *user* is a member of (owner or staff)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Booth(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending approval")
        APPROVED = "approved", pgettext_lazy("booth status", "Approved")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")

    name = models.CharField(_("booth name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    logo = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="booths",
    )
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    registration_number = models.CharField(
        _("business or cooperative registration number"), max_length=50, blank=True
    )
    owner_name = models.CharField(_("owner or legal representative"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    status_reason = models.TextField(_("reason (rejection or suspension)"), blank=True)
    is_verified = models.BooleanField(_("verified by the province"), default=False)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The legal facts a moderator checked (`shops.verification`): changing any of them
    # drops the badge and queues the booth for re-verification.
    verified_facts = models.JSONField(_("verified facts"), default=dict, blank=True)
    reverification_requested_at = models.DateTimeField(
        _("waiting for re-verification since"), null=True, blank=True
    )
    reverification_reasons = models.JSONField(
        _("legal facts changed since the verification"), default=list, blank=True
    )
    rating_average = models.DecimalField(
        _("average rating"), max_digits=3, decimal_places=2, default=0
    )
    rating_count = models.PositiveIntegerField(_("number of reviews"), default=0)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    view_count = models.PositiveBigIntegerField(_("views"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = BoothQuerySet.as_manager()

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["name"]
        permissions = [("moderate_booth", "Can approve, reject, suspend and verify booths")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("shops:booth_detail", kwargs={"slug": self.slug})

    @property
    def verified_fact_labels(self):
        """What the badge says was checked: ["registered name", "registration number", …]."""
        facts = self.verified_facts or {}
        return [str(label) for field, label in LEGAL_FACTS.items() if facts.get(field)]


class BoothMembership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        STAFF = "staff", _("Staff")

    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="booth_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.STAFF)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("booth member")
        verbose_name_plural = _("booth members")
        constraints = [
            models.UniqueConstraint(fields=["booth", "user"], name="unique_booth_member"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.booth} ({self.role})"


class DeliveryRate(models.Model):
    """What a booth charges to deliver one order to a zone (`areas.provinces.ZONES`).

    fee = flat fee + per-kilogram fee × the order's weight, nothing when the order's
    subtotal reaches `free_from`. A zone without a row is a zone the booth does not serve;
    a booth with no rows at all has not set delivery up and delivers everywhere at no fee.
    """

    class Zone(models.TextChoices):
        PROVINCE = "province", _("Within the province")
        NEIGHBOURS = "neighbours", _("Neighbouring provinces")
        NATIONWIDE = "nationwide", _("Nationwide")

    booth = models.ForeignKey(Booth, on_delete=models.CASCADE, related_name="delivery_rates")
    zone = models.CharField(_("zone"), max_length=20, choices=Zone.choices)
    flat_fee = models.PositiveBigIntegerField(_("fee per order (VND)"), default=0)
    per_kg_fee = models.PositiveBigIntegerField(_("fee per kilogram (VND)"), default=0)
    free_from = models.PositiveBigIntegerField(
        _("free delivery from (VND)"),
        null=True,
        blank=True,
        help_text=_("Orders worth at least this much are delivered free. Empty: never."),
    )

    class Meta:
        verbose_name = _("delivery rate")
        verbose_name_plural = _("delivery rates")
        constraints = [
            models.UniqueConstraint(fields=["booth", "zone"], name="unique_booth_zone_rate"),
        ]

    def __str__(self):
        return f"{self.booth_id} {self.zone}"


class DeliverySettings(models.Model):
    """Where a booth ships from and whether shoppers may pick up at the booth."""

    booth = models.OneToOneField(Booth, on_delete=models.CASCADE, related_name="delivery")
    origin_province = models.CharField(
        _("ships from (province)"),
        max_length=100,
        blank=True,
        help_text=_("Empty: the province of the booth's area."),
    )
    pickup = models.BooleanField(_("shoppers may pick up at the booth"), default=False)
    pickup_address = models.CharField(_("pick-up address"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("delivery settings")
        verbose_name_plural = _("delivery settings")

    def __str__(self):
        return f"{self.booth_id}"


class BankAccount(models.Model):
    """The account a booth receives VietQR bank transfers on (NAPAS bank by its BIN)."""

    booth = models.OneToOneField(Booth, on_delete=models.CASCADE, related_name="bank_account")
    bank_bin = models.CharField(_("bank"), max_length=8)
    account_number = models.CharField(_("account number"), max_length=19)
    account_name = models.CharField(_("account holder"), max_length=100)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")

    def __str__(self):
        return f"{self.bank_name} {self.account_number}"

    @property
    def bank_name(self):
        from shops.banks import short_name

        return short_name(self.bank_bin)
