"""Lock Tận Tay when the computer's session locks or the machine goes to sleep, and keep each
person's open forms to themselves on a shared laptop.

Where the signals come from:
- Qt: ``QGuiApplication.applicationStateChanged``. ``Suspended`` (mobile-style platforms) locks at
  once; ``Inactive``/``Hidden`` for longer than the idle limit locks too (on Windows and macOS a
  locked screen makes the app inactive).
- Linux, through QtDBus (part of PySide6-Essentials): logind's ``PrepareForSleep(true)`` on the
  system bus (lid closed, suspend), logind's ``Lock`` for our session (``loginctl lock-session``,
  the desktop's lock shortcut), and the ``ActiveChanged(true)`` screensaver signal of the
  freedesktop and GNOME screensavers on the session bus.
Limitations: without a D-Bus (Windows, macOS, minimal Linux) only the Qt signal and the idle timer
apply, so a laptop put to sleep there locks at the idle limit, not at once. Signals are accepted
from any sender: the worst a forged one can do is lock the app.
"""

from __future__ import annotations

import contextlib
import logging
import os

from desktop_app.ui.qt import (
    SLOT,
    QApplication,
    QDialog,
    QGuiApplication,
    QObject,
    Qt,
    QtDBus,
    QTimer,
    QWidget,
    Signal,
    Slot,
)

log = logging.getLogger(__name__)

LOGIN1 = "org.freedesktop.login1"
LOGIN1_PATH = "/org/freedesktop/login1"
SCREENSAVERS = (
    ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)


def logind_session_path(session_id: str | None) -> str | None:
    """The logind object path of a session id (systemd's bus path escaping), or None."""
    if not session_id:
        return None
    escaped = "".join(
        ch
        if (ch.isascii() and ch.isalnum() and not (i == 0 and ch.isdigit()))
        else f"_{ord(ch):02x}"
        for i, ch in enumerate(session_id)
    )
    return f"{LOGIN1_PATH}/session/{escaped}"


class SessionLockWatcher(QObject):
    """Emits ``lock_requested(reason)`` when the session locks or the machine goes to sleep."""

    lock_requested = Signal(str)

    def __init__(self, inactive_minutes: float = 10, parent: QObject | None = None):
        super().__init__(parent)
        self._inactive = QTimer(self)
        self._inactive.setSingleShot(True)
        self._inactive.timeout.connect(lambda: self.lock_requested.emit("inactive"))
        self.set_inactive_minutes(inactive_minutes)
        self.dbus_signals: list[str] = []
        app = QGuiApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._state_changed)
        if QtDBus is None:
            log.info("QtDBus is not available: no lock on sleep or session lock")
            return
        self.watch_bus(QtDBus.QDBusConnection.systemBus(), system=True)
        self.watch_bus(QtDBus.QDBusConnection.sessionBus(), system=False)

    def set_inactive_minutes(self, minutes: float) -> None:
        """How long the app may stay inactive (another window in front) before it locks."""
        self._inactive.setInterval(int(max(minutes, 0.001) * 60_000))

    def watch_bus(self, bus, *, system: bool) -> int:
        """Listen for sleep and lock signals on a D-Bus connection; returns how many hooked."""
        if QtDBus is None or bus is None or not bus.isConnected():
            return 0
        wanted = []
        if system:
            wanted.append(
                (LOGIN1_PATH, f"{LOGIN1}.Manager", "PrepareForSleep", "_prepare_for_sleep(bool)")
            )
            path = logind_session_path(os.environ.get("XDG_SESSION_ID"))
            if path:
                wanted.append((path, f"{LOGIN1}.Session", "Lock", "_session_locked()"))
        else:
            wanted += [
                (path, iface, "ActiveChanged", "_screensaver_changed(bool)")
                for path, iface in SCREENSAVERS
            ]
        hooked = 0
        for path, iface, name, slot in wanted:
            try:
                # PySide6 takes the slot as the SLOT() text (its hint says bytes; those fail)
                ok = bus.connect("", path, iface, name, self, SLOT(slot))
            except (TypeError, ValueError):  # a binding that wants it otherwise: never fail
                log.warning("could not listen to %s.%s", iface, name, exc_info=True)
                ok = False
            if ok:
                self.dbus_signals.append(f"{iface}.{name}")
                hooked += 1
            else:
                log.info("could not listen to %s.%s", iface, name)
        return hooked

    def _state_changed(self, state) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self._inactive.stop()
            self.lock_requested.emit("suspended")
        elif state in (
            Qt.ApplicationState.ApplicationInactive,
            Qt.ApplicationState.ApplicationHidden,
        ):
            if not self._inactive.isActive():
                self._inactive.start()
        else:
            self._inactive.stop()

    @Slot(bool)
    def _prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if going_to_sleep:
            self.lock_requested.emit("sleep")

    @Slot()
    def _session_locked(self) -> None:
        self.lock_requested.emit("session_lock")

    @Slot(bool)
    def _screensaver_changed(self, active: bool) -> None:
        if active:
            self.lock_requested.emit("screensaver")

    def stop(self) -> None:
        """Stop listening (the window closes)."""
        self._inactive.stop()
        app = QGuiApplication.instance()
        if app is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                app.applicationStateChanged.disconnect(self._state_changed)


class UserWindows:
    """On a shared laptop, each person's open dialogs (an unsaved visit form…) are theirs.

    When another person logs in through the lock screen, the dialogs open until then are hidden
    (not closed: their content stays), so the newcomer neither sees nor saves them under their
    own name; when the first person logs in again, their dialogs come back as they were.
    """

    def __init__(self) -> None:
        self._parked: dict[str, list[QWidget]] = {}

    def switch(self, old_user: str, new_user: str, keep: tuple[QWidget, ...] = ()) -> None:
        """Hide ``old_user``'s open dialogs; show ``new_user``'s parked ones again."""
        mine = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and w not in keep
        ]
        for w in mine:
            w.hide()
        if mine:
            self._parked.setdefault(old_user, []).extend(mine)
        for w in self._parked.pop(new_user, []):
            try:
                w.show()
                w.raise_()
            except RuntimeError:  # deleted meanwhile
                continue

    def parked(self, username: str) -> list[QWidget]:
        """The dialogs kept hidden for ``username``."""
        return list(self._parked.get(username, []))
