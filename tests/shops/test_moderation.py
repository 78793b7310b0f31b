"""The booth life cycle and the moderators' screens."""

import pytest
from django.core import mail

from catalog.models import Product
from shops import moderation
from shops.models import Booth, BoothMembership
from tests.factories import BoothFactory, MembershipFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Booth.Status


@pytest.mark.parametrize(
    ("start", "action", "end"),
    [
        (S.PENDING, "approve", S.APPROVED),
        (S.PENDING, "reject", S.REJECTED),
        (S.APPROVED, "suspend", S.SUSPENDED),
        (S.SUSPENDED, "reinstate", S.APPROVED),
        (S.SUSPENDED, "approve", S.APPROVED),
    ],
)
def test_allowed_transitions(start, action, end, django_capture_on_commit_callbacks):
    booth = BoothFactory(status=start)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.apply_action(booth, action, reason="Lý do")
    booth.refresh_from_db()
    assert booth.status == end


@pytest.mark.parametrize(
    ("start", "action"),
    [
        (S.PENDING, "suspend"),
        (S.APPROVED, "approve"),
        (S.APPROVED, "reject"),
        (S.REJECTED, "approve"),
        (S.REJECTED, "suspend"),
        (S.SUSPENDED, "reject"),
        (S.PENDING, "reinstate"),
    ],
)
def test_refused_transitions_raise_a_clear_error_and_change_nothing(start, action):
    booth = BoothFactory(status=start)
    with pytest.raises(moderation.TransitionRefused) as excinfo:
        moderation.apply_action(booth, action, reason="Lý do")
    assert excinfo.value.messages[0]
    booth.refresh_from_db()
    assert booth.status == start


def test_rejection_needs_a_reason_and_emails_it_to_the_owner(django_capture_on_commit_callbacks):
    owner = UserFactory(email="chu@example.vn")
    booth = BoothFactory(status=S.PENDING, name="Vườn Na")
    MembershipFactory(booth=booth, user=owner)
    with pytest.raises(moderation.TransitionRefused):
        moderation.reject(booth, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(booth, reason="Thiếu giấy đăng ký kinh doanh.")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to[0] == "chu@example.vn"
    assert "Thiếu giấy đăng ký kinh doanh." in mail.outbox[0].body


def test_hand_over_makes_the_farmer_the_only_owner(moderator):
    booth = moderation.create_booth_on_behalf(moderator, name="HTX Chè", slug="htx-che")
    assert booth.status == S.APPROVED
    farmer = UserFactory()
    moderation.hand_over(booth, farmer, by=moderator)
    owners = list(booth.memberships.values_list("user_id", "role"))
    assert owners == [(farmer.pk, BoothMembership.Role.OWNER)]


def test_moderator_approves_in_the_wagtail_admin(
    client, moderator, django_capture_on_commit_callbacks
):
    moderation.grant_moderator_permissions()
    booth = BoothFactory(
        status=S.PENDING,
        registration_number="2400123456",
        address="Thôn Kép, Lục Ngạn",
        owner_name="Nguyễn Văn An",
    )
    client.force_login(moderator)
    listing = client.get("/cms-admin/booth/?status=pending")
    assert listing.status_code == 200
    assert booth.name in listing.content.decode()
    url = f"/cms-admin/cho/gian-hang/{booth.pk}/kiem-duyet/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "approve", "reason": ""})
    assert response.status_code == 302
    booth.refresh_from_db()
    assert booth.status == S.APPROVED
    client.post(url, {"action": "verify", "reason": ""})
    booth.refresh_from_db()
    assert booth.is_verified and booth.verified_by == moderator


def test_refused_action_in_admin_shows_an_error(client, moderator):
    booth = BoothFactory(status=S.APPROVED)
    client.force_login(moderator)
    response = client.post(f"/cms-admin/cho/gian-hang/{booth.pk}/kiem-duyet/", {"action": "reject"})
    assert response.status_code == 200  # "reject" is not offered for an approved booth
    booth.refresh_from_db()
    assert booth.status == S.APPROVED


def test_shopper_and_seller_cannot_moderate(client):
    booth = BoothFactory(status=S.PENDING)
    seller = UserFactory(is_staff=True)
    MembershipFactory(booth=booth, user=seller)
    client.force_login(seller)
    response = client.post(
        f"/cms-admin/cho/gian-hang/{booth.pk}/kiem-duyet/", {"action": "approve"}
    )
    assert response.status_code in (302, 403)
    booth.refresh_from_db()
    assert booth.status == S.PENDING


def test_moderator_hides_a_product_in_admin(client, moderator):
    product = ProductFactory()
    client.force_login(moderator)
    url = f"/cms-admin/cho/san-pham/{product.pk}/kiem-duyet/"
    client.post(url, {"reason": "Hàng giả"})
    product.refresh_from_db()
    assert product.status == Product.Status.HIDDEN
    assert product.hidden_reason == "Hàng giả"


def test_booth_created_in_admin_is_run_by_the_moderator(client, moderator):
    from areas.models import Area

    moderation.grant_moderator_permissions()
    area = Area.objects.create(name="Lục Ngạn", slug="luc-ngan")
    client.force_login(moderator)
    response = client.post(
        "/cms-admin/booth/new/",
        {"name": "HTX Bà Lan", "slug": "htx-ba-lan", "area": area.pk, "phone": "0912345678"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    booth = Booth.objects.get(slug="htx-ba-lan")
    assert booth.status == S.APPROVED
    assert booth.memberships.get().user == moderator
