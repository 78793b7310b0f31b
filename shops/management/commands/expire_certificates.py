"""Expire checked certificates past their validity (their badges go) and warn sellers a
month ahead (`CERTIFICATE_WARN_DAYS`). Registered with the scheduler by `ShopsConfig.ready()`;
safe to run twice in a row."""

from collections import defaultdict

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from catalog import certificates
from core.tasks import enqueue_on_commit
from shops.tasks import send_certificate_expiry_email


class Command(BaseCommand):
    help = "Expire certificates past their date; warn sellers of those expiring soon."

    def handle(self, *args, **options):
        expired = certificates.expire_due()
        for cert in expired:
            self.stdout.write(f"Hết hạn: {cert.product.name} — {cert.label} № {cert.number}")
        by_booth = defaultdict(list)
        with transaction.atomic():
            soon = list(certificates.expiring_soon().select_for_update(of=("self",)))
            for cert in soon:
                by_booth[cert.product.booth_id].append(cert.pk)
            certificates.mark_warned(soon)
            for booth_id, ids in by_booth.items():
                enqueue_on_commit(
                    send_certificate_expiry_email, booth_id, ids, settings.LANGUAGE_CODE
                )
        self.stdout.write(
            self.style.SUCCESS(f"{len(expired)} hết hạn, {len(soon)} sắp hết hạn đã báo.")
        )
