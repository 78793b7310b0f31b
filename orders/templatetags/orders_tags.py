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


@register.filter
def booth_quote(quote, booth_id):
    """The delivery quote of one booth in a cart quote (`orders.shipping.CartQuote`)."""
    return quote.for_booth(booth_id) if quote is not None else None
