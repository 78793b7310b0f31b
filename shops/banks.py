"""Banks that take NAPAS 24/7 transfers (VietQR), with their NAPAS BIN.

A VietQR code names the receiving bank by this six-digit BIN (the "acquirer ID"). The
list holds the banks a Vietnamese shopper's banking app can pay to; facts from the NAPAS
member list published by the banks and the State Bank. Add a row when a bank joins.
"""

# (BIN, short name, full Vietnamese name)
BANKS = [
    ("970436", "Vietcombank", "Ngân hàng TMCP Ngoại thương Việt Nam"),
    ("970415", "VietinBank", "Ngân hàng TMCP Công thương Việt Nam"),
    ("970418", "BIDV", "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam"),
    ("970405", "Agribank", "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam"),
    ("970422", "MB", "Ngân hàng TMCP Quân đội"),
    ("970407", "Techcombank", "Ngân hàng TMCP Kỹ thương Việt Nam"),
    ("970416", "ACB", "Ngân hàng TMCP Á Châu"),
    ("970432", "VPBank", "Ngân hàng TMCP Việt Nam Thịnh Vượng"),
    ("970423", "TPBank", "Ngân hàng TMCP Tiên Phong"),
    ("970403", "Sacombank", "Ngân hàng TMCP Sài Gòn Thương Tín"),
    ("970437", "HDBank", "Ngân hàng TMCP Phát triển TP. Hồ Chí Minh"),
    ("970441", "VIB", "Ngân hàng TMCP Quốc tế Việt Nam"),
    ("970443", "SHB", "Ngân hàng TMCP Sài Gòn - Hà Nội"),
    ("970431", "Eximbank", "Ngân hàng TMCP Xuất Nhập khẩu Việt Nam"),
    ("970426", "MSB", "Ngân hàng TMCP Hàng Hải Việt Nam"),
    ("970448", "OCB", "Ngân hàng TMCP Phương Đông"),
    ("970440", "SeABank", "Ngân hàng TMCP Đông Nam Á"),
    ("970449", "LPBank", "Ngân hàng TMCP Lộc Phát Việt Nam"),
    ("970454", "Viet Capital Bank", "Ngân hàng TMCP Bản Việt"),
    ("970429", "SCB", "Ngân hàng TMCP Sài Gòn"),
    ("970452", "KienlongBank", "Ngân hàng TMCP Kiên Long"),
    ("970428", "Nam A Bank", "Ngân hàng TMCP Nam Á"),
    ("970427", "VietABank", "Ngân hàng TMCP Việt Á"),
    ("970433", "VietBank", "Ngân hàng TMCP Việt Nam Thương Tín"),
    ("970438", "BaoViet Bank", "Ngân hàng TMCP Bảo Việt"),
    ("970409", "BacABank", "Ngân hàng TMCP Bắc Á"),
    ("970412", "PVcomBank", "Ngân hàng TMCP Đại Chúng Việt Nam"),
    ("970419", "NCB", "Ngân hàng TMCP Quốc Dân"),
    ("970425", "ABBANK", "Ngân hàng TMCP An Bình"),
    ("970430", "PGBank", "Ngân hàng TMCP Thịnh vượng và Phát triển"),
    ("970400", "Saigonbank", "Ngân hàng TMCP Sài Gòn Công Thương"),
    ("970406", "DongA Bank", "Ngân hàng TMCP Đông Á"),
    ("970408", "GPBank", "Ngân hàng TM TNHH MTV Dầu khí Toàn cầu"),
    ("970414", "MBV", "Ngân hàng TNHH MTV Việt Nam Hiện Đại"),
    ("970424", "Shinhan Bank", "Ngân hàng TNHH MTV Shinhan Việt Nam"),
    ("970439", "Public Bank", "Ngân hàng TNHH MTV Public Việt Nam"),
    ("970442", "Hong Leong", "Ngân hàng TNHH MTV Hong Leong Việt Nam"),
    ("970421", "VRB", "Ngân hàng Liên doanh Việt - Nga"),
    ("970434", "Indovina Bank", "Ngân hàng TNHH Indovina"),
    ("970446", "Co-opBank", "Ngân hàng Hợp tác xã Việt Nam"),
    ("970444", "CBBank", "Ngân hàng TNHH MTV Xây dựng Việt Nam"),
    ("970457", "Woori Bank", "Ngân hàng TNHH MTV Woori Việt Nam"),
    ("970458", "UOB", "Ngân hàng TNHH MTV United Overseas Bank Việt Nam"),
]

BY_BIN = {bin_: (short, name) for bin_, short, name in BANKS}


def choices():
    return [(bin_, f"{short} — {name}") for bin_, short, name in BANKS]


def short_name(bin_):
    return BY_BIN.get(bin_, (bin_, ""))[0]


def full_name(bin_):
    return BY_BIN.get(bin_, ("", bin_))[1]
