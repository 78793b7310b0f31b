from django.urls import path

from marketplace.views import coming_soon

app_name = "search"

urlpatterns = [
    path("tim-kiem/", coming_soon, name="search"),
    path("tim-kiem/goi-y/", coming_soon, name="autocomplete"),
]
