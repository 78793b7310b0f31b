"""The "how was it?" e-mail a few days after delivery."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _


def send_reminder(order, items):
    if not items or not order.email:
        return 0
    subject = _("How was your order %(number)s?") % {"number": order.number}
    body = render_to_string(
        "reviews/email/reminder.txt",
        {
            "order": order,
            "lines": [
                (item, settings.WAGTAILADMIN_BASE_URL + reverse("reviews:write", args=[item.pk]))
                for item in items
            ],
        },
    )
    return send_mail(f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body, None, [order.email])
