"""A product's visibility, decided here and nowhere else.

    draft     → published   publish    (the seller; the product must pass `can_publish`)
    published → draft       unpublish  (the seller)
    draft     → hidden      hide       (a moderator, with a reason shown to the seller)
    published → hidden      hide
    hidden    → draft       restore    (a moderator; the seller checks it, then publishes)

Every path that changes `Product.status` — the seller centre (buttons, "Save and publish",
duplicate, photo removal), the CSV import, the Wagtail moderation screens and the Django
admin — calls these functions. A move outside the table, or a publication the product is not
ready for, raises `PublishingRefused` with translated reasons and changes nothing.

Each move is recorded in Wagtail's audit log (`wagtail.log_actions.log`, a `ModelLogEntry`)
with the user and the reason, so the product's history page in the Wagtail admin shows who
hid it and why. The action names are registered in `catalog/wagtail_hooks.py`.

Whether the public sees a published product also depends on its booth being approved: that is
`Product.objects.public()`, not a publishing rule. A seller of a pending booth may publish
ahead of the approval; the products appear the day the booth opens.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from catalog.models import Product, ProductImage

S = Product.Status

#: (from, to) → the named action that makes that move. Nothing else is allowed.
ALLOWED = {
    (S.DRAFT, S.PUBLISHED): "publish",
    (S.PUBLISHED, S.DRAFT): "unpublish",
    (S.DRAFT, S.HIDDEN): "hide",
    (S.PUBLISHED, S.HIDDEN): "hide",
    (S.HIDDEN, S.DRAFT): "restore",
}

#: What each action aims at.
TARGETS = {
    "publish": S.PUBLISHED,
    "unpublish": S.DRAFT,
    "hide": S.HIDDEN,
    "restore": S.DRAFT,
}

#: Wagtail audit-log action names (registered with labels in catalog/wagtail_hooks.py).
LOG_ACTIONS = {
    "publish": "catalog.product.publish",
    "unpublish": "catalog.product.unpublish",
    "hide": "catalog.product.hide",
    "restore": "catalog.product.restore",
}

LOG_LABELS = {
    "publish": (gettext_lazy("Publish product"), gettext_lazy("Put on sale")),
    "unpublish": (gettext_lazy("Unpublish product"), gettext_lazy("Withdrawn from sale")),
    "hide": (gettext_lazy("Hide product"), gettext_lazy("Hidden by a moderator")),
    "restore": (gettext_lazy("Restore product"), gettext_lazy("Restored to draft")),
}


class PublishingRefused(ValidationError):
    """A visibility change the rules do not allow; `.messages` holds the translated reasons."""


def can_move(status, action):
    """Whether *action* may start from a product in *status* (the rule table only)."""
    return ALLOWED.get((status, TARGETS[action])) == action


def can_publish(product):
    """The reasons *product* cannot be published now (an empty list: it can)."""
    reasons = []
    if product.status == S.HIDDEN:
        reasons.append(_("A moderator has hidden this product; it cannot be published again."))
    if product.pk is None or not ProductImage.objects.filter(product_id=product.pk).exists():
        reasons.append(_("Add at least one photo before publishing."))
    return reasons


def _refuse_move(status, action):
    messages = {
        "unpublish": _("Only a product on sale can be withdrawn."),
        "hide": _("This product is already hidden."),
        "restore": _("Only a hidden product can be restored."),
    }
    return PublishingRefused(
        messages.get(action)
        or _("A product that is “%(status)s” cannot be published.") % {"status": S(status).label}
    )


def _move(product, action, *, by, reason="", check=None, idempotent=False):
    """Apply *action* to *product* under a row lock, log it, and refresh *product*.

    *check* may raise `PublishingRefused` after the lock is taken; with *idempotent*, a
    product already at the action's target is left alone (nothing logged).
    """
    with transaction.atomic():
        locked = Product.objects.select_for_update().get(pk=product.pk)
        if idempotent and locked.status == TARGETS[action]:
            _copy_state(locked, product)
            return product
        if check is not None:
            check(locked)
        if not can_move(locked.status, action):
            raise _refuse_move(locked.status, action)
        old = locked.status
        locked.status = TARGETS[action]
        fields = ["status", "updated_at"]
        if action == "publish" and locked.published_at is None:
            locked.published_at = timezone.now()  # the first publication; kept afterwards
            fields.append("published_at")
        if action in ("hide", "restore"):
            locked.hidden_reason = reason if action == "hide" else ""
            fields.append("hidden_reason")
        locked.save(update_fields=fields)
        log(
            instance=locked,
            action=LOG_ACTIONS[action],
            user=by if getattr(by, "is_authenticated", False) else None,
            data={"from": old, "to": locked.status, "reason": reason},
        )
    _copy_state(locked, product)
    return product


def _copy_state(source, product):
    for name in ("status", "published_at", "hidden_reason", "updated_at"):
        setattr(product, name, getattr(source, name))


def _check_publishable(product):
    reasons = can_publish(product)
    if reasons:
        raise PublishingRefused(reasons)


def publish(product, *, by):
    """Put a draft on sale. A product already on sale is left as it is."""
    return _move(product, "publish", by=by, check=_check_publishable, idempotent=True)


def try_publish(product, *, by):
    """Publish *product* if it may be; otherwise leave it as it is.

    Returns the reasons it stayed unpublished (an empty list when it is on sale). Used by
    "Save and publish" and the CSV import, which keep the product as a draft and say why.
    """
    try:
        publish(product, by=by)
    except PublishingRefused as exc:
        return exc.messages
    return []


def unpublish(product, *, by, reason=""):
    """Withdraw a product from sale (back to draft). A draft stays a draft."""
    return _move(product, "unpublish", by=by, reason=reason, idempotent=True)


def hide(product, *, by, reason):
    """A moderator hides a product that breaks the rules; the seller sees *reason*."""
    reason = (reason or "").strip()
    if not reason:
        raise PublishingRefused(_("Give the seller a reason for hiding the product."))
    return _move(product, "hide", by=by, reason=reason)


def restore(product, *, by):
    """Undo a moderator's hiding: the product goes back to draft for the seller to check."""
    return _move(product, "restore", by=by)


def withdraw_if_unfit(product, *, by):
    """Take a product off sale when it no longer passes `can_publish` (e.g. its last photo
    was removed). Returns the reasons when it was withdrawn, else an empty list."""
    if product.status != S.PUBLISHED:
        return []
    reasons = can_publish(product)
    if reasons:
        unpublish(product, by=by, reason=" ".join(str(r) for r in reasons))
    return reasons
