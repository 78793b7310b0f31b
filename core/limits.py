"""Request-size limits applied before anything reads the body.

Django reads a multipart body (to memory up to FILE_UPLOAD_MAX_MEMORY_SIZE per file,
then to temporary files) before any form can check a file's size, so a 60 MB upload
would be received in full before the 8 MB photo check refused it.
`RequestBodyLimitMiddleware` (first in MIDDLEWARE) looks at the declared
``Content-Length`` instead and answers 413 with a short page in the visitor's language:

- multipart bodies (uploads): at most ``MAX_REQUEST_BODY_BYTES``;
- any other body (forms, JSON, webhooks): at most ``DATA_UPLOAD_MAX_MEMORY_SIZE``.

A body sent without ``Content-Length`` (chunked) is read by Django as empty; the proxy in
front (nginx ``client_max_body_size``, docs/security.md) bounds what reaches the server.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from core.i18n import strip_language


def body_limit(request):
    """The largest body, in bytes, this request may declare."""
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith("multipart/"):
        return settings.MAX_REQUEST_BODY_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE or settings.MAX_REQUEST_BODY_BYTES


def declared_length(request):
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _language(request):
    path = request.path_info
    return settings.LANGUAGE_CODE if strip_language(path) == path else path.split("/")[1]


def _megabytes(size):
    return max(round(size / (1024 * 1024)), 1)


def too_large_response(request, limit):
    with translation.override(_language(request)):
        html = render_to_string(
            "413.html",
            {
                "limit_mb": _megabytes(limit),
                "photo_mb": _megabytes(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE),
                "LANGUAGE_CODE": translation.get_language(),
            },
        )
    response = HttpResponse(html, status=413)
    # The body was not read: the connection cannot carry another request.
    response["Connection"] = "close"
    return response


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = body_limit(request)
        if declared_length(request) > limit:
            return too_large_response(request, limit)
        return self.get_response(request)
