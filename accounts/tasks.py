"""Background tasks of the accounts app (run by `manage.py db_worker`)."""

from django.core.mail import EmailMultiAlternatives

from core.tasks import retrying


@retrying
def send_rendered_email(subject, body, from_email, to, alternatives=()):
    """Send a mail allauth rendered (verification, password reset); retried on failure."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    return message.send()
