"""Demo catalogue: categories, certifications and ~ctx.products products with photos.

Photos are drawn with Pillow (demo/pictures.py: lychee bunches, honey jars, a hill
chicken… chosen from the product's name and category), no download. Products are written
with bulk_create so the same code seeds 100 000 products for the benchmark; photos are
drawn a few per kind and shared between products. Each product is sold by a booth of its
trade, in a unit that fits it.
"""

import io

from django.core.files.images import ImageFile
from django.utils import timezone

from areas.models import Area
from catalog.models import Category, Certification, Product, ProductImage
from core.text import slugify_vi
from demo import pictures
from images.collections import product_collection
from images.models import CustomImage
from shops.models import Booth

BATCH = 2000

CATEGORIES = [
    (
        "Nông sản tươi",
        "nong-san-tuoi",
        [("Trái cây", "trai-cay"), ("Rau củ", "rau-cu"), ("Gạo và ngũ cốc", "gao-ngu-coc")],
    ),
    (
        "Thực phẩm chế biến",
        "thuc-pham-che-bien",
        [("Đặc sản khô", "dac-san-kho"), ("Bánh và mỳ", "banh-va-my")],
    ),
    ("Sản phẩm OCOP", "san-pham-ocop", []),
    ("Chăn nuôi", "chan-nuoi", []),
    ("Đồ uống", "do-uong", [("Chè", "che"), ("Rượu", "ruou")]),
    ("Dược liệu", "duoc-lieu", []),
    ("Thủ công mỹ nghệ", "thu-cong-my-nghe", []),
]
CERTIFICATIONS = [
    ("vietgap", "VietGAP", "Thực hành sản xuất nông nghiệp tốt của Việt Nam."),
    ("globalgap", "GlobalGAP", "Tiêu chuẩn thực hành nông nghiệp tốt toàn cầu."),
    ("huu-co", "Hữu cơ", "Sản xuất theo tiêu chuẩn nông nghiệp hữu cơ TCVN 11041."),
    ("ocop", "OCOP", "Sản phẩm được công nhận trong Chương trình Mỗi xã một sản phẩm."),
    ("chi-dan-dia-ly", "Chỉ dẫn địa lý", "Sản phẩm mang chỉ dẫn địa lý được bảo hộ."),
]
# Grams of one unit with its packing, for the delivery fee (kg: 1 kg by default).
UNIT_WEIGHTS = {
    "con": 2_000,
    "chai": 900,
    "chiếc": 1_500,
    "chục": 700,
    "gói": 500,
    "hộp": 600,
    "quả": 1_200,
    "tập": 400,
}

