"""Order e-mails go through the task queue: the request does not wait, nothing is lost."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks import TaskResultStatus

from orders.models import Order
from tests.orders.conftest import add_to_cart, checkout
from tests.tasks.conftest import email_tasks, run_worker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def placed(client, shopper, lychee, db_queue):
    """A shopper places an order through the real checkout view."""
    client.force_login(shopper)
    add_to_cart(client, lychee, 2)
    response = checkout(client)
    assert response.status_code == 302
    return Order.objects.get(user=shopper)


@pytest.fixture
def mail_server(settings):
    settings.EMAIL_BACKEND = "tests.tasks.mailbackends.FlakyEmailBackend"
    settings.TEST_MAIL_SERVER_DOWN = False
    settings.TASKS_MAX_ATTEMPTS = 3
    settings.TASKS_RETRY_BASE_SECONDS = 30
    return settings


def time_passes():
    """The back-off delay is over: waiting tasks become due."""
    email_tasks(status=TaskResultStatus.READY).update(run_after=timezone.now())


def test_checkout_returns_before_the_mail_is_sent_and_the_worker_sends_it(placed, shopper):
    assert mail.outbox == []  # the page answered; no mail was sent in the request
    queued = list(email_tasks())
    assert [t.status for t in queued] == [TaskResultStatus.READY] * 2
    assert all(t.args_kwargs["args"][2] == placed.pk for t in queued)  # ids, not objects

    run_worker()

    assert {t.status for t in email_tasks()} == {TaskResultStatus.SUCCESSFUL}
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted([shopper.email, "vaithieu@example.vn", *_staff(placed)])
    shopper_mail = next(m for m in mail.outbox if m.to == [shopper.email])
    assert placed.number in shopper_mail.subject
    assert "Vải thiều" in shopper_mail.body


def _staff(order):
    return list(order.booth.memberships.values_list("user__email", flat=True))


def test_a_failed_send_is_retried_later_and_the_mail_arrives(mail_server, placed, shopper):
    mail_server.TEST_MAIL_SERVER_DOWN = True
    run_worker()
    assert mail.outbox == []
    retries = list(email_tasks(status=TaskResultStatus.READY))
    assert len(retries) == 2
    assert all(t.args_kwargs["kwargs"]["_attempt"] == 2 for t in retries)
    # Back-off: the retry waits about TASKS_RETRY_BASE_SECONDS, so the worker leaves it.
    assert all(t.run_after > timezone.now() + timedelta(seconds=20) for t in retries)
    run_worker()
    assert email_tasks(status=TaskResultStatus.READY).count() == 2

    mail_server.TEST_MAIL_SERVER_DOWN = False  # the mail server is back
    time_passes()
    run_worker()

    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted([shopper.email, "vaithieu@example.vn", *_staff(placed)])
    assert not email_tasks(status=TaskResultStatus.READY).exists()
    assert not email_tasks(status=TaskResultStatus.FAILED).exists()


def test_after_the_last_attempt_the_failure_is_logged_and_kept(mail_server, placed, caplog):
    mail_server.TEST_MAIL_SERVER_DOWN = True
    with caplog.at_level(logging.WARNING, logger="core.tasks"):
        for _attempt in range(3):
            run_worker()
            time_passes()
    assert mail.outbox == []
    failed = list(email_tasks(status=TaskResultStatus.FAILED))
    assert len(failed) == 2  # the shopper's and the booth's mail, visible to an operator
    assert "SMTPServerDisconnected" in failed[0].exception_class_path
    assert not email_tasks(status=TaskResultStatus.READY).exists()
    ours = [r for r in caplog.records if r.name == "core.tasks"]
    errors = [r for r in ours if r.levelno == logging.ERROR]
    assert len(errors) == 2
    assert all(str(placed.pk) in r.getMessage() and "3 attempt" in r.getMessage() for r in errors)
    warnings = [r for r in ours if r.levelno == logging.WARNING]
    assert len(warnings) == 4  # attempts 1 and 2 of each mail
