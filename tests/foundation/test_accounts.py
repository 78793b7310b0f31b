"""Accounts through allauth: e-mail sign-up with verification, log-in, errors, rate limit."""

import re

import pytest
from django.core import mail

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/tai-khoan/signup/"
LOGIN = "/tai-khoan/login/"


def test_sign_up_sends_a_verification_link_that_verifies_the_address(client):
    response = client.post(
        SIGNUP,
        {
            "email": "Lan.Nguyen@Example.vn",
            "password1": "vai-thieu-2026!",
            "password2": "vai-thieu-2026!",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email__iexact="lan.nguyen@example.vn")
    assert user.emailaddress_set.get().verified is False
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/tai-khoan/confirm-email/[^\s]+/", mail.outbox[0].body).group(
        0
    )
    path = "/" + link.split("/", 3)[3]
    page = client.get(path)
    assert page.status_code == 200
    confirmed = client.post(path)
    assert confirmed.status_code == 302
    assert user.emailaddress_set.get().verified is True


def test_unverified_user_cannot_sign_in_before_confirming(client):
    UserFactory(email="chuaxacminh@example.vn", verified=False)
    response = client.post(
        LOGIN, {"login": "chuaxacminh@example.vn", "password": "mat-khau-thu-2026"}
    )
    # allauth sends the user to the "verify your e-mail" page instead of signing in.
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_log_in_and_out(client, user, password):
    response = client.post(LOGIN, {"login": user.email, "password": password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    home = client.get("/")
    assert user.display_name in home.content.decode()
    client.post("/tai-khoan/logout/")
    assert "_auth_user_id" not in client.session


def test_wrong_password_shows_a_vietnamese_error(client, user):
    response = client.post(LOGIN, {"login": user.email, "password": "sai-mat-khau"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Địa chỉ e-mail hoặc mật khẩu không đúng" in html
    assert "_auth_user_id" not in client.session


def test_login_rate_limit_kicks_in_even_for_the_right_password(client, user, password):
    # Test settings allow 3 failures per account per 5 minutes.
    for _ in range(3):
        client.post(LOGIN, {"login": user.email, "password": "sai-mat-khau"})
    response = client.post(LOGIN, {"login": user.email, "password": password})
    assert "_auth_user_id" not in client.session
    assert "quá nhiều lần" in response.content.decode()


def test_password_reset_mails_a_link(client, user):
    response = client.post("/tai-khoan/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/tai-khoan/password/reset/key/" in mail.outbox[0].body


def test_email_is_the_login_and_is_unique(client, user):
    response = client.post(
        SIGNUP,
        {
            "email": user.email.upper(),
            "password1": "vai-thieu-2026!",
            "password2": "vai-thieu-2026!",
        },
    )
    # allauth does not reveal that the address exists (no enumeration): no second account.
    assert User.objects.filter(email__iexact=user.email).count() == 1
    assert response.status_code in (200, 302)
