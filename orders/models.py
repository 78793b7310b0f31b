"""Carts, orders and the payment events that move them.

Money is whole đồng (VND has no minor unit). An order belongs to exactly one booth; one
checkout creates one order per booth, all sharing `checkout_reference`.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MAX_QUANTITY = 99  # per product line: a sane maximum for a household order


class Cart(models.Model):
    """A signed-in shopper's cart (guests keep theirs in the session)."""

    # Nothing in Wagtail's content refers to orders or carts: no reference-index task per
    # save (a checkout must not depend on the task queue answering; docs/security.md).
    wagtail_reference_index_ignore = True

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cart"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cart")
        verbose_name_plural = _("carts")

    def __str__(self):
        return f"{self.user}"


class CartItem(models.Model):
    wagtail_reference_index_ignore = True  # as Cart

    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    # The price the shopper saw when adding: a later change is shown, never charged silently.
    price_seen = models.PositiveBigIntegerField(_("price seen (VND)"), default=0)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cart item")
        verbose_name_plural = _("cart items")
        constraints = [
            models.UniqueConstraint(fields=["cart", "product"], name="unique_cart_product"),
        ]

    def __str__(self):
        return f"{self.product_id} × {self.quantity}"


class OrderQuerySet(models.QuerySet):
    def for_shopper(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def for_booths(self, booths):
        return self.filter(booth__in=booths)

    def active(self):
        return self.exclude(status=Order.Status.CANCELLED)


def new_reference():
    return secrets.token_hex(6).upper()


def new_access_token():
    """The secret part of an order's private link (the guest's way back to the order)."""
    return secrets.token_urlsafe(18)


class Order(models.Model):
    wagtail_reference_index_ignore = True  # as Cart

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("order status", "Pending")
        CONFIRMED = "confirmed", pgettext_lazy("order status", "Confirmed")
        SHIPPING = "shipping", pgettext_lazy("order status", "Shipping")
        DELIVERED = "delivered", pgettext_lazy("order status", "Delivered")
        CANCELLED = "cancelled", pgettext_lazy("order status", "Cancelled")

    class PaymentMethod(models.TextChoices):
        COD = "cod", _("Cash on delivery")
        VIETQR = "vietqr", _("Bank transfer (VietQR)")
        CARD = "card", _("Card (Stripe)")

    class Delivery(models.TextChoices):
        SHIP = "ship", _("Delivery")
        PICKUP = "pickup", _("Pick up at the booth")

    class PaymentStatus(models.TextChoices):
        UNPAID = "unpaid", pgettext_lazy("payment status", "Unpaid")
        PAID = "paid", pgettext_lazy("payment status", "Paid")
        REFUNDED = "refunded", pgettext_lazy("payment status", "Refunded")

    number = models.CharField(_("order number"), max_length=20, unique=True)
    checkout_reference = models.CharField(_("checkout reference"), max_length=20, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shopper"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
        help_text=_("Empty for a guest's order until the guest claims it with an account."),
    )
    access_token = models.CharField(max_length=32, default=new_access_token, editable=False)
    booth = models.ForeignKey(
        "shops.Booth", verbose_name=_("booth"), on_delete=models.PROTECT, related_name="orders"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    payment_method = models.CharField(
        _("payment method"), max_length=10, choices=PaymentMethod.choices, default="cod"
    )
    payment_status = models.CharField(
        _("payment status"), max_length=10, choices=PaymentStatus.choices, default="unpaid"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    recipient_name = models.CharField(_("recipient"), max_length=150)
    phone = models.CharField(_("phone number"), max_length=20)
    province = models.CharField(_("province / city"), max_length=100)
    ward = models.CharField(_("commune / ward"), max_length=100)
    street = models.CharField(_("street address"), max_length=255)
    note = models.TextField(_("note"), blank=True)
    subtotal = models.PositiveBigIntegerField(_("subtotal (VND)"), default=0)
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.SHIP
    )
    shipping_zone = models.CharField(_("delivery zone"), max_length=20, blank=True)
    weight_grams = models.PositiveIntegerField(_("weight (grams)"), default=0)
    shipping_fee = models.PositiveBigIntegerField(_("shipping fee (VND)"), default=0)
    total = models.PositiveBigIntegerField(_("total (VND)"), default=0)
    stock_released = models.BooleanField(_("stock given back"), default=False)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=255, blank=True)
    stripe_session_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_payment_intent = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_refund_id = models.CharField(max_length=255, blank=True)
    # VietQR: the booth's account as it was when the order was placed (a later change of
    # account never changes what the shopper was asked to pay to).
    bank_bin = models.CharField(_("bank BIN"), max_length=8, blank=True)
    bank_account_number = models.CharField(_("account number"), max_length=19, blank=True)
    bank_account_name = models.CharField(_("account holder"), max_length=100, blank=True)
    payment_due_at = models.DateTimeField(_("pay by"), null=True, blank=True)
    transfer_reported_at = models.DateTimeField(
        _("shopper reported the transfer at"), null=True, blank=True
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("placed at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["booth", "-created_at"], name="order_booth_created")]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("orders:my_order_detail", kwargs={"number": self.number})

    def get_private_url(self):
        """The order's private link: works without an account (guests, e-mails)."""
        return reverse(
            "orders:order_by_link", kwargs={"number": self.number, "token": self.access_token}
        )

    def get_shopper_url(self):
        return self.get_absolute_url() if self.user_id else self.get_private_url()

    def get_seller_url(self):
        return reverse("orders:seller_order_detail", kwargs={"number": self.number})

    @property
    def address(self):
        return ", ".join(p for p in (self.street, self.ward, self.province) if p)

    @property
    def awaiting_transfer(self):
        return (
            self.payment_method == self.PaymentMethod.VIETQR
            and self.payment_status == self.PaymentStatus.UNPAID
            and self.status == self.Status.PENDING
        )

    @property
    def shipping_zone_label(self):
        from shops.models import DeliveryRate

        return dict(DeliveryRate.Zone.choices).get(self.shipping_zone, "")

    @property
    def weight_label(self):
        """ "2,5 kg" (Vietnamese decimal comma)."""
        kg = f"{self.weight_grams / 1000:.1f}".replace(".", ",").removesuffix(",0")
        return f"{kg} kg"

    @property
    def cod_amount(self):
        """What the courier collects: everything, shipping included, for cash on delivery."""
        return self.total if self.payment_method == self.PaymentMethod.COD else 0

    @property
    def awaiting_card_payment(self):
        return (
            self.payment_method == self.PaymentMethod.CARD
            and self.payment_status == self.PaymentStatus.UNPAID
            and self.status == self.Status.PENDING
        )


class OrderItem(models.Model):
    wagtail_reference_index_ignore = True  # as Cart

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(
        "catalog.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    product_name = models.CharField(_("product"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    unit_price = models.PositiveBigIntegerField(_("unit price (VND)"))
    quantity = models.PositiveIntegerField(_("quantity"))
    line_total = models.PositiveBigIntegerField(_("line total (VND)"))

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["id"]

    def __str__(self):
        return f"{self.product_name} × {self.quantity}"


class OrderStatusChange(models.Model):
    """History shown on the order page: who moved it, when, why."""

    wagtail_reference_index_ignore = True  # as Cart

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.order_id}: {self.from_status} → {self.to_status}"


class PaymentEvent(models.Model):
    """Every Stripe webhook event, recorded once by its id (the unique key dedupes)."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    checkout_reference = models.CharField(max_length=20, blank=True, db_index=True)
    outcome = models.CharField(max_length=255, blank=True)
    payload = models.JSONField(default=dict)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.type} {self.event_id}"
