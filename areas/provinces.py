"""Vietnam's provinces as data: the 34 of 1 July 2025, the 63 they replaced, who borders whom.

The National Assembly's resolution of 12 June 2025 merged 63 provinces and centrally run
cities into 34. An address typed with an old name ("Bắc Giang", "Hà Giang") still means
something: `resolve()` maps it to the province that carries it now. Neighbours are land
borders between the current provinces (a merged province borders whatever any of its
parts bordered).

Shipping zones are derived from this (`zone_between`): the same province, a neighbouring
province, anywhere else in the country.
"""

from core.text import fold_vietnamese

# Current province → the former provinces merged into it (itself included when it kept
# its name). Order: north to south, as lists of provinces are usually read.
PROVINCES = {
    "Tuyên Quang": ["Tuyên Quang", "Hà Giang"],
    "Cao Bằng": ["Cao Bằng"],
    "Lai Châu": ["Lai Châu"],
    "Lào Cai": ["Lào Cai", "Yên Bái"],
    "Thái Nguyên": ["Thái Nguyên", "Bắc Kạn"],
    "Điện Biên": ["Điện Biên"],
    "Lạng Sơn": ["Lạng Sơn"],
    "Sơn La": ["Sơn La"],
    "Phú Thọ": ["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"],
    "Bắc Ninh": ["Bắc Ninh", "Bắc Giang"],
    "Quảng Ninh": ["Quảng Ninh"],
    "Hà Nội": ["Hà Nội"],
    "Hải Phòng": ["Hải Phòng", "Hải Dương"],
    "Hưng Yên": ["Hưng Yên", "Thái Bình"],
    "Ninh Bình": ["Ninh Bình", "Hà Nam", "Nam Định"],
    "Thanh Hóa": ["Thanh Hóa"],
    "Nghệ An": ["Nghệ An"],
    "Hà Tĩnh": ["Hà Tĩnh"],
    "Quảng Trị": ["Quảng Trị", "Quảng Bình"],
    "Huế": ["Huế", "Thừa Thiên Huế"],
    "Đà Nẵng": ["Đà Nẵng", "Quảng Nam"],
    "Quảng Ngãi": ["Quảng Ngãi", "Kon Tum"],
    "Gia Lai": ["Gia Lai", "Bình Định"],
    "Đắk Lắk": ["Đắk Lắk", "Phú Yên"],
    "Khánh Hòa": ["Khánh Hòa", "Ninh Thuận"],
    "Lâm Đồng": ["Lâm Đồng", "Đắk Nông", "Bình Thuận"],
    "Đồng Nai": ["Đồng Nai", "Bình Phước"],
    "Tây Ninh": ["Tây Ninh", "Long An"],
    "Thành phố Hồ Chí Minh": ["Thành phố Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"],
    "Đồng Tháp": ["Đồng Tháp", "Tiền Giang"],
    "Vĩnh Long": ["Vĩnh Long", "Bến Tre", "Trà Vinh"],
    "An Giang": ["An Giang", "Kiên Giang"],
    "Cần Thơ": ["Cần Thơ", "Sóc Trăng", "Hậu Giang"],
    "Cà Mau": ["Cà Mau", "Bạc Liêu"],
}

