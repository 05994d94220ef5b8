"""A calm, readable look: light background, one green accent, generous text and spacing.

``apply_style(app, scale)`` sets the font (DejaVu Sans ships with the app, so Vietnamese diacritics
render everywhere) and the stylesheet; calling it again with another scale (100/125/150 %) resizes
every text live. Widgets mark their role with a dynamic property, e.g. ``role="heading"``,
``role="error"``, ``primary=true`` on the main button, ``role="nav"`` on the navigation list.
"""

from __future__ import annotations

import sys

from desktop_app.paths import RESOURCES
from desktop_app.ui.qt import (
    QApplication,
    QColor,
    QFont,
    QFontDatabase,
    QIcon,
    QPalette,
    QStyleFactory,
)

BASE_POINT_SIZE = 10.5
ACCENT = "#1f6f5c"
ACCENT_DARK = "#17574a"
ACCENT_LIGHT = "#e3efea"
TEXT = "#1d2a26"
MUTED = "#55625e"
WINDOW = "#f7f8f6"
ERROR = "#b3261e"
WARNING_BG = "#fff4d6"
_fonts_loaded = False


def app_icon() -> QIcon:
    """The application icon (an open hand receiving a coin)."""
    icon = QIcon()
    folder = RESOURCES / "icons"
    for size in (32, 64, 256):
        png = folder / f"tantay-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    return icon


def _load_fonts() -> str:
    """Register the shipped fonts once; return the family to use."""
    global _fonts_loaded
    if sys.platform == "win32":
        return "Segoe UI"  # Windows' UI font covers Vietnamese fully
    if not _fonts_loaded:
        for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
            path = RESOURCES / "fonts" / name
            if path.exists():
                QFontDatabase.addApplicationFont(str(path))
        _fonts_loaded = True
    return "DejaVu Sans"


def stylesheet(scale: int = 100) -> str:
    """The application stylesheet for a text scale in percent."""
    f = scale / 100.0

    def pt(size: float) -> str:
        return f"{size * f:.1f}pt"

    return f"""
QMainWindow, QDialog, QWizard {{ background: {WINDOW}; }}
QWidget {{ color: {TEXT}; }}
QLabel[role="heading"] {{ font-size: {pt(16)}; font-weight: bold; color: {ACCENT_DARK}; }}
QLabel[role="subheading"] {{ font-size: {pt(12.5)}; font-weight: bold; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="error"] {{ color: {ERROR}; font-weight: bold; }}
QLabel[role="ok"] {{ color: {ACCENT_DARK}; font-weight: bold; }}
QLabel[role="note"] {{ background: {WARNING_BG}; border: 1px solid #e6cf8a; border-radius: 6px;
    padding: 8px 10px; }}
QLabel[role="recovery-key"] {{ font-family: "DejaVu Sans Mono", "Consolas", monospace;
    font-size: {pt(22)}; font-weight: bold; letter-spacing: 2px; background: white;
    border: 2px dashed {ACCENT}; border-radius: 8px; padding: 16px; }}
QWidget#header {{ background: {ACCENT}; }}
QWidget#header QLabel {{ color: white; }}
QWidget#header QLabel[role="app-title"] {{ font-size: {pt(15)}; font-weight: bold; }}
QWidget#header QLabel[role="user"] {{ font-size: {pt(11.5)}; font-weight: bold; }}
QWidget#header QPushButton {{ background: transparent; color: white;
    border: 1px solid rgba(255,255,255,0.6); border-radius: 6px; padding: 5px 12px; }}
QWidget#header QPushButton:hover {{ background: rgba(255,255,255,0.15); }}
QWidget#demoBanner {{ background: {WARNING_BG}; }}
QListWidget[role="nav"] {{ background: {ACCENT_LIGHT}; border: none; outline: 0;
    font-size: {pt(12)}; padding-top: 8px; }}
QListWidget[role="nav"]::item {{ padding: 10px 14px; margin: 2px 8px; border-radius: 6px; }}
QListWidget[role="nav"]::item:hover {{ background: #d3e5de; }}
QListWidget[role="nav"]::item:selected {{ background: {ACCENT}; color: white; }}
QPushButton {{ padding: 6px 14px; border-radius: 6px; border: 1px solid #b9c4bf;
    background: white; min-height: 1.4em; }}
QPushButton:hover {{ background: #eef3f1; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; }}
QPushButton:disabled {{ color: #9aa5a1; background: #f0f2f1; }}
QPushButton[primary="true"] {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT_DARK};
    font-weight: bold; }}
QPushButton[primary="true"]:hover {{ background: {ACCENT_DARK}; }}
QPushButton[primary="true"]:disabled {{ background: #8fb5aa; }}
QPushButton[role="link"] {{ border: none; background: transparent; color: {ACCENT_DARK};
    text-decoration: underline; padding: 2px 4px; }}
QLineEdit, QPlainTextEdit, QTextEdit {{ padding: 5px 7px;
    border: 1px solid #b9c4bf; border-radius: 5px; background: white; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 2px solid {ACCENT}; }}
QComboBox QLineEdit, QSpinBox QLineEdit {{ border: none; padding: 0; }}
QFrame[role="card"] {{ background: white; border: 1px solid #dfe5e2; border-radius: 10px; }}
QStatusBar {{ background: #eef1ef; border-top: 1px solid #d7ddda; }}
QStatusBar QLabel {{ padding: 0 10px; }}
QStatusBar QLabel[role="offline"] {{ color: #6b7571; font-weight: bold; }}
QStatusBar QLabel[role="online"] {{ color: #1e7b34; font-weight: bold; }}
QTableView, QTableWidget, QListView {{ background: white; alternate-background-color: #f3f6f4;
    selection-background-color: {ACCENT}; selection-color: white; gridline-color: #e3e8e5; }}
QHeaderView::section {{ background: #eef1ef; padding: 5px; border: none;
    border-bottom: 1px solid #d7ddda; font-weight: bold; }}
QWidget#lockCover {{ background: {ACCENT_LIGHT}; }}
"""


def apply_style(app: QApplication, scale: int = 100) -> None:
    """Set the Fusion style, palette, font and stylesheet at ``scale`` percent."""
    family = _load_fonts()
    if app.style().objectName().lower() != "fusion":
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None:
            app.setStyle(fusion)
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor(WINDOW))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Base, QColor("white"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f3f6f4"))
    palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Button, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    palette.setColor(QPalette.ColorRole.Link, QColor(ACCENT_DARK))
    palette.setColor(QPalette.ColorRole.ToolTipBase, QColor("#ffffe8"))
    palette.setColor(QPalette.ColorRole.ToolTipText, QColor(TEXT))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#7d8985"))
    app.setPalette(palette)
    font = QFont(family)
    font.setPointSizeF(BASE_POINT_SIZE * scale / 100.0)
    app.setFont(font)
    app.setStyleSheet(stylesheet(scale))
