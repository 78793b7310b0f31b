"""OCOP ratings and certifications as checked records, decided here and nowhere else.

    (seller submits) → pending → checked | rejected      (a moderator: `check`, `reject`)
    checked → expired                                      (`expire_due`, run by the scheduler)

A product's badges — `Product.ocop_stars`, `ocop_level` and the `certifications` it shows
and is counted under in the catalogue filter and the search facets — are derived from its
*valid* records (checked and not expired) by `refresh_badges`, after every change here. The
seller never types them.

Every moderator decision is recorded in Wagtail's audit log (`LOG_LABELS`, registered in
`catalog/wagtail_hooks.py`) with who, when and why, on the certificate's history page.
The documents are checked on upload by `validate_document` (type by content, size, pixels).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from catalog.models import Certificate, Product

S = Certificate.Status

#: Wagtail audit-log action names and their (label, message) in the history.
LOG_LABELS = {
    "catalog.certificate.submit": (
        gettext_lazy("Submit certificate"),
        gettext_lazy("Certificate submitted for a check"),
    ),
    "catalog.certificate.check": (
        gettext_lazy("Check certificate"),
        gettext_lazy("Certificate checked by a moderator"),
    ),
    "catalog.certificate.reject": (
        gettext_lazy("Reject certificate"),
        gettext_lazy("Certificate rejected"),
    ),
    "catalog.certificate.expire": (
        gettext_lazy("Certificate expired"),
        gettext_lazy("Certificate expired"),
    ),
}

DOCUMENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg",
                  "png": "image/png", "webp": "image/webp"}  # fmt: skip


class CertificateRefused(ValidationError):
    """A change the rules do not allow; `.messages` holds the translated reasons."""


def _log(cert, action, *, by, reason="", **data):
    log(
        instance=cert,
        action=f"catalog.certificate.{action}",
        user=by if getattr(by, "is_authenticated", False) else None,
        data={"reason": reason, "product": cert.product_id, **data},
    )


def max_document_size():
    return int(getattr(settings, "CERTIFICATE_MAX_UPLOAD_SIZE", 10 * 1024 * 1024))


def validate_document(uploaded):
    """A certificate's document: a PDF, JPEG, PNG or WebP file, by its content, not its name;
    not larger than `CERTIFICATE_MAX_UPLOAD_SIZE`, images not over the pixel limit."""
    if uploaded.size > max_document_size():
        raise ValidationError(
            _("The document is too big (at most %(size)s).")
            % {"size": filesizeformat(max_document_size())},
            code="too_big",
        )
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return uploaded
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(uploaded) as image:
            kind = (image.format or "").lower()
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        kind = ""
    finally:
        uploaded.seek(0)
    if kind not in ("jpeg", "png", "webp"):
        raise ValidationError(
            _("Upload the certificate as a PDF or a photo (JPEG, PNG or WebP)."), code="type"
        )
    limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
    if limit and width * height > limit:
        raise ValidationError(_("The photo of the document has too many pixels."), code="pixels")
    return uploaded


@transaction.atomic
def submit(product, *, by, **fields):
    """A seller adds a record (pending until a moderator checks it)."""
    cert = Certificate.objects.create(product=product, status=S.PENDING, **fields)
    _log(cert, "submit", by=by)
    return cert


def _decide(cert, status, action, *, by, reason=""):
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=cert.pk)
        allowed = {"check": {S.PENDING, S.REJECTED}, "reject": {S.PENDING, S.CHECKED}}[action]
        if locked.status not in allowed:
            raise CertificateRefused(
                _("A certificate that is “%(status)s” cannot be changed this way.")
                % {"status": S(locked.status).label}
            )
        old = locked.status
        locked.status = status
        locked.note = reason
        locked.checked_by = by if getattr(by, "is_authenticated", False) else None
        locked.checked_at = timezone.now()
        locked.save(update_fields=["status", "note", "checked_by", "checked_at", "updated_at"])
        _log(locked, action, by=by, reason=reason, **{"from": old, "to": status})
        refresh_badges(locked.product)
    for name in ("status", "note", "checked_by_id", "checked_at"):
        setattr(cert, name, getattr(locked, name))
    return cert


def check(cert, *, by):
    """A moderator has seen the document and confirms the record."""
    if cert.expires_on < timezone.localdate():
        raise CertificateRefused(_("This certificate has already expired."))
    return _decide(cert, S.CHECKED, "check", by=by)


def reject(cert, *, by, reason):
    """A moderator refuses the record; the seller sees *reason*."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateRefused(_("Give the seller a reason for rejecting the certificate."))
    return _decide(cert, S.REJECTED, "reject", by=by, reason=reason)


def refresh_badges(product, today=None):
    """Set the product's OCOP stars, level and certifications from its valid records."""
    valid = list(Certificate.objects.valid(today).filter(product_id=product.pk).order_by("pk"))
    ocop = max(
        (c for c in valid if c.kind == Certificate.Kind.OCOP),
        key=lambda c: (c.ocop_stars or 0, c.ocop_level == Certificate.Level.NATIONAL),
        default=None,
    )
    stars = ocop.ocop_stars if ocop else 0
    level = ocop.ocop_level if ocop else ""
    product = Product.objects.get(pk=product.pk)
    if (product.ocop_stars, product.ocop_level) != (stars, level):
        product.ocop_stars, product.ocop_level = stars, level
        product.save(update_fields=["ocop_stars", "ocop_level", "updated_at"])
    wanted = {c.certification_id for c in valid if c.kind == Certificate.Kind.CERTIFICATION}
    current = set(product.certifications.values_list("pk", flat=True))
    if wanted != current:
        product.certifications.set(wanted)
    return product


def expire_due(today=None):
    """Checked records whose validity ended: marked expired, their products' badges dropped.

    Returns the expired records (run by `manage.py expire_certificates`)."""
    today = today or timezone.localdate()
    expired = []
    for cert in Certificate.objects.filter(status=S.CHECKED, expires_on__lt=today).select_related(
        "product"
    ):
        with transaction.atomic():
            Certificate.objects.filter(pk=cert.pk).update(
                status=S.EXPIRED, updated_at=timezone.now()
            )
            cert.status = S.EXPIRED
            _log(cert, "expire", by=None, reason=str(cert.expires_on))
            refresh_badges(cert.product, today)
        expired.append(cert)
    return expired


def expiring_soon(today=None, days=None):
    """Checked records ending within *days* (default `CERTIFICATE_WARN_DAYS`, 30) whose
    seller has not been warned yet."""
    today = today or timezone.localdate()
    days = days if days is not None else int(getattr(settings, "CERTIFICATE_WARN_DAYS", 30))
    return Certificate.objects.filter(
        status=S.CHECKED,
        expires_on__gte=today,
        expires_on__lte=today + timedelta(days=days),
        expiry_warned_on__isnull=True,
    ).select_related("product", "certification")


def mark_warned(certs, today=None):
    today = today or timezone.localdate()
    Certificate.objects.filter(pk__in=[c.pk for c in certs]).update(expiry_warned_on=today)


def badges(product, today=None):
    """The valid records of a product, for its page (one query)."""
    return list(
        Certificate.objects.valid(today)
        .filter(product_id=product.pk)
        .select_related("certification")
        .order_by("kind", "-ocop_stars", "certification__name")
    )
