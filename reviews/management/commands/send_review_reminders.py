"""E-mail the buyers of orders delivered `REVIEW_REMINDER_DAYS` days ago, once per order.
Registered with the scheduler by `ReviewsConfig.ready()`; safe to run twice in a row."""

from django.core.management.base import BaseCommand

from reviews.reminders import send_due


class Command(BaseCommand):
    help = "Ask buyers to review what was delivered to them a few days ago."

    def handle(self, *args, **options):
        sent = send_due()
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} lời nhắc đánh giá đã gửi."))
