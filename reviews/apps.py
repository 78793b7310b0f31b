from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def grant_moderator_permissions():
    from django.contrib.auth.models import Permission

    from accounts.roles import MODERATORS
    from core.permissions import grant

    grant(
        MODERATORS,
        Permission.objects.filter(
            content_type__app_label="reviews",
            codename__regex=r"^(change|view|moderate)_",
        ),
    )


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        from django.conf import settings

        from catalog import extensions
        from core import scheduling
        from core.permissions import after_migrate

        from . import display, receivers  # noqa: F401

        extensions.register_product_page(display.product_page)
        after_migrate(grant_moderator_permissions, uid="reviews.moderators")
        scheduling.register(
            "send_review_reminders",
            settings.SCHEDULE_REVIEW_REMINDERS_SECONDS,
            "send_review_reminders",
        )
