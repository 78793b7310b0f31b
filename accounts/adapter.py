"""allauth's adapter: mails through the task queue; client address and failed logins.

allauth renders the mail in the request, as before; only the sending is a retried task
(`accounts.tasks.send_rendered_email`), so a mail server hiccup delays the mail instead
of failing the sign-up. The task carries the rendered mail itself (its links hold
short-lived keys), so it is enqueued at once, not after commit: nothing to reload.

Failed logins (docs/security.md, "Logins and rate limits"): allauth's `login_failed`
limits count per client address (`core.clientip`, proxy-aware) and per e-mail *with*
that address, so a stranger cannot lock the owner out; across addresses the account
gets the progressive delay of `accounts.lockout`. The same checks guard the Wagtail and
Django admin logins (`accounts.forms`).
"""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts import lockout
from core.clientip import client_ip
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

    # --- client address -------------------------------------------------------------

    def get_client_ip(self, request):
        return client_ip(request)

    # --- failed logins --------------------------------------------------------------

    def _get_login_attempts_cache_key(self, request, **credentials):
        # Per e-mail *and* address: failures from one address never lock another out.
        return (
            f"{super()._get_login_attempts_cache_key(request, **credentials)}|{client_ip(request)}"
        )

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            raise ValidationError(
                _(
                    "Too many failed sign-ins from your address. Please try again within "
                    "%(minutes)s minutes, or reset your password by e-mail."
                )
                % {"minutes": _login_failed_minutes()},
                code="too_many_login_attempts",
            ) from None
        wait = lockout.seconds_to_wait(_login(credentials), request)
        if wait:
            self._rollback_login_failed_rl_usage()  # a refused try is not a failure
            raise ValidationError(
                _(
                    "Too many failed sign-ins for this account. Please wait %(seconds)s "
                    "seconds and try again, or reset your password by e-mail."
                )
                % {"seconds": wait},
                code="too_many_login_attempts",
            )

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            lockout.clear(_login(credentials))
        return user

    def authentication_failed(self, request, **credentials):
        lockout.record_failure(_login(credentials))

    def _delete_login_attempts_cached_email(self, request, **credentials):
        # Called by allauth after a successful password reset by mail.
        super()._delete_login_attempts_cached_email(request, **credentials)
        lockout.clear(_login(credentials))

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        return lockout.remember_device(request, response, user)


def _login_failed_minutes():
    """The longest window of the `login_failed` limits, in whole minutes."""
    from allauth.account import app_settings
    from allauth.core.internal.ratelimit import parse_rates

    rates = parse_rates(app_settings.RATE_LIMITS.get("login_failed"))
    return max([1, *(int(-(-rate.duration // 60)) for rate in rates)])


def _login(credentials):
    return credentials.get("email") or credentials.get("username") or ""
