"""Template tags of the reviews: the "rate what you received" box of an order."""

from django import template

from reviews.models import Review

register = template.Library()


@register.inclusion_tag("reviews/_order_reviews.html", takes_context=True)
def order_reviews(context, order):
    """On the buyer's order page: each delivered line with "write a review" or "edit"."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if order.status != order.Status.DELIVERED or user is None or order.user_id != user.pk:
        return {"lines": []}
    items = list(order.items.all())
    reviews = {
        r.order_item_id: r
        for r in Review.objects.filter(order_item__in=[i.pk for i in items], user=user)
    }
    return {
        "lines": [(item, reviews.get(item.pk)) for item in items if item.product_id],
    }
