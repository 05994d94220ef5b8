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
