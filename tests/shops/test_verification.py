"""The "verified by the province" badge is tied to the legal facts a moderator checked."""

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from shops import verification
from shops.models import Booth
from tests.factories import BoothFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

FACTS = {
    "registration_number": "2400123456",
    "address": "Thôn Kép, Lục Ngạn",
    "owner_name": "Nguyễn Văn An",
}


@pytest.fixture
def owner(db):
    return UserFactory(email="chu@example.vn")


@pytest.fixture
def verified_booth(owner, moderator):
    booth = BoothFactory(name="HTX Vải thiều Phượng Hoàng", **FACTS)
    MembershipFactory(booth=booth, user=owner)
    return verification.verify(booth, by=moderator)


def profile_post(booth, **changes):
    data = {
        "name": booth.name,
        "description": "",
        "address": booth.address,
        "area": booth.area_id,
        "phone": "0912345678",
        "email": "",
        "registration_number": booth.registration_number,
        "owner_name": booth.owner_name,
    }
    data.update(changes)
    return data


def test_the_badge_names_what_was_verified_and_when(client, verified_booth):
    body = client.get(verified_booth.get_absolute_url()).content.decode()
    assert "Được tỉnh xác minh" in body
    date = timezone.localtime(verified_booth.verified_at).strftime("%d/%m/%Y")
    assert (
        f"Tỉnh đã xác minh ngày {date}: tên đăng ký, số đăng ký kinh doanh, địa chỉ, chủ sở hữu"
        in body
    )


def test_renaming_a_verified_booth_removes_the_badge_and_tells_the_seller(
    client, owner, verified_booth, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    url = f"/kenh-nguoi-ban/gian-hang/{verified_booth.pk}/ho-so/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, profile_post(verified_booth, name="Vải ngon nhất", registration_number="999")
        )
    assert response.status_code == 302
    booth = Booth.objects.get(pk=verified_booth.pk)
    assert not booth.is_verified
    assert booth.reverification_requested_at is not None
    assert booth.reverification_reasons == ["name", "registration_number"]
    assert "Được tỉnh xác minh" not in client.get(booth.get_absolute_url()).content.decode()
    # the seller is told why, in the seller centre and by e-mail
    home = client.get("/kenh-nguoi-ban/").content.decode()
    assert "tên đăng ký, số đăng ký kinh doanh của gian hàng đã thay đổi" in home
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [owner.email]
    assert "cần được xác minh lại" in mail.outbox[0].subject
    # the moderators see it in the audit log and in the re-verification queue
    entry = ModelLogEntry.objects.for_instance(booth).filter(
        action="shops.booth.verification_lapsed"
    )
    assert entry.get().data["changed"] == ["name", "registration_number"]
    assert Booth.objects.filter(reverification_requested_at__isnull=False).get() == booth


def test_changing_other_details_keeps_the_badge(client, owner, verified_booth):
    client.force_login(owner)
    url = f"/kenh-nguoi-ban/gian-hang/{verified_booth.pk}/ho-so/"
    client.post(url, profile_post(verified_booth, phone="0987654321", description="Vải ngon"))
    booth = Booth.objects.get(pk=verified_booth.pk)
    assert booth.is_verified and booth.phone == "0987654321"


def test_verifying_again_takes_the_new_facts(moderator, verified_booth):
    verified_booth.address = "Xã Phượng Sơn, Lục Ngạn"
    verified_booth.save()
    booth = Booth.objects.get(pk=verified_booth.pk)
    assert not booth.is_verified
    verification.verify(booth, by=moderator)
    booth.refresh_from_db()
    assert booth.is_verified and booth.verified_facts["address"] == "Xã Phượng Sơn, Lục Ngạn"
    assert booth.reverification_requested_at is None and booth.reverification_reasons == []


def test_a_booth_without_its_legal_facts_cannot_be_verified(client, moderator):
    booth = BoothFactory(registration_number="")
    client.force_login(moderator)
    response = client.post(f"/cms-admin/cho/gian-hang/{booth.pk}/kiem-duyet/", {"action": "verify"})
    assert response.status_code == 200
    assert "trước khi xác minh" in response.content.decode()
    booth.refresh_from_db()
    assert not booth.is_verified
