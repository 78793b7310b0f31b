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


@receiver(user_logged_in, dispatch_uid="orders_claim_guest_orders_at_login")
def claim_at_login(sender, request, user, **kwargs):
    """Orders placed as a guest with this shopper's verified e-mail become theirs."""
    from orders.claims import claim_guest_orders

    claim_guest_orders(user)


def claim_on_email_confirmed(sender, request=None, email_address=None, **kwargs):
    from orders.claims import claim_guest_orders

    if email_address is not None and email_address.user_id:
        claim_guest_orders(email_address.user, [email_address.email])


def connect_allauth():
    from allauth.account.signals import email_confirmed

    email_confirmed.connect(claim_on_email_confirmed, dispatch_uid="orders_claim_on_confirm")
