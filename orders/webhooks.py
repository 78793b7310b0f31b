"""Stripe webhooks: a small routing class.

Verify the signature (and its age), record the event id once (a unique key: repeats are
answered 200 and ignored), look the type up in a dict, answer 200 for types we do not
use. Processing runs in the same transaction as the record, so a crash lets Stripe retry.
Handlers are written so that any order of arrival ends in the same state.
"""

import json
import logging

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone

from orders.models import Order, PaymentEvent

log = logging.getLogger(__name__)

TOLERANCE_SECONDS = 300


class WebhookHandler:
    def __init__(self, request):
        self.request = request

    def handle(self):
        secret = settings.STRIPE_WEBHOOK_SECRET
        if not secret:
            return HttpResponse("webhook not configured", status=404)
        payload = self.request.body
        header = self.request.headers.get("Stripe-Signature", "")
        try:
            stripe.WebhookSignature.verify_header(payload, header, secret, TOLERANCE_SECONDS)
        except stripe.SignatureVerificationError:
            return HttpResponse("bad signature", status=400)
        except UnicodeDecodeError:
            return HttpResponse("payload is not text", status=400)
        try:
            event = json.loads(payload)
            event_id = str(event["id"])
            event_type = str(event["type"])
            obj = event["data"]["object"]
            if not isinstance(obj, dict):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            return HttpResponse("payload is not a Stripe event", status=400)

        handler = self.handlers.get(event_type)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = PaymentEvent.objects.create(
                        event_id=event_id[:255],
                        type=event_type[:100],
                        checkout_reference=self.reference_of(obj)[:20],
                        payload=event,
                    )
            except IntegrityError:
                return HttpResponse("duplicate event ignored", status=200)
            outcome = "ignored: unhandled type" if handler is None else handler(self, obj)
            record.outcome = outcome[:255]
            record.save(update_fields=["outcome"])
        return HttpResponse(outcome, status=200)

    # --- helpers ----------------------------------------------------------------

    @staticmethod
    def reference_of(obj):
        metadata = obj.get("metadata") or {}
        return str(metadata.get("checkout_reference") or obj.get("client_reference_id") or "")

    def orders_for(self, obj):
        reference = self.reference_of(obj)
        if not reference:
            return []
        return list(
            Order.objects.select_for_update()
            .filter(checkout_reference=reference, payment_method=Order.PaymentMethod.CARD)
            .order_by("pk")
        )

    # --- handlers ---------------------------------------------------------------

    def session_completed(self, obj):
        if obj.get("payment_status") != "paid":
            return "waiting: session completed but not paid yet"
        return self.mark_paid(obj)

    def async_payment_succeeded(self, obj):
        return self.mark_paid(obj)

    def mark_paid(self, obj):
        orders = self.orders_for(obj)
        if not orders:
            log.warning("Stripe event for unknown checkout %r", self.reference_of(obj))
            return "ignored: unknown order"
        expected = sum(order.total for order in orders)
        amount = obj.get("amount_total")
        currency = str(obj.get("currency") or "").lower()
        if amount != expected or currency != settings.STRIPE_CURRENCY:
            log.error(
                "Stripe amount mismatch for %s: got %r %s, expected %s %s",
                orders[0].checkout_reference,
                amount,
                currency,
                expected,
                settings.STRIPE_CURRENCY,
            )
            return "refused: amount or currency mismatch"
        now = timezone.now()
        paid = 0
        late = []
        for order in orders:
            if order.payment_status != Order.PaymentStatus.UNPAID:
                continue  # already paid (or refunded): a repeat or a late event
            order.payment_status = Order.PaymentStatus.PAID
            order.paid_at = now
            order.stripe_session_id = str(obj.get("id") or order.stripe_session_id)
            order.stripe_payment_intent = str(obj.get("payment_intent") or "")
            order.save(
                update_fields=[
                    "payment_status",
                    "paid_at",
                    "stripe_session_id",
                    "stripe_payment_intent",
                    "updated_at",
                ]
            )
            paid += 1
            if order.status == Order.Status.CANCELLED:
                late.append(order)
        for order in late:
            # Paid after it was cancelled (e.g. expired): give the money back.
            transaction.on_commit(lambda order=order: refund_late_payment(order.pk))
        if paid:
            from orders import notifications

            notifications.payment_received(orders)  # enqueued after commit
        return f"paid: {paid} order(s)" + (f", {len(late)} refunded late" if late else "")

    def session_expired(self, obj):
        return self.cancel_unpaid(obj, "Phiên thanh toán thẻ đã hết hạn")

    def async_payment_failed(self, obj):
        return self.cancel_unpaid(obj, "Thanh toán thẻ không thành công")

    def cancel_unpaid(self, obj, note):
        from orders import transitions

        orders = self.orders_for(obj)
        if not orders:
            log.warning("Stripe event for unknown checkout %r", self.reference_of(obj))
            return "ignored: unknown order"
        cancelled = 0
        for order in orders:
            if order.status != Order.Status.PENDING or order.payment_status != "unpaid":
                continue  # paid, or already cancelled: nothing to do
            try:
                transitions.move(
                    order, Order.Status.CANCELLED, roles={"system"}, note=note, require_unpaid=True
                )
                cancelled += 1
            except transitions.TransitionError:
                continue
        return f"cancelled: {cancelled} order(s)"

    def charge_refunded(self, obj):
        intent = str(obj.get("payment_intent") or "")
        if not intent:
            return "ignored: no payment intent"
        orders = list(
            Order.objects.select_for_update().filter(stripe_payment_intent=intent).order_by("pk")
        )
        if not orders:
            log.warning("Stripe refund for unknown payment %r", intent)
            return "ignored: unknown order"
        if not obj.get("refunded") and obj.get("amount_refunded", 0) < obj.get("amount", 0):
            # A partial refund: ours, made per order when a seller cancels; already recorded.
            return "noted: partial refund"
        changed = 0
        for order in orders:
            if order.payment_status == Order.PaymentStatus.PAID:
                order.payment_status = Order.PaymentStatus.REFUNDED
                order.save(update_fields=["payment_status", "updated_at"])
                changed += 1
                if order.status in (Order.Status.PENDING, Order.Status.CONFIRMED):
                    from orders import transitions

                    transitions.move(
                        order, Order.Status.CANCELLED, roles={"system"}, note="Đã hoàn tiền"
                    )
        return f"refunded: {changed} order(s)"

    handlers = {
        "checkout.session.completed": session_completed,
        "checkout.session.async_payment_succeeded": async_payment_succeeded,
        "checkout.session.async_payment_failed": async_payment_failed,
        "checkout.session.expired": session_expired,
        "charge.refunded": charge_refunded,
    }


def refund_late_payment(order_pk):
    from orders import payments

    order = Order.objects.get(pk=order_pk)
    if order.payment_status != Order.PaymentStatus.PAID:
        return
    try:
        refund_id = payments.refund_order(order)
    except payments.PaymentError:
        log.error("Could not refund late payment of cancelled order %s", order.number)
        return
    Order.objects.filter(pk=order.pk, payment_status=Order.PaymentStatus.PAID).update(
        payment_status=Order.PaymentStatus.REFUNDED, stripe_refund_id=refund_id
    )
