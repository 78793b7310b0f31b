"""`make run`: the demo as a visitor would see it in production, on one machine.

The dev settings (SQLite, console e-mail, no outside service) with DEBUG off: a bad URL
shows the site's own 404, not Django's debug page; static files are the hashed,
compressed copies `collectstatic` writes into `static_collected/`, served by WhiteNoise
as in production.

Uploaded photos are served by Django itself here (`SERVE_MEDIA`, `marketplace/urls.py`):
Django does not serve `/media/` once DEBUG is off, and this demo has no nginx in front.
That is fine for a demo on 127.0.0.1 (one visitor, files made by `seed_demo`), not for a
public site: production serves `/media/` from nginx (deploy/nginx, docs/deploy.md), with
safe content types and the original images kept private.
"""

from .dev import *  # noqa: F403
from .dev import STORAGES, env

DEBUG = False
ALLOWED_HOSTS = env("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
SERVE_MEDIA = True

# Pages compressed as nginx compresses them in production (`gzip on`, deploy/nginx):
# gunicorn alone sends them raw. Django's GZipMiddleware pads against BREACH.
MIDDLEWARE = ["django.middleware.gzip.GZipMiddleware", *MIDDLEWARE]  # noqa: F405
