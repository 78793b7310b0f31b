"""factory_boy factories shared by every test area. Areas add their own beside them."""

import io
from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage

from accounts.models import User
from areas.models import Area
from catalog.models import Category, Certificate, Product, ProductImage
from images.models import CustomImage
from shops.models import Booth, BoothMembership

DEFAULT_PASSWORD = "mat-khau-thu-2026"


def make_image_bytes(width=64, height=48, color=(31, 111, 67), fmt="PNG"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, format=fmt)
    return buffer.getvalue()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"nguoidung{n}@example.vn")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.save()
        if extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomImage

    title = factory.Sequence(lambda n: f"Ảnh {n}")
    file = factory.LazyFunction(lambda: ImageFile(io.BytesIO(make_image_bytes()), name="anh.png"))


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Vùng {n}")
    slug = factory.Sequence(lambda n: f"vung-{n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Danh mục {n}")
    slug = factory.Sequence(lambda n: f"danh-muc-{n}")


class BoothFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booth

    name = factory.Sequence(lambda n: f"Gian hàng {n}")
    slug = factory.Sequence(lambda n: f"gian-hang-{n}")
    status = Booth.Status.APPROVED
    area = factory.SubFactory(AreaFactory)
    phone = "0912345678"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoothMembership

    booth = factory.SubFactory(BoothFactory)
    user = factory.SubFactory(UserFactory)
    role = BoothMembership.Role.OWNER


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    booth = factory.SubFactory(BoothFactory)
    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"Sản phẩm {n}")
    slug = factory.Sequence(lambda n: f"san-pham-{n}")
    price = 85_000
    unit = "kg"
    stock = 20
    status = Product.Status.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == Product.Status.PUBLISHED else None
    )


class ProductImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductFactory)
    image = factory.SubFactory(ImageFactory)


PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class CertificateFactory(factory.django.DjangoModelFactory):
    """A certificate record; `status="checked"` by default. Call
    `catalog.certificates.refresh_badges(product)` after creating checked ones directly."""

    class Meta:
        model = Certificate

    product = factory.SubFactory(ProductFactory)
    kind = Certificate.Kind.OCOP
    ocop_stars = factory.LazyAttribute(lambda o: 4 if o.kind == Certificate.Kind.OCOP else None)
    ocop_level = factory.LazyAttribute(
        lambda o: Certificate.Level.PROVINCIAL if o.kind == Certificate.Kind.OCOP else ""
    )
    number = factory.Sequence(lambda n: f"OCOP-{n:04d}")
    year = 2025
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))
    document = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="chung-nhan.pdf"))
    status = Certificate.Status.CHECKED
