from django.urls import path

from catalog import views

app_name = "catalog"

urlpatterns = [
    path("san-pham/", views.product_list, name="product_list"),
    path("san-pham/<slug:slug>/", views.product_detail, name="product_detail"),
    path("san-pham/<slug:slug>/qr.png", views.product_qr, name="product_qr"),
    path("danh-muc/<slug:slug>/", views.category, name="category"),
]
