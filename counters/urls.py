from django.urls import path

from counters import views

app_name = "counters"

urlpatterns = [
    path("dem/<str:kind>/<int:pk>.gif", views.beacon, name="beacon"),
]
