"""Content-Security-Policy and Permissions-Policy on every response.

The public site runs no inline script and no inline style: every script is a file under
`static/js/`, so `script-src 'self'` holds without nonces, and a cached page (the same
bytes for every anonymous visitor) stays valid. JSON-LD (`<script type="application/
ld+json">`) is data the browser never executes, so CSP does not apply to it.

The Wagtail and Django admins still carry inline scripts and style attributes, so paths
under CSP_ADMIN_PATH_PREFIXES get CONTENT_SECURITY_POLICY_ADMIN instead (the same policy
with 'unsafe-inline' for scripts and styles and frames from this site for previews).
Both policies and the Permissions-Policy are settings (marketplace/settings/base.py); see
docs/security.md. The other headers (HSTS, nosniff, Referrer-Policy,
Cross-Origin-Opener-Policy, X-Frame-Options) come from Django's own middleware.
"""

from django.conf import settings

from core.i18n import strip_language


def format_policy(policy):
    """{"default-src": ["'self'"], …} -> "default-src 'self'; …" (empty lists skipped)."""
    parts = []
    for directive, sources in policy.items():
        if sources is None:
            continue
        parts.append(" ".join([directive, *sources]) if sources else directive)
    return "; ".join(parts)


def format_permissions(policy):
    """{"camera": [], "fullscreen": ["self"]} -> "camera=(), fullscreen=(self)"."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.public = format_policy(settings.CONTENT_SECURITY_POLICY)
        self.admin = format_policy(settings.CONTENT_SECURITY_POLICY_ADMIN)
        self.permissions = format_permissions(settings.PERMISSIONS_POLICY)
        self.admin_prefixes = tuple(settings.CSP_ADMIN_PATH_PREFIXES)

    def policy_for(self, request):
        path = strip_language(request.path_info)
        return self.admin if path.startswith(self.admin_prefixes) else self.public

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy_for(request)
        if self.permissions and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions
        return response
