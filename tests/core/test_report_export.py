"""Exports of the payment-access report: xlsx, PDF (Vietnamese text, embedded font) and JSON."""

import json
import re
import zipfile
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook

from desktop_app.core.payment_metrics import compute_report
from desktop_app.core.report_export import (
    SUMMARY_METRICS,
    TEXTS,
    _header,
    export_pdf,
    export_xlsx,
    font_path,
    format_number,
    report_to_json,
)

AS_OF = date(2026, 10, 31)
TWELVE_DIGITS = re.compile(rb"(?<!\d)\d{12}(?!\d)")


def payment(name, village, **kw):
    row = {
        "person_id": "0190f5c2-0000-7000-8000-001190012345",
        "person_name": name,
        "village": village,
        "channel": "bank_account",
        "birth_year": 1944,
        "amount": 500_000,
        "credited_on": date(2026, 10, 5),
        "withdrawn_on": None,
        "withdrawn_by": None,
        "travel_minutes": None,
        "distance_km": None,
        "fees": None,
        "barriers": [],
        "convenience": None,
        "period": "2026-10",
        # Fields a caller might pass that must never be exported:
        "citizen_id": "001190012345",
        "category": "hiv_adult_poor",
    }
    row.update(kw)
    return row


@pytest.fixture
def report():
    rows = [
        payment("Nguyễn Thị Hoà", "Thôn Bảo Thắng", withdrawn_on=date(2026, 10, 7),
                withdrawn_by="helped", travel_minutes=30, distance_km=2.5, fees=3300, convenience=4),
        payment("Trần Văn Đức", "Thôn Đông", withdrawn_on=date(2026, 10, 5),
                withdrawn_by="self", travel_minutes=10, distance_km=0.5, fees=0, convenience=5),
        payment("Đặng Thị Ỷ", "Tổ dân phố 5", barriers=["forgot_pin", "card_locked"],
                channel="mobile_money", convenience=1),
        payment("Lê Văn Mười", "Thôn Đông", period="2026-09", credited_on=date(2026, 9, 5),
                withdrawn_on=date(2026, 9, 9), withdrawn_by="self"),
    ]  # fmt: skip
    return compute_report(rows, period_from="2026-10", as_of=AS_OF)


def sheet_rows(ws):
    return [row for row in ws.iter_rows(values_only=True)]


def summary_values(ws):
    return {row[0]: row[1:4] for row in sheet_rows(ws) if row and row[0]}


def test_xlsx_figures(tmp_path, report):
    path = export_xlsx(report, tmp_path / "bao_cao.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Tổng hợp", "Dữ liệu", "Chưa nhận tiền"]
    values = summary_values(wb["Tổng hợp"])
    label = SUMMARY_METRICS
    # one September payment: too few to compare with, so the change is left empty and a note
    # says why (the fifteenth tryout)
    assert values[label["recipients_paid"][0]] == (3, 1, None)
    assert values[label["withdrew_count"][0]] == (2, 1, None)
    notes = [row[1] for row in sheet_rows(wb["Tổng hợp"])[:8] if row and row[0] == "Lưu ý"]
    assert any(n.startswith("kỳ trước chỉ có 1 lượt chi trả được ghi") for n in notes)
    assert values[label["withdrew_pct"][0]][0] == pytest.approx(66.7)
    assert values[label["days_to_withdraw_median"][0]][0] == 0
    assert values[label["days_to_withdraw_p90"][0]][0] == 2
    assert values[label["fees_paid_pct"][0]] == (50, None, None)  # 3,300 đ and 0 đ recorded
    assert values[label["fees_median"][0]][0] == 3300  # of the one who paid
    assert values[label["needed_help_share"][0]][0] == 50.0
    assert values["Quên mã PIN / chưa kích hoạt PIN"][0] == 1
    assert values["1 — rất khó khăn"][0] == 1 and values["3 — tạm được"][0] == 0  # in words

    data = sheet_rows(wb["Dữ liệu"])
    assert data[0][:3] == ("Kỳ", "Họ và tên", "Thôn / Tổ dân phố")
    assert len(data) == 4
    names = {row[1] for row in data[1:]}
    assert names == {"Nguyễn Thị Hoà", "Trần Văn Đức", "Đặng Thị Ỷ"}
    hoa = next(row for row in data if row[1] == "Nguyễn Thị Hoà")
    assert hoa[3] == "Tài khoản ngân hàng" and hoa[9] == "Có người giúp"
    assert hoa[8] == 2

    not_received = sheet_rows(wb["Chưa nhận tiền"])
    assert not_received[1][:4] == ("Đặng Thị Ỷ", "Tổ dân phố 5", "Ví điện tử / Mobile Money", 26)
    assert "Thẻ bị khóa" in not_received[1][5]


