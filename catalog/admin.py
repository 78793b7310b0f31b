from django.contrib import admin

from catalog.models import Category, Certification, Product, ProductImage


class ProductImageInline(admin.TabularInline):
    model = ProductImage
    extra = 0
    raw_id_fields = ["image"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "booth", "status", "price", "stock"]
    list_filter = ["status", "category", "ocop_stars"]
    search_fields = ["name", "slug"]
    raw_id_fields = ["booth"]
    inlines = [ProductImageInline]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "sort_order", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
