"""The payment-access report page over a real demo database: figures, follow-up list, exports."""

from __future__ import annotations

import json
from datetime import date

import pytest
from file_chooser import answer_next_file_dialog  # noqa: E402
from openpyxl import load_workbook
from ui_support import PASSWORD, call  # noqa: E402,F401

from desktop_app.core.payment_metrics import compute_report, previous_period
from desktop_app.ui.payment_common import (
    barrier_labels,
    channel_labels,
    format_number,
    recent_months,
)
from desktop_app.ui.qt import Qt
from desktop_app.ui.reports_view import ReportsView

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def view(qtbot, make_ops):
    ops = make_ops("lead")
    page = ReportsView(ops)
    qtbot.addWidget(page)
    page.resize(1146, 700)
    page.show()
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        page.activate()
    return page


def expected_report(qtbot, ops, village_id, village, period_from, period_to, channel, band):
    def fn(store):
        prev_from, _ = previous_period(period_from, period_to)
        rows = store.payment_rows(prev_from, period_to, village_id)
        return compute_report(
            rows,
            period_from=period_from,
            period_to=period_to,
            as_of=date.today(),
            village=village,
            channel=channel,
            age_band=band,
        )

    return call(qtbot, ops, fn)


def test_figures_match_compute_report_for_the_filters(qtbot, view):
    ops = view._ops
    villages = call(qtbot, ops, lambda s: s.list_villages())
    months = recent_months(24)
    period_from, period_to = months[3], months[1]
    with qtbot.waitSignal(view.report_ready, timeout=20000):
        view.set_filters(period_from, period_to, None, "bank_account", "80_plus")
    want = expected_report(
        qtbot, ops, None, None, period_from, period_to, "bank_account", "80_plus"
    )
    got = view.report
    for key in (
        "rows_in_scope",
        "recipients_paid",
        "people_paid",
        "withdrew_count",
        "withdrew_pct",
        "days_to_withdraw_median",
        "days_to_withdraw_p90",
        "not_withdrawn_after_7",
        "not_withdrawn_after_30",
        "travel_minutes_median",
        "fees_paid_pct",
        "fees_median",
        "needed_help_share",
        "accounts_opened",
        "barrier_counts",
        "convenience_distribution",
        "change",
    ):
        assert getattr(got, key) == getattr(want, key), key
    assert want.rows_in_scope > 0
    # What the person reads is those figures.
    assert view.cards["withdrew_pct"].value.text() == format_number(want.withdrew_pct) + " %"
    assert format_number(want.withdrew_count) in view.cards["withdrew_pct"].detail.text()
    assert view.cards["not_withdrawn_after_7"].value.text() == format_number(
        want.not_withdrawn_after_7
    )
    assert "tiền đã về" in view.cards["withdrew_pct"].toolTip()  # the definition, in Vietnamese
    labels = barrier_labels()
    assert view.barrier_chart.bars() == [(labels[k], n) for k, n in want.barrier_counts.items()]
    assert sum(n for _t, n in view.convenience_chart.bars()) == sum(
        want.convenience_distribution.values()
    )
    # The follow-up list is the report's not_received list (no ID numbers anywhere).
    shown = sorted(view.follow_table.item(r, 0).text() for r in range(view.follow_table.rowCount()))
    assert shown == sorted(n.person_name for n in want.not_received)

    # A village filter: the same again.
    with qtbot.waitSignal(view.report_ready, timeout=20000):
        view.set_filters(months[1], months[1], villages[0]["id"], "", "")
    want = expected_report(
        qtbot, ops, villages[0]["id"], villages[0]["name"], months[1], months[1], None, None
    )
    assert view.report.withdrew_count == want.withdrew_count
    assert view.report.recipients_paid == want.recipients_paid
    assert view.report.filters == {"village": villages[0]["name"]}


