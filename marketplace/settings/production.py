"""Production: everything secret or machine-specific comes from the environment.

`DJANGO_SETTINGS_MODULE=marketplace.settings.production python manage.py check --deploy`
passes with no warnings when SECRET_KEY, ALLOWED_HOSTS and the database are set.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, SECRET_KEY, env, env_bool, env_int

DEBUG = False
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random string of 50+ characters.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe the nodes over plain HTTP
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # stricter than the default (base.py)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True  # every cookie Secure, HttpOnly where JS needs none, SameSite
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its preview views SAMEORIGIN itself
# hashed, compressed static files (`collectstatic`); uploads stay where MEDIA_STORAGE says
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # a dropped connection is reopened
LOGGING["root"]["level"] = env("LOG_LEVEL", "INFO")  # noqa: F405
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", "json")  # noqa: F405
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
