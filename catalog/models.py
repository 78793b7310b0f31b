from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from core.translation import translated

MAX_PRICE_VND = 1_000_000_000


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    image = models.ForeignKey(
        "images.CustomImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(pgettext_lazy("in use", "active"), default=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return str(translated(self, "name"))


class Certification(models.Model):
    """A quality scheme a product can carry: VietGAP, GlobalGAP, organic, …"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["name"]

    def __str__(self):
        return str(translated(self, "name"))


# the srcset of components/product_card.html
CARD_RENDITIONS = (
    "fill-240x180|format-webp",
    "fill-400x300|format-webp",
    "fill-600x450|format-webp",
)


def photos_with_renditions(specs):
    """Product photos in their order, with images and the renditions in *specs* prefetched
    (so `{% image %}` with those specs needs no query)."""
    from images.models import Rendition

    return (
        ProductImage.objects.select_related("image")
        .prefetch_related(
            models.Prefetch(
                "image__renditions",
                queryset=Rendition.objects.filter(filter_spec__in=list(specs)),
                to_attr="prefetched_renditions",
            )
        )
        .order_by("sort_order", "pk")
    )


def photos_prefetch(specs):
    """Prefetch a product's ordered photos, their images and the renditions in *specs*."""
    return models.Prefetch("images", queryset=photos_with_renditions(specs))


class ProductQuerySet(models.QuerySet):
    def public(self):
        """The one definition of a product visible to the public.

        Published, and sold by an approved booth. Every public page, feed, sitemap and
        search index goes through here.
        """
        return self.filter(status=Product.Status.PUBLISHED, booth__status="approved")

    def in_stock(self):
        return self.filter(stock__gt=0)

    def in_season(self, month=None):
        month = month or timezone.localdate().month
        bit = 1 << (month - 1)
        return self.alias(_season_bit=F("season_mask").bitand(bit)).filter(_season_bit__gt=0)

    def for_cards(self):
        """The rows a product card reads; its photos are fetched only for the cards the
        card cache misses (`catalog.cards`)."""
        return self.select_related("booth", "category", "origin_area")

    def with_card_data(self, *rendition_specs):
        """Everything a product card shows, in a fixed number of queries.

        Photos come with their renditions for the card's size (and any extra filter specs
        given), so `{% image %}` needs no query per card.
        """
        return self.select_related("booth", "category", "origin_area").prefetch_related(
            photos_prefetch(CARD_RENDITIONS + tuple(rendition_specs))
        )


class Product(ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", pgettext_lazy("product status", "Published")
        HIDDEN = "hidden", _("Hidden by a moderator")

    booth = models.ForeignKey(
        "shops.Booth", verbose_name=_("booth"), on_delete=models.CASCADE, related_name="products"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="products"
    )
    name = models.CharField(_("product name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    description = models.TextField(_("description"), blank=True)
    price = models.PositiveBigIntegerField(
        _("price (VND)"), validators=[MinValueValidator(0), MaxValueValidator(MAX_PRICE_VND)]
    )
    unit = models.CharField(_("unit"), max_length=30, default="kg")
    stock = models.PositiveIntegerField(_("stock"), default=0)
    unit_weight_grams = models.PositiveIntegerField(
        _("weight of one unit (grams)"),
        default=0,
        blank=True,
        help_text=_("With its packing, for the delivery fee. 0: 1 kg when sold by the kg."),
    )
    origin_area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("area of origin"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="products",
    )
    # The OCOP stars, level and certifications shown as badges and counted in the facets:
    # derived from the product's checked, unexpired `Certificate` records by
    # `catalog.certificates.refresh_badges`, never typed by the seller.
    ocop_stars = models.PositiveSmallIntegerField(
        _("OCOP stars"), default=0, validators=[MinValueValidator(0), MaxValueValidator(5)]
    )
    ocop_level = models.CharField(_("OCOP level"), max_length=20, blank=True)
    certifications = models.ManyToManyField(
        Certification, verbose_name=_("certifications"), blank=True, related_name="products"
    )
    # Buyers' reviews, kept up to date by the reviews app (average of the visible ones).
    rating_average = models.DecimalField(
        _("average rating"), max_digits=3, decimal_places=2, default=0
    )
    rating_count = models.PositiveIntegerField(_("number of reviews"), default=0)
    # Months in season as a 12-bit mask: bit 0 = January … bit 11 = December.
    season_mask = models.PositiveSmallIntegerField(_("months in season"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    view_count = models.PositiveBigIntegerField(_("views"), default=0)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "-created_at"], name="product_status_created")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ocop_stars__lte=5), name="product_ocop_stars_0_5"
            ),
            models.CheckConstraint(
                condition=models.Q(price__lte=MAX_PRICE_VND), name="product_price_max"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        from catalog.richtext import sanitize_description

        self.description = sanitize_description(self.description)
        # Status and published_at are changed by catalog.publishing only.
        super().save(*args, **kwargs)

    @property
    def season_months(self):
        return [m for m in range(1, 13) if self.season_mask & (1 << (m - 1))]

    @season_months.setter
    def season_months(self, months):
        mask = 0
        for m in months:
            m = int(m)
            if 1 <= m <= 12:
                mask |= 1 << (m - 1)
        self.season_mask = mask

    @property
    def main_image(self):
        """The first photo (uses the prefetched list when present)."""
        photos = list(self.images.all())
        return photos[0].image if photos else None

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("catalog:product_detail", kwargs={"slug": self.slug})

    def is_in_season(self, month=None):
        month = month or timezone.localdate().month
        return bool(self.season_mask & (1 << (month - 1)))


class ProductImage(Orderable):
    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "images.CustomImage", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt = models.CharField(_("alternative text"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")


def certificate_upload_to(instance, filename):
    import os
    import secrets

    ext = os.path.splitext(filename)[1].lower()[:6]
    return f"certificates/{secrets.token_hex(8)}{ext}"


class CertificateQuerySet(models.QuerySet):
    def valid(self, today=None):
        """Checked by a moderator and not expired: the only ones shown as badges."""
        today = today or timezone.localdate()
        return self.filter(status=Certificate.Status.CHECKED, expires_on__gte=today)


class Certificate(models.Model):
    """An OCOP rating or a certification (VietGAP, organic…) with its document, as a record
    a moderator checks (`catalog.certificates`)."""

    class Kind(models.TextChoices):
        OCOP = "ocop", _("OCOP rating")
        CERTIFICATION = "certification", _("Certification")

    class Level(models.TextChoices):
        PROVINCIAL = "provincial", _("Provincial level")
        NATIONAL = "national", _("National level")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a check")
        CHECKED = "checked", _("Checked")
        REJECTED = "rejected", _("Rejected")
        EXPIRED = "expired", _("Expired")

    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.CASCADE, related_name="certificates"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    certification = models.ForeignKey(
        Certification,
        verbose_name=_("certification"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    ocop_stars = models.PositiveSmallIntegerField(
        _("OCOP stars"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    ocop_level = models.CharField(_("OCOP level"), max_length=20, choices=Level.choices, blank=True)
    number = models.CharField(_("certificate number"), max_length=60)
    year = models.PositiveSmallIntegerField(_("year awarded"), null=True, blank=True)
    expires_on = models.DateField(_("valid until"))
    document = models.FileField(_("document (PDF or image)"), upload_to=certificate_upload_to)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    note = models.TextField(_("moderator's note"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    expiry_warned_on = models.DateField(_("expiry warning sent on"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["product_id", "kind", "-expires_on"]
        permissions = [("moderate_certificate", "Can check and reject certificates")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="ocop", ocop_stars__isnull=False)
                    | models.Q(kind="certification", certification__isnull=False)
                ),
                name="certificate_kind_fields",
            ),
        ]

    def __str__(self):
        return f"{self.label} — {self.number}"

    @property
    def label(self):
        if self.kind == self.Kind.OCOP:
            level = self.get_ocop_level_display()
            return f"OCOP {self.ocop_stars}★" + (f" ({level})" if level else "")
        return self.certification.name if self.certification_id else str(self.get_kind_display())

    def is_valid(self, today=None):
        today = today or timezone.localdate()
        return self.status == self.Status.CHECKED and self.expires_on >= today
