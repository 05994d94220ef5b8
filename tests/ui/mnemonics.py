"""Keyboard checks of a window as a person sees it: Alt-letters (mnemonics) that clash, and field
labels that are not the buddy of their field (so Alt+letter and screen readers miss the field).

Only what is visible counts: two pages of a stacked widget never show at the same time, and a
hidden button's Alt-letter does nothing.
"""

from __future__ import annotations

import re

from desktop_app.ui.qt import (
    QAbstractButton,
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")
INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QListWidget)


def mnemonic(text: str | None) -> str | None:
    """The Alt-letter of a text ("&Tên" -> "t"), or None."""
    found = _MNEMONIC.search((text or "").replace("&&", ""))
    return found.group(1).casefold() if found else None


def _shown(w: QWidget, window: QWidget) -> bool:
    return w.isVisibleTo(window) and (w is window or w.window() is window)


def mnemonics(window: QWidget) -> list[tuple[str, str, QWidget]]:
    """(letter, text, widget) of every Alt-letter visible in ``window``."""
    out: list[tuple[str, str, QWidget]] = []
    for w in [window, *window.findChildren(QWidget)]:
        if not _shown(w, window):
            continue
        texts: list[str] = []
        if isinstance(w, QLabel) and w.buddy() is not None or isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count()) if w.isTabVisible(i)]
        if isinstance(w, QMainWindow) and w.menuBar() is not None and w.menuBar().isVisible():
            texts += [a.text() for a in w.menuBar().actions() if a.isVisible()]
        for text in texts:
            letter = mnemonic(text)
            if letter:
                out.append((letter, text, w))
    return out


def clashes(window: QWidget) -> list[str]:
    """Alt-letters used twice in ``window`` ("t: &Tên / &Thôn")."""
    seen: dict[str, list[str]] = {}
    for letter, text, _w in mnemonics(window):
        seen.setdefault(letter, []).append(text.replace("\n", " "))
    return [f"Alt+{k.upper()}: {' / '.join(v)}" for k, v in sorted(seen.items()) if len(v) > 1]


def _next_in_layout(layout, label: QLabel) -> QWidget | None:
    """The widget laid out right after ``label`` (same row), if any."""
    if isinstance(layout, QFormLayout):
        for row in range(layout.rowCount()):
            item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and item.widget() is label:
                field = layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
                return field.widget() if field is not None else None
        return None
    if isinstance(layout, QGridLayout):
        index = layout.indexOf(label)
        if index < 0:
            return None
        row, col, _rs, cs = layout.getItemPosition(index)
        item = layout.itemAtPosition(row, col + cs)
        return item.widget() if item is not None else None
    if isinstance(layout, QBoxLayout) and layout.direction() in (
        QBoxLayout.Direction.LeftToRight,
        QBoxLayout.Direction.RightToLeft,
    ):
        index = layout.indexOf(label)
        if 0 <= index < layout.count() - 1:
            return layout.itemAt(index + 1).widget()
    return None


def _layouts(widget: QWidget):
    stack = [widget.layout()] if widget.layout() is not None else []
    while stack:
        layout = stack.pop()
        yield layout
        for i in range(layout.count()):
            child = layout.itemAt(i).layout()
            if child is not None:
                stack.append(child)


def orphan_labels(window: QWidget) -> list[str]:
    """Field labels without their field as buddy: a label with an Alt-letter and no buddy, or a
    label laid out right before an input field that is not its buddy."""
    out: list[str] = []
    for w in [window, *window.findChildren(QWidget)]:
        if not _shown(w, window):
            continue
        if isinstance(w, QLabel) and mnemonic(w.text()) and w.buddy() is None:
            out.append(f"«{w.text()}» has an Alt-letter but no field")
        for layout in _layouts(w):
            for i in range(layout.count()):
                label = layout.itemAt(i).widget()
                if not isinstance(label, QLabel) or not _shown(label, window) or not label.text():
                    continue
                before = layout.itemAt(i - 1).widget() if i > 0 else None
                if isinstance(layout, QBoxLayout) and isinstance(before, INPUTS):
                    continue  # a unit after its field ("35 | phút"), not a caption
                field = _next_in_layout(layout, label)
                if isinstance(field, INPUTS) and _shown(field, window):
                    buddy = label.buddy()
                    if buddy is None or not (buddy is field or field.isAncestorOf(buddy)):
                        out.append(
                            f"«{label.text()}» is not the buddy of its field {type(field).__name__} {field.objectName()}"
                        )
    return out


def problems(window: QWidget) -> list[str]:
    """Clashes and orphan labels of ``window``, for an assertion message."""
    title = window.windowTitle() or type(window).__name__
    return [f"{title}: {p}" for p in clashes(window) + orphan_labels(window)]


__all__ = ["clashes", "mnemonic", "mnemonics", "orphan_labels", "problems"]
