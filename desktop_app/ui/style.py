"""A calm, readable look: light background, one green accent, generous text and spacing.

``apply_style(app, scale)`` sets the font (DejaVu Sans ships with the app, so Vietnamese diacritics
render everywhere) and the stylesheet; calling it again with another scale (100/125/150 %) resizes
every text live. Widgets mark their role with a dynamic property, e.g. ``role="heading"``,
``role="error"``, ``primary=true`` on the main button, ``role="nav"`` on the navigation list.
"""

from __future__ import annotations

from desktop_app.paths import RESOURCES
from desktop_app.ui.fonts import set_application_font, ui_font_family
from desktop_app.ui.qt import (
    QApplication,
    QColor,
    QFont,
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
_high_contrast = False


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
    """The family to use: Segoe UI on a Windows that has it, else the shipped DejaVu Sans."""
    return ui_font_family()


def _icon(name: str) -> str:
    """A shipped icon's path for a stylesheet ``url()`` (forward slashes on every platform)."""
    return (RESOURCES / "icons" / name).as_posix()


def stylesheet(scale: int = 100, high_contrast: bool = False) -> str:
    """The application stylesheet for a text scale in percent, optionally in high contrast."""
    f = scale / 100.0

    def pt(size: float) -> str:
        return f"{size * f:.1f}pt"

    def px(size: float) -> int:
        return round(size * f)

    return f"""
QMainWindow, QDialog, QWizard {{ background: {WINDOW}; }}
QWidget {{ color: {TEXT}; font-size: {pt(BASE_POINT_SIZE)}; }}
QLabel[role="figure"] {{ font-size: {pt(BASE_POINT_SIZE * 1.7)}; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: {pt(16)}; font-weight: bold; color: {ACCENT_DARK}; }}
QLabel[role="title"] {{ font-size: {pt(13.5)}; font-weight: bold; }}
QLabel[role="subheading"] {{ font-size: {pt(12.5)}; font-weight: bold; }}
QLabel[role="section"] {{ font-size: {pt(11.5)}; font-weight: bold; margin-top: 6px; }}
QLabel[role="empty"] {{ color: {MUTED}; font-size: {pt(12)}; padding: 24px; }}
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
QPushButton[primary="true"]:disabled {{ color: #9aa5a1; background: #f0f2f1;
    border: 1px solid #c9d1ce; font-weight: normal; }}
QPushButton[role="link"] {{ border: none; background: transparent; color: {ACCENT_DARK};
    text-decoration: underline; padding: 2px 4px; }}
QLineEdit, QPlainTextEdit, QTextEdit {{ padding: 5px 7px;
    border: 1px solid #b9c4bf; border-radius: 5px; background: white; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus {{ border: 2px solid {ACCENT}; }}
QComboBox, QSpinBox, QDoubleSpinBox, QDateEdit, QDateTimeEdit {{ padding: 4px 6px;
    border: 1px solid #b9c4bf; border-radius: 5px; background: white; }}
QComboBox:focus, QSpinBox:focus, QDoubleSpinBox:focus, QDateEdit:focus, QDateTimeEdit:focus {{
    border: 2px solid {ACCENT}; }}
QComboBox:disabled, QSpinBox:disabled, QDateEdit:disabled {{ color: #9aa5a1; background: #f0f2f1; }}
QComboBox::drop-down, QDateEdit::drop-down, QDateTimeEdit::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 1.7em;
    border-left: 1px solid #d7ddda; }}
QComboBox::down-arrow, QDateEdit::down-arrow, QDateTimeEdit::down-arrow,
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow {{ image: url("{_icon("chevron-down.png")}"); }}
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow {{ image: url("{_icon("chevron-up.png")}"); }}
QSpinBox::up-button, QDoubleSpinBox::up-button {{ subcontrol-origin: border;
    subcontrol-position: top right; width: 1.7em; border-left: 1px solid #d7ddda; }}
QSpinBox::down-button, QDoubleSpinBox::down-button {{ subcontrol-origin: border;
    subcontrol-position: bottom right; width: 1.7em; border-left: 1px solid #d7ddda; }}
QComboBox QAbstractItemView {{ background: white; color: {TEXT};
    selection-background-color: #c6ded5; selection-color: {TEXT}; outline: 0; }}
QCheckBox:focus, QRadioButton:focus {{ background: {ACCENT_LIGHT}; border-radius: 4px; }}
QCheckBox::indicator, QRadioButton::indicator, QListView::indicator, QTableView::indicator {{
    width: {px(15)}px; height: {px(15)}px; }}
QTableView:focus, QTableWidget:focus, QListView:focus, QListWidget:focus, QTreeView:focus,
QTextBrowser:focus {{ border: 2px solid {ACCENT}; }}
QListWidget[role="nav"]:focus {{ border: 2px solid {ACCENT}; }}
QToolButton:focus, QPushButton[role="link"]:focus {{ border: 2px solid {ACCENT};
    border-radius: 4px; }}
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
""" + (HIGH_CONTRAST_SHEET if high_contrast else "")


# Drawn over the normal sheet: black on white, thick dark borders, yellow focus, no greys.
HIGH_CONTRAST_SHEET = """
QMainWindow, QDialog, QWizard, QWidget#lockCover {{ background: white; }}
QWidget {{ color: black; }}
QLabel[role="muted"], QLabel[role="heading"], QLabel[role="ok"], QLabel[role="empty"] {{
    color: black; }}
QLabel[role="error"] {{ color: #8b0000; }}
QWidget#header {{ background: black; }}
QListWidget[role="nav"] {{ background: white; border-right: 2px solid black; }}
QListWidget[role="nav"]::item {{ color: black; border: 1px solid black; }}
QListWidget[role="nav"]::item:selected {{ background: black; color: white; }}
QPushButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QSpinBox, QDateEdit {{
    border: 2px solid black; color: black; background: white; }}
QPushButton[primary="true"] {{ background: black; color: white; border: 2px solid black; }}
QPushButton:disabled, QPushButton[primary="true"]:disabled {{ color: #595959; background: white;
    border: 2px dashed #595959; }}
QPushButton:focus, QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus,
QSpinBox:focus, QDateEdit:focus, QTableView:focus, QListView:focus, QListWidget:focus,
QTextBrowser:focus, QToolButton:focus {{ border: 3px solid #0047ab; background: #ffff66;
    color: black; }}
QCheckBox:focus, QRadioButton:focus {{ background: #ffff66; }}
QTableView, QTableWidget, QListView {{ alternate-background-color: white; gridline-color: black;
    selection-background-color: black; selection-color: white; }}
QComboBox QAbstractItemView {{ selection-background-color: black; selection-color: white; }}
QHeaderView::section {{ background: white; color: black; border: 1px solid black; }}
QStatusBar {{ background: white; border-top: 2px solid black; }}
QFrame[role="card"] {{ border: 2px solid black; }}
""".replace("{{", "{").replace("}}", "}")


def apply_style(app: QApplication, scale: int = 100, high_contrast: bool | None = None) -> None:
    """Set the Fusion style, palette, font and stylesheet at ``scale`` percent.

    ``high_contrast`` None keeps the contrast chosen last (so a text-size change keeps it).
    """
    global _high_contrast
    if high_contrast is None:
        high_contrast = _high_contrast
    _high_contrast = high_contrast
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
    if high_contrast:
        for role, colour in (
            (QPalette.ColorRole.Window, "white"),
            (QPalette.ColorRole.WindowText, "black"),
            (QPalette.ColorRole.Text, "black"),
            (QPalette.ColorRole.ButtonText, "black"),
            (QPalette.ColorRole.AlternateBase, "white"),
            (QPalette.ColorRole.Highlight, "black"),
            (QPalette.ColorRole.PlaceholderText, "#404040"),
            (QPalette.ColorRole.Link, "#0000c0"),
        ):
            palette.setColor(role, QColor(colour))
    app.setPalette(palette)
    font = QFont(family)
    font.setPointSizeF(BASE_POINT_SIZE * scale / 100.0)
    app.setStyleSheet(stylesheet(scale, high_contrast))
    # After the style sheet: setting it brings back the platform's fonts for menus, lists and
    # tables (on Windows), which a machine without Segoe UI draws in a stray serif font.
    set_application_font(app, font)
