from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from marketplace.counters import flush


class Command(BaseCommand):
    help = (
        "Fold buffered visit and view increments (Redis or sharded rows) into the stored "
        "totals and daily history. Safe to run on a schedule and from several processes."
    )

    def handle(self, *args, **options):
        summary = flush()
        self.stdout.write(
            _(
                "Flushed: %(visits)s visits, %(product)s product views, %(booth)s booth views, %(article)s article views."
            )
            % summary
        )
