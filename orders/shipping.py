"""Delivery fees and totals: computed here and nowhere else.

Each booth sets its rates per zone (`shops.DeliveryRate`: within its province, the
neighbouring provinces, nationwide — zones from `areas.provinces`, which knows the 2025
mergers) and may let shoppers pick up at the booth (`shops.DeliverySettings`). For one
booth's part of a cart:

    fee = flat fee + per-kilogram fee × weight in kg   (rounded half up to whole đồng)
    fee = 0 when the booth's subtotal reaches the zone's free-delivery threshold,
          when the shopper picks up at the booth, or when the booth has set no rates
    refused when the booth has rates but none for the address's zone

Weight: the product's unit weight × quantity; a product sold by the kg with no weight
set weighs 1 kg a unit. The cart, the checkout page, its JSON quote and `place_orders`
all call `quote_cart`, so what the shopper sees is what the order records.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from areas import provinces
from shops.models import BankAccount, DeliveryRate, DeliverySettings

SHIP, PICKUP = "ship", "pickup"
KG_UNITS = {"kg", "ký", "kí", "cân"}


def unit_weight(product):
    """Grams of one unit of *product* (with packing)."""
    if product.unit_weight_grams:
        return product.unit_weight_grams
    if (product.unit or "").strip().lower() in KG_UNITS:
        return 1000
    return 0


def weight_of(lines):
    return sum(unit_weight(line.product) * line.quantity for line in lines if line.product)


def fee_for(rate, subtotal, grams):
    """The fee of one order under *rate*, in whole đồng."""
    if rate.free_from is not None and subtotal >= rate.free_from:
        return 0
    per_kg = (rate.per_kg_fee * grams + 500) // 1000  # per-kg fee × grams / 1000, half up
    return int(rate.flat_fee + per_kg)


def origin_of(booth, settings_row=None):
    """The current province a booth ships from, or None when it cannot be told."""
    if settings_row is not None and settings_row.origin_province:
        found = provinces.resolve(settings_row.origin_province)
        if found:
            return found
    if booth.area_id:
        return provinces.province_of_area(booth.area)
    return None


@dataclass
class BoothQuote:
    booth: object
    lines: list
    subtotal: int
    weight_grams: int = 0
    method: str = SHIP
    zone: str = ""
    fee: int | None = None  # None: not known yet (no province chosen) or refused
    refused: str = ""
    free_from: int | None = None
    pickup_offered: bool = False
    pickup_address: str = ""
    configured: bool = True
    bank_account: object = None

    @property
    def total(self):
        return self.subtotal + (self.fee or 0)

    @property
    def zone_label(self):
        return dict(DeliveryRate.Zone.choices).get(self.zone, "")

    def as_dict(self):
        return {
            "booth": self.booth.pk,
            "booth_name": self.booth.name,
            "method": self.method,
            "zone": self.zone,
            "zone_label": str(self.zone_label),
            "subtotal": self.subtotal,
            "weight_grams": self.weight_grams,
            "fee": self.fee,
            "total": self.total,
            "refused": self.refused,
            "pickup_offered": self.pickup_offered,
            "vietqr": self.bank_account is not None,
        }


@dataclass
class CartQuote:
    province: str | None
    booths: list = field(default_factory=list)

    @property
    def subtotal(self):
        return sum(q.subtotal for q in self.booths)

    @property
    def shipping(self):
        return sum(q.fee or 0 for q in self.booths)

    @property
    def total(self):
        return self.subtotal + self.shipping

    @property
    def refused(self):
        return [q for q in self.booths if q.refused]

    @property
    def complete(self):
        """Every booth has a fee: the province is known and every booth serves it."""
        return all(q.fee is not None for q in self.booths)

    @property
    def vietqr_booths(self):
        return [q for q in self.booths if q.bank_account is not None]

    @property
    def vietqr_everywhere(self):
        return bool(self.booths) and len(self.vietqr_booths) == len(self.booths)

    def for_booth(self, booth_id):
        return next((q for q in self.booths if q.booth.pk == booth_id), None)

    def as_dict(self):
        return {
            "province": self.province or "",
            "booths": [q.as_dict() for q in self.booths],
            "subtotal": self.subtotal,
            "shipping": self.shipping,
            "total": self.total,
            "complete": self.complete,
        }


def _quote_booth(quote, rates, settings_row, destination):
    if settings_row is not None:
        quote.pickup_offered = settings_row.pickup
        quote.pickup_address = settings_row.pickup_address or quote.booth.address
    if quote.method == PICKUP:
        if not quote.pickup_offered:
            quote.method = SHIP
        else:
            quote.fee = 0
            return quote
    if not rates:  # the booth has not set delivery up: no fee, everywhere
        quote.configured = False
        quote.fee = 0 if destination else None
        return quote
    if not destination:
        return quote
    origin = origin_of(quote.booth, settings_row)
    zone = provinces.zone_between(origin, destination) if origin else provinces.NATIONWIDE
    quote.zone = zone
    rate = rates.get(zone)
    if rate is None:
        quote.refused = _("%(booth)s does not deliver to %(province)s.") % {
            "booth": quote.booth.name,
            "province": destination,
        }
        if quote.pickup_offered:
            quote.refused += " " + _("You can pick up at the booth instead.")
        return quote
    quote.free_from = rate.free_from
    quote.fee = fee_for(rate, quote.subtotal, quote.weight_grams)
    return quote


def quote_cart(cart_view, province, methods=None):
    """Fees and totals of a cart (`orders.cart.CartView`) delivered to *province*.

    *methods*: {booth id: "ship" | "pickup"}; missing booths are shipped.
    """
    methods = methods or {}
    destination = provinces.resolve(province) if province else None
    booth_ids = [group.booth.pk for group in cart_view.groups]
    rates = {}
    for rate in DeliveryRate.objects.filter(booth_id__in=booth_ids):
        rates.setdefault(rate.booth_id, {})[rate.zone] = rate
    settings_rows = DeliverySettings.objects.filter(booth_id__in=booth_ids).in_bulk(
        field_name="booth_id"
    )
    accounts = BankAccount.objects.filter(booth_id__in=booth_ids).in_bulk(field_name="booth_id")
    result = CartQuote(destination)
    for group in cart_view.groups:
        lines = [line for line in group.lines if line.available]
        quote = BoothQuote(
            booth=group.booth,
            lines=lines,
            subtotal=group.subtotal,
            weight_grams=weight_of(lines),
            method=PICKUP if methods.get(group.booth.pk) == PICKUP else SHIP,
            bank_account=accounts.get(group.booth.pk),
        )
        result.booths.append(
            _quote_booth(
                quote, rates.get(group.booth.pk, {}), settings_rows.get(group.booth.pk), destination
            )
        )
    return result
