from django import template
from django.utils.safestring import mark_safe

from shops.cards import render_cards

register = template.Library()


@register.simple_tag(takes_context=True)
def booth_cards(context, booths, heading_level=3):
    """Every booth card of a list, from the card cache where it can (shops/cards.py)."""
    html = render_cards(context.get("request"), booths, heading_level)
    return mark_safe("".join(html))  # noqa: S308 - rendered by the card template
