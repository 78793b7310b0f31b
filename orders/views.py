"""Thin views: the cart, checkout, the shopper's and the seller's order pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.ratelimit import rate_limit
from orders import cart as carts
from orders import checkout, payments, transitions
from orders.forms import CheckoutForm, OrderListForm, PaymentReturnForm
from orders.models import Order, OrderItem
from orders.webhooks import WebhookHandler
from shops.permissions import booths_for


def _back(request, fallback="orders:cart"):
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


# --- cart ----------------------------------------------------------------------


def cart_page(request):
    view = carts.view(request)
    return render(request, "orders/cart.html", {"cart": view})


@require_POST
def cart_add(request):
    try:
        quantity = carts.parse_quantity(request.POST.get("quantity", "1"))
        product = carts.add(request, request.POST.get("product"), quantity)
    except carts.CartError as exc:
        messages.error(request, str(exc))
        return _back(request)
    messages.success(request, _("Added “%(name)s” to your cart.") % {"name": product.name})
    return _back(request)


@require_POST
def cart_update(request):
    try:
        quantity = carts.parse_quantity(request.POST.get("quantity", ""), allow_zero=True)
        carts.update(request, request.POST.get("product"), quantity)
    except carts.CartError as exc:
        messages.error(request, str(exc))
    return redirect("orders:cart")


@require_POST
def cart_remove(request):
    carts.remove(request, request.POST.get("product"))
    return redirect("orders:cart")


# --- checkout ------------------------------------------------------------------


def _last_address(user):
    last = Order.objects.filter(user=user).order_by("-created_at").first()
    if last is None:
        return {
            "recipient_name": user.get_full_name() if user.full_name else "",
            "phone": user.phone,
        }
    return {
        field: getattr(last, field)
        for field in ("recipient_name", "phone", "province", "ward", "street")
    }


@login_required
@rate_limit("checkout", methods=("POST",))
def checkout_page(request):
    view = carts.view(request)
    if view.is_empty:
        messages.info(request, _("Your cart is empty."))
        return redirect("orders:cart")
    card = payments.stripe_enabled()
    if request.method == "POST":
        form = CheckoutForm(request.POST, card_enabled=card)
        if form.is_valid():
            data = form.cleaned_data
            try:
                # The orders and the emptied cart are one outcome: both or neither.
                with transaction.atomic():
                    orders = checkout.place_orders(
                        request.user, view, data, data["payment_method"], data["fingerprint"]
                    )
                    carts.store_for(request).clear()
            except checkout.CheckoutError as exc:
                # Nothing was placed. Show the cart as it is now (changed prices marked),
                # then remember that the shopper has seen these prices.
                messages.error(request, str(exc))
                view = carts.view(request)
                post = request.POST.copy()
                post["fingerprint"] = view.fingerprint()
                form = CheckoutForm(post, card_enabled=card)
                carts.acknowledge_prices(request, view.lines)
                return render(
                    request, "orders/checkout.html", {"cart": view, "form": form}, status=409
                )
            reference = orders[0].checkout_reference
            if data["payment_method"] == Order.PaymentMethod.CARD:
                return _start_card_payment(request, orders)
            return redirect("orders:checkout_done", reference=reference)
    else:
        form = CheckoutForm(
            initial={**_last_address(request.user), "fingerprint": view.fingerprint()},
            card_enabled=card,
        )
    return render(request, "orders/checkout.html", {"cart": view, "form": form})


def _start_card_payment(request, orders):
    from datetime import timedelta

    reference = orders[0].checkout_reference
    base = request.build_absolute_uri(reverse("orders:payment_return", args=[reference]))
    # Stripe closes the session a little before the expiry command cancels the orders
    # (Stripe's minimum is 30 minutes); a payment that still lands late is refunded.
    window = max(30, checkout.card_expiry_minutes() - 10)
    expires = orders[0].created_at + timedelta(minutes=window)  # same on a retry
    try:
        session = payments.create_checkout_session(
            orders,
            success_url=f"{base}?result=success",
            cancel_url=f"{base}?result=cancelled",
            expires_at=expires,
        )
    except payments.PaymentError as exc:
        messages.error(request, str(exc))
        return redirect("orders:checkout_done", reference=reference)
    return redirect(session.url)


def _orders_of_checkout(request, reference):
    orders = list(
        Order.objects.for_shopper(request.user)
        .filter(checkout_reference=reference)
        .select_related("booth")
        .prefetch_related("items")
    )
    if not orders:
        raise Http404
    return orders


@login_required
def checkout_done(request, reference):
    orders = _orders_of_checkout(request, reference)
    return render(
        request,
        "orders/checkout_done.html",
        {"orders": orders, "reference": reference, "total": sum(o.total for o in orders)},
    )


@login_required
def payment_return(request, reference):
    """Stripe's success and cancel pages: they show the status, they never change it."""
    orders = _orders_of_checkout(request, reference)
    return render(
        request,
        "orders/payment_return.html",
        {
            "orders": orders,
            "reference": reference,
            "cancelled_by_shopper": PaymentReturnForm.parse(request.GET).get("result")
            == "cancelled",
            "all_paid": all(o.payment_status != Order.PaymentStatus.UNPAID for o in orders),
            "total": sum(o.total for o in orders),
        },
    )


