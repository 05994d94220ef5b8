"""Issue 15: an import never invents a person, never drops a value, never repairs silently.

Every list here is written by openpyxl in the test (tests/messy_list.py); all people are made up.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from messy_list import (  # noqa: E402
    HEADER,
    NAM_ID,
    SIGNERS,
    THU_ID,
    UNKNOWN_SCHEMES,
    write_district_list,
)

from desktop_app.core.beneficiary_import import (  # noqa: E402
    header_signature,
    parse_scheme_map,
    preview_import,
    summary_for_json,
)
from desktop_app.core.errors import KnownError  # noqa: E402


@pytest.fixture
def district(tmp_path):
    return write_district_list(tmp_path / "danh_sach_huyen.xlsx")


def by_row(preview):
    return {r.row_number: r for r in preview.rows}


def issue(row, code):
    (found,) = [i for i in row.issues if i["code"] == code]
    return found


def test_signature_block_and_other_non_person_rows_are_skipped_with_their_reason(district):
    path, where = district
    preview = preview_import(path)
    # The summary sheet placed first is passed over, and said so.
    assert preview.sheet == "Danh sách" and preview.other_sheets == ["Tổng hợp"]
    assert any(i["code"] == "other_sheets_not_read" for i in preview.summary["issues"])

    names = [r.fields["full_name"] for r in preview.rows]
    assert not set(SIGNERS) & set(names)
    assert not any("CHỦ TỊCH" in (n or "") or "LẬP BIỂU" in (n or "") for n in names)
    villages = {r.fields["village"] for r in preview.rows}
    assert villages == {"Thôn Đông", "Thôn Đoài", None}  # no village named after a signer

    skipped = {s["row"]: s["reason"] for s in preview.summary["skipped"]}
    assert skipped == {
        where["numbers"]: "column_numbers",
        where["heading1"]: "section_heading",
        where["separator"]: "blank",
        where["heading2"]: "section_heading",
        where["footer"]: "page_footer",
        where["header_again"]: "repeated_header",
        where["totals"]: "totals",
        where["in_words"]: "totals",
        where["note"]: "footnote",
        where["blank_before_signing"]: "blank",
        where["signing_date"]: "signing_date",
        where["titles"]: "signature",
        where["vice_chair"]: "signature",
        where["sign_here"]: "signature",
        where["signers"] - 2: "blank",
        where["signers"] - 1: "blank",
        where["signers"]: "signature",
    }
    for entry in preview.summary["skipped"]:
        assert entry["message"] and entry["message_en"]
    signers = [s for s in preview.summary["skipped"] if s["row"] == where["signers"]][0]
    assert SIGNERS[0] in signers["text"]  # the admin sees what was skipped
    assert len(preview.rows) == 10


def test_a_row_with_only_a_name_needs_a_persons_confirmation(district):
    path, where = district
    preview = preview_import(path)
    no = by_row(preview)[where["no"]]
    assert no.fields["full_name"] == "Cao Thị Nở"
    assert no.status == "confirm"
    assert "xác nhận" in issue(no, "name_only")["message"]
    summary = summary_for_json(preview)
    assert summary["to_confirm"] == 1 and summary["rows_to_confirm"] == [where["no"]]


def test_signers_without_a_signature_title_are_not_imported_silently(tmp_path):
    """A signer's name alone under the list (no title row) is a row to confirm, never a person."""
    path, where = write_district_list(tmp_path / "a.xlsx", extra_rows=[[None, "Lý Văn Ký"]])
    row = by_row(preview_import(path))[where["extra0"]]
    assert row.status == "confirm"


def test_the_notes_column_is_kept_and_every_other_column_is_mapped_or_listed(district):
    path, where = district
    preview = preview_import(path)
    rows = by_row(preview)
    assert rows[where["hoa"]].fields["notes"] == "Hay vắng nhà buổi sáng"
    assert rows[where["mai"]].fields["notes"] == "Ở với bà ngoại"
    assert preview.summary["mapping"]["notes"] == "Ghi chú"
    ignored = preview.summary["ignored_columns"]
    assert ignored == [
        {"column": "A", "header": "STT", "values": 10},
        {"column": "L", "header": "Số sổ", "values": 9},
    ]
    mapped = set(preview.summary["mapping"].values())
    assert mapped | {c["header"] for c in ignored} == set(HEADER)
    listed = [i for i in preview.summary["issues"] if i["code"] == "columns_ignored"][0]
    assert "«Số sổ»" in listed["message"] and listed["severity"] == "warning"


