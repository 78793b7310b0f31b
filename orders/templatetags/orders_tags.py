from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def cart_count(context):
    """Units in the visitor's cart; one small query for signed-in shoppers."""
    request = context.get("request")
    if request is None or not hasattr(request, "session"):
        return 0
    cached = getattr(request, "_cart_count", None)
    if cached is None:
        from orders.cart import count

        cached = request._cart_count = count(request)
    return cached
