"""Background tasks: enqueue after commit, retry with back-off.

Work that can wait (e-mail, search-index updates) is a django-tasks task (the API of
Django 6's built-in tasks). Two helpers every app uses:

- `enqueue_on_commit(task, *args, **kwargs)`: enqueue once the current transaction has
  committed, so the worker never sees an id whose row is not there yet, and a rolled-back
  request enqueues nothing. A queue that refuses is logged, never turned into an error
  answer for a request whose data is committed (`after_commit` does the same for any
  side work).
- `@retrying(...)`: makes a task of a function that, when it raises, is enqueued again
  with exponential back-off (`TASKS_RETRY_BASE_SECONDS` × 2ⁿ), up to
  `TASKS_MAX_ATTEMPTS` attempts in all. Each failure is logged; the last one is logged at
  ERROR with the task's arguments and re-raised, so it stays visible as a FAILED result.
  An attempt that handed its work on to a retry ends with `{"retried": ...}`.

The id of the request that enqueued a task (`core.logs.request_id`) travels with it as
the `_request_id` keyword, and is the request id of the task's own log lines.

django-tasks has no retry of its own. Arguments must be JSON-serialisable: pass ids and
let the task reload what it needs.
"""

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from core import logs

log = logging.getLogger(__name__)

ATTEMPT_KWARG = "_attempt"
REQUEST_ID_KWARG = "_request_id"


def max_attempts():
    return max(1, int(getattr(settings, "TASKS_MAX_ATTEMPTS", 5)))


def retry_delay(attempt, base=None, ceiling=None):
    """Seconds to wait before attempt number *attempt* + 1 (1, 2, 4, 8… × the base)."""
    if base is None:
        base = float(getattr(settings, "TASKS_RETRY_BASE_SECONDS", 30))
    wait = base * 2 ** (attempt - 1)
    return min(wait, ceiling) if ceiling else wait


def enqueue_on_commit(task_, *args, using=None, **kwargs):
    """Enqueue *task_* with these arguments after the current transaction commits.

    Outside a transaction it is enqueued at once. Returns nothing: the result exists
    only after the commit. If the queue cannot take it (its database or Redis is down),
    the failure is logged and the request that committed still succeeds: what it saved
    is saved, and its answer must say so (docs/security.md, "Faults and outages").
    """
    kwargs = with_request_id(task_, kwargs)
    after_commit(lambda: task_.enqueue(*args, **kwargs), using=using)


def after_commit(func, using=None):
    """Run *func* once the current transaction commits (at once outside one).

    Side work only: an exception is logged at ERROR, never raised into the request whose
    data is already committed (`transaction.on_commit(..., robust=True)`).
    """
    transaction.on_commit(func, using=using, robust=True)


def with_request_id(task_, kwargs):
    """*kwargs* plus the current request id, for a task made with `retrying`."""
    rid = logs.request_id.get()
    if rid and getattr(task_.func, "carries_request_id", False):
        return {REQUEST_ID_KWARG: rid, **kwargs}
    return kwargs


def enqueue(task_, *args, **kwargs):
    """`task_.enqueue(...)` now (not after commit), carrying the request id."""
    return task_.enqueue(*args, **with_request_id(task_, kwargs))


def retry_later(task_, args, kwargs, attempt, delay=None):
    """Enqueue *task_* again as attempt *attempt* + 1, after *delay* seconds (default: the
    back-off delay).

    A backend that cannot defer (the immediate backend of tests and small sites) runs
    the retry straight away.
    """
    kwargs = {**with_request_id(task_, kwargs), ATTEMPT_KWARG: attempt + 1}
    if task_.get_backend().supports_defer:
        wait = retry_delay(attempt) if delay is None else delay
        run_after = timezone.now() + timedelta(seconds=wait)
        task_ = task_.using(run_after=run_after)
    return task_.enqueue(*args, **kwargs)


def retrying(
    function=None, *, attempts=None, delay=None, max_delay=None, on=(Exception,), **task_options
):
    """Decorator: a task of *function* that is retried with back-off when it raises.

    `@retrying` or `@retrying(attempts=3, delay=30, max_delay=600, on=(ServiceDown,),
    priority=…, queue_name=…)`; the other options go to django-tasks' `@task`.
    *attempts* defaults to `settings.TASKS_MAX_ATTEMPTS`, *delay* (the first wait,
    doubled each time, at most *max_delay*) to `TASKS_RETRY_BASE_SECONDS`. Only the
    exceptions in *on* are retried; any other fails the task at once.
    """

    def decorate(func):
        @functools.wraps(func)
        def run(context, *args, **kwargs):
            attempt = int(kwargs.pop(ATTEMPT_KWARG, 1))
            token = logs.request_id.set(str(kwargs.pop(REQUEST_ID_KWARG, "")))
            try:
                return attempt_once(context, attempt, args, kwargs)
            finally:
                logs.request_id.reset(token)

        def attempt_once(context, attempt, args, kwargs):
            limit = attempts or max_attempts()
            try:
                return func(*args, **kwargs)
            except on as exc:
                name = context.task_result.task.module_path
                wait = retry_delay(attempt, delay, max_delay)
                if attempt >= limit:
                    log.error(
                        "Task %s failed for good after %s attempt(s); args=%r kwargs=%r",
                        name,
                        attempt,
                        args,
                        kwargs,
                        exc_info=True,
                    )
                    raise
                log.warning(
                    "Task %s failed (attempt %s of %s), retrying in %ss: %r",
                    name,
                    attempt,
                    limit,
                    wait,
                    exc,
                )
                result = retry_later(context.task_result.task, args, kwargs, attempt, delay=wait)
                return {"retried": attempt + 1, "result_id": str(result.id), "error": repr(exc)}

        del run.__wrapped__  # django-tasks checks that the first parameter is `context`
        run.carries_request_id = True
        return task(takes_context=True, **task_options)(run)

    if function is not None:
        return decorate(function)
    return decorate
