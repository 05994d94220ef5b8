"""Issue 19, point 4: Qt's own strings in Vietnamese on a real desktop (Xvfb, openbox, ``xcb``).

Qt ships no Vietnamese; the project's ``resources/i18n/qtbase_vi.ts`` is loaded with the app's
own translation. Each popup the app shows is opened as a person would open it — the file chooser
of the import, the audit and report exports and USB (the app's widget-based dialog, never the
platform's), a message box's standard buttons, the right-click menu of a text field and of a
notes box, the date picker — and every text on it is read: no English label may remain.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PySide6.QtTest import QTest

from desktop_app.store import guard as store_guard
from desktop_app.ui import file_dialogs, i18n
from desktop_app.ui.qt import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDate,
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QGuiApplication,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPoint,
    Qt,
    QTimer,
    QToolButton,
    QWidget,
)
from desktop_app.ui.style import apply_style

# Qt's English labels as they appear on these popups (mnemonics and trailing ':' removed).
ENGLISH = {
    "look in", "file name", "files of type", "open", "save", "choose", "cancel", "back",
    "forward", "parent directory", "create new folder", "new folder", "list view",
    "detail view", "name", "size", "type", "date modified", "kind", "undo", "redo", "cut",
    "copy", "paste", "delete", "select all", "yes", "no", "ok", "yes to all", "no to all",
    "abort", "retry", "ignore", "close", "discard", "help", "apply", "reset",
    "restore defaults", "save all", "rename", "show hidden files", "computer", "drive",
    "folder", "file", "directory", "directories", "files", "all files (*)", "sidebar",
    "go back", "go forward", "go to the parent directory", "step up", "step down",
    "show details...", "hide details...", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed",
    "thu", "fri", "sat", "sun",
}  # fmt: skip


def _clean(text: str) -> str:
    text = text.split("\t")[0].replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.strip().rstrip(":").strip().casefold()


def english_in(texts: list[str]) -> list[str]:
    """The texts that are one of Qt's English labels."""
    return [t for t in texts if _clean(t) in ENGLISH]


def texts_of(widget: QWidget) -> list[str]:
    """Every visible text of a window: labels, buttons, tool tips, list items, column titles."""
    out: list[str] = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        if isinstance(w, QLabel):
            out.append(w.text())
        if isinstance(w, QAbstractButton):
            out += [w.text(), w.toolTip()]
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            out += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                for c in range(model.columnCount())
            ]
            root = w.rootIndex()
            for r in range(min(model.rowCount(root), 20)):
                out.append(str(model.index(r, 0, root).data() or ""))
        if isinstance(w, QMenu):
            out += [a.text() for a in w.actions()]
        out.append(w.toolTip())
    return [t for t in out if t]


@pytest.fixture(autouse=True)
def _vietnamese_app(qapp):
    store_guard.thread_guard = None
    i18n.install("vi")
    apply_style(qapp, 100)
    yield


def _inspect_modal(qtbot, kind, seen: dict, *, close) -> None:
    """When a modal window of ``kind`` is up, read its texts, then close it."""

    def look():
        w = QApplication.activeModalWidget() or QApplication.activePopupWidget()
        if not isinstance(w, kind) or not w.isVisible():
            QTimer.singleShot(50, look)
            return
        QTimer.singleShot(300, lambda: (seen.update(widget=w, texts=texts_of(w)), close(w)))

    QTimer.singleShot(50, look)


def _shot(name: str) -> None:
    folder = Path(os.environ.get("TANTAY_TEST_ARTIFACTS") or "/tmp/tantay-desktop-shots")
    folder.mkdir(parents=True, exist_ok=True)
    QGuiApplication.primaryScreen().grabWindow(0).save(str(folder / f"{name}.png"))


@pytest.mark.parametrize("mode", ["open", "save", "folder"])
def test_the_file_chooser_is_qts_and_in_vietnamese(qtbot, tmp_path, mode):
    (tmp_path / "danh-sach.xlsx").write_bytes(b"x")
    (tmp_path / "thu-muc").mkdir()
    seen: dict = {}

    def close(w):
        _shot(f"file-dialog-{mode}")
        w.reject()

    _inspect_modal(qtbot, QFileDialog, seen, close=close)
    if mode == "open":
        file_dialogs.open_file_name(None, "Chọn danh sách", str(tmp_path), "Bảng tính (*.xlsx)")
    elif mode == "save":
        file_dialogs.save_file_name(None, "Lưu báo cáo", str(tmp_path / "bao-cao.xlsx"))
    else:
        file_dialogs.existing_directory(None, "Nơi ghi tệp", str(tmp_path))
    dialog, texts = seen["widget"], seen["texts"]
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    assert dialog.objectName() == file_dialogs.OBJECT_NAME
    assert not english_in(texts), english_in(texts)
    wanted = {"open": "Mở", "save": "Lưu", "folder": "Chọn"}[mode]
    assert wanted in [t.replace("&", "") for t in texts]
    assert "Tìm trong:" in [t.replace("&", "") for t in texts]
    assert "Tên" in texts and "Ngày sửa" in texts  # the file list's column titles


