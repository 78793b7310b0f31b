"""Wagtail admin pieces for records moderators look at but change only through a
decision screen (reviews, certificates): every change then keeps the audit log right."""

from wagtail.admin.views.generic.history import HistoryView
from wagtail.permission_policies import ModelPermissionPolicy


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Only "view" is ever granted: no create, edit or delete screens in the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


class ViewOnlyHistoryView(HistoryView):
    """The history needs the view permission, not a change permission moderators do
    not have."""

    any_permission_required = ["view"]
