"""Locking when the session locks or the machine sleeps (session_lock.py), over a private D-Bus."""

from __future__ import annotations

import contextlib
import shutil
import subprocess

import pytest

from desktop_app.ui.qt import Qt, QtDBus
from desktop_app.ui.session_lock import SessionLockWatcher, logind_session_path

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_logind_session_paths_are_escaped_like_systemd():
    assert logind_session_path("3") == "/org/freedesktop/login1/session/_33"
    assert logind_session_path("c2") == "/org/freedesktop/login1/session/c2"
    assert logind_session_path("") is None


def test_sleep_session_lock_and_a_suspended_app_request_a_lock(qtbot):
    watcher = SessionLockWatcher(inactive_minutes=0.002)
    reasons: list[str] = []
    watcher.lock_requested.connect(reasons.append)
    watcher._prepare_for_sleep(False)  # waking up: nothing to do
    watcher._prepare_for_sleep(True)
    watcher._session_locked()
    watcher._screensaver_changed(True)
    watcher._state_changed(Qt.ApplicationState.ApplicationSuspended)
    assert reasons == ["sleep", "session_lock", "screensaver", "suspended"]
    watcher._state_changed(Qt.ApplicationState.ApplicationInactive)
    qtbot.waitUntil(lambda: reasons[-1] == "inactive", timeout=2000)
    reasons.clear()
    watcher._state_changed(Qt.ApplicationState.ApplicationInactive)
    watcher._state_changed(Qt.ApplicationState.ApplicationActive)  # back in time: no lock
    qtbot.wait(300)
    assert reasons == []
    watcher.stop()


@pytest.fixture
def private_bus():
    """A private D-Bus daemon and its address (skipped where there is none)."""
    exe = shutil.which("dbus-daemon")
    if QtDBus is None or exe is None or shutil.which("dbus-send") is None:
        pytest.skip("no D-Bus here")
    proc = subprocess.Popen(
        [exe, "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    address = proc.stdout.readline().strip()
    yield address
    proc.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(5)


def _send(address: str, path: str, member: str, *args: str) -> None:
    subprocess.run(
        ["dbus-send", f"--bus={address}", "--type=signal", path, member, *args], check=True
    )


def test_logind_and_screensaver_signals_over_d_bus_lock(qtbot, private_bus):
    bus = QtDBus.QDBusConnection.connectToBus(private_bus, "tantay-test")
    assert bus.isConnected()
    watcher = SessionLockWatcher(inactive_minutes=10)
    assert watcher.watch_bus(bus, system=True) >= 1
    assert watcher.watch_bus(bus, system=False) == 2
    with qtbot.waitSignal(watcher.lock_requested, timeout=5000) as blocker:
        _send(
            private_bus,
            "/org/freedesktop/login1",
            "org.freedesktop.login1.Manager.PrepareForSleep",
            "boolean:true",
        )
    assert blocker.args == ["sleep"]
    with qtbot.waitSignal(watcher.lock_requested, timeout=5000) as blocker:
        _send(
            private_bus,
            "/org/gnome/ScreenSaver",
            "org.gnome.ScreenSaver.ActiveChanged",
            "boolean:true",
        )
    assert blocker.args == ["screensaver"]
    watcher.stop()
    QtDBus.QDBusConnection.disconnectFromBus("tantay-test")


# --- Lock and Switch user whatever dialog is open (issue 19) ---------------------------------------


def test_the_gate_keeps_lock_reachable_and_everything_else_behind_the_dialog(qtbot):
    from desktop_app.ui.qt import (
        QDialog,
        QLineEdit,
        QMainWindow,
        QMessageBox,
        QPushButton,
        QVBoxLayout,
        QWidget,
    )
    from desktop_app.ui.session_lock import REACHABLE, DialogGate

    window = QMainWindow()
    qtbot.addWidget(window)
    central = QLineEdit()
    lock_button = QPushButton("Khoá máy")
    lock_button.setProperty(REACHABLE, True)
    other = QPushButton("Trang khác")
    body = QWidget()
    window.setCentralWidget(body)
    lay = QVBoxLayout(body)
    for w in (central, lock_button, other):
        lay.addWidget(w)
    window.show()
    locks: list[str] = []
    gate = DialogGate(lambda: locks.append("lock"), lambda: False, window)
    clicks: list[str] = []
    lock_button.clicked.connect(lambda: clicks.append("lock"))
    other.clicked.connect(lambda: clicks.append("other"))

    form = QDialog(window)
    note = QLineEdit(form)
    form.open()  # window-modal for Qt: the gate takes over
    assert form.windowModality() == Qt.WindowModality.NonModal
    assert gate.top() is form
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(central, "x")
    assert clicks == [] and central.text() == ""  # behind the dialog: nothing reaches it
    qtbot.keyClicks(note, "ghi chu")
    assert note.text() == "ghi chu"  # the dialog itself works
    qtbot.mouseClick(lock_button, Qt.MouseButton.LeftButton)
    assert clicks == ["lock"]  # except Lock
    qtbot.keyClick(note, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert locks == ["lock"]  # and Ctrl+L from inside the dialog

    # a question over the dialog: the dialog waits, the question takes input
    box = QMessageBox(form)
    box.setText("Bỏ phiếu này?")
    box.open()
    assert gate.top() is box and box.isVisible()
    qtbot.keyClicks(note, "!")
    assert note.text() == "ghi chu"
    box.close()
    form.close()
    assert gate.top() is None
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)
    assert clicks == ["lock", "other"]
    gate.stop()


@pytest.mark.parametrize("scale", [100, 150, 175])
def test_the_login_labels_are_drawn_whole_at_every_text_size(qtbot, make_ops, scale):
    """The eleventh tryout's lock screen at 150 % read "Tên đăng nhậ": the "p" draws past its
    advance and the form's label column was exactly the label's size hint."""
    from desktop_app.ui.login import LoginForm
    from desktop_app.ui.qt import QApplication
    from desktop_app.ui.style import apply_style

    apply_style(QApplication.instance(), scale)
    try:
        form = LoginForm(make_ops("volunteer"), lambda u, p: None)
        qtbot.addWidget(form)
        form.resize(300, 200)  # narrow: the label column gets only what the label asks for
        form.show()
        qtbot.wait(50)
        for caption in (form._username_label, form._password_label):
            image = caption.grab().toImage()
            ink = max(
                (
                    x
                    for x in range(image.width())
                    for y in range(image.height())
                    if image.pixelColor(x, y).lightness() < 150
                ),
                default=-1,
            )
            assert 0 < ink < caption.width() - 1, (caption.text(), ink, caption.width())
    finally:
        apply_style(QApplication.instance(), 100)
