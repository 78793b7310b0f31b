"""Background tasks on the real database queue, run by the real worker."""

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from tests.orders.conftest import booth_a, lychee, seller, shopper  # noqa: F401  (fixtures)

EMAIL_TASK = "orders.tasks.send_order_email"


@pytest.fixture
def db_queue(settings):
    """The database backend instead of the tests' immediate one."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    return settings


def run_worker():
    """What `manage.py db_worker --batch` does: run every task that is due, then stop."""
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def email_tasks(**filters):
    return DBTaskResult.objects.filter(task_path=EMAIL_TASK, **filters).order_by("enqueued_at")