def pay_row(n: int, period: str, days: int | None) -> dict:
    """A payment credited on the 10th of ``period``, withdrawn ``days`` later (None: not yet)."""
    return {
        "person_id": f"p{n}",
        "person_name": f"Người {n}",
        "village": "Thôn 1",
        "channel": "bank_account",
        "birth_year": 1940,
        "amount": 500_000,
        "credited_on": f"{period}-10",
        "withdrawn_on": None if days is None else f"{period}-{10 + days:02d}",
        "withdrawn_by": None if days is None else "self",
        "period": period,
    }


def test_a_previous_period_with_little_data_is_not_compared_without_a_word(qtbot, view):
    """The fifteenth tryout: one stray August payment made every card say "▼ −13,9 điểm % so
    với kỳ trước". Under five payments before, no change is shown and the cards say why; with
    under half of now, a line says the change may be data not recorded."""

    now = [pay_row(i, "2026-10", 2 if i % 3 else None) for i in range(20)]
    for before, change_text in ((1, "quá ít số liệu"), (6, "so với kỳ trước")):
        rows = now + [pay_row(100 + i, "2026-09", 2 if i % 3 else None) for i in range(before)]
        view.report = compute_report(rows, period_from="2026-10", as_of=date(2026, 12, 1))
        view._show_report()
        assert change_text in view.cards["withdrew_pct"].change.text()
        assert not view.compare_note.isHidden()
        assert "Kỳ trước (09/2026)" in view.compare_note.text()
        assert f"có {before} lượt chi trả được ghi, kỳ này có 20" in view.compare_note.text()
    rows = now + [pay_row(100 + i, "2026-09", 2 if i % 3 else None) for i in range(12)]
    view.report = compute_report(rows, period_from="2026-10", as_of=date(2026, 12, 1))
    view._show_report()
    assert view.compare_note.isHidden()  # 12 against 20: compared without a word


def test_the_spread_of_days_is_not_called_9_in_10_under_ten_withdrawals(qtbot, view):
    """The thirteenth tryout read "9/10 lượt rút trong vòng 1 ngày · tính trên 2 lượt rút": the
    90th percentile of two withdrawals is the slower one, and the card now says so."""

    for n, want, unwanted in ((2, "lâu nhất 4 ngày · tính trên 2", "9/10"), (12, "9/10", "lâu")):
        rows = [pay_row(i, "2026-09", 4 if i == 0 else 1) for i in range(n)]
        view.report = compute_report(
            rows, period_from="2026-09", period_to="2026-09", as_of=date(2026, 12, 1)
        )
        view._show_report()
        detail = view.cards["days_to_withdraw_median"].detail.text()
        assert want in detail and unwanted not in detail, detail


def test_double_click_on_a_waiting_person_opens_the_household(qtbot, view):
    months = recent_months(24)
    with qtbot.waitSignal(view.report_ready, timeout=20000):
        view.set_filters(months[12], months[1], None, "", "")
    assert view.follow_table.rowCount() > 0
    entry = view.follow_up[0]
    assert entry["household_id"]
    with qtbot.waitSignal(view.household_opened, timeout=5000) as opened:
        view._open_follow_up(view.follow_table.model().index(0, 0))
    assert opened.args == [entry["household_id"]]
    household = call(qtbot, view._ops, lambda s: s.household(entry["household_id"]))
    names = {m["full_name"] for m in household["members"]}
    assert entry["person_name"] in names or entry["person_name"].startswith("(")


