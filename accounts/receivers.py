"""Role groups exist on every database, not only on one that ran `seed_demo`."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate, dispatch_uid="accounts.ensure_role_groups")
def ensure_role_groups(sender, app_config=None, using="default", **kwargs):
    # post_migrate fires once per app: act once (on "sessions", always installed),
    # after creating every permission row ourselves.
    if app_config is None or app_config.label != "sessions":
        return
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    from accounts.roles import ensure_role_groups as ensure

    ensure()
