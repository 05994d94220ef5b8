"""Previewing official beneficiary lists from real xlsx, xls and csv files (all data made up)."""

import unicodedata
from datetime import datetime

import pytest
from openpyxl import Workbook

from desktop_app.core import legacy_encodings
from desktop_app.core.beneficiary_import import (
    ImportCancelled,
    decode_csv_bytes,
    find_header,
    match_header,
    preview_import,
    sniff_delimiter,
)
from desktop_app.core.errors import KnownError

HEADER = [
    "STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Địa chỉ", "Thôn", "SĐT",
    "Chế độ", "Mức hưởng", "Hình thức nhận", "Ngân hàng", "Số tài khoản",
]  # fmt: skip
HOA_ID = "001141012345"  # Hà Nội, female, born 1941
DUC_ID = "001038123456"  # Hà Nội, male, born 1938


def nfd(text):
    return unicodedata.normalize("NFD", text)


def write_xlsx(path, rows, title_rows=True):
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    if title_rows:
        ws.append(["UBND XÃ ĐÔNG ANH"])
        ws.append(["DANH SÁCH ĐỐI TƯỢNG HƯỞNG TRỢ CẤP XÃ HỘI THÁNG 10/2026"])
        ws.append([])
    ws.append(HEADER)
    ws.append([f"({i})" for i in range(1, len(HEADER) + 1)])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


MAIN_ROWS = [
    # row 6
    [1, "Nguyễn Thị Hoà", datetime(1941, 3, 5), "Nữ", HOA_ID, "Số 5 ngõ 2", "Thôn Đông",
     "0912345678", "Bảo trợ xã hội - NCT", 500000, "Tài khoản ATM", "Agribank", "1234"],
    # row 7: decomposed text, ID typed as a number (lost two zeros), old 11-digit mobile
    [2, nfd("Trần Văn Đức"), 1938, "Nam", int(DUC_ID), nfd("Xóm Bảo Thắng"), "Thôn Đông",
     "01681234567", "Hưu trí xã hội", "500.000", "Nhận tại bưu điện", None, None],
    # row 8: bad ID
    [3, "Phạm Quốc Hưởng", "1945", "Nam", "00104512345X", None, "Thôn Tây", None, None,
     None, None, None, None],
    # row 9: no name
    [4, None, 1950, "Nữ", None, "Xóm 1", "Thôn Tây", None, None, 500000, None, None, None],
    # row 10: no birth year, full account number
    [5, "Lê Thị Ánh", None, "Nữ", None, "Xóm 2", "Thôn Tây", None, None, None,
     "Tài khoản ngân hàng", "Vietcombank", "1903456789012"],
    # row 11: same ID as row 6
    [6, "Nguyễn Thị Hòa", "05/03/1941", "Nữ", HOA_ID, "Số 5 ngõ 2", "Thôn Đông", None, None,
     None, None, None, None],
    [None] * 13,  # row 12: blank
    # row 13 and 14: same person (folded name + birth year + address), no ID; invalid phone
    [7, "Bùi Văn Thắng", 1940, "Nam", None, "Xóm 3", "Thôn Đông", "12345", None, None,
     "Tiền mặt tại xã", None, None],
    [8, "BÙI VĂN THẮNG", "1940", "Nam", None, "xóm 3", "Thôn Đông", None, None, None, None,
     None, None],
    # row 15: totals
    ["Tổng cộng", None, None, None, None, None, None, None, None, 1500000, None, None, None],
]  # fmt: skip


@pytest.fixture
def main_xlsx(tmp_path):
    return write_xlsx(tmp_path / "danh_sach.xlsx", MAIN_ROWS)


def by_row(preview):
    return {r.row_number: r for r in preview.rows}


def codes(row):
    return [i["code"] for i in row.issues]


