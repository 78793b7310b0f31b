"""Demo catalogue: categories, certifications and ~ctx.products products with photos.

Photos are drawn with Pillow (a colour gradient and the product's initials), no download.
Products are written with bulk_create so the same code seeds 100 000 products for the
benchmark; photos are then shared between products (a pool of at most PHOTO_POOL images).
"""

import io

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from areas.models import Area
from catalog.models import Category, Certification, Product, ProductImage
from core.text import fold_vietnamese, slugify_vi
from images.collections import product_collection
from images.models import CustomImage
from shops.models import Booth

PHOTO_POOL = 240
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
    ("Bưởi Đoan Hùng", "trai-cay", "quả", (40_000, 70_000), "lang-giang", [9, 10, 11], 0, []),
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
VARIANTS = [
    "",
    "loại 1",
    "hộp quà",
    "túi 500g",
    "loại đặc biệt",
    "đóng thùng 5kg",
    "hữu cơ",
    "vụ mới",
]
PALETTES = [
    ((31, 111, 67), (180, 214, 120)),
    ((194, 65, 12), (250, 204, 120)),
    ((120, 53, 15), (234, 179, 8)),
    ((22, 78, 99), (125, 211, 252)),
    ((136, 19, 55), (251, 113, 133)),
    ((63, 98, 18), (217, 249, 157)),
    ((88, 28, 135), (216, 180, 254)),
]


def initials(name):
    """Two initials, diacritics folded: Pillow's built-in font has no "Đ"."""
    words = [w for w in fold_vietnamese(name).split() if w[:1].isalpha()]
    return "".join(w[0] for w in words[:2]).upper() or "CT"


def make_photo(text, palette, variant=0):
    """A pleasant 800×600 JPEG: diagonal two-colour gradient, a soft disc and initials."""
    w, h = 800, 600
    start, end = palette
    mask = Image.linear_gradient("L").rotate(45 + 30 * variant, expand=True).resize((w, h))
    image = Image.composite(Image.new("RGB", (w, h), end), Image.new("RGB", (w, h), start), mask)
    draw = ImageDraw.Draw(image)
    r = 190
    cx, cy = w // 2 + (variant - 1) * 40, h // 2
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255))
    try:
        font = ImageFont.load_default(size=150)
    except TypeError:  # very old Pillow
        font = ImageFont.load_default()
    draw.text((cx, cy), text, fill=start, font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


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
    specs, seen = [], set()
    i = 0
    while len(specs) < n:
        template = TEMPLATES[i % len(TEMPLATES)]
        round_ = i // len(TEMPLATES)
        variant = VARIANTS[round_ % len(VARIANTS)]
        name = f"{template[0]} {variant}".strip()
        if round_ >= len(VARIANTS):
            name = f"{name} số {round_ // len(VARIANTS) + 1}"
        slug = slugify_vi(name, max_length=190)
        if slug in seen:
            slug = f"{slug}-{i}"
        seen.add(slug)
        specs.append((i, name, slug, template))
        i += 1
    return specs


def photo_pool(ctx, size):
    """At most *size* generated images, reused on later runs (titled "seed-photo-N")."""
    existing = {
        img.title: img for img in CustomImage.objects.filter(title__startswith="seed-photo-")
    }
    pool = []
    bar = ctx.progress(size, "Ảnh sản phẩm")
    for k in range(size):
        title = f"seed-photo-{k:04d}"
        image = existing.get(title)
        if image is None:
            template = TEMPLATES[k % len(TEMPLATES)]
            data = make_photo(
                initials(template[0]),
                PALETTES[k % len(PALETTES)],
                variant=(k // len(TEMPLATES)) % 3,
            )
            image = CustomImage(
                title=title,
                alt_text=template[0],
                collection=product_collection(),
                file=ImageFile(io.BytesIO(data), name=f"{slugify_vi(template[0])}-{k}.jpg"),
            )
            image._set_image_file_metadata()
            image.save()
        pool.append(image)
        bar.advance()
    bar.finish()
    return pool


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
    pool = photo_pool(ctx, min(PHOTO_POOL, max(len(TEMPLATES), ctx.products)))
    now = timezone.now()
    bar = ctx.progress(len(todo), "Sản phẩm")
    for start in range(0, len(todo), BATCH):
        chunk = todo[start : start + BATCH]
        objs, extra = [], {}
        for i, name, slug, (base, cat, unit, (low, high), area, months, stars, certs) in chunk:
            booth = (
                booths[i % len(booths)] if i % 40 != 39 or not others else others[i % len(others)]
            )
            price = rng.randint(low // 1000, high // 1000) * 1000
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
                unit_weight_grams=UNIT_WEIGHTS.get(unit, 0),
                stock=0 if i % 17 == 16 else rng.randint(5, 500),
                origin_area=areas.get(area),
                ocop_stars=stars,
                season_mask=mask,
                status=status,
                view_count=rng.randint(0, 5000),
                published_at=now if status == Product.Status.PUBLISHED else None,
            )
            objs.append(product)
            extra[slug] = (i, certs)
        Product.objects.bulk_create(objs, batch_size=1000)
        ids = dict(Product.objects.filter(slug__in=list(extra)).values_list("slug", "pk"))
        photos, links = [], []
        Through = Product.certifications.through
        for slug, (i, certs) in extra.items():
            pk = ids[slug]
            count = 1 + (i % 3)
            for position in range(count):
                image = pool[(i + position * 7) % len(pool)]
                photos.append(
                    ProductImage(product_id=pk, image=image, sort_order=position, alt=slug)
                )
            for code in certs:
                links.append(Through(product_id=pk, certification_id=certifications[code].pk))
        ProductImage.objects.bulk_create(photos, batch_size=2000)
        Through.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)
        bar.advance(len(chunk))
    bar.finish()
