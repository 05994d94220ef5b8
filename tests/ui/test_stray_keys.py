"""Issue 19, point 3: nothing completed or changed by a stray key.

The payments grid keeps the keyboard (arrows, Enter edits, Tab to the next column); a withdrawal
date never sets who withdrew — the grid shows it as not recorded and the report counts it as
"chưa ghi"; a follow-up marked done can be undone (button and Ctrl+Z)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from test_payments_view import grid, idle, type_into_cell  # noqa: F401 (fixture)
from ui_support import call

from desktop_app.core.payment_metrics import compute_report
from desktop_app.ui.followups import FollowUpsView
from desktop_app.ui.payments_view import (
    COL_AMOUNT,
    COL_BY,
    COL_CREDITED,
    COL_MINUTES,
    COL_NAME,
    COL_WITHDRAWN,
)
from desktop_app.ui.qt import QApplication, QLineEdit, Qt

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_grid_keyboard_stays_in_the_grid(qtbot, grid):  # noqa: F811
    view = grid
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(0, COL_NAME))
    qtbot.waitUntil(view.table.hasFocus, timeout=5000)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.table.currentIndex().row() == 1 and view.table.hasFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Right)
    qtbot.keyClick(view.table, Qt.Key.Key_Right)
    assert view.table.currentIndex().column() == COL_AMOUNT
    # Tab goes to the next column and the keyboard stays in the grid
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)
    assert view.table.currentIndex().column() == COL_CREDITED and view.table.hasFocus()
    # Enter edits the cell (it does not skip to the next row)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and view.table.state() == view.table.State.EditingState
    assert view.table.currentIndex().row() == 1
    # typing and Tab: the value is kept and the next column opens for typing
    year, month = view.period.split("-")
    qtbot.keyClicks(editor, f"03/{month}/{year}")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert view.table.currentIndex().column() == COL_WITHDRAWN
    assert view.model.row_data(1)["credited_on"] == f"{year}-{month}-03"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert view.table.hasFocus()
    # Down at the last row stays on the last row, in the grid
    last = view.proxy.rowCount() - 1
    view.table.setCurrentIndex(view.proxy.index(last, COL_MINUTES))
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.table.currentIndex().row() == last and view.table.hasFocus()


def test_a_withdrawal_date_does_not_set_who_withdrew(qtbot, grid):  # noqa: F811
    view, ops = grid, grid._ops
    row = view.model.row_data(0)
    year, month = view.period.split("-")
    type_into_cell(qtbot, view, 0, COL_CREDITED, f"02/{month}/{year}")
    type_into_cell(qtbot, view, 0, COL_WITHDRAWN, f"05/{month}/{year}")
    qtbot.waitUntil(lambda: view.model.row_data(0)["_state"] == "saved", timeout=15000)
    qtbot.waitUntil(idle(ops), timeout=15000)
    saved = call(qtbot, ops, lambda s: s.payments_for_person(row["person_id"]))
    mine = [p for p in saved if p["period"] == view.period and p["benefit_id"] == row["benefit_id"]]
    assert mine[0]["withdrawn_on"] == f"{year}-{month}-05"
    assert mine[0]["withdrawn_by"] is None
    # shown as missing, never as "Tự rút"
    shown = view.proxy.index(0, COL_BY).data()
    assert shown == "(chưa ghi)"
    assert "Tự rút" not in shown
    # the report counts it as not recorded, not as self
    rows = call(qtbot, ops, lambda s: s.payment_rows(view.period, view.period))
    report = compute_report(rows, period_from=view.period, as_of=date.today())
    assert report.withdrawn_by_counts["not_recorded"] >= 1
    mine_rows = [r for r in rows if r["person_id"] == row["person_id"] and r["withdrawn_on"]]
    assert mine_rows and mine_rows[0]["withdrawn_by"] is None
    assert sum(report.withdrawn_by_counts.values()) == report.withdrew_count


def _follow_up(qtbot, ops, days: int = 2) -> str:
    hid = call(qtbot, ops, lambda s: s.households_page(None, 5))[4]["id"]
    due = (date.today() + timedelta(days=days)).isoformat()
    made = call(qtbot, ops, lambda s: s.record_visit(hid, {"follow_up_on": due, "notes": "hẹn"}))
    return made["visit"]["id"]


@pytest.fixture
def followups(qtbot, make_ops):
    ops = make_ops("volunteer")
    vid = _follow_up(qtbot, ops)
    view = FollowUpsView(ops)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    view.activate()
    qtbot.waitUntil(lambda: vid in view._items, timeout=15000)
    return view, ops, vid


def _open_ids(qtbot, ops) -> set[str]:
    due = call(qtbot, ops, lambda s: s.follow_ups(date.today()))
    return {r["visit_id"] for k in due for r in due[k]}


def test_a_follow_up_marked_done_by_mistake_is_undone_with_the_button(qtbot, followups):
    view, ops, vid = followups
    view.tree.setCurrentItem(view._items[vid])
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: vid not in view._items, timeout=15000)
    qtbot.waitUntil(lambda: view.undo_button.isVisible(), timeout=15000)
    assert vid not in _open_ids(qtbot, ops)
    assert "Hoàn tác" in view.undo_button.text()
    assert view.undo_seconds_left() >= 10  # at least 10 s to change one's mind
    qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: vid in view._items, timeout=15000)
    assert vid in _open_ids(qtbot, ops)
    assert not view.undo_button.isVisible()


def test_ctrl_z_undoes_the_last_done_and_the_offer_expires(qtbot, followups):
    view, ops, vid = followups
    item = view._items[vid]
    view.tree.setCurrentItem(item)
    view.done_button.click()
    qtbot.waitUntil(lambda: view.undo_button.isVisible(), timeout=15000)
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: vid in view._items, timeout=15000)
    assert vid in _open_ids(qtbot, ops)
    # done again; once the offer has expired, Ctrl+Z changes nothing
    view.tree.setCurrentItem(view._items[vid])
    view.done_button.click()
    qtbot.waitUntil(lambda: view.undo_button.isVisible(), timeout=15000)
    view.expire_undo()
    assert not view.undo_button.isVisible()
    qtbot.keyClick(view.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(300)
    qtbot.waitUntil(idle(ops), timeout=15000)
    assert vid not in _open_ids(qtbot, ops)


def test_ctrl_3_puts_the_keyboard_in_the_payments_grid(qtbot, make_ops, demo_dir):
    from ui_support import PASSWORD

    from desktop_app.ui.login import open_and_assign
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.payments_view import PaymentsView
    from desktop_app.ui.prefs import Prefs

    ops = make_ops("volunteer")
    session = call(qtbot, ops, lambda _s: open_and_assign(ops, demo_dir, "volunteer", PASSWORD))
    window = MainWindow(ops, session, Prefs(), demo_dir)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.activate()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.findChild(PaymentsView)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=15000)
    assert QApplication.focusWidget() is page.table
    nav_row = window.nav.currentRow()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)  # Down moves in the grid, not the sidebar
    assert window.nav.currentRow() == nav_row and page.table.currentIndex().row() == 1
