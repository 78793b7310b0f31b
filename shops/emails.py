"""The e-mail telling a booth's owners it was approved, rejected or suspended."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy

from .models import LEGAL_FACTS, Booth, BoothMembership

S = Booth.Status


def owner_emails(booth):
    emails = list(
        booth.memberships.filter(role=BoothMembership.Role.OWNER).values_list(
            "user__email", flat=True
        )
    )
    if booth.email and booth.email not in emails:
        emails.append(booth.email)
    return emails


SUBJECTS = {
    S.APPROVED: gettext_lazy("Your booth “%(name)s” is open"),
    S.REJECTED: gettext_lazy("Your booth application “%(name)s” was not accepted"),
    S.SUSPENDED: gettext_lazy("Your booth “%(name)s” is suspended"),
}


def send_status_email(booth, status, reason):
    """Render and send the e-mail telling the owners of *booth* it is now *status*.

    Raises when the mail server does: the task around it retries.
    """
    recipients = owner_emails(booth)
    if not recipients or status not in SUBJECTS:
        return 0
    subject = str(SUBJECTS[status]) % {"name": booth.name}
    body = render_to_string(
        "shops/email/booth_status.txt",
        {
            "booth": booth,
            "status": status,
            "reason": reason,
            "site_url": settings.WAGTAILADMIN_BASE_URL,
        },
    )
    return send_mail(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, None, recipients)


def send_verification_lapsed_email(booth, changed):
    """Tell the owners the "verified" badge was dropped because *changed* legal facts moved."""

    recipients = owner_emails(booth)
    if not recipients:
        return 0
    subject = gettext_lazy("Your booth “%(name)s” needs to be verified again") % {
        "name": booth.name
    }
    body = render_to_string(
        "shops/email/verification_lapsed.txt",
        {
            "booth": booth,
            "facts": ", ".join(str(LEGAL_FACTS[f]) for f in changed if f in LEGAL_FACTS),
            "site_url": settings.WAGTAILADMIN_BASE_URL,
        },
    )
    return send_mail(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, None, recipients)


def send_certificate_expiry_email(booth, certificates):
    """Warn the owners that these checked certificates expire soon."""
    recipients = owner_emails(booth)
    if not recipients or not certificates:
        return 0
    subject = gettext_lazy("Certificates of “%(name)s” expire soon") % {"name": booth.name}
    body = render_to_string(
        "shops/email/certificate_expiry.txt",
        {"booth": booth, "certificates": certificates, "site_url": settings.WAGTAILADMIN_BASE_URL},
    )
    return send_mail(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, None, recipients)