# name, category, unit, (price low, high), area, months in season, OCOP stars, certifications
TEMPLATES = [
    (
        "Vải thiều Lục Ngạn",
        "trai-cay",
        "kg",
        (35_000, 70_000),
        "luc-ngan",
        [6, 7],
        4,
        ["vietgap", "chi-dan-dia-ly"],
    ),
    ("Vải thiều sấy khô", "dac-san-kho", "hộp", (120_000, 220_000), "luc-ngan", [], 3, ["ocop"]),
    (
        "Gà đồi Yên Thế",
        "chan-nuoi",
        "con",
        (220_000, 380_000),
        "yen-the",
        [],
        4,
        ["chi-dan-dia-ly"],
    ),
    ("Mỳ Chũ", "banh-va-my", "gói", (35_000, 65_000), "luc-ngan", [], 4, ["ocop"]),
    ("Rượu làng Vân", "ruou", "chai", (90_000, 250_000), "viet-yen", [], 4, ["ocop"]),
    ("Bánh đa Kế", "banh-va-my", "tập", (25_000, 45_000), "phuong-bac-giang", [], 3, []),
    ("Chè Bản Ven", "che", "hộp", (150_000, 320_000), "son-dong", [3, 4, 5, 8, 9], 3, ["huu-co"]),
    (
        "Gạo nếp cái hoa vàng",
        "gao-ngu-coc",
        "kg",
        (38_000, 55_000),
        "hiep-hoa",
        [10, 11],
        3,
        ["vietgap"],
    ),
    ("Na dai Lục Nam", "trai-cay", "kg", (40_000, 80_000), "luc-nam", [7, 8, 9], 0, ["vietgap"]),
    ("Cam Bố Hạ", "trai-cay", "kg", (30_000, 60_000), "yen-the", [11, 12, 1], 3, []),
    (
        "Mật ong rừng Sơn Động",
        "san-pham-ocop",
        "chai",
        (250_000, 450_000),
        "son-dong",
        [4, 5],
        4,
        ["ocop"],
    ),
    ("Bưởi Lạng Giang", "trai-cay", "quả", (40_000, 70_000), "lang-giang", [9, 10, 11], 0, []),
    (
        "Rau cải sạch",
        "rau-cu",
        "kg",
        (15_000, 30_000),
        "yen-dung",
        [1, 2, 3, 10, 11, 12],
        0,
        ["vietgap"],
    ),
    ("Khoai lang Hiệp Hòa", "rau-cu", "kg", (18_000, 30_000), "hiep-hoa", [1, 2, 12], 0, []),
    ("Bình gốm Thổ Hà", "thu-cong-my-nghe", "chiếc", (180_000, 900_000), "viet-yen", [], 3, []),
    ("Khăn thêu tay", "thu-cong-my-nghe", "chiếc", (90_000, 250_000), "lang-giang", [], 0, []),
    ("Ba kích tím", "duoc-lieu", "kg", (300_000, 600_000), "son-dong", [], 3, ["huu-co"]),
    ("Trà hoa vàng", "che", "hộp", (200_000, 500_000), "son-dong", [], 4, ["ocop"]),
    ("Nước cốt vải", "do-uong", "chai", (60_000, 120_000), "luc-ngan", [], 3, ["ocop"]),
    ("Trứng gà đồi", "chan-nuoi", "chục", (35_000, 55_000), "yen-the", [], 0, []),
    ("Lạc Tân Yên", "dac-san-kho", "kg", (50_000, 80_000), "tan-yen", [6, 7], 0, []),
    ("Chả cuốn Yên Dũng", "dac-san-kho", "hộp", (80_000, 150_000), "yen-dung", [], 0, []),
]
# Variants of a template: (suffix, unit or None to keep it, price factor, applies to).
# A variant changes the unit when it changes what one price buys ("thùng 5 kg").
VARIANTS = [
    ("", None, 1.0, "any"),
    ("loại 1", None, 1.2, "any"),
    ("hộp quà", "hộp", 2.5, "gift"),
    ("túi 500 g", "túi", 0.55, "kg"),
    ("loại đặc biệt", None, 1.5, "any"),
    ("thùng 5 kg", "thùng", 4.8, "kg"),
    ("hữu cơ", None, 1.3, "fresh"),
    ("vụ mới", None, 1.0, "seasonal"),
]
FRESH = {"trai-cay", "rau-cu", "gao-ngu-coc", "che"}
GIFT = {"dac-san-kho", "che", "ruou", "san-pham-ocop", "do-uong", "banh-va-my", "duoc-lieu"}
# Which booth trade (a theme of demo/shops.py) sells each template.
TRADE = {
    "Vải thiều Lục Ngạn": "Vải thiều",
    "Vải thiều sấy khô": "Vải thiều",
    "Nước cốt vải": "Vải thiều",
    "Gà đồi Yên Thế": "Gà đồi",
    "Trứng gà đồi": "Gà đồi",
    "Mỳ Chũ": "Mỳ Chũ",
    "Rượu làng Vân": "Rượu làng Vân",
    "Bánh đa Kế": "Bánh đa Kế",
    "Chả cuốn Yên Dũng": "Bánh đa Kế",
    "Chè Bản Ven": "Chè Bản Ven",
    "Trà hoa vàng": "Chè Bản Ven",
    "Gạo nếp cái hoa vàng": "Nếp cái hoa vàng",
    "Na dai Lục Nam": "Na dai",
    "Cam Bố Hạ": "Cam Bố Hạ",
    "Mật ong rừng Sơn Động": "Mật ong rừng",
    "Bưởi Lạng Giang": "Bưởi",
    "Rau cải sạch": "Rau an toàn",
    "Khoai lang Hiệp Hòa": "Gạo thơm",
    "Lạc Tân Yên": "Gạo thơm",
    "Bình gốm Thổ Hà": "Gốm Thổ Hà",
    "Khăn thêu tay": "Thêu ren",
    "Ba kích tím": "Dược liệu",
}


