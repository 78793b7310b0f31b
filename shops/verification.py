"""The "verified by the province" badge, tied to the legal facts a moderator checked.

`verify` stores a snapshot of the booth's legal facts (`LEGAL_FACTS`: registered name,
registration number, address, owner) with who and when. After every save of a booth
(`shops/receivers.py`, whatever the path: seller centre, Wagtail, Django admin),
`check_facts` compares the facts with the snapshot: when any differs, the badge is dropped,
the booth is queued for re-verification (`reverification_requested_at`, a filter in the
moderators' booth list), the seller is told why (a notice in the seller centre and an
e-mail task) and the change is recorded in Wagtail's audit log.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.tasks import enqueue_on_commit
from shops.models import LEGAL_FACTS


class VerificationRefused(ValidationError):
    """The booth cannot be verified as it is (a legal fact is missing)."""


def facts_of(booth):
    return {field: (getattr(booth, field) or "").strip() for field in LEGAL_FACTS}


def changed_facts(booth):
    """The legal facts that differ from the verified snapshot (empty: none)."""
    snapshot = booth.verified_facts or {}
    return [f for f, value in facts_of(booth).items() if snapshot.get(f, "") != value]


def _log(booth, action, *, by, reason="", **data):
    log(
        instance=booth,
        action=f"shops.booth.{action}",
        user=by if getattr(by, "is_authenticated", False) else None,
        data={"reason": reason, **data},
    )


def lapsed_notice(booth):
    """What the seller centre tells the owner when the badge was dropped (translated when
    shown, from the stored field names)."""
    reasons = [str(LEGAL_FACTS[f]) for f in booth.reverification_reasons or [] if f in LEGAL_FACTS]
    if not reasons or booth.is_verified:
        return ""
    return _(
        "Your booth's %(facts)s changed after the province verified it, so the "
        "“verified” badge was removed until a moderator checks the new details."
    ) % {"facts": ", ".join(reasons)}


@transaction.atomic
def verify(booth, *, by):
    """A moderator has checked the booth's legal facts: the badge shows, naming them."""
    missing = [str(LEGAL_FACTS[f]) for f, v in facts_of(booth).items() if not v]
    if missing:
        raise VerificationRefused(
            _("Fill in the booth's %(facts)s before verifying it.") % {"facts": ", ".join(missing)}
        )
    booth.is_verified = True
    booth.verified_at = timezone.now()
    booth.verified_by = by if getattr(by, "is_authenticated", False) else None
    booth.verified_facts = facts_of(booth)
    booth.reverification_requested_at = None
    booth.reverification_reasons = []
    booth.save(
        update_fields=[
            "is_verified", "verified_at", "verified_by", "verified_facts",
            "reverification_requested_at", "reverification_reasons", "updated_at",
        ]
    )  # fmt: skip
    _log(booth, "verify", by=by, facts=booth.verified_facts)
    return booth


@transaction.atomic
def unverify(booth, *, by, reason=""):
    """A moderator removes the badge."""
    booth.is_verified = False
    booth.verified_at = None
    booth.verified_by = None
    booth.verified_facts = {}
    booth.save(
        update_fields=["is_verified", "verified_at", "verified_by", "verified_facts", "updated_at"]
    )
    _log(booth, "unverify", by=by, reason=reason)
    return booth


def check_facts(booth, *, by=None):
    """Drop the badge of a verified booth whose legal facts changed; returns the changed
    fields (empty: nothing to do)."""
    if not booth.is_verified:
        return []
    if not booth.verified_facts:
        # Marked verified without going through `verify` (data loaded from elsewhere): the
        # facts it shows now are the ones tied to the badge from here on.
        booth.verified_facts = facts_of(booth)
        booth.save(update_fields=["verified_facts"])
        return []
    changed = changed_facts(booth)
    if not changed:
        return []
    names = ", ".join(str(LEGAL_FACTS[f]) for f in changed)
    with transaction.atomic():
        booth.is_verified = False
        booth.reverification_requested_at = timezone.now()
        booth.reverification_reasons = changed
        booth.save(
            update_fields=[
                "is_verified", "reverification_requested_at", "reverification_reasons",
                "updated_at",
            ]
        )  # fmt: skip
        _log(booth, "verification_lapsed", by=by, reason=names, changed=changed)
        from shops.tasks import send_verification_lapsed_email

        enqueue_on_commit(
            send_verification_lapsed_email, booth.pk, changed, translation.get_language()
        )
    return changed