def test_xlsx_preview(main_xlsx):
    preview = preview_import(main_xlsx)
    assert preview.header_row == 4 and preview.sheet == "Danh sách"
    rows = by_row(preview)
    assert sorted(rows) == [6, 7, 8, 9, 10, 11, 13, 14]  # title, numbers, blank, totals skipped

    hoa = rows[6]
    assert hoa.status == "valid", hoa.issues
    assert hoa.fields["full_name"] == "Nguyễn Thị Hoà"
    assert hoa.fields["birth_date"] == "1941-03-05" and hoa.fields["birth_year"] == 1941
    assert hoa.fields["citizen_id"] == HOA_ID and hoa.fields["sex"] == "female"
    assert hoa.fields["phone"] == "+84912345678"
    assert hoa.fields["channel"] == "bank_account" and hoa.fields["account_last4"] == "1234"
    assert hoa.fields["scheme"] == "social_allowance" and hoa.fields["amount"] == 500_000
    assert hoa.fields["village"] == "Thôn Đông"

    duc = rows[7]
    assert duc.status == "warning"
    assert duc.fields["full_name"] == "Trần Văn Đức"
    assert unicodedata.is_normalized("NFC", duc.fields["address"])
    assert duc.fields["citizen_id"] == DUC_ID
    assert duc.fields["phone"] == "+84381234567"
    assert set(codes(duc)) == {"id_zeros_restored", "phone_old_mobile"}
    assert duc.fields["scheme"] == "social_pension" and duc.fields["amount"] == 500_000
    assert duc.fields["channel"] == "post_office_cash"

    assert rows[8].status == "error" and rows[8].fields["citizen_id"] is None
    assert [(i["field"], i["severity"]) for i in rows[8].issues] == [("citizen_id", "error")]
    assert rows[9].status == "error" and codes(rows[9]) == ["name_missing"]

    anh = rows[10]
    assert anh.status == "warning"
    assert set(codes(anh)) == {"birth_year_missing", "account_full_number", "scheme_missing"}
    assert anh.fields["account_last4"] == "9012"

    assert rows[11].status == "duplicate" and "duplicate_in_file" in codes(rows[11])
    assert "dòng 6" in rows[11].issues[-1]["message"]

    thang = rows[13]
    assert thang.status == "warning" and codes(thang) == ["phone_invalid", "scheme_missing"]
    assert thang.fields["phone"] is None and thang.fields["channel"] == "commune_cash"
    assert "«12345»" in thang.fields["notes"]  # the invalid number is kept, not dropped
    assert rows[14].status == "duplicate"

    summary = {k: preview.summary[k] for k in ("rows", "valid", "warnings", "errors", "duplicates")}
    assert summary == {"rows": 8, "valid": 1, "warnings": 3, "errors": 2, "duplicates": 2}
    skipped = {s["row"]: s["reason"] for s in preview.summary["skipped"]}
    assert skipped == {5: "column_numbers", 12: "blank", 15: "totals"}
    file_codes = [i["code"] for i in preview.summary["issues"] if i["row"] is None]
    assert file_codes == ["unicode_normalised", "columns_ignored"]
    assert preview.summary["ignored_columns"] == [{"column": "A", "header": "STT", "values": 8}]
    for issue in preview.summary["issues"]:
        assert set(issue) >= {"row", "field", "code", "message"}


def test_no_full_number_anywhere_in_the_preview(main_xlsx):
    preview = preview_import(main_xlsx)
    text = repr(preview)
    assert "1903456789012" not in text  # the full account number is not kept
    assert "00104512345" not in text  # the bad ID is not echoed in full


def test_existing_people_are_duplicates_so_reimport_creates_nothing(main_xlsx):
    known = {HOA_ID: "person-hoa", DUC_ID: "person-duc"}
    seen = []

    def lookup(fields):
        seen.append(fields["full_name"])
        return known.get(fields["citizen_id"])

    preview = preview_import(main_xlsx, existing_lookup=lookup)
    rows = by_row(preview)
    assert rows[6].status == rows[7].status == "duplicate"
    assert rows[6].existing_id == "person-hoa" and "exists_in_db" in codes(rows[6])
    assert "Phạm Quốc Hưởng" not in seen  # error rows are not looked up

    everyone = preview_import(main_xlsx, existing_lookup=lambda fields: "someone")
    new = [r for r in everyone.rows if r.status in ("valid", "warning")]
    assert new == []


