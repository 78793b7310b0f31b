"""Groups and permissions that every database has, set up by the app that needs them.

An app that gives a role group permissions registers a function from its own
`AppConfig.ready()`:

    after_migrate(grant_moderator_permissions, uid="shops.moderators")

The function runs at the end of every `migrate` (and after the test runner flushes a
database), once every app's permission rows exist, so it may name any app's permissions.
It must be idempotent.
"""

from django.apps import apps
from django.db.models.signals import post_migrate

_functions = {}


def after_migrate(func, *, uid):
    _functions[uid] = func


def grant(group_name, permissions):
    """Create the group *group_name* if needed and add *permissions* (a queryset) to it."""
    from django.contrib.auth.models import Group

    group, _created = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*permissions)
    return group


def _last_app_with_models():
    labels = [c.label for c in apps.get_app_configs() if c.models_module is not None]
    return labels[-1]


def _run(sender, app_config=None, using="default", **kwargs):
    # post_migrate is sent once per app; act once, on the last one, after creating every
    # permission row (Django creates them per app, in the same loop).
    if app_config is None or app_config.label != _last_app_with_models():
        return
    from django.contrib.auth.management import create_permissions

    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    for func in _functions.values():
        func()


post_migrate.connect(_run, dispatch_uid="core.permissions.after_migrate")
