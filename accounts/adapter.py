"""allauth's e-mails (verification, password reset…) go through the task queue.

allauth renders the mail in the request, as before; only the sending is a retried task
(`accounts.tasks.send_rendered_email`), so a mail server hiccup delays the mail instead
of failing the sign-up. The task carries the rendered mail itself (its links hold
short-lived keys), so it is enqueued at once, not after commit: nothing to reload.
"""

from allauth.account.adapter import DefaultAccountAdapter

from core.tasks import enqueue


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        from accounts.tasks import send_rendered_email

        message = self.render_mail(template_prefix, email, context)
        alternatives = [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ]
        enqueue(
            send_rendered_email,
            message.subject,
            message.body,
            message.from_email,
            list(message.to),
            alternatives,
        )
