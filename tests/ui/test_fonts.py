"""The shipped fonts are registered on every platform, the UI font falls back to them, and the
smoke test and the screenshot tour fail on letters drawn as empty boxes.

On Windows without Segoe UI (Wine; the offscreen platform, which reads no system fonts) the app
used to ask for Segoe UI and never load DejaVu Sans: 15 screenshots of empty boxes, exit 0.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from types import SimpleNamespace

import pytest

from desktop_app.ui import fonts
from desktop_app.ui.qt import QFont, QFontDatabase, QLabel, QVBoxLayout, QWidget

BOX = "\U000f0000"  # a private-use character no font here draws


def test_offscreen_qt_on_windows_is_pointed_at_the_shipped_fonts():
    env: dict[str, str] = {}
    fonts.prepare_font_folder(env, "win32")
    assert env["QT_QPA_FONTDIR"] == str(fonts.FONT_DIR)
    assert (fonts.FONT_DIR / "DejaVuSans.ttf").is_file()
    mine = {"QT_QPA_FONTDIR": "/elsewhere"}
    fonts.prepare_font_folder(mine, "win32")
    assert mine["QT_QPA_FONTDIR"] == "/elsewhere"
    linux: dict[str, str] = {}
    fonts.prepare_font_folder(linux, "linux")
    assert linux == {}  # fontconfig finds fonts there


def test_shipped_fonts_are_registered_and_windows_falls_back_to_them(qapp, monkeypatch):
    assert "DejaVu Sans" in fonts.register_fonts()
    assert "DejaVu Sans" in QFontDatabase.families()
    assert "Segoe UI" not in QFontDatabase.families()  # as under Wine or a bare Windows
    assert fonts.ui_font_family("win32") == "DejaVu Sans"
    assert fonts.ui_font_family("linux") == "DejaVu Sans"

    from desktop_app.ui import style

    monkeypatch.setattr(sys, "platform", "win32")
    assert style._load_fonts() == "DejaVu Sans"  # what apply_style sets as the app font


def test_widget_classes_with_another_platform_font_get_the_app_font(qapp, monkeypatch):
    # Under Wine the Windows theme gives menus, lists and tables "MS Shell Dlg", drawn in a
    # stray serif font while the rest of the app used DejaVu Sans.
    from desktop_app.ui.qt import QApplication

    monkeypatch.setattr(fonts, "_overridden", set())
    classes = ("QAbstractItemView", "QMenuBar")
    saved = [QApplication.font(name) for name in classes]
    fonts.register_fonts()
    original = qapp.setFont

    def keeps_class_fonts(font, *args):  # as Windows does when its theme has class fonts
        original(font, *args)
        if not args:
            QApplication.setFont(QFont("No Such Windows Font"), "QAbstractItemView")
            QApplication.setFont(QFont("DejaVu Serif"), "QMenuBar")

    monkeypatch.setattr(qapp, "setFont", keeps_class_fonts)
    try:
        app_font = QFont("DejaVu Sans")
        app_font.setPointSizeF(10.5)
        fonts.set_application_font(qapp, app_font)
        for name in classes:
            assert QApplication.font(name).family() == "DejaVu Sans", name
            assert QApplication.font(name).pointSizeF() == 10.5, name
        app_font.setPointSizeF(13)  # a larger text size reaches the replaced ones too
        fonts.set_application_font(qapp, app_font)
        assert QApplication.font("QAbstractItemView").pointSizeF() == 13
    finally:
        for name, font in zip(classes, saved, strict=True):
            QApplication.setFont(font, name)


def test_the_style_sheet_does_not_bring_back_the_platform_fonts(qapp, monkeypatch):
    # On Windows, setting the style sheet fills Qt's per-class fonts again from the system
    # ("MS Shell Dlg" under Wine): the app font must be set after it. Simulated here, as the
    # offscreen platform has no such fonts.
    from desktop_app.ui import style
    from desktop_app.ui.qt import QApplication

    saved = QApplication.font("QMenuBar")
    original = qapp.setStyleSheet

    def windows_like(sheet: str) -> None:
        original(sheet)
        QApplication.setFont(QFont("DejaVu Serif"), "QMenuBar")

    monkeypatch.setattr(qapp, "setStyleSheet", windows_like)
    try:
        style.apply_style(qapp, 100)
        assert QApplication.font("QMenuBar").family() == QApplication.font().family()
    finally:
        QApplication.setFont(saved, "QMenuBar")


def test_missing_glyphs_are_found_character_by_character(qapp):
    fonts.register_fonts()
    dejavu = QFont("DejaVu Sans")
    assert fonts.missing_glyphs(dejavu, fonts.VIETNAMESE_SAMPLE) == []
    assert fonts.missing_glyphs(dejavu, "Hộ gia đình " + BOX + " \t\n") == [BOX]


def test_the_report_names_each_visible_widget_that_shows_boxes(qtbot):
    fonts.register_fonts()
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    good = QLabel("Nguyễn Thị Hoà")
    bad = QLabel(f"Tổ dân phố {BOX}")
    bad.setObjectName("villageLabel")
    hidden = QLabel(f"hidden {BOX}")
    for widget in (good, bad, hidden):
        layout.addWidget(widget)
    hidden.hide()  # not shown: not checked (the window itself need not be on screen)
    report = fonts.missing_glyph_report([window])
    assert len(report) == 1 and report[0].startswith("villageLabel:"), report
    bad.setText("<b>Tổ dân phố</b>")
    assert fonts.missing_glyph_report([window]) == []


def test_a_screenshot_with_boxes_is_refused_and_not_saved(qtbot, tmp_path):
    from desktop_app.ui.app import ScreenshotTour

    fonts.register_fonts()
    label = QLabel(f"Tận Tay {BOX}")
    qtbot.addWidget(label)
    tour = SimpleNamespace(folder=tmp_path, saved=[])
    with pytest.raises(RuntimeError, match="missing glyphs"):
        ScreenshotTour._save(tour, label, "01-login.png")
    assert not (tmp_path / "01-login.png").exists()
    label.setText("Tận Tay")
    ScreenshotTour._save(tour, label, "01-login.png")
    assert (tmp_path / "01-login.png").exists()


def test_the_smoke_test_fails_when_a_main_screen_shows_boxes(tmp_path):
    script = textwrap.dedent(
        f"""
        import sys
        from desktop_app.ui import main_window
        from desktop_app.ui.app import smoke_test

        original = main_window.MainWindow.retranslateUi

        def retranslate(self):
            original(self)
            self.app_title.setText("Tận Tay {BOX}")

        main_window.MainWindow.retranslateUi = retranslate
        sys.exit(smoke_test("vi"))
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANTAY_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "missing glyphs" in result.stderr
    assert "QLabel: 'Tận Tay \\U000f0000'" in result.stderr  # the text is named
