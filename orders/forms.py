import re

from django import forms
from django.utils.translation import gettext_lazy as _

from areas import provinces
from core.filters import PageField, QueryForm
from core.translation import VietnameseOptionsSelect
from orders.models import Order

# Vietnamese numbers: mobiles 0[35789]x xxx xxxx (10 digits), landlines 02xx xxxx xxx
# (11 digits); +84 / 84 may replace the leading 0. Spaces, dots and dashes are allowed.
PHONE_RE = re.compile(r"^(?:0|\+?84)(?:[35789]\d{8}|2\d{9})$")


def normalise_phone(raw):
    compact = re.sub(r"[\s.\-()]", "", raw or "")
    if not PHONE_RE.match(compact):
        return None
    if compact.startswith("+84"):
        compact = "0" + compact[3:]
    elif compact.startswith("84"):
        compact = "0" + compact[2:]
    return compact


class ProvinceField(forms.ChoiceField):
    """One of the 34 current provinces; a pre-2025 name is read as its successor."""

    def __init__(self, **kwargs):
        super().__init__(
            choices=[("", _("Choose a province or city"))] + provinces.choices(), **kwargs
        )

    def to_python(self, value):
        value = super().to_python(value)
        return provinces.resolve(value) or value


class CheckoutForm(forms.Form):
    recipient_name = forms.CharField(label=_("Recipient's name"), max_length=150)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        help_text=_("e.g. 0912 345 678 or +84 912 345 678"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("We send the order confirmation and its private link here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    province = ProvinceField(
        label=_("Province / city"),
        widget=VietnameseOptionsSelect(attrs={"autocomplete": "address-level1"}),
    )
    ward = forms.CharField(
        label=_("Commune / ward"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    street = forms.CharField(
        label=_("House number, street, hamlet"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    note = forms.CharField(
        label=_("Note for the seller"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    payment_method = forms.ChoiceField(
        label=_("Payment"), widget=forms.RadioSelect, initial=Order.PaymentMethod.COD
    )
    fingerprint = forms.CharField(widget=forms.HiddenInput)
    # The delivery total the page showed: a different fee at the click places nothing.
    shipping_seen = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(
        self,
        *args,
        card_enabled=False,
        vietqr_enabled=False,
        guest=False,
        pickup_booths=(),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        choices = [(Order.PaymentMethod.COD, Order.PaymentMethod.COD.label)]
        if vietqr_enabled:
            choices.append((Order.PaymentMethod.VIETQR, Order.PaymentMethod.VIETQR.label))
        if card_enabled:
            choices.append((Order.PaymentMethod.CARD, Order.PaymentMethod.CARD.label))
        self.fields["payment_method"].choices = choices
        if not guest:
            del self.fields["email"]
        # One "deliver or pick up" choice per booth that lets shoppers pick up.
        for booth in pickup_booths:
            self.fields[f"delivery_{booth.pk}"] = forms.ChoiceField(
                label=booth.name,
                choices=Order.Delivery.choices,
                initial=Order.Delivery.SHIP,
                required=False,
                widget=forms.RadioSelect,
            )

    @property
    def address_fields(self):
        skip = {"fingerprint", "payment_method", "shipping_seen"}
        return [f for f in self if f.name not in skip and not f.name.startswith("delivery_")]

    @property
    def delivery_fields(self):
        return [f for f in self if f.name.startswith("delivery_")]

    def delivery_methods(self):
        """{booth id: "ship" | "pickup"} from the submitted (or initial) choices."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        methods = {}
        for name in self.fields:
            if name.startswith("delivery_"):
                value = data.get(name) or self.data.get(name) or Order.Delivery.SHIP
                methods[int(name.removeprefix("delivery_"))] = value
        return methods

    def clean_phone(self):
        phone = normalise_phone(self.cleaned_data["phone"])
        if phone is None:
            raise forms.ValidationError(
                _("Enter a Vietnamese phone number, e.g. 0912345678 or +84912345678.")
            )
        return phone

    def clean_recipient_name(self):
        name = self.cleaned_data["recipient_name"].strip()
        if len(name) < 2:
            raise forms.ValidationError(_("Please enter the recipient's full name."))
        return name


class OrderLookupForm(forms.Form):
    number = forms.CharField(
        label=_("Order code"),
        max_length=20,
        help_text=_("As in your confirmation, e.g. 3F2A9C1B7D04-1"),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Phone number used for the order"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def clean_number(self):
        return self.cleaned_data["number"].strip().upper()

    def clean_phone(self):
        # A malformed number cannot match: same answer as a wrong one (no hints).
        return normalise_phone(self.cleaned_data["phone"]) or ""


class QuoteForm(QueryForm):
    """GET parameters of the delivery-fee quote: ?province=…&pickup=<booth id>…"""

    province = forms.CharField(required=False, max_length=100)
    pickup = forms.CharField(required=False, max_length=200)


class OrderListForm(QueryForm):
    """GET parameters of the order lists (see `core.filters`): a page, and for sellers a status."""

    status = forms.ChoiceField(required=False, choices=Order.Status.choices)
    page = PageField()


class PaymentReturnForm(QueryForm):
    """Stripe sends the shopper back with ?result=success or ?result=cancelled."""

    result = forms.ChoiceField(required=False, choices=[("success", ""), ("cancelled", "")])
