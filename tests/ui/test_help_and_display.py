"""Help where people look for it, text that grows everywhere, high contrast, a window that fits
and remembers its size."""

from __future__ import annotations

import json
import re

import pytest
from ui_support import PASSWORD, call

from desktop_app.ui import i18n
from desktop_app.ui.help_view import HELP_DIR, PAGE_SECTIONS, SECTIONS, section_titles
from desktop_app.ui.login import open_and_assign
from desktop_app.ui.main_window import PAGES, MainWindow
from desktop_app.ui.prefs import FONT_SCALES, Prefs
from desktop_app.ui.qt import QApplication, QFontInfo, QMainWindow, QMessageBox, Qt
from desktop_app.ui.screen_fit import remember_main_window, show_main_window
from desktop_app.ui.style import BASE_POINT_SIZE, apply_style

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def _window(qtbot, make_ops, demo_dir, username="volunteer", prefs=None) -> MainWindow:
    ops = make_ops(username)
    session = call(qtbot, ops, lambda _s: open_and_assign(ops, demo_dir, username, PASSWORD))
    window = MainWindow(ops, session, prefs or Prefs(), demo_dir)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.activate()
    return window


# --- help ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_guide_has_every_section_and_its_pictures_are_shipped(lang):
    html = (HELP_DIR / f"guide_{lang}.html").read_text(encoding="utf-8")
    assert [a for a, _t in section_titles(html)] == list(SECTIONS)
    pictures = re.findall(r'<img src="([^"]+)"', html)
    assert len(pictures) >= 8
    for picture in pictures:
        assert (HELP_DIR / picture).is_file(), picture
    for topic in ("Ctrl+N", "Ctrl+S", "USB", "tantay.keys", "F1"):
        assert topic in html


def test_f1_opens_the_guide_at_the_section_of_the_page_on_screen(qtbot, make_ops, demo_dir):
    window = _window(qtbot, make_ops, demo_dir)
    assert window.help_action.text().replace("&", "") == "Hướng dẫn sử dụng"
    assert window.help_action.shortcut().toString() == "F1"
    assert window.help_action in window.help_menu.actions()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    for key in PAGES:
        window.show_page(key)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
        qtbot.keyClick(window.stack.currentWidget(), Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: window.help_window is not None, timeout=5_000)
        guide = window.help_window
        assert guide.isVisible()
        expected = PAGE_SECTIONS[key]
        assert guide.contents.currentItem().data(Qt.ItemDataRole.UserRole) == expected
        assert "Tận Tay" in guide.browser.toPlainText()
        assert guide.browser.toPlainText().count("Hướng dẫn") >= 1  # the Vietnamese guide
        guide.hide()
    # the pictures load from the shipped folder (an image that failed shows as nothing)
    doc = guide.browser.document()
    image = doc.resource(doc.ResourceType.ImageResource, "screenshots/02-households-search.png")
    assert image is not None and not image.isNull()


def test_the_guide_follows_the_language(qtbot, make_ops, demo_dir):
    window = _window(qtbot, make_ops, demo_dir)
    try:
        i18n.install("en")
        QApplication.processEvents()
        window.show_help()
        assert "User guide" in window.help_window.windowTitle()
        assert "Recording a visit" in window.help_window.browser.toPlainText()
    finally:
        i18n.install("vi")


def test_about_says_close_in_vietnamese(qtbot, make_ops, demo_dir):
    window = _window(qtbot, make_ops, demo_dir)
    window.show_about()
    # dialogs open Qt-non-modal (session_lock.DialogGate keeps Lock usable): found by name
    box = window.findChild(QMessageBox, "aboutBox")
    buttons = [b.text() for b in box.buttons()]
    assert buttons == ["Đóng"]
    box.close()


# --- text size and contrast ---------------------------------------------------------------------


@pytest.mark.parametrize("scale", FONT_SCALES)
def test_every_text_grows_with_the_text_size_headings_included(qtbot, make_ops, demo_dir, scale):
    app = QApplication.instance()
    window = _window(qtbot, make_ops, demo_dir)
    try:
        apply_style(app, scale)
        QApplication.processEvents()
        window.show_page("settings")
        body = QFontInfo(window.settings_panel.account_info.font()).pointSizeF()
        heading = QFontInfo(window.settings_panel.heading.font()).pointSizeF()
        subheading = QFontInfo(window.settings_panel.display_title.font()).pointSizeF()
        assert body == pytest.approx(BASE_POINT_SIZE * scale / 100, rel=0.06)
        assert heading == pytest.approx(16 * scale / 100, rel=0.06)
        assert subheading == pytest.approx(12.5 * scale / 100, rel=0.06)
        window.show_page("follow_ups")
        title = QFontInfo(window.follow_ups.title.font()).pointSizeF()
        assert title == pytest.approx(13.5 * scale / 100, rel=0.06)
    finally:
        apply_style(app, 100)


