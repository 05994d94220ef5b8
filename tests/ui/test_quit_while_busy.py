"""Quitting while the worker runs a job: "Finishing…" on the screen, reads nobody will see are
dropped, the save runs to its end and is in the database afterwards (issue 17)."""

from __future__ import annotations

import contextlib
import threading

import pytest
from ui_support import call

from desktop_app.store.store import Store
from desktop_app.ui import i18n
from desktop_app.ui.login import open_and_assign
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.ops import Ops
from desktop_app.ui.prefs import Prefs
from desktop_app.ui.qt import QApplication, QProgressDialog

DEMO_PASSWORD = "demo1234"
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def ops(qtbot):
    worker = Ops()
    yield worker
    with contextlib.suppress(RuntimeError):
        worker.shutdown()


def _wait(qtbot, ops: Ops, fn):
    """Run ``fn(store)`` on the worker and return its result (ui_support.call)."""
    return call(qtbot, ops, fn, timeout=20_000)


def test_quit_during_a_save_says_finishing_and_keeps_the_save(qtbot, ops, demo_dir, request):
    i18n.install("vi")
    session = _wait(
        qtbot, ops, lambda _s: open_and_assign(ops, demo_dir, "volunteer", DEMO_PASSWORD)
    )
    window = MainWindow(ops, session, Prefs.load(demo_dir), demo_dir)
    qtbot.addWidget(window)
    request.addfinalizer(window.shutdown)  # its sync thread stops even when an assert fails
    window.show()
    window.activate()
    qtbot.waitUntil(lambda: not ops.working, timeout=20_000)
    hid = _wait(qtbot, ops, lambda s: s.households_page(None, limit=1))[0]["id"]

    gate = threading.Event()
    saved: list[str] = []  # the save's answer, delivered on the GUI thread
    reads_run: list[int] = []

    def slow_save(store):
        gate.wait(20)  # a save on a slow disk
        store.record_visit(hid, {"purposes": ["routine"], "notes": "lưu lúc tắt máy"})
        return "saved"

    ops.run(
        slow_save, lambda visit: saved.append(visit["id"] if isinstance(visit, dict) else visit)
    )
    for n in range(3):  # refreshes queued behind it: read-only (keyed)
        ops.run(lambda _s, n=n: reads_run.append(n), key=f"refresh-{n}")

    try:
        window.close()  # returns at once: the GUI does not freeze on the worker
        notice = window.findChild(QProgressDialog, "finishingNotice")
        assert notice is not None and notice.isVisible()
        assert "Đang lưu" in notice.labelText()
        assert window.isVisible()  # not closed under the running save
        QApplication.processEvents()
        assert window.isVisible()
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert saved, "the save's answer arrived before the window closed"
    assert reads_run == []  # queued reads were dropped, not run
    assert window.findChild(QProgressDialog, "finishingNotice") is None  # gone with the window
    # the visit is in the database after the quit
    ops.shutdown()
    store = Store.open(demo_dir, "volunteer", DEMO_PASSWORD)
    try:
        notes = [v.get("notes") for v in store.household(hid)["visits"]]
    finally:
        store.close()
    assert "lưu lúc tắt máy" in notes