def test_xlsx_english_adds_labels(tmp_path, report):
    wb = load_workbook(export_xlsx(report, tmp_path / "report.xlsx", lang="en"))
    rows = sheet_rows(wb["Tổng hợp"])
    assert any(row[4] == "Payments credited" for row in rows if len(row) > 4)
    assert sheet_rows(wb["Dữ liệu"])[0][1] == "Họ và tên / Name"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_id_number_and_no_sensitive_category_in_files(tmp_path, report, lang):
    xlsx = export_xlsx(report, tmp_path / "r.xlsx", lang=lang)
    pdf = export_pdf(report, tmp_path / "r.pdf", lang=lang)
    with zipfile.ZipFile(xlsx) as z:
        for name in z.namelist():
            content = z.read(name)
            assert not TWELVE_DIGITS.search(content), name
            assert b"HIV" not in content and b"hiv" not in content
    # the PDF trailer's random /ID (hex) may hold 12 digits in a row by chance: not personal data
    raw = re.sub(rb"/ID \[<[0-9A-Fa-f]+><[0-9A-Fa-f]+>\]", b"", pdf.read_bytes())
    assert not TWELVE_DIGITS.search(raw)
    text = json.dumps(report_to_json(report, include_rows=True), ensure_ascii=False)
    assert "001190012345" not in text and "hiv" not in text.lower()


def test_pdf_text_is_vietnamese_and_holds_no_id(tmp_path, report, monkeypatch):
    import fpdf

    seen = []
    original = fpdf.FPDF.normalize_text

    def capture(self, text):
        seen.append(text)
        return original(self, text)

    monkeypatch.setattr(fpdf.FPDF, "normalize_text", capture)
    export_pdf(report, tmp_path / "r.pdf")
    text = "\n".join(seen)
    assert "BÁO CÁO TIẾP CẬN CHI TRẢ" in text
    assert "Đặng Thị Ỷ" in text and "Quên mã PIN" in text
    # the list is of the report's months (the dashboard's is of every month, to this day)
    assert "Danh sách đã được chi trả trong kỳ báo cáo nhưng chưa rút tiền" in text
    assert not re.search(r"\d{12}", text) and "HIV" not in text


@pytest.mark.parametrize(
    ("lang", "months"),
    [("vi", "Tháng 09/2026 – Tháng 10/2026"), ("en", "September 2026 – October 2026")],
)
def test_a_printed_report_says_whose_it_is_and_its_months_in_words(
    tmp_path, report, monkeypatch, lang, months
):
    """The tryout: a commune's full report printed without the ward's name, its months as
    "2026-11", beside the ward's page PDF ("Tháng 11/2026"): which ward, which months?"""
    import fpdf

    seen = []
    original = fpdf.FPDF.normalize_text
    monkeypatch.setattr(
        fpdf.FPDF, "normalize_text", lambda self, text: seen.append(text) or original(self, text)
    )
    two = replace(report, period_from="2026-09")
    export_pdf(two, tmp_path / "r.pdf", lang=lang, place="Phường Ngọc Hà")
    area = "Địa bàn" if lang == "vi" else "Area"
    assert (
        f"{area}: Phường Ngọc Hà" in seen and f"{TEXTS['period'][lang == 'en']}: {months}" in seen
    )
    wb = load_workbook(export_xlsx(two, tmp_path / "r.xlsx", lang=lang, place="Phường Ngọc Hà"))
    head = {row[0]: row[1] for row in sheet_rows(wb["Tổng hợp"])[:5] if row and row[0]}
    assert head[_header(TEXTS["place"], lang)] == "Phường Ngọc Hà"
    assert head[_header(TEXTS["period"], lang)] == "Tháng 09/2026 – Tháng 10/2026"  # sheet: vi
    seen.clear()
    export_pdf(report, tmp_path / "none.pdf", lang=lang)  # no place given: no empty line
    assert seen and not any(text.startswith(area) for text in seen)


def test_pdf_is_a_pdf_with_the_embedded_font(tmp_path, report):
    path = export_pdf(report, tmp_path / "bao_cao.pdf")
    raw = path.read_bytes()
    assert raw.startswith(b"%PDF")
    assert b"DejaVuSans" in raw and b"/FontFile2" in raw
    assert not list(tmp_path.glob(".*.tmp")), "temporary file left behind"


def test_pdf_of_an_empty_report(tmp_path):
    report = compute_report([], period_from="2026-10", as_of=AS_OF)
    assert export_pdf(report, tmp_path / "empty.pdf").read_bytes().startswith(b"%PDF")
    wb = load_workbook(export_xlsx(report, tmp_path / "empty.xlsx"))
    assert len(sheet_rows(wb["Dữ liệu"])) == 1


