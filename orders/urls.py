from django.urls import path

from orders import views

app_name = "orders"

urlpatterns = [
    path("gio-hang/", views.cart_page, name="cart"),
    path("gio-hang/them/", views.cart_add, name="cart_add"),
    path("gio-hang/cap-nhat/", views.cart_update, name="cart_update"),
    path("gio-hang/xoa/", views.cart_remove, name="cart_remove"),
    path("gio-hang/phi-giao-hang/", views.shipping_quote, name="shipping_quote"),
    path("dat-hang/", views.checkout_page, name="checkout"),
    path("tra-cuu-don-hang/", views.order_lookup, name="order_lookup"),
    path("don-hang/<str:number>/<str:token>/", views.order_by_link, name="order_by_link"),
    path(
        "don-hang/<str:number>/<str:token>/huy/",
        views.order_by_link_cancel,
        name="order_by_link_cancel",
    ),
    path(
        "don-hang/<str:number>/<str:token>/da-chuyen-khoan/",
        views.order_by_link_report_transfer,
        name="order_by_link_report_transfer",
    ),
    path("don-hang/<str:number>/<str:token>/vietqr.svg", views.vietqr_image, name="vietqr_image"),
    path("dat-hang/<str:reference>/", views.checkout_done, name="checkout_done"),
    path("dat-hang/<str:reference>/thanh-toan/", views.pay_again, name="pay_again"),
    path("thanh-toan/ket-qua/<str:reference>/", views.payment_return, name="payment_return"),
    path("tai-khoan/don-hang/", views.my_orders, name="my_orders"),
    path("tai-khoan/don-hang/<str:number>/", views.my_order_detail, name="my_order_detail"),
    path("tai-khoan/don-hang/<str:number>/huy/", views.my_order_cancel, name="my_order_cancel"),
    path(
        "tai-khoan/don-hang/<str:number>/da-chuyen-khoan/",
        views.my_order_report_transfer,
        name="my_order_report_transfer",
    ),
    path("kenh-nguoi-ban/don-hang/", views.seller_orders, name="seller_orders"),
    path(
        "kenh-nguoi-ban/don-hang/<str:number>/",
        views.seller_order_detail,
        name="seller_order_detail",
    ),
    path(
        "kenh-nguoi-ban/don-hang/<str:number>/trang-thai/",
        views.seller_order_move,
        name="seller_order_move",
    ),
    path(
        "kenh-nguoi-ban/don-hang/<str:number>/da-nhan-tien/",
        views.seller_confirm_transfer,
        name="seller_confirm_transfer",
    ),
    path(
        "kenh-nguoi-ban/don-hang/<str:number>/phieu-giao-hang/",
        views.packing_slip,
        name="packing_slip",
    ),
]
