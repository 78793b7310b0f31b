"""Rewrite the per-page-type CSS bundles (core/cssbundles.py) from static/css/."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import cssbundles


class Command(BaseCommand):
    help = "Build static/css/bundles/*.css from the stylesheets in static/css/ (--check: fail when stale)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Write nothing; fail if a bundle is stale."
        )

    def handle(self, *args, check=False, **options):
        source_dir = Path(settings.BASE_DIR) / "static" / "css"
        if check:
            stale = cssbundles.stale(source_dir)
            if stale:
                raise CommandError(
                    f"Stale CSS bundles: {', '.join(stale)}. Run `manage.py build_css`."
                )
            self.stdout.write("CSS bundles are up to date.")
            return
        for path in cssbundles.build(source_dir):
            self.stdout.write(f"{path.relative_to(settings.BASE_DIR)}: {path.stat().st_size} bytes")
