"""Stock reservation: conditional updates, never below zero, released at most once."""

from django.db.models import F

from catalog.models import Product
from catalog.pagetags import product_tag
from core import pagecache


def notify_search(product_ids, released=False):
    """Tell the page cache and the search index that these products' stock changed (called
    after commit; *released*: units given back)."""
    if not product_ids:
        return
    purge_pages(product_ids, released)
    try:
        from search.outbox import mark_dirty
    except ImportError:
        return
    try:
        mark_dirty(Product, list(product_ids))
    except TypeError:
        for pk in product_ids:
            mark_dirty(Product, pk)


def purge_pages(product_ids, released=False):
    """Stock is on the product page: purge it. "In stock" is on every list, card and booth
    page: purge the catalogue only when a product's stock crossed zero (sold out now, or
    units given back; a release is rare, so it is not told apart from a refill)."""
    rows = list(Product.objects.filter(pk__in=list(product_ids)).values_list("slug", "stock"))
    tags = [product_tag(slug) for slug, _stock in rows]
    if released or any(stock <= 0 for _slug, stock in rows):
        tags.append(pagecache.CATALOGUE)
    pagecache.purge_tags(*tags)


def reserve(product_id, quantity):
    """Take *quantity* from the product's stock if that many are there. True on success.

    One conditional UPDATE: concurrent buyers are serialised by the row lock and the
    `stock >= q` test is re-checked against the latest row, so nobody oversells.
    """
    return bool(
        Product.objects.filter(pk=product_id, stock__gte=quantity).update(
            stock=F("stock") - quantity
        )
    )


def release_order(order):
    """Give an order's units back, once. Returns True if this call released them."""
    from orders.models import Order

    claimed = Order.objects.filter(pk=order.pk, stock_released=False).update(stock_released=True)
    if not claimed:
        return False
    order.stock_released = True
    ids = []
    for item in order.items.all():
        if item.product_id:
            Product.objects.filter(pk=item.product_id).update(stock=F("stock") + item.quantity)
            ids.append(item.product_id)
    return ids or True
