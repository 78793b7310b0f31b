"""Reading a product spreadsheet the way Vietnamese Excel and Google Sheets write it.

Excel on a Vietnamese Windows saves "CSV UTF-8" with a byte-order mark and semicolons
(the list separator of the Vietnamese locale), plain "CSV" in Windows-1258 and "Unicode
text" as UTF-16 with tabs; Google Sheets and LibreOffice write UTF-8 with commas. This
module turns any of them into (line number, {column key: text}) rows, maps Vietnamese
or English column names onto the importer's keys and reads Vietnamese numbers
("120.000", "120.000 ₫"). It knows nothing of products: `catalog.importer` checks the rows.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import fold_vietnamese


@dataclass(frozen=True)
class Column:
    key: str  # the importer's name, also accepted as a header
    header: str  # the Vietnamese header of the sample file
    aliases: tuple  # other headers people write (compared folded, without "(...)")
    required: bool
    explanation: str  # lazy translation
    example: str


COLUMNS = (
    Column(
        "name",
        "Tên sản phẩm",
        ("ten", "ten san pham", "san pham", "ten hang", "product", "product name"),
        True,
        gettext_lazy("As shoppers will read it, e.g. Vải thiều Lục Ngạn loại 1."),
        "Vải thiều Lục Ngạn loại 1",
    ),
    Column(
        "category",
        "Danh mục",
        ("danh muc", "loai", "loai hang", "nhom hang", "category"),
        True,
        gettext_lazy("The category's name or code, as in the list below."),
        "Trái cây",
    ),
    Column(
        "price",
        "Giá",
        ("gia", "gia ban", "don gia", "gia tien", "price"),
        True,
        gettext_lazy("In đồng, whole numbers: 120000, 120.000 or 120.000 ₫."),
        "120.000",
    ),
    Column(
        "unit",
        "Đơn vị",
        ("don vi", "don vi tinh", "dvt", "unit"),
        True,
        gettext_lazy("What one price buys: kg, hộp, chai, túi 500 g…"),
        "kg",
    ),
    Column(
        "stock",
        "Tồn kho",
        ("ton kho", "so luong", "so luong ton", "so luong con", "stock", "quantity"),
        True,
        gettext_lazy("How many units you can sell now (a whole number)."),
        "50",
    ),
    Column(
        "description",
        "Mô tả",
        ("mo ta", "mo ta san pham", "gioi thieu", "description"),
        False,
        gettext_lazy("A few sentences: taste, size, how it is grown or made, packing."),
        "Quả to, cùi dày, hạt nhỏ; hái sáng, giao trong ngày.",
    ),
    Column(
        "origin_area",
        "Vùng xuất xứ",
        ("vung xuat xu", "xuat xu", "vung", "noi san xuat", "origin", "origin area", "area"),
        False,
        gettext_lazy("The area's name or code, e.g. Lục Ngạn; empty when it does not apply."),
        "Lục Ngạn",
    ),
    Column(
        "season_months",
        "Tháng mùa vụ",
        ("thang mua vu", "mua vu", "thang thu hoach", "season", "season months", "months"),
        False,
        gettext_lazy("Months in season separated by commas or semicolons, e.g. 5,6,7."),
        "6,7",
    ),
    Column(
        "unit_weight_grams",
        "Khối lượng (gam)",
        ("khoi luong", "can nang", "trong luong", "weight", "unit weight grams", "weight grams"),
        False,
        gettext_lazy("Shipping weight of one unit in grams; empty is 1 kg a unit for kg."),
        "1000",
    ),
    Column(
        "status",
        "Trạng thái",
        ("trang thai", "status"),
        False,
        gettext_lazy("“nháp” (draft, the default) or “đang bán” (on sale once it has a photo)."),
        "đang bán",
    ),
    # Accepted and ignored: OCOP stars and certifications come from checked certificates.
    Column("ocop_stars", "Sao OCOP", ("sao ocop", "ocop", "ocop stars"), False, "", ""),
    Column("certifications", "Chứng nhận", ("chung nhan", "certifications"), False, "", ""),
)
SHOWN_COLUMNS = tuple(c for c in COLUMNS if c.explanation)
REQUIRED = tuple(c.key for c in COLUMNS if c.required)


def header_key(text):
    """Compare headers folded, lower case, without "(...)" and punctuation:
    "Giá (₫)", "GIÁ BÁN" and "price" all mean the same column."""
    text = re.sub(r"\([^)]*\)", " ", text or "")
    text = fold_vietnamese(text).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


_HEADERS = {}
for _column in COLUMNS:
    for _name in (_column.key, _column.header, *_column.aliases):
        _HEADERS[header_key(_name)] = _column.key

STATUS_WORDS = {
    "draft": "draft",
    "nhap": "draft",
    "ban nhap": "draft",
    "an": "draft",
    "published": "published",
    "dang ban": "published",
    "dang": "published",
    "cong khai": "published",
    "hien": "published",
}


class FormatError(Exception):
    """The file as a whole cannot be read: (line or None, message)."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Sheet:
    columns: list  # keys, in the file's order (None for a column we do not know)
    rows: list  # (line number, {key: text})
    encoding: str
    delimiter: str