# Land borders between current provinces; `NEIGHBOURS` below makes them symmetric.
_BORDERS = {
    "Tuyên Quang": ["Cao Bằng", "Thái Nguyên", "Phú Thọ", "Lào Cai"],
    "Cao Bằng": ["Thái Nguyên", "Lạng Sơn"],
    "Lai Châu": ["Lào Cai", "Điện Biên", "Sơn La"],
    "Lào Cai": ["Phú Thọ", "Sơn La"],
    "Thái Nguyên": ["Lạng Sơn", "Bắc Ninh", "Hà Nội", "Phú Thọ"],
    "Điện Biên": ["Sơn La"],
    "Lạng Sơn": ["Bắc Ninh", "Quảng Ninh"],
    "Sơn La": ["Phú Thọ", "Thanh Hóa"],
    "Phú Thọ": ["Hà Nội", "Ninh Bình", "Thanh Hóa"],
    "Bắc Ninh": ["Quảng Ninh", "Hà Nội", "Hải Phòng", "Hưng Yên"],
    "Quảng Ninh": ["Hải Phòng"],
    "Hà Nội": ["Hưng Yên", "Ninh Bình"],
    "Hải Phòng": ["Hưng Yên"],
    "Hưng Yên": ["Ninh Bình"],
    "Ninh Bình": ["Thanh Hóa"],
    "Thanh Hóa": ["Nghệ An"],
    "Nghệ An": ["Hà Tĩnh"],
    "Hà Tĩnh": ["Quảng Trị"],
    "Quảng Trị": ["Huế"],
    "Huế": ["Đà Nẵng"],
    "Đà Nẵng": ["Quảng Ngãi"],
    "Quảng Ngãi": ["Gia Lai"],
    "Gia Lai": ["Đắk Lắk"],
    "Đắk Lắk": ["Khánh Hòa", "Lâm Đồng"],
    "Khánh Hòa": ["Lâm Đồng"],
    "Lâm Đồng": ["Đồng Nai", "Thành phố Hồ Chí Minh"],
    "Đồng Nai": ["Tây Ninh", "Thành phố Hồ Chí Minh"],
    "Tây Ninh": ["Thành phố Hồ Chí Minh", "Đồng Tháp"],
    "Thành phố Hồ Chí Minh": ["Đồng Tháp"],
    "Đồng Tháp": ["Vĩnh Long", "An Giang", "Cần Thơ"],
    "Vĩnh Long": ["Cần Thơ"],
    "An Giang": ["Cần Thơ", "Cà Mau"],
    "Cần Thơ": ["Cà Mau"],
}


def _symmetric(borders):
    result = {name: set() for name in PROVINCES}
    for name, others in borders.items():
        for other in others:
            result[name].add(other)
            result[other].add(name)
    return {name: frozenset(others) for name, others in result.items()}


NEIGHBOURS = _symmetric(_BORDERS)

# Zones, nearest first.
SAME_PROVINCE, NEIGHBOURING, NATIONWIDE = "province", "neighbours", "nationwide"
ZONES = (SAME_PROVINCE, NEIGHBOURING, NATIONWIDE)

_PREFIXES = ("thanh pho ", "tp. ", "tp ", "tinh ")


def _key(name):
    key = " ".join(fold_vietnamese(name or "").lower().replace("-", " ").split())
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix) :]
    return key


_LOOKUP = {}
for _current, _parts in PROVINCES.items():
    for _name in (_current, *_parts):
        _LOOKUP[_key(_name)] = _current
_LOOKUP.update({"hcm": "Thành phố Hồ Chí Minh", "sai gon": "Thành phố Hồ Chí Minh"})
_LOOKUP["thua thien hue"] = "Huế"
_LOOKUP["ba ria vung tau"] = "Thành phố Hồ Chí Minh"


def choices():
    """(value, label) pairs of the current provinces, alphabetical as Vietnamese read them."""
    return [(name, name) for name in sorted(PROVINCES, key=_key)]


def resolve(name):
    """The current province that *name* (current or pre-2025, with or without diacritics,
    with or without "Tỉnh"/"Thành phố") refers to, or None."""
    return _LOOKUP.get(_key(name))


def zone_between(origin, destination):
    """The shipping zone from province *origin* to *destination* (any spelling), or None
    when either is not a province."""
    a, b = resolve(origin), resolve(destination)
    if a is None or b is None:
        return None
    if a == b:
        return SAME_PROVINCE
    if b in NEIGHBOURS[a]:
        return NEIGHBOURING
    return NATIONWIDE


def province_of_area(area):
    """The current province an `areas.Area` row lies in (walking up its parents), or None."""
    top = None
    for _depth in range(10):
        if area is None:
            break
        if area.kind == "province":
            return resolve(area.name)
        top, area = area, area.parent
    return resolve(top.name) if top is not None else None
