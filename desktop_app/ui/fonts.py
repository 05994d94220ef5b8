"""The fonts the app ships, registered at start on every platform, and a check for empty boxes.

DejaVu Sans (resources/fonts) covers every Vietnamese letter. Windows prefers Segoe UI, but a
machine without it (Wine, a stripped-down Windows, the offscreen platform, which on Windows
reads fonts only from ``QT_QPA_FONTDIR``) would draw every letter as an empty box. So the
shipped fonts are always registered, the UI font falls back to them, and ``--smoke-test`` and
``--screenshots`` fail when any character shown has no glyph (``missing_glyph_report``).
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Iterable, MutableMapping

from desktop_app.paths import RESOURCES
from desktop_app.ui.qt import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QGroupBox,
    QLabel,
    QLineEdit,
    Qt,
    QTabBar,
    QTextDocumentFragment,
    QWidget,
)

FONT_DIR = RESOURCES / "fonts"
SHIPPED_FAMILY = "DejaVu Sans"
SHIPPED_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
# Checked on the UI font before it is used, and by the smoke test on every start.
VIETNAMESE_SAMPLE = "Tận Tay — Nguyễn Thị Hoà, Đặng Văn Ước: ghi thăm hộ, trợ cấp tháng 7"
_registered: list[str] = []
_overridden: set[str] = set()  # widget classes whose platform font was replaced


def prepare_font_folder(
    environ: MutableMapping[str, str] | None = None, platform: str | None = None
) -> None:
    """Before the QApplication exists: point Qt's own font reader at the shipped fonts.

    Qt's offscreen platform on Windows and macOS reads fonts only from ``QT_QPA_FONTDIR``
    (default: a ``lib/fonts`` folder the PySide6 wheels do not have). Linux uses fontconfig.
    """
    environ = os.environ if environ is None else environ
    platform = platform or sys.platform
    if not platform.startswith("linux") and "QT_QPA_FONTDIR" not in environ:
        environ["QT_QPA_FONTDIR"] = str(FONT_DIR)


def register_fonts() -> list[str]:
    """Add the shipped fonts to Qt's font database (once); returns their families."""
    if not _registered:
        for name in SHIPPED_FILES:
            path = FONT_DIR / name
            if path.exists():
                font_id = QFontDatabase.addApplicationFont(str(path))
                if font_id >= 0:
                    _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    return list(dict.fromkeys(_registered))


def ui_font_family(platform: str | None = None) -> str:
    """The family for the whole UI: the platform's own (Segoe UI on Windows) when this machine
    has it and it shows Vietnamese, else the shipped DejaVu Sans."""
    register_fonts()
    platform = platform or sys.platform
    preferred = "Segoe UI" if platform == "win32" else SHIPPED_FAMILY
    if preferred != SHIPPED_FAMILY and (
        preferred not in QFontDatabase.families()
        or missing_glyphs(QFont(preferred), VIETNAMESE_SAMPLE)
    ):
        return SHIPPED_FAMILY
    return preferred


# Widget classes the platform theme may give fonts of their own (QApplication's font hash;
# on Windows: the menu, message-box, item-view, status-bar... fonts of the system settings).
THEMED_CLASSES = (
    "QMenu", "QMenuBar", "QMenuItem", "QMessageBox", "QLabel", "QTipLabel", "QStatusBar",
    "QMdiSubWindowTitleBar", "QDockWidgetTitle", "QPushButton", "QCheckBox", "QRadioButton",
    "QToolButton", "QAbstractItemView", "QListView", "QHeaderView", "QListBox",
    "QComboMenuItem", "QComboLineEdit", "QSmallFont", "QMiniFont",
)  # fmt: skip


def set_application_font(app: QApplication, font: QFont) -> None:
    """Make ``font`` the application font, also for the widget classes to which the platform
    gave fonts of another family: under Wine, menus, lists and tables asked for "MS Shell Dlg"
    and came out in a stray serif font while everything else used DejaVu Sans."""
    app.setFont(font)
    for name in THEMED_CLASSES:
        if name in _overridden or QApplication.font(name).family() != font.family():
            QApplication.setFont(font, name)  # again on a new text size, once overridden
            _overridden.add(name)


def missing_glyphs(font: QFont, text: str) -> list[str]:
    """The characters of ``text`` that ``font`` (with Qt's fallbacks) would draw as a box."""
    metrics = QFontMetrics(font)
    missing = []
    for ch in dict.fromkeys(text):
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
            continue  # controls, format marks and spaces draw nothing anyway
        if not metrics.inFontUcs4(ord(ch)):
            missing.append(ch)
    return missing


def shown_texts(widget: QWidget) -> list[str]:
    """The texts a person sees on ``widget`` itself (labels, buttons, fields, tabs, combos)."""
    texts: list[str] = []
    if isinstance(widget, QLabel):
        text = widget.text()
        rich = widget.textFormat() == Qt.TextFormat.RichText or (
            widget.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(text)
        )
        texts.append(QTextDocumentFragment.fromHtml(text).toPlainText() if rich else text)
    if isinstance(widget, QAbstractButton):
        texts.append(widget.text())
    if isinstance(widget, QLineEdit):
        texts += [widget.displayText(), widget.placeholderText()]
    if isinstance(widget, QGroupBox):
        texts.append(widget.title())
    if isinstance(widget, QTabBar):
        texts += [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QComboBox):
        texts.append(widget.currentText())
    if widget.isWindow():
        texts.append(widget.windowTitle())
    return [t for t in texts if t]


def missing_glyph_report(windows: Iterable[QWidget], extra: str = VIETNAMESE_SAMPLE) -> list[str]:
    """One line per visible widget whose text would show empty boxes, and one for ``extra``
    (a known Vietnamese string) in the application font; empty when every glyph is there."""
    problems = []
    lacking = missing_glyphs(QApplication.font(), extra)
    if lacking:
        family = QApplication.font().family()
        problems.append(f"the UI font {family!r} has no glyph for {''.join(lacking)!r}")
    for window in windows:
        for widget in [window, *window.findChildren(QWidget)]:
            if not widget.isVisibleTo(window) and widget is not window:
                continue
            for text in shown_texts(widget):
                lacking = missing_glyphs(widget.font(), text)
                if lacking:
                    name = widget.objectName() or type(widget).__name__
                    problems.append(f"{name}: {text[:60]!r} shows boxes for {''.join(lacking)!r}")
    return problems