def test_clerks_wordings_of_orphans_and_single_parents_are_recognised(district):
    path, where = district
    rows = by_row(preview_import(path))
    assert rows[where["mai"]].fields["scheme"] == "social_allowance"  # "Trẻ em mồ côi"
    hanh = rows[where["hanh"]].fields
    assert (hanh["scheme"], hanh["category"]) == ("social_allowance", "single_poor_parent")
    tu = rows[where["tu"]].fields
    assert tu["category"] == "disability_especially_severe"


def test_unknown_schemes_are_warned_counted_and_can_be_mapped(district):
    path, where = district
    preview = preview_import(path)
    rows = by_row(preview)
    tam = rows[where["tam"]]
    assert tam.fields["scheme"] is None and tam.status == "warning"
    assert UNKNOWN_SCHEMES[0] in issue(tam, "scheme_unknown")["message"]
    assert preview.summary["unknown_schemes"] == [
        {"text": UNKNOWN_SCHEMES[1], "rows": [where["lan"]]},
        {"text": UNKNOWN_SCHEMES[0], "rows": [where["tam"]]},
    ] or preview.summary["unknown_schemes"] == [
        {"text": UNKNOWN_SCHEMES[0], "rows": [where["tam"]]},
        {"text": UNKNOWN_SCHEMES[1], "rows": [where["lan"]]},
    ]
    # Two unknown schemes and the name-only row: three persons would get no benefit.
    assert preview.summary["persons_without_benefit"] == 3
    assert sorted(preview.summary["rows_without_benefit"]) == sorted(
        [where["tam"], where["lan"], where["no"]]
    )

    scheme_map = parse_scheme_map(
        [f"{UNKNOWN_SCHEMES[0].upper()}=other", f"{UNKNOWN_SCHEMES[1]}=social_allowance:other"]
    )
    mapped = preview_import(path, scheme_map=scheme_map)
    rows = by_row(mapped)
    assert rows[where["tam"]].fields["scheme"] == "other"
    lan = rows[where["lan"]].fields
    assert (lan["scheme"], lan["category"]) == ("social_allowance", "other")
    assert mapped.summary["unknown_schemes"] == []
    assert mapped.summary["persons_without_benefit"] == 1  # only the name-only row
    with pytest.raises(KnownError):
        parse_scheme_map(["Trẻ mồ côi=no_such_scheme"])
    with pytest.raises(KnownError):
        parse_scheme_map(["no equals sign"])


def test_every_repair_is_a_warning_with_the_original_and_the_new_value(district):
    path, where = district
    rows = by_row(preview_import(path))
    phone = issue(rows[where["hoa"]], "phone_zero_restored")
    assert phone["severity"] == "warning"
    assert (phone["original"], phone["new"]) == ("912 345 678", "0912 345 678")
    assert "0912 345 678" in phone["message"]
    assert rows[where["hoa"]].fields["phone"] == "+84912345678"

    restored = issue(rows[where["duc"]], "id_zeros_restored")
    assert restored["severity"] == "warning"
    assert (restored["original"], restored["new"]) == ("103*****56", "001*******56")
    assert "001*******56" in restored["message"]

    channel = issue(rows[where["mai"]], "channel_defaulted")  # no channel written
    assert (channel["original"], channel["new"]) == ("", "commune_cash")


