from django.contrib import admin

from areas.models import Area


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "is_current", "replaced_by"]
    list_filter = ["kind", "is_current"]
    search_fields = ["name"]
