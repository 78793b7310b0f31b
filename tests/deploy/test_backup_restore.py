"""`manage.py backup` and `restore`: a market dumped from one PostgreSQL database and
media folder comes back whole in a fresh database and a fresh media folder."""

import json

import pytest

from tests.deploy.stack import Stack

pytestmark = [pytest.mark.services, pytest.mark.timeout(900)]

FINGERPRINT = """
import hashlib, json
from django.core.files.storage import default_storage
from catalog.models import Product, ProductImage
from orders.models import Order
from shops.models import Booth
photos = []
for photo in ProductImage.objects.select_related("image", "product").order_by("pk"):
    with default_storage.open(photo.image.file.name, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    photos.append([photo.product.slug, photo.image.file.name, digest])
print(json.dumps({
    "booths": sorted(Booth.objects.values_list("slug", "status")),
    "products": sorted(Product.objects.values_list("slug", "price", "stock")),
    "orders": sorted(Order.objects.values_list("number", "status", "total")),
    "photos": photos,
}))
"""


@pytest.fixture
def source(tmp_path):
    stack = Stack(tmp_path / "source")
    stack.media_root.mkdir(parents=True)
    stack.create_database()
    try:
        stack.manage("migrate", "--noinput", "-v0")
        stack.manage("seed_demo", "--booths", "2", "--products", "6", "-v0")
        yield stack
    finally:
        stack.drop_database()
        stack.cleanup_shared()


@pytest.fixture
def fresh(tmp_path):
    stack = Stack(tmp_path / "fresh")
    stack.media_root.mkdir(parents=True)
    stack.create_database()
    try:
        yield stack
    finally:
        stack.drop_database()
        stack.cleanup_shared()


def test_a_backup_restores_into_a_fresh_database_and_media_folder(source, fresh, tmp_path):
    before = json.loads(source.python(FINGERPRINT))
    assert before["booths"] and before["products"] and before["orders"] and before["photos"]

    folder = tmp_path / "backup"
    out = source.manage("backup", str(folder))
    assert "Backed up the postgresql database" in out
    assert (folder / "database.dump").stat().st_size > 0

    assert not any(fresh.media_root.iterdir())
    out = fresh.manage("restore", str(folder))
    assert "Restored the postgresql database" in out
    assert json.loads(fresh.python(FINGERPRINT)) == before
    # the restored site runs: nothing left to migrate
    assert "No planned migration" in fresh.manage("migrate", "--plan")


def test_restore_refuses_a_folder_that_is_not_a_backup(fresh, tmp_path):
    with pytest.raises(RuntimeError, match="not a backup folder"):
        fresh.manage("restore", str(tmp_path))
