"""The app on a real desktop: X server (Xvfb), window manager (openbox), Qt platform ``xcb``.

Run by the desktop job of ``.ci/run``; skipped on any other platform (the rest of the suite runs
offscreen, where windows have no frames, popups are not placed by a window manager and the screen
is whatever size the plugin invents). Here a person's first hour is replayed with the keyboard:
start, log in, every page, a visit recorded, popups (completer, drop-down list, menu), and the
first-run wizard from the first page to the recovery key. Every step leaves a screenshot in
``$TANTAY_TEST_ARTIFACTS`` (the CI job keeps them) or in the test's temporary folder.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from desktop_app.store import guard as store_guard
from desktop_app.store.store import Store, store_exists
from desktop_app.ui import i18n
from desktop_app.ui.app import Shell
from desktop_app.ui.main_window import PAGES
from desktop_app.ui.ops import Ops
from desktop_app.ui.prefs import Prefs
from desktop_app.ui.qt import (
    QApplication,
    QEvent,
    QGuiApplication,
    QKeyEvent,
    QRect,
    Qt,
    QWidget,
)
from desktop_app.ui.screen_fit import install_screen_fitter
from desktop_app.ui.style import apply_style

DEMO_PASSWORD = "demo1234"


@pytest.fixture(autouse=True)
def _app_as_started(qapp):
    """The application as ``run_gui`` sets it up: Vietnamese, the app's style, screen fitting."""
    store_guard.thread_guard = None
    i18n.install("vi")
    apply_style(qapp, 100)
    install_screen_fitter(qapp)
    yield
    store_guard.thread_guard = None


def _screen_shot(path: Path) -> None:
    """The whole X screen, as a person would see it (window frames and popups included)."""
    screen = QGuiApplication.primaryScreen()
    assert screen.grabWindow(0).save(str(path), "PNG"), path


