from django import template
from django.utils.safestring import mark_safe

from catalog.cards import render_cards

register = template.Library()


@register.simple_tag(takes_context=True)
def product_cards(context, products, heading_level=3, lcp_first=False):
    """Every product card of a list, from the card cache where it can (catalog/cards.py)."""
    html = render_cards(context.get("request"), products, heading_level, lcp_first)
    return mark_safe("".join(html))  # noqa: S308 - rendered by the card template
