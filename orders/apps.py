from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("Orders")

    def ready(self):
        from django.conf import settings

        from core import scheduling
        from orders import receivers

        receivers.connect_allauth()

        scheduling.register(
            "expire_unpaid_orders", settings.SCHEDULE_EXPIRE_ORDERS_SECONDS, "expire_unpaid_orders"
        )
