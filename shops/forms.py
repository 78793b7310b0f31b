from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField

from areas.models import Area
from catalog.models import Product
from core.filters import PageField, QueryForm, QueryTextField
from core.text import slugify_vi
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
    logo_upload = WagtailImageField(label=_("Logo"), required=False)
    cover_upload = WagtailImageField(label=_("Cover image"), required=False)

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