def test_old_id_and_values_that_fit_no_field_are_kept_with_a_warning(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Năm sinh", "Giới tính", "Số CMND", "SĐT", "Chế độ", "Mức hưởng"])
    ws.append(["Tạ Thị Bé", "1950", "không rõ", 12345678, "12345", "Người cao tuổi", "năm trăm"])
    path = tmp_path / "cmnd.xlsx"
    wb.save(path)
    (row,) = preview_import(path).rows
    old = issue(row, "old_id_zero_restored")
    assert (old["original"], old["new"]) == ("12345678", "012****78")  # ID numbers masked
    assert row.fields["old_id"] == "012345678"
    notes = row.fields["notes"]
    for kept in ("«không rõ»", "«12345»", "«năm trăm»"):
        assert kept in notes
    assert {"sex_unknown", "phone_invalid", "amount_invalid"} <= {i["code"] for i in row.issues}


def test_id_sex_and_birth_year_mismatches_are_warnings_not_clean_rows(district):
    path, where = district
    rows = by_row(preview_import(path))
    nam, thu = rows[where["nam"]], rows[where["thu"]]
    assert nam.fields["citizen_id"] == NAM_ID and thu.fields["citizen_id"] == THU_ID
    year = issue(nam, "id_birth_year_mismatch")
    sex = issue(thu, "id_sex_mismatch")
    assert year["severity"] == sex["severity"] == "warning"
    assert nam.status == thu.status == "warning"
    assert "công an" in year["message"] and "police" in sex["message_en"]


def test_rows_without_an_id_repeated_in_the_file_are_one_person(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Năm sinh", "Địa chỉ", "Thôn", "Chế độ", "Mức hưởng"])
    ws.append(["Lò Văn Pá", 1944, "Xóm 1", "Bản Mường", "NCT", 500000])
    ws.append(["LÒ VĂN PÁ", 1944, "xóm 1 ", "Bản Mường", "Hưu trí xã hội", 500000])
    ws.append(["Lò Thị Xuân", None, "Xóm 2", "Bản Mường", "NCT", 500000])
    ws.append(["Lò Thị Xuân", None, "xom 2", "Bản Mường", "NCT", 500000])
    ws.append(["Lò Thị Xuân", 1990, "Xóm 9", "Bản Khác", "NCT", 500000])  # someone else
    path = tmp_path / "lap.xlsx"
    wb.save(path)
    preview = preview_import(path)
    rows = by_row(preview)
    assert rows[3].status == "duplicate" and rows[3].match == "name_birth_village"
    assert rows[3].duplicate_of == 2
    assert rows[5].status == "duplicate" and rows[5].match == "name_address"
    assert rows[6].status != "duplicate"
    assert {(m["row"], m["how"]) for m in summary_for_json(preview)["matched"]} == {
        (3, "name_birth_village"),
        (5, "name_address"),
    }


def test_a_remembered_mapping_is_used_for_a_list_with_the_same_headers(district, tmp_path):
    path, where = district
    first = preview_import(path)
    signature = header_signature(first.headers)
    chosen = dict(first.mapping)
    chosen["notes"] = None  # the admin chose not to import the notes
    again = preview_import(path, remembered={signature: chosen})
    assert again.mapping_source == "remembered" and "notes" not in again.mapping
    assert by_row(again)[where["hoa"]].fields["notes"] is None
    assert any(c["header"] == "Ghi chú" for c in again.summary["ignored_columns"])
    # Another file with other headers is not affected.
    other = preview_import(path, remembered={"some|other|headers": chosen})
    assert other.mapping_source == "detected" and "notes" in other.mapping


def test_an_id_in_the_old_id_column_and_an_overlong_name(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Năm sinh", "Số CMND", "Chế độ", "Mức hưởng"])
    ws.append(["Tạ Văn Hai", 1938, "001038123456", "NCT", 500000])
    ws.append(["Tạ " + "Văn " * 60 + "Dài", 1938, None, "NCT", 500000])
    path = tmp_path / "cot.xlsx"
    wb.save(path)
    hai, long_name = preview_import(path).rows
    assert hai.fields["citizen_id"] == "001038123456" and hai.fields["old_id"] is None
    moved = issue(hai, "id_in_old_id_column")
    assert moved["severity"] == "warning" and moved["new"] == "001*******56"
    # Refused on its row (the city server would refuse it), not cut short.
    assert long_name.status == "error" and issue(long_name, "too_long")["field"] == "full_name"
