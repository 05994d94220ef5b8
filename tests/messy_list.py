"""A district beneficiary list as clerks make them, written with openpyxl (all people made up).

A summary sheet first, then the list: title rows, a column-number row, village headings, a blank
separator, a header repeated after a page break, a page footer, a totals row and the amount in
words, notes, the place and date of signing and a signature block with the signers' names under
it. Schemes are written as clerks write them; one column ("Số sổ") is not a field of the app.
"""

from __future__ import annotations

from openpyxl import Workbook

HEADER = [
    "STT", "Họ và tên", "Năm sinh", "Giới tính", "Số CCCD", "Địa chỉ", "Thôn", "SĐT",
    "Diện đối tượng", "Mức hưởng", "Hình thức nhận", "Số sổ", "Ghi chú",
]  # fmt: skip
WIDTH = len(HEADER)

HOA_ID = "001141012345"  # Hà Nội, female, born 1941
DUC_ID = "001038123456"  # Hà Nội, male, born 1938
NAM_ID = "001048123457"  # male, born 1948: the list says 1950
THU_ID = "001045123458"  # male, born 1945: the list says Nữ

SIGNERS = ("Đỗ Thị Lập", "Vũ Văn Ký", "Kiều Văn Toán")
UNKNOWN_SCHEMES = ("Hộ nghèo hỗ trợ tiền điện", "Đối tượng theo QĐ 123/QĐ-UBND")


def _pad(cells: dict[int, object]) -> list:
    row = [None] * WIDTH
    for col, value in cells.items():
        row[col] = value
    return row


def person_rows() -> dict[str, list]:
    """The persons of the list by a short key: ``{key: row cells}``."""
    return {
        # 9-digit phone (a number cell lost its 0), a note, an elderly allowance
        "hoa": [1, "Nguyễn Thị Hoà", 1941, "Nữ", HOA_ID, "Số 5 ngõ 2", "Thôn Đông", 912345678,
                "NCT từ 80 tuổi", 500000, "Tiền mặt tại xã", "S-001",
                "Hay vắng nhà buổi sáng"],
        # ID typed as a number: two leading zeros lost
        "duc": [2, "Trần Văn Đức", 1938, "Nam", int(DUC_ID), "Số 9 ngõ 2", "Thôn Đông",
                "0987654321", "Hưu trí xã hội", 500000, "Nhận tại bưu điện", "S-002", None],
        # no ID: an orphaned child, as clerks write it
        "mai": [3, "Lê Thị Mai", 2014, "Nữ", None, "Xóm 3", "Thôn Đông", None,
                "Trẻ em mồ côi", 750000, None, "S-003", "Ở với bà ngoại"],
        # a poor single mother, as clerks write it
        "hanh": [4, "Phạm Thị Hạnh", 1990, "Nữ", None, "Xóm 4", "Thôn Đông", None,
                 "Mẹ đơn thân nghèo nuôi con", 500000, "Tiền mặt tại xã", "S-004", None],
        # schemes that match nothing the app knows
        "tam": [5, "Ngô Văn Tám", 1960, "Nam", None, "Xóm 5", "Thôn Đoài", None,
                UNKNOWN_SCHEMES[0], 300000, "Tiền mặt", "S-005", None],
        "lan": [6, "Đặng Thị Lan", 1972, "Nữ", None, "Xóm 6", "Thôn Đoài", None,
                UNKNOWN_SCHEMES[1], 400000, None, "S-006", None],
        # the ID says born 1948; the list says 1950
        "nam": [7, "Hoàng Văn Nam", 1950, "Nam", NAM_ID, "Xóm 7", "Thôn Đoài", None,
                "Người khuyết tật nặng", 750000, "Tiền mặt tại xã", "S-007", None],
        # the ID says male; the list says Nữ
        "thu": [8, "Đinh Thị Thu", 1945, "Nữ", THU_ID, "Xóm 8", "Thôn Đoài", None,
                "NCT", 500000, "Tiền mặt tại xã", "S-008", None],
        # no ID and no birth year, but an address
        "tu": [9, "Bùi Văn Tư", None, "Nam", None, "Ngõ 7 xóm Chùa", "Thôn Đoài", None,
               "Khuyết tật đặc biệt nặng", 1000000, "Tiền mặt tại xã", "S-009", None],
        # only a name
        "no": [10, "Cao Thị Nở", None, None, None, None, None, None, None, None, None, None,
               None],
    }  # fmt: skip


def write_district_list(path, *, extra_rows=()):
    """Write the list to ``path`` (xlsx); returns ``(path, {key: sheet row number})``."""
    wb = Workbook()
    summary = wb.active
    summary.title = "Tổng hợp"
    summary.append(["BẢNG TỔNG HỢP SỐ ĐỐI TƯỢNG"])
    summary.append(["Thôn", "Số người", "Số tiền"])
    summary.append(["Thôn Đông", 4, 2250000])
    summary.append(["Thôn Đoài", 5, 2950000])
    ws = wb.create_sheet("Danh sách")
    people = person_rows()
    where: dict[str, int] = {}

    def add(row, key=None):
        ws.append(row)
        if key:
            where[key] = ws.max_row

    add(["ỦY BAN NHÂN DÂN XÃ ĐÔNG ANH"])
    add(["DANH SÁCH ĐỐI TƯỢNG HƯỞNG TRỢ CẤP XÃ HỘI HẰNG THÁNG - THÁNG 10/2026"])
    add([])
    add(HEADER, "header")
    add([f"({i})" for i in range(1, WIDTH + 1)], "numbers")
    add(_pad({0: "I", 1: "THÔN ĐÔNG"}), "heading1")
    for key in ("hoa", "duc", "mai", "hanh"):
        add(people[key], key)
    add([None] * WIDTH, "separator")
    add(_pad({0: "II", 1: "THÔN ĐOÀI"}), "heading2")
    for key in ("tam", "lan", "nam"):
        add(people[key], key)
    add(_pad({WIDTH - 1: "Trang 1/2"}), "footer")
    add(HEADER, "header_again")
    for key in ("thu", "tu", "no"):
        add(people[key], key)
    for i, row in enumerate(extra_rows):
        add(row, f"extra{i}")
    add(_pad({0: "Tổng cộng: 10 người", 9: 5200000}), "totals")
    add(_pad({0: "Bằng chữ: Năm triệu hai trăm nghìn đồng"}), "in_words")
    add(_pad({1: "Ghi chú: danh sách gồm 2 thôn."}), "note")
    add([None] * WIDTH, "blank_before_signing")
    add(_pad({6: "Hà Nội, ngày 15 tháng 10 năm 2026"}), "signing_date")
    add(_pad({1: "NGƯỜI LẬP BIỂU", 4: "KẾ TOÁN", 6: "KT. CHỦ TỊCH"}), "titles")
    add(_pad({6: "PHÓ CHỦ TỊCH"}), "vice_chair")
    add(_pad({1: "(Ký, ghi rõ họ tên)", 6: "(Ký tên, đóng dấu)"}), "sign_here")
    add([None] * WIDTH)
    add([None] * WIDTH)
    # The signers' names: in the name column, the ID column and the village column.
    add(_pad({1: SIGNERS[0], 4: SIGNERS[2], 6: SIGNERS[1]}), "signers")
    wb.save(path)
    return path, where
