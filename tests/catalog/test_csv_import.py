"""CSV import of files written the way Excel (Vietnamese Windows), Google Sheets and
LibreOffice write them; the sample file; per-row Vietnamese errors, all or nothing."""

import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.csvformat import parse_whole_number
from catalog.models import Product
from tests.factories import AreaFactory, CategoryFactory

pytestmark = pytest.mark.django_db

HEADER = ["Tên sản phẩm", "Danh mục", "Giá", "Đơn vị", "Tồn kho", "Mô tả", "Vùng xuất xứ"]
ROWS = [
    [
        "Vải thiều Lục Ngạn loại 1",
        "Trái cây",
        "120.000 ₫",
        "kg",
        "50",
        "Quả to; cùi dày",
        "Lục Ngạn",
    ],
    ["Mật ong rừng", "trai cay", "1.250.000", "chai", "1.000", "", ""],
]


def excel_csv(rows, *, delimiter=";"):
    """Rows as Excel writes a CSV: fields with the separator or quotes quoted, CRLF."""
    out = []
    for row in rows:
        cells = []
        for cell in row:
            if delimiter in cell or '"' in cell or "\n" in cell:
                cell = '"' + cell.replace('"', '""') + '"'
            cells.append(cell)
        out.append(delimiter.join(cells))
    return "\r\n".join(out) + "\r\n"


