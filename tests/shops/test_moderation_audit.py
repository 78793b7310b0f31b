"""Every moderator's decision on a booth is in Wagtail's audit log, with who and why, and the
moderator reads it on the booth's history page in the Wagtail admin."""

import pytest
from wagtail.models import ModelLogEntry

from shops.models import Booth
from tests.factories import BoothFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Booth.Status


def booth_log(booth):
    return ModelLogEntry.objects.for_instance(booth).order_by("timestamp", "pk")


@pytest.mark.parametrize(
    ("start", "post", "action", "message"),
    [
        (S.PENDING, {"action": "approve"}, "shops.booth.approve", "Đã duyệt gian hàng"),
        (
            S.PENDING,
            {"action": "reject", "reason": "Thiếu giấy phép kinh doanh"},
            "shops.booth.reject",
            "Đã từ chối gian hàng: Thiếu giấy phép kinh doanh",
        ),
        (
            S.APPROVED,
            {"action": "suspend", "reason": "Bán hàng giả"},
            "shops.booth.suspend",
            "Đã tạm ngừng gian hàng: Bán hàng giả",
        ),
        (S.SUSPENDED, {"action": "reinstate"}, "shops.booth.reinstate", "Đã mở lại gian hàng"),
        (S.APPROVED, {"action": "verify"}, "shops.booth.verify", "Đã được tỉnh xác minh"),
    ],
)
def test_each_booth_decision_is_logged_and_shown_in_the_history(
    client, moderator, start, post, action, message, django_capture_on_commit_callbacks
):
    booth = BoothFactory(
        status=start,
        registration_number="2400123456",
        address="Thôn Kép, Lục Ngạn",
        owner_name="Nguyễn Văn An",
    )
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/cms-admin/cho/gian-hang/{booth.pk}/kiem-duyet/", {"reason": "", **post}
        )
    assert response.status_code == 302
    entry = booth_log(booth).get()
    assert entry.action == action and entry.user == moderator
    assert entry.data["reason"] == post.get("reason", "")
    history = client.get(f"/cms-admin/booth/history/{booth.pk}/")
    assert history.status_code == 200
    body = history.content.decode()
    assert message in body
    assert (moderator.get_full_name().strip() or moderator.get_username()) in body


def test_a_refused_decision_leaves_no_log_entry(client, moderator):
    booth = BoothFactory(status=S.APPROVED)
    client.force_login(moderator)
    client.post(f"/cms-admin/cho/gian-hang/{booth.pk}/kiem-duyet/", {"action": "reject"})
    assert not booth_log(booth).exists()


def test_opening_on_behalf_and_handing_over_are_logged(client, moderator):
    from areas.models import Area

    area = Area.objects.create(name="Lục Ngạn", slug="luc-ngan")
    client.force_login(moderator)
    client.post(
        "/cms-admin/booth/new/",
        {"name": "HTX Bà Lan", "slug": "htx-ba-lan", "area": area.pk, "phone": "0912345678"},
    )
    booth = Booth.objects.get(slug="htx-ba-lan")
    farmer = UserFactory(email="ba.lan@example.vn")
    client.post(f"/cms-admin/cho/gian-hang/{booth.pk}/kiem-duyet/", {"email": farmer.email})
    actions = [(e.action, e.user) for e in booth_log(booth)]
    assert ("shops.booth.open_on_behalf", moderator) in actions
    assert ("shops.booth.hand_over", moderator) in actions
    body = client.get(f"/cms-admin/booth/history/{booth.pk}/").content.decode()
    assert "Đã bàn giao gian hàng: ba.lan@example.vn" in body
