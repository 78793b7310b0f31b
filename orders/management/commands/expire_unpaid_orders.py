"""Cancel card and VietQR orders left unpaid past their payment window; stock goes back.

Safe to run on a schedule (e.g. every 5 minutes from cron) and twice in a row.
"""

from django.core.management.base import BaseCommand

from orders.checkout import (
    card_expiry_minutes,
    expire_unpaid_card_orders,
    expire_unpaid_transfers,
)


class Command(BaseCommand):
    help = (
        "Cancel unpaid card orders older than ORDER_CARD_EXPIRY_MINUTES and VietQR orders "
        "past their payment window (ORDER_VIETQR_EXPIRY_MINUTES); release stock."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=None,
            help=f"Payment window in minutes (default {card_expiry_minutes()}).",
        )

    def handle(self, *args, **options):
        cancelled = expire_unpaid_card_orders(minutes=options["minutes"])
        for order in cancelled:
            self.stdout.write(f"Đã hủy đơn {order.number} (quá hạn thanh toán thẻ)")
        transfers = expire_unpaid_transfers()
        for order in transfers:
            self.stdout.write(f"Đã hủy đơn {order.number} (quá hạn chuyển khoản)")
        self.stdout.write(self.style.SUCCESS(f"{len(cancelled) + len(transfers)} đơn đã hết hạn."))
