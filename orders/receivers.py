"""Signal receivers of the orders app (connected in OrdersConfig.ready)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver


@receiver(user_logged_in, dispatch_uid="orders_merge_cart_at_login")
def merge_cart_at_login(sender, request, user, **kwargs):
    """Fold the guest's session cart into the saved cart (allauth's log-in sends this too)."""
    if request is None or not hasattr(request, "session"):
        return
    from orders.cart import merge_session_into_user

    merge_session_into_user(request.session, user)
