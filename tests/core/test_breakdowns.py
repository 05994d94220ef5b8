"""The report's figures by channel and by age band (``compute_report(with_breakdowns=True)``):
each group's figures are the report's own for that group, each table drops only its own filter,
and the exports carry the tables."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from desktop_app.core.metrics_cells import BREAKDOWN_KEYS
from desktop_app.core.payment_metrics import compute_report
from desktop_app.core.report_export import export_pdf, export_xlsx, report_to_json

AS_OF = date(2026, 12, 20)


def _row(n: int, period: str, channel: str | None, birth_year: int, withdrawn: str | None):
    return {
        "person_id": f"p{n}",
        "person_name": f"Người {n}",
        "village": "Thôn 1" if n % 2 else "Thôn 2",
        "channel": channel,
        "birth_year": birth_year,
        "amount": 500_000,
        "period": period,
        "credited_on": f"{period}-10",
        "withdrawn_on": withdrawn,
        "withdrawn_by": "proxy" if withdrawn and n % 3 == 0 else ("self" if withdrawn else None),
        "barriers": [],
    }


def _rows() -> list[dict]:
    rows = []
    channels = ["bank_account", "post_office_cash", "mobile_money", None]
    years = [1930, 1948, 1958, None]  # 80+, 75–79, under 75, age unknown (at AS_OF)
    n = 0
    for period in ("2026-08", "2026-09", "2026-10"):
        for c in range(4):
            for y in range(4):
                for k in range(1 + (c + y) % 3):
                    n += 1
                    day = (c * 5 + y * 3 + k) % 40
                    withdrawn = None if day >= 30 else f"{period}-{10 + day % 18:02d}"
                    rows.append(_row(n, period, channels[c], years[y], withdrawn))
    return rows


def test_each_group_has_the_reports_own_figures_for_that_group():
    rows = _rows()
    report = compute_report(
        rows,
        period_from="2026-09",
        period_to="2026-10",
        as_of=AS_OF,
        village="Thôn 1",
        channel="bank_account",
        age_band="80_plus",
        with_breakdowns=True,
    )
    by_channel = dict(report.breakdowns["channel"])
    by_band = dict(report.breakdowns["age_band"])
    # every channel is listed (the table drops its own filter), the known ones in the table's
    # order and the payment without a channel last
    assert list(by_channel) == ["bank_account", "mobile_money", "post_office_cash", ""]
    assert list(by_band) == ["under_75", "75_79", "80_plus", "unknown"]
    for dim, groups, filters in (
        ("channel", by_channel, {"age_band": "80_plus"}),
        ("age_band", by_band, {"channel": "bank_account"}),
    ):
        for key, figures in groups.items():
            one = compute_report(
                rows,
                period_from="2026-09",
                period_to="2026-10",
                as_of=AS_OF,
                village="Thôn 1",
                **filters,
                **{dim: key},
            )
            for name in ("recipients_paid", "withdrew_pct", "days_to_withdraw_median"):
                assert figures[name] == getattr(one, name), (dim, key, name)
            assert figures["rows_in_scope"] == one.rows_in_scope
            paid = one.recipients_paid
            late30 = round(100 * one.not_withdrawn_after_30 / paid, 1) if paid else None
            assert figures["not_withdrawn_after_30_pct"] == late30
            assert figures["needed_help_share"] == one.needed_help_share
    # the group the report is filtered to is the report itself
    assert by_channel["bank_account"]["recipients_paid"] == report.recipients_paid
    assert by_band["80_plus"]["withdrew_pct"] == report.withdrew_pct
    assert compute_report(rows, period_from="2026-09", as_of=AS_OF).breakdowns == {}


def test_the_exports_carry_the_tables(tmp_path):
    report = compute_report(
        _rows(), period_from="2026-09", period_to="2026-10", as_of=AS_OF, with_breakdowns=True
    )
    out = report_to_json(report)["breakdowns"]
    assert [g["key"] for g in out["channel"]] == [k for k, _ in report.breakdowns["channel"]]
    assert set(out["age_band"][0]) == {"key", "rows_in_scope", *BREAKDOWN_KEYS}
    wb = load_workbook(export_xlsx(report, tmp_path / "r.xlsx", lang="en"))
    assert wb.sheetnames[1] == "Theo nhóm"
    values = [r for r in wb["Theo nhóm"].iter_rows(values_only=True) if r and r[0]]
    labels = [r[0] for r in values]
    assert "Theo hình thức nhận / By channel" in labels
    assert "Theo nhóm tuổi / By age band" in labels
    bank = next(r for r in values if r[0] == "Tài khoản ngân hàng / Bank account")
    figures = dict(report.breakdowns["channel"])["bank_account"]
    assert list(bank[1:6]) == [figures[k] for k in BREAKDOWN_KEYS]
    assert next(r for r in values if r[0] == "Chưa ghi / Not recorded")
    pdf = export_pdf(report, tmp_path / "r.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
