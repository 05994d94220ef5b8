"""The visit form: keyboard-first recording, drafts that survive a crash, Ctrl+S and Esc."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from ui_support import PASSWORD, call  # noqa: E402,F401

from desktop_app.ui.drafts import draft_key
from desktop_app.ui.qt import QApplication, QDateTime, QMessageBox, Qt
from desktop_app.ui.visit_form import VisitForm

# The offscreen platform cannot pass window size hints on; harmless, and only in tests.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _household(qtbot, ops):
    hid = call(qtbot, ops, lambda s: s.households_page(None, 5))[4]["id"]
    return call(qtbot, ops, lambda s: s.household(hid))


def _form(qtbot, ops, hid) -> VisitForm:
    form = VisitForm(ops, hid)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form._loaded, timeout=15000)
    return form


def _draft(qtbot, ops, hid) -> str:
    return call(qtbot, ops, lambda s: s.settings.get(draft_key(hid)) or "")


def test_record_a_visit_with_follow_up_and_help_saved_with_ctrl_s(qtbot, make_ops):
    ops = make_ops()
    h = _household(qtbot, ops)
    head = h["head_person_id"]
    form = _form(qtbot, ops, h["id"])
    assert form.present.item(0).data(Qt.ItemDataRole.UserRole) == head
    assert form.present.item(0).checkState() == Qt.CheckState.Checked
    assert form.outcome.currentData() == "met"
    form.purpose_boxes["payment_check"].setChecked(True)
    form.purpose_boxes["assistance"].setChecked(True)
    form.outcome.setCurrentIndex(form.outcome.findData("met"))
    form.notes.setFocus()
    qtbot.keyClicks(form.notes, "PIN ")  # QTest types ASCII only; an input method types the rest
    form.notes.insertPlainText("cụ quên; đã hẹn ra ngân hàng.")
    form.set_follow_up("3d")
    row = form.add_assistance_row()
    row.kind.setCurrentIndex(row.kind.findData("reset_pin"))
    row.due.set_value(date.today() + timedelta(days=3))
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=5000)
    with qtbot.waitSignal(form.saved, timeout=15000) as saved:
        qtbot.keyClick(form.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    vid = saved.args[0]
    assert not form.isVisible()
    after = call(qtbot, ops, lambda s: s.household(h["id"]))
    visit = next(v for v in after["visits"] if v["id"] == vid)
    assert visit["notes"] == "PIN cụ quên; đã hẹn ra ngân hàng."
    assert visit["purposes"] == ["payment_check", "assistance"]
    assert visit["persons_present"] == [head]
    assert visit["follow_up_on"] == (date.today() + timedelta(days=3)).isoformat()
    assert visit["visitor"] == "volunteer"
    items = [a for a in after["assistance"] if a["visit_id"] == vid]
    assert len(items) == 1 and items[0]["kind"] == "reset_pin" and items[0]["person_id"] == head
    assert items[0]["status"] == "open"
    assert _draft(qtbot, ops, h["id"]) == ""


def test_the_draft_survives_destroying_the_form(qtbot, make_ops):
    ops = make_ops()
    h = _household(qtbot, ops)
    form = VisitForm(ops, h["id"])  # not given to qtbot: this test destroys it itself
    form.show()
    qtbot.waitUntil(lambda: form._loaded, timeout=15000)
    assert not form.draft_banner.isVisible()
    form.notes.setPlainText("Cụ bà sống một mình, nghe kém")
    form.purpose_boxes["routine"].setChecked(True)
    form.set_follow_up("1w")
    form.autosaver.flush()  # the debounce would do this within a second
    qtbot.waitUntil(lambda: "nghe kém" in _draft(qtbot, ops, h["id"]), timeout=15000)
    # The laptop crashes: the form goes away without Cancel or Save.
    with qtbot.waitSignal(form.destroyed, timeout=5000):
        form.deleteLater()
    form = None  # drop the last reference to the destroyed form

    again = _form(qtbot, ops, h["id"])
    assert again.restored_draft and again.draft_banner.isVisible()
    assert again.notes.toPlainText() == "Cụ bà sống một mình, nghe kém"
    assert again.purpose_boxes["routine"].isChecked()
    assert again.follow_up.value() == date.today() + timedelta(days=7)
    # The draft is not readable in the database file: it sits in the encrypted settings table.
    path = ops.store.path
    for f in (path, path.with_name(path.name + "-wal")):
        if f.exists():
            assert "nghe kém".encode() not in f.read_bytes()
    with qtbot.waitSignal(again.saved, timeout=15000):
        again.save()
    assert _draft(qtbot, ops, h["id"]) == ""
    third = _form(qtbot, ops, h["id"])
    assert not third.restored_draft and third.notes.toPlainText() == ""


def test_esc_asks_before_discarding_and_discard_deletes_the_draft(qtbot, make_ops):
    ops = make_ops()
    h = _household(qtbot, ops)
    form = _form(qtbot, ops, h["id"])
    qtbot.keyClicks(form.notes, "ghi chu")
    form.autosaver.flush()
    qtbot.waitUntil(lambda: bool(_draft(qtbot, ops, h["id"])), timeout=15000)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: form._confirm is not None and form._confirm.isVisible(), timeout=5000)
    assert form.isVisible()
    # "Keep editing" keeps the form.
    keep = next(b for b in form._confirm.buttons() if b is not form.discard_button)
    keep.click()
    assert form.isVisible()
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: form._confirm.isVisible(), timeout=5000)
    form.discard_button.click()
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: _draft(qtbot, ops, h["id"]) == "", timeout=15000)
    count = len(call(qtbot, ops, lambda s: s.household(h["id"]))["visits"])
    assert count == len(h["visits"])


def test_esc_on_an_untouched_form_closes_at_once(qtbot, make_ops):
    ops = make_ops()
    h = _household(qtbot, ops)
    form = _form(qtbot, ops, h["id"])
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible() and form._confirm is None
    assert not form.findChildren(QMessageBox)


def test_a_visit_in_the_future_is_refused_beside_the_time(qtbot, make_ops):
    ops = make_ops()
    h = _household(qtbot, ops)
    form = _form(qtbot, ops, h["id"])
    form.when.setDateTime(QDateTime.currentDateTime().addDays(2))
    form.save()
    qtbot.waitUntil(form.when_error.isVisible, timeout=15000)
    assert "tương lai" in form.when_error.text()
    assert form.isVisible()
    count = len(call(qtbot, ops, lambda s: s.household(h["id"]))["visits"])
    assert count == len(h["visits"])
    QApplication.processEvents()
