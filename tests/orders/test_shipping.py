"""Delivery fees and totals (`orders/shipping.py`) and the province data behind the zones."""

from types import SimpleNamespace

import pytest

from areas import provinces
from orders import shipping
from shops.models import DeliveryRate, DeliverySettings
from tests.factories import AreaFactory, BoothFactory, ProductFactory


def rate(flat=0, per_kg=0, free_from=None):
    return DeliveryRate(flat_fee=flat, per_kg_fee=per_kg, free_from=free_from)


# --- provinces and zones ----------------------------------------------------------


def test_there_are_34_provinces_made_of_the_63_before_2025():
    assert len(provinces.PROVINCES) == 34
    former = {name for parts in provinces.PROVINCES.values() for name in parts}
    former.discard("Thừa Thiên Huế")  # the old name of Huế, listed beside it
    assert len(former) == 63


@pytest.mark.parametrize(
    ("typed", "current"),
    [
        ("Bắc Giang", "Bắc Ninh"),
        ("tinh bac giang", "Bắc Ninh"),
        ("Hà Giang", "Tuyên Quang"),
        ("TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("Bình Dương", "Thành phố Hồ Chí Minh"),
        ("Thừa Thiên Huế", "Huế"),
        ("ha noi", "Hà Nội"),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_old_and_unaccented_names_resolve_to_the_current_province(typed, current):
    assert provinces.resolve(typed) == current


def test_borders_are_symmetric_and_between_real_provinces():
    for name, others in provinces.NEIGHBOURS.items():
        assert name not in others
        for other in others:
            assert name in provinces.NEIGHBOURS[other]
    assert all(provinces.NEIGHBOURS[name] for name in provinces.PROVINCES)  # no island


@pytest.mark.parametrize(
    ("origin", "destination", "zone"),
    [
        ("Bắc Giang", "Bắc Ninh", "province"),  # merged in 2025: the same province now
        ("Bắc Giang", "Hà Nội", "neighbours"),
        ("Bắc Giang", "Lạng Sơn", "neighbours"),
        ("Bắc Giang", "Cà Mau", "nationwide"),
        ("Cần Thơ", "Sóc Trăng", "province"),
        ("Hà Nội", "Unknown", None),
    ],
)
def test_zone_between_provinces(origin, destination, zone):
    assert provinces.zone_between(origin, destination) == zone


# --- the fee of one order -----------------------------------------------------------


def test_flat_fee_alone():
    assert shipping.fee_for(rate(flat=25_000), subtotal=100_000, grams=3_000) == 25_000


def test_per_kilogram_fee_is_rounded_half_up_to_whole_dong():
    # 3 333 ₫/kg × 1,25 kg = 4 166,25 → 4 166; 1 999 ₫/kg × 0,25 kg = 499,75 → 500
    assert shipping.fee_for(rate(per_kg=3_333), subtotal=0, grams=1_250) == 4_166
    assert shipping.fee_for(rate(per_kg=1_999), subtotal=0, grams=250) == 500
    assert shipping.fee_for(rate(per_kg=1_000), subtotal=0, grams=1_500) == 1_500
    assert shipping.fee_for(rate(per_kg=3), subtotal=0, grams=500) == 2  # 1.5 → 2 (half up)
    assert isinstance(shipping.fee_for(rate(per_kg=3), subtotal=0, grams=500), int)


def test_flat_plus_weight():
    assert shipping.fee_for(rate(flat=30_000, per_kg=5_000), subtotal=0, grams=2_400) == 42_000


def test_free_from_threshold_is_inclusive():
    r = rate(flat=30_000, per_kg=5_000, free_from=500_000)
    assert shipping.fee_for(r, subtotal=499_999, grams=1_000) == 35_000
    assert shipping.fee_for(r, subtotal=500_000, grams=1_000) == 0


def test_unit_weight_defaults_to_a_kilo_for_products_sold_by_the_kg():
    assert shipping.unit_weight(SimpleNamespace(unit_weight_grams=0, unit="kg")) == 1_000
    assert shipping.unit_weight(SimpleNamespace(unit_weight_grams=0, unit="hộp")) == 0
    assert shipping.unit_weight(SimpleNamespace(unit_weight_grams=750, unit="kg")) == 750


# --- a cart's quote -----------------------------------------------------------------


def cart_of(*pairs):
    """A CartView-like object: one group per booth of (product, quantity) pairs."""
    groups = {}
    for product, quantity in pairs:
        line = SimpleNamespace(
            product=product,
            quantity=quantity,
            line_total=product.price * quantity,
            available=True,
        )
        groups.setdefault(product.booth_id, SimpleNamespace(booth=product.booth, lines=[]))
        groups[product.booth_id].lines.append(line)
    for group in groups.values():
        group.subtotal = sum(line.line_total for line in group.lines)
    return SimpleNamespace(groups=list(groups.values()))


@pytest.fixture
def bac_giang_booth(db):
    province = AreaFactory(name="Bắc Giang", slug="bac-giang", kind="province")
    luc_ngan = AreaFactory(name="Lục Ngạn", slug="luc-ngan", kind="region", parent=province)
    booth = BoothFactory(name="Vải Lục Ngạn", area=luc_ngan)
    DeliveryRate.objects.create(booth=booth, zone="province", flat_fee=15_000, free_from=300_000)
    DeliveryRate.objects.create(booth=booth, zone="neighbours", flat_fee=30_000, per_kg_fee=5_000)
    return booth


def test_zone_comes_from_the_booths_area_and_the_address(bac_giang_booth):
    honey = ProductFactory(booth=bac_giang_booth, price=100_000, unit="hộp", unit_weight_grams=600)
    quote = shipping.quote_cart(cart_of((honey, 2)), "Hà Nội")
    (q,) = quote.booths
    assert (q.zone, q.weight_grams, q.fee) == ("neighbours", 1_200, 36_000)
    assert (quote.subtotal, quote.shipping, quote.total) == (200_000, 36_000, 236_000)
    # Within the (merged) province, and free once the threshold is reached.
    assert shipping.quote_cart(cart_of((honey, 2)), "Bắc Ninh").shipping == 15_000
    assert shipping.quote_cart(cart_of((honey, 3)), "Bắc Ninh").shipping == 0


def test_a_zone_without_a_rate_is_refused_with_the_booths_name(bac_giang_booth):
    lychee = ProductFactory(booth=bac_giang_booth, price=85_000)
    quote = shipping.quote_cart(cart_of((lychee, 1)), "Cà Mau")
    assert not quote.complete
    assert [q.booth for q in quote.refused] == [bac_giang_booth]
    assert "Vải Lục Ngạn" in quote.refused[0].refused and "Cà Mau" in quote.refused[0].refused


def test_pick_up_is_free_and_only_where_offered(bac_giang_booth):
    lychee = ProductFactory(booth=bac_giang_booth, price=85_000)
    methods = {bac_giang_booth.pk: shipping.PICKUP}
    assert (
        shipping.quote_cart(cart_of((lychee, 1)), "Hà Nội", methods).booths[0].fee == 30_000 + 5_000
    )
    DeliverySettings.objects.create(booth=bac_giang_booth, pickup=True)
    q = shipping.quote_cart(cart_of((lychee, 1)), "Cà Mau", methods).booths[0]
    assert (q.method, q.fee, q.refused) == ("pickup", 0, "")


def test_origin_province_setting_overrides_the_area(bac_giang_booth):
    DeliverySettings.objects.create(booth=bac_giang_booth, origin_province="Hà Nội")
    lychee = ProductFactory(booth=bac_giang_booth, price=85_000)
    assert shipping.quote_cart(cart_of((lychee, 1)), "Hà Nội").booths[0].zone == "province"


def test_a_booth_without_rates_delivers_everywhere_at_no_fee(db):
    product = ProductFactory(price=50_000)
    q = shipping.quote_cart(cart_of((product, 1)), "Cà Mau").booths[0]
    assert (q.fee, q.refused, q.configured) == (0, "", False)


def test_no_province_yet_means_no_fee_yet(bac_giang_booth):
    lychee = ProductFactory(booth=bac_giang_booth, price=85_000)
    quote = shipping.quote_cart(cart_of((lychee, 1)), "")
    assert quote.booths[0].fee is None and not quote.complete and quote.total == 85_000
