"""Issue 12, row 5: sellers' photos are theirs, and originals tell nothing about where.

- product photos (and booth pictures) live in a collection editors and approvers have no
  rights on: the Wagtail image editor refuses to change or even open them;
- every stored original has lost its EXIF (GPS position, camera) and XMP, and was turned
  upright first.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from accounts import roles
from catalog.photos import add_photos
from images.collections import EDITORIAL, PRODUCT_PHOTOS, editorial_collection
from tests.factories import BoothFactory, ImageFactory, ProductFactory
from tests.factories import UserFactory as Users
from tests.sellers import jpeg_upload

pytestmark = pytest.mark.django_db

XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><exif:GPSLatitude>21,22.5N'
    b"</exif:GPSLatitude></rdf:RDF></x:xmpmeta>"
)


def gps_jpeg(size=(64, 32), orientation=1, fmt="JPEG"):
    """A photo as a phone takes it: GPS position, camera model, orientation tag."""
    picture = Image.new("RGB", size, (200, 80, 40))
    picture.paste((20, 120, 40), (0, 0, size[0] // 2, size[1]))  # left half green
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 12"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (21.0, 22.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (106.0, 37.0, 5.0)
    buffer = io.BytesIO()
    options = {"exif": exif}
    if fmt in ("JPEG", "WEBP"):
        options["xmp"] = XMP
    picture.save(buffer, format=fmt, **options)
    data = buffer.getvalue()
    # The fixture really carries what the test says it does.
    with Image.open(io.BytesIO(data)) as check:
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return data


def _stored(image):
    image.file.open("rb")
    try:
        return image.file.read()
    finally:
        image.file.close()


def assert_no_metadata(data):
    assert b"PhoneMaker" not in data and b"GPSLatitude" not in data and b"xmpmeta" not in data
    with Image.open(io.BytesIO(data)) as stored:
        exif = stored.getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert ExifTags.Base.Make not in exif and ExifTags.Base.Model not in exif
        assert "xmp" not in stored.info and "exif" not in stored.info


@pytest.fixture
def seller_photo():
    booth = BoothFactory()
    product = ProductFactory(booth=booth, name="Vải thiều")
    upload = SimpleUploadedFile("vai.jpg", gps_jpeg(), content_type="image/jpeg")
    (photo,) = add_photos(product, [upload])
    return photo.image


@pytest.fixture
def editor_user():
    from cms.site_setup import ensure_home_page
    from cms.workflow import ensure_editorial_workflow

    ensure_editorial_workflow(ensure_home_page())
    user = Users(is_staff=True)
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    return user


@pytest.fixture
def approver_user(editor_user):
    user = Users(is_staff=True)
    user.groups.add(Group.objects.get(name=roles.APPROVERS))
    return user


def _edit_post(image, data):
    return {
        "title": "Ảnh đã bị thay",
        "file": SimpleUploadedFile("thay.jpg", data, content_type="image/jpeg"),
        "collection": image.collection_id,
        "tags": "",
        "alt_text": "",
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
    }


@pytest.mark.parametrize("who", ["editor_user", "approver_user"])
def test_editors_cannot_replace_or_open_a_sellers_photo(client, request, seller_photo, who):
    assert seller_photo.collection.name == PRODUCT_PHOTOS
    before = _stored(seller_photo)
    client.force_login(request.getfixturevalue(who))
    url = f"/cms-admin/images/{seller_photo.pk}/"

    opened = client.get(url)
    response = client.post(url, _edit_post(seller_photo, gps_jpeg((80, 80))))

    assert opened.status_code in (302, 403)
    assert response.status_code in (302, 403)
    seller_photo.refresh_from_db()
    assert seller_photo.title == "Vải thiều"
    assert _stored(seller_photo) == before


def test_editors_still_edit_the_news_pictures(client, editor_user):
    picture = ImageFactory(collection=editorial_collection(), title="Ảnh tin")
    client.force_login(editor_user)
    response = client.post(f"/cms-admin/images/{picture.pk}/", _edit_post(picture, gps_jpeg()))
    assert response.status_code == 302
    picture.refresh_from_db()
    assert picture.title == "Ảnh đã bị thay"
    assert picture.collection.name == EDITORIAL
    assert_no_metadata(_stored(picture))  # the admin's uploads are cleaned too


def test_a_photo_uploaded_by_a_seller_is_stored_without_gps(seller_photo):
    image = seller_photo
    data = _stored(image)
    assert_no_metadata(data)
    assert image.file_size == len(data)
    assert image.collection.name == PRODUCT_PHOTOS


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_every_format_loses_its_metadata(fmt):
    image = ImageFactory(file=SimpleUploadedFile(f"a.{fmt.lower()}", gps_jpeg(fmt=fmt)))
    assert_no_metadata(_stored(image))


def test_a_sideways_photo_is_turned_upright_before_its_tag_is_dropped():
    # Orientation 6: the camera was turned; viewers rotate 90° clockwise to show it.
    image = ImageFactory(file=SimpleUploadedFile("nghieng.jpg", gps_jpeg((64, 32), 6)))
    data = _stored(image)
    assert_no_metadata(data)
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.size == (32, 64)
        assert (image.width, image.height) == (32, 64)
        # The green left half is now on top, as the viewer saw it.
        assert stored.getpixel((16, 4))[1] > 100 and stored.getpixel((16, 60))[1] < 100


def test_booth_logos_go_to_the_product_collection():
    from catalog.photos import store_image  # what the booth form calls for logo and cover

    logo = store_image(jpeg_upload("logo.jpg"), title="Logo")
    assert logo.collection.name == PRODUCT_PHOTOS
