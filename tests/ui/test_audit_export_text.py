"""The audit log's exports never hand a spreadsheet a formula (issue 14, tryout): in the xlsx a
text typed like a formula is a text cell shown as typed; in the CSV, which has no cell types, it
gets OWASP's leading apostrophe and every field is quoted."""

from __future__ import annotations

import csv

from openpyxl import load_workbook

from desktop_app.ui.audit_view import write_audit_export

HEADERS = ["#", "Thời điểm", "Người dùng", "Hành động", "Bản ghi", "Chi tiết"]
HOSTILE = {
    "username": '=HYPERLINK("http://evil.example/","Bấm vào đây")',
    "action": "@SUM(1+1)*cmd|' /C calc'!A0",
    "detail": "+84 =1+2",
}


def _entries() -> list[dict]:
    return [
        {"id": 7, "at": "2026-12-04T10:00:00+00:00", "entity": "person", "record_id": "-2+3"}
        | HOSTILE,
        {"id": 8, "at": "2026-12-04T10:01:00+00:00", "username": "lan", "action": "export"},
    ]


def test_the_xlsx_keeps_text_typed_as_a_formula_as_text(tmp_path):
    path = write_audit_export(_entries(), tmp_path / "nhat-ky.xlsx", "xlsx", HEADERS)
    sheet = load_workbook(path).active
    first = {c.value: c for c in sheet[2]}
    assert sheet["A2"].value == 7 and sheet["A2"].data_type == "n"  # numbers stay numbers
    for text in HOSTILE.values():
        assert first[text].data_type == "s" and first[text].quotePrefix, text
    assert first["person -2+3"].data_type == "s"


def test_the_csv_quotes_every_field_and_disarms_formula_leads(tmp_path):
    path = write_audit_export(_entries(), tmp_path / "nhat-ky.csv", "csv", HEADERS)
    raw = path.read_text(encoding="utf-8-sig")
    assert all(line.startswith('"') and line.endswith('"') for line in raw.splitlines())
    rows = list(csv.reader(raw.splitlines()))
    assert rows[0] == HEADERS
    assert rows[1][0] == "7" and rows[1][3] == "'" + HOSTILE["action"]
    assert rows[1][2] == "'" + HOSTILE["username"] and rows[1][5] == "'" + HOSTILE["detail"]
    assert rows[2][2:4] == ["lan", "export"]  # ordinary text as it was
