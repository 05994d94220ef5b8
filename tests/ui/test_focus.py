"""Keyboard focus is always somewhere a person can see it.

On every page (as every role), Tab is pressed again and again; after each press the focused
widget must be shown, have a size, and lie within the window (or within a scrolling area, which
scrolls to it). The style gives every kind of focusable widget a visible focus mark.
"""

from __future__ import annotations

import pytest
from ui_support import PASSWORD, call

from desktop_app.ui.login import open_and_assign
from desktop_app.ui.main_window import PAGES, MainWindow
from desktop_app.ui.prefs import Prefs
from desktop_app.ui.qt import (
    QAbstractScrollArea,
    QApplication,
    QPoint,
    QRect,
    QSize,
    Qt,
    QWidget,
)
from desktop_app.ui.style import stylesheet

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

TABS_PER_PAGE = 40


def _inside_scroll_area(w: QWidget, top: QWidget) -> QAbstractScrollArea | None:
    p = w.parentWidget()
    while p is not None and p is not top:
        area = p.parentWidget()
        if isinstance(area, QAbstractScrollArea) and p is area.viewport():
            return area
        p = p.parentWidget()
    return None


def _where_problem(w: QWidget, window: QWidget) -> str | None:
    name = f"{type(w).__name__} {w.objectName()!r}"
    if w.window() is not window:
        return None  # a dialog or popup of its own: checked by its own tests
    if not w.isVisible() or w.width() <= 1 or w.height() <= 1:
        return f"{name} has focus but is not shown"
    rect = QRect(w.mapTo(window, QPoint(0, 0)), w.size())
    area = _inside_scroll_area(w, window)
    if area is not None:
        rect = QRect(area.mapTo(window, QPoint(0, 0)), area.size())
    if not window.rect().intersects(rect) or rect.intersected(window.rect()).width() < 4:
        return f"{name} has focus but is outside the window ({rect})"
    return None


@pytest.mark.parametrize("username", ["volunteer", "lead", "officer", "admin"])
def test_tab_through_every_page_only_reaches_visible_widgets(qtbot, make_ops, demo_dir, username):
    ops = make_ops(username)
    session = call(qtbot, ops, lambda _s: open_and_assign(ops, demo_dir, username, PASSWORD))
    window = MainWindow(ops, session, Prefs(), demo_dir)
    qtbot.addWidget(window)
    window.resize(QSize(1280, 720))
    window.show()
    window.activate()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    problems: list[str] = []
    for key in PAGES:
        window.show_page(key)
        qtbot.wait(50)
        qtbot.waitUntil(lambda: window.busy.idle_for() > 0.3, timeout=20_000)
        window.nav.setFocus(Qt.FocusReason.TabFocusReason)
        reached = set()
        for _ in range(TABS_PER_PAGE):
            focused = QApplication.focusWidget()
            if focused is None:
                problems.append(f"{username} {key}: nothing has focus")
                break
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
            now = QApplication.focusWidget()
            reached.add(id(now))
            if now is not None:
                issue = _where_problem(now, window)
                if issue:
                    problems.append(f"{username} {key}: {issue}")
        assert len(reached) >= 3, (
            f"{username} {key}: Tab does not move the focus from {type(QApplication.focusWidget()).__name__} {QApplication.focusWidget().objectName()}"
        )
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_every_focusable_kind_of_widget_has_a_focus_mark():
    sheet = stylesheet(100)
    for kind in (
        "QPushButton:focus",
        "QLineEdit:focus",
        "QComboBox:focus",
        "QSpinBox:focus",
        "QCheckBox:focus",
        "QRadioButton:focus",
        "QTableView:focus",
        'QListWidget[role="nav"]:focus',
        "QTextBrowser:focus",
    ):
        assert kind in sheet, kind
    high = stylesheet(100, high_contrast=True)
    assert "#ffff66" in high  # yellow behind the focused field in high contrast
