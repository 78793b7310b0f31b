"""allauth's mails are sent by the worker too."""

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from tests.tasks.conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_password_reset_mail_is_queued_then_sent_by_the_worker(client, user, db_queue):
    response = client.post("/tai-khoan/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path="accounts.tasks.send_rendered_email").count() == 1

    run_worker()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "/tai-khoan/password/reset/key/" in mail.outbox[0].body
