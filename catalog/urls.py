from django.urls import path

from marketplace.views import coming_soon

app_name = "catalog"

urlpatterns = [
    path("san-pham/", coming_soon, name="product_list"),
    path("san-pham/<slug:slug>/", coming_soon, name="product_detail"),
    path("danh-muc/<slug:slug>/", coming_soon, name="category"),
]