def decode(raw: bytes):
    """(text, encoding) of a spreadsheet file, or FormatError with a message a seller
    can act on."""
    if raw.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif b"\x00" in raw[:200]:
        # UTF-16 without a byte-order mark: every ASCII letter has a zero beside it.
        candidates = ["utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be"]
    else:
        # Excel's plain "CSV" on a Vietnamese Windows is Windows-1258 (tones written as
        # combining marks, composed again below).
        candidates = ["utf-8", "cp1258"]
    for encoding in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        return unicodedata.normalize("NFC", text.lstrip("\ufeff")), encoding
    raise FormatError(
        None,
        _(
            "The file's characters cannot be read. In Excel choose File → Save As → "
            "“CSV UTF-8 (Comma delimited)”; in Google Sheets, File → Download → CSV."
        ),
    )


def sniff_delimiter(header_line: str) -> str:
    """The separator of the header line: the one of comma, semicolon and tab that
    splits it into the most cells (quoted text ignored)."""
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: unquoted.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_sheet(raw: bytes, *, max_rows: int, max_cell_chars: int) -> Sheet:
    text, encoding = decode(raw)
    lines = text.splitlines()
    first_line = 1
    # Excel understands (and some tools write) a first line "sep=;".
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5:
        delimiter = lines[0].strip()[4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
        first_line = 2
    else:
        delimiter = sniff_delimiter(lines[0] if lines else "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise FormatError(
            first_line, _("The first line (the column names) cannot be read.")
        ) from exc
    columns = [_HEADERS.get(header_key(cell)) for cell in header]
    missing = [c for c in COLUMNS if c.required and c.key not in columns]
    if missing:
        raise FormatError(
            first_line,
            _(
                "Missing columns: %(columns)s. The first line must name the columns, e.g. %(example)s."
            )
            % {
                "columns": ", ".join(f"“{c.header}” ({c.key})" for c in missing),
                "example": delimiter.replace("\t", " ").join(
                    c.header for c in COLUMNS if c.required
                ),
            },
        )
    rows = []
    offset = first_line - 1
    while len(rows) <= max_rows:
        line = reader.line_num + 1 + offset
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise FormatError(
                line,
                _(
                    "This line cannot be read: a cell is longer than %(n)s characters "
                    "or a quotation mark is not closed."
                )
                % {"n": f"{max_cell_chars:,}".replace(",", ".")},
            ) from exc
        if not any(cell.strip() for cell in cells):
            continue  # Excel leaves empty lines (";;;;") after the data
        row = {}
        for key, value in zip(columns, cells, strict=False):
            if key is None:
                continue
            if len(value) > max_cell_chars:
                raise FormatError(
                    line,
                    _("The “%(column)s” cell is longer than %(n)s characters.")
                    % {"column": key, "n": f"{max_cell_chars:,}".replace(",", ".")},
                )
            row[key] = value.strip()
        rows.append((line, row))
    return Sheet(columns=columns, rows=rows, encoding=encoding, delimiter=delimiter)


_CURRENCY = re.compile(r"(₫|vnđ|vnd|đồng|dong|đ)\.?$", re.IGNORECASE)


def parse_whole_number(text: str):
    """A whole number written the Vietnamese or the English way, or None:
    "120.000", "120.000 ₫", "120000đ", "120,000", "1 250 000", "120000,00" → 120000."""
    value = (text or "").replace("\u00a0", " ").replace("\u202f", " ").strip()
    value = _CURRENCY.sub("", value).strip()
    value = value.replace(" ", "")
    if re.fullmatch(r"\d+", value):
        return int(value)
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", value):
        # Thousands grouped with one kind of separator ("1.250.000", "1,250,000").
        if len(set(re.findall(r"[.,]", value))) == 1:
            return int(re.sub(r"[.,]", "", value))
        return None
    match = re.fullmatch(r"(\d+|\d{1,3}(?:[.,]\d{3})+)[.,]0{1,2}", value)
    if match:  # a spreadsheet's "120000,00" or "120.000,00"
        return int(re.sub(r"[.,]", "", match.group(1)))
    return None


def sample_csv(categories=("Trái cây", "Đặc sản khô")) -> bytes:
    """The sample file offered on the import page: Vietnamese headers, semicolons and a
    UTF-8 byte-order mark, so that Excel on a Vietnamese Windows opens it in columns with
    the accents right (and Google Sheets and LibreOffice read it as well)."""
    shown = [c for c in COLUMNS if c.explanation]
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in shown])
    first = {c.key: c.example for c in shown} | {"category": categories[0]}
    writer.writerow([first[c.key] for c in shown])
    second = {
        "name": "Vải thiều sấy khô",
        "category": categories[-1],
        "price": "150.000 ₫",
        "unit": "hộp",
        "stock": "30",
        "description": "Vải sấy củi nhãn, hộp 500 g.",
        "origin_area": "",
        "season_months": "",
        "unit_weight_grams": "600",
        "status": "nháp",
    }
    writer.writerow([second[c.key] for c in shown])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
