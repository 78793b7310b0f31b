from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("tai-khoan/danh-gia/viet/<int:item_id>/", views.write, name="write"),
    path("tai-khoan/danh-gia/<int:pk>/sua/", views.edit, name="edit"),
    path("danh-gia/<int:pk>/bao-cao/", views.report, name="report"),
    path("danh-gia/<int:pk>/huu-ich/", views.helpful, name="helpful"),
    path("kenh-nguoi-ban/danh-gia/", views.seller_reviews, name="seller_reviews"),
    path("kenh-nguoi-ban/danh-gia/<int:pk>/tra-loi/", views.seller_reply, name="seller_reply"),
]
