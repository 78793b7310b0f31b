"""Local development: SQLite, console e-mail, DEBUG on. Used by `manage.py` by default."""

from .base import *  # noqa: F403
from .base import env

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-change-me")  # noqa: F405
ALLOWED_HOSTS = ["*"]
# Make demo sign-up usable without a mail server: the link is printed on the console.
WHITENOISE_AUTOREFRESH = True
