"""ASGI entry point. Defaults to the production settings: a server started without
DJANGO_SETTINGS_MODULE never runs with DEBUG on. `manage.py` defaults to dev; benchmarks and
tests set DJANGO_SETTINGS_MODULE themselves.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.production")

application = get_asgi_application()
