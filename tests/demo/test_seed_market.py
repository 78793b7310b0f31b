"""The demo shows a market, not a wireframe: products sold by booths of their trade, in
units that fit, with pictures of what they are, drawn once per kind."""

import io

import pytest
from django.core.management import call_command
from PIL import Image

from areas.models import Area
from catalog.models import Product
from demo import pictures
from demo.catalog import TEMPLATES, TRADE
from demo.shops import THEMES
from shops.models import Booth


def test_every_template_has_a_trade_and_a_picture_of_its_own():
    themes = {t for t, _area in THEMES}
    for template in TEMPLATES:
        assert TRADE[template[0]] in themes, template[0]
        assert pictures.kind_for(template[0], template[1]) != pictures.DEFAULT_KIND, template[0]
    assert pictures.kind_for("Gạo nếp cái hoa vàng") == "rice"
    assert pictures.kind_for("Vải thiều sấy khô") == "dried_lychee"
    assert pictures.kind_for("Trứng gà đồi") == "eggs"


def test_pictures_are_deterministic_and_not_flat():
    first = pictures.product_photo("lychee", 1)
    assert first == pictures.product_photo("lychee", 1)
    assert first != pictures.product_photo("honey", 1)
    image = Image.open(io.BytesIO(first)).convert("RGB")
    assert image.size == (800, 600)
    assert len(image.getcolors(maxcolors=1 << 20)) > 500  # a picture, not a tile
    banner = Image.open(io.BytesIO(pictures.landscape("river", size=(1400, 520))))
    assert banner.size == (1400, 520)


@pytest.mark.django_db
def test_seeded_products_match_their_booth_and_unit(settings):
    settings.ELASTICSEARCH_URL = ""
    call_command("seed_demo", "--booths", "16", "--products", "120", verbosity=0)
    for product in Product.objects.select_related("booth"):
        base = next(t for t in TEMPLATES if product.name.startswith(t[0]))
        if product.booth.status == Booth.Status.APPROVED:
            assert TRADE[base[0]] in product.booth.name, (product.name, product.booth.name)
        if "thùng 5 kg" in product.name:
            assert product.unit == "thùng" and base[2] == "kg"
        if product.unit in ("chai", "con", "quả", "chiếc"):
            assert "kg" not in product.name and "500 g" not in product.name, product.name
    # One set of photos per kind, shared: not one per product.
    images = {img.image_id for p in Product.objects.all() for img in p.images.all()}
    assert len(images) <= 3 * len(pictures.KINDS)
    assert Booth.objects.public().filter(logo__isnull=True).count() == 0
    # The areas follow the 2025 reorganisation.
    assert Area.objects.get(slug="bac-ninh").is_current
    assert Area.objects.get(slug="bac-giang").replaced_by.slug == "bac-ninh"
    assert not Area.objects.origins().filter(kind__in=["province", "district"]).exists()
