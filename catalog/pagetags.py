"""The page cache's tags for catalogue pages (core.pagecache): what purges which page.

- every catalogue page (lists, product and booth pages) carries `CATALOGUE`: product,
  photo, category, certification and booth saves purge it, and so does stock crossing
  zero ("in stock" is on the lists and cards);
- a product page also carries its product's tag (by slug, the one thing its address
  tells): any other stock change purges only that page.
"""

from core.pagecache import CATALOGUE


def product_tag(slug):
    return f"product:{slug}"


def catalogue_page(request, view_args, view_kwargs):
    return (CATALOGUE,)


def product_page(request, view_args, view_kwargs):
    return (CATALOGUE, product_tag(view_kwargs.get("slug", "")))
