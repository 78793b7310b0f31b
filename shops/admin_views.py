"""Moderators' booth and product actions inside the Wagtail admin (/cms-admin/)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.roles import is_moderator
from catalog import certificates, publishing
from catalog.models import Certificate, Product
from shops import moderation, verification
from shops.models import Booth


class BoothModerationForm(forms.Form):
    action = forms.ChoiceField(label=gettext_lazy("Action"), choices=())
    reason = forms.CharField(
        label=gettext_lazy("Reason (sent to the owner)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, booth, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        targets = moderation.allowed_targets(booth)
        if Booth.Status.APPROVED in targets:
            name = "reinstate" if booth.status == Booth.Status.SUSPENDED else "approve"
            choices.append((name, moderation.ACTION_LABELS[name]))
        if Booth.Status.REJECTED in targets:
            choices.append(("reject", moderation.ACTION_LABELS["reject"]))
        if Booth.Status.SUSPENDED in targets:
            choices.append(("suspend", moderation.ACTION_LABELS["suspend"]))
        choices.append(
            ("unverify", gettext_lazy("Remove the “verified” badge"))
            if booth.is_verified
            else ("verify", gettext_lazy("Mark as verified by the province"))
        )
        self.fields["action"].choices = choices


class HandOverForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail of the new owner"))

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("No account uses this e-mail address."))
        return user


def _require_moderator(request):
    if not is_moderator(request.user):
        raise PermissionDenied


def moderate_booth(request, pk):
    _require_moderator(request)
    booth = get_object_or_404(Booth, pk=pk)
    form = BoothModerationForm(booth, request.POST if "action" in request.POST else None)
    handover = HandOverForm(request.POST if "email" in request.POST else None)
    if request.method == "POST" and form.is_bound and form.is_valid():
        action = form.cleaned_data["action"]
        try:
            with transaction.atomic():
                if action in ("verify", "unverify"):
                    moderation.set_verified(
                        booth,
                        action == "verify",
                        by=request.user,
                        reason=form.cleaned_data["reason"],
                    )
                else:
                    moderation.apply_action(
                        booth, action, by=request.user, reason=form.cleaned_data["reason"]
                    )
        except (moderation.TransitionRefused, verification.VerificationRefused) as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("“%(name)s” has been updated.") % {"name": booth.name})
            return redirect("shops_moderate_booth", pk=booth.pk)
    if request.method == "POST" and handover.is_bound and handover.is_valid():
        moderation.hand_over(booth, handover.cleaned_data["email"], by=request.user)
        messages.success(
            request,
            _("The booth now belongs to %(email)s.")
            % {"email": handover.cleaned_data["email"].email},
        )
        return redirect("shops_moderate_booth", pk=booth.pk)
    return TemplateResponse(
        request,
        "shops/admin/moderate_booth.html",
        {
            "booth": booth,
            "form": form,
            "handover": handover,
            "members": booth.memberships.select_related("user"),
            "edit_url": reverse("booth:edit", args=[booth.pk]),
            "history_url": reverse("booth:history", args=[booth.pk]),
        },
    )


class ProductHideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (shown to the seller)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


def moderate_product(request, pk):
    _require_moderator(request)
    product = get_object_or_404(Product.objects.select_related("booth"), pk=pk)
    form = ProductHideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if product.status == Product.Status.HIDDEN:
                publishing.restore(product, by=request.user)
            else:
                publishing.hide(product, by=request.user, reason=form.cleaned_data["reason"])
        except publishing.PublishingRefused as exc:
            form.add_error("reason", exc.messages[0])
        else:
            messages.success(request, _("“%(name)s” has been updated.") % {"name": product.name})
            return redirect("shops_moderate_product", pk=product.pk)
    return TemplateResponse(
        request,
        "shops/admin/moderate_product.html",
        {
            "product": product,
            "form": form,
            "history_url": reverse("product:history", args=[product.pk]),
        },
    )


class CertificateCheckForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("check", gettext_lazy("The document is genuine: show the badge")),
            ("reject", gettext_lazy("Reject (the seller sees the reason)")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def check_certificate(request, pk):
    """A moderator looks at the document and checks or rejects the record."""
    _require_moderator(request)
    cert = get_object_or_404(
        Certificate.objects.select_related("product__booth", "certification", "checked_by"), pk=pk
    )
    form = CertificateCheckForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["action"] == "check":
                certificates.check(cert, by=request.user)
            else:
                certificates.reject(cert, by=request.user, reason=form.cleaned_data["reason"])
        except certificates.CertificateRefused as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, _("“%(name)s” has been updated.") % {"name": cert.label})
            return redirect("shops_check_certificate", pk=cert.pk)
    return TemplateResponse(
        request,
        "shops/admin/check_certificate.html",
        {
            "cert": cert,
            "form": form,
            "history_url": reverse("certificate:history", args=[cert.pk]),
        },
    )
