"""The production settings, as a fault test runs them under gunicorn.

Everything comes from marketplace.settings.production (persistent connections with health
checks, DEBUG off, the real 500 handler); only static files are served from the finders,
so no `collectstatic` is needed for a test.
"""

from marketplace.settings.production import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
