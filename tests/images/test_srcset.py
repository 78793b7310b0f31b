"""A photo smaller than the layout's widths still gets a valid srcset."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from django.template import engines

from tests.factories import ImageFactory, make_image_bytes

pytestmark = pytest.mark.django_db

TEMPLATE = (
    "{% load wagtailimages_tags %}"
    '{% srcset_image img fill-{80x80,160x160,240x240} sizes="72px" alt="" %}'
)


def srcset_widths(image):
    html = engines["django"].from_string(TEMPLATE).render({"img": image})
    srcset = re.search(r'srcset="([^"]*)"', html).group(1)
    return [int(part.rsplit(" ", 1)[1].rstrip("w")) for part in srcset.split(", ")]


def test_small_logo_lists_each_width_once():
    # A 100 px logo cannot be enlarged to 160 or 240 px: one 80 px and one 100 px file.
    logo = ImageFactory(file=ImageFile(io.BytesIO(make_image_bytes(100, 100)), name="logo.png"))
    assert srcset_widths(logo) == [80, 100]


def test_large_photo_keeps_every_width():
    photo = ImageFactory(file=ImageFile(io.BytesIO(make_image_bytes(600, 600)), name="photo.png"))
    assert srcset_widths(photo) == [80, 160, 240]
