"""Issue 12, rows 2, 3 and 10: admin logins limited like the shop's, the client address
behind a proxy, and a lockout nobody can hold over someone else's e-mail.

Test settings: `login_failed` = 5 per minute per address, 3 per 5 minutes per e-mail and
address; the account's delay starts after LOGIN_DELAY_FREE_FAILURES failures.
"""

import pytest
from django.core import mail
from django.test import Client

from accounts import lockout
from core.clientip import client_ip
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/tai-khoan/login/"
WRONG = "sai-mat-khau-123"


def signed_in(client):
    return "_auth_user_id" in client.session


# --- row 2: the admin logins ------------------------------------------------------


@pytest.mark.parametrize("path", ["/cms-admin/login/", "/django-admin/login/"])
def test_admin_login_refuses_the_right_password_after_repeated_failures(client, path):
    staff = UserFactory(is_staff=True, is_superuser=True)
    for _ in range(3):
        wrong = client.post(path, {"username": staff.email, "password": WRONG})
        assert wrong.status_code == 200 and not signed_in(client)
    response = client.post(path, {"username": staff.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 429
    assert not signed_in(client)
    html = response.content.decode()
    assert "Quá nhiều lần đăng nhập" in html
    assert "5 phút" in html  # says when to try again


@pytest.mark.parametrize("path", ["/cms-admin/login/", "/django-admin/login/"])
def test_admin_login_still_signs_in_after_a_typo(client, path):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.post(path, {"username": staff.email, "password": WRONG})
    response = client.post(path, {"username": staff.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert signed_in(client)


def test_admin_and_shop_logins_share_one_count(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.post(LOGIN, {"login": staff.email, "password": WRONG})
    client.post("/django-admin/login/", {"username": staff.email, "password": WRONG})
    client.post("/cms-admin/login/", {"username": staff.email, "password": WRONG})
    response = client.post(
        "/cms-admin/login/", {"username": staff.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 429


# --- row 3: the client address behind a proxy ---------------------------------------


def forwarded(address):
    """A request as nginx passes it on: from the proxy, the visitor's address appended."""
    return {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": address}


def test_failures_from_one_visitor_behind_the_proxy_do_not_lock_out_another(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    shopper = UserFactory()
    attacker = Client()
    for n in range(10):
        attacker.post(
            LOGIN, {"login": f"khach{n}@example.vn", "password": WRONG}, **forwarded("198.51.100.7")
        )
    # The attacker's own address is now refused…
    refused = attacker.post(
        LOGIN, {"login": shopper.email, "password": DEFAULT_PASSWORD}, **forwarded("198.51.100.7")
    )
    assert not signed_in(attacker)
    assert "quá nhiều" in refused.content.decode().lower()
    # …but the real shopper, through the same proxy, signs in.
    real = Client()
    real.post(
        LOGIN, {"login": shopper.email, "password": DEFAULT_PASSWORD}, **forwarded("203.0.113.20")
    )
    assert signed_in(real)


def test_a_forged_forwarded_header_is_ignored_when_no_proxy_is_trusted(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    shopper = UserFactory()
    attacker = Client()
    for n in range(5):
        attacker.post(
            LOGIN,
            {"login": f"khach{n}@example.vn", "password": WRONG},
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    # A new made-up address in the header does not buy a fresh bucket.
    response = attacker.post(
        LOGIN,
        {"login": shopper.email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )
    assert not signed_in(attacker)
    assert "quá nhiều" in response.content.decode().lower()


@pytest.mark.parametrize(
    ("count", "header", "meta", "expected"),
    [
        (0, "", {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "10.0.0.2"),
        # rightmost untrusted: the client's own entries on the left are ignored
        (1, "", {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 1.2.3.4"}, "1.2.3.4"),
        (
            2,
            "",
            {"REMOTE_ADDR": "10.0.0.3", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 1.2.3.4, 10.0.0.2"},
            "1.2.3.4",
        ),
        (1, "", {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "not-an-ip"}, "10.0.0.2"),
        (
            1,
            "",
            {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "[2001:db8::1]:443"},
            "2001:db8::1",
        ),
        (0, "X-Real-IP", {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_REAL_IP": "1.2.3.4"}, "1.2.3.4"),
        (0, "X-Real-IP", {"REMOTE_ADDR": "10.0.0.2"}, "10.0.0.2"),
    ],
)
def test_client_ip(rf, settings, count, header, meta, expected):
    settings.TRUSTED_PROXY_COUNT = count
    settings.CLIENT_IP_HEADER = header
    assert client_ip(rf.get("/", **meta)) == expected


# --- row 10: no lockout an attacker can hold over someone's e-mail -------------------


@pytest.fixture
def clock(monkeypatch):
    """The delay's clock, moved by hand (no sleeping)."""
    now = {"t": 1_800_000_000.0}
    monkeypatch.setattr(lockout, "now", lambda: now["t"])
    return now


def test_a_stranger_guessing_from_elsewhere_does_not_lock_the_owner_out(client, clock):
    owner = UserFactory()
    for attacker_ip in ("198.51.100.1", "198.51.100.2"):
        attacker = Client(REMOTE_ADDR=attacker_ip)
        for _ in range(3):
            attacker.post(LOGIN, {"login": owner.email, "password": WRONG})
    # Five failures counted (the sixth try already had to wait): the account asks for a
    # short pause, not the old five-minute ban the attacker could renew forever.
    owner_client = Client(REMOTE_ADDR="203.0.113.5")
    wait = owner_client.post(LOGIN, {"login": owner.email, "password": DEFAULT_PASSWORD})
    assert not signed_in(owner_client)
    assert "Vui lòng chờ 2 giây" in wait.content.decode()
    clock["t"] += 2
    owner_client.post(LOGIN, {"login": owner.email, "password": DEFAULT_PASSWORD})
    assert signed_in(owner_client)


def test_the_delay_grows_but_never_beyond_the_maximum(settings, clock):
    settings.LOGIN_DELAY_FREE_FAILURES = 2
    settings.LOGIN_DELAY_MAX_SECONDS = 60
    waits = []
    for _ in range(12):
        lockout.record_failure("chu@example.vn")
        waits.append(lockout.seconds_to_wait("chu@example.vn"))
        clock["t"] += waits[-1]
    assert waits[:2] == [0, 2]
    assert waits == sorted(waits)
    assert max(waits) == 60


def test_a_browser_the_owner_signed_in_from_skips_the_delay(clock):
    owner = UserFactory()
    owner_client = Client(REMOTE_ADDR="203.0.113.5")
    owner_client.post(LOGIN, {"login": owner.email, "password": DEFAULT_PASSWORD})
    assert signed_in(owner_client)
    owner_client.post("/tai-khoan/logout/")
    for n in range(8):  # from many addresses
        Client(REMOTE_ADDR=f"198.51.100.{n}").post(LOGIN, {"login": owner.email, "password": WRONG})
    assert lockout.seconds_to_wait(owner.email) > 0
    owner_client.post(LOGIN, {"login": owner.email, "password": DEFAULT_PASSWORD})
    assert signed_in(owner_client)


def test_password_reset_by_mail_works_while_locked_and_clears_the_delay(clock):
    owner = UserFactory()
    owner_client = Client(REMOTE_ADDR="203.0.113.5")
    for _ in range(3):
        owner_client.post(LOGIN, {"login": owner.email, "password": WRONG})
    for n in range(5):
        Client(REMOTE_ADDR=f"198.51.100.{n}").post(LOGIN, {"login": owner.email, "password": WRONG})
    locked = owner_client.post(LOGIN, {"login": owner.email, "password": DEFAULT_PASSWORD})
    assert not signed_in(owner_client) and "quá nhiều" in locked.content.decode().lower()

    response = owner_client.post("/tai-khoan/password/reset/", {"email": owner.email})
    assert response.status_code == 302
    link = next(word for word in mail.outbox[-1].body.split() if "/password/reset/key/" in word)
    path = "/" + link.split("/", 3)[3]
    form = owner_client.get(path, follow=True)
    new_password = "vai-thieu-moi-2026!"
    owner_client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path,
        {"password1": new_password, "password2": new_password},
    )
    assert lockout.seconds_to_wait(owner.email) == 0
    owner_client.post(LOGIN, {"login": owner.email, "password": new_password})
    assert signed_in(owner_client)
