"""Helpers for background tasks (django-tasks, the API of Django 6's `django.tasks`).

django-tasks runs a task once: a run that fails is recorded as failed and that is all.
`retrying` gives a task a few more runs, later and later, for failures that pass (a
service away for a while).
"""

import dataclasses
import functools
from datetime import timedelta

from django.utils import timezone
from django_tasks.base import Task


def retrying(*, attempts=5, delay=30, max_delay=1800, on=(Exception,)):
    """Decorate a `@task` (put it above `@task()`) so that it is tried again on failure.

    When a run raises one of *on*, the same call is enqueued again to run after `delay`
    seconds, then `2 × delay`, `4 × delay` … (at most `max_delay`), up to *attempts* runs
    in all. The exception is raised again, so each failed run is still recorded as failed
    with its traceback. The task is enqueued with an extra keyword `retry_attempt` (1 for
    the first run), which the task function does not see.

        @retrying(attempts=5, delay=30, on=(ServiceDown,))
        @task()
        def send_order_mail(order_id): ...

    A backend that cannot run a task later (the ImmediateBackend, which runs it at once,
    inside `enqueue`) gets no retry: a second run at once would fail the same way. Work
    that must never be lost needs its own safety net besides (a periodic catch-up).
    """

    def decorate(original: Task) -> Task:
        func = original.func

        @functools.wraps(func)
        def run(*args, retry_attempt=1, **kwargs):
            try:
                return func(*args, **kwargs)
            except on:
                backend = retried.get_backend()
                if retry_attempt < attempts and backend.supports_defer:
                    wait = min(max_delay, delay * 2 ** (retry_attempt - 1))
                    later = retried.using(run_after=timezone.now() + timedelta(seconds=wait))
                    task_args = args[1:] if original.takes_context else args
                    later.enqueue(*task_args, retry_attempt=retry_attempt + 1, **kwargs)
                raise

        # Same name and module as the original: the worker finds this task by that path.
        retried = dataclasses.replace(original, func=run)
        return retried

    return decorate
