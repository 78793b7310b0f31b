"""Settings shared by every environment.

Everything that differs between machines comes from the environment; `.env.example`
lists every variable. See docs/configuration.md.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


SECRET_KEY = env("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # Project apps first so their templates and translations win.
    "core",
    "demo",
    "accounts",
    "images",
    "areas",
    "shops",
    "catalog",
    "cms",
    "search",
    "orders",
    "reviews",
    "counters",
    "figures",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    # allauth
    "allauth",
    "allauth.account",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "core.middleware.RequestLogMiddleware",  # request id and the request line (docs/deploy.md)
    "core.headers.SecurityHeadersMiddleware",  # CSP and Permissions-Policy on every answer
    "core.limits.RequestBodyLimitMiddleware",  # before anything reads the body
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.sitecache.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.SessionIdleMiddleware",
    "counters.middleware.VisitCounterMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.pagecache.PageCacheMiddleware",  # last: the others still run on a cached page
    "cms.routing.CachedRouteMiddleware",  # process_view only: Wagtail's route from the cache
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.site",
                "figures.context_processors.figures",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# SQLite file by default; PostgreSQL (or anything dj-database-url reads) when set.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # With persistent connections, check one is alive before reusing it.
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and a management command share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# --- Cache and sessions -------------------------------------------------------
REDIS_URL = env("REDIS_URL", "")


def redis_caches(url):
    """The cache on Redis at *url*. A Redis outage reads as cache misses (core/cache.py);
    short socket timeouts keep a hung Redis from holding a request (docs/security.md)."""
    timeout = float(env("CACHE_REDIS_TIMEOUT", "0.25"))
    return {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "market"),
            "TIMEOUT": 300,
            "OPTIONS": {
                "socket_connect_timeout": timeout,
                "socket_timeout": timeout,
                "DOWN_RETRY_SECONDS": float(env("CACHE_DOWN_RETRY_SECONDS", "5")),
            },
        }
    }


if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "market-default",
        }
    }
    # Plain database sessions: a per-process cache would go stale across web workers.
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Without Redis, each process's copy of the site and its settings lasts this long, so a
# change made through one worker shows on the others within it (core/sitecache.py).
SITE_CACHE_LOCAL_SECONDS = env_int("SITE_CACHE_LOCAL_SECONDS", 5)

# Anonymous pages kept whole in the cache for this many seconds (docs/performance.md);
# 0 switches it off. On by default only with a shared cache (Redis): a purge must reach
# every web worker.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 if REDIS_URL else 0)
# The home page's card sections (rendered HTML, the same for every reader) kept this long;
# dropped with the page cache's purge. Short without Redis (a purge reaches one process).
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 300 if REDIS_URL else 5)

# Signed-in sessions expire after this many seconds without activity; the page warns
# shortly before and offers a button that keeps the visitor signed in.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60)
SESSION_WARNING_SECONDS = env_int("SESSION_WARNING_SECONDS", 120)
SESSION_REFRESH_INTERVAL = 5 * 60

# --- Passwords, accounts ------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_RATE_LIMITS = {
    # Failed log-ins per address, and per e-mail *and* address ("key", accounts/adapter.py):
    # a stranger locks out only their own address; see LOGIN_DELAY_* for the account.
    "login_failed": env("ACCOUNT_LOGIN_FAILED_LIMIT", "10/m/ip,5/5m/key"),
    # Password reset by mail: per address and per e-mail, never blocked by login failures.
    "reset_password": env("ACCOUNT_RESET_PASSWORD_LIMIT", "20/m/ip,5/m/key"),
    "signup": "20/m/ip",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Chợ Tỉnh] "
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"  # its mails go through the task queue
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# --- Client address, rate limits, order caps (docs/security.md) -------------------
# Behind a reverse proxy, how to find the visitor's address (core/clientip.py): the
# number of proxies that append to X-Forwarded-For, or one header the proxy sets
# (e.g. X-Real-IP). Both unset = REMOTE_ADDR, and forwarded headers are ignored.
# Where /.well-known/security.txt sends vulnerability reports (mailto: or https:).
SECURITY_CONTACT = env("SECURITY_CONTACT", "mailto:security@cho-tinh.local")
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", "")
# Requests per client address and per signed-in user (core/ratelimit.py, shared cache).
RATE_LIMITS_ENABLED = env_bool("RATE_LIMITS_ENABLED", True)
RATE_LIMITS = {
    "checkout": env("RATE_LIMIT_CHECKOUT", "10/m"),  # order placements (POST)
    "search": env("RATE_LIMIT_SEARCH", "60/m"),
    "autocomplete": env("RATE_LIMIT_AUTOCOMPLETE", "240/m"),
    "beacon": env("RATE_LIMIT_BEACON", "120/m"),
    "booth_apply": env("RATE_LIMIT_BOOTH_APPLY", "5/h"),
    "upload": env("RATE_LIMIT_UPLOAD", "60/h"),  # seller forms that carry files (POST)
}
# A signed-in user's failed logins across all addresses: after FREE failures within
# WINDOW seconds each further try waits 2, 4, 8… seconds, at most MAX (accounts/lockout.py).
LOGIN_DELAY_FREE_FAILURES = env_int("LOGIN_DELAY_FREE_FAILURES", 5)
LOGIN_DELAY_MAX_SECONDS = env_int("LOGIN_DELAY_MAX_SECONDS", 60)
LOGIN_DELAY_WINDOW_SECONDS = env_int("LOGIN_DELAY_WINDOW_SECONDS", 3600)
# Unpaid, unconfirmed cash-on-delivery orders one shopper may hold at once, per account
# and per phone number (orders/caps.py).
ORDER_COD_MAX_PENDING_ORDERS = env_int("ORDER_COD_MAX_PENDING_ORDERS", 5)
ORDER_COD_MAX_PENDING_UNITS = env_int("ORDER_COD_MAX_PENDING_UNITS", 50)

# --- Internationalisation -----------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAIL_I18N_ENABLED = False
# locale/upstream: Vietnamese for Wagtail and Django strings their catalogues lack (no source
# file maps there, so `make messages` leaves it alone).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "upstream"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["marketplace.formats"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]

# --- Static and media ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "static_collected")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded files on S3-compatible object storage instead of MEDIA_ROOT (docs/deploy.md).
MEDIA_STORAGE = env("MEDIA_STORAGE", "local")  # local | s3
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            "access_key": env("AWS_S3_ACCESS_KEY_ID", ""),
            "secret_key": env("AWS_S3_SECRET_ACCESS_KEY", ""),
            "location": env("AWS_LOCATION", ""),
            "default_acl": None,  # the bucket stays private: originals are never public
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", True),  # signed URLs
            "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 24 * 3600),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN") or None,
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE", "path"),
            "signature_version": "s3v4",
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=2592000"},
        },
    }
SERVE_MEDIA = (
    False  # Django serves /media/ only in the demo (settings/demo.py); nginx does in production
)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request sizes (docs/security.md): core.limits refuses a declared body over these with
# 413 before reading it. Uploads (multipart) up to MAX_REQUEST_BODY_BYTES (ten phone
# photos); any other body, and the non-file fields of a multipart one, up to
# DATA_UPLOAD_MAX_MEMORY_SIZE. Uploaded files over FILE_UPLOAD_MAX_MEMORY_SIZE stream to
# temporary files instead of memory. The proxy's body limit should be a little larger
# than MAX_REQUEST_BODY_BYTES so this site's own page answers.
MAX_REQUEST_BODY_BYTES = env_int("MAX_REQUEST_BODY_BYTES", 50 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)

# --- Security headers (core/headers.py, docs/security.md) ----------------------
# No inline script or style on the public site: scripts are files under static/js/.
CSP_MEDIA_SOURCES = env_list("CSP_MEDIA_SOURCES", "")  # e.g. https://media.example.vn
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    # blob: for the seller centre's previews of chosen photos (static/js/photo-preview.js)
    "img-src": ["'self'", "data:", "blob:", *CSP_MEDIA_SOURCES],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    # Checkout POSTs here, then redirects to Stripe's hosted page: form-action covers it.
    "form-action": ["'self'", "https://checkout.stripe.com"],
}
# The Wagtail and Django admins still use inline scripts and style attributes.
CSP_ADMIN_PATH_PREFIXES = ["/cms-admin/", "/django-admin/"]
CONTENT_SECURITY_POLICY_ADMIN = {
    **CONTENT_SECURITY_POLICY,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *CSP_MEDIA_SOURCES],
    "frame-src": ["'self'"],  # page previews
    "frame-ancestors": ["'self'"],
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
} | {"fullscreen": ["self"]}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Wagtail ------------------------------------------------------------------
WAGTAIL_SITE_NAME = env("SITE_NAME", "Chợ Tỉnh")
# The site's public address: e-mails, the Wagtail admin, and the default Wagtail Site's
# host and port (share links, JSON-LD, the pages sitemap), set after every migrate.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILIMAGES_IMAGE_MODEL = "images.CustomImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_BYTES", 8 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp"}
WAGTAILDOCS_EXTENSIONS = ["pdf", "png", "jpg", "jpeg"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_FINDERS = []  # no outside network at run time
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_LOGIN_URL = "/cms-admin/login/"
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.admin_login.CmsAdminLoginForm"  # shop's login limits
WAGTAIL_WORKFLOW_ENABLED = True
# The admin loads nothing from outside (and its CSP would refuse it): no Gravatar
# avatars, no check for new Wagtail releases from the browser.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Elasticsearch ------------------------------------------------------------
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", "")
ELASTICSEARCH_TIMEOUT = float(env("ELASTICSEARCH_TIMEOUT", "2"))
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "market")
SEARCH_INDEX_SHARDS = env_int("SEARCH_INDEX_SHARDS", 1)
SEARCH_INDEX_REPLICAS = env_int("SEARCH_INDEX_REPLICAS", 0)
SEARCH_INDEX_REFRESH_INTERVAL = env("SEARCH_INDEX_REFRESH_INTERVAL", "1s")
# How the database fallback finds typo corrections: auto (trigram pre-selection on
# PostgreSQL, Python elsewhere), trigram, python (docs/search.md).
SEARCH_FALLBACK_TYPOS = env("SEARCH_FALLBACK_TYPOS", "auto")

# --- Stripe -------------------------------------------------------------------
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = env("STRIPE_API_BASE", "")  # e.g. stripe-mock on http://127.0.0.1:12111
STRIPE_CURRENCY = "vnd"
# Unpaid card orders are cancelled (stock released) after this many minutes by
# `manage.py expire_unpaid_orders`.
ORDER_CARD_EXPIRY_MINUTES = env_int("ORDER_CARD_EXPIRY_MINUTES", 60)
# VietQR bank transfers: the window to pay before an unreported order expires (stock back),
# and the order lookup's attempts per client and per order code in a window.
ORDER_VIETQR_EXPIRY_MINUTES = env_int("ORDER_VIETQR_EXPIRY_MINUTES", 60)
ORDER_LOOKUP_ATTEMPTS = env_int("ORDER_LOOKUP_ATTEMPTS", 10)
ORDER_LOOKUP_WINDOW_SECONDS = env_int("ORDER_LOOKUP_WINDOW_SECONDS", 900)

# --- Background tasks (docs/operations.md) -------------------------------------
# Work that can wait (e-mail, search-index updates) is a django-tasks task enqueued after
# commit. The database backend keeps the queue in the main database and
# `manage.py db_worker` runs it; a bigger deployment can name another backend here.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": [],  # any queue name
    }
}
# A task made with `core.tasks.retrying` that raises is enqueued again after
# BASE × 1, 2, 4… seconds, up to MAX_ATTEMPTS attempts in all (docs/operations.md).
TASKS_MAX_ATTEMPTS = env_int("TASKS_MAX_ATTEMPTS", 5)
TASKS_RETRY_BASE_SECONDS = env_int("TASKS_RETRY_BASE_SECONDS", 30)

# --- Periodic jobs (`manage.py run_scheduler`, core/scheduling.py) ---------------
# Seconds between two runs of each job the apps register.
SCHEDULE_FLUSH_VISITS_SECONDS = env_int("SCHEDULE_FLUSH_VISITS_SECONDS", 60)
SCHEDULE_SEARCH_CATCH_UP_SECONDS = env_int("SCHEDULE_SEARCH_CATCH_UP_SECONDS", 180)
SCHEDULE_EXPIRE_ORDERS_SECONDS = env_int("SCHEDULE_EXPIRE_ORDERS_SECONDS", 300)

# Trust (issue 17): reviews, certificates.
SCHEDULE_EXPIRE_CERTIFICATES_SECONDS = env_int("SCHEDULE_EXPIRE_CERTIFICATES_SECONDS", 3600)
SCHEDULE_REVIEW_REMINDERS_SECONDS = env_int("SCHEDULE_REVIEW_REMINDERS_SECONDS", 3600)
CERTIFICATE_MAX_UPLOAD_SIZE = env_int("CERTIFICATE_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
CERTIFICATE_WARN_DAYS = env_int("CERTIFICATE_WARN_DAYS", 30)
REVIEW_EDIT_DAYS = env_int("REVIEW_EDIT_DAYS", 30)
REVIEW_REMINDER_DAYS = env_int("REVIEW_REMINDER_DAYS", 5)
REVIEW_RATE_LIMIT = env("REVIEW_RATE_LIMIT", "10/h")

# --- E-mail -------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Chợ Tỉnh <no-reply@cho-tinh.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Market -------------------------------------------------------------------
# Figures shown in the footer are cached for this many seconds and refreshed on change.
MARKET_FIGURES_CACHE_SECONDS = env_int("MARKET_FIGURES_CACHE_SECONDS", 60)

# --- Visit and view counters (docs/counters.md) ----------------------------------
COUNTERS_ENABLED = env_bool("COUNTERS_ENABLED", True)
# Increments are buffered in Redis when set (HINCRBY), in sharded database rows otherwise.
COUNTERS_REDIS_URL = env("COUNTERS_REDIS_URL", REDIS_URL)
COUNTERS_REDIS_PREFIX = env("COUNTERS_REDIS_PREFIX", "market:counters")
COUNTERS_DB_SHARDS = env_int("COUNTERS_DB_SHARDS", 16)
# Each web process gathers increments in memory and hands them on at most this often
# (0 = on every request). See docs/counters.md.
COUNTERS_PROCESS_BUFFER_SECONDS = float(env("COUNTERS_PROCESS_BUFFER_SECONDS", "1"))
# A background thread per process hands waiting increments on after that interval even
# when no further request comes (counters/local.py); off only in the test settings.
COUNTERS_BACKGROUND_DRAIN = env_bool("COUNTERS_BACKGROUND_DRAIN", True)
# A visit ends after this many seconds without a page view; the next page starts a new one.
COUNTERS_VISIT_IDLE_SECONDS = env_int("COUNTERS_VISIT_IDLE_SECONDS", 30 * 60)
# A product, booth or article viewed again by the same visitor within this window counts once.
COUNTERS_VIEW_DEDUP_SECONDS = env_int("COUNTERS_VIEW_DEDUP_SECONDS", 30 * 60)
COUNTERS_COOKIE_NAME = env("COUNTERS_COOKIE_NAME", "cho_visit")
# Paths (after the language prefix) that never count: machines, assets, admin, JSON.
COUNTERS_EXCLUDED_PREFIXES = [
    "/healthz",
    "/static/",
    "/media/",
    "/documents/",
    "/cms-admin/",
    "/django-admin/",
    "/i18n/",
    "/jsi18n/",
    "/tai-khoan/phien/",
    "/tim-kiem/goi-y/",
    "/thanh-toan/",
    "/favicon.ico",
    "/robots.txt",
    "/sitemap.xml",
]

# --- Behind a proxy ----------------------------------------------------------------
# How many proxies (nginx: 1) put the client's address in X-Forwarded-For; 0 = trust none
# and use the connection's address. nginx overwrites the header (deploy/nginx), so the
# last entry is the client's even when the client sends a forged one.
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT  # its login rate limits per address

# --- Logs (core/logs.py, docs/deploy.md) ------------------------------------------
# One line per record on stderr, with the request id; `json` in production.
LOG_FORMAT = env("LOG_FORMAT", "text")  # text | json
# A request slower than this is logged at WARNING with "slow": true.
SLOW_REQUEST_MS = env_int("SLOW_REQUEST_MS", 1000)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT if LOG_FORMAT in ("text", "json") else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        "elastic_transport": {"level": "ERROR"},
        "elasticsearch": {"level": "ERROR"},
        # request lines: INFO for every request; WARNING (slow) and ERROR (5xx) by default
        "market.request": {"level": env("REQUEST_LOG_LEVEL", "WARNING")},
    },
}

# Static files are served by WhiteNoise; outside production they come straight from the
# finders, so no collectstatic is needed to run or test the site.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
