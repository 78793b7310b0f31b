"""The shopping cart: the session for guests, the database for signed-in shoppers.

Both keep {product id: (quantity, price seen)}. `CartView` re-reads every product
(public products only), groups lines by booth and flags what changed since the shopper
added it: price, stock, visibility.
"""

import contextlib
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from catalog.models import Product
from orders.models import MAX_QUANTITY, Cart, CartItem

SESSION_KEY = "cart"


class CartError(ValueError):
    pass


def parse_quantity(raw, *, allow_zero=False):
    """A quantity from a form field, or CartError with a translated message."""
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        raise CartError(_("Please enter a whole number for the quantity.")) from None
    if value < 0 or (value == 0 and not allow_zero):
        raise CartError(_("The quantity must be at least 1."))
    if value > MAX_QUANTITY:
        raise CartError(_("At most %(max)d of one product per order.") % {"max": MAX_QUANTITY})
    return value


class SessionStore:
    def __init__(self, session):
        self.session = session

    def items(self):
        raw = self.session.get(SESSION_KEY) or {}
        result = {}
        for key, value in raw.items():
            try:
                result[int(key)] = (int(value[0]), int(value[1]))
            except (TypeError, ValueError, IndexError):
                continue
        return result

    def _save(self, data):
        self.session[SESSION_KEY] = {str(k): [q, p] for k, (q, p) in data.items()}
        self.session.modified = True

    def set(self, product_id, quantity, price_seen):
        data = self.items()
        data[product_id] = (quantity, price_seen)
        self._save(data)

    def remove(self, product_id):
        data = self.items()
        data.pop(product_id, None)
        self._save(data)

    def clear(self):
        self.session.pop(SESSION_KEY, None)
        self.session.modified = True


class DatabaseStore:
    def __init__(self, user):
        self.user = user
        self._cart = None

    @property
    def cart(self):
        if self._cart is None:
            self._cart, _created = Cart.objects.get_or_create(user=self.user)
        return self._cart

    def items(self):
        rows = CartItem.objects.filter(cart__user=self.user).values_list(
            "product_id", "quantity", "price_seen"
        )
        return {pid: (q, p) for pid, q, p in rows}

    def set(self, product_id, quantity, price_seen):
        CartItem.objects.update_or_create(
            cart=self.cart,
            product_id=product_id,
            defaults={"quantity": quantity, "price_seen": price_seen},
        )

    def remove(self, product_id):
        CartItem.objects.filter(cart__user=self.user, product_id=product_id).delete()

    def clear(self):
        CartItem.objects.filter(cart__user=self.user).delete()


def store_for(request):
    if request.user.is_authenticated:
        return DatabaseStore(request.user)
    return SessionStore(request.session)


def count(request):
    """Units in the cart (for the header badge)."""
    return sum(q for q, _p in store_for(request).items().values())


def _buyable(product_id):
    try:
        return Product.objects.public().select_related("booth").get(pk=product_id)
    except (Product.DoesNotExist, ValueError, TypeError):
        raise CartError(_("This product is not available.")) from None


def add(request, product_id, quantity):
    """Add *quantity* units (limited by stock and the maximum). Returns the product."""
    product = _buyable(product_id)
    store = store_for(request)
    current = store.items().get(product.pk, (0, product.price))[0]
    wanted = current + quantity
    if product.stock <= 0:
        raise CartError(_("“%(name)s” is out of stock.") % {"name": product.name})
    if wanted > min(product.stock, MAX_QUANTITY):
        raise CartError(
            _("Only %(n)d of “%(name)s” can be ordered.")
            % {"n": min(product.stock, MAX_QUANTITY), "name": product.name}
        )
    store.set(product.pk, wanted, product.price)
    return product


