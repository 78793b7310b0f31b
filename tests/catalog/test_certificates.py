"""OCOP ratings and certifications as checked records with a document; only checked,
unexpired ones show as badges and count in the filters and facets."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from catalog import certificates
from catalog.models import Certificate, Certification
from tests.factories import (
    PDF_BYTES,
    CertificateFactory,
    ProductFactory,
    ProductImageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def vietgap(db):
    return Certification.objects.create(code="vietgap", name="VietGAP")


@pytest.fixture
def lychee(seller):
    _user, booth = seller
    product = ProductFactory(booth=booth, name="Vải thiều", slug="vai-thieu")
    ProductImageFactory(product=product)
    return product


def test_seller_uploads_a_pdf_it_shows_only_once_a_moderator_checks_it(
    client, seller, moderator, lychee
):
    user, _booth = seller
    client.force_login(user)
    url = f"/kenh-nguoi-ban/san-pham/{lychee.pk}/chung-nhan/"
    response = client.post(
        url,
        {
            "kind": "ocop",
            "ocop_stars": "4",
            "ocop_level": "provincial",
            "number": "OCOP-BG-2025-017",
            "year": "2025",
            "expires_on": (timezone.localdate() + timedelta(days=700)).isoformat(),
            "document": SimpleUploadedFile("cn.pdf", PDF_BYTES, "application/pdf"),
        },
    )
    assert response.status_code == 302
    cert = Certificate.objects.get()
    assert cert.status == Certificate.Status.PENDING
    lychee.refresh_from_db()
    assert lychee.ocop_stars == 0
    assert "badge--ocop" not in client.get(lychee.get_absolute_url()).content.decode()
    assert client.get("/san-pham/?ocop=4").context["page_obj"].paginator.count == 0
    # the moderator checks the document
    client.force_login(moderator)
    assert (
        "OCOP-BG-2025-017"
        in client.get(f"/cms-admin/cho/chung-nhan/{cert.pk}/kiem-tra/").content.decode()
    )
    response = client.post(f"/cms-admin/cho/chung-nhan/{cert.pk}/kiem-tra/", {"action": "check"})
    assert response.status_code == 302
    lychee.refresh_from_db()
    assert (lychee.ocop_stars, lychee.ocop_level) == (4, "provincial")
    assert "badge--ocop" in client.get(lychee.get_absolute_url()).content.decode()
    assert client.get("/san-pham/?ocop=4").context["page_obj"].paginator.count == 1
    entry = ModelLogEntry.objects.for_instance(cert).get(action="catalog.certificate.check")
    assert entry.user == moderator
    history = client.get(f"/cms-admin/certificate/history/{cert.pk}/").content.decode()
    assert "Chứng nhận đã được quản trị viên kiểm tra" in history


def test_a_document_that_is_not_a_pdf_or_a_photo_is_refused(client, seller, lychee, vietgap):
    user, _booth = seller
    client.force_login(user)
    response = client.post(
        f"/kenh-nguoi-ban/san-pham/{lychee.pk}/chung-nhan/",
        {
            "kind": "certification",
            "certification": vietgap.pk,
            "number": "VG-1",
            "expires_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "document": SimpleUploadedFile("cn.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "Hãy tải chứng nhận lên dạng PDF hoặc ảnh chụp" in response.content.decode()
    assert not Certificate.objects.exists()


def test_rejecting_needs_a_reason_and_is_logged(client, moderator, lychee):
    cert = CertificateFactory(product=lychee, status=Certificate.Status.PENDING)
    client.force_login(moderator)
    url = f"/cms-admin/cho/chung-nhan/{cert.pk}/kiem-tra/"
    assert client.post(url, {"action": "reject", "reason": ""}).status_code == 200
    client.post(url, {"action": "reject", "reason": "Số chứng nhận không khớp"})
    cert.refresh_from_db()
    assert cert.status == Certificate.Status.REJECTED and cert.note == "Số chứng nhận không khớp"
    assert (
        ModelLogEntry.objects.for_instance(cert).get().data["reason"] == "Số chứng nhận không khớp"
    )


def test_an_expired_certificate_leaves_the_badge_and_the_facet_counts(client, lychee, vietgap):
    from search.fallback import search_database
    from search.params import SearchParams

    def search(params):
        return search_database(params)

    today = timezone.localdate()
    CertificateFactory(product=lychee, ocop_stars=4, expires_on=today + timedelta(days=3))
    CertificateFactory(
        product=lychee,
        kind="certification",
        certification=vietgap,
        expires_on=today + timedelta(days=3),
    )
    certificates.refresh_badges(lychee)
    assert "VietGAP" in client.get(lychee.get_absolute_url()).content.decode()
    assert client.get("/san-pham/?cert=vietgap").context["page_obj"].paginator.count == 1
    facets = search(SearchParams.from_get({"q": "vai thieu"})).facets
    assert dict(facets["stars"]) == {4: 1}
    # four days later the scheduler's command runs
    later = today + timedelta(days=4)
    certificates.expire_due(later)
    lychee.refresh_from_db()
    assert lychee.ocop_stars == 0 and not lychee.certifications.exists()
    assert set(Certificate.objects.values_list("status", flat=True)) == {"expired"}
    body = client.get(lychee.get_absolute_url()).content.decode()
    assert "VietGAP" not in body and "badge--ocop" not in body
    assert client.get("/san-pham/?cert=vietgap").context["page_obj"].paginator.count == 0
    assert dict(search(SearchParams.from_get({"q": "vai thieu"})).facets["stars"]) == {0: 1}


def test_sellers_are_warned_a_month_ahead_once(
    seller, lychee, settings, django_capture_on_commit_callbacks
):
    settings.CERTIFICATE_WARN_DAYS = 30
    today = timezone.localdate()
    soon = CertificateFactory(product=lychee, expires_on=today + timedelta(days=20))
    CertificateFactory(product=lychee, expires_on=today + timedelta(days=200))
    CertificateFactory(product=lychee, expires_on=today + timedelta(days=10), status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_certificates", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert soon.number in mail.outbox[0].body and "sắp hết hạn" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_certificates", stdout=io.StringIO())
    assert len(mail.outbox) == 1