@login_required
@require_POST
def pay_again(request, reference):
    orders = _orders_of_checkout(request, reference)
    if not all(o.awaiting_card_payment for o in orders):
        messages.info(request, _("This checkout no longer needs a card payment."))
        return redirect("orders:checkout_done", reference=reference)
    return _start_card_payment(request, orders)


# --- shopper's orders ------------------------------------------------------------


@login_required
def my_orders(request):
    orders = (
        Order.objects.for_shopper(request.user).select_related("booth").prefetch_related("items")
    )
    params = OrderListForm.parse(request.GET)
    page = Paginator(orders, 20).get_page(params.get("page"))
    return render(request, "orders/my_orders.html", {"page": page, "orders": page.object_list})


def _detail_queryset():
    return Order.objects.select_related("booth", "user").prefetch_related(
        Prefetch("items", queryset=OrderItem.objects.order_by("id")), "history"
    )


@login_required
def my_order_detail(request, number):
    order = get_object_or_404(_detail_queryset().for_shopper(request.user), number=number)
    roles = {"shopper"}
    return render(
        request,
        "orders/order_detail.html",
        {
            "order": order,
            "actions": transitions.available_actions(order, roles),
            "action_url": reverse("orders:my_order_cancel", args=[order.number]),
        },
    )


@login_required
@require_POST
def my_order_cancel(request, number):
    order = get_object_or_404(Order.objects.for_shopper(request.user), number=number)
    try:
        transitions.move(
            order,
            Order.Status.CANCELLED,
            roles={"shopper"},
            actor=request.user,
            note=request.POST.get("note", "")[:255] or _("Cancelled by the shopper"),
        )
    except transitions.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your order has been cancelled."))
    return redirect(order.get_absolute_url())


# --- seller's orders -------------------------------------------------------------


def _seller_orders(user):
    return Order.objects.for_booths(booths_for(user))


@login_required
def seller_orders(request):
    booths = list(booths_for(request.user))
    orders = _seller_orders(request.user).select_related("booth").prefetch_related("items")
    params = OrderListForm.parse(request.GET)
    status = params.get("status", "")
    if status:
        orders = orders.filter(status=status)
    page = Paginator(orders, 30).get_page(params.get("page"))
    return render(
        request,
        "orders/seller_orders.html",
        {
            "page": page,
            "orders": page.object_list,
            "booths": booths,
            "booth": booths[0] if len(booths) == 1 else None,
            "statuses": Order.Status.choices,
            "current_status": status,
        },
    )


@login_required
def seller_order_detail(request, number):
    order = get_object_or_404(
        _detail_queryset().for_booths(booths_for(request.user)), number=number
    )
    roles = transitions.roles_for(request.user, order) & {"seller", "moderator"} or {"seller"}
    return render(
        request,
        "orders/seller_order_detail.html",
        {
            "order": order,
            "booth": order.booth,
            "actions": transitions.available_actions(order, roles),
        },
    )


@login_required
@require_POST
def seller_order_move(request, number):
    order = get_object_or_404(_seller_orders(request.user), number=number)
    target = request.POST.get("status", "")
    try:
        transitions.move(
            order,
            target,
            roles={"seller"},
            actor=request.user,
            note=request.POST.get("note", "")[:255],
        )
    except transitions.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        order.refresh_from_db()
        messages.success(
            request,
            _("Order %(number)s is now “%(status)s”.")
            % {"number": order.number, "status": order.get_status_display()},
        )
    return redirect(order.get_seller_url())


@login_required
def packing_slip(request, number):
    order = get_object_or_404(
        _detail_queryset().for_booths(booths_for(request.user)), number=number
    )
    return render(request, "orders/packing_slip.html", {"order": order})


# --- Stripe --------------------------------------------------------------------------


@csrf_exempt
@require_POST
def stripe_webhook(request):
    return WebhookHandler(request).handle()
