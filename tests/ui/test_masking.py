"""No full ID number reaches a volunteer: every main page, the person dialog, search results and
every export a volunteer can run. Officers and team leads see one only through the audited reveal."""

from __future__ import annotations

import contextlib
import json
import re

import pytest
from openpyxl import load_workbook
from ui_support import PASSWORD, call  # noqa: E402,F401

from desktop_app.commands import build_report
from desktop_app.core.report_export import export_pdf, export_xlsx, report_to_json
from desktop_app.store import guard as store_guard
from desktop_app.store.store import Store
from desktop_app.ui import i18n
from desktop_app.ui.household_dialog import PersonDialog
from desktop_app.ui.login import open_and_assign
from desktop_app.ui.main_window import PAGES, MainWindow
from desktop_app.ui.ops import Ops, install_thread_guard
from desktop_app.ui.prefs import Prefs
from desktop_app.ui.qt import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    Qt,
    QTextEdit,
    QWidget,
)

ID_LIKE = re.compile(r"(?<![0-9A-Za-z-])\d{12}(?![0-9A-Za-z-])")
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def _vietnamese(qapp):
    i18n.install("vi")
    yield
    i18n.install("vi")


@pytest.fixture
def window(qtbot, demo_dir):
    """The main window as the demo volunteer, thread guard on."""
    ops = Ops()
    install_thread_guard()
    session = call(qtbot, ops, lambda _s: open_and_assign(ops, demo_dir, "volunteer", PASSWORD))
    win = MainWindow(ops, session, Prefs.load(demo_dir), demo_dir)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.activate()
    yield win
    win.shutdown()
    with contextlib.suppress(RuntimeError):
        ops.shutdown()
    store_guard.thread_guard = None


def full_ids(demo_dir) -> set[str]:
    store = Store.open(demo_dir, "lead", PASSWORD)
    try:
        rows = store.db.execute("SELECT citizen_id, old_id FROM person").fetchall()
    finally:
        store.close()
    return {v for r in rows for v in r if v}


def model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    from desktop_app.ui.qt import QAbstractListModel, QModelIndex

    out = []
    for r in range(model.rowCount(QModelIndex())):
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
        for c in range(columns):
            index = model.index(r, c)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if value is not None:
                    out.append(str(value))
    return out


def widget_texts(root: QWidget) -> list[str]:
    """Every text a person could read in ``root`` and its children (labels, inputs, lists…)."""
    out = [root.windowTitle(), root.toolTip()]
    for w in [root, *root.findChildren(QWidget)]:
        out.append(w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton, QLineEdit)):
            out.append(w.text())
        if isinstance(w, (QPlainTextEdit, QTextEdit)):
            out.append(w.toPlainText())
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView):
            out += model_texts(w)
    return [t for t in out if t]


def assert_no_full_id(texts: list[str], ids: set[str], where: str) -> None:
    leaked = [t for t in texts if ID_LIKE.search(t) or any(i in t for i in ids)]
    assert not leaked, f"{where}: {leaked[:3]}"


def settle(qtbot, window) -> None:
    qtbot.wait(50)
    window._ops.wait_idle()
    qtbot.wait(50)


def test_no_full_id_number_in_any_page_a_volunteer_sees(qtbot, window, demo_dir):
    ids = full_ids(demo_dir)
    assert len(ids) > 100
    ops = window._ops
    for key in PAGES:
        window.show_page(key)
        settle(qtbot, window)
        assert_no_full_id(widget_texts(window), ids, key)

    # households with ID numbers on record: the detail page and the person dialog
    rows = call(
        qtbot,
        ops,
        lambda s: s.db.execute(
            "SELECT DISTINCT household_id FROM person WHERE citizen_id IS NOT NULL LIMIT 4"
        ).fetchall(),
    )
    for (hid,) in rows:
        window.open_household(hid)
        qtbot.waitUntil(lambda h=hid: window.household_detail.household_id == h)
        qtbot.waitUntil(lambda h=hid: (window.household_detail._household or {}).get("id") == h)
        detail = window.household_detail
        assert any("*" in t for t in model_texts(detail.members))
        assert_no_full_id(widget_texts(window), ids, f"household {hid}")
        for person in detail._household["members"]:
            dialog = PersonDialog(ops, hid, person, window)
            qtbot.addWidget(dialog)
            dialog.show()
            assert_no_full_id(widget_texts(dialog), ids, "person dialog")
            dialog.close()
        window.back_from_household()

    # search results, searched by the last digits of a real number
    some_id = sorted(ids)[0]
    window.show_page("households")
    search = window.household_list.search_edit
    search.setText(some_id[-6:])
    qtbot.wait(400)
    settle(qtbot, window)
    assert_no_full_id(widget_texts(window), ids, "search results")


def test_a_volunteer_cannot_reveal_and_the_store_masks(qtbot, window, demo_dir):
    from desktop_app.core.errors import PermissionDenied

    ops = window._ops
    pid, hid = call(
        qtbot,
        ops,
        lambda s: s.db.execute(
            "SELECT id, household_id FROM person WHERE citizen_id IS NOT NULL LIMIT 1"
        ).fetchone(),
    )
    with pytest.raises(PermissionDenied):
        call(qtbot, ops, lambda s: s.reveal_citizen_id(pid))
    person = call(qtbot, ops, lambda s: s.person(pid))
    assert "*" in person["citizen_id"]
    members = call(qtbot, ops, lambda s: s.household(hid))["members"]
    assert all("*" in (m.get("citizen_id") or "*") for m in members)
    queue_refused = False
    try:
        call(qtbot, ops, lambda s: s.verification_queue())
    except PermissionDenied:
        queue_refused = True
    assert queue_refused