def test_export_xlsx_and_pdf_from_the_view(qtbot, view, tmp_path):
    ops = view._ops
    asked: list = []  # the app's own (Qt, widget-based) file chooser, answered as a person would
    answer_next_file_dialog(str(tmp_path / "bao-cao.xlsx"), asked)
    view.xlsx_button.click()
    qtbot.waitUntil(
        lambda: (tmp_path / "bao-cao.xlsx").exists() and ops._pending == 0, timeout=20000
    )
    wb = load_workbook(tmp_path / "bao-cao.xlsx")
    summary = wb["Tổng hợp"]
    values = {
        row[0]: row[1] for row in summary.iter_rows(values_only=True) if row and row[0] is not None
    }
    assert values["Số lượt đã rút / nhận tiền"] == view.report.withdrew_count
    assert values["Số lượt đã được chi trả (tiền đã vào)"] == view.report.recipients_paid
    assert "Chưa nhận tiền" in wb.sheetnames

    answer_next_file_dialog(str(tmp_path / "bao-cao.pdf"), asked)
    view.pdf_button.click()
    qtbot.waitUntil(
        lambda: (tmp_path / "bao-cao.pdf").exists() and ops._pending == 0, timeout=30000
    )
    assert (tmp_path / "bao-cao.pdf").read_bytes()[:5] == b"%PDF-"
    assert "bao-cao.pdf" in view.message.text()
    assert len(asked) == 2  # each export asked where to save
    exports = call(qtbot, ops, lambda s: s.audit_entries(action="export.report"))
    details = [
        e["detail"] if isinstance(e["detail"], dict) else json.loads(e["detail"]) for e in exports
    ]
    assert {d.get("format") for d in details} >= {"xlsx", "pdf"}


def test_a_month_not_30_days_over_says_so_on_each_card_it_makes_falsely_low(qtbot, view):
    """The ninth tryout: only the waits' card said "chưa phải số cuối"; the share withdrawn and
    the days to withdraw of a month just ended are not final either (its withdrawals still come
    in), as the dashboard marks them."""
    from desktop_app.core.payment_metrics import settled

    months = recent_months(24)
    cards = ("withdrew_pct", "days_to_withdraw_median", "not_withdrawn_after_7")
    with qtbot.waitSignal(view.report_ready, timeout=20000):
        view.set_filters(months[1], months[1], None, "", "")
    recent = not settled(months[1], date.today())  # last month: true but on a month's last day
    for key in cards:
        assert ("chưa phải số cuối" in view.cards[key].detail.text()) == recent, key
        # a figure still moving is neither better nor worse yet: its change is not coloured
        change = view.cards[key].change.text()
        assert not recent or ("#17574a" not in change and "#b3261e" not in change), (key, change)
    # why, said once above the cards (the cards at 150 % text were crowded with it)
    assert view.not_final_label.isVisibleTo(view) == recent
    if recent:
        text = view.not_final_label.text()
        assert "vẫn đang được rút" in text and "30 ngày" in text, text
        assert f"{int(months[1][5:]):02d}/{months[1][:4]}" in text, text
    with qtbot.waitSignal(view.report_ready, timeout=20000):
        view.set_filters(months[3], months[2], None, "", "")
    for key in cards:
        assert "chưa phải số cuối" not in view.cards[key].detail.text(), key
    assert not view.not_final_label.isVisibleTo(view)


def test_the_tables_by_channel_and_age_group_compare_every_group(qtbot, view):
    """The fourteenth tryout: the laptop showed one channel at a time (the dashboard and its xlsx
    had them side by side). Now the page lists every channel and every age group, each with the
    figures of the report filtered to it, the one chosen in bold."""
    ops = view._ops
    months = recent_months(24)
    with qtbot.waitSignal(view.report_ready, timeout=20000):
        view.set_filters(months[3], months[1], None, "bank_account", "")
    table = view.breakdown_tables["channel"]
    shown = {
        table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 6)]
        for r in range(table.rowCount())
    }
    labels = channel_labels()
    codes = [k for k, _ in view.report.breakdowns["channel"]]
    assert len(codes) >= 2, "the demo commune has payments of more than one channel"
    assert list(shown) == [labels.get(k) or "Chưa ghi" for k in codes]
    for code in codes:
        want = expected_report(qtbot, ops, None, None, months[3], months[1], code or None, None)
        if not code:
            continue
        row = shown[labels[code]]
        assert row[0] == format_number(want.recipients_paid)
        pct = "—" if want.withdrew_pct is None else format_number(want.withdrew_pct) + " %"
        assert row[1] == pct
    bold = [table.item(r, 0).font().bold() for r in range(table.rowCount())]
    assert bold == [k == "bank_account" for k in codes]
    # the age groups: the channel filter kept, each band the report of that band
    ages = view.breakdown_tables["age_band"]
    bands = [k for k, _ in view.report.breakdowns["age_band"]]
    assert ages.rowCount() == len(bands) >= 2
    first = expected_report(qtbot, ops, None, None, months[3], months[1], "bank_account", bands[0])
    assert ages.item(0, 1).text() == format_number(first.recipients_paid)
    assert not any(ages.item(r, 0).font().bold() for r in range(ages.rowCount()))
    # no scroll bar inside the page's scroll: the whole table shows
    assert table.height() >= table.horizontalHeader().height() + sum(
        table.rowHeight(r) for r in range(table.rowCount())
    )


