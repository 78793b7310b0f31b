"""Bulk import of a booth's products from a CSV file: every row checked, all or nothing.

Rows are created as drafts; a row whose status is "published" is then published through
`catalog.publishing`, under the same rule as the publish button. A row the rule refuses (a
new row has no photo yet) stays a draft, and the report says so for that line.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from areas.models import Area
from catalog import csvformat, publishing
from catalog.forms import ProductForm
from catalog.models import Category, Certification, Product
from core.text import fold_vietnamese

REQUIRED_COLUMNS = list(csvformat.REQUIRED)
OPTIONAL_COLUMNS = [c.key for c in csvformat.SHOWN_COLUMNS if not c.required]
MAX_ROWS = 2000
# The longest cell read; a longer one is reported for its line. Product descriptions are
# far shorter than this.
MAX_CELL_CHARS = 20_000


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (line number or None, message)
    notes: list = field(default_factory=list)  # (line number, message): imported, with a remark

    @property
    def ok(self):
        return not self.errors


# Messages for cells that are not whole numbers (translated when used).
NUMBER_ERRORS = {
    "price": gettext_noop(
        "price “%(value)s” is not a whole number of đồng (write e.g. 120000 or 120.000)"
    ),
    "stock": gettext_noop("stock “%(value)s” is not a whole number"),
    "unit_weight_grams": gettext_noop("weight “%(value)s” is not a whole number of grams"),
}


def _key(text):
    """Names compared without case or diacritics: "trai cay" finds "Trái cây"."""
    return " ".join(fold_vietnamese(text or "").lower().split())


def _origin_lookup():
    """Name or slug (folded) → pk of the area a product may come from. An old name
    ("Huyện Lục Ngạn") gives the current area that replaced it; current names win."""
    rows = {a.pk: a for a in Area.objects.all()}
    allowed = set(Area.objects.origins().values_list("pk", flat=True))

    def successor(area):
        seen = set()
        while area is not None and not area.is_current and area.pk not in seen:
            seen.add(area.pk)
            area = rows.get(area.replaced_by_id)
        return area

    lookup = {}
    for area in sorted(rows.values(), key=lambda a: a.is_current):
        target = successor(area)
        if target is not None and target.pk in allowed:
            lookup[_key(area.name)] = lookup[area.slug] = target.pk
    return lookup


def _split(value):
    return [part.strip() for part in (value or "").replace(",", ";").split(";") if part.strip()]


def _number(row, key, message):
    """The cell as a whole-number string for the form ("" stays ""), or an error."""
    value = row.get(key, "")
    if not value:
        return "", None
    number = csvformat.parse_whole_number(value)
    if number is None:
        return value, message % {"value": value}
    return str(number), None


def import_products(booth, uploaded_file, *, by=None) -> ImportResult:
    result = ImportResult()
    try:
        sheet = csvformat.read_sheet(
            uploaded_file.read(), max_rows=MAX_ROWS, max_cell_chars=MAX_CELL_CHARS
        )
    except csvformat.FormatError as error:
        result.errors.append((error.line, error.message))
        return result
    categories = {}
    for c in Category.objects.filter(is_active=True):
        categories[_key(c.name)] = categories[c.slug] = c.pk
    areas = _origin_lookup()
    certs = {}
    for c in Certification.objects.all():
        certs[_key(c.name)] = certs[c.code.lower()] = c.pk

    rows = sheet.rows
    if not rows:
        result.errors.append((None, _("The file has no product rows.")))
        return result
    if len(rows) > MAX_ROWS:
        result.errors.append((None, _("At most %(n)s rows per file.") % {"n": MAX_ROWS}))
        return result

    try:
        with transaction.atomic():
            for line, row in rows:
                errors = []
                category_id = categories.get(_key(row.get("category")))
                if category_id is None:
                    errors.append(
                        _("unknown category “%(value)s”") % {"value": row.get("category", "")}
                    )
                area_id = ""
                if row.get("origin_area"):
                    area_id = areas.get(_key(row["origin_area"]))
                    if area_id is None:
                        errors.append(_("unknown area “%(value)s”") % {"value": row["origin_area"]})
                cert_ids = []
                for code in _split(row.get("certifications")):
                    if _key(code) in certs:
                        cert_ids.append(certs[_key(code)])
                    else:
                        errors.append(_("unknown certification “%(value)s”") % {"value": code})
                status = csvformat.STATUS_WORDS.get(
                    csvformat.header_key(row.get("status") or "draft")
                )
                if status is None:
                    errors.append(
                        _("status “%(value)s”: write “nháp” (draft) or “đang bán” (on sale)")
                        % {"value": row["status"]}
                    )
                numbers, unreadable = {}, set()
                for key, message in NUMBER_ERRORS.items():
                    numbers[key], error = _number(row, key, _(message))
                    if error:
                        errors.append(error)
                        unreadable.add(key)
                form = ProductForm(
                    data={
                        "name": row.get("name", ""),
                        "category": category_id or "",
                        "price": numbers["price"],
                        "unit": row.get("unit", ""),
                        "stock": numbers["stock"],
                        "unit_weight_grams": numbers["unit_weight_grams"],
                        "description": row.get("description", ""),
                        "origin_area": area_id or "",
                        "ocop_stars": row.get("ocop_stars") or "0",
                        "season_months": _split(row.get("season_months")),
                        "certifications": cert_ids,
                    }
                )
                if not form.is_valid():
                    for name, messages in form.errors.items():
                        if name == "category" and category_id is None:
                            continue
                        if name in unreadable:
                            continue  # already said, in the seller's words
                        label = form.fields[name].label if name in form.fields else ""
                        errors.extend(f"{label}: {m}" if label else m for m in messages)
                if errors:
                    result.errors.extend((line, e) for e in errors)
                    continue
                if result.errors:
                    continue  # keep checking the rest, but nothing will be kept
                product = form.save(commit=False)
                product.booth = booth
                product.status = Product.Status.DRAFT
                product.save()
                form.save_m2m()
                if status == Product.Status.PUBLISHED:
                    refused = publishing.try_publish(product, by=by)
                    if refused:
                        result.notes.append(
                            (
                                line,
                                _("“%(name)s” is kept as a draft, not published: %(reasons)s")
                                % {"name": product.name, "reasons": " ".join(refused)},
                            )
                        )
                result.created.append(product)
            if result.errors:
                raise _Rollback
    except _Rollback:
        result.created = []
        result.notes = []
    return result


class _Rollback(Exception):
    pass
