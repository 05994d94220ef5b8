"""What a person would see as broken on a window: text cut off, buttons out of reach, a dialog that
needs sideways scrolling, a window larger than the screen.

``layout_problems(window, area)`` returns one line per problem (empty when the window is fine).
It reads only what Qt itself computes (size hints, geometry, scroll bars), so it works the same
offscreen and on a real X server.
"""

from __future__ import annotations

import re

from desktop_app.ui.qt import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QFont,
    QFontMetrics,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPoint,
    QPushButton,
    QRadioButton,
    QRect,
    QScrollArea,
    QSize,
    Qt,
    QTabBar,
    QToolButton,
    QWidget,
)

SLACK = 2  # pixels of rounding a size hint may exceed the width by without anything cut


def _name(w: QWidget) -> str:
    text = ""
    for attr in ("text", "currentText", "title"):
        fn = getattr(w, attr, None)
        if callable(fn):
            try:
                text = fn()
            except TypeError:
                continue
            if isinstance(text, str) and text:
                break
    where = w.objectName() or type(w).__name__
    parent = w.parentWidget()
    while parent is not None and not where.startswith(parent.objectName() or "\0"):
        if parent.objectName():
            where = f"{parent.objectName()}/{where}"
            break
        parent = parent.parentWidget()
    return f"{where} {text!r}" if text else where


def _in_scrolled_content(w: QWidget, top: QWidget) -> bool:
    p = w.parentWidget()
    while p is not None and p is not top:
        area = p.parentWidget()
        if isinstance(area, QAbstractScrollArea) and p is area.viewport():
            return True
        p = p.parentWidget()
    return False


def _visible_part(w: QWidget, top: QWidget) -> tuple[QRect, QRect]:
    """The widget's rectangle in ``top`` and the part of it its ancestors do not cut off."""
    full = QRect(w.mapTo(top, QPoint(0, 0)), w.size())
    seen = QRect(full)
    p = w.parentWidget()
    while p is not None and p is not top:
        seen = seen.intersected(QRect(p.mapTo(top, QPoint(0, 0)), p.size()))
        p = p.parentWidget()
    return full, seen.intersected(top.rect())


def _shown(w: QWidget, top: QWidget) -> bool:
    return w.isVisible() and w.isVisibleTo(top) and w.width() > 0 and w.height() > 0


def _inside_item_view(w: QWidget, top: QWidget) -> bool:
    p = w.parentWidget()
    while p is not None and p is not top:
        if isinstance(p, QAbstractItemView | QComboBox):
            return True
        p = p.parentWidget()
    return False


def _text_problem(w: QWidget) -> str | None:
    if isinstance(w, QLabel):
        if not w.text() or w.pixmap() is not None and not w.pixmap().isNull():
            return None
        if w.wordWrap():
            need = w.heightForWidth(w.width())
            if need > w.height() + SLACK:
                return f"label {_name(w)} needs {need}px of height, has {w.height()}"
            parts = re.split(r"[\s\u200b]+", w.text())
            words = max((w.fontMetrics().horizontalAdvance(t) for t in parts), default=0)
            if w.textFormat() != Qt.TextFormat.RichText and words > w.width() + SLACK:
                return f"label {_name(w)}: a word is wider ({words}px) than the label ({w.width()})"
            return None
        need = w.sizeHint().width()
        if need > w.width() + SLACK:
            return f"label {_name(w)} needs {need}px, has {w.width()}"
        return None
    if isinstance(w, QPushButton | QCheckBox | QRadioButton | QToolButton):
        if not w.text():
            return None
        need = w.sizeHint().width()
        if need > w.width() + SLACK:
            return f"button {_name(w)} needs {need}px, has {w.width()}"
        if w.sizeHint().height() > w.height() + 2 * SLACK:
            return f"button {_name(w)} needs {w.sizeHint().height()}px of height, has {w.height()}"
    return None


def _squeezed(w: QWidget) -> str | None:
    """A field squeezed below the height its text needs (its text is cut at the top or bottom)."""
    if isinstance(w, QLineEdit | QComboBox | QAbstractSpinBox):
        need = w.minimumSizeHint().height()
        if w.height() + SLACK < need:
            return f"field {_name(w)} is {w.height()}px high, its text needs {need}"
    return None


def _header_problems(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None or header.orientation() != Qt.Orientation.Horizontal:
        return []
    out = []
    for logical in range(header.count()):
        if header.isSectionHidden(logical) or header.sectionSize(logical) <= 0:
            continue
        text = model.headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if not text:
            continue
        tip = model.headerData(logical, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        bold = QFont(header.font())
        bold.setBold(True)  # the app's headers are bold (style.py)
        need = QFontMetrics(bold).horizontalAdvance(str(text)) + 12
        if need > header.sectionSize(logical) + SLACK and not tip:
            out.append(
                f"column header {str(text)!r} needs {need}px, has "
                f"{header.sectionSize(logical)} (and no tooltip)"
            )
    return out


def layout_problems(top: QWidget, area: QSize) -> list[str]:
    """Everything cut off or out of reach in ``top`` shown within a screen of ``area``."""
    problems: list[str] = []
    if top.width() > area.width() or top.height() > area.height():
        problems.append(
            f"window {_name(top)} is {top.width()}×{top.height()}, larger than the screen "
            f"{area.width()}×{area.height()} (its minimum is {top.minimumSizeHint().width()}"
            f"×{top.minimumSizeHint().height()})"
        )
    is_dialog = isinstance(top, QDialog)
    for w in top.findChildren(QWidget):
        if not _shown(w, top) or isinstance(w, QMenuBar | QTabBar):
            continue
        if _inside_item_view(w, top):
            continue
        for issue in (_text_problem(w), _squeezed(w)):
            if issue:
                problems.append(issue)
        if isinstance(w, QAbstractButton) and w.text():
            full, seen = _visible_part(w, top)
            if seen != full and not _in_scrolled_content(w, top):
                problems.append(
                    f"button {_name(w)} is partly outside the visible area "
                    f"({full.x()},{full.y()} {full.width()}×{full.height()} in a "
                    f"{top.width()}×{top.height()} window)"
                )
        if isinstance(w, QHeaderView):
            problems += _header_problems(w)
        if is_dialog and isinstance(w, QScrollArea) and w.horizontalScrollBar().isVisible():
            problems.append(f"dialog scrolls sideways: {_name(w)}")
    return problems
