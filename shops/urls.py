from django.urls import path

from shops import dashboard, views

app_name = "shops"

urlpatterns = [
    path("gian-hang/", views.booth_list, name="booth_list"),
    path("gian-hang/<slug:slug>/", views.booth_detail, name="booth_detail"),
    # Seller centre
    path("kenh-nguoi-ban/", dashboard.dashboard, name="dashboard"),
    path("kenh-nguoi-ban/dang-ky-gian-hang/", dashboard.apply, name="dashboard_apply"),
    path(
        "kenh-nguoi-ban/gian-hang/<int:booth_id>/giao-hang/",
        dashboard.delivery,
        name="dashboard_delivery",
    ),
    path(
        "kenh-nguoi-ban/gian-hang/<int:booth_id>/ho-so/",
        dashboard.booth_edit,
        name="dashboard_booth_edit",
    ),
    path(
        "kenh-nguoi-ban/gian-hang/<int:booth_id>/san-pham/",
        dashboard.products,
        name="dashboard_products",
    ),
    path(
        "kenh-nguoi-ban/gian-hang/<int:booth_id>/san-pham/them/",
        dashboard.product_add,
        name="dashboard_product_add",
    ),
    path(
        "kenh-nguoi-ban/gian-hang/<int:booth_id>/san-pham/nhap-csv/",
        dashboard.product_import,
        name="dashboard_product_import",
    ),
    path(
        "kenh-nguoi-ban/gian-hang/<int:booth_id>/san-pham/nhap-csv/mau.csv",
        dashboard.product_import_sample,
        name="dashboard_product_import_sample",
    ),
    path(
        "kenh-nguoi-ban/san-pham/<int:pk>/", dashboard.product_edit, name="dashboard_product_edit"
    ),
    path(
        "kenh-nguoi-ban/san-pham/<int:pk>/chung-nhan/",
        dashboard.product_certificate_add,
        name="dashboard_certificate_add",
    ),
    path(
        "kenh-nguoi-ban/san-pham/<int:pk>/dang-ban/",
        dashboard.product_publish,
        name="dashboard_product_publish",
    ),
    path(
        "kenh-nguoi-ban/san-pham/<int:pk>/ngung-ban/",
        dashboard.product_unpublish,
        name="dashboard_product_unpublish",
    ),
    path(
        "kenh-nguoi-ban/san-pham/<int:pk>/ton-kho/",
        dashboard.product_stock,
        name="dashboard_product_stock",
    ),
    path(
        "kenh-nguoi-ban/san-pham/<int:pk>/nhan-ban/",
        dashboard.product_duplicate,
        name="dashboard_product_duplicate",
    ),
    path(
        "kenh-nguoi-ban/san-pham/<int:pk>/xoa/",
        dashboard.product_delete,
        name="dashboard_product_delete",
    ),
    path(
        "kenh-nguoi-ban/anh/<int:pk>/di-chuyen/", dashboard.photo_move, name="dashboard_photo_move"
    ),
    path("kenh-nguoi-ban/anh/<int:pk>/xoa/", dashboard.photo_remove, name="dashboard_photo_remove"),
]