def test_mapping_override_by_name_and_index(main_xlsx):
    preview = preview_import(main_xlsx, mapping={"village": "Địa chỉ", "address": None})
    row = by_row(preview)[6]
    assert row.fields["village"] == "Số 5 ngõ 2" and row.fields["address"] is None
    assert preview.mapping["village"] == 5
    preview = preview_import(main_xlsx, mapping={"phone": 12})
    assert by_row(preview)[6].fields["phone"] is None  # "1234" is not a phone
    with pytest.raises(KnownError):
        preview_import(main_xlsx, mapping={"phone": "Không có cột này"})


def test_tcvn3_names_are_converted_with_one_warning(tmp_path):
    names = ["Nguyễn Văn Đức", "Bảo Thắng", "Trần Thị Hương", "Phạm Quốc Hưởng"]
    rows = [
        [i, legacy_encodings.encode(n, "tcvn3"), 1940 + i, legacy_encodings.encode("Nữ", "tcvn3"),
         None, legacy_encodings.encode("Thôn Bảo Thắng", "tcvn3"), None, None, None, None, None,
         None, None]
        for i, n in enumerate(names, start=1)
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "tcvn3.xlsx", rows)
    preview = preview_import(path)
    assert preview.text_encoding == "tcvn3"
    assert [r.fields["full_name"] for r in preview.rows] == names
    assert preview.rows[0].fields["address"] == "Thôn Bảo Thắng"
    assert preview.rows[0].fields["sex"] == "female"
    warnings = [i for i in preview.summary["issues"] if i["code"] == "legacy_encoding_converted"]
    assert len(warnings) == 1 and warnings[0]["row"] is None


def test_vni_names_are_converted(tmp_path):
    names = ["Nguyễn Văn Đức", "Hoàng Thị Yến", "Trần Thị Hương"]
    rows = [[i, legacy_encodings.encode(n, "vni"), 1940] + [None] * 10 for i, n in enumerate(names)]
    preview = preview_import(write_xlsx(tmp_path / "vni.xlsx", rows))
    assert preview.text_encoding == "vni"
    assert [r.fields["full_name"] for r in preview.rows] == names


CSV_HEADER = ["Họ tên", "Năm sinh", "CCCD", "Số điện thoại", "Thôn"]
CSV_ROWS = [
    ["Nguyễn Thị Hoà", "1941", HOA_ID, "0912345678", "Thôn Đông"],
    ["Trần Văn Đức", "1938", "1038123456", "01681234567", "Thôn Bảo Thắng"],
    ["Tổng cộng", "", "", "", ""],
]


def csv_text(delimiter):
    lines = ["DANH SÁCH CHI TRẢ"] + [delimiter.join(r) for r in [CSV_HEADER, *CSV_ROWS]]
    return "\r\n".join(lines) + "\r\n"


def check_csv_preview(preview):
    rows = preview.rows
    assert [r.fields["full_name"] for r in rows] == ["Nguyễn Thị Hoà", "Trần Văn Đức"]
    assert [r.row_number for r in rows] == [3, 4]
    assert rows[1].fields["citizen_id"] == DUC_ID
    assert rows[1].fields["village"] == "Thôn Bảo Thắng"
    assert rows[1].fields["phone"] == "+84381234567"


def test_csv_utf8_bom_semicolons(tmp_path):
    path = tmp_path / "utf8.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_text(";").encode("utf-8"))
    preview = preview_import(path)
    assert preview.file_encoding == "utf-8-sig"
    check_csv_preview(preview)