def variants_for(template):
    """The variants that make sense for *template* (no "thùng 5 kg" of a bottle)."""
    _name, category, unit, _prices, _area, months, _stars, _certs = template
    ok = {
        "any": True,
        "kg": unit == "kg",
        "gift": category in GIFT,
        "fresh": category in FRESH,
        "seasonal": bool(months),
    }
    return [v for v in VARIANTS if ok[v[3]]]


def seed_taxonomy():
    categories = {}
    for order, (name, slug, children) in enumerate(CATEGORIES):
        parent, _ = Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "sort_order": order, "parent": None}
        )
        categories[slug] = parent
        for child_order, (child_name, child_slug) in enumerate(children):
            categories[child_slug], _ = Category.objects.update_or_create(
                slug=child_slug,
                defaults={"name": child_name, "sort_order": child_order, "parent": parent},
            )
    certifications = {}
    for code, name, description in CERTIFICATIONS:
        certifications[code], _ = Certification.objects.update_or_create(
            code=code, defaults={"name": name, "description": description}
        )
    return categories, certifications


def product_specs(n, rng):
    """Deterministic (index, name, slug, template, variant) for n products."""
    specs, seen = [], set()
    i = 0
    while len(specs) < n:
        template = TEMPLATES[i % len(TEMPLATES)]
        round_ = i // len(TEMPLATES)
        choices = variants_for(template)
        variant = choices[round_ % len(choices)]
        name = f"{template[0]} {variant[0]}".strip()
        if round_ >= len(choices):
            name = f"{name} số {round_ // len(choices) + 1}"
        slug = slugify_vi(name, max_length=190)
        if slug in seen:
            slug = f"{slug}-{i}"
        seen.add(slug)
        specs.append((i, name, slug, template, variant))
        i += 1
    return specs


PHOTOS_PER_KIND = 3


def photo_pool(ctx):
    """kind → a few generated photos of it (demo/pictures.py), reused on later runs
    (titled "seed-art-<kind>-<n>"): a 100 000-product market draws them once."""
    kinds = sorted({pictures.kind_for(t[0], t[1]) for t in TEMPLATES})
    titles = {f"seed-art-{k}-{n}": (k, n) for k in kinds for n in range(PHOTOS_PER_KIND)}
    existing = {img.title: img for img in CustomImage.objects.filter(title__in=list(titles))}
    pool = {k: [] for k in kinds}
    bar = ctx.progress(len(titles), "Ảnh sản phẩm")
    for title, (kind, n) in titles.items():
        image = existing.get(title)
        if image is None:
            image = CustomImage(
                title=title,
                alt_text="",
                collection=product_collection(),
                file=ImageFile(io.BytesIO(pictures.product_photo(kind, n)), name=f"{kind}-{n}.jpg"),
            )
            image._set_image_file_metadata()
            image.save()
        pool[kind].append(image)
        bar.advance()
    bar.finish()
    return pool


def booth_for(template, booths_by_trade, booths, i):
    """A booth whose trade sells *template* (any booth when the demo has none)."""
    own = booths_by_trade.get(TRADE.get(template[0], ""), [])
    return own[i % len(own)] if own else booths[i % len(booths)]


