"""Bulk import of a booth's products from a CSV file: every row checked, all or nothing.

Rows are created as drafts; a row whose status is "published" is then published through
`catalog.publishing`, under the same rule as the publish button. A row the rule refuses (a
new row has no photo yet) stays a draft, and the report says so for that line.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from areas.models import Area
from catalog import publishing
from catalog.forms import ProductForm
from catalog.models import Category, Certification, Product

REQUIRED_COLUMNS = ["name", "category", "price", "unit", "stock"]
OPTIONAL_COLUMNS = [
    "description",
    "origin_area",
    "ocop_stars",  # accepted and ignored: OCOP stars come from checked certificates only
    "season_months",
    "certifications",  # accepted and ignored, as ocop_stars
    "status",
]
MAX_ROWS = 2000
# The longest cell read. Python's csv module refuses a field over its (process-wide)
# limit with `_csv.Error`; the importer never changes that limit and reports such a line
# itself instead. Product descriptions are far shorter than this.
MAX_CELL_CHARS = 20_000


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (line number or None, message)
    notes: list = field(default_factory=list)  # (line number, message): imported, with a remark

    @property
    def ok(self):
        return not self.errors


def _split(value):
    return [part.strip() for part in (value or "").replace(",", ";").split(";") if part.strip()]


def import_products(booth, uploaded_file, *, by=None) -> ImportResult:
    result = ImportResult()
    raw = uploaded_file.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append((None, _("The file is not UTF-8 text. Save it as “CSV UTF-8”.")))
        return result
    reader = csv.DictReader(io.StringIO(text))
    try:
        columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    except csv.Error:
        result.errors.append((1, _("The first line (the column names) cannot be read.")))
        return result
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        result.errors.append(
            (1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        )
        return result
    reader.fieldnames = columns
    categories = {c.slug: c.pk for c in Category.objects.filter(is_active=True)}
    categories.update({c.name.lower(): c.pk for c in Category.objects.filter(is_active=True)})
    areas = {a.slug: a.pk for a in Area.objects.all()}
    areas.update({a.name.lower(): a.pk for a in Area.objects.all()})
    certs = {c.code: c.pk for c in Certification.objects.all()}
    certs.update({c.name.lower(): c.pk for c in Certification.objects.all()})

    rows, unreadable = _read_rows(reader)
    if unreadable:
        result.errors.append(unreadable)
        return result
    if not rows:
        result.errors.append((None, _("The file has no product rows.")))
        return result
    if len(rows) > MAX_ROWS:
        result.errors.append((None, _("At most %(n)s rows per file.") % {"n": MAX_ROWS}))
        return result

    try:
        with transaction.atomic():
            for line, row in enumerate(rows, start=2):
                row = {k: (v or "").strip() for k, v in row.items() if k}
                errors = []
                category_key = row.get("category", "").lower()
                category_id = categories.get(category_key)
                if category_id is None:
                    errors.append(
                        _("unknown category “%(value)s”") % {"value": row.get("category", "")}
                    )
                area_id = ""
                if row.get("origin_area"):
                    area_id = areas.get(row["origin_area"].lower())
                    if area_id is None:
                        errors.append(_("unknown area “%(value)s”") % {"value": row["origin_area"]})
                cert_ids = []
                for code in _split(row.get("certifications")):
                    if code.lower() in certs:
                        cert_ids.append(certs[code.lower()])
                    else:
                        errors.append(_("unknown certification “%(value)s”") % {"value": code})
                status = (row.get("status") or "draft").lower()
                if status not in (Product.Status.DRAFT, Product.Status.PUBLISHED):
                    errors.append(_("status must be “draft” or “published”"))
                form = ProductForm(
                    data={
                        "name": row.get("name", ""),
                        "category": category_id or "",
                        "price": row.get("price", "").replace(".", "").replace(" ", ""),
                        "unit": row.get("unit", ""),
                        "stock": row.get("stock", ""),
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


def _read_rows(reader):
    """The rows of *reader*, or (line number, message) for the first line it cannot read.

    Stops after MAX_ROWS + 1 rows: enough to say the file is too long.
    """
    rows = []
    while len(rows) <= MAX_ROWS:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:
            return rows, (
                line,
                _(
                    "This line cannot be read: a cell is longer than %(n)s characters "
                    "or a quotation mark is not closed."
                )
                % {"n": f"{MAX_CELL_CHARS:,}".replace(",", ".")},
            )
        too_long = [
            name
            for name, value in row.items()
            if name and isinstance(value, str) and len(value) > MAX_CELL_CHARS
        ]
        if too_long:
            return rows, (
                line,
                _("The “%(column)s” cell is longer than %(n)s characters.")
                % {"column": too_long[0], "n": f"{MAX_CELL_CHARS:,}".replace(",", ".")},
            )
        rows.append(row)
    return rows, None


class _Rollback(Exception):
    pass
