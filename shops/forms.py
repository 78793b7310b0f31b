from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from areas.models import Area
from catalog.models import Product
from core.filters import PageField, QueryForm, QueryTextField
from core.text import slugify_vi
from images.fields import ImageUploadField
from shops.models import Booth

phone_validator = RegexValidator(
    r"^\+?[0-9 .]{8,15}$", _("Enter a phone number, e.g. 0912 345 678.")
)


class BoothForm(forms.ModelForm):
    """Apply for a booth, or edit its profile (status and verification are not here)."""

    slug = forms.SlugField(
        label=_("Web address (slug)"),
        required=False,
        max_length=100,
        help_text=_("Leave empty to make one from the name."),
    )
    phone = forms.CharField(label=_("Phone number"), max_length=20, validators=[phone_validator])
    logo_upload = ImageUploadField(label=_("Logo"), required=False)
    cover_upload = ImageUploadField(label=_("Cover image"), required=False)

    class Meta:
        model = Booth
        fields = [
            "name",
            "slug",
            "description",
            "address",
            "area",
            "phone",
            "email",
            "registration_number",
            "owner_name",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        error_messages = {"name": {"required": _("Enter the booth's name.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.current()
        self.fields["area"].required = True
        self.fields["area"].error_messages["required"] = _("Choose the area of origin.")
        if self.instance.pk:
            # The address of a booth stays stable once created (links and QR codes).
            del self.fields["slug"]
        if self.instance.pk and self.instance.is_verified:
            warning = _(
                "The province verified this; changing it removes the “verified” badge until "
                "a moderator checks it again."
            )
            for name in ("name", "registration_number", "address", "owner_name"):
                self.fields[name].help_text = warning

    def clean_name(self):
        name = (self.cleaned_data.get("name") or "").strip()
        if not name:
            raise ValidationError(_("Enter the booth's name."), code="required")
        return name

    def clean_slug(self):
        slug = slugify_vi(self.cleaned_data.get("slug") or "", max_length=100)
        if slug and Booth.objects.filter(slug=slug).exists():
            raise ValidationError(
                _("The address “%(slug)s” is already used by another booth.") % {"slug": slug}
            )
        return slug

    def save(self, commit=True):
        from catalog.photos import store_image
        from core.text import unique_slug

        booth = super().save(commit=False)
        if not booth.slug:
            booth.slug = unique_slug(Booth, booth.name, max_length=100)
        if self.cleaned_data.get("logo_upload"):
            booth.logo = store_image(self.cleaned_data["logo_upload"], title=f"{booth.name} logo")
        if self.cleaned_data.get("cover_upload"):
            booth.cover = store_image(self.cleaned_data["cover_upload"], title=booth.name)
        if commit:
            booth.save()
        return booth


class BoothFilterForm(QueryForm):
    """The booth directory's GET parameters (see `core.filters`)."""

    area = forms.SlugField(required=False)
    category = forms.SlugField(required=False)
    verified = forms.BooleanField(required=False)
    page = PageField()


class BoothPageForm(QueryForm):
    """A booth page's GET parameters: only the page of its products."""

    page = PageField()


class DashboardProductFilterForm(QueryForm):
    """The seller's product list: a name search, a status, a page."""

    q = QueryTextField(max_length=100)
    status = forms.ChoiceField(required=False, choices=Product.Status.choices)
    page = PageField()


class DeliveryForm(forms.Form):
    """A booth's delivery options: where it ships from, pick-up, and one rate per zone.

    A zone left unticked is a zone the booth does not deliver to; shoppers there are told
    so before they order.
    """

    origin_province = forms.ChoiceField(label=_("Ships from (province)"), required=False)
    pickup = forms.BooleanField(label=_("Shoppers may pick up at the booth (free)"), required=False)
    pickup_address = forms.CharField(
        label=_("Pick-up address"),
        required=False,
        max_length=255,
        help_text=_("Empty: the booth's address."),
    )

    def __init__(self, *args, booth=None, **kwargs):
        from areas import provinces
        from shops.models import DeliveryRate

        self.booth = booth
        super().__init__(*args, **kwargs)
        self.fields["origin_province"].choices = [
            ("", _("The province of the booth's area"))
        ] + provinces.choices()
        self.zones = list(DeliveryRate.Zone.choices)
        for zone, label in self.zones:
            self.fields[f"{zone}_on"] = forms.BooleanField(
                label=_("Deliver: %(zone)s") % {"zone": label}, required=False
            )
            self.fields[f"{zone}_flat"] = forms.IntegerField(
                label=_("Fee per order (VND)"), min_value=0, max_value=10_000_000, required=False
            )
            self.fields[f"{zone}_per_kg"] = forms.IntegerField(
                label=_("Fee per kilogram (VND)"), min_value=0, max_value=1_000_000, required=False
            )
            self.fields[f"{zone}_free_from"] = forms.IntegerField(
                label=_("Free delivery from (VND)"),
                min_value=0,
                max_value=1_000_000_000,
                required=False,
                help_text=_("Empty: never free."),
            )
        if booth is not None and not self.is_bound:
            self.initial.update(self._initial_from(booth))

    def _initial_from(self, booth):
        from shops.models import DeliverySettings

        initial = {}
        settings_row = DeliverySettings.objects.filter(booth=booth).first()
        if settings_row is not None:
            initial.update(
                origin_province=settings_row.origin_province,
                pickup=settings_row.pickup,
                pickup_address=settings_row.pickup_address,
            )
        for rate in booth.delivery_rates.all():
            initial.update(
                {
                    f"{rate.zone}_on": True,
                    f"{rate.zone}_flat": rate.flat_fee,
                    f"{rate.zone}_per_kg": rate.per_kg_fee,
                    f"{rate.zone}_free_from": rate.free_from,
                }
            )
        return initial

    def zone_rows(self):
        return [
            (label, [self[f"{zone}_{part}"] for part in ("on", "flat", "per_kg", "free_from")])
            for zone, label in self.zones
        ]

    def save(self):
        from shops.models import DeliveryRate, DeliverySettings

        data = self.cleaned_data
        DeliverySettings.objects.update_or_create(
            booth=self.booth,
            defaults={
                "origin_province": data.get("origin_province") or "",
                "pickup": bool(data.get("pickup")),
                "pickup_address": data.get("pickup_address") or "",
            },
        )
        for zone, _label in self.zones:
            if data.get(f"{zone}_on"):
                DeliveryRate.objects.update_or_create(
                    booth=self.booth,
                    zone=zone,
                    defaults={
                        "flat_fee": data.get(f"{zone}_flat") or 0,
                        "per_kg_fee": data.get(f"{zone}_per_kg") or 0,
                        "free_from": data.get(f"{zone}_free_from"),
                    },
                )
            else:
                DeliveryRate.objects.filter(booth=self.booth, zone=zone).delete()


class BankAccountForm(forms.Form):
    """The account that receives VietQR transfers; empty number removes it."""

    bank_bin = forms.ChoiceField(label=_("Bank"), required=False)
    account_number = forms.CharField(
        label=_("Account number"),
        required=False,
        max_length=19,
        validators=[
            RegexValidator(r"^[0-9A-Za-z]{1,19}$", _("Letters and digits only, at most 19."))
        ],
    )
    account_name = forms.CharField(
        label=_("Account holder, as the bank writes it"), required=False, max_length=100
    )

    def __init__(self, *args, booth=None, **kwargs):
        from shops import banks

        self.booth = booth
        super().__init__(*args, **kwargs)
        self.fields["bank_bin"].choices = [("", _("Choose a bank"))] + banks.choices()
        account = getattr(booth, "bank_account", None) if booth is not None else None
        if account is not None and not self.is_bound:
            self.initial.update(
                bank_bin=account.bank_bin,
                account_number=account.account_number,
                account_name=account.account_name,
            )

    def clean_account_name(self):
        from core.text import fold_vietnamese

        return " ".join(fold_vietnamese(self.cleaned_data["account_name"]).upper().split())

    def clean(self):
        data = super().clean()
        if data.get("account_number") and not (data.get("bank_bin") and data.get("account_name")):
            raise ValidationError(_("Choose the bank and enter the account holder's name."))
        return data

    def save(self):
        from shops.models import BankAccount

        data = self.cleaned_data
        if not data.get("account_number"):
            BankAccount.objects.filter(booth=self.booth).delete()
            return None
        account, _created = BankAccount.objects.update_or_create(
            booth=self.booth,
            defaults={
                "bank_bin": data["bank_bin"],
                "account_number": data["account_number"],
                "account_name": data["account_name"],
            },
        )
        return account
