import importlib
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from marketplace.seeding import SEED_STEPS, SeedContext


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
            "--only", action="append", default=[], help="run only these steps (module names)"
        )

    def handle(self, *args, **options):
        ctx = SeedContext(stdout=self.stdout, style=self.style, options=options)
        started = time.monotonic()
        for label, module_path in SEED_STEPS:
            if options["only"] and module_path.split(".")[0] not in options["only"]:
                continue
            module = importlib.import_module(module_path)
            step_started = time.monotonic()
            with transaction.atomic():
                module.run(ctx)
            self.stdout.write(f"  ✓ {label} ({time.monotonic() - step_started:.1f}s)")
        from marketplace.figures import invalidate_figures

        invalidate_figures()
        self.stdout.write(
            self.style.SUCCESS(f"Dữ liệu mẫu đã sẵn sàng ({time.monotonic() - started:.1f}s).")
        )
