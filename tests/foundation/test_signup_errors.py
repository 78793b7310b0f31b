"""Sign-up: each error under its own field, in Vietnamese."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def form_rows(html):
    """{field name: the HTML of its form row}."""
    rows = re.findall(
        r'<div class="form-row[^"]*">(.*?)</div>\s*(?=<div class="form-row|$)', html, re.S
    )
    return {re.search(r'name="([^"]+)"', row).group(1): row for row in rows if 'name="' in row}


def test_password_errors_sit_under_the_password_in_vietnamese(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "khach.moi@example.vn", "password1": "123", "password2": "123"},
    )
    assert response.status_code == 200
    form = response.content.decode().split('class="auth-form', 1)[1].split("</form>", 1)[0]
    rows = form_rows(form)
    assert "errorlist" not in rows["email"]
    password = rows["password1"]
    assert password.index('name="password1"') < password.index('class="errorlist"')
    errors = password.split('class="errorlist"', 1)[1]
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in errors
    assert "Mật khẩu này hoàn toàn là số." in errors
    assert "This password" not in form


def test_the_login_form_keeps_its_remember_box(client):
    html = client.get(reverse("account_login")).content.decode()
    assert 'name="login"' in html and 'name="password"' in html
    assert 'type="checkbox" name="remember"' in html
