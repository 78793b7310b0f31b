"""Areas of origin of the province (demo data, written for this project)."""

from areas.models import Area

PROVINCE = ("Bắc Giang", "bac-giang")
# Areas of origin as people know them (the former districts and the city).
REGIONS = [
    ("Lục Ngạn", "luc-ngan"),
    ("Yên Thế", "yen-the"),
    ("Lục Nam", "luc-nam"),
    ("Việt Yên", "viet-yen"),
    ("Hiệp Hòa", "hiep-hoa"),
    ("Tân Yên", "tan-yen"),
    ("Lạng Giang", "lang-giang"),
    ("Sơn Động", "son-dong"),
    ("Yên Dũng", "yen-dung"),
    ("Thành phố Bắc Giang", "tp-bac-giang"),
]
# After the 2025 reorganisation: communes that replaced old districts.
COMMUNES = [
    ("Xã Biển Động", "xa-bien-dong", "luc-ngan"),
    ("Xã Phồn Xương", "xa-phon-xuong", "yen-the"),
    ("Phường Chũ", "phuong-chu", "luc-ngan"),
]


def run(ctx):
    province, _ = Area.objects.update_or_create(
        slug=PROVINCE[1],
        defaults={"name": PROVINCE[0], "kind": Area.Kind.PROVINCE, "sort_order": 0},
    )
    regions = {}
    for order, (name, slug) in enumerate(REGIONS, start=1):
        regions[slug], _ = Area.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": Area.Kind.REGION,
                "parent": province,
                "sort_order": order,
                "is_current": True,
            },
        )
    for order, (name, slug, _old) in enumerate(COMMUNES, start=100):
        Area.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": Area.Kind.COMMUNE,
                "parent": province,
                "sort_order": order,
                "is_current": True,
            },
        )
    # The old districts as administrative units are no longer current; they point at the
    # commune that carries their centre now. Kept as rows so "Lục Ngạn" still means something.
    for slug, new in (("huyen-luc-ngan", "phuong-chu"), ("huyen-yen-the", "xa-phon-xuong")):
        name = "Huyện " + regions[slug.removeprefix("huyen-")].name
        Area.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": Area.Kind.DISTRICT,
                "parent": province,
                "is_current": False,
                "replaced_by": Area.objects.get(slug=new),
                "sort_order": 200,
            },
        )
