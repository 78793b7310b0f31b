from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from areas.models import Area
from catalog.models import MAX_PRICE_VND, Category, Certificate, Certification, Product
from catalog.photos import MAX_PHOTOS
from catalog.richtext import sanitize_description
from core.text import slugify_vi
from images.fields import ImageUploadField

MONTH_CHOICES = [(m, format_lazy(_("Month {}"), m)) for m in range(1, 13)]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(ImageUploadField):
    """Several photos at once; every file is checked by Wagtail (type, size, pixels)."""

    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        from django.conf import settings
        from django.template.defaultfilters import filesizeformat

        # Read the limits at upload time (the field object is built once, at import).
        self.max_upload_size = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None)
        self.max_image_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
        if self.max_upload_size:
            self.max_upload_size_text = filesizeformat(self.max_upload_size)
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > MAX_PHOTOS:
            raise ValidationError(
                _("At most %(n)s photos per product.") % {"n": MAX_PHOTOS}, code="too_many"
            )
        cleaned, errors = [], []
        for f in files:
            try:
                cleaned.append(super().clean(f, initial))
            except ValidationError as exc:
                errors.extend(f"{f.name}: {m}" for m in exc.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


class ProductForm(forms.ModelForm):
    slug = forms.SlugField(
        label=_("Web address (slug)"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to make one from the name, e.g. vai-thieu-luc-ngan."),
    )
    price = forms.IntegerField(
        label=_("Price (VND)"),
        min_value=0,
        max_value=MAX_PRICE_VND,
        error_messages={
            "invalid": _("Enter the price as a whole number of đồng, e.g. 85000."),
            "min_value": _("The price cannot be negative."),
            "max_value": _("The price cannot be over 1,000,000,000 đồng."),
            "required": _("Enter a price."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "1000"}),
    )
    stock = forms.IntegerField(
        label=_("Stock"),
        min_value=0,
        max_value=10_000_000,
        initial=0,
        error_messages={
            "invalid": _("Enter the stock as a whole number."),
            "min_value": _("The stock cannot be negative."),
        },
    )
    season_months = forms.TypedMultipleChoiceField(
        label=_("Months in season"),
        choices=MONTH_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "month-picker"}),
    )

    class Meta:
        model = Product
        fields = [
            "name",
            "slug",
            "category",
            "price",
            "unit",
            "stock",
            "unit_weight_grams",
            "origin_area",
            "season_months",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        error_messages = {"name": {"required": _("Enter the product's name.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(is_active=True)
        self.fields["category"].error_messages["invalid_choice"] = _("Choose a category.")
        # Current areas only; a product already from an abolished one keeps it until the
        # seller picks another (the form must not drop it silently).
        origins = Area.objects.origins()
        if self.instance.pk and self.instance.origin_area_id:
            origins = Area.objects.filter(
                Q(pk__in=origins.values("pk")) | Q(pk=self.instance.origin_area_id)
            )
        self.fields["origin_area"].queryset = origins
        # Optional: empty is 0 (a kilo a unit when sold by the kg; see orders.shipping).
        self.fields["unit_weight_grams"].required = False
        self.fields["description"].help_text = _(
            "Simple formatting is kept: paragraphs, bold, italic, lists and links."
        )
        if self.instance.pk:
            self.initial.setdefault("season_months", self.instance.season_months)

    def clean_unit_weight_grams(self):
        return self.cleaned_data.get("unit_weight_grams") or 0

    def clean_name(self):
        name = (self.cleaned_data.get("name") or "").strip()
        if not name:
            raise ValidationError(_("Enter the product's name."), code="required")
        return name

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        if not slug:
            return self.instance.slug or ""
        slug = slugify_vi(slug, max_length=200)
        taken = Product.objects.filter(slug=slug)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(
                _("The address “%(slug)s” is already used by another product.") % {"slug": slug},
                code="duplicate",
            )
        return slug

    def clean_description(self):
        return sanitize_description(self.cleaned_data.get("description") or "")

    def save(self, commit=True):
        from core.text import unique_slug

        product = super().save(commit=False)
        product.season_months = self.cleaned_data.get("season_months") or []
        if not product.slug:
            # No address given: make one from the name (kept when the name changes later,
            # so shared links keep working).
            product.slug = unique_slug(Product, product.name, max_length=200, exclude_pk=product.pk)
        if commit:
            product.save()
            self.save_m2m()
        return product


class PhotoUploadForm(forms.Form):
    photos = PhotosField(label=_("Photos"), required=False)


class StockForm(forms.Form):
    stock = forms.IntegerField(
        label=_("Stock"),
        min_value=0,
        max_value=10_000_000,
        error_messages={
            "invalid": _("Enter the stock as a whole number."),
            "min_value": _("The stock cannot be negative."),
            "required": _("Enter the stock as a whole number."),
        },
    )


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "A CSV file saved from Excel or Google Sheets, at most 2 MB; the first line "
            "names the columns, as in the sample file. OCOP stars and certifications are "
            "added with their documents on each product's page."
        ),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > 2 * 1024 * 1024:
            raise ValidationError(_("The file is too big (at most 2 MB)."))
        return f


class CertificateForm(forms.ModelForm):
    """A seller adds an OCOP rating or a certification with its document; a moderator
    checks it before it shows (`catalog.certificates`)."""

    document = forms.FileField(
        label=_("Document (PDF or photo)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}
        ),
        error_messages={"required": _("Upload the certificate's document.")},
    )
    expires_on = forms.DateField(
        label=_("Valid until"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the date the certificate expires."),
            "invalid": _("Enter a date such as 31/12/2027."),
        },
    )

    class Meta:
        model = Certificate
        fields = [
            "kind",
            "certification",
            "ocop_stars",
            "ocop_level",
            "number",
            "year",
            "expires_on",
            "document",
        ]
        error_messages = {"number": {"required": _("Enter the certificate number.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certification"].queryset = Certification.objects.all()
        self.fields["ocop_stars"].widget = forms.Select(
            choices=[("", "—")] + [(n, "★" * n) for n in range(1, 6)]
        )
        self.fields["year"].widget.attrs.update({"min": 2018, "max": 2100})

    def clean_document(self):
        from catalog.certificates import validate_document

        return validate_document(self.cleaned_data["document"])

    def clean(self):
        from django.utils import timezone

        data = super().clean()
        kind = data.get("kind")
        if kind == Certificate.Kind.OCOP:
            if not data.get("ocop_stars"):
                self.add_error("ocop_stars", _("Choose the OCOP stars awarded."))
            if not data.get("ocop_level"):
                self.add_error("ocop_level", _("Choose the level that awarded the stars."))
            data["certification"] = None
        elif kind == Certificate.Kind.CERTIFICATION:
            if not data.get("certification"):
                self.add_error("certification", _("Choose the certification."))
            data["ocop_stars"], data["ocop_level"] = None, ""
        expires = data.get("expires_on")
        if expires and expires < timezone.localdate():
            self.add_error("expires_on", _("This certificate has already expired."))
        return data
