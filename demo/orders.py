"""Demo orders in every state for the demo shopper(s), spread over the last month.

Idempotent: demo orders carry checkout references starting with "DEMO"; when they exist
nothing is added. Skipped quietly when there are no products yet.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from catalog.models import Product
from orders import stock
from orders.models import Order, OrderItem, OrderStatusChange
from shops.models import BankAccount

DEMO_PREFIX = "DEMO"
SHOPPER_EMAIL = "nguoimua@cho-tinh.local"

ADDRESSES = [
    ("Phạm Thị Mua", "0912345678", "Bắc Ninh", "Phường Kinh Bắc", "12 Nguyễn Trãi"),
    ("Nguyễn Văn An", "0987654321", "Hà Nội", "Phường Cầu Giấy", "45 Trần Thái Tông"),
    ("Trần Thị Bình", "0356789123", "Bắc Ninh", "Xã Lục Ngạn", "Thôn Kép, số 8"),
]
STATUS_PLAN = [
    Order.Status.PENDING,
    Order.Status.PENDING,
    Order.Status.CONFIRMED,
    Order.Status.SHIPPING,
    Order.Status.DELIVERED,
    Order.Status.DELIVERED,
    Order.Status.DELIVERED,
    Order.Status.CANCELLED,
]


def _delivery(booth, lines, province):
    """(fee, zone, grams) of a demo order, through the same rules as a real checkout."""
    from types import SimpleNamespace

    from orders import shipping

    line_objs = [
        SimpleNamespace(product=p, quantity=q, line_total=p.price * q, available=True)
        for p, q in lines
    ]
    group = SimpleNamespace(
        booth=booth, lines=line_objs, subtotal=sum(x.line_total for x in line_objs)
    )
    quote = shipping.quote_cart(SimpleNamespace(groups=[group]), province).booths[0]
    return (quote.fee or 0), quote.zone, quote.weight_grams


def run(ctx):
    if Order.objects.filter(checkout_reference__startswith=DEMO_PREFIX).exists():
        ctx.log("  đơn hàng mẫu đã có")
        return
    products = list(Product.objects.public().filter(stock__gte=5).select_related("booth")[:300])
    if not products:
        ctx.log("  chưa có sản phẩm: bỏ qua đơn hàng mẫu")
        return
    User = get_user_model()
    shopper = User.objects.filter(email=SHOPPER_EMAIL).first()
    if shopper is None:
        shopper = User.objects.create_user(SHOPPER_EMAIL, full_name="Phạm Thị Mua")
    rng = ctx.rng
    now = timezone.now()
    total = 24
    bar = ctx.progress(total, "Đơn hàng")
    for n in range(total):
        product = rng.choice(products)
        same_booth = [p for p in products if p.booth_id == product.booth_id and p != product]
        picks = [product] + rng.sample(same_booth, min(len(same_booth), rng.randint(0, 2)))
        status = STATUS_PLAN[n % len(STATUS_PLAN)]
        name, phone, province, ward, street = ADDRESSES[n % len(ADDRESSES)]
        reference = f"{DEMO_PREFIX}{n + 1:04d}"
        lines = []
        for p in picks:
            q = rng.randint(1, 3)
            if stock.reserve(p.pk, q):
                lines.append((p, q))
        if not lines:
            bar.advance()
            continue
        subtotal = sum(p.price * q for p, q in lines)
        fee, zone, grams = _delivery(product.booth, lines, province)
        pickup = n % 7 == 3
        if pickup:
            fee, zone = 0, ""
        guest = n % 6 == 5  # placed without an account
        account = BankAccount.objects.filter(booth=product.booth).first()
        vietqr = account is not None and n % 2 == 1
        order = Order.objects.create(
            number=f"{reference}-1",
            checkout_reference=reference,
            user=None if guest else shopper,
            booth=product.booth,
            status=status,
            email="khach.vang.lai@example.vn" if guest else shopper.email,
            payment_method=Order.PaymentMethod.VIETQR if vietqr else Order.PaymentMethod.COD,
            payment_status=(
                Order.PaymentStatus.PAID
                if vietqr and status not in (Order.Status.PENDING, Order.Status.CANCELLED)
                else Order.PaymentStatus.UNPAID
            ),
            bank_bin=account.bank_bin if vietqr else "",
            bank_account_number=account.account_number if vietqr else "",
            bank_account_name=account.account_name if vietqr else "",
            payment_due_at=timezone.now() + timedelta(hours=1) if vietqr else None,
            recipient_name=name,
            phone=phone,
            province=province,
            ward=ward,
            street=street,
            subtotal=subtotal,
            delivery=Order.Delivery.PICKUP if pickup else Order.Delivery.SHIP,
            shipping_zone=zone,
            weight_grams=grams,
            shipping_fee=fee,
            total=subtotal + fee,
        )
        OrderItem.objects.bulk_create(
            OrderItem(
                order=order,
                product=p,
                product_name=p.name,
                unit=p.unit,
                unit_price=p.price,
                quantity=q,
                line_total=p.price * q,
            )
            for p, q in lines
        )
        placed = now - timedelta(days=rng.randint(0, 28), hours=rng.randint(0, 20))
        fields = {"created_at": placed}
        if status == Order.Status.CANCELLED:
            stock.release_order(order)
            fields.update(cancelled_at=placed + timedelta(hours=2), cancel_reason="Khách đổi ý")
        if status in (Order.Status.CONFIRMED, Order.Status.SHIPPING, Order.Status.DELIVERED):
            fields["confirmed_at"] = placed + timedelta(hours=3)
        if status in (Order.Status.SHIPPING, Order.Status.DELIVERED):
            fields["shipped_at"] = placed + timedelta(days=1)
        if status == Order.Status.DELIVERED:
            fields["delivered_at"] = placed + timedelta(days=3)
        Order.objects.filter(pk=order.pk).update(**fields)
        OrderStatusChange.objects.create(order=order, to_status=Order.Status.PENDING)
        if status != Order.Status.PENDING:
            OrderStatusChange.objects.create(
                order=order, from_status=Order.Status.PENDING, to_status=status
            )
        bar.advance()
    bar.finish()
    stock.notify_search([p.pk for p in products])