def test_a_reversed_period_is_shown_the_right_way_round(qtbot, view):
    """The fifteenth tryout chose "From 11/2026 To 09/2026": the report was of September to
    November, but the boxes kept saying 11 → 09."""
    months = recent_months(24)
    with qtbot.waitSignal(view.report_ready, timeout=20000):
        view.set_filters(months[1], months[3], None, "", "")
    assert view.from_combo.currentData() == months[3]
    assert view.to_combo.currentData() == months[1]
    assert (view.report.period_from, view.report.period_to) == (months[3], months[1])


def test_people_listed_without_a_name_are_explained(qtbot, view):
    """The fifteenth tryout saw five identical "(chưa đồng ý chia sẻ thông tin)" rows and
    nothing saying why, or what to do."""
    months = recent_months(24)
    with qtbot.waitSignal(view.report_ready, timeout=20000):
        view.set_filters(months[6], months[1], None, "", "")
    unnamed = [
        r
        for r in range(view.follow_table.rowCount())
        if view.follow_table.item(r, 0).text() == "(chưa đồng ý chia sẻ thông tin)"
    ]
    assert unnamed, "the demo commune has people without consent among those waiting"
    assert not view.consent_note.isHidden()
    text = view.consent_note.text()
    assert text.startswith(f"{len(unnamed)} người") and "Đồng ý…" in text


@pytest.mark.parametrize("scale", [100, 150])
def test_the_waiting_list_shows_every_column_without_scrolling_sideways(qtbot, make_ops, scale):
    """At 150 % text the fifteenth tryout scrolled sideways to see how long people had waited:
    the days and payments stay whole, the names and places take two lines instead."""
    from PySide6.QtWidgets import QApplication, QStyle

    from desktop_app.ui.style import apply_style

    apply_style(QApplication.instance(), scale)
    try:
        page = ReportsView(make_ops("lead"))
        qtbot.addWidget(page)
        page.resize(1130, 620)  # the page's width in the main window on a 1366-pixel screen
        page.show()
        months = recent_months(24)
        with qtbot.waitSignal(page.report_ready, timeout=20000):
            page.activate()
        with qtbot.waitSignal(page.report_ready, timeout=20000):
            page.set_filters(months[12], months[1], None, "", "")
        table = page.follow_table
        assert table.rowCount() > 15
        header = table.horizontalHeader()
        assert header.length() <= table.viewport().width()
        qtbot.waitUntil(lambda: not table.horizontalScrollBar().isVisible(), timeout=3000)
        metrics = table.fontMetrics()
        for col in (3, 4):  # days waited, payments: never cut
            widest = max(metrics.horizontalAdvance(table.item(r, col).text()) for r in range(15))
            assert header.sectionSize(col) >= widest + 8
        lines = 2 if scale == 150 else 1
        assert table.wordWrap() == (scale == 150)
        assert table.rowHeight(20) >= lines * metrics.lineSpacing()
        # two lines are enough for every name, village and channel shown
        margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        for col in (0, 1, 2):
            width = header.sectionSize(col) - 2 * margin  # as the item delegate lays out text
            for r in range(15):
                rect = metrics.boundingRect(
                    0, 0, width, 1000, int(Qt.TextFlag.TextWordWrap), table.item(r, col).text()
                )
                assert rect.height() <= lines * metrics.lineSpacing() + 2, (col, r)
    finally:
        apply_style(QApplication.instance(), 100)
