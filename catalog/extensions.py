"""What other rooms add to the catalogue's pages, without the catalogue importing them.

An app above the catalogue (reviews) registers a function from its `AppConfig.ready()`:
`register_product_page(func)`; `func(request, product, context)` may add to the product
page's context and to its JSON-LD (`context["product_json_ld"]`). It must run a fixed
number of queries, whatever the product has.
"""

_product_page = []


def register_product_page(func):
    if func not in _product_page:
        _product_page.append(func)
    return func


def extend_product_page(request, product, context):
    for func in _product_page:
        func(request, product, context)
    return context
