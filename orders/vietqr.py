"""VietQR: the NAPAS bank-transfer QR code, an EMVCo merchant-presented payload.

The payload is a string of TLV fields (two-digit id, two-digit length, value):

    00 payload format indicator "01"
    01 point of initiation "12" (dynamic: this amount, this order)
    38 merchant account information
        00 GUID "A000000727" (NAPAS)
        01 beneficiary organisation
            00 acquirer id: the bank's NAPAS BIN (six digits)
            01 account number
        02 service code "QRIBFTTA" (transfer to an account)
    53 currency "704" (VND)
    54 amount in whole đồng
    58 country "VN"
    62 additional data; 08 purpose of transaction (the transfer note: the order code)
    63 CRC-16/CCITT-FALSE of everything before it, "6304" included, 4 hex digits

No bank is called: the shopper's banking app reads the code and makes the transfer; the
seller confirms receipt in the seller centre.
"""

import io
import re
import unicodedata

NAPAS_GUID = "A000000727"
SERVICE_ACCOUNT = "QRIBFTTA"
SERVICE_CARD = "QRIBFTTC"
CURRENCY_VND = "704"
COUNTRY = "VN"
STATIC, DYNAMIC = "11", "12"


class PayloadError(ValueError):
    pass


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def tlv(tag, value):
    value = str(value)
    if not re.fullmatch(r"\d\d", tag):
        raise PayloadError(f"bad tag {tag!r}")
    if len(value) > 99:
        raise PayloadError(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def transfer_note(text, max_length=25):
    """A note banks carry intact: ASCII letters, digits and spaces (diacritics folded)."""
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = re.sub(r"[^A-Za-z0-9 \-]", " ", text)
    return " ".join(text.split())[:max_length]


def build(bin_, account, amount=None, note="", bill_number="", dynamic=True):
    """The VietQR payload string for a transfer of *amount* đồng to *account* at *bin_*."""
    if not re.fullmatch(r"\d{6}", bin_ or ""):
        raise PayloadError("the bank BIN has six digits")
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", account or ""):
        raise PayloadError("the account number has 1 to 19 letters or digits")
    beneficiary = tlv("00", bin_) + tlv("01", account)
    merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", SERVICE_ACCOUNT)
    parts = [
        tlv("00", "01"),
        tlv("01", DYNAMIC if dynamic else STATIC),
        tlv("38", merchant),
        tlv("53", CURRENCY_VND),
    ]
    if amount is not None:
        amount = int(amount)
        if amount <= 0 or len(str(amount)) > 13:
            raise PayloadError("the amount is a positive whole number of đồng")
        parts.append(tlv("54", str(amount)))
    parts.append(tlv("58", COUNTRY))
    extra = ""
    if bill_number:
        extra += tlv("01", bill_number)
    if note:
        extra += tlv("08", note)
    if extra:
        parts.append(tlv("62", extra))
    body = "".join(parts) + "6304"
    return body + f"{crc16_ccitt_false(body.encode('utf-8')):04X}"


def parse_tlv(text):
    """{tag: value} of one TLV level; PayloadError when the lengths do not add up."""
    fields = {}
    i = 0
    while i < len(text):
        if i + 4 > len(text):
            raise PayloadError("truncated field header")
        tag, size = text[i : i + 2], text[i + 2 : i + 4]
        if not size.isdigit():
            raise PayloadError(f"bad length for field {tag}")
        end = i + 4 + int(size)
        if end > len(text):
            raise PayloadError(f"field {tag} runs past the end")
        fields[tag] = text[i + 4 : end]
        i = end
    return fields


def decode(payload):
    """Read a VietQR payload back: a dict of what a banking app would show.

    Checks the CRC. Used by the tests (and handy when a shopper reports a code).
    """
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise PayloadError("no CRC field at the end")
    expected = f"{crc16_ccitt_false(payload[:-4].encode('utf-8')):04X}"
    if payload[-4:].upper() != expected:
        raise PayloadError(f"CRC mismatch: {payload[-4:]} != {expected}")
    root = parse_tlv(payload)
    merchant = parse_tlv(root.get("38", ""))
    beneficiary = parse_tlv(merchant.get("01", ""))
    extra = parse_tlv(root.get("62", "")) if "62" in root else {}
    return {
        "format": root.get("00"),
        "initiation": root.get("01"),
        "guid": merchant.get("00"),
        "bin": beneficiary.get("00"),
        "account": beneficiary.get("01"),
        "service": merchant.get("02"),
        "currency": root.get("53"),
        "amount": int(root["54"]) if "54" in root else None,
        "country": root.get("58"),
        "bill_number": extra.get("01", ""),
        "note": extra.get("08", ""),
        "crc": root.get("63"),
    }


def for_order(order):
    """The payload of an order paid by VietQR (its snapshot of the booth's account)."""
    return build(
        order.bank_bin,
        order.bank_account_number,
        amount=order.total,
        note=transfer_note(order.number),
    )


def svg(payload, scale=8):
    """The QR code of *payload* as an SVG document (no network, no image files)."""
    import qrcode
    import qrcode.image.svg

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=scale,
        border=4,
        image_factory=qrcode.image.svg.SvgPathFillImage,
    )
    code.add_data(payload)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image().save(out)
    return out.getvalue()
