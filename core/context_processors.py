from django.conf import settings


def site(request):
    user = getattr(request, "user", None)
    session_seconds = None
    if user is not None and user.is_authenticated and hasattr(request, "session"):
        session_seconds = request.session.get_expiry_age()
    return {
        "session_expiry_seconds": session_seconds,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
        "stripe_enabled": bool(settings.STRIPE_SECRET_KEY),
    }
