"""The VietQR payload (`orders/vietqr.py`) against published worked examples, and read back."""

import pytest

from orders import vietqr

# Worked examples published with VietQR implementations of the NAPAS IBFT specification:
# a VietinBank transfer with a note, and the specification's ACB sample with a bill number
# ("NPS6869") and a purpose. Each string includes the CRC the publisher computed.
VIETINBANK = (
    "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
    "530370454061200005802VN62170813ung ho lu lut6304C15C"
)
ACB_SAMPLE = (
    "00020101021238530010A0000007270123000697041601092245284790208QRIBFTTA"
    "53037045405100005802VN62340107NPS68690819TRANSFER TO SOMEONE6304AC13"
)


def test_crc16_ccitt_false_check_value():
    # The catalogue check value of CRC-16/CCITT-FALSE over "123456789".
    assert vietqr.crc16_ccitt_false(b"123456789") == 0x29B1


def test_builds_the_published_vietinbank_example_exactly():
    assert vietqr.build("970415", "0011001932418", 120_000, note="ung ho lu lut") == VIETINBANK


def test_builds_the_specifications_acb_example_exactly():
    payload = vietqr.build(
        "970416", "224528479", 10_000, note="TRANSFER TO SOMEONE", bill_number="NPS6869"
    )
    assert payload == ACB_SAMPLE


def test_decodes_a_published_example():
    assert vietqr.decode(ACB_SAMPLE) == {
        "format": "01",
        "initiation": "12",
        "guid": "A000000727",
        "bin": "970416",
        "account": "224528479",
        "service": "QRIBFTTA",
        "currency": "704",
        "amount": 10_000,
        "country": "VN",
        "bill_number": "NPS6869",
        "note": "TRANSFER TO SOMEONE",
        "crc": "AC13",
    }


def test_what_it_builds_decodes_to_what_went_in():
    payload = vietqr.build("970436", "1012345678", 1_250_000, note="3F2A9C1B7D04-2")
    decoded = vietqr.decode(payload)
    assert (decoded["bin"], decoded["account"], decoded["amount"], decoded["note"]) == (
        "970436",
        "1012345678",
        1_250_000,
        "3F2A9C1B7D04-2",
    )
    assert (decoded["currency"], decoded["country"], decoded["service"]) == (
        "704",
        "VN",
        "QRIBFTTA",
    )
    assert decoded["initiation"] == "12"  # dynamic: one amount, one order


def test_a_changed_character_fails_the_crc():
    tampered = VIETINBANK.replace("120000", "920000")
    with pytest.raises(vietqr.PayloadError, match="CRC"):
        vietqr.decode(tampered)


@pytest.mark.parametrize(
    ("bin_", "account", "amount"),
    [("97041", "123", 1000), ("970415", "", 1000), ("970415", "12 34", 1000), ("970415", "1", 0)],
)
def test_refuses_what_a_bank_app_could_not_read(bin_, account, amount):
    with pytest.raises(vietqr.PayloadError):
        vietqr.build(bin_, account, amount)


def test_transfer_note_is_plain_ascii_that_banks_keep():
    assert vietqr.transfer_note("Đơn hàng: Vải thiều #12") == "Don hang Vai thieu 12"
    assert len(vietqr.transfer_note("x" * 60)) == 25


def test_svg_is_an_svg_image():
    image = vietqr.svg(VIETINBANK)
    assert image.startswith(b"<?xml") and b"<svg" in image