def test_the_import_dialog_opens_the_apps_file_chooser(qtbot, make_ops_desktop):
    from desktop_app.ui.import_dialog import ImportDialog

    ops = make_ops_desktop("lead")
    dialog = ImportDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: dict = {}
    _inspect_modal(qtbot, QFileDialog, seen, close=lambda w: w.reject())
    dialog.browse()
    assert seen["widget"].objectName() == file_dialogs.OBJECT_NAME
    assert not english_in(seen["texts"]), english_in(seen["texts"])


def test_message_box_standard_buttons_in_vietnamese(qtbot):
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Tận Tay",
        "Lưu thay đổi?",
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel
        | QMessageBox.StandardButton.Ok
        | QMessageBox.StandardButton.Close
        | QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard,
    )
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    texts = [b.text().replace("&", "") for b in box.buttons()]
    assert {"Có", "Không", "Huỷ", "Đồng ý", "Đóng", "Lưu", "Bỏ thay đổi"} <= set(texts)
    assert not english_in(texts_of(box))
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    assert {b.text().replace("&", "") for b in buttons.buttons()} == {"Đồng ý", "Huỷ"}
    box.close()


def _context_menu_texts(qtbot, widget: QWidget, target: QWidget) -> list[str]:
    seen: dict = {}

    def look():
        popup = QApplication.activePopupWidget()
        if not isinstance(popup, QMenu):
            QTimer.singleShot(50, look)
            return
        seen["texts"] = [a.text() for a in popup.actions() if not a.isSeparator()]
        QTimer.singleShot(
            400, lambda: (_shot(f"context-menu-{type(widget).__name__}"), popup.close())
        )

    QTimer.singleShot(50, look)
    # a right click delivered through the window system (QWindow), as a real mouse's: Qt turns it
    # into the context-menu event (a click sent to the widget itself would not)
    window = target.window().windowHandle()
    QTest.mouseClick(
        window,
        Qt.MouseButton.RightButton,
        Qt.KeyboardModifier.NoModifier,
        target.mapTo(target.window(), QPoint(10, 8)),
    )
    qtbot.waitUntil(
        lambda: "texts" in seen and QApplication.activePopupWidget() is None, timeout=5000
    )
    return seen["texts"]


@pytest.mark.parametrize("kind", [QLineEdit, QPlainTextEdit])
def test_the_text_fields_right_click_menu_in_vietnamese(qtbot, kind):
    window = QWidget()
    qtbot.addWidget(window)
    field = kind(window)
    field.resize(400, 120)
    window.resize(420, 140)
    (field.setText if kind is QLineEdit else field.setPlainText)("Cụ bà cần người giúp rút tiền")
    window.show()
    qtbot.waitExposed(window)
    field.setFocus()
    target = field if kind is QLineEdit else field.viewport()
    texts = _context_menu_texts(qtbot, field, target)
    clean = [t.split("\t")[0].replace("&", "") for t in texts]
    assert not english_in(texts), english_in(texts)
    assert {"Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xoá", "Chọn tất cả"} <= set(clean)
    # every accelerator in the menu is used once
    keys = [re.search(r"&(\w)", t).group(1).lower() for t in texts if re.search(r"&(\w)", t)]
    assert len(keys) == len(set(keys)), texts


def test_the_date_picker_in_vietnamese(qtbot):
    edit = QDateEdit(QDate(2026, 10, 15))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    qtbot.addWidget(edit)
    edit.resize(200, 30)
    edit.show()
    qtbot.waitExposed(edit)
    edit.setFocus()
    if QApplication.activePopupWidget() is None:  # a click on the arrow, via the window system
        QTest.mouseClick(
            edit.windowHandle(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            QPoint(edit.width() - 8, edit.height() // 2),
        )
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=5000)
    calendar = edit.calendarWidget()
    assert calendar.isVisible()
    _shot("date-picker")
    popup = QApplication.activePopupWidget()
    month = popup.findChild(QToolButton, "qt_calendar_monthbutton").text()
    texts = texts_of(popup)
    assert "10" in month or "Mười" in month, month  # "tháng 10", never "October"
    assert not english_in(texts), english_in(texts)
    popup.close()


@pytest.fixture
def make_ops_desktop(qtbot, demo_dir):
    """An Ops whose store was opened on its worker (as tests/ui/conftest.py's make_ops)."""
    import contextlib

    from desktop_app.store.store import Store
    from desktop_app.ui.ops import Ops

    created: list[Ops] = []

    def make(username: str = "volunteer") -> Ops:
        ops = Ops()
        opened: list[bool] = []
        ops.run(
            lambda _s: setattr(ops, "store", Store.open(demo_dir, username, "demo1234")),
            lambda _r: opened.append(True),
        )
        qtbot.waitUntil(lambda: bool(opened), timeout=15000)
        created.append(ops)
        return ops

    yield make
    for ops in created:
        with contextlib.suppress(RuntimeError):
            ops.shutdown()