def update(request, product_id, quantity):
    """Set a line's quantity; 0 removes it."""
    store = store_for(request)
    try:
        product_id = int(product_id)
    except (TypeError, ValueError):
        raise CartError(_("This product is not available.")) from None
    lines = store.items()
    if product_id not in lines:
        raise CartError(_("This product is not in your cart."))
    if quantity == 0:
        store.remove(product_id)
        return None
    product = _buyable(product_id)
    if quantity > product.stock:
        raise CartError(
            _("Only %(n)d of “%(name)s” left in stock.")
            % {"n": product.stock, "name": product.name}
        )
    # Keep the price the shopper last saw: the cart page shows any change.
    store.set(product_id, quantity, lines[product_id][1])
    return product


def remove(request, product_id):
    with contextlib.suppress(TypeError, ValueError):
        store_for(request).remove(int(product_id))


def acknowledge_prices(request, lines):
    """The shopper has now seen the current prices: remember them."""
    store = store_for(request)
    for line in lines:
        if line.price_changed and line.available:
            store.set(line.product.pk, line.quantity, line.product.price)


def merge_session_into_user(session, user):
    """At log-in: fold the guest cart into the shopper's saved cart (quantities add up)."""
    guest = SessionStore(session)
    items = guest.items()
    if not items:
        return
    db = DatabaseStore(user)
    with transaction.atomic():
        saved = db.items()
        products = Product.objects.public().in_bulk(list(items))
        for pid, (quantity, price_seen) in items.items():
            product = products.get(pid)
            if product is None:
                continue
            total = quantity + saved.get(pid, (0, 0))[0]
            total = max(1, min(total, MAX_QUANTITY, product.stock or total))
            db.set(pid, total, price_seen)
    guest.clear()


@dataclass
class Line:
    product: Product | None
    product_id: int
    quantity: int
    price_seen: int
    problems: list = field(default_factory=list)

    @property
    def available(self):
        return self.product is not None and not self.problems

    @property
    def price_changed(self):
        return self.product is not None and self.product.price != self.price_seen

    @property
    def unit_price(self):
        return self.product.price if self.product else self.price_seen

    @property
    def line_total(self):
        return self.unit_price * self.quantity


@dataclass
class BoothGroup:
    booth: object
    lines: list

    @property
    def subtotal(self):
        return sum(line.line_total for line in self.lines if line.available)


@dataclass
class CartView:
    groups: list
    unavailable: list

    @property
    def lines(self):
        return [line for group in self.groups for line in group.lines]

    @property
    def total(self):
        return sum(group.subtotal for group in self.groups)

    @property
    def count(self):
        return sum(line.quantity for line in self.lines)

    @property
    def is_empty(self):
        return not self.groups and not self.unavailable

    @property
    def has_problems(self):
        return bool(self.unavailable) or any(line.problems for line in self.lines)

    @property
    def price_changes(self):
        return [line for line in self.lines if line.price_changed]

    def fingerprint(self):
        """What the shopper is agreeing to pay: product, quantity and current price."""
        import hashlib

        text = "|".join(
            f"{line.product_id}:{line.quantity}:{line.unit_price}"
            for line in sorted(self.lines, key=lambda line: line.product_id)
        )
        return hashlib.sha256(text.encode()).hexdigest()[:32]


def view(request):
    """The cart with current products and prices, grouped by booth."""
    items = store_for(request).items()
    products = (
        Product.objects.public()
        .filter(pk__in=list(items))
        .select_related("booth")
        .prefetch_related("images__image")
        .in_bulk()
    )
    groups = {}
    unavailable = []
    for pid, (quantity, price_seen) in sorted(items.items()):
        product = products.get(pid)
        line = Line(product, pid, quantity, price_seen)
        if product is None:
            line.problems.append(_("This product is no longer sold."))
            unavailable.append(line)
            continue
        if product.stock <= 0:
            line.problems.append(_("Out of stock."))
        elif quantity > product.stock:
            line.problems.append(_("Only %(n)d left: lower the quantity.") % {"n": product.stock})
        groups.setdefault(product.booth_id, BoothGroup(product.booth, [])).lines.append(line)
    ordered = sorted(groups.values(), key=lambda g: g.booth.name)
    return CartView(ordered, unavailable)
