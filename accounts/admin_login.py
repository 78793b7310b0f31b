"""The Wagtail and Django admin logins under the shop login's limits.

Both admin login forms authenticate through allauth's adapter (`AccountAdapter.
authenticate`), so they count the same failures in the same buckets as
`/tai-khoan/login/`: per client address, per e-mail and address, and the account's
progressive delay (`accounts.lockout`). `guarded` wraps the admin login views: a refused
attempt answers HTTP 429 with the Vietnamese page saying how long to wait.

Why not send the admins to allauth's login instead: staff accounts made with
`createsuperuser` have no verified allauth e-mail record, and the Wagtail admin keeps its
own "remember me" and layout; one set of limits through one adapter gives the same
protection without changing how staff sign in.
"""

from functools import wraps

from allauth.account.adapter import get_adapter
from django.contrib.admin.forms import AdminAuthenticationForm
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

RATE_LIMITED = "_admin_login_rate_limited"


class RateLimitedLoginMixin:
    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            from django.core.exceptions import ValidationError

            adapter = get_adapter(self.request)
            try:
                self.user_cache = adapter.authenticate(
                    self.request, email=username, password=password
                )
            except ValidationError as error:
                if error.code == "too_many_login_attempts":
                    setattr(self.request, RATE_LIMITED, error.messages[0])
                raise
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class CmsAdminLoginForm(RateLimitedLoginMixin, WagtailLoginForm):
    pass


class DjangoAdminLoginForm(RateLimitedLoginMixin, AdminAuthenticationForm):
    pass


def guarded(view):
    """Answer 429 when the login form refused the attempt for too many failures."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        message = getattr(request, RATE_LIMITED, None)
        if message:
            return render(
                request,
                "429.html",
                {"message": message, "title": _("Too many sign-in attempts")},
                status=429,
            )
        return response

    return wrapped
