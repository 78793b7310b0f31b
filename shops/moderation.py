"""The booth life cycle and the moderators' actions on booths and products.

    pending  → approved | rejected
    approved → suspended
    suspended → approved

Every other move raises `TransitionRefused` with a translated message. Owners are told by
e-mail when their booth is approved, rejected (with the reason) or suspended.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.tasks import enqueue_on_commit
from shops.models import Booth, BoothMembership

S = Booth.Status

ALLOWED = {
    S.PENDING: {S.APPROVED, S.REJECTED},
    S.APPROVED: {S.SUSPENDED},
    S.SUSPENDED: {S.APPROVED},
    S.REJECTED: set(),
}

ACTION_LABELS = {
    "approve": gettext_lazy("Approve"),
    "reject": gettext_lazy("Reject"),
    "suspend": gettext_lazy("Suspend"),
    "reinstate": gettext_lazy("Reinstate"),
}


class TransitionRefused(ValidationError):
    """A status change the life cycle does not allow."""


def allowed_targets(booth):
    return ALLOWED.get(booth.status, set())


def can_transition(booth, target):
    return target in allowed_targets(booth)


def _move(booth, target, *, by=None, reason=""):
    if not can_transition(booth, target):
        raise TransitionRefused(
            _("A booth cannot go from “%(current)s” to “%(target)s”.")
            % {"current": S(booth.status).label, "target": S(target).label}
        )
    booth.status = target
    booth.status_reason = reason
    fields = ["status", "status_reason", "updated_at"]
    if target == S.APPROVED and booth.approved_at is None:
        booth.approved_at = timezone.now()
        fields.append("approved_at")
    booth.save(update_fields=fields)
    _notify_owners(booth, target, reason)
    return booth


def approve(booth, *, by=None):
    """Approve a pending booth, or reinstate a suspended one."""
    return _move(booth, S.APPROVED, by=by)


def reject(booth, *, by=None, reason):
    if not (reason or "").strip():
        raise TransitionRefused(_("Give the owner a reason for the rejection."))
    return _move(booth, S.REJECTED, by=by, reason=reason.strip())


def suspend(booth, *, by=None, reason=""):
    return _move(booth, S.SUSPENDED, by=by, reason=(reason or "").strip())


def reinstate(booth, *, by=None):
    if booth.status != S.SUSPENDED:
        raise TransitionRefused(_("Only a suspended booth can be reinstated."))
    return _move(booth, S.APPROVED, by=by)


ACTIONS = {"approve": approve, "reject": reject, "suspend": suspend, "reinstate": reinstate}


def apply_action(booth, action, *, by=None, reason=""):
    """Run a named moderation action (used by the admin views)."""
    if action not in ACTIONS:
        raise TransitionRefused(_("Unknown action."))
    func = ACTIONS[action]
    if action in ("reject", "suspend"):
        return func(booth, by=by, reason=reason)
    return func(booth, by=by)


def set_verified(booth, verified, *, by):
    """The "verified by the province" badge: moderators only."""
    booth.is_verified = bool(verified)
    booth.verified_at = timezone.now() if verified else None
    booth.verified_by = by if verified else None
    booth.save(update_fields=["is_verified", "verified_at", "verified_by", "updated_at"])
    return booth


def hide_product(product, *, by=None, reason):
    from catalog.models import Product

    if not (reason or "").strip():
        raise TransitionRefused(_("Give the seller a reason for hiding the product."))
    product.status = Product.Status.HIDDEN
    product.hidden_reason = reason.strip()
    product.save(update_fields=["status", "hidden_reason", "updated_at"])
    return product


def restore_product(product, *, by=None):
    """Undo a moderator's hiding: the product goes back to draft for the seller to check."""
    from catalog.models import Product

    if product.status != Product.Status.HIDDEN:
        raise TransitionRefused(_("Only a hidden product can be restored."))
    product.status = Product.Status.DRAFT
    product.hidden_reason = ""
    product.save(update_fields=["status", "hidden_reason", "updated_at"])
    return product


@transaction.atomic
def open_on_behalf(booth, moderator):
    """A moderator opens and runs *booth* for a farmer: approved at once, the moderator is
    its owner until `hand_over`."""
    booth.status = S.APPROVED
    booth.approved_at = booth.approved_at or timezone.now()
    booth.save(update_fields=["status", "approved_at", "updated_at"])
    BoothMembership.objects.get_or_create(
        booth=booth, user=moderator, defaults={"role": BoothMembership.Role.OWNER}
    )
    return booth


def create_booth_on_behalf(moderator, **fields):
    return open_on_behalf(Booth.objects.create(**fields), moderator)


@transaction.atomic
def hand_over(booth, new_owner, *, by=None):
    """Give the booth to *new_owner*: they become its only owner; former owners leave."""
    BoothMembership.objects.filter(booth=booth, role=BoothMembership.Role.OWNER).exclude(
        user=new_owner
    ).delete()
    BoothMembership.objects.update_or_create(
        booth=booth, user=new_owner, defaults={"role": BoothMembership.Role.OWNER}
    )
    return booth


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


def _notify_owners(booth, status, reason):
    """Tell the owners after commit, by a retried background task (`shops.tasks`)."""
    from shops.tasks import send_booth_status_email

    if status in SUBJECTS:
        enqueue_on_commit(
            send_booth_status_email, booth.pk, status, reason, translation.get_language()
        )


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


def grant_moderator_permissions():
    """Give the moderators' group the admin access and model permissions it needs."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    from accounts import roles

    group, _created = Group.objects.get_or_create(name=roles.MODERATORS)
    perms = Permission.objects.filter(
        Q(content_type__app_label="wagtailadmin", codename="access_admin")
        | Q(
            content_type__app_label__in=["shops", "catalog", "areas"],
            codename__regex=r"^(add|change|delete|view|moderate)_",
        )
    )
    group.permissions.add(*perms)
    return group
