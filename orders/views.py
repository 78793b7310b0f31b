"""Thin views: the cart, checkout, the shopper's and the seller's order pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.clientip import client_ip
from core.ratelimit import rate_limit
from core.translation import with_names
from orders import cart as carts
from orders import checkout, lookup, payments, shipping, transitions, vietqr
from orders.forms import (
    CheckoutForm,
    OrderListForm,
    OrderLookupForm,
    PaymentReturnForm,
    QuoteForm,
)
from orders.models import Order, OrderItem
from orders.webhooks import WebhookHandler
from shops.permissions import booths_for


def _back(request, fallback="orders:cart"):
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


# --- cart ----------------------------------------------------------------------


PLACED_KEY = "placed_checkouts"  # the checkouts this browser placed (guests' way back)


def _remember_checkout(request, reference):
    placed = [r for r in request.session.get(PLACED_KEY, []) if r != reference]
    request.session[PLACED_KEY] = (placed + [reference])[-20:]


def _default_province(request):
    if request.user.is_authenticated:
        last = Order.objects.filter(user=request.user).order_by("-created_at").first()
        if last is not None:
            return last.province
    return ""


@never_cache
def cart_page(request):
    view = carts.view(request)
    params = QuoteForm.parse(request.GET)
    province = params.get("province") or _default_province(request)
    quote = shipping.quote_cart(view, province) if not view.is_empty else None
    return render(
        request,
        "orders/cart.html",
        {"cart": view, "quote": quote, "province_choices": provinces_choices()},
    )


def provinces_choices():
    from areas.provinces import choices

    return choices()


@never_cache
def shipping_quote(request):
    """JSON: each booth's delivery fee and the totals for ?province= (the checkout's script)."""
    view = carts.view(request)
    params = QuoteForm.parse(request.GET)
    pickup = set()
    for part in (params.get("pickup") or "").split(","):
        if part.strip().isdigit():
            pickup.add(int(part))
    methods = dict.fromkeys(pickup, shipping.PICKUP)
    quote = shipping.quote_cart(view, params.get("province"), methods)
    return JsonResponse(quote.as_dict())


@require_POST
def cart_add(request):
    try:
        quantity = carts.parse_quantity(request.POST.get("quantity", "1"))
        product = carts.add(request, request.POST.get("product"), quantity)
    except carts.CartError as exc:
        messages.error(request, str(exc))
        return _back(request)
    messages.success(request, with_names(_("Added “%(name)s” to your cart."), name=product.name))
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


def _checkout_form(request, view, quote, data=None, initial=None):
    return CheckoutForm(
        data,
        initial=initial,
        card_enabled=payments.stripe_enabled(),
        vietqr_enabled=quote.vietqr_everywhere,
        guest=not request.user.is_authenticated,
        pickup_booths=[q.booth for q in quote.booths if q.pickup_offered],
    )


def _checkout_context(view, form, quote):
    return {"cart": view, "form": form, "quote": quote}


@never_cache
@rate_limit("checkout", methods=("POST",))
def checkout_page(request):
    """Checkout for signed-in shoppers and guests alike (guests give a phone, maybe an e-mail)."""
    view = carts.view(request)
    if view.is_empty:
        messages.info(request, _("Your cart is empty."))
        return redirect("orders:cart")
    user = request.user if request.user.is_authenticated else None
    if request.method == "POST":
        probe = _checkout_form(request, view, shipping.quote_cart(view, None), request.POST)
        quote = shipping.quote_cart(view, request.POST.get("province"), probe.delivery_methods())
        form = _checkout_form(request, view, quote, request.POST)
        if request.POST.get("action") == "quote":  # "update delivery fees" without script
            post = request.POST.copy()
            post["shipping_seen"] = str(quote.shipping) if quote.complete else ""
            form = _checkout_form(request, view, quote, post)
            form.errors.clear()
            return render(request, "orders/checkout.html", _checkout_context(view, form, quote))
        if form.is_valid():
            data = {**form.cleaned_data, "delivery": form.delivery_methods()}
            try:
                # The orders and the emptied cart are one outcome: both or neither.
                with transaction.atomic():
                    orders = checkout.place_orders(
                        user, view, data, data["payment_method"], data["fingerprint"]
                    )
                    carts.store_for(request).clear()
            except checkout.CheckoutError as exc:
                # Nothing was placed. Show the cart as it is now (changed prices and fees
                # marked), then remember that the shopper has seen these prices.
                messages.error(request, str(exc))
                view = carts.view(request)
                quote = shipping.quote_cart(view, data.get("province"), data["delivery"])
                post = request.POST.copy()
                post["fingerprint"] = view.fingerprint()
                post["shipping_seen"] = str(quote.shipping) if quote.complete else ""
                form = _checkout_form(request, view, quote, post)
                carts.acknowledge_prices(request, view.lines)
                return render(
                    request,
                    "orders/checkout.html",
                    _checkout_context(view, form, quote),
                    status=409,
                )
            reference = orders[0].checkout_reference
            _remember_checkout(request, reference)
            if data["payment_method"] == Order.PaymentMethod.CARD:
                return _start_card_payment(request, orders)
            return redirect("orders:checkout_done", reference=reference)
    else:
        initial = _last_address(request.user) if user else {}
        quote = shipping.quote_cart(view, initial.get("province"))
        initial["fingerprint"] = view.fingerprint()
        initial["shipping_seen"] = quote.shipping if quote.complete else None
        form = _checkout_form(request, view, quote, initial=initial)
    return render(request, "orders/checkout.html", _checkout_context(view, form, quote))


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
    """The checkout's orders, if they are the shopper's or were placed from this browser."""
    orders = Order.objects.filter(checkout_reference=reference)
    if reference not in request.session.get(PLACED_KEY, []):
        orders = orders.for_shopper(request.user)  # nothing for a guest
    orders = list(orders.select_related("booth").prefetch_related("items"))
    if not orders:
        raise Http404
    return orders


@never_cache
def checkout_done(request, reference):
    orders = _orders_of_checkout(request, reference)
    return render(
        request,
        "orders/checkout_done.html",
        {
            "orders": orders,
            "reference": reference,
            "total": sum(o.total for o in orders),
            "shipping": sum(o.shipping_fee for o in orders),
            "guest": orders[0].user_id is None,
        },
    )


@never_cache
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


def _shopper_order_page(request, order, base_url):
    roles = {"shopper"}
    context = {
        "order": order,
        "actions": transitions.available_actions(order, roles),
        "action_url": base_url + "huy/",
        "report_url": base_url + "da-chuyen-khoan/",
    }
    if order.payment_method == Order.PaymentMethod.VIETQR and order.bank_bin:
        context["vietqr"] = _vietqr_context(order)
    return render(request, "orders/order_detail.html", context)


def _vietqr_context(order):
    from shops.banks import full_name, short_name

    payload = vietqr.for_order(order)
    return {
        "payload": payload,
        "svg": vietqr.svg(payload).decode().split("?>", 1)[-1],
        "bank": short_name(order.bank_bin),
        "bank_full": full_name(order.bank_bin),
        "note": vietqr.transfer_note(order.number),
    }


@login_required
def my_order_detail(request, number):
    order = get_object_or_404(_detail_queryset().for_shopper(request.user), number=number)
    return _shopper_order_page(request, order, order.get_absolute_url())


def _order_by_link_or_404(number, token, queryset=None):
    import secrets

    order = get_object_or_404(queryset or Order.objects.all(), number=number)
    if not secrets.compare_digest(order.access_token, token):
        raise Http404
    return order


@never_cache
def order_by_link(request, number, token):
    """The order's private link (confirmation page and e-mail): no account needed."""
    order = _order_by_link_or_404(number, token, _detail_queryset())
    return _shopper_order_page(request, order, order.get_private_url())


