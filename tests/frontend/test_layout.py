"""Phone layout in a real browser: nothing wider than the screen, two cards a row, no
layout shift, the largest image fetched first; and the CSS each page type links.

The market is the demo generator at a small size (banners, news, booths with logos and
covers, products with photos, orders), so every page type has its real content.
"""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# An unbroken note as a shopper might paste it: no space for the browser to wrap at.
LONG_NOTE = "Giaohàngsaugiờhànhchính" * 13  # 299 letters, no space

OVERFLOW = """() => {
  const vw = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > vw + 1) {
      let scroller = false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') { scroller = true; break; }
      }
      if (!scroller) wide.push(el.tagName.toLowerCase() + '.' + el.className);
    }
  }
  return {width: document.documentElement.scrollWidth, viewport: vw, wide: wide.slice(0, 5)};
}"""

# Layout shifts so far (buffered), read two frames after the load event.
CLS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value;
  }).observe({type: 'layout-shift', buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
})"""

FIRST_IMAGE = """() => {
  const img = [...document.querySelectorAll('main img')].find(i => i.getBoundingClientRect().width > 0);
  return img && {loading: img.loading, fetchpriority: img.getAttribute('fetchpriority'),
                 srcset: !!img.srcset, sizes: img.sizes, width: img.getAttribute('width'),
                 height: img.getAttribute('height')};
}"""


@pytest.fixture
def market():
    from catalog.models import Category, Product
    from cms.models import ArticlePage
    from orders.models import Order
    from tests.factories import MembershipFactory, UserFactory

    call_command("seed_demo", "--booths", "3", "--products", "12", verbosity=0)
    order = Order.objects.order_by("pk").first()
    user = UserFactory()
    MembershipFactory(booth=order.booth, user=user)
    Order.objects.filter(pk=order.pk).update(
        user=user, note=LONG_NOTE, recipient_name="Nguyễn" + "Văn" * 40
    )
    product = Product.objects.public().filter(images__isnull=False).first()
    booth = product.booth
    return {
        "user": user,
        "pages": {
            "home": "/",
            "list": reverse("catalog:product_list"),
            "category": reverse("catalog:category", args=[Category.objects.first().slug]),
            "product": product.get_absolute_url(),
            "booths": reverse("shops:booth_list"),
            "booth": booth.get_absolute_url(),
            "news": "/tin-tuc/",
            "article": ArticlePage.objects.live().first().url,
            "search": reverse("search:search") + "?q=vai",
            "cart": reverse("orders:cart"),
            "order": reverse("orders:my_order_detail", args=[order.number]),
            "packing-slip": reverse("orders:packing_slip", args=[order.number]),
            "dashboard": reverse("shops:dashboard"),
            "csv-import": reverse("shops:dashboard_product_import", args=[order.booth_id]),
        },
        "product": product,
    }


def signed_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def test_phone_layout(live_server, new_page, market, screenshots):
    """One test, one demo market (seeding it takes most of the time): every page type
    fits a 320 and a 390 px screen; then cards, layout shifts, first images, filters."""
    failures = []
    for width in (320, 390):
        page = new_page("phone", viewport={"width": width, "height": 740})
        signed_in(page, live_server, market["user"])
        for name, path in market["pages"].items():
            page.goto(live_server.url + path)
            page.wait_for_load_state("load")
            found = page.evaluate(OVERFLOW)
            if found["width"] > found["viewport"]:
                failures.append((width, name, found))
        # checkout needs something in the cart: the product page's button puts it there
        page.goto(live_server.url + market["pages"]["product"])
        page.locator(".add-to-cart__button").first.click()
        page.wait_for_load_state("load")
        page.goto(live_server.url + reverse("orders:checkout"))
        assert page.locator("form").count()
        found = page.evaluate(OVERFLOW)
        if found["width"] > found["viewport"]:
            failures.append((width, "checkout", found))
    assert failures == []

    # -- on a 390 px phone -------------------------------------------------------------
    page = new_page("phone")
    pages = market["pages"]
    for name in ("home", "list", "product", "search"):
        page.goto(live_server.url + pages[name])
        page.wait_for_load_state("load")
        cls = page.evaluate(CLS)
        assert cls <= 0.02, (name, cls)
        first = page.evaluate(FIRST_IMAGE)
        assert first is not None, name
        # the first picture is fetched at once and first, the right size for the screen
        assert first["loading"] == "auto" and first["fetchpriority"] == "high", (name, first)
        assert first["srcset"] and first["sizes"] and first["width"] and first["height"], first
        screenshots(page, f"layout-{name}-390")
        if name == "home":
            # the second banner slide is off screen: it waits
            assert page.locator(".banner__img").nth(1).get_attribute("loading") == "lazy"

    # Two product cards a row, with price and origin visible at a glance.
    page.goto(live_server.url + pages["list"])
    cards = page.locator(".product-card")
    first, second, third = (cards.nth(i).bounding_box() for i in range(3))
    assert first["y"] == second["y"] and third["y"] > first["y"]
    assert 150 < first["width"] < 195
    assert cards.first.locator(".product-card__price").is_visible()
    assert cards.first.locator(".product-card__origin").is_visible()
    # The filters start closed when none is chosen, and count only what is chosen.
    filters = page.locator("details.filters")
    assert filters.evaluate("el => el.open") is False
    assert page.locator(".filters__badge").count() == 0
    page.goto(live_server.url + pages["list"] + "?in_stock=1&sort=price_asc")
    assert page.locator("details.filters").evaluate("el => el.open") is True
    assert page.locator(".filters__badge").inner_text() == "1"

    # Booth cards two a row as well.
    page.goto(live_server.url + pages["booths"])
    booths = page.locator(".booth-card")
    assert booths.nth(0).bounding_box()["y"] == booths.nth(1).bounding_box()["y"]

    # A thumbnail shows its photo without scrolling the page under the sticky header.
    page.goto(live_server.url + pages["product"])
    thumbs = page.locator(".gallery__thumbs a")
    if thumbs.count() > 1:
        page.evaluate("() => window.scrollTo(0, 0)")
        thumbs.nth(1).click()
        page.wait_for_function("() => document.querySelector('.gallery__main').scrollLeft > 0")
        assert page.evaluate("() => window.scrollY") < 300
        assert page.locator(".product-info__name").is_visible()

    # The search filters are decided before paint, without script: closed on a phone
    # unless a filter is chosen, always shown beside the results on a desktop.
    for kind, shown in (("phone", False), ("desktop", True)):
        page = new_page(kind, java_script_enabled=False)
        page.goto(live_server.url + pages["search"])
        box = page.locator(".search-facets__box")
        assert box.count() == 1
        assert box.locator(".search-facet").first.is_visible() is shown, kind
