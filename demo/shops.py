"""Demo booths: ~ctx.booths approved, 3 pending, 1 suspended, each with an owner account."""

import io

from django.db import models
from django.utils import timezone

from accounts.models import User
from areas.models import Area
from shops.models import Booth, BoothMembership

FIRST = ["HTX", "Trang trại", "Cơ sở", "Hộ kinh doanh", "Vườn", "Nhà", "Làng nghề"]
THEMES = [
    ("Vải thiều", "luc-ngan"),
    ("Gà đồi", "yen-the"),
    ("Mỳ Chũ", "luc-ngan"),
    ("Rượu làng Vân", "viet-yen"),
    ("Bánh đa Kế", "phuong-bac-giang"),
    ("Chè Bản Ven", "son-dong"),
    ("Nếp cái hoa vàng", "hiep-hoa"),
    ("Na dai", "luc-nam"),
    ("Cam Bố Hạ", "yen-the"),
    ("Gạo thơm", "tan-yen"),
    ("Mật ong rừng", "son-dong"),
    ("Gốm Thổ Hà", "viet-yen"),
    ("Thêu ren", "lang-giang"),
    ("Dược liệu", "son-dong"),
    ("Bưởi", "lang-giang"),
    ("Rau an toàn", "yen-dung"),
]
OWNERS = ["Phượng", "Hoàng", "Minh", "An", "Bình", "Hạnh", "Tâm", "Thành", "Lan", "Đức"]


