"""Background tasks of the shops app (run by `manage.py db_worker`)."""

from django.conf import settings
from django.utils import translation

from core.tasks import retrying

from .emails import send_status_email
from .models import Booth


@retrying
def send_booth_status_email(booth_id, status, reason, language=None):
    """Tell a booth's owners it was approved, rejected or suspended (in *language*)."""
    booth = Booth.objects.filter(pk=booth_id).first()
    if booth is None:
        return 0
    with translation.override(language or settings.LANGUAGE_CODE):
        return send_status_email(booth, status, reason)


@retrying
def send_verification_lapsed_email(booth_id, changed, language=None):
    """Tell a booth's owners its "verified" badge was dropped and why (in *language*)."""
    from .emails import send_verification_lapsed_email as send

    booth = Booth.objects.filter(pk=booth_id).first()
    if booth is None:
        return 0
    with translation.override(language or settings.LANGUAGE_CODE):
        return send(booth, changed)


@retrying
def send_certificate_expiry_email(booth_id, certificate_ids, language=None):
    """Warn a booth's owners that some of its checked certificates expire soon."""
    from catalog.models import Certificate

    from .emails import send_certificate_expiry_email as send

    booth = Booth.objects.filter(pk=booth_id).first()
    if booth is None:
        return 0
    certs = list(
        Certificate.objects.filter(pk__in=certificate_ids, product__booth=booth)
        .select_related("product", "certification")
        .order_by("expires_on")
    )
    with translation.override(language or settings.LANGUAGE_CODE):
        return send(booth, certs)