def test_shipped_font_and_licence():
    assert font_path().is_file() and font_path("B").is_file()
    assert (font_path().parent / "DejaVu-LICENSE.txt").is_file()


def test_json_keys(report):
    out = report_to_json(report)
    json.dumps(out)  # serialisable
    for key in (
        "format", "period_from", "period_to", "as_of", "filters", "rows_in_scope",
        "recipients_paid", "people_paid", "withdrew_count", "withdrew_pct", "accounts_opened",
        "days_to_withdraw_median", "days_to_withdraw_p90", "days_to_withdraw_n",
        "not_withdrawn_after_7", "not_withdrawn_after_30", "travel_minutes_median",
        "distance_median", "fees_median", "needed_help_share", "proxy_share", "barrier_counts",
        "convenience_distribution", "not_received", "data_quality", "change", "previous",
    ):  # fmt: skip
        assert key in out, key
    assert "rows" not in out
    assert out["as_of"] == "2026-10-31"
    assert out["convenience_distribution"] == {"1": 1, "2": 0, "3": 0, "4": 1, "5": 1}
    assert out["not_received"] == [
        {
            "person_name": "Đặng Thị Ỷ",
            "village": "Tổ dân phố 5",
            "channel": "mobile_money",
            "days_since_credit": 26,
            "payments": 1,
            "barriers": ["forgot_pin", "card_locked"],
        }
    ]
    assert out["previous"]["recipients_paid"] == 1
    assert out["change"]["recipients_paid"] is None  # one payment before: not compared


def test_the_change_against_a_previous_period_with_data(tmp_path):
    """Five September payments or more: the xlsx has the previous figures and their change,
    whole numbers without a trailing separator and shares with their "%"."""
    rows = [
        payment(f"Người {i}", "Thôn Đông", period="2026-09", credited_on=date(2026, 9, 5),
                withdrawn_on=date(2026, 9, 6) if i % 2 else None,
                withdrawn_by="self" if i % 2 else None)
        for i in range(6)
    ] + [
        payment(f"Người {i}", "Thôn Đông", withdrawn_on=date(2026, 10, 6), withdrawn_by="self")
        for i in range(8)
    ]  # fmt: skip
    report = compute_report(rows, period_from="2026-10", as_of=AS_OF)
    assert report.change["recipients_paid"] == 2 and report.change["withdrew_pct"] == 50.0
    wb = load_workbook(export_xlsx(report, tmp_path / "r.xlsx"))
    ws = wb["Tổng hợp"]
    cells = {row[0].value: row[1:4] for row in ws.iter_rows() if row[0].value}
    paid = cells[SUMMARY_METRICS["recipients_paid"][0]]
    assert [c.value for c in paid] == [8, 6, 2]
    assert all(c.number_format == "#,##0" for c in paid)  # "8", never "8."
    share = cells[SUMMARY_METRICS["withdrew_pct"][0]]
    assert [c.value for c in share] == [100.0, 50.0, 50.0]
    assert share[0].number_format == share[1].number_format == '0.0" %"'
    assert share[2].number_format == "#,##0"  # the change, in points
    assert report_to_json(report)["change"]["recipients_paid"] == 2


def test_number_format():
    assert format_number(1234567) == "1.234.567"
    assert format_number(1234567, "en") == "1,234,567"
    assert format_number(66.7) == "66,7"
    assert format_number(None) == "—"


def test_a_report_of_a_month_not_30_days_over_says_its_waits_are_not_final(tmp_path, report):
    """The ninth tryout: the laptop's report of the month just ended printed "0 not withdrawn
    after 30 days" with no word that 30 days had not passed (the dashboard says so)."""
    from desktop_app.core.payment_metrics import settled
    from desktop_app.core.report_export import not_final_text

    assert not settled("2026-11", date(2026, 12, 29)) and settled("2026-11", date(2026, 12, 30))
    assert report.period_to == "2026-10" and report.as_of == date(2026, 10, 31)
    note = not_final_text(report, "vi")
    assert note.startswith("chưa đủ 30 ngày kể từ cuối Tháng 10/2026")
    wb = load_workbook(export_xlsx(report, tmp_path / "r.xlsx"))
    notes = [row[1] for row in sheet_rows(wb["Tổng hợp"])[:8] if row and row[0] == "Lưu ý"]
    assert note in notes
    later = replace(report, as_of=date(2026, 11, 30))  # Oct 31 + 30 days: final
    assert not_final_text(later, "en") == ""
    wb = load_workbook(export_xlsx(later, tmp_path / "later.xlsx"))
    notes = [row[1] for row in sheet_rows(wb["Tổng hợp"])[:8] if row and row[0] == "Lưu ý"]
    assert not any(n.startswith("chưa đủ 30 ngày") for n in notes)
