"""`manage.py run_scheduler`: run the registered periodic jobs on their intervals.

One process beside the web server and the task worker (docs/operations.md). Stops
cleanly on SIGTERM or SIGINT once the job in hand has finished; a second signal stops
at once. `--once` runs every job once and exits (tests, cron); it fails when a job did.
"""

import os
import signal
import socket

from django.core.management.base import BaseCommand, CommandError
from django.utils.crypto import get_random_string

from core import scheduling


class Command(BaseCommand):
    help = "Run the periodic jobs the apps register (visits, search catch-up, order expiry…)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once, then exit.")
        parser.add_argument("--list", action="store_true", help="List the jobs and exit.")

    def handle(self, *args, once=False, list=False, verbosity=1, **options):
        jobs = scheduling.registered()
        if list:
            for job in jobs:
                self.stdout.write(f"{job.name:<28} every {job.every:>6}s")
            return
        owner = f"{socket.gethostname()[:40]}:{os.getpid()}:{get_random_string(6)}"
        if once:
            outcomes = scheduling.run_all(owner, force=True)
            for name, outcome in outcomes.items():
                self.stdout.write(f"{name}: {outcome}")
            failed = [name for name, outcome in outcomes.items() if outcome == scheduling.FAILED]
            if failed:
                raise CommandError(f"{len(failed)} job(s) failed: {', '.join(failed)}")
            return
        self.stopping = False
        previous = {sig: signal.signal(sig, self.stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            if verbosity > 0:
                names = ", ".join(f"{j.name} ({j.every}s)" for j in jobs)
                self.stdout.write(f"Scheduler {owner} running: {names}")
            scheduling.run_forever(owner, lambda: self.stopping)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if verbosity > 0:
            self.stdout.write("Scheduler stopped.")

    def stop(self, signum, frame):
        if self.stopping:  # asked twice: stop now
            raise SystemExit(1)
        self.stopping = True
