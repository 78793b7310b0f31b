"""Moderators see every order in the Django admin (read-only: sellers move orders)."""

from django.contrib import admin

from accounts.roles import is_moderator
from orders.models import Order, OrderItem, OrderStatusChange, PaymentEvent


class ModeratorReadOnly:
    def has_module_permission(self, request):
        return is_moderator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_moderator(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OrderItemInline(ModeratorReadOnly, admin.TabularInline):
    model = OrderItem
    extra = 0
    fields = ["product_name", "unit", "unit_price", "quantity", "line_total"]
    readonly_fields = fields


class StatusChangeInline(ModeratorReadOnly, admin.TabularInline):
    model = OrderStatusChange
    extra = 0
    fields = ["created_at", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields


@admin.register(Order)
class OrderAdmin(ModeratorReadOnly, admin.ModelAdmin):
    list_display = [
        "number",
        "booth",
        "user",
        "status",
        "payment_method",
        "payment_status",
        "total",
        "created_at",
    ]
    list_filter = ["status", "payment_method", "payment_status", "booth"]
    search_fields = ["number", "checkout_reference", "email", "recipient_name", "phone"]
    date_hierarchy = "created_at"
    list_select_related = ["booth", "user"]
    inlines = [OrderItemInline, StatusChangeInline]


@admin.register(PaymentEvent)
class PaymentEventAdmin(ModeratorReadOnly, admin.ModelAdmin):
    list_display = ["event_id", "type", "checkout_reference", "outcome", "received_at"]
    list_filter = ["type"]
    search_fields = ["event_id", "checkout_reference"]
