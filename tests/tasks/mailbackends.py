"""A mail server that can be down: set `settings.TEST_MAIL_SERVER_DOWN = True`."""

import smtplib

from django.conf import settings
from django.core.mail.backends.locmem import EmailBackend


class FlakyEmailBackend(EmailBackend):
    def send_messages(self, messages):
        if getattr(settings, "TEST_MAIL_SERVER_DOWN", False):
            raise smtplib.SMTPServerDisconnected("mail server down (test)")
        return super().send_messages(messages)
