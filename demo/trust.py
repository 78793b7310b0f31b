"""Demo data step: OCOP and certifications as records, verified booths' facts, reviews.

- Every OCOP rating and certification the catalogue step gave a product gets its record
  with a generated PDF: most are checked, some expired (their badge gone), a few pending
  (not shown until a moderator checks them, in the Wagtail admin's "Certificates").
- Verified booths get their legal facts (owner, registration number) and the snapshot.
- Delivered demo orders get reviews (some with the booth's reply); the averages are stored
  on products and booths as `reviews.actions.refresh_ratings` would.

Idempotent: nothing is added when certificate records already exist (resp. reviews).
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Avg, Count
from django.utils import timezone

from catalog.models import Certificate, Product
from orders.models import Order, OrderItem
from reviews.models import Review, ReviewReply
from shops.models import Booth

DOCUMENT = "certificates/demo-chung-nhan.pdf"
PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
)
OWNERS = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]
TEXTS = [
    (5, "Hàng tươi, đóng gói cẩn thận, giao nhanh. Sẽ ủng hộ tiếp."),
    (5, "Đúng chất đặc sản quê, cả nhà đều khen."),
    (4, "Chất lượng tốt, giá hợp lý; giao hơi chậm một chút."),
    (4, "Ngon, nhưng lần sau mong shop chọn quả đều hơn."),
    (3, "Tạm được, hộp bị móp khi nhận."),
]


def _document():
    if not default_storage.exists(DOCUMENT):
        default_storage.save(DOCUMENT, ContentFile(PDF))
    return DOCUMENT


def certificates(ctx):
    if Certificate.objects.exists():
        ctx.log("  chứng nhận mẫu đã có")
        return
    doc = _document()
    today = timezone.localdate()
    records, expired_products = [], set()
    products = Product.objects.filter(ocop_stars__gt=0).order_by("pk")
    for i, p in enumerate(products.iterator()):
        expired = i % 9 == 4
        records.append(
            Certificate(
                product=p, kind=Certificate.Kind.OCOP, ocop_stars=p.ocop_stars,
                ocop_level=Certificate.Level.NATIONAL if p.ocop_stars == 5 else Certificate.Level.PROVINCIAL,
                number=f"OCOP-BG-{2023 + i % 3}-{p.pk:04d}", year=2023 + i % 3,
                expires_on=today - timedelta(days=20) if expired else today + timedelta(days=300 + i % 400),
                document=doc,
                status=Certificate.Status.EXPIRED if expired else Certificate.Status.CHECKED,
                checked_at=timezone.now(),
            )
        )  # fmt: skip
        if expired:
            expired_products.add(p.pk)
        elif i % 11 == 7:  # a renewal waiting for a moderator
            records.append(
                Certificate(
                    product=p, kind=Certificate.Kind.OCOP, ocop_stars=min(5, p.ocop_stars + 1),
                    ocop_level=Certificate.Level.PROVINCIAL, number=f"OCOP-BG-2026-{p.pk:04d}",
                    year=2026, expires_on=today + timedelta(days=1000), document=doc,
                )
            )  # fmt: skip
    Through = Product.certifications.through
    for i, link in enumerate(Through.objects.select_related("certification").order_by("pk")):
        records.append(
            Certificate(
                product_id=link.product_id, kind=Certificate.Kind.CERTIFICATION,
                certification_id=link.certification_id,
                number=f"{link.certification.code.upper()}-{link.product_id:05d}",
                expires_on=today + timedelta(days=25 if i % 13 == 3 else 200 + i % 500),
                document=doc, status=Certificate.Status.CHECKED, checked_at=timezone.now(),
            )
        )  # fmt: skip
    Certificate.objects.bulk_create(records, batch_size=1000)
    Product.objects.filter(pk__in=expired_products).update(ocop_stars=0, ocop_level="")
    for level in Certificate.Level.values:
        Product.objects.filter(
            certificates__status=Certificate.Status.CHECKED, certificates__ocop_level=level
        ).update(ocop_level=level)
    ctx.log(
        f"  {len(records)} chứng nhận (đã kiểm tra, chờ kiểm tra, {len(expired_products)} hết hạn)"
    )


def booth_facts(ctx):
    for i, booth in enumerate(Booth.objects.filter(is_verified=True, verified_facts={})):
        booth.owner_name = booth.owner_name or OWNERS[i % len(OWNERS)]
        booth.registration_number = booth.registration_number or f"24{booth.pk:08d}"
        booth.address = booth.address or (booth.area.name if booth.area_id else "Bắc Ninh")
        booth.verified_facts = {
            f: getattr(booth, f) for f in ("name", "registration_number", "address", "owner_name")
        }
        Booth.objects.filter(pk=booth.pk).update(
            owner_name=booth.owner_name,
            registration_number=booth.registration_number,
            address=booth.address,
            verified_facts=booth.verified_facts,
        )


def reviews(ctx):
    if Review.objects.exists():
        ctx.log("  đánh giá mẫu đã có")
        return
    items = list(
        OrderItem.objects.filter(
            order__status=Order.Status.DELIVERED, product__isnull=False, order__user__isnull=False
        )
        .select_related("order")
        .order_by("pk")
    )
    made = []
    for i, item in enumerate(items):
        if i % 5 == 4:
            continue  # not every buyer reviews
        rating, text = TEXTS[i % len(TEXTS)]
        made.append(
            Review(
                order_item=item, product_id=item.product_id, booth_id=item.order.booth_id,
                user_id=item.order.user_id, rating=rating, text=text, helpful_count=i % 4,
            )
        )  # fmt: skip
    Review.objects.bulk_create(made)
    owners = dict(
        Booth.objects.filter(memberships__role="owner").values_list("pk", "memberships__user")
    )
    ReviewReply.objects.bulk_create(
        ReviewReply(
            review=r,
            author_id=owners.get(r.booth_id),
            text="Cảm ơn anh/chị đã ủng hộ gian hàng!",
        )
        for r in Review.objects.order_by("pk")[::2]
    )
    for model, field in ((Product, "product"), (Booth, "booth")):
        rows = Review.objects.values(field).annotate(a=Avg("rating"), n=Count("pk"))
        for row in rows:
            model.objects.filter(pk=row[field]).update(
                rating_average=round(row["a"], 2), rating_count=row["n"]
            )
    ctx.log(f"  {len(made)} đánh giá từ người đã nhận hàng")


def run(ctx):
    certificates(ctx)
    booth_facts(ctx)
    reviews(ctx)
