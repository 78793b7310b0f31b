"""Issue 12, "Also": friendly 403, 404 and 429 pages in both languages, security.txt."""

import re
from datetime import UTC, datetime, timedelta

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "text"),
    [("", "Không tìm thấy trang"), ("/en", "Page not found")],
)
def test_404_page_in_both_languages(client, prefix, text):
    response = client.get(f"{prefix}/khong-co-trang-nay-dau/")
    assert response.status_code == 404
    html = response.content.decode()
    assert text in html
    assert '<header class="site-header">' in html  # the site's layout


@pytest.mark.parametrize(
    ("prefix", "text"),
    [("", "Không có quyền truy cập"), ("/en", "Access denied")],
)
@pytest.mark.urls("tests.security.urls")
def test_403_page_in_both_languages(client, user, prefix, text):
    client.force_login(user)
    response = client.get(f"{prefix}/cam-vao/")
    assert response.status_code == 403
    html = response.content.decode()
    assert text in html
    assert "<header" in html


def test_security_txt_follows_rfc_9116(client, settings):
    settings.SECURITY_CONTACT = "mailto:baomat@cho-tinh.example.vn"
    settings.WAGTAILADMIN_BASE_URL = "https://cho-tinh.example.vn"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    fields = dict(
        line.split(": ", 1) for line in response.content.decode().splitlines() if ": " in line
    )
    assert fields["Contact"] == "mailto:baomat@cho-tinh.example.vn"
    assert fields["Preferred-Languages"] == "vi, en"
    assert fields["Canonical"] == "https://cho-tinh.example.vn/.well-known/security.txt"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", fields["Expires"])
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    now = datetime.now(UTC)
    assert now < expires < now + timedelta(days=365)
