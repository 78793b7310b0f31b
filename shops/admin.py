"""Django admin registrations (the Wagtail admin is the main moderation screen)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from shops import moderation
from shops.models import Booth, BoothMembership


class MembershipInline(admin.TabularInline):
    model = BoothMembership
    extra = 0
    autocomplete_fields = ["user"]


def _run(action_name):
    def action(modeladmin, request, queryset):
        done = 0
        for booth in queryset:
            try:
                moderation.apply_action(
                    booth, action_name, by=request.user, reason=_("Decided by a moderator.")
                )
                done += 1
            except moderation.TransitionRefused as exc:
                modeladmin.message_user(request, f"{booth}: {exc.messages[0]}", messages.ERROR)
        if done:
            message = ngettext("%(n)s booth updated.", "%(n)s booths updated.", done)
            modeladmin.message_user(request, message % {"n": done})

    action.__name__ = f"booth_{action_name}"
    action.short_description = moderation.ACTION_LABELS[action_name]
    return action


@admin.register(Booth)
class BoothAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "is_verified", "area", "created_at"]
    list_filter = ["status", "is_verified", "area"]
    search_fields = ["name", "registration_number", "email", "phone"]
    readonly_fields = ["status", "approved_at", "verified_at", "verified_by", "view_count"]
    inlines = [MembershipInline]
    actions = [_run("approve"), _run("reject"), _run("suspend"), _run("reinstate")]
