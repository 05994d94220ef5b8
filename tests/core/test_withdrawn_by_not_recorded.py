"""Issue 19: a withdrawal whose "who" nobody recorded counts as "chưa ghi", never as a channel
or a kind of help; the report's public API and JSON keys stay as they were, plus one bucket."""

from __future__ import annotations

import json
from datetime import date

from openpyxl import load_workbook

from desktop_app.core.payment_metrics import WITHDRAWN_BY_KINDS, compute_report
from desktop_app.core.report_export import export_xlsx, report_to_json

AS_OF = date(2026, 10, 31)


def row(pid, by=None, withdrawn=date(2026, 10, 8), **kw):
    out = {
        "person_id": pid,
        "person_name": f"Người {pid}",
        "village": "Thôn Đông",
        "channel": "bank_account",
        "birth_year": 1948,
        "amount": 500000,
        "credited_on": date(2026, 10, 5),
        "withdrawn_on": withdrawn,
        "withdrawn_by": by,
        "barriers": [],
        "period": "2026-10",
    }
    out.update(kw)
    return out


ROWS = [
    row("A", "self"),
    row("B", "helped"),
    row("C", "proxy"),
    row("D"),  # a date typed, nobody wrote down by whom
    row("E"),
    row("F", withdrawn=None),  # not withdrawn
]


def test_a_missing_who_is_counted_as_not_recorded():
    report = compute_report(ROWS, period_from="2026-10", as_of=AS_OF)
    assert report.withdrew_count == 5
    assert report.withdrawn_by_counts == {"self": 1, "proxy": 1, "helped": 1, "not_recorded": 2}
    assert sum(report.withdrawn_by_counts.values()) == report.withdrew_count
    # the shares are over withdrawals whose "who" is recorded: 2 of 3, 1 of 3
    assert report.needed_help_share == 66.7
    assert report.proxy_share == 33.3
    assert tuple(report.withdrawn_by_counts) == WITHDRAWN_BY_KINDS


def test_json_keeps_its_keys_and_adds_the_bucket():
    report = compute_report(ROWS, period_from="2026-10", as_of=AS_OF)
    out = json.loads(json.dumps(report_to_json(report, include_rows=True)))
    for key in ("needed_help_share", "proxy_share", "withdrew_count", "not_received", "change"):
        assert key in out
    assert out["withdrawn_by_counts"]["not_recorded"] == 2
    assert [r["withdrawn_by"] for r in out["rows"]].count(None) == 3  # D, E and F: unchanged


def test_the_workbook_says_chua_ghi(tmp_path):
    report = compute_report(ROWS, period_from="2026-10", as_of=AS_OF)
    path = export_xlsx(report, tmp_path / "r.xlsx")
    book = load_workbook(path)
    data = book.worksheets[1]
    header = [c.value for c in data[1]]
    col = header.index("Người rút")
    by_name = {r[1].value: r[col].value for r in data.iter_rows(min_row=2)}
    assert by_name["Người D"] == "Chưa ghi"
    assert by_name["Người A"] == "Tự rút"
    assert by_name["Người F"] is None  # not withdrawn: nothing to record
    summary = [[c.value for c in r] for r in book.worksheets[0].iter_rows()]
    assert ["Chưa ghi", 2] in [r[:2] for r in summary]


def test_villages_are_in_number_order_in_the_report():
    rows = [
        row(f"P{i}", "self", village=v, person_name=f"Người {i}")
        for i, v in enumerate(["Tổ dân phố số 12", "Tổ dân phố số 4", "Tổ dân phố số 1"])
    ] + [
        row(f"Q{i}", withdrawn=None, village=v, person_name=f"Chưa rút {i}")
        for i, v in enumerate(["Tổ dân phố số 9", "Tổ dân phố số 10"])
    ]
    report = compute_report(rows, period_from="2026-10", as_of=AS_OF)
    assert [r["village"] for r in report.rows] == [
        "Tổ dân phố số 1",
        "Tổ dân phố số 4",
        "Tổ dân phố số 9",
        "Tổ dân phố số 10",
        "Tổ dân phố số 12",
    ]
    # the not-received list: same days waited, so by village, number-aware
    assert [n.village for n in report.not_received] == ["Tổ dân phố số 9", "Tổ dân phố số 10"]