def booth_specs(n):
    """Deterministic (name, slug, area slug) for n booths."""
    from core.text import slugify_vi

    specs, seen = [], set()
    i = 0
    while len(specs) < n:
        theme, area = THEMES[i % len(THEMES)]
        first = FIRST[(i // len(THEMES)) % len(FIRST)]
        owner = OWNERS[(i * 7) % len(OWNERS)]
        name = f"{first} {theme} {owner}"
        slug = slugify_vi(name)
        if slug in seen:
            slug = f"{slug}-{i}"
        seen.add(slug)
        specs.append((name, slug, area))
        i += 1
    return specs


def run(ctx):
    from shops.moderation import grant_moderator_permissions

    grant_moderator_permissions()
    areas = {a.slug: a for a in Area.objects.all()}
    total = ctx.booths + 4
    specs = booth_specs(total)
    statuses = (
        [Booth.Status.APPROVED] * ctx.booths + [Booth.Status.PENDING] * 3 + [Booth.Status.SUSPENDED]
    )
    existing = set(
        Booth.objects.filter(slug__in=[s[1] for s in specs]).values_list("slug", flat=True)
    )
    demo_seller = User.objects.filter(email="nguoiban@cho-tinh.local").first()
    bar = ctx.progress(total, "Gian hàng")
    now = timezone.now()
    for index, ((name, slug, area_slug), status) in enumerate(zip(specs, statuses, strict=True)):
        bar.advance()
        if slug in existing:
            continue
        booth = Booth.objects.create(
            name=name,
            slug=slug,
            status=status,
            area=areas.get(area_slug),
            description=(
                f"{name} là cơ sở sản xuất tại {areas[area_slug].name if area_slug in areas else 'tỉnh'}, "
                "bán trực tiếp sản phẩm của gia đình và bà con trong vùng. "
                "Giao hàng trong tỉnh 1–2 ngày, đóng gói cẩn thận."
            ),
            address=f"Thôn {index % 9 + 1}, {areas[area_slug].name if area_slug in areas else ''}",
            phone=f"09{ctx.rng.randint(10_000_000, 99_999_999)}",
            email=f"lienhe.{slug[:30]}@cho-tinh.local",
            registration_number=f"20G8{ctx.rng.randint(100000, 999999)}",
            is_verified=status == Booth.Status.APPROVED and index % 3 == 0,
            verified_at=now if status == Booth.Status.APPROVED and index % 3 == 0 else None,
            approved_at=now if status in (Booth.Status.APPROVED, Booth.Status.SUSPENDED) else None,
            status_reason="Tạm ngừng do chưa cập nhật giấy chứng nhận an toàn thực phẩm."
            if status == Booth.Status.SUSPENDED
            else "",
            view_count=ctx.rng.randint(20, 3000) if status == Booth.Status.APPROVED else 0,
        )
        if index == 0 and demo_seller is not None:
            owner = demo_seller
        else:
            owner, _ = User.objects.get_or_create(
                email=f"gianhang{index + 1:03d}@cho-tinh.local",
                defaults={"full_name": f"Chủ {name}"},
            )
            if not owner.has_usable_password():
                owner.set_unusable_password()
                owner.save(update_fields=["password"])
        BoothMembership.objects.get_or_create(
            booth=booth, user=owner, defaults={"role": BoothMembership.Role.OWNER}
        )
    bar.finish()
    add_pictures(specs)
    set_up_delivery_and_payment(specs[: ctx.booths])


def _picture(title, data, name):
    from django.core.files.images import ImageFile

    from images.collections import product_collection
    from images.models import CustomImage

    image = CustomImage.objects.filter(title=title).first()
    if image is None:
        image = CustomImage(
            title=title,
            alt_text="",
            collection=product_collection(),
            file=ImageFile(io.BytesIO(data), name=name),
        )
        image._set_image_file_metadata()
        image.save()
    return image


def add_pictures(specs):
    """A logo showing the booth's trade and a countryside cover, one pair per trade
    shared by its booths (drawn once: demo/pictures.py)."""
    from demo import pictures

    slugs = [s[1] for s in specs]
    missing = Booth.objects.filter(slug__in=slugs).filter(
        models.Q(logo__isnull=True) | models.Q(cover__isnull=True)
    )
    by_trade = {}
    for booth in missing:
        theme = next((t for t, _a in THEMES if t in booth.name), THEMES[0][0])
        by_trade.setdefault(theme, []).append(booth)
    for index, (theme, booths) in enumerate(sorted(by_trade.items())):
        kind = pictures.kind_for(theme)
        scene = pictures.SCENES[index % len(pictures.SCENES)]
        logo = _picture(f"seed-logo-{kind}", pictures.booth_logo(kind), f"logo-{kind}.jpg")
        cover = _picture(
            f"seed-cover-{scene}-{index}",
            pictures.landscape(scene, size=(1200, 360), seed=index),
            f"cover-{scene}-{index}.jpg",
        )
        pks = [b.pk for b in booths]
        Booth.objects.filter(pk__in=pks, logo__isnull=True).update(logo=logo)
        Booth.objects.filter(pk__in=pks, cover__isnull=True).update(cover=cover)


# Believable rates of a small producer shipping through a courier: within the province a
# bike courier, further away a parcel service charging by weight.
RATE_PLANS = [
    # (within the province, neighbours, nationwide or None): (flat, per kg, free from)
    ((15_000, 0, 300_000), (30_000, 5_000, 700_000), (35_000, 8_000, None)),
    ((20_000, 2_000, 500_000), (30_000, 4_000, 1_000_000), (40_000, 7_000, 1_500_000)),
    # Fresh produce: no further than the neighbouring provinces.
    ((18_000, 0, 400_000), (32_000, 6_000, None), None),
]
DEMO_BANKS = ["970436", "970418", "970405", "970415", "970422"]  # VCB, BIDV, Agribank, …


def set_up_delivery_and_payment(specs):
    """Delivery rates for every approved demo booth; pick-up and a bank account for some."""
    from core.text import fold_vietnamese
    from shops.models import BankAccount, DeliveryRate, DeliverySettings

    booths = Booth.objects.filter(slug__in=[s[1] for s in specs]).order_by("pk")
    for index, booth in enumerate(booths):
        plan = RATE_PLANS[index % len(RATE_PLANS)]
        for zone, rate in zip(DeliveryRate.Zone.values, plan, strict=True):
            if rate is None:
                DeliveryRate.objects.filter(booth=booth, zone=zone).delete()
                continue
            flat, per_kg, free_from = rate
            DeliveryRate.objects.update_or_create(
                booth=booth,
                zone=zone,
                defaults={"flat_fee": flat, "per_kg_fee": per_kg, "free_from": free_from},
            )
        DeliverySettings.objects.update_or_create(
            booth=booth,
            defaults={"pickup": index % 2 == 0, "pickup_address": booth.address},
        )
        if index % 3 == 0:
            owner = booth.memberships.select_related("user").first()
            holder = owner.user.full_name if owner and owner.user.full_name else booth.name
            BankAccount.objects.update_or_create(
                booth=booth,
                defaults={
                    "bank_bin": DEMO_BANKS[index // 3 % len(DEMO_BANKS)],
                    "account_number": f"10{(index * 7919 + 1234567) % 10**10:010d}",
                    "account_name": " ".join(fold_vietnamese(holder).upper().split()),
                },
            )
