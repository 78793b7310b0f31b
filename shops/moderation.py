"""The booth life cycle and the moderators' actions on booths.

    pending  → approved | rejected
    approved → suspended
    suspended → approved

Every other move raises `TransitionRefused` with a translated message. Owners are told by
e-mail when their booth is approved, rejected (with the reason) or suspended. Every action is
recorded in Wagtail's audit log (`LOG_LABELS`, registered in `shops/wagtail_hooks.py`) with
the moderator and the reason, shown on the booth's history page in the Wagtail admin.

Products have their own life cycle in `catalog.publishing` (publish, hide, restore …).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.log_actions import log

from core.tasks import enqueue_on_commit
from shops import verification
from shops.emails import SUBJECTS
from shops.models import Booth, BoothMembership
from shops.tasks import send_booth_status_email

S = Booth.Status

ALLOWED = {
    S.PENDING: {S.APPROVED, S.REJECTED},
    S.APPROVED: {S.SUSPENDED},
    S.SUSPENDED: {S.APPROVED},
    S.REJECTED: set(),
}

ACTION_LABELS = {
    "approve": pgettext_lazy("booth", "Approve"),
    "reject": gettext_lazy("Reject"),
    "suspend": gettext_lazy("Suspend"),
    "reinstate": gettext_lazy("Reinstate"),
}


#: Wagtail audit-log action names and their (label, message) in the history.
LOG_LABELS = {
    "shops.booth.approve": (gettext_lazy("Approve booth"), gettext_lazy("Booth approved")),
    "shops.booth.reject": (gettext_lazy("Reject booth"), gettext_lazy("Booth rejected")),
    "shops.booth.suspend": (gettext_lazy("Suspend booth"), gettext_lazy("Booth suspended")),
    "shops.booth.reinstate": (gettext_lazy("Reinstate booth"), gettext_lazy("Booth reinstated")),
    "shops.booth.verify": (
        gettext_lazy("Verify booth"),
        gettext_lazy("Marked as verified by the province"),
    ),
    "shops.booth.unverify": (
        gettext_lazy("Remove verification"),
        gettext_lazy("“Verified” badge removed"),
    ),
    "shops.booth.verification_lapsed": (
        gettext_lazy("Verification lapsed"),
        gettext_lazy("“Verified” badge dropped: legal facts changed"),
    ),
    "shops.booth.open_on_behalf": (
        gettext_lazy("Open booth on behalf"),
        gettext_lazy("Booth opened by a moderator on the owner's behalf"),
    ),
    "shops.booth.hand_over": (gettext_lazy("Hand over booth"), gettext_lazy("Booth handed over")),
}


def _log(booth, action, *, by, reason="", **data):
    log(
        instance=booth,
        action=f"shops.booth.{action}",
        user=by if getattr(by, "is_authenticated", False) else None,
        data={"reason": reason, **data},
    )


class TransitionRefused(ValidationError):
    """A status change the life cycle does not allow."""


def allowed_targets(booth):
    return ALLOWED.get(booth.status, set())


def can_transition(booth, target):
    return target in allowed_targets(booth)


def _move(booth, target, *, by=None, reason="", action):
    if not can_transition(booth, target):
        raise TransitionRefused(
            _("A booth cannot go from “%(current)s” to “%(target)s”.")
            % {"current": S(booth.status).label, "target": S(target).label}
        )
    old = booth.status
    booth.status = target
    booth.status_reason = reason
    fields = ["status", "status_reason", "updated_at"]
    if target == S.APPROVED and booth.approved_at is None:
        booth.approved_at = timezone.now()
        fields.append("approved_at")
    booth.save(update_fields=fields)
    _log(booth, action, by=by, reason=reason, **{"from": old, "to": target})
    _notify_owners(booth, target, reason)
    return booth


def approve(booth, *, by=None):
    """Approve a pending booth, or reinstate a suspended one."""
    action = "reinstate" if booth.status == S.SUSPENDED else "approve"
    return _move(booth, S.APPROVED, by=by, action=action)


def reject(booth, *, by=None, reason):
    if not (reason or "").strip():
        raise TransitionRefused(_("Give the owner a reason for the rejection."))
    return _move(booth, S.REJECTED, by=by, reason=reason.strip(), action="reject")


def suspend(booth, *, by=None, reason=""):
    return _move(booth, S.SUSPENDED, by=by, reason=(reason or "").strip(), action="suspend")


def reinstate(booth, *, by=None):
    if booth.status != S.SUSPENDED:
        raise TransitionRefused(_("Only a suspended booth can be reinstated."))
    return _move(booth, S.APPROVED, by=by, action="reinstate")


ACTIONS = {"approve": approve, "reject": reject, "suspend": suspend, "reinstate": reinstate}


def apply_action(booth, action, *, by=None, reason=""):
    """Run a named moderation action (used by the admin views)."""
    if action not in ACTIONS:
        raise TransitionRefused(_("Unknown action."))
    func = ACTIONS[action]
    if action in ("reject", "suspend"):
        return func(booth, by=by, reason=reason)
    return func(booth, by=by)


def set_verified(booth, verified, *, by, reason=""):
    """The "verified by the province" badge: moderators only, tied to the legal facts they
    checked (`shops.verification`)."""
    if verified:
        return verification.verify(booth, by=by)
    return verification.unverify(booth, by=by, reason=reason)


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
    _log(booth, "open_on_behalf", by=moderator)
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
    _log(booth, "hand_over", by=by, reason=new_owner.email)
    return booth


def _notify_owners(booth, status, reason):
    """Tell the owners after commit, by a retried background task (`shops.tasks`)."""
    if status in SUBJECTS:
        enqueue_on_commit(
            send_booth_status_email, booth.pk, status, reason, translation.get_language()
        )


def grant_moderator_permissions():
    """Give the moderators' group the admin access and the booth permissions it needs
    (the catalogue and areas grant their own, see their apps.py)."""
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    from accounts import roles
    from core.permissions import grant

    return grant(
        roles.MODERATORS,
        Permission.objects.filter(
            Q(content_type__app_label="wagtailadmin", codename="access_admin")
            | Q(
                content_type__app_label="shops",
                codename__regex=r"^(add|change|delete|view|moderate)_",
            )
        ),
    )
