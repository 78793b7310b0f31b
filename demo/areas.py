"""Areas of origin of the province (demo data, written for this project).

Since 1 July 2025 the former province of Bắc Giang is part of Bắc Ninh and the district
level is gone (province → commune/ward). The demo keeps:
- the current province (Bắc Ninh) and the former one as a row no longer current that
  points at it, so old addresses still mean something;
- areas of origin as people and geographical indications name them ("Lục Ngạn" for
  vải thiều, "Yên Thế" for gà đồi): current, what sellers choose;
- a few of the new communes and wards;
- the abolished administrative units ("Huyện Lục Ngạn", "Thành phố Bắc Giang") as rows not
  current, each pointing at the unit that replaced it: they are not offered to sellers,
  but imports and old links that name them still find their successor.
"""

from areas.models import Area

PROVINCE = ("Bắc Ninh", "bac-ninh")
FORMER_PROVINCE = ("Bắc Giang", "bac-giang")
# Areas of origin as people know them (the names of the former districts).
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
]
# After the 2025 reorganisation: communes and wards that replaced old units.
COMMUNES = [
    ("Phường Bắc Giang", "phuong-bac-giang"),
    ("Phường Chũ", "phuong-chu"),
    ("Xã Biển Động", "xa-bien-dong"),
    ("Xã Phồn Xương", "xa-phon-xuong"),
]
# Abolished units → the slug of the area that carries their centre now.
ABOLISHED = [
    ("Thành phố Bắc Giang", "tp-bac-giang", "phuong-bac-giang"),
    ("Huyện Lục Ngạn", "huyen-luc-ngan", "phuong-chu"),
    ("Huyện Yên Thế", "huyen-yen-the", "xa-phon-xuong"),
]


def run(ctx):
    province, _ = Area.objects.update_or_create(
        slug=PROVINCE[1],
        defaults={
            "name": PROVINCE[0],
            "kind": Area.Kind.PROVINCE,
            "sort_order": 0,
            "is_current": True,
            "parent": None,
            "replaced_by": None,
        },
    )
    Area.objects.update_or_create(
        slug=FORMER_PROVINCE[1],
        defaults={
            "name": FORMER_PROVINCE[0],
            "kind": Area.Kind.PROVINCE,
            "sort_order": 1,
            "is_current": False,
            "parent": None,
            "replaced_by": province,
        },
    )
    for order, (name, slug) in enumerate(REGIONS, start=1):
        Area.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": Area.Kind.REGION,
                "parent": province,
                "sort_order": order,
                "is_current": True,
            },
        )
    for order, (name, slug) in enumerate(COMMUNES, start=100):
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
    # Marked not current rather than deleted: products and booths may still name them.
    for name, slug, new in ABOLISHED:
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