def run(ctx):
    categories, certifications = seed_taxonomy()
    areas = {a.slug: a for a in Area.objects.all()}
    booths = list(Booth.objects.filter(status=Booth.Status.APPROVED).order_by("pk"))
    others = list(Booth.objects.exclude(status=Booth.Status.APPROVED).order_by("pk"))
    if not booths:
        return
    rng = ctx.rng
    specs = product_specs(ctx.products, rng)
    all_slugs = [s[2] for s in specs]
    existing = set()
    for start in range(0, len(all_slugs), 5000):
        existing.update(
            Product.objects.filter(slug__in=all_slugs[start : start + 5000]).values_list(
                "slug", flat=True
            )
        )
    todo = [s for s in specs if s[2] not in existing]
    if not todo:
        return
    pool = photo_pool(ctx)
    booths_by_trade = {}
    for booth in booths:
        for trade in set(TRADE.values()):
            if trade in booth.name:
                booths_by_trade.setdefault(trade, []).append(booth)
    now = timezone.now()
    bar = ctx.progress(len(todo), "Sản phẩm")
    for start in range(0, len(todo), BATCH):
        chunk = todo[start : start + BATCH]
        objs, extra = [], {}
        for i, name, slug, template, variant in chunk:
            base, cat, unit, (low, high), area, months, stars, certs = template
            booth = (
                booth_for(template, booths_by_trade, booths, i // len(TEMPLATES))
                if i % 40 != 39 or not others
                else others[i % len(others)]
            )
            _suffix, variant_unit, factor, _applies = variant
            weight = UNIT_WEIGHTS.get(unit, 0)
            if variant_unit == "thùng":
                weight = 5_200
            elif variant_unit == "túi":
                weight = 520
            elif variant_unit == "hộp":
                weight = UNIT_WEIGHTS["hộp"] + weight
            unit = variant_unit or unit
            price = int(rng.randint(low // 1000, high // 1000) * factor) * 1000
            mask = 0
            for m in months:
                mask |= 1 << (m - 1)
            status = Product.Status.DRAFT if i % 25 == 24 else Product.Status.PUBLISHED
            product = Product(
                booth=booth,
                category=categories[cat],
                name=name,
                slug=slug,
                description=(
                    f"<p><strong>{base}</strong> chính gốc {areas[area].name if area in areas else ''}, "
                    f"do {booth.name} sản xuất và đóng gói.</p>"
                    "<ul><li>Giao trong tỉnh 1–2 ngày</li><li>Đổi trả nếu sản phẩm lỗi</li></ul>"
                ),
                price=price,
                unit=unit,
                unit_weight_grams=weight,
                stock=0 if i % 17 == 16 else rng.randint(5, 500),
                origin_area=areas.get(area),
                ocop_stars=stars,
                season_mask=mask,
                status=status,
                view_count=rng.randint(0, 5000),
                published_at=now if status == Product.Status.PUBLISHED else None,
            )
            objs.append(product)
            extra[slug] = (i, certs, pictures.kind_for(base, cat), name)
        Product.objects.bulk_create(objs, batch_size=1000)
        ids = dict(Product.objects.filter(slug__in=list(extra)).values_list("slug", "pk"))
        photos, links = [], []
        Through = Product.certifications.through
        for slug, (i, certs, kind, name) in extra.items():
            pk = ids[slug]
            shots = pool[kind]
            for position in range(1 + (i % len(shots))):
                image = shots[(i + position) % len(shots)]
                photos.append(
                    ProductImage(product_id=pk, image=image, sort_order=position, alt=name)
                )
            for code in certs:
                links.append(Through(product_id=pk, certification_id=certifications[code].pk))
        ProductImage.objects.bulk_create(photos, batch_size=2000)
        Through.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)
        bar.advance(len(chunk))
    bar.finish()
