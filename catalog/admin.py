"""Django admin registrations. A product's status is read-only here: it changes only through
the actions below, which go through `catalog.publishing` like every other path."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalog import publishing
from catalog.models import Category, Certification, Product, ProductImage


class ProductImageInline(admin.TabularInline):
    model = ProductImage
    extra = 0
    raw_id_fields = ["image"]


def _run(name, label):
    def action(modeladmin, request, queryset):
        done = 0
        for product in queryset:
            try:
                getattr(publishing, name)(product, by=request.user)
            except publishing.PublishingRefused as exc:
                modeladmin.message_user(
                    request, f"{product}: {' '.join(exc.messages)}", messages.ERROR
                )
            else:
                done += 1
        if done:
            message = ngettext("%(n)s product updated.", "%(n)s products updated.", done)
            modeladmin.message_user(request, message % {"n": done})

    action.__name__ = f"product_{name}"
    action.short_description = label
    return action


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "booth", "status", "price", "stock"]
    list_filter = ["status", "category", "ocop_stars"]
    search_fields = ["name", "slug"]
    raw_id_fields = ["booth"]
    readonly_fields = [
        "status", "published_at", "hidden_reason", "view_count", "ocop_stars", "ocop_level",
        "rating_average", "rating_count",
    ]  # fmt: skip
    exclude = ["certifications"]
    inlines = [ProductImageInline]
    actions = [
        _run("publish", _("Publish the selected products")),
        _run("unpublish", _("Withdraw the selected products from sale")),
        _run("restore", _("Restore the selected hidden products to draft")),
    ]

    def save_related(self, request, form, formsets, change):
        """A published product whose last photo was removed here goes back to draft."""
        super().save_related(request, form, formsets, change)
        withdrawn = publishing.withdraw_if_unfit(form.instance, by=request.user)
        if withdrawn:
            self.message_user(
                request,
                _("“%(name)s” is no longer on sale: %(reasons)s")
                % {"name": form.instance.name, "reasons": " ".join(withdrawn)},
                messages.WARNING,
            )


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "sort_order", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
