"""`manage.py set_site_address [URL]`: the default Wagtail site follows SITE_URL.

`migrate` does this already (cms/site_setup.py `apply_site_url`); run it alone after
changing SITE_URL without a migration, or give another address.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.site_setup import apply_site_url


class Command(BaseCommand):
    help = "Set the default Wagtail site's host name and port from SITE_URL."

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="defaults to the SITE_URL setting")

    def handle(self, *args, url=None, **options):
        try:
            site = apply_site_url(url or settings.SITE_URL)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if site is None:
            raise CommandError("no default Wagtail site yet: run migrate first")
        self.stdout.write(f"default site: {site.root_url}")
