import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.seeding import STEPS, SeedContext


def positive_int(value):
    try:
        number = int(value)
    except ValueError:
        raise CommandError(f"'{value}' không phải là số nguyên.") from None
    if number < 0:
        raise CommandError(f"'{value}' phải là số không âm.")
    return number


class Command(BaseCommand):
    help = "Fill the site with a believable demo market (idempotent: safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--booths", type=positive_int, default=30, help="approved booths")
        parser.add_argument("--products", type=positive_int, default=200, help="products")
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            help="run only the steps of these apps (app names)",
        )

    def handle(self, *args, **options):
        ctx = SeedContext(stdout=self.stdout, style=self.style, options=options)
        started = time.monotonic()
        unknown = set(options["only"]) - {name for name, _label, _module in STEPS}
        if unknown:
            names = ", ".join(name for name, _label, _module in STEPS)
            raise CommandError(f"Không có bước “{', '.join(sorted(unknown))}”. Các bước: {names}.")
        for name, label, module in STEPS:
            if options["only"] and name not in options["only"]:
                continue
            step_started = time.monotonic()
            with transaction.atomic():
                module.run(ctx)
            self.stdout.write(f"  ✓ {label} ({time.monotonic() - step_started:.1f}s)")
        self.stdout.write(
            self.style.SUCCESS(f"Dữ liệu mẫu đã sẵn sàng ({time.monotonic() - started:.1f}s).")
        )
