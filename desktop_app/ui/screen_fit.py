"""Windows that fit the screen they open on, from 1280×720 up, at any text size.

- The main window opens maximised the first time, and afterwards as the person left it (size or
  maximised, remembered in ``prefs.json``), never larger than the screen's available area (the
  part not taken by task bars and panels).
- Every other window (dialogs, the wizard, the login) is checked when it is shown: one larger than
  the available area is shrunk to it and moved fully onto the screen, so its buttons are never
  below the task bar. ``ScreenFitter`` does this for the whole application with one event filter.
"""

from __future__ import annotations

from desktop_app.ui.prefs import MIN_WINDOW, Prefs
from desktop_app.ui.qt import (
    QApplication,
    QDialog,
    QEvent,
    QGuiApplication,
    QMainWindow,
    QObject,
    QRect,
    QScrollArea,
    QSize,
    QTimer,
    QWidget,
)

# Title bar and borders of a window manager's frame, assumed until the real frame is known.
FRAME_GUESS = QSize(8, 36)


def available_rect(widget: QWidget | None = None) -> QRect:
    """The usable part of the screen ``widget`` is on (or the primary screen)."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)


def frame_extra(window: QWidget) -> QSize:
    """How much the window manager's frame adds to the window's size."""
    frame, inner = window.frameGeometry(), window.geometry()
    extra = QSize(frame.width() - inner.width(), frame.height() - inner.height())
    if window.isVisible() and (extra.width() > 0 or extra.height() > 0):
        return extra
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return QSize(0, 0)
    return FRAME_GUESS


def fit_into_screen(window: QWidget, area: QRect | None = None) -> bool:
    """Shrink ``window`` to the available area (or ``area``) and move it fully onto it.

    Returns True when it had to be resized or moved.
    """
    area = area if area is not None else available_rect(window)
    extra = frame_extra(window)
    max_w = area.width() - extra.width()
    max_h = area.height() - extra.height()
    w, h = window.width(), window.height()
    # wide enough that no scrolling form needs a sideways scroll bar (larger text widens forms)
    w = max(w, w + _sideways_shortfall(window))
    # tall enough for wrapped text at that width
    layout = window.layout()
    if layout is not None and layout.hasHeightForWidth():
        h = max(h, layout.totalHeightForWidth(min(w, max_w)))
    w, h = min(w, max_w), min(h, max_h)
    changed = (w, h) != (window.width(), window.height())
    if changed:
        window.resize(w, h)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() + 1 - window.width() - extra.width())
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - window.height() - extra.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(area.x(), x), max(area.y(), y))
        changed = True
    return changed


def _sideways_shortfall(window: QWidget) -> int:
    """How many pixels wider ``window`` must be so no scroll area in it scrolls sideways."""
    short = 0
    for area in window.findChildren(QScrollArea):
        content = area.widget()
        if content is None or not area.isVisibleTo(window) or not area.widgetResizable():
            continue
        need = content.minimumSizeHint().width()
        bar = area.verticalScrollBar().sizeHint().width()
        short = max(short, need + bar - area.viewport().width())
    return max(0, short)


def show_main_window(window: QMainWindow, prefs: Prefs) -> None:
    """Show the main window maximised, or at its remembered size within the available area."""
    area = available_rect(window)
    if prefs.window_maximized or not prefs.window_size:
        # the normal size to return to from maximised: the available area less a margin
        extra = FRAME_GUESS
        window.resize(
            max(MIN_WINDOW[0], area.width() - extra.width() - 40),
            max(MIN_WINDOW[1], area.height() - extra.height() - 40),
        )
        window.move(area.x() + 20, area.y() + 20)
        window.showMaximized()
        return
    width, height = prefs.window_size
    extra = FRAME_GUESS
    width = min(width, area.width() - extra.width())
    height = min(height, area.height() - extra.height())
    window.resize(width, height)
    window.move(
        area.x() + max(0, (area.width() - width - extra.width()) // 2),
        area.y() + max(0, (area.height() - height - extra.height()) // 2),
    )
    window.show()


def remember_main_window(window: QMainWindow, prefs: Prefs) -> None:
    """Keep the window's state (maximised, or its normal size) for the next start."""
    prefs.window_maximized = window.isMaximized() or window.isFullScreen()
    normal = window.normalGeometry() if prefs.window_maximized else window.geometry()
    if normal.width() >= MIN_WINDOW[0] and normal.height() >= MIN_WINDOW[1]:
        prefs.window_size = [normal.width(), normal.height()]
    prefs.save()


class ScreenFitter(QObject):
    """Application-wide: every dialog or window shown is kept within the available area."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On the first show of a top-level dialog, fit it (again once its frame is known)."""
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) and watched.isWindow():
            fit_into_screen(watched)
            QTimer.singleShot(0, lambda w=watched: _fit_again(w))
        return False


def _fit_again(window: QWidget) -> None:
    try:
        if window.isVisible():
            fit_into_screen(window)
    except RuntimeError:  # deleted meanwhile
        pass


_fitter: ScreenFitter | None = None


def install_screen_fitter(app: QApplication) -> ScreenFitter:
    """Install the application-wide fitter once."""
    global _fitter
    if _fitter is None:
        _fitter = ScreenFitter(app)
    return _fitter
