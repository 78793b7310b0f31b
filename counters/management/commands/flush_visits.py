import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.translation import gettext as _

from counters import flush


class Command(BaseCommand):
    help = (
        "Fold buffered visit and view increments (Redis or sharded rows) into the stored "
        "totals and daily history. Safe to run on a schedule and from several processes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running and flush every SECONDS (a worker process instead of cron).",
        )

    def handle(self, *args, every=0, **options):
        while True:
            summary = flush()
            if options["verbosity"] > 0:
                self.stdout.write(
                    _(
                        "Flushed: %(visits)s visits, %(product)s product views, "
                        "%(booth)s booth views, %(article)s article views."
                    )
                    % summary
                )
            if every <= 0:
                return
            close_old_connections()
            time.sleep(every)