def _type(widget: QWidget, text: str) -> None:
    """Type any text, Vietnamese included (QTest.keyClicks only knows ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _within(inner: QRect, outer: QRect) -> bool:
    return outer.contains(inner.topLeft()) and outer.contains(inner.bottomRight())


def _available() -> QRect:
    return QGuiApplication.primaryScreen().availableGeometry()


def _wait_idle(qtbot, window) -> None:
    qtbot.wait(100)
    qtbot.waitUntil(lambda: window.busy.idle_for() > 0.3, timeout=20_000)


def _focus_widget(qtbot) -> QWidget:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5_000)
    return QApplication.focusWidget()


def test_a_volunteers_first_hour_with_the_keyboard(qtbot, qapp, demo_dir, shots):
    prefs = Prefs.load(demo_dir)
    shell = Shell(qapp, demo_dir, prefs, demo=True, ops=Ops())
    try:
        shell.start()
        login = shell.login
        qtbot.waitExposed(login)
        qtbot.waitUntil(login.isActiveWindow, timeout=5_000)
        assert _within(login.frameGeometry(), _available())
        _screen_shot(shots / "desktop-01-login.png")

        # log in with the keyboard only
        qtbot.keyClicks(login.form.username, "volunteer")
        qtbot.keyClick(login.form.username, Qt.Key.Key_Tab)
        qtbot.keyClicks(_focus_widget(qtbot), DEMO_PASSWORD)
        qtbot.keyClick(_focus_widget(qtbot), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: shell.main_window is not None, timeout=20_000)
        window = shell.main_window
        qtbot.waitExposed(window)
        _wait_idle(qtbot, window)
        qtbot.wait(300)  # the window manager maximises

        # the whole window, status bar included, is on the screen
        assert _within(window.frameGeometry(), _available()), (
            window.frameGeometry(),
            _available(),
        )
        bar = window.statusBar()
        bottom = bar.mapToGlobal(bar.rect().bottomLeft())
        assert bottom.y() <= _available().bottom()
        assert window.pending_label.isVisible()
        _screen_shot(shots / "desktop-02-households.png")

        # every page, by its keyboard shortcut (Ctrl+1 … Ctrl+7)
        for number, key in enumerate(PAGES, start=1):
            qtbot.keyClick(
                window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier
            )
            qtbot.waitUntil(lambda k=key: window.current_page() == k, timeout=5_000)
            _wait_idle(qtbot, window)
            _screen_shot(shots / f"desktop-03-page-{number}-{key}.png")

        # the Help menu opens as a popup on the screen
        window.menuBar().setActiveAction(window.help_menu.menuAction())
        qtbot.waitUntil(lambda: window.help_menu.isVisible(), timeout=5_000)
        assert _within(window.help_menu.geometry(), _available())
        _screen_shot(shots / "desktop-04-help-menu.png")
        qtbot.keyClick(window.help_menu, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not window.help_menu.isVisible(), timeout=5_000)

        # find a household without accents, open it with Enter, record a visit with the keyboard
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        search = window.household_list.search_edit
        qtbot.waitUntil(search.hasFocus, timeout=5_000)
        qtbot.keyClicks(search, "nguyen")
        _wait_idle(qtbot, window)
        qtbot.waitUntil(lambda: window.household_list.model.rowCount() > 0, timeout=10_000)
        qtbot.keyClick(search, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.household_open() is not None, timeout=10_000)
        _wait_idle(qtbot, window)
        hid = window.household_open()
        before = _visits(qtbot, window, hid)
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        detail = window.household_detail
        qtbot.waitUntil(lambda: getattr(detail, "_dialog", None) is not None, timeout=5_000)
        form = detail._dialog
        qtbot.waitUntil(lambda: form.isVisible() and form._loaded, timeout=15_000)
        qtbot.waitExposed(form)
        qtbot.waitUntil(form.isActiveWindow, timeout=5_000)  # the window manager gave it focus
        assert _within(form.frameGeometry(), _available())
        assert form.save_button.isVisible()

        # the outcome's drop-down list: opened with the keyboard, an entry picked with Down+Enter
        form.outcome.setFocus()
        first = form.outcome.currentIndex()
        qtbot.keyClick(form.outcome, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        view = form.outcome.view()
        qtbot.waitUntil(view.isVisible, timeout=5_000)
        assert _within(view.window().geometry(), _available())
        qtbot.wait(200)  # drawn on the screen
        _screen_shot(shots / "desktop-05-visit-dropdown.png")
        qtbot.keyClick(view, Qt.Key.Key_Down)
        qtbot.keyClick(view, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not view.isVisible(), timeout=5_000)
        assert form.outcome.currentIndex() == first + 1

        form.notes.setFocus()
        qtbot.keyClicks(form.notes, "Da huong dan rut tien tai ATM")
        qtbot.wait(200)
        _screen_shot(shots / "desktop-06-visit-form.png")
        with qtbot.waitSignal(form.saved, timeout=15_000):
            qtbot.keyClick(form.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        _wait_idle(qtbot, window)
        assert _visits(qtbot, window, hid) == before + 1
        _screen_shot(shots / "desktop-07-visit-saved.png")

        # F1: the user guide, on the screen
        qtbot.keyClick(window, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: window.help_window is not None, timeout=5_000)
        guide = window.help_window
        qtbot.waitExposed(guide)
        assert _within(guide.frameGeometry(), _available())
        assert "Tận Tay" in guide.browser.toPlainText()
        qtbot.wait(300)
        _screen_shot(shots / "desktop-08-guide.png")
        guide.close()

        # a payment dialog opens over the middle of the window, not in its top-left corner (the
        # sixteenth tryout's screenshot), with its list of barriers from the first one
        box: dict = {}
        window._ops.run(
            lambda s: s.db.execute(
                "SELECT p.household_id FROM benefit b JOIN person p ON p.id = b.person_id"
                " WHERE b.deleted = 0 AND b.status = 'active' LIMIT 1"
            ).fetchone()[0],
            lambda r: box.setdefault("hid", r),
        )
        qtbot.waitUntil(lambda: "hid" in box, timeout=10_000)
        window.open_household(box["hid"])
        panel = window.household_detail.benefits_panel
        qtbot.waitUntil(panel.record_button.isEnabled, timeout=15_000)
        panel.record_button.click()
        qtbot.waitUntil(lambda: getattr(panel, "_dialog", None) is not None, timeout=5_000)
        pay = panel._dialog
        qtbot.waitExposed(pay)
        qtbot.wait(300)  # placed by the window manager
        _screen_shot(shots / "desktop-09-payment.png")
        middle, frame = window.frameGeometry().center(), pay.frameGeometry()
        assert abs(frame.center().x() - middle.x()) < 80 and frame.top() > 0, (frame, middle)
        pay.reject()
    finally:
        shell.shutdown()
        for w in QApplication.topLevelWidgets():
            w.hide()


def _visits(qtbot, window, hid: str) -> int:
    box: dict = {}
    window._ops.run(
        lambda s: len(s.household(hid)["visits"]),
        lambda r: box.setdefault("n", r),
        lambda e: box.setdefault("e", e),
    )
    qtbot.waitUntil(lambda: bool(box), timeout=15_000)
    if "e" in box:
        raise box["e"]
    return box["n"]


def test_the_first_run_wizard_end_to_end(qtbot, qapp, data_dir, fast_kdf, shots):
    from desktop_app.ui.setup_wizard import SetupWizard

    ops = Ops()
    try:
        wizard = SetupWizard(ops, data_dir, Prefs.load(data_dir), kdf=fast_kdf)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        assert _within(wizard.frameGeometry(), _available())
        _screen_shot(shots / "desktop-10-wizard-language.png")
        qtbot.keyClick(wizard, Qt.Key.Key_Return)  # Vietnamese is chosen: Next
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.commune_page, timeout=5_000)

        # the commune: the placeholder's own example finds it; the suggestions show on screen
        page = wizard.commune_page
        edit = page.search
        qtbot.waitUntil(edit.hasFocus, timeout=5_000)
        qtbot.keyClicks(edit, "hoan kiem")
        qtbot.waitUntil(lambda: page.suggestions.isVisible(), timeout=5_000)
        assert page.suggestions.count() >= 1
        assert page.suggestions.item(0).text() == "Phường Hoàn Kiếm"
        assert edit.text() == "hoan kiem"  # nothing replaced what was typed
        _screen_shot(shots / "desktop-11-wizard-commune.png")
        qtbot.keyClick(edit, Qt.Key.Key_Down)
        assert edit.text() == "hoan kiem"
        qtbot.keyClick(_focus_widget(qtbot), Qt.Key.Key_Return)  # picks, does not advance
        assert page.selected_code() == "00070"
        assert wizard.currentPage() is page
        qtbot.keyClick(_focus_widget(qtbot), Qt.Key.Key_Return)  # now Next
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.villages_page, timeout=5_000)

        # villages: Enter adds a village and stays; the next name goes to the same box
        villages = wizard.villages_page
        qtbot.waitUntil(villages.entry.hasFocus, timeout=5_000)
        for name in ("Tổ dân phố số 1 Hàng Bạc", "Tổ dân phố số 4 Hàng Buồm"):
            _type(villages.entry, name)
            qtbot.keyClick(villages.entry, Qt.Key.Key_Return)
            assert wizard.currentPage() is villages
            assert villages.entry.hasFocus()
        assert villages.villages() == ["Tổ dân phố số 1 Hàng Bạc", "Tổ dân phố số 4 Hàng Buồm"]
        qtbot.keyClick(villages.entry, Qt.Key.Key_Return)  # empty box: Enter moves on
        _screen_shot(shots / "desktop-12-wizard-villages-done.png")
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.admin_page, timeout=5_000)

        admin = wizard.admin_page
        qtbot.waitUntil(admin.full_name.hasFocus, timeout=5_000)
        assert admin.full_name.text() == ""  # no village name leaked into the next page
        _type(admin.full_name, "Phạm Quốc Bảo")
        assert admin.username.text() == "baopq"
        admin.password.setFocus()
        qtbot.keyClicks(admin.password, "mat-khau-dai")
        qtbot.keyClicks(admin.again, "mat-khau-dai")
        _screen_shot(shots / "desktop-13-wizard-admin.png")
        qtbot.keyClick(admin.again, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=30_000)
        _screen_shot(shots / "desktop-14-wizard-recovery.png")
        wizard.recovery_page.confirm.setChecked(True)
        wizard.next() if wizard.currentPage() is not wizard.recovery_page else wizard.accept()
        assert store_exists(data_dir)
        store = Store.open(data_dir, "baopq", "mat-khau-dai")
        try:
            names = sorted(v["name"] for v in store.list_villages())
        finally:
            store.close()
        assert names == ["Tổ dân phố số 1 Hàng Bạc", "Tổ dân phố số 4 Hàng Buồm"]
    finally:
        with contextlib.suppress(RuntimeError):
            ops.shutdown()