def test_high_contrast_is_black_on_white_and_is_remembered(qtbot, make_ops, demo_dir):
    app = QApplication.instance()
    window = _window(qtbot, make_ops, demo_dir, prefs=Prefs.load(demo_dir))
    panel = window.settings_panel
    try:
        panel.high_contrast.setChecked(True)
        QApplication.processEvents()
        assert app.palette().color(app.palette().ColorRole.Window).name() == "#ffffff"
        assert app.palette().color(app.palette().ColorRole.WindowText).name() == "#000000"
        assert "#ffff66" in app.styleSheet()
        assert json.loads((demo_dir / "prefs.json").read_text())["high_contrast"] is True
        # a text-size change keeps the contrast
        panel.font_scale.setCurrentIndex(panel.font_scale.findData(125))
        assert "#ffff66" in app.styleSheet()
        assert Prefs.load(demo_dir).high_contrast
    finally:
        panel.high_contrast.setChecked(False)
        apply_style(app, 100, high_contrast=False)
    assert "#ffff66" not in app.styleSheet()


def test_numbers_follow_the_language(qtbot, make_ops, demo_dir):
    window = _window(qtbot, make_ops, demo_dir)
    qtbot.waitUntil(lambda: window._pending is not None, timeout=15_000)
    qtbot.waitUntil(lambda: window.busy.idle_for() > 0.3, timeout=15_000)
    try:
        window._pending = 5592
        window._show_status()
        assert window.pending_label.text() == "5.592 thay đổi chưa gửi"
        i18n.install("en")
        QApplication.processEvents()
        assert window.pending_label.text() == "Changes not yet sent: 5,592"
    finally:
        i18n.install("vi")


# --- the window on the screen -------------------------------------------------------------------


def test_the_window_opens_maximised_then_as_it_was_left(qtbot, demo_dir):
    prefs = Prefs.load(demo_dir)
    assert prefs.window_maximized and prefs.window_size is None
    window = QMainWindow()
    qtbot.addWidget(window)
    show_main_window(window, prefs)
    assert window.isMaximized()

    window.showNormal()
    window.resize(700, 500)
    QApplication.processEvents()
    remember_main_window(window, prefs)
    saved = json.loads((demo_dir / "prefs.json").read_text())
    assert saved["window_maximized"] is False and saved["window_size"] == [700, 500]

    other = QMainWindow()
    qtbot.addWidget(other)
    show_main_window(other, Prefs.load(demo_dir))
    assert not other.isMaximized()
    assert (other.width(), other.height()) == (700, 500)


def test_a_remembered_size_larger_than_the_screen_is_cut_to_it(qtbot, demo_dir):
    (demo_dir / "prefs.json").write_text(
        json.dumps({"window_maximized": False, "window_size": [4000, 3000]})
    )
    window = QMainWindow()
    qtbot.addWidget(window)
    show_main_window(window, Prefs.load(demo_dir))
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()


def test_the_main_window_remembers_its_size_when_closed(qtbot, make_ops, demo_dir):
    prefs = Prefs.load(demo_dir)
    window = _window(qtbot, make_ops, demo_dir, prefs=prefs)
    window.close()
    saved = json.loads((demo_dir / "prefs.json").read_text())
    assert saved["window_size"] == [window.width(), window.height()]


def test_the_search_pages_are_warmed_after_login_without_holding_up_the_list(
    qtbot, make_ops, demo_dir
):
    window = _window(qtbot, make_ops, demo_dir)
    warm = window.search_warm_up
    done_when_listed: list[bool] = []  # (the first page is answered on a later event)
    window.household_list.model.loaded.connect(lambda *_: done_when_listed.append(warm.done))
    qtbot.waitUntil(lambda: bool(done_when_listed), timeout=15000)
    assert done_when_listed[0] is False  # the list's first page did not wait for the warm-up
    qtbot.waitUntil(lambda: warm.done, timeout=30000)
    assert warm.slices >= 4  # the four tables, at least one slice each
