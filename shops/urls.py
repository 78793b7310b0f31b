from django.urls import path

from marketplace.views import coming_soon

app_name = "shops"

urlpatterns = [
    path("gian-hang/", coming_soon, name="booth_list"),
    path("gian-hang/<slug:slug>/", coming_soon, name="booth_detail"),
    path("kenh-nguoi-ban/", coming_soon, name="dashboard"),
]
