"""Fixtures shared by the booth and catalogue tests: sellers with a booth, uploads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import BoothFactory, MembershipFactory, UserFactory, make_image_bytes


@pytest.fixture
def seller(db):
    """A user who owns one approved booth: (user, booth)."""
    user = UserFactory()
    booth = BoothFactory(name="HTX Vải thiều Phượng Hoàng")
    MembershipFactory(booth=booth, user=user)
    return user, booth


@pytest.fixture
def other_seller(db):
    user = UserFactory()
    booth = BoothFactory(name="Gian hàng khác")
    MembershipFactory(booth=booth, user=user)
    return user, booth


def jpeg_upload(name="anh.jpg", size=(320, 240), color=(200, 80, 40)):
    return SimpleUploadedFile(
        name, make_image_bytes(*size, color=color, fmt="JPEG"), content_type="image/jpeg"
    )


@pytest.fixture
def jpeg():
    return jpeg_upload


def csv_file(text, name="sanpham.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture(autouse=True)
def _moderator_permissions(request):
    """The moderators' group gets its admin permissions (the seed does the same)."""
    if "db" in request.fixturenames or "transactional_db" in request.fixturenames:
        from shops.moderation import grant_moderator_permissions

        grant_moderator_permissions()
