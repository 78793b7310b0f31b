"""Moderators hide or restore a review, with a reason (Wagtail admin)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import is_moderator

from . import actions
from .display import photos_prefetch
from .forms import ModerateForm
from .models import Review


def moderate(request, pk):
    if not is_moderator(request.user):
        raise PermissionDenied
    review = get_object_or_404(
        Review.objects.select_related("product", "booth", "user").prefetch_related(
            photos_prefetch(), "reports__reporter"
        ),
        pk=pk,
    )
    form = ModerateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if review.status == Review.Status.HIDDEN:
                actions.restore(review, by=request.user, reason=form.cleaned_data["reason"])
            else:
                actions.hide(review, by=request.user, reason=form.cleaned_data["reason"])
        except actions.ReviewRefused as exc:
            form.add_error("reason", exc.messages[0])
        else:
            messages.success(request, _("The review has been updated."))
            return redirect("reviews_moderate", pk=review.pk)
    return TemplateResponse(
        request,
        "reviews/admin/moderate.html",
        {
            "review": review,
            "form": form,
            "history_url": reverse("review:history", args=[review.pk]),
        },
    )