def test_csv_utf16_tabs(tmp_path):
    path = tmp_path / "utf16.csv"
    path.write_bytes(csv_text("\t").encode("utf-16"))  # with BOM, as Excel's "Unicode text"
    preview = preview_import(path)
    assert preview.file_encoding == "utf-16"
    check_csv_preview(preview)


def test_csv_utf16_without_bom(tmp_path):
    path = tmp_path / "utf16le.csv"
    path.write_bytes(csv_text(",").encode("utf-16-le"))
    check_csv_preview(preview_import(path))


def cp1258_bytes(text):
    """Windows-1258 as Vietnamese Windows writes it: base letter plus a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tone = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tone))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


def test_csv_cp1258(tmp_path):
    path = tmp_path / "cp1258.csv"
    path.write_bytes(cp1258_bytes(csv_text(",")))
    preview = preview_import(path)
    assert preview.file_encoding == "cp1258"
    assert preview.text_encoding == "cp1258_mojibake"
    check_csv_preview(preview)


def test_xls_file(tmp_path):
    xlwt = pytest.importorskip("xlwt", reason="xlwt (test helper) writes the .xls file")
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("DS")
    ws.write(0, 0, "DANH SÁCH ĐỐI TƯỢNG")
    for col, name in enumerate(["STT", "Họ và tên", "Ngày sinh", "Số định danh", "SĐT"]):
        ws.write(2, col, name)
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    ws.write(3, 0, 1)
    ws.write(3, 1, "Nguyễn Thị Hoà")
    ws.write(3, 2, datetime(1941, 3, 5), date_style)
    ws.write(3, 3, int(HOA_ID))  # a number: both leading zeros lost
    ws.write(3, 4, 912345678)  # a number: leading zero lost
    ws.write(4, 0, "Cộng")
    path = tmp_path / "danh_sach.xls"
    book.save(str(path))
    preview = preview_import(path)
    (row,) = preview.rows
    assert row.row_number == 4
    assert row.fields["birth_date"] == "1941-03-05"
    assert row.fields["citizen_id"] == HOA_ID
    assert codes(row) == ["id_zeros_restored", "phone_zero_restored"]
    assert row.fields["phone"] == "+84912345678"


def test_progress_and_cancel(main_xlsx):
    calls = []
    preview_import(main_xlsx, progress=lambda done, total: calls.append((done, total)))
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]
    with pytest.raises(ImportCancelled):
        preview_import(main_xlsx, cancel=lambda: True)


def test_unreadable_files_are_known_errors(tmp_path):
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(KnownError):
        preview_import(bad)
    with pytest.raises(KnownError):
        preview_import(tmp_path / "missing.xlsx")
    with pytest.raises(KnownError):
        preview_import(tmp_path / "list.pdf")
    no_header = tmp_path / "no_header.csv"
    no_header.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(KnownError):
        preview_import(no_header)


def test_header_matching():
    assert match_header("Họ và tên") == "full_name"
    assert match_header("HỌ TÊN") == "full_name"
    assert match_header("Số định danh cá nhân") == "citizen_id"
    assert match_header("Số CMND/CCCD") == "citizen_id"
    assert match_header("Số CMND") == "old_id"
    assert match_header("Địa chỉ / Thôn / Tổ") == "address"
    assert match_header("Tổ") == "village"
    assert match_header("Số tiền (đồng)") == "amount"
    assert match_header("Kênh chi trả") == "channel"
    assert match_header("STT") is None and match_header(None) is None
    assert find_header([["Tiêu đề"], [], ["STT", "Họ và tên", "Năm sinh"]]) == 2


def test_delimiter_and_encoding_helpers():
    assert sniff_delimiter("TITLE\na;b;c\n1;2;3\n") == ";"
    assert sniff_delimiter("a\tb\tc\n1\t2\t3\n") == "\t"
    assert sniff_delimiter("a,b\n1,2\n") == ","
    assert decode_csv_bytes("Hoà".encode())[1] == "utf-8"
    assert decode_csv_bytes(b"\x81\x8d")[1] == "cp1258"
