"""The market figures page in the Wagtail admin menu, for moderators."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.roles import is_moderator


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def market_figures_menu_item():
    return ModeratorMenuItem(
        _("Market figures"), reverse("stats:market"), icon_name="table", order=9000
    )