def _cancel(request, order):
    try:
        transitions.move(
            order,
            Order.Status.CANCELLED,
            roles={"shopper"},
            actor=request.user if request.user.is_authenticated else None,
            note=request.POST.get("note", "")[:255] or _("Cancelled by the shopper"),
        )
    except transitions.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your order has been cancelled."))


@login_required
@require_POST
def my_order_cancel(request, number):
    order = get_object_or_404(Order.objects.for_shopper(request.user), number=number)
    _cancel(request, order)
    return redirect(order.get_absolute_url())


@require_POST
def order_by_link_cancel(request, number, token):
    order = _order_by_link_or_404(number, token)
    _cancel(request, order)
    return redirect(order.get_private_url())


def _report(request, order):
    if transitions.report_transfer(order):
        messages.success(
            request,
            _("Thank you. The booth will check its account and confirm your payment."),
        )
    else:
        messages.info(request, _("This order is not waiting for a bank transfer."))


@login_required
@require_POST
def my_order_report_transfer(request, number):
    order = get_object_or_404(Order.objects.for_shopper(request.user), number=number)
    _report(request, order)
    return redirect(order.get_absolute_url())


@require_POST
def order_by_link_report_transfer(request, number, token):
    order = _order_by_link_or_404(number, token)
    _report(request, order)
    return redirect(order.get_private_url())


@never_cache
def order_lookup(request):
    """Find an order by its code and the phone number it was placed with."""
    form = OrderLookupForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        number, phone = form.cleaned_data["number"], form.cleaned_data["phone"]
        if not lookup.allowed(client_ip(request), number):
            form.add_error(None, _("Too many attempts. Please wait a few minutes and try again."))
            status = 429
        else:
            order = lookup.find(number, phone)
            if order is not None:
                return redirect(order.get_private_url())
            form.add_error(
                None, _("No order matches this code and phone number. Check both and try again.")
            )
            status = 404
    return render(request, "orders/lookup.html", {"form": form}, status=status)


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
            "can_confirm_transfer": order.awaiting_transfer,
        },
    )


@login_required
@require_POST
def seller_confirm_transfer(request, number):
    order = get_object_or_404(_seller_orders(request.user), number=number)
    try:
        transitions.confirm_transfer(order, roles={"seller"}, actor=request.user)
    except transitions.TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Payment received for order %(number)s.") % {"number": order.number}
        )
    return redirect(order.get_seller_url())


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


def vietqr_image(request, number, token):
    """The order's VietQR code as an SVG image (for saving to the phone's gallery)."""
    order = _order_by_link_or_404(number, token)
    if order.payment_method != Order.PaymentMethod.VIETQR or not order.bank_bin:
        raise Http404
    response = HttpResponse(vietqr.svg(vietqr.for_order(order)), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="vietqr-{order.number}.svg"'
    response["Cache-Control"] = "private, no-store"
    return response


@csrf_exempt
@require_POST
def stripe_webhook(request):
    return WebhookHandler(request).handle()
