"""Thin views: write or edit a review, report, vote, and the seller's replies."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.filters import PageField, QueryForm
from shops.permissions import booths_for

from . import actions, rules
from .display import photos_prefetch
from .forms import ReplyForm, ReportForm, ReviewForm
from .models import Review


def _refused(request, form, exc):
    for message in exc.messages:
        form.add_error(None, message)


@login_required
def write(request, item_id):
    """Rate a delivered line. Anyone else (another buyer, an undelivered order, a line
    already reviewed) gets a 404, whether by the form or a crafted POST."""
    item = (
        rules.reviewable_items(request.user)
        .select_related("order", "product")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        existing = Review.objects.filter(order_item_id=item_id, user=request.user).first()
        if existing is not None:
            return redirect("reviews:edit", pk=existing.pk)
        raise Http404
    form = ReviewForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.create(
                request.user,
                item,
                rating=form.cleaned_data["rating"],
                text=form.cleaned_data["text"],
                photos=form.cleaned_data["photos"],
            )
        except actions.ReviewRefused as exc:
            _refused(request, form, exc)
        else:
            messages.success(request, _("Thank you! Your review is published."))
            return redirect(item.order.get_absolute_url())
    return render(
        request, "reviews/review_form.html", {"form": form, "item": item, "product": item.product}
    )


@login_required
def edit(request, pk):
    review = get_object_or_404(
        Review.objects.select_related("product", "order_item__order").prefetch_related(
            photos_prefetch()
        ),
        pk=pk,
        user=request.user,
    )
    editable = rules.can_edit(request.user, review)
    form = ReviewForm(
        request.POST or None,
        request.FILES or None,
        initial={"rating": review.rating, "text": review.text},
    )
    if request.method == "POST" and not editable:
        form.add_error(None, _("This review can no longer be edited."))
    elif request.method == "POST" and form.is_valid():
        try:
            actions.update(
                request.user,
                review,
                rating=form.cleaned_data["rating"],
                text=form.cleaned_data["text"],
                photos=form.cleaned_data["photos"],
                remove_photos=[int(v) for v in request.POST.getlist("remove_photo") if v.isdigit()],
            )
        except actions.ReviewRefused as exc:
            _refused(request, form, exc)
        else:
            messages.success(request, _("Your review has been updated."))
            return redirect(review.order_item.order.get_absolute_url())
    return render(
        request,
        "reviews/review_form.html",
        {"form": form, "review": review, "product": review.product, "editable": editable},
    )


def _back_to_product(review):
    return redirect(review.product.get_absolute_url() + "#danh-gia")


@login_required
@require_POST
def report(request, pk):
    review = get_object_or_404(Review.objects.visible().select_related("product"), pk=pk)
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why you report this review."))
        return _back_to_product(review)
    try:
        actions.report(request.user, review, form.cleaned_data["reason"], form.cleaned_data["note"])
    except actions.ReviewRefused as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Thank you: a moderator will look at this review."))
    return _back_to_product(review)


@login_required
@require_POST
def helpful(request, pk):
    review = get_object_or_404(Review.objects.visible().select_related("product"), pk=pk)
    try:
        actions.vote_helpful(request.user, review)
    except actions.ReviewRefused as exc:
        messages.error(request, exc.messages[0])
    return _back_to_product(review)


class SellerReviewsForm(QueryForm):
    page = PageField()


@login_required
def seller_reviews(request):
    """Reviews of the user's booths, newest first, with a reply form where none exists."""
    booths = booths_for(request.user)
    params = SellerReviewsForm.parse(request.GET)
    qs = (
        Review.objects.filter(booth__in=booths)
        .select_related("product", "user", "reply")
        .prefetch_related(photos_prefetch())
        .order_by("-created_at", "-pk")
    )
    page = Paginator(qs, 20).get_page(params.get("page"))
    return render(
        request,
        "reviews/seller_reviews.html",
        {"page_obj": page, "reviews": page.object_list, "reply_form": ReplyForm()},
    )


@login_required
@require_POST
def seller_reply(request, pk):
    review = get_object_or_404(Review.objects.filter(booth__in=booths_for(request.user)), pk=pk)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the reply."))
        return redirect("reviews:seller_reviews")
    try:
        actions.reply(request.user, review, form.cleaned_data["text"])
    except actions.ReviewRefused as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Your reply is published under the review."))
    return redirect("reviews:seller_reviews")
