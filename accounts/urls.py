"""The two admin logins, placed before the admin URL confs so these answer first: they
count failed sign-ins like the shop's login (accounts/admin_login.py)."""

from django.contrib import admin
from django.urls import path
from wagtail.admin.views.account import LoginView as WagtailLoginView

from accounts.admin_login import guarded

urlpatterns = [
    path("cms-admin/login/", guarded(WagtailLoginView.as_view()), name="cms_admin_login"),
    path("django-admin/login/", guarded(admin.site.login), name="django_admin_login"),
]
