"""The seller centre at /kenh-nguoi-ban/: a plain site area, not the Wagtail admin.

Every object is looked up through `shops.permissions`, so staff of one booth get a 404 for
anything of another booth, whether they change the URL or a form field.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from catalog import certificates, csvformat, publishing
from catalog.forms import CertificateForm, CsvImportForm, PhotoUploadForm, ProductForm, StockForm
from catalog.importer import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, import_products
from catalog.models import Category, Product, ProductImage
from catalog.photos import MAX_PHOTOS, add_photos, move_photo, remove_photo
from core.ratelimit import rate_limit
from core.text import unique_slug
from shops import verification
from shops.forms import BankAccountForm, BoothForm, DashboardProductFilterForm, DeliveryForm
from shops.models import Booth, BoothMembership
from shops.permissions import (
    booths_for,
    get_booth_for_staff_or_404,
    get_photo_for_staff_or_404,
    get_product_for_staff_or_404,
)

PRODUCTS_PER_PAGE = 30


def _products_url(booth):
    return reverse("shops:dashboard_products", kwargs={"booth_id": booth.pk})


@login_required
def dashboard(request):
    booths = list(
        booths_for(request.user)
        .select_related("area", "logo")
        .annotate(
            n_products=Count("products", distinct=True),
            n_published=Count(
                "products", filter=Q(products__status=Product.Status.PUBLISHED), distinct=True
            ),
        )
        .order_by("name")
    )
    for booth in booths:
        booth.verification_notice = verification.lapsed_notice(booth)
    return render(request, "shops/dashboard/home.html", {"booths": booths})


@login_required
@rate_limit("booth_apply", methods=("POST",))
def apply(request):
    form = BoothForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            booth = form.save(commit=False)
            booth.status = Booth.Status.PENDING
            booth.save()
            BoothMembership.objects.create(
                booth=booth, user=request.user, role=BoothMembership.Role.OWNER
            )
        messages.success(
            request, _("Your application has been sent. A moderator will review it soon.")
        )
        return redirect("shops:dashboard")
    return render(request, "shops/dashboard/booth_form.html", {"form": form, "booth": None})


@login_required
@rate_limit("upload", methods=("POST",))
def booth_edit(request, booth_id):
    booth = get_booth_for_staff_or_404(request.user, pk=booth_id)
    form = BoothForm(request.POST or None, request.FILES or None, instance=booth)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The booth profile has been saved."))
        return redirect("shops:dashboard_booth_edit", booth_id=booth.pk)
    return render(request, "shops/dashboard/booth_form.html", {"form": form, "booth": booth})


@login_required
def delivery(request, booth_id):
    """Delivery fees per zone, pick-up, and the bank account for VietQR transfers."""
    booth = get_booth_for_staff_or_404(request.user, pk=booth_id)
    which = request.POST.get("form") if request.method == "POST" else None
    delivery_form = DeliveryForm(request.POST if which == "delivery" else None, booth=booth)
    bank_form = BankAccountForm(request.POST if which == "bank" else None, booth=booth)
    form = {"delivery": delivery_form, "bank": bank_form}.get(which)
    if form is not None and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("shops:dashboard_delivery", booth_id=booth.pk)
    return render(
        request,
        "shops/dashboard/delivery.html",
        {"booth": booth, "delivery_form": delivery_form, "bank_form": bank_form},
    )


@login_required
def products(request, booth_id):
    booth = get_booth_for_staff_or_404(request.user, pk=booth_id)
    qs = (
        booth.products.select_related("category")
        .prefetch_related("images__image")
        .order_by("-updated_at", "-pk")
    )
    params = DashboardProductFilterForm.parse(request.GET)
    q, status = params.get("q", ""), params.get("status", "")
    if q:
        qs = qs.filter(name__icontains=q)
    if status:
        qs = qs.filter(status=status)
    page = Paginator(qs, PRODUCTS_PER_PAGE).get_page(params.get("page"))
    return render(
        request,
        "shops/dashboard/products.html",
        {
            "booth": booth,
            "page_obj": page,
            "products": page.object_list,
            "q": q,
            "status": status,
            "statuses": Product.Status.choices,
            "query_string": params.urlencode(drop=("page",)),
        },
    )


@login_required
@rate_limit("upload", methods=("POST",))
def product_add(request, booth_id):
    booth = get_booth_for_staff_or_404(request.user, pk=booth_id)
    form = ProductForm(request.POST or None)
    photos = PhotoUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and photos.is_valid():
        refused = []
        with transaction.atomic():
            product = form.save(commit=False)
            product.booth = booth
            product.status = Product.Status.DRAFT
            product.save()
            form.save_m2m()
            add_photos(product, photos.cleaned_data["photos"])
            if "publish" in request.POST:
                refused = publishing.try_publish(product, by=request.user)
        if refused:
            messages.warning(
                request,
                _("“%(name)s” has been saved as a draft, not published: %(reasons)s")
                % {"name": product.name, "reasons": " ".join(refused)},
            )
        elif product.status == Product.Status.PUBLISHED:
            messages.success(request, _("“%(name)s” is now on sale.") % {"name": product.name})
        else:
            messages.success(request, _("“%(name)s” has been saved.") % {"name": product.name})
        return redirect("shops:dashboard_product_edit", pk=product.pk)
    return render(
        request,
        "shops/dashboard/product_form.html",
        {"booth": booth, "form": form, "photo_form": photos, "product": None},
    )


@login_required
@rate_limit("upload", methods=("POST",))
def product_edit(request, pk):
    product = get_product_for_staff_or_404(request.user, pk)
    form = ProductForm(request.POST or None, instance=product)
    photos = PhotoUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and photos.is_valid():
        existing = product.images.count()
        if existing + len(photos.cleaned_data["photos"]) > MAX_PHOTOS:
            photos.add_error("photos", _("At most %(n)s photos per product.") % {"n": MAX_PHOTOS})
        else:
            with transaction.atomic():
                product = form.save()
                add_photos(product, photos.cleaned_data["photos"])
            messages.success(request, _("“%(name)s” has been saved.") % {"name": product.name})
            return redirect("shops:dashboard_product_edit", pk=product.pk)
    return render(
        request,
        "shops/dashboard/product_form.html",
        {
            "booth": product.booth,
            "form": form,
            "photo_form": photos,
            "product": product,
            "photos": product.images.select_related("image").order_by("sort_order", "pk"),
            "max_photos": MAX_PHOTOS,
            "certificates": product.certificates.select_related("certification"),
            "certificate_form": CertificateForm(),
        },
    )


@login_required
def product_certificate_add(request, pk):
    """Upload an OCOP rating or a certification; it shows once a moderator checks it."""
    product = get_product_for_staff_or_404(request.user, pk)
    form = CertificateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        certificates.submit(product, by=request.user, **data)
        messages.success(
            request, _("The certificate was sent to the moderators; it shows once checked.")
        )
        return redirect(
            reverse("shops:dashboard_product_edit", args=[product.pk]) + "#certificates"
        )
    return render(
        request,
        "shops/dashboard/certificate_form.html",
        {"booth": product.booth, "product": product, "form": form},
    )


@login_required
@require_POST
def product_publish(request, pk):
    product = get_product_for_staff_or_404(request.user, pk)
    try:
        publishing.publish(product, by=request.user)
    except publishing.PublishingRefused as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("“%(name)s” is now on sale.") % {"name": product.name})
    if request.POST.get("from") == "edit":
        return redirect("shops:dashboard_product_edit", pk=product.pk)
    return redirect(_products_url(product.booth))


@login_required
@require_POST
def product_unpublish(request, pk):
    product = get_product_for_staff_or_404(request.user, pk)
    try:
        publishing.unpublish(product, by=request.user)
    except publishing.PublishingRefused as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("“%(name)s” is no longer shown.") % {"name": product.name})
    return redirect(_products_url(product.booth))


@login_required
@require_POST
def product_stock(request, pk):
    product = get_product_for_staff_or_404(request.user, pk)
    form = StockForm(request.POST)
    if form.is_valid():
        product.stock = form.cleaned_data["stock"]
        product.save(update_fields=["stock", "updated_at"])
        messages.success(
            request,
            _("Stock of “%(name)s” is now %(stock)s.")
            % {"name": product.name, "stock": product.stock},
        )
    else:
        messages.error(request, "; ".join(form.errors["stock"]))
    return redirect(_products_url(product.booth))


@login_required
@require_POST
def product_duplicate(request, pk):
    original = get_product_for_staff_or_404(request.user, pk)
    with transaction.atomic():
        certifications = list(original.certifications.all())
        photos = list(original.images.order_by("sort_order", "pk"))
        copy = Product.objects.get(pk=original.pk)
        copy.pk = None
        copy.id = None
        copy._state.adding = True
        copy.name = _("%(name)s (copy)") % {"name": original.name}
        copy.slug = unique_slug(Product, copy.name, max_length=200)
        copy.status = Product.Status.DRAFT
        copy.view_count = 0
        copy.published_at = None
        copy.hidden_reason = ""
        copy.save()
        copy.certifications.set(certifications)
        ProductImage.objects.bulk_create(
            ProductImage(product=copy, image_id=p.image_id, sort_order=p.sort_order, alt=p.alt)
            for p in photos
        )
    messages.success(request, _("A draft copy has been made."))
    return redirect("shops:dashboard_product_edit", pk=copy.pk)


@login_required
def product_delete(request, pk):
    product = get_product_for_staff_or_404(request.user, pk)
    if request.method == "POST":
        booth = product.booth
        name = product.name
        product.delete()
        messages.success(request, _("“%(name)s” has been deleted.") % {"name": name})
        return redirect(_products_url(booth))
    return render(
        request, "shops/dashboard/product_delete.html", {"product": product, "booth": product.booth}
    )


@login_required
@require_POST
def photo_move(request, pk):
    photo = get_photo_for_staff_or_404(request.user, pk)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        move_photo(photo, direction)
    return redirect(
        reverse("shops:dashboard_product_edit", kwargs={"pk": photo.product_id}) + "#photos"
    )


@login_required
@require_POST
def photo_remove(request, pk):
    photo = get_photo_for_staff_or_404(request.user, pk)
    product = photo.product
    product_id = photo.product_id
    with transaction.atomic():
        remove_photo(photo)
        withdrawn = publishing.withdraw_if_unfit(product, by=request.user)
    messages.success(request, _("The photo has been removed."))
    if withdrawn:
        messages.warning(
            request,
            _("“%(name)s” is no longer on sale: %(reasons)s")
            % {"name": product.name, "reasons": " ".join(withdrawn)},
        )
    return redirect(reverse("shops:dashboard_product_edit", kwargs={"pk": product_id}) + "#photos")


IMPORT_NOTES_KEY = "shops_import_notes"


@login_required
@rate_limit("upload", methods=("POST",))
def product_import(request, booth_id):
    booth = get_booth_for_staff_or_404(request.user, pk=booth_id)
    form = CsvImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = import_products(booth, form.cleaned_data["file"], by=request.user)
        if result.ok:
            published = sum(p.status == Product.Status.PUBLISHED for p in result.created)
            messages.success(
                request,
                ngettext(
                    "%(n)s product imported, %(published)s of them on sale.",
                    "%(n)s products imported, %(published)s of them on sale.",
                    len(result.created),
                )
                % {"n": len(result.created), "published": published},
            )
            if not result.notes:
                return redirect(_products_url(booth))
            # Shown once on the import page after the redirect (no re-import on reload).
            request.session[IMPORT_NOTES_KEY] = {
                "booth": booth.pk,
                "notes": [(line, str(message)) for line, message in result.notes],
            }
            return redirect("shops:dashboard_product_import", booth_id=booth.pk)
    notes = []
    if request.method == "GET":
        stored = request.session.pop(IMPORT_NOTES_KEY, None)
        if stored and stored.get("booth") == booth.pk:
            notes = stored["notes"]
    return render(
        request,
        "shops/dashboard/product_import.html",
        {
            "booth": booth,
            "form": form,
            "result": result,
            "notes": notes,
            "products_url": _products_url(booth),
            "required_columns": REQUIRED_COLUMNS,
            "optional_columns": OPTIONAL_COLUMNS,
            "columns": csvformat.SHOWN_COLUMNS,
            "categories": Category.objects.filter(is_active=True).order_by("name"),
        },
    )


@login_required
def product_import_sample(request, booth_id):
    """The sample spreadsheet (Vietnamese headers, semicolons, UTF-8 with a byte-order
    mark: Excel opens it in columns), with two of the market's categories."""
    get_booth_for_staff_or_404(request.user, pk=booth_id)
    names = list(
        Category.objects.filter(is_active=True, children__isnull=True)
        .order_by("parent__sort_order", "sort_order", "name")
        .values_list("name", flat=True)[:2]
    )
    body = csvformat.sample_csv(names) if names else csvformat.sample_csv()
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-san-pham.csv"'
    return response