def cp1258(text):
    """Windows-1258 as Excel writes it: the tone marks as combining characters after
    the letter (Python's codec only encodes characters the code page holds whole)."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            # The code page holds â ê ô ă ơ ư whole; the tone follows as a combining mark.
            for i, mark in enumerate(marks):
                head = unicodedata.normalize("NFC", base + mark)
                rest = "".join(marks[:i] + marks[i + 1 :])
                try:
                    out += head.encode("cp1258") + rest.encode("cp1258")
                    break
                except UnicodeEncodeError:
                    continue
            else:
                out += (base + "".join(marks)).encode("cp1258")
    return out


def upload(raw, name="san-pham.csv"):
    return SimpleUploadedFile(name, raw, content_type="text/csv")


@pytest.fixture
def shop(client, seller):
    user, booth = seller
    CategoryFactory(slug="trai-cay", name="Trái cây")
    AreaFactory(slug="luc-ngan", name="Lục Ngạn")
    client.force_login(user)
    return f"/kenh-nguoi-ban/gian-hang/{booth.pk}/san-pham/nhap-csv/", booth


def imported():
    return sorted(Product.objects.values_list("name", "price", "stock", "origin_area__slug"))


EXPECTED = [
    ("Mật ong rừng", 1_250_000, 1000, None),
    ("Vải thiều Lục Ngạn loại 1", 120_000, 50, "luc-ngan"),
]


def test_excel_csv_utf8_with_bom_and_semicolons(client, shop):
    url, booth = shop
    raw = b"\xef\xbb\xbf" + excel_csv([HEADER, *ROWS, [""] * 7]).encode("utf-8")
    response = client.post(url, {"file": upload(raw)})
    assert response.status_code == 302, response.context["result"].errors
    assert imported() == EXPECTED
    assert set(Product.objects.values_list("booth", flat=True)) == {booth.pk}


def test_excel_unicode_text_is_utf16_with_tabs(client, shop):
    url, _booth = shop
    raw = excel_csv([HEADER, *ROWS], delimiter="\t").encode("utf-16")  # BOM, little-endian
    assert raw[:2] == b"\xff\xfe"
    response = client.post(url, {"file": upload(raw, "san-pham.txt")})
    assert response.status_code == 302, response.context["result"].errors
    assert imported() == EXPECTED


def test_excel_plain_csv_on_vietnamese_windows_is_cp1258(client, shop):
    url, _booth = shop
    raw = cp1258(excel_csv([HEADER, *ROWS]))
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    response = client.post(url, {"file": upload(raw)})
    assert response.status_code == 302, response.context["result"].errors
    # Composed again: the names compare equal to what a seller types.
    assert imported() == EXPECTED


def test_google_sheets_csv_with_english_headers_and_commas(client, shop):
    url, _booth = shop
    text = (
        "name,category,price,unit,stock,origin_area\n"
        'Vải thiều Lục Ngạn loại 1,trai-cay,"120,000",kg,50,luc-ngan\n'
    )
    response = client.post(url, {"file": upload(text.encode())})
    assert response.status_code == 302
    assert imported() == [("Vải thiều Lục Ngạn loại 1", 120_000, 50, "luc-ngan")]


def test_sample_file_opens_in_excel_and_imports_as_it_is(client, shop):
    url, _booth = shop
    page = client.get(url)
    sample_url = url + "mau.csv"
    assert sample_url in page.content.decode()
    assert "Tên sản phẩm" in page.content.decode()  # the columns are explained on the page
    response = client.get(sample_url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the mark
    header = raw[3:].decode("utf-8").splitlines()[0]
    assert header.startswith("Tên sản phẩm;Danh mục;Giá;Đơn vị;Tồn kho")
    response = client.post(url, {"file": upload(raw, "mau-nhap-san-pham.csv")})
    assert response.status_code == 302, response.context["result"].errors
    assert Product.objects.count() == 2


def test_bad_rows_get_a_vietnamese_error_each_and_nothing_is_imported(client, shop):
    url, _booth = shop
    rows = [
        HEADER,
        ROWS[0],
        ["Cam Bố Hạ", "Trái cây", "ba mươi nghìn", "kg", "5", "", ""],
        ["Bưởi", "Không có", "40.000", "quả", "2", "", "Sao Hỏa"],
        ["Na", "Trái cây", "40.000", "kg", "-1", "", ""],
    ]
    raw = b"\xef\xbb\xbf" + excel_csv(rows).encode("utf-8")
    response = client.post(url, {"file": upload(raw)})
    assert response.status_code == 200
    errors = response.context["result"].errors
    assert {line for line, _ in errors} == {3, 4, 5}
    body = response.content.decode()
    assert "Chưa nhập sản phẩm nào" in body
    assert "Dòng 3: giá “ba mươi nghìn” không phải là số đồng" in body
    assert "Dòng 4: không có danh mục “Không có”" in body
    assert "Dòng 4: không có vùng “Sao Hỏa”" in body
    assert "Dòng 5:" in body
    assert not Product.objects.exists()


def test_missing_columns_are_named_in_vietnamese(client, shop):
    url, _booth = shop
    raw = b"\xef\xbb\xbfT\xc3\xaan s\xe1\xba\xa3n ph\xe1\xba\xa9m;Gi\xc3\xa1\r\nA;1\r\n"
    response = client.post(url, {"file": upload(raw)})
    assert response.status_code == 200
    message = response.context["result"].errors[0][1]
    assert "Thiếu cột" in message and "“Danh mục”" in message and "“Tồn kho”" in message
    assert "“Giá”" not in message.split(".")[0]


def test_a_file_that_is_no_text_gets_a_clear_error(client, shop):
    url, _booth = shop
    raw = bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 20  # not UTF-8, not Windows-1258
    response = client.post(url, {"file": upload(raw)})
    assert response.status_code == 200
    message = response.context["result"].errors[0][1]
    assert "CSV UTF-8" in message and "Excel" in message
    assert not Product.objects.exists()


@pytest.mark.parametrize(
    "text,number",
    [
        ("120000", 120000),
        ("120.000", 120000),
        ("120.000 ₫", 120000),
        ("120.000đ", 120000),
        ("120000 VND", 120000),
        ("1.250.000", 1250000),
        ("1 250 000", 1250000),
        ("120,000", 120000),
        ("120000,00", 120000),
        ("120.000,00", 120000),
        ("12,5", None),
        ("1.25", None),
        ("1.250,000.5", None),
        ("abc", None),
        ("-5", None),
        ("", None),
    ],
)
def test_vietnamese_numbers(text, number):
    assert parse_whole_number(text) == number
