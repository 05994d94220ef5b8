"""A name or village typed like a formula stays text in the laptop's report xlsx (issue 14,
tryout): the data sheet, the list of those not yet paid out and the filter line show it as typed,
and no cell of the file is a formula."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from desktop_app.commands import build_report
from desktop_app.core.report_export import export_xlsx

PERSON = '=HYPERLINK("http://evil.example/","Nguyễn Thị Hoa")'
VILLAGE = "=cmd|' /C calc'!A0"


def test_a_name_and_a_village_typed_as_formulas_are_text_in_the_report(open_demo, tmp_path):
    lead = open_demo("lead")
    pid, hid, vid, period = lead.db.execute(
        "SELECT p.id, h.id, h.village_id, y.period FROM payment y JOIN person p"
        " ON p.id = y.person_id JOIN household h ON h.id = y.household_id"
        " WHERE y.deleted = 0 AND p.deleted = 0 AND h.village_id IS NOT NULL"
        " AND y.credited_on IS NOT NULL AND y.withdrawn_on IS NULL"
        " ORDER BY y.period DESC LIMIT 1"
    ).fetchone()
    lead.update_person(pid, {"full_name": PERSON})
    if not lead.person(pid).get("consent_date"):
        lead.record_consent(pid, on=date(2026, 1, 5), method="thumbprint")
    lead.update_village(vid, {"name": VILLAGE})
    assert lead.person(pid)["full_name"] == PERSON  # the store keeps what was typed

    report = build_report(lead, period, period, VILLAGE, "vi")
    book = load_workbook(export_xlsx(report, tmp_path / "bao-cao.xlsx"))
    cells = [c for s in book.worksheets for r in s.iter_rows() for c in r if c.value is not None]
    assert not [(c.parent.title, c.coordinate) for c in cells if c.data_type in ("f", "e")]
    for sheet, text in (
        ("Dữ liệu", PERSON),
        ("Dữ liệu", VILLAGE),
        ("Chưa nhận tiền", PERSON),
        ("Chưa nhận tiền", VILLAGE),
    ):
        found = [c for c in cells if c.parent.title == sheet and c.value == text]
        assert found and all(c.data_type == "s" and c.quotePrefix for c in found), (sheet, text)
    filters = [c for c in cells if c.parent.title == "Tổng hợp" and VILLAGE in str(c.value)]
    assert filters and all(c.data_type == "s" for c in filters)  # "Thôn / Tổ: =cmd|…"
