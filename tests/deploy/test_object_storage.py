"""Uploaded photos on S3-compatible object storage (MEDIA_STORAGE=s3), against the real
S3 server the test command starts (`rclone serve s3`, scripts/services.sh)."""

import io
import os
import re
import secrets

import boto3
import pytest
import requests
from botocore.client import Config
from django.core.files.images import ImageFile
from PIL import Image

from tests.factories import ProductImageFactory, make_image_bytes

pytestmark = [pytest.mark.services, pytest.mark.django_db]


@pytest.fixture
def bucket():
    endpoint = os.environ.get("TEST_S3_ENDPOINT_URL")
    if not endpoint:
        pytest.fail("TEST_S3_ENDPOINT_URL is not set: start it with scripts/services.sh up s3")
    options = {
        "endpoint_url": endpoint,
        "aws_access_key_id": os.environ["TEST_S3_ACCESS_KEY"],
        "aws_secret_access_key": os.environ["TEST_S3_SECRET_KEY"],
        "config": Config(signature_version="s3v4", s3={"addressing_style": "path"}),
        "region_name": "us-east-1",
    }
    client = boto3.client("s3", **options)
    name = f"dep-{os.getpid()}-{secrets.token_hex(3)}"
    client.create_bucket(Bucket=name)
    yield client, name, options
    listed = client.list_objects_v2(Bucket=name).get("Contents", [])
    for item in listed:
        client.delete_object(Bucket=name, Key=item["Key"])
    client.delete_bucket(Bucket=name)


@pytest.fixture
def s3_media(settings, bucket):
    """The settings MEDIA_STORAGE=s3 gives (marketplace/settings/base.py)."""
    client, name, options = bucket
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": options["endpoint_url"],
                "access_key": options["aws_access_key_id"],
                "secret_key": options["aws_secret_access_key"],
                "region_name": "us-east-1",
                "default_acl": None,
                "querystring_auth": True,
                "addressing_style": "path",
                "signature_version": "s3v4",
                "file_overwrite": False,
            },
        },
    }
    return client, name


def test_a_product_photo_lives_in_the_bucket_and_its_renditions_are_served(client, s3_media):
    s3, bucket = s3_media
    upload = ImageFile(io.BytesIO(make_image_bytes(640, 480)), name="vai-thieu.png")
    photo = ProductImageFactory(image__file=upload)
    keys = {item["Key"] for item in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    assert photo.image.file.name in keys
    assert photo.image.file.name.startswith("original_images/")

    # Wagtail reads the original from the bucket to make a rendition, and stores it there
    rendition = photo.image.get_rendition("fill-300x200|format-webp")
    assert rendition.file.name in {
        item["Key"] for item in s3.list_objects_v2(Bucket=bucket)["Contents"]
    }
    assert rendition.url.startswith(os.environ["TEST_S3_ENDPOINT_URL"])

    # the product page links the renditions in the bucket, and they load
    page = client.get(photo.product.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    linked = [
        url.replace("&amp;", "&")
        for url in re.findall(r'src="([^"]+)"', html)
        if url.startswith(os.environ["TEST_S3_ENDPOINT_URL"])
    ]
    assert linked, "the page shows no photo from the bucket"
    response = requests.get(linked[0], timeout=30)
    assert response.status_code == 200
    picture = Image.open(io.BytesIO(response.content))
    assert picture.format in ("WEBP", "JPEG", "PNG")

    fetched = requests.get(rendition.url, timeout=30)
    assert fetched.status_code == 200
    assert Image.open(io.BytesIO(fetched.content)).size == (300, 200)


def test_the_bucket_is_private_originals_need_a_signature(s3_media):
    _, bucket = s3_media
    photo = ProductImageFactory()
    signed = photo.image.file.url
    assert requests.get(signed, timeout=30).status_code == 200
    unsigned = f"{os.environ['TEST_S3_ENDPOINT_URL']}/{bucket}/{photo.image.file.name}"
    assert requests.get(unsigned, timeout=30).status_code in (401, 403)
