"""Lock Tận Tay when the computer's session locks or the machine goes to sleep, keep Lock and
Switch user reachable whatever dialog is open (``DialogGate``), and keep each person's open forms
to themselves on a shared laptop (``UserWindows``).

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
    QEvent,
    QGuiApplication,
    QKeyEvent,
    QObject,
    Qt,
    QtDBus,
    QTimer,
    QToolTip,
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


# A widget with this property set to True stays usable while a dialog is open (the header's
# "Lock" and "Switch user" buttons); the lock screen sets it on itself.
REACHABLE = "tantayReachable"
_WAS_MODAL = "tantayModal"  # the modality a dialog asked for (it is emulated by DialogGate)
_RAN_EXEC = "tantayExec"  # shown by exec() or a static QMessageBox/QFileDialog function

_BLOCKED_INPUT = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.ContextMenu,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.Drop,
    }
)
_WATCHED = _BLOCKED_INPUT | {
    QEvent.Type.Polish,
    QEvent.Type.Show,
    QEvent.Type.Hide,
    QEvent.Type.WindowActivate,
}


def _alive(widget) -> bool:
    try:
        widget.isVisible()
    except RuntimeError:  # the C++ object is gone
        return False
    return True


def is_lock_key(event) -> bool:
    """Ctrl+L (the app's lock key), whatever else has the focus."""
    if not isinstance(event, QKeyEvent) or event.key() != Qt.Key.Key_L:
        return False
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return mods == Qt.KeyboardModifier.ControlModifier


class DialogGate(QObject):
    """Keeps "Lock" and "Switch user" usable whatever dialog is open.

    Qt's own modality drops every click on the window under a modal dialog before any event
    filter sees it, so the header's lock button could not be clicked while the visit form was
    open (issue 19). The gate lets every dialog open as Qt-non-modal and does the blocking itself:
    input to a window under the topmost dialog is swallowed (a click there brings the dialog back
    to the front), except for widgets marked ``REACHABLE``. Ctrl+L locks from any window.
    Dialogs keep their ``open()``/``exec()`` behaviour, including the nested loop of ``exec()``.
    """

    changed = Signal()  # a dialog opened or closed

    def __init__(self, on_lock_key, is_locked, parent: QObject | None = None):
        super().__init__(parent)
        self._on_lock_key = on_lock_key
        self._is_locked = is_locked
        self._stack: list[QWidget] = []
        self._stopped = False
        QApplication.instance().installEventFilter(self)

    def stop(self) -> None:
        """Stop gating (the main window closes); dialogs still open keep what they asked for."""
        self._stopped = True
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._stack.clear()

    def dialogs(self) -> list[QWidget]:
        """The dialogs open, bottom to top."""
        self._stack = [w for w in self._stack if _alive(w) and w.isVisible()]
        return list(self._stack)

    def top(self) -> QWidget | None:
        """The dialog that takes input now, if any."""
        stack = self.dialogs()
        return stack[-1] if stack else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Track dialogs as they show and hide; swallow input below the topmost one."""
        kind = event.type()
        if kind not in _WATCHED or self._stopped or not isinstance(watched, QWidget):
            return False
        try:
            if kind == QEvent.Type.Polish:
                # first show: open()/exec() set the modality already and nothing is mapped yet
                # (changing it later, in the Show event, hides a QMessageBox again)
                if watched.isWindow():
                    self._unmodal(watched)
                return False
            if kind == QEvent.Type.Show:
                if watched.isWindow():
                    self._shown(watched)
                return False
            if kind == QEvent.Type.Hide:
                if watched in self._stack:
                    self._stack.remove(watched)
                    self.changed.emit()
                return False
            if kind == QEvent.Type.WindowActivate:
                if self._blocked(watched):
                    QTimer.singleShot(0, self._bring_top_forward)
                return False
            if kind == QEvent.Type.KeyPress and is_lock_key(event):
                # Ctrl+L: no shortcut of the active window took it, so lock from here
                if not self._is_locked():
                    self._on_lock_key()
                    return True
                return False
            if not self._blocked(watched):
                return False
            if kind == QEvent.Type.ShortcutOverride:
                if is_lock_key(event):
                    return False  # the lock shortcut works from the window underneath too
                event.accept()  # "a plain key for the widget": no shortcut of that window fires
                return True
            if kind == QEvent.Type.MouseButtonPress:
                self._bring_top_forward()
            return True
        except RuntimeError:  # a widget deleted while its event was on the way
            return False

    @staticmethod
    def _unmodal(window: QWidget) -> None:
        """Let Qt show ``window`` non-modal; the gate blocks what it would have blocked."""
        kind = window.windowType()
        if kind in (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen):
            return
        if window.property(REACHABLE):  # the lock screen keeps its own (application) modality
            return
        modality = window.windowModality()
        if modality != Qt.WindowModality.NonModal:
            # exec() and the static QMessageBox/QFileDialog functions ask for ApplicationModal
            window.setProperty(_WAS_MODAL, True)
            window.setProperty(_RAN_EXEC, modality == Qt.WindowModality.ApplicationModal)
            window.setWindowModality(Qt.WindowModality.NonModal)

    def _shown(self, window: QWidget) -> None:
        if window.property(REACHABLE):
            return
        if window.windowModality() != Qt.WindowModality.NonModal:
            self._unmodal(window)  # opened again: open() or exec() set the modality again
        if window.property(_WAS_MODAL) and window not in self._stack:
            self._stack.append(window)
            self.changed.emit()

    def _blocked(self, widget: QWidget) -> bool:
        """True when input to ``widget`` must wait for the topmost dialog."""
        top = self.top()
        if top is None:
            return False
        if widget.window().property(REACHABLE):
            return False
        # A popup (a completer's list, a menu) has Qt's grab: input goes to it and it closes
        # itself. Some have no parent (the file chooser's path suggestions), so the walk below
        # would not find the dialog and would swallow every key: the app looked frozen.
        if QApplication.activePopupWidget() is not None or widget.window().windowType() in (
            Qt.WindowType.Popup,
            Qt.WindowType.ToolTip,
        ):
            return False
        # the dialog itself and what it opened (a drop-down, a calendar, a question over it)
        # take input; so do the widgets marked reachable
        w, in_window = widget, True
        while w is not None:
            if w is top or (in_window and w.property(REACHABLE)):
                return False
            if w.isWindow():
                in_window = False
            w = w.parentWidget()
        return True

    def bring_forward(self) -> None:
        """Raise and activate the topmost dialog (a click on a window under it)."""
        self._bring_top_forward()

    def _bring_top_forward(self) -> None:
        if self._is_locked():
            return
        top = self.top()
        if top is not None:
            top.raise_()
            top.activateWindow()


def ran_exec(window: QWidget) -> bool:
    """True for a dialog shown by ``exec()`` (hiding it would end its loop as a cancel)."""
    return bool(window.property(_RAN_EXEC))


class UserWindows:
    """On a shared laptop, each person's open windows (an unsaved visit form…) are theirs.

    The lock hides every window but the main one (so nothing of a form shows, not even in a
    screenshot of the whole screen); unlocking as the same person shows them again. When another
    person logs in, the windows stay hidden — kept with their content, parked under their owner —
    so the newcomer neither sees nor saves them; when the owner logs in again they come back as
    they were. Forms that keep drafts (the visit form) wrote theirs to the encrypted database
    when they were hidden. A dialog run by ``exec()`` (a question, a file chooser) cannot be
    hidden without answering it: it stays mapped under a cover while locked, and is cancelled
    when another person logs in.
    """

    def __init__(self) -> None:
        self._parked: dict[str, list[QWidget]] = {}
        self._hidden: list[QWidget] = []
        self._covered_exec: list[QWidget] = []

    def hide_for_lock(
        self, keep: tuple[QWidget, ...], stacking: list[QWidget] | tuple = ()
    ) -> list[QWidget]:
        """Hide every visible top-level window except ``keep``; returns the ``exec()`` dialogs
        left mapped (to be covered). ``stacking``: the dialogs open, bottom to top (they come
        back in that order, the topmost last and active)."""
        popup = QApplication.activePopupWidget()
        while popup is not None:  # an open drop-down, menu or calendar
            popup.close()
            nxt = QApplication.activePopupWidget()
            popup = None if nxt is popup else nxt
        QToolTip.hideText()
        left = []
        rank = {id(w): i for i, w in enumerate(stacking)}
        windows = sorted(QApplication.topLevelWidgets(), key=lambda w: rank.get(id(w), -1))
        for w in windows:
            if not w.isVisible() or w in keep or w.windowType() == Qt.WindowType.ToolTip:
                continue
            if ran_exec(w):
                left.append(w)
                continue
            w.hide()
            self._hidden.append(w)
        self._covered_exec = left
        return left

    def unlock(self, old_user: str, new_user: str) -> None:
        """Show the windows hidden by the lock again, or park them when another person came."""
        hidden, self._hidden = self._hidden, []
        exec_dialogs, self._covered_exec = self._covered_exec, []
        if old_user == new_user:
            self._show(hidden)
            return
        if hidden:
            self._parked.setdefault(old_user, []).extend(hidden)
        for w in exec_dialogs:  # a question or file chooser of the other person: cancelled
            if _alive(w):
                w.hide()
        self._show(self._parked.pop(new_user, []))

    @staticmethod
    def _show(windows: list[QWidget]) -> None:
        for w in windows:
            if not _alive(w):
                continue
            w.show()
            w.raise_()
        if windows and _alive(windows[-1]):
            windows[-1].activateWindow()

    def parked(self, username: str) -> list[QWidget]:
        """The windows kept hidden for ``username`` (still open)."""
        kept = [w for w in self._parked.get(username, []) if _alive(w)]
        if username in self._parked:
            self._parked[username] = kept
        return list(kept)

    def owners(self) -> list[str]:
        """The users who have windows parked."""
        return [u for u in list(self._parked) if self.parked(u)]

    def hidden_by_lock(self) -> list[QWidget]:
        """The windows the current lock hid."""
        return [w for w in self._hidden if _alive(w)]
