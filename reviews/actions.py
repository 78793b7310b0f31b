"""Every change to a review: writing, editing, the booth's reply, reports, votes, and the
moderators' hide/restore (recorded in Wagtail's audit log with who and why).

Text is cleaned like every user text (`clean_text`: nh3 strips any markup, control
characters go). Photos go through the product photos' pipeline (`catalog.photos`). After
each change that moves what the public sees, `refresh_ratings` stores the product's and the
booth's average and count (read by cards, sorting, JSON-LD and the search index).
"""

import re

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from catalog.models import Product
from catalog.photos import store_image
from core import ratelimit
from shops.models import Booth

from . import rules
from .models import MAX_PHOTOS, MAX_TEXT, Review, ReviewPhoto, ReviewReply, ReviewReport, ReviewVote

LOG_LABELS = {
    "reviews.review.hide": (gettext_lazy("Hide review"), gettext_lazy("Review hidden")),
    "reviews.review.restore": (gettext_lazy("Restore review"), gettext_lazy("Review shown again")),
}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ReviewRefused(ValidationError):
    """Something the rules do not allow; `.messages` holds the translated reasons."""


def clean_text(text):
    """Plain text only: markup removed (nh3), control characters dropped, trimmed."""
    text = nh3.clean(str(text or ""), tags=set(), attributes={})
    # nh3 escapes what it keeps; the templates escape again, so store the plain characters.
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    text = text.replace("&#39;", "'").replace("&amp;", "&")
    return _CONTROL.sub("", text).strip()[:MAX_TEXT]


def _limit(scope, user):
    rate = getattr(settings, "REVIEW_RATE_LIMIT", "10/h")
    if ratelimit.hit_idents(f"review_{scope}", [("user", user.pk)], rate=rate):
        raise ReviewRefused(_("Too many attempts. Please wait a while and try again."))


def _add_photos(review, files):
    start = review.photos.count()
    if start + len(files) > MAX_PHOTOS:
        raise ReviewRefused(_("At most %(n)s photos per review.") % {"n": MAX_PHOTOS})
    for offset, uploaded in enumerate(files):
        image = store_image(uploaded, title=f"{review.product.name} — review")
        ReviewPhoto.objects.create(review=review, image=image, sort_order=start + offset)


def create(user, item, *, rating, text, photos=()):
    """The buyer of a delivered line rates it (once)."""
    _limit("review-write", user)
    with transaction.atomic():
        if not rules.can_review(user, item):
            raise ReviewRefused(_("Only the buyer of a delivered order can review it, once."))
        try:
            with transaction.atomic():
                review = Review.objects.create(
                    order_item=item,
                    product_id=item.product_id,
                    booth_id=item.order.booth_id,
                    user=user,
                    rating=int(rating),
                    text=clean_text(text),
                )
        except IntegrityError:
            raise ReviewRefused(_("This order line already has a review.")) from None
        _add_photos(review, list(photos))
        refresh_ratings(review.product_id, review.booth_id)
    return review


def update(user, review, *, rating, text, photos=(), remove_photos=()):
    """The author edits the review within the edit window."""
    _limit("review-write", user)
    with transaction.atomic():
        if not rules.can_edit(user, review):
            raise ReviewRefused(_("This review can no longer be edited."))
        review.rating = int(rating)
        review.text = clean_text(text)
        review.edited_at = timezone.now()
        review.save(update_fields=["rating", "text", "edited_at"])
        if remove_photos:
            for photo in review.photos.filter(pk__in=list(remove_photos)).select_related("image"):
                image = photo.image
                photo.delete()
                image.delete()
        _add_photos(review, list(photos))
        refresh_ratings(review.product_id, review.booth_id)
    return review


def reply(user, review, text):
    """The booth answers once, publicly."""
    text = clean_text(text)
    if not text:
        raise ReviewRefused(_("Write the reply."))
    _limit("review-reply", user)
    with transaction.atomic():
        if not rules.can_reply(user, review):
            raise ReviewRefused(_("This review already has the booth's reply."))
        try:
            with transaction.atomic():
                return ReviewReply.objects.create(review=review, author=user, text=text)
        except IntegrityError:
            raise ReviewRefused(_("This review already has the booth's reply.")) from None


def report(user, review, reason, note=""):
    """Anyone signed in may report a review once; moderators see the open reports."""
    _limit("review-report", user)
    with transaction.atomic():
        try:
            with transaction.atomic():
                ReviewReport.objects.create(
                    review=review, reporter=user, reason=reason, note=clean_text(note)[:500]
                )
        except IntegrityError:
            return False
        Review.objects.filter(pk=review.pk).update(report_count=F("report_count") + 1)
    return True


def vote_helpful(user, review):
    """ "This helped me": once per user; the author's own vote does not count."""
    if review.user_id == user.pk:
        return False
    _limit("review-vote", user)
    with transaction.atomic():
        try:
            with transaction.atomic():
                ReviewVote.objects.create(review=review, user=user)
        except IntegrityError:
            return False
        Review.objects.filter(pk=review.pk).update(helpful_count=F("helpful_count") + 1)
    return True


def _moderate(review, status, action, *, by, reason):
    with transaction.atomic():
        locked = Review.objects.select_for_update().get(pk=review.pk)
        old = locked.status
        locked.status = status
        locked.hidden_reason = reason if status == Review.Status.HIDDEN else ""
        locked.report_count = 0
        locked.save(update_fields=["status", "hidden_reason", "report_count"])
        locked.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
        log(
            instance=locked,
            action=f"reviews.review.{action}",
            user=by if getattr(by, "is_authenticated", False) else None,
            data={"reason": reason, "from": old, "to": status},
        )
        refresh_ratings(locked.product_id, locked.booth_id)
    review.status, review.hidden_reason = locked.status, locked.hidden_reason
    return review


def hide(review, *, by, reason):
    reason = (reason or "").strip()
    if not reason:
        raise ReviewRefused(_("Give a reason for hiding the review."))
    if review.status == Review.Status.HIDDEN:
        raise ReviewRefused(_("This review is already hidden."))
    return _moderate(review, Review.Status.HIDDEN, "hide", by=by, reason=reason)


def restore(review, *, by, reason=""):
    if review.status != Review.Status.HIDDEN:
        raise ReviewRefused(_("Only a hidden review can be shown again."))
    return _moderate(
        review, Review.Status.PUBLISHED, "restore", by=by, reason=(reason or "").strip()
    )


def refresh_ratings(product_id, booth_id):
    """Store the average and count of the visible reviews on the product and its booth.

    Saved with `save(update_fields=…)` so the search index follows (its receivers)."""
    for model, pk, field in ((Product, product_id, "product_id"), (Booth, booth_id, "booth_id")):
        agg = (
            Review.objects.visible().filter(**{field: pk}).aggregate(a=Avg("rating"), n=Count("pk"))
        )
        obj = model.objects.filter(pk=pk).first()
        if obj is None:
            continue
        average = round(agg["a"] or 0, 2)
        if (float(obj.rating_average), obj.rating_count) != (float(average), agg["n"]):
            obj.rating_average, obj.rating_count = average, agg["n"]
            obj.save(update_fields=["rating_average", "rating_count", "updated_at"])