def test_every_export_a_volunteer_can_run_holds_no_id_number(qtbot, demo_dir, tmp_path):
    ids = full_ids(demo_dir)
    store = Store.open(demo_dir, "volunteer", PASSWORD)
    try:
        first, last = store.db.execute("SELECT min(period), max(period) FROM payment").fetchone()
        report = build_report(store, first, last, None, "vi")
    finally:
        store.close()
    text = json.dumps(report_to_json(report, include_rows=True), ensure_ascii=False)
    assert_no_full_id([text, repr(report)], ids, "report json")  # the pdf is drawn from it
    xlsx = export_xlsx(report, tmp_path / "r.xlsx")
    cells = [
        str(c.value)
        for sheet in load_workbook(xlsx).worksheets
        for row in sheet.iter_rows()
        for c in row
        if c.value is not None
    ]
    assert_no_full_id(cells, ids, "report xlsx")
    pdf = export_pdf(report, tmp_path / "r.pdf")
    assert pdf.stat().st_size > 1000


def test_a_team_lead_sees_masked_numbers_in_the_person_dialog_and_saving_keeps_them(
    qtbot, demo_dir
):
    ops = Ops()
    install_thread_guard()
    try:
        call(qtbot, ops, lambda _s: setattr(ops, "store", Store.open(demo_dir, "lead", PASSWORD)))
        pid, hid, full = call(
            qtbot,
            ops,
            lambda s: s.db.execute(
                "SELECT id, household_id, citizen_id FROM person WHERE citizen_id IS NOT NULL"
                " AND relationship != 'chu_ho' LIMIT 1"
            ).fetchone(),
        )
        person = call(qtbot, ops, lambda s: s.person(pid))
        dialog = PersonDialog(ops, hid, person)
        qtbot.addWidget(dialog)
        assert dialog.fields.citizen_id.text() != full and "*" in dialog.fields.citizen_id.text()
        dialog.fields.notes.setPlainText("Đã kiểm tra lại")
        with qtbot.waitSignal(dialog.saved, timeout=15000):
            dialog.save_button.click()
        assert (
            call(
                qtbot,
                ops,
                lambda s: s.db.execute(
                    "SELECT citizen_id FROM person WHERE id = ?", (pid,)
                ).fetchone()[0],
            )
            == full
        )
    finally:
        with contextlib.suppress(RuntimeError):
            ops.shutdown()
        store_guard.thread_guard = None


def test_nothing_left_open_shows_a_number_after_a_switch(qtbot, demo_dir):
    """A number revealed by a team lead is masked again when a volunteer logs in."""
    ops = Ops()
    install_thread_guard()
    try:
        session = call(qtbot, ops, lambda _s: open_and_assign(ops, demo_dir, "lead", PASSWORD))
        win = MainWindow(ops, session, Prefs.load(demo_dir), demo_dir)
        qtbot.addWidget(win)
        win.show()
        win.activate()
        pid, hid, full = call(
            qtbot,
            ops,
            lambda s: s.db.execute(
                "SELECT id, household_id, citizen_id FROM person WHERE citizen_id IS NOT NULL"
                " LIMIT 1"
            ).fetchone(),
        )
        win.open_household(hid)
        qtbot.waitUntil(lambda: (win.household_detail._household or {}).get("id") == hid)
        win.household_detail.reveal(pid)
        qtbot.waitUntil(lambda: any(full in t for t in model_texts(win.household_detail.members)))
        win.switch_user()
        dialog = win._lock_dialog
        dialog.form.username.setText("volunteer")
        dialog.form.password.setText(PASSWORD)
        with qtbot.waitSignal(win.session_changed, timeout=15000):
            dialog.form.submit()
        settle(qtbot, win)
        qtbot.waitUntil(lambda: not any(full in t for t in widget_texts(win)))
        win.shutdown()
    finally:
        with contextlib.suppress(RuntimeError):
            ops.shutdown()
        store_guard.thread_guard = None
        QApplication.processEvents()


def test_one_persons_search_is_not_shown_to_the_next(qtbot, demo_dir):
    """A volunteer's search stays theirs: the officer who logs in next sees the whole list, and
    the volunteer finds their search again when they come back (issue 17 tryout)."""
    ops = Ops()
    install_thread_guard()
    try:
        session = call(qtbot, ops, lambda _s: open_and_assign(ops, demo_dir, "volunteer", PASSWORD))
        win = MainWindow(ops, session, Prefs.load(demo_dir), demo_dir)
        qtbot.addWidget(win)
        win.show()
        win.activate()
        listing = win.household_list
        listing.search_edit.setText("thu")
        qtbot.waitUntil(lambda: listing.model.query == "thu" and not listing.model.busy)

        def switch_to(username):
            win.switch_user()
            dialog = win._lock_dialog
            dialog.form.username.setText(username)
            dialog.form.password.setText(PASSWORD)
            with qtbot.waitSignal(win.session_changed, timeout=15000):
                dialog.form.submit()
            settle(qtbot, win)

        switch_to("officer")
        qtbot.waitUntil(lambda: listing.model.query == "" and not listing.model.busy)
        assert listing.search_edit.text() == ""
        assert not listing.model.searching
        switch_to("volunteer")
        qtbot.waitUntil(lambda: listing.model.query == "thu" and not listing.model.busy)
        assert listing.search_edit.text() == "thu"
        win.shutdown()
    finally:
        with contextlib.suppress(RuntimeError):
            ops.shutdown()
        store_guard.thread_guard = None
        QApplication.processEvents()
