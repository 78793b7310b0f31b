"""Periodic jobs: a registry the apps fill, run by one scheduler process.

Each app registers its own jobs from its `AppConfig.ready()`; core imports no app::

    from core import scheduling
    scheduling.register("expire_unpaid_orders", 300, "expire_unpaid_orders")

A job is a callable or a management command line (a string, split like a shell would).
`manage.py run_scheduler` runs every job on its interval (`--once`: each job once, for
tests and cron). Every run:

- takes the job's lease first, with one conditional UPDATE of its `ScheduledJob` row
  (free, and due: last started at least *every* seconds ago), so two schedulers started
  by accident never run the same job at once nor more often than its interval; a
  scheduler that dies mid-job leaves a lease that expires after the job's *timeout*;
- runs in its own try/except: one failing job never stops the others;
- records when it started and finished, and whether it succeeded, in that row, which
  the health check reads through `status()`.
"""

import io
import logging
import shlex
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.management import call_command
from django.db import DatabaseError, close_old_connections, connection
from django.db.models import Q
from django.utils import timezone

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 15 * 60  # seconds a lease lasts: longer than any job should run
RECHECK_SECONDS = 10  # when the database does not answer, look at a job again this soon

OK, FAILED, SKIPPED = "ok", "failed", "skipped"


@dataclass(frozen=True)
class Job:
    name: str
    every: int  # seconds between two starts
    action: Callable[[], object] | str | tuple
    timeout: int = DEFAULT_TIMEOUT

    def __call__(self):
        if callable(self.action):
            return self.action()
        argv = shlex.split(self.action) if isinstance(self.action, str) else list(self.action)
        out = io.StringIO()
        call_command(*argv, stdout=out, stderr=out)
        return out.getvalue().strip()


_jobs: dict[str, Job] = {}


def register(name, every_seconds, job, *, timeout=DEFAULT_TIMEOUT):
    """Run *job* (a callable, or a management command line) every *every_seconds*.

    Registering a name again replaces the job. Jobs run in the order registered.
    """
    if int(every_seconds) <= 0:
        raise ValueError(f"{name}: every_seconds must be positive")
    _jobs[name] = Job(name, int(every_seconds), job, int(timeout))
    return _jobs[name]


def unregister(name):
    _jobs.pop(name, None)


def registered():
    return list(_jobs.values())


def claim(job, owner, *, force=False, now=None):
    """Take *job*'s lease for *owner*: True when this caller may run it now.

    Refused while another holds an unexpired lease; unless *force*, also refused until
    *job.every* seconds have passed since its last start (by any scheduler).
    """
    from core.models import ScheduledJob

    now = now or timezone.now()
    ScheduledJob.objects.get_or_create(name=job.name)  # safe when two create it at once
    free = ScheduledJob.objects.filter(name=job.name).filter(
        Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    )
    if not force:
        free = free.filter(
            Q(last_started_at__isnull=True)
            | Q(last_started_at__lte=now - timedelta(seconds=job.every))
        )
    taken = free.update(
        locked_until=now + timedelta(seconds=job.timeout), locked_by=owner, last_started_at=now
    )
    return taken == 1


def release(job, owner, *, ok, error=""):
    from core.models import ScheduledJob

    ScheduledJob.objects.filter(name=job.name, locked_by=owner).update(
        locked_until=None,
        locked_by="",
        last_finished_at=timezone.now(),
        last_ok=ok,
        last_error=error[:2000],
    )


def _fresh_connection():
    """Drop a connection the database closed or that is too old (the scheduler runs for
    days); not inside a transaction, where the caller owns it."""
    if not connection.in_atomic_block:
        close_old_connections()


def run_job(job, owner, *, force=False):
    """Run *job* if its lease can be taken; return OK, FAILED or SKIPPED. Never raises."""
    _fresh_connection()
    try:
        if not claim(job, owner, force=force):
            log.debug("Job %s skipped: not due, or another scheduler runs it", job.name)
            return SKIPPED
    except DatabaseError:
        log.exception("Job %s: could not take its lease", job.name)
        return FAILED
    started = time.monotonic()
    try:
        output = job()
    except Exception as exc:
        log.exception("Job %s failed", job.name)
        outcome, error = FAILED, f"{type(exc).__name__}: {exc}"
    else:
        log.info("Job %s done in %.1fs: %s", job.name, time.monotonic() - started, output or "")
        outcome, error = OK, ""
    try:
        _fresh_connection()
        release(job, owner, ok=outcome == OK, error=error)
    except DatabaseError:  # the lease expires on its own
        log.exception("Job %s: could not record its run", job.name)
    return outcome


def seconds_until_due(job, now=None):
    """How long until *job* may start again: its interval since the last start by any
    scheduler, and any lease still held."""
    from core.models import ScheduledJob

    now = now or timezone.now()
    row = ScheduledJob.objects.filter(name=job.name).first()
    if row is None or row.last_started_at is None:
        return 0
    due = row.last_started_at + timedelta(seconds=job.every)
    if row.locked_until and row.locked_until > due:
        due = row.locked_until
    return max(0, (due - now).total_seconds())


def run_all(owner, *, force=False):
    """Run every registered job once (when due, or always with *force*): {name: outcome}."""
    return {job.name: run_job(job, owner, force=force) for job in registered()}


def run_forever(owner, should_stop, *, sleep=time.sleep):
    """Run the jobs on their intervals until *should_stop()* is true."""
    next_try = {}
    while not should_stop():
        for job in registered():
            if should_stop():
                break
            if next_try.get(job.name, 0) > time.monotonic():
                continue
            wait = job.every
            if run_job(job, owner) == SKIPPED:
                try:
                    wait = max(1, min(job.every, seconds_until_due(job)))
                except DatabaseError:
                    wait = min(job.every, RECHECK_SECONDS)
            next_try[job.name] = time.monotonic() + wait
        _fresh_connection()
        pause = min(next_try.values(), default=time.monotonic() + 1) - time.monotonic()
        while pause > 0 and not should_stop():
            sleep(min(pause, 1))
            pause -= 1


def status(now=None):
    """Each registered job's interval and last run, and whether it is late (health check).

    A job is late when it has not started for two intervals and a minute: the scheduler
    is not running, or the job keeps overrunning.
    """
    from core.models import ScheduledJob

    now = now or timezone.now()
    rows = {r.name: r for r in ScheduledJob.objects.filter(name__in=_jobs)}
    report = []
    for job in registered():
        row = rows.get(job.name)
        started = row.last_started_at if row else None
        report.append(
            {
                "name": job.name,
                "every": job.every,
                "last_started_at": started,
                "last_finished_at": row.last_finished_at if row else None,
                "last_ok": row.last_ok if row else None,
                "last_error": row.last_error if row else "",
                "late": started is None or started < now - timedelta(seconds=2 * job.every + 60),
            }
        )
    return report
