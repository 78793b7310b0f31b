import re

from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import PageField, QueryForm
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


class CheckoutForm(forms.Form):
    recipient_name = forms.CharField(label=_("Recipient's name"), max_length=150)
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=20,
        help_text=_("e.g. 0912 345 678 or +84 912 345 678"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    province = forms.CharField(
        label=_("Province / city"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level1"}),
    )
    ward = forms.CharField(
        label=_("Commune / ward"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    street = forms.CharField(
        label=_("House number, street, hamlet"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
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

    def __init__(self, *args, card_enabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(Order.PaymentMethod.COD, Order.PaymentMethod.COD.label)]
        if card_enabled:
            choices.append((Order.PaymentMethod.CARD, Order.PaymentMethod.CARD.label))
        self.fields["payment_method"].choices = choices

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


class OrderListForm(QueryForm):
    """GET parameters of the order lists (see `core.filters`): a page, and for sellers a status."""

    status = forms.ChoiceField(required=False, choices=Order.Status.choices)
    page = PageField()


class PaymentReturnForm(QueryForm):
    """Stripe sends the shopper back with ?result=success or ?result=cancelled."""

    result = forms.ChoiceField(required=False, choices=[("success", ""), ("cancelled", "")])
