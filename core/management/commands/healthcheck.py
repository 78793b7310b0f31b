"""`manage.py healthcheck`: the operator's look at everything `/healthz?full=1` shows.

Prints the report as JSON and exits 0 when all is well, 1 when something is degraded or
down (for cron, monitoring agents and `systemctl` timers).
"""

import json

from django.core.management.base import BaseCommand, CommandError

from core import health
from core.views import basic_health


class Command(BaseCommand):
    help = "Check the database, cache, search, task queue and scheduler; exit 1 if unwell."

    def handle(self, *args, **options):
        report = health.full_report(basic_health())
        self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False, default=str))
        if report["status"] != "ok":
            raise CommandError(f"health: {report['status']}")
