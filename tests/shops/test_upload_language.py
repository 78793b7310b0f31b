"""Photo upload help and errors read in the visitor's language, not Wagtail's English."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from catalog.models import Product
from tests.factories import CategoryFactory
from tests.sellers import jpeg_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored():
    """A request under /en/ leaves English active in this thread; later tests must not
    inherit it (their reverse() would build /en/ addresses)."""
    language = translation.get_language()
    yield
    translation.activate(language)


def product_data(category):
    return {
        "name": "Vải thiều Lục Ngạn",
        "category": category.pk,
        "price": "85000",
        "unit": "kg",
        "stock": "50",
        "description": "<p>Ngọt</p>",
    }


def add_product(client, booth, upload, prefix=""):
    data = product_data(CategoryFactory())
    data["photos"] = [upload]
    response = client.post(f"{prefix}/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/", data)
    assert response.status_code == 200
    assert not Product.objects.exists()
    return " ".join(response.context["photo_form"].errors["photos"])


def test_too_many_pixels_is_explained_in_vietnamese(client, seller, settings):
    user, booth = seller
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    client.force_login(user)
    error = add_product(client, booth, jpeg_upload(size=(100, 100)))
    assert "Ảnh có quá nhiều điểm ảnh (10000). Tối đa 1000 điểm ảnh." in error
    assert "pixels" not in error


def test_unsupported_format_and_size_are_explained_in_vietnamese(client, seller, settings):
    user, booth = seller
    client.force_login(user)
    gif = SimpleUploadedFile("anh.gif", b"GIF89a....", content_type="image/gif")
    error = add_product(client, booth, gif)
    assert "Định dạng ảnh không được hỗ trợ. Định dạng hỗ trợ: JPG, JPEG, PNG, WEBP." in error
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 200
    error = add_product(client, booth, jpeg_upload())
    assert "Tệp quá lớn" in error and "Dung lượng tối đa 200" in error


def test_the_same_errors_stay_english_under_en(client, seller):
    user, booth = seller
    client.force_login(user)
    gif = SimpleUploadedFile("anh.gif", b"GIF89a....", content_type="image/gif")
    error = add_product(client, booth, gif, prefix="/en")
    assert "Not a supported image format" in error


def test_upload_help_text_is_vietnamese(client, seller):
    user, booth = seller
    client.force_login(user)
    page = client.get(f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/").content.decode()
    assert "Định dạng hỗ trợ: JPG, JPEG, PNG, WEBP. Dung lượng tối đa:" in page
    assert "Supported formats" not in page
    english = client.get(f"/en/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/them/").content.decode()
    assert "Supported formats: JPG, JPEG, PNG, WEBP." in english
