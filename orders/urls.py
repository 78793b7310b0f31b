from django.urls import path

from marketplace.views import coming_soon

app_name = "orders"

urlpatterns = [
    path("gio-hang/", coming_soon, name="cart"),
    path("tai-khoan/don-hang/", coming_soon, name="my_orders"),
]
