"""Wagtail admin pieces for records moderators look at but change only through a
decision screen (reviews, certificates): every change then keeps the audit log right."""

from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail.admin.ui.tables import Column
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


class YesNoColumn(Column):
    """A yes/no field in an admin list as "Có"/"Không" (Wagtail's own shows True/False)."""

    def __init__(self, name, model, **kwargs):
        kwargs.setdefault("label", capfirst(model._meta.get_field(name).verbose_name))
        kwargs.setdefault("sort_key", name)
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        value = super().get_value(instance)
        if value is None:
            return ""
        return gettext("Yes") if value else gettext("No")
