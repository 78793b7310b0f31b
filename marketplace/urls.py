from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views

# The 500 page renders without the database or the cache (core.views.server_error).
handler500 = "core.views.server_error"

# Language-neutral endpoints: machines call these (health checks, webhooks).
urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("csrf/", core_views.csrf_token, name="csrf_token"),
    path(".well-known/security.txt", core_views.security_txt, name="security_txt"),
    # Both admin logins count failures like the shop's login (accounts/admin_login.py).
    path("", include("accounts.urls")),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("orders.webhook_urls")),
]

# Pages people read: Vietnamese at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("tai-khoan/phien/gia-han/", core_views.keep_alive, name="session_keep_alive"),
    path("tai-khoan/", include("allauth.urls")),
    path("", include("shops.urls")),
    path("", include("catalog.urls")),
    path("", include("search.urls")),
    path("", include("orders.urls")),
    path("", include("reviews.urls")),
    path("", include("figures.urls")),
    path("", include("counters.urls")),
    path("", include("cms.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Development and the `make run` demo only (marketplace/settings/demo.py): in
    # production nginx serves /media/ (deploy/nginx/cho-tinh.conf).
    from django.urls import re_path
    from django.views.decorators.cache import cache_control
    from django.views.static import serve

    # the 30 days nginx gives /media/ (renditions get a new name when their image changes)
    serve_media = cache_control(public=True, max_age=2592000)(serve)
    urlpatterns = [
        re_path(r"^media/(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT}),
        *urlpatterns,
    ]
