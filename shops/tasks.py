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
