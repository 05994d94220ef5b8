"""Defects a new user found with made-up district lists (issue 15 follow-up): two-row headers
with «Nam» | «Nữ» sub-columns, «Chuyển khoản», account numbers in the channel cell, notes of a
repeated row, more scheme wordings, unknown schemes of error rows, a missing sheet."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from desktop_app.core.beneficiary_import import (
    match_header,
    preview_import,
    summary_for_json,
)
from desktop_app.core.errors import KnownError

WOMAN_ID = "001150012345"  # Hà Nội, female (century digit 1), born 1950
MAN_ID = "001045012345"  # Hà Nội, male (century digit 0), born 1945


def write(path, rows, *, sheet="Danh sách", merge=None):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(["UBND PHƯỜNG HÀNG BUỒM"])
    ws.append(["DANH SÁCH ĐỐI TƯỢNG THÁNG 11/2026"])
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    wb.save(path)
    return path


def by_row(preview):
    return {r.row_number: r for r in preview.rows}


def codes(row):
    return {i["code"] for i in row.issues}


def test_birth_year_under_the_persons_sex(tmp_path):
    rows = [
        ["STT", "Họ và tên", "Năm sinh", None, "Số CCCD", "Địa chỉ", "Chế độ", "Mức hưởng"],
        [None, None, "Nam", "Nữ", None, None, None, None],
        [1, "Nguyễn Văn Ất", 1945, None, MAN_ID, "12 Hàng Buồm", "NCT", 500000],
        [2, "Trần Thị Bính", None, 1950, WOMAN_ID, "14 Hàng Buồm", "NCT", 500000],
        [
            3,
            "Lê Thị Canh",
            None,
            1962,
            MAN_ID[:3] + "0" + "62" + "000111",
            "16 Hàng Buồm",
            "NCT",
            1,
        ],
    ]
    path = write(tmp_path / "nam_nu.xlsx", rows, merge="C3:D3")
    p = preview_import(path)
    rows_ = by_row(p)
    assert 4 not in rows_  # the «Nam» | «Nữ» row is part of the header
    assert p.summary["errors"] == 0 and not any(s["row"] == 4 for s in p.summary["skipped"])
    at, binh, canh = rows_[5], rows_[6], rows_[7]
    assert (at.fields["birth_year"], at.fields["sex"]) == (1945, "male")
    assert (binh.fields["birth_year"], binh.fields["sex"]) == (1950, "female")
    assert "birth_year_missing" not in codes(binh) and binh.status == "warning"
    assert codes(binh) == {"channel_defaulted"}  # no channel column: nothing else to say
    # The ID says male (century digit 0) but the year is in the «Nữ» column: the check runs.
    assert canh.fields["sex"] == "female" and "id_sex_mismatch" in codes(canh)
    assert [c["header"] for c in p.summary["ignored_columns"]] == ["STT"]  # not «Nữ»
    assert p.summary["mapping"]["birth"].startswith("Năm sinh")


def test_sex_marked_with_x_under_gioi_tinh(tmp_path):
    rows = [
        ["STT", "Họ và tên", "Năm sinh", "Giới tính", None, "Địa chỉ", "Chế độ", "Mức hưởng"],
        ["(1)", "(2)", "(3)", "Nam", "Nữ", "(5)", "(6)", "(7)"],
        [1, "Nguyễn Văn Ất", 1945, "x", None, "12 Hàng Buồm", "NCT", 500000],
        [2, "Trần Thị Bính", 1950, None, "X", "14 Hàng Buồm", "NCT", 500000],
        [3, "Phạm Văn Đinh", 1951, "x", "x", "18 Hàng Buồm", "NCT", 500000],
    ]
    path = write(tmp_path / "gioi_tinh_x.xlsx", rows, merge="D3:E3")
    p = preview_import(path)
    rows_ = by_row(p)
    assert 4 not in rows_ and p.summary["errors"] == 0
    assert rows_[5].fields["sex"] == "male" and rows_[6].fields["sex"] == "female"
    assert rows_[5].fields["birth_year"] == 1945 and rows_[6].fields["birth_year"] == 1950
    # Both marked: not guessed, said so, kept in the notes.
    assert rows_[7].fields["sex"] is None and "sex_unknown" in codes(rows_[7])


HEADER = ["STT", "Họ và tên", "Năm sinh", "Địa chỉ", "Chế độ", "Mức hưởng", "Hình thức nhận"]


def test_chuyen_khoan_is_a_bank_transfer_and_no_account_number_is_kept(tmp_path):
    rows = [
        [*HEADER, "Ngân hàng", "Số tài khoản", "Ghi chú"],
        [1, "Nguyễn Văn Ất", 1945, "12 Hàng Buồm", "NCT", 500000, "Chuyển khoản", "Agribank",
         "0123456789012", None],
        [2, "Trần Thị Bính", 1950, "14 Hàng Buồm", "NCT", 500000, "Chuyển khoản - 0987654321098",
         "Vietinbank", None, "STK cũ 1111222233334444"],
        [3, "Lê Văn Canh", 1952, "16 Hàng Buồm", "NCT", 500000, "CK", None, None, None],
        [4, "Phạm Thị Dần", 1953, "18 Hàng Buồm", "NCT", 500000, None, "BIDV", "5555666677778",
         None],
        [5, "Võ Văn Em", 1954, "20 Hàng Buồm", "NCT", 500000, None, None, "5555666677779", None],
    ]  # fmt: skip
    path = write(tmp_path / "ck.xlsx", rows)
    p = preview_import(path)
    r = by_row(p)
    assert r[4].fields["channel"] == "bank_account"
    binh = r[5].fields
    assert binh["channel"] == "bank_account" and binh["account_last4"] == "1098"
    assert binh["channel_text"] == "Chuyển khoản - *********1098"
    assert "0987654321098" not in (binh["notes"] or "")
    assert "1111222233334444" not in binh["notes"] and binh["notes"].endswith("4444")
    assert r[6].fields["channel"] == "bank_account"
    # A bank and an account but no channel: a bank transfer, with a warning.
    assert r[7].fields["channel"] == "bank_account" and "channel_inferred_bank" in codes(r[7])
    # An account but no bank: cash at the commune for now, and the warning says why.
    defaulted = [i for i in r[8].issues if i["code"] == "channel_defaulted"]
    assert r[8].fields["channel"] == "commune_cash" and "no bank" in defaulted[0]["message_en"]
    out = json.dumps(summary_for_json(p), ensure_ascii=False) + repr([x.fields for x in p.rows])
    for number in ("0123456789012", "0987654321098", "1111222233334444", "5555666677778"):
        assert number not in out


def test_old_mobile_original_is_masked_like_the_message(tmp_path):
    rows = [
        ["STT", "Họ và tên", "Năm sinh", "Địa chỉ", "SĐT"],
        [1, "Nguyễn Văn Ất", 1945, "12 Hàng Buồm", "01689123456"],
    ]
    p = preview_import(write(tmp_path / "sdt.xlsx", rows))
    issue = next(i for i in p.summary["issues"] if i["code"] == "phone_old_mobile")
    assert "01689123456" not in json.dumps(summary_for_json(p))
    assert issue["original"] != "01689123456" and issue["new"]


def test_notes_of_a_repeated_row_are_not_dropped(tmp_path):
    rows = [
        [*HEADER, "Ghi chú"],
        [1, "Nguyễn Văn Ất", 1945, "12 Hàng Buồm", "NCT", 500000, "Tiền mặt", None],
        [2, "Nguyễn Văn Ất", 1945, "12 Hàng Buồm", "NCT", 500000, "Tiền mặt", "trùng?"],
    ]
    p = preview_import(write(tmp_path / "trung.xlsx", rows))
    dup = by_row(p)[5]
    assert dup.status == "duplicate" and "duplicate_notes_kept" in codes(dup)
    assert any("trùng?" in i["message"] for i in dup.issues)


@pytest.mark.parametrize("header", ["Diện hưởng", "Diện đối tượng", "Đối tượng", "Loại đối tượng"])
def test_scheme_column_headers(header):
    assert match_header(header) == "scheme"


def test_scheme_wordings_and_unknown_schemes_of_error_rows(tmp_path):
    rows = [
        HEADER,
        [1, "Nguyễn Văn Ất", 1945, "12 Hàng Buồm", "Thân nhân liệt sỹ", 2000000, "Tiền mặt"],
        [2, "Trần Thị Bính", 1950, "14 Hàng Buồm", "Cao tuổi", 500000, "Tiền mặt"],
        [3, "Lê Văn Canh", 1952, "16 Hàng Buồm", "Hộ cận nghèo", 500000, "Tiền mặt"],
        [4, None, 1953, "18 Hàng Buồm", "Trẻ em khó khăn", 500000, "Tiền mặt"],  # an error row
    ]
    p = preview_import(write(tmp_path / "dien.xlsx", rows))
    r = by_row(p)
    assert (r[4].fields["scheme"], r[4].fields["category"]) == ("meritorious", "martyr_relative")
    assert r[5].fields["scheme"] == "social_allowance"
    assert r[6].fields["scheme"] is None and r[7].status == "error"
    unknown = {u["text"]: u["rows"] for u in p.summary["unknown_schemes"]}
    assert unknown == {"Hộ cận nghèo": [6], "Trẻ em khó khăn": [7]}


def test_a_sheet_that_does_not_exist(tmp_path):
    path = write(tmp_path / "trang.xlsx", [HEADER], sheet="Danh sách")
    with pytest.raises(KnownError) as exc:
        preview_import(path, sheet="Sheet9")
    message = exc.value.message("en")
    assert "no sheet 'Sheet9'" in message and "«Danh sách»" in message
    assert "damaged" not in message


def test_a_first_person_row_with_nam_and_nu_words_is_not_a_sub_header(tmp_path):
    rows = [
        ["STT", "Họ và tên", "Giới tính", "Năm sinh", "Địa chỉ"],
        [1, "Nguyễn Văn Ất", "Nam", 1945, "12 Hàng Buồm"],
        [2, "Trần Thị Bính", "Nữ", 1950, "14 Hàng Buồm"],
    ]
    p = preview_import(write(tmp_path / "thuong.xlsx", rows))
    assert [r.fields["sex"] for r in p.rows] == ["male", "female"]
