"""Issue 12, "Also": every URL pattern of the URL conf × every role.

The patterns are read from the URL conf itself (`get_resolver()`), not from a hand list,
and each must have exactly one entry in ACCESS (who gets a page) or in SKIPPED (why it
is not swept). A new URL without an entry fails `test_every_url_pattern_has_an_entry`.

Each pattern is then requested by seven people: anonymous, a shopper (who ordered from
booth A), staff of booth A, staff of booth B, an editor, an approver and a moderator.
Path parameters are filled with booth A's objects (its id, product, photo, the
shopper's order…). The roles listed in ACCESS get an answer below 400 that is not a
sign-in page; everyone else gets a sign-in redirect, 403 or 404 — never a page, never
another booth's data; nobody ever gets a 5xx. Views that only accept POST are posted
to (empty form), refused roles first so an allowed one cannot delete the object first.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts import roles
from tests.factories import (
    BoothFactory,
    CategoryFactory,
    MembershipFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
)

ANON, SHOPPER, STAFF_A, STAFF_B, EDITOR, APPROVER, MODERATOR = ROLES = (
    "anonymous",
    "shopper",
    "staff_a",
    "staff_b",
    "editor",
    "approver",
    "moderator",
)
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANON}
WAGTAIL_USERS = frozenset({EDITOR, APPROVER, MODERATOR})
NOBODY = frozenset()


@dataclass(frozen=True)
class Rule:
    allowed: frozenset  # roles that get the page (status < 400, not a sign-in page)
    kwargs: dict = field(default_factory=dict)  # path parameters: names from `world`
    method: str = "GET"
    query: str = ""
    refused: tuple = (302, 403, 404)  # what the others may get (302 only to a sign-in)


def booth_a(**extra):
    return {"booth_id": "booth_a.pk", **extra}


# pattern name (or route when unnamed) -> who gets the page. Written once, here.
ACCESS = {
    # machines and public pages
    "healthz": Rule(EVERYONE),
    "security_txt": Rule(EVERYONE),
    "csrf_token": Rule(EVERYONE),
    "set_language": Rule(EVERYONE, method="POST"),
    # signature required (404 while Stripe is not configured)
    "stripe_webhook": Rule(NOBODY, method="POST", refused=(400, 404)),
    "javascript-catalog": Rule(EVERYONE),
    "shops:booth_list": Rule(EVERYONE),
    "shops:booth_detail": Rule(EVERYONE, {"slug": "booth_a.slug"}),
    "catalog:product_list": Rule(EVERYONE),
    "catalog:product_detail": Rule(EVERYONE, {"slug": "product_a.slug"}),
    "catalog:product_qr": Rule(EVERYONE, {"slug": "product_a.slug"}),
    "catalog:category": Rule(EVERYONE, {"slug": "category.slug"}),
    "search:search": Rule(EVERYONE, query="q=vai"),
    "search:autocomplete": Rule(EVERYONE, query="q=vai"),
    "counters:beacon": Rule(EVERYONE, {"kind": "'product'", "pk": "product_a.pk"}),
    "cms:robots": Rule(EVERYONE),
    "cms:sitemap": Rule(EVERYONE),
    "cms:sitemap_section": Rule(EVERYONE, {"section": "'products'"}),
    "wagtail_serve": Rule(EVERYONE, {"path": "''"}),
    # accounts (allauth): sign-in pages are public; the rest needs a session
    "account_login": Rule(EVERYONE),
    "account_logout": Rule(EVERYONE),
    "account_inactive": Rule(EVERYONE),
    "account_signup": Rule(EVERYONE),
    "account_reauthenticate": Rule(SIGNED_IN),
    "account_email": Rule(SIGNED_IN),
    "account_email_verification_sent": Rule(EVERYONE),
    "account_change_password": Rule(SIGNED_IN),
    "account_set_password": Rule(SIGNED_IN),
    "account_reset_password": Rule(EVERYONE),
    # no code was asked for: the signed-in are sent home, the others to the sign-in page
    "account_confirm_login_code": Rule(SIGNED_IN),
    "account_confirm_email": Rule(EVERYONE, {"key": "'khoa-khong-hop-le'"}),
    "account_reset_password_from_key_done": Rule(EVERYONE),
    "account_reset_password_from_key": Rule(EVERYONE, {"uidb36": "'1'", "key": "'sai'"}),
    "account_reset_password_done": Rule(EVERYONE),
    # reauthentication by code: only for a session (confirming first asks for a code)
    "account_request_reauthentication_code": Rule(SIGNED_IN),
    "account_confirm_reauthentication_code": Rule(SIGNED_IN),
    "session_keep_alive": Rule(SIGNED_IN, method="POST", refused=(401,)),
    # cart and checkout (the cart is per visitor; orders are the shopper's own)
    "orders:cart": Rule(EVERYONE),
    "orders:cart_add": Rule(EVERYONE, method="POST"),
    "orders:cart_update": Rule(EVERYONE, method="POST"),
    "orders:cart_remove": Rule(EVERYONE, method="POST"),
    # guests check out too; an empty cart is sent back to the cart page
    "orders:checkout": Rule(EVERYONE),
    "orders:shipping_quote": Rule(EVERYONE, query="province=bac-ninh"),
    "orders:order_lookup": Rule(EVERYONE),
    # the private link works for whoever holds it (guests have no account); a wrong
    # token is a 404 for everyone
    "orders:order_by_link": Rule(
        EVERYONE, {"number": "order.number", "token": "order.access_token"}
    ),
    "orders:order_by_link_cancel": Rule(
        NOBODY, {"number": "order.number", "token": "'wrong-token'"}, "POST"
    ),
    "orders:order_by_link_report_transfer": Rule(
        NOBODY, {"number": "order.number", "token": "'wrong-token'"}, "POST"
    ),
    "orders:vietqr_image": Rule(
        NOBODY, {"number": "order.number", "token": "order.access_token"}, refused=(404,)
    ),  # a cash-on-delivery order has no QR code
    "orders:my_order_report_transfer": Rule({SHOPPER}, {"number": "order.number"}, "POST"),
    "orders:seller_confirm_transfer": Rule({STAFF_A}, {"number": "order.number"}, "POST"),
    # reviews: only the buyer of a delivered line writes (this order is not delivered)
    "reviews:write": Rule(NOBODY, {"item_id": "order.items.first().pk"}),
    "reviews:edit": Rule(NOBODY, {"pk": "0"}),
    "reviews:report": Rule(NOBODY, {"pk": "0"}, "POST"),
    "reviews:helpful": Rule(NOBODY, {"pk": "0"}, "POST"),
    "reviews:seller_reviews": Rule(SIGNED_IN),  # each sees their own booths' reviews
    "reviews:seller_reply": Rule(NOBODY, {"pk": "0"}, "POST"),
    "shops:dashboard_delivery": Rule({STAFF_A}, booth_a()),
    "shops:dashboard_certificate_add": Rule({STAFF_A}, {"pk": "product_a.pk"}),
    "orders:checkout_done": Rule({SHOPPER}, {"reference": "order.checkout_reference"}),
    "orders:pay_again": Rule({SHOPPER}, {"reference": "order.checkout_reference"}, "POST"),
    "orders:payment_return": Rule({SHOPPER}, {"reference": "order.checkout_reference"}),
    "orders:my_orders": Rule(SIGNED_IN),
    "orders:my_order_detail": Rule({SHOPPER}, {"number": "order.number"}),
    "orders:my_order_cancel": Rule({SHOPPER}, {"number": "order.number"}, "POST"),
    # seller centre: booth A's things for booth A's staff only
    "shops:dashboard": Rule(SIGNED_IN),
    "shops:dashboard_apply": Rule(SIGNED_IN),
    "shops:dashboard_booth_edit": Rule({STAFF_A}, booth_a()),
    "shops:dashboard_products": Rule({STAFF_A}, booth_a()),
    "shops:dashboard_product_add": Rule({STAFF_A}, booth_a()),
    "shops:dashboard_product_import": Rule({STAFF_A}, booth_a()),
    "shops:dashboard_product_import_sample": Rule({STAFF_A}, booth_a()),
    "shops:dashboard_product_edit": Rule({STAFF_A}, {"pk": "product_a.pk"}),
    "shops:dashboard_product_publish": Rule({STAFF_A}, {"pk": "product_a.pk"}, "POST"),
    "shops:dashboard_product_unpublish": Rule({STAFF_A}, {"pk": "product_a.pk"}, "POST"),
    "shops:dashboard_product_stock": Rule({STAFF_A}, {"pk": "product_a.pk"}, "POST"),
    "shops:dashboard_product_duplicate": Rule({STAFF_A}, {"pk": "product_a.pk"}, "POST"),
    "shops:dashboard_product_delete": Rule({STAFF_A}, {"pk": "product_a.pk"}),
    "shops:dashboard_photo_move": Rule({STAFF_A}, {"pk": "photo_a.pk"}, "POST"),
    "shops:dashboard_photo_remove": Rule({STAFF_A}, {"pk": "photo_a.pk"}, "POST"),
    "orders:seller_orders": Rule(SIGNED_IN),  # each sees their own booths' orders
    "orders:seller_order_detail": Rule({STAFF_A}, {"number": "order.number"}),
    "orders:seller_order_move": Rule({STAFF_A}, {"number": "order.number"}, "POST"),
    "orders:packing_slip": Rule({STAFF_A}, {"number": "order.number"}),
    "stats:seller": Rule({STAFF_A, STAFF_B}),
    "stats:market": Rule({MODERATOR}),
    "stats:market_csv": Rule({MODERATOR}),
    # admin logins and the parts of the admins that are swept
    "cms_admin_login": Rule(EVERYONE),
    "django_admin_login": Rule(EVERYONE),
    "wagtailadmin_home": Rule(WAGTAIL_USERS),
    "shops_moderate_booth": Rule({MODERATOR}, {"pk": "booth_a.pk"}),
    "shops_moderate_product": Rule({MODERATOR}, {"pk": "product_a.pk"}),
    "booth:add": Rule({MODERATOR}),
    "product_chooser:choose": Rule(WAGTAIL_USERS),
    "booth_chooser:choose": Rule(WAGTAIL_USERS),
    # Staff see the Django admin's index, listing only the models they hold rights on.
    "admin:index": Rule(WAGTAIL_USERS),
}

# Route prefixes not swept pattern by pattern, and why. Patterns named in ACCESS are
# swept even under these prefixes.
SKIPPED = {
    "cms-admin/": "Wagtail admin internals: Wagtail checks its own permissions on each "
    "view; the root, the booth and product moderation views, the booth viewset and the "
    "choosers are swept above",
    "django-admin/": "Django admin: staff-only by Django (is_staff + model permissions); "
    "its index and login are swept above",
    "documents/": "Wagtail document serving and its privacy form (no private documents)",
    "_util/": "Wagtail page-privacy forms (no private pages here)",
}


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name or prefix + str(pattern.pattern), prefix + str(pattern.pattern)


def url_patterns():
    """{entry key: route} for the Vietnamese (unprefixed) site."""
    return dict(walk(get_resolver().url_patterns))


def skipped(route):
    return any(route.startswith(prefix) for prefix in SKIPPED)


def test_every_url_pattern_has_an_entry():
    missing = sorted(
        key for key, route in url_patterns().items() if key not in ACCESS and not skipped(route)
    )
    assert missing == [], f"add these URL patterns to ACCESS or SKIPPED: {missing}"
    stale = sorted(set(ACCESS) - set(url_patterns()))
    assert stale == [], f"ACCESS names patterns that no longer exist: {stale}"


# --- the world the sweep runs in -------------------------------------------------------


@pytest.fixture
def world(db):
    from cms.site_setup import ensure_home_page
    from orders.models import Order, OrderItem
    from shops.moderation import grant_moderator_permissions

    ensure_home_page()
    grant_moderator_permissions()
    category = CategoryFactory(name="Trái cây", slug="trai-cay")
    staff_a, staff_b = UserFactory(), UserFactory()
    booth_a = BoothFactory(name="Gian hàng A")
    booth_b = BoothFactory(name="Gian hàng B")
    MembershipFactory(booth=booth_a, user=staff_a)
    MembershipFactory(booth=booth_b, user=staff_b)
    product_a = ProductFactory(booth=booth_a, category=category, name="Vải thiều A")
    ProductFactory(booth=booth_b, category=category, name="Gà đồi B")
    photo_a = ProductImageFactory(product=product_a)
    shopper = UserFactory()
    order = Order.objects.create(
        number="CT0001-1",
        checkout_reference="CT0001",
        user=shopper,
        booth=booth_a,
        payment_method=Order.PaymentMethod.COD,
        email=shopper.email,
        recipient_name="Người Mua",
        phone="0912345678",
        province="Bắc Giang",
        ward="Phường Lục Ngạn",
        street="1 Đường Vải",
        subtotal=85_000,
        total=85_000,
    )
    OrderItem.objects.create(
        order=order,
        product=product_a,
        product_name=product_a.name,
        unit="kg",
        unit_price=85_000,
        quantity=1,
        line_total=85_000,
    )
    people = {ANON: None, SHOPPER: shopper, STAFF_A: staff_a, STAFF_B: staff_b}
    for role, group in ((EDITOR, roles.EDITORS), (APPROVER, roles.APPROVERS)):
        people[role] = UserFactory(is_staff=True)
        people[role].groups.add(Group.objects.get(name=group))
    people[MODERATOR] = UserFactory(is_staff=True)
    people[MODERATOR].groups.add(Group.objects.get_or_create(name=roles.MODERATORS)[0])
    objects = {
        "booth_a": booth_a,
        "product_a": product_a,
        "photo_a": photo_a,
        "order": order,
        "category": category,
    }
    return people, objects


def resolve_kwargs(rule, objects):
    values = {}
    for name, expression in rule.kwargs.items():
        values[name] = eval(expression, {}, dict(objects))  # noqa: S307 (the table above)
    return values


def build_path(route, kwargs):
    """The route with its parameters filled in (regex and path() routes)."""
    import re

    path = route.replace("^((?:[\\w\\-]+/)*)$", str(kwargs.get("path", "")))
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), path)
    for name, value in kwargs.items():
        path = re.sub(rf"<(?:\w+:)?{name}>", str(value), path)
    return "/" + path.replace("^", "").replace("$", "")


LOGIN_PAGES = ("/tai-khoan/login/", "/cms-admin/login/", "/django-admin/login/")


def request(client, rule, path):
    url = f"{path}?{rule.query}" if rule.query else path
    if rule.method == "POST":
        return client.post(url, {})
    return client.get(url)


def is_login_redirect(response):
    return response.status_code == 302 and any(
        page in response.get("Location", "") for page in LOGIN_PAGES
    )


def is_refusal_redirect(response, path):
    """A sign-in page, or Wagtail's way of refusing: back to the admin home."""
    return is_login_redirect(response) or (
        path.startswith("/cms-admin/")
        and path not in LOGIN_PAGES
        and response.get("Location") == "/cms-admin/"
    )


SWEPT = sorted(ACCESS)


@pytest.mark.parametrize("key", SWEPT)
def test_each_role_gets_only_what_the_table_allows(world, key):
    people, objects = world
    rule = ACCESS[key]
    route = url_patterns()[key]
    path = build_path(route, resolve_kwargs(rule, objects))
    answers = {}
    # Refused roles first: an allowed one may change or delete the object.
    for role in sorted(ROLES, key=lambda role: role in rule.allowed):
        client = Client()
        if people[role] is not None:
            client.force_login(people[role])
        response = request(client, rule, path)
        status = response.status_code
        answers[role] = status
        assert status < 500, f"{role} {rule.method} {path} -> {status}"
        if role in rule.allowed:
            assert status < 400 and not is_refusal_redirect(response, path), (
                f"{role} should get {rule.method} {path}, got {status}"
            )
        else:
            assert status in rule.refused, f"{role} must not get {path}: {status}"
            if status == 302:
                assert is_refusal_redirect(response, path), (
                    f"{role} {path} -> {response['Location']}"
                )
