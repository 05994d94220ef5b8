"""Importing the official beneficiary list from a real xlsx, through the dialog."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from ui_support import PASSWORD, call  # noqa: E402,F401

from desktop_app.ui.import_dialog import ImportDialog
from desktop_app.ui.qt import QMessageBox, Qt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from messy_list import SIGNERS, UNKNOWN_SCHEMES, write_district_list  # noqa: E402

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def official_list(tmp_path):
    """A list as communes make them: title rows, an ID that lost its leading zeros, a bad ID,
    old 11-digit mobiles, a totals row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "DS tháng 10"
    ws.append(["UBND PHƯỜNG HOÀN KIẾM"])
    ws.append(["DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI THÁNG 10/2026"])
    ws.append([])
    ws.append(
        ["STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Thôn", "Số điện thoại", "Chế độ",
         "Mức hưởng", "Hình thức nhận"]
    )  # fmt: skip
    ws.append([1, "Phùng Thị Nhàn", "12/03/1940", 1040001234, "Tổ dân phố số 1 Hàng Bạc",
               "0912345678", "Người cao tuổi", 500000, "Tiền mặt tại xã"])  # fmt: skip
    ws.append([2, "Khổng Văn Bính", "1938", "12345", "Tổ dân phố số 1 Hàng Bạc",
               "01668123456", "Người cao tuổi", 500000, "Tài khoản ngân hàng"])  # fmt: skip
    ws.append([3, "Mạc Văn Cừ", "1941", "", "Tổ dân phố Mới", "01238765432", "Khuyết tật",
               "750.000", "Bưu điện"])  # fmt: skip
    ws.append(["", "Tổng cộng", "", "", "", "", "", 1750000, ""])
    ws2 = wb.create_sheet("Ghi chú")
    ws2.append(["Không có dữ liệu"])
    path = tmp_path / "danh-sach.xlsx"
    wb.save(path)
    return path


def open_preview(qtbot, ops, path) -> ImportDialog:
    dialog = ImportDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.preview_ready, timeout=20000):
        dialog.set_file(path)
    qtbot.waitUntil(lambda: ops._pending == 0, timeout=15000)
    return dialog


def click_import_and_confirm(qtbot, dialog: ImportDialog) -> None:
    """Press "Import N rows", then the confirmation's "Import" (issue 19: nothing is written
    before the person has read what will change)."""
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, "importConfirm") is not None)
    box = dialog.findChild(QMessageBox, "importConfirm")
    box.button(QMessageBox.StandardButton.Yes).click()


def count_persons(qtbot, ops) -> int:
    return call(qtbot, ops, lambda s: s.db.execute("SELECT count(*) FROM person").fetchone()[0])


def test_preview_shows_issues_and_imports_only_after_confirmation(qtbot, make_ops, official_list):
    ops = make_ops("lead")
    before = count_persons(qtbot, ops)
    dialog = open_preview(qtbot, ops, official_list)

    assert [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())] == [
        "DS tháng 10",
        "Ghi chú",
    ]
    assert dialog.mapping_combos["full_name"].currentText() == "B — Họ và tên"
    assert dialog.mapping_combos["citizen_id"].currentText() == "D — Số CCCD"
    model = dialog.model
    assert model.rowCount() == 3  # title and totals rows are not people
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert set(rows) == {"5", "6", "7"}  # row numbers as in the spreadsheet
    issues = {n: model.index(r, 8).data() for n, r in rows.items()}
    status = {n: model.index(r, 1).data() for n, r in rows.items()}
    assert "mất số 0" in issues["5"] and model.index(rows["5"], 4).data() == "001*******34"
    assert "12 chữ số" in issues["6"] and status["6"] == "Lỗi — bỏ qua"
    assert "11 số cũ" in issues["6"] and "11 số cũ" in issues["7"]
    assert "2 có cảnh báo" in dialog.summary_label.text()
    assert "1 có lỗi" in dialog.summary_label.text()
    assert dialog.import_button.text() == "Nhập 2 dòng"
    # Nothing written by the preview.
    assert count_persons(qtbot, ops) == before

    with qtbot.waitSignal(dialog.imported, timeout=20000) as done:
        click_import_and_confirm(qtbot, dialog)
    assert done.args[0]["persons"] == 2
    assert count_persons(qtbot, ops) == before + 2
    assert "Đã nhập: 2 người" in dialog.message.text()
    assert not dialog.import_button.isEnabled()
    found = call(qtbot, ops, lambda s: s.search_households("mac van cu", 5))
    assert found

    # The same file again adds nobody.
    again = open_preview(qtbot, ops, official_list)
    assert again.importable() == 0
    assert not again.import_button.isEnabled()
    assert "đã có" in again.model.index(0, 8).data() or "Đã có" in again.model.index(0, 1).data()
    assert count_persons(qtbot, ops) == before + 2


def test_changed_mapping_is_used_and_remembered(qtbot, make_ops, official_list):
    ops = make_ops("lead")
    dialog = open_preview(qtbot, ops, official_list)
    combo = dialog.mapping_combos["phone"]
    combo.setCurrentIndex(combo.findData(None))
    with qtbot.waitSignal(dialog.preview_ready, timeout=20000):
        dialog.preview_button.click()
    issues = " ".join(dialog.model.index(r, 8).data() for r in range(dialog.model.rowCount()))
    assert "11 số cũ" not in issues
    assert "«Số điện thoại»" in dialog.file_issues.text()  # now listed as not imported
    qtbot.waitUntil(lambda: ops._pending == 0, timeout=15000)
    memory = call(qtbot, ops, lambda s: s.import_memory())
    (remembered,) = memory["mappings"].values()
    assert remembered["phone"] is None and remembered["citizen_id"] == 3

    # The next list with the same headers is read with the columns chosen.
    again = open_preview(qtbot, ops, official_list)
    assert again.mapping_combos["phone"].currentData() is None
    assert "như lần trước" in again.summary_label.text()


def test_volunteer_cannot_import(qtbot, make_ops, official_list):
    from desktop_app.ui.payments_view import PaymentsView

    ops = make_ops("volunteer")
    view = PaymentsView(ops)
    qtbot.addWidget(view)
    view.show()
    view.activate()
    qtbot.waitUntil(lambda: view._loaded_villages and ops._pending == 0, timeout=15000)
    assert not view.import_button.isVisible()
    dialog = open_preview(qtbot, ops, official_list)
    dialog.do_import()
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=15000)
    assert "không được phép" in dialog.message.text()


def test_a_messy_district_list_shows_what_is_left_out_and_why(qtbot, make_ops, tmp_path):
    """Issue 15: skipped rows with reasons, columns not imported, unknown schemes mapped here,
    people without a benefit, and a name-only row imported only once ticked."""
    path, where = write_district_list(tmp_path / "danh sách huyện.xlsx")
    ops = make_ops("admin")
    before = count_persons(qtbot, ops)
    dialog = open_preview(qtbot, ops, path)
    assert dialog.sheet_combo.currentText() == "Danh sách"  # the summary sheet is passed over
    assert dialog.mapping_combos["notes"].currentText() == "M — Ghi chú"
    summary = dialog.summary_label.text()
    assert "3 người sẽ không có chế độ hưởng" in summary
    assert "1 dòng chỉ có họ tên" in summary
    assert "Sẽ tạo thôn/tổ mới: «Thôn Đông», «Thôn Đoài»." in summary  # before anything is written
    assert "«Tổng hợp»" in dialog.file_issues.text()

    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == [
        "Người (10)",
        "Không phải người, bỏ qua (17)",
        "Cột không nhập (2)",
        "Chế độ chưa nhận ra (2)",
    ]
    skipped = dialog.skipped_table
    shown = {
        skipped.item(r, 0).text(): (skipped.item(r, 1).text(), skipped.item(r, 2).text())
        for r in range(skipped.rowCount())
    }
    assert shown[str(where["signers"])][0] == "Phần ký tên (chức danh, tên người ký)"
    assert SIGNERS[0] in shown[str(where["signers"])][1]
    assert shown[str(where["totals"])][0] == "Dòng tổng cộng"
    assert shown[str(where["signing_date"])][0] == "Địa danh, ngày tháng ký"
    columns = dialog.columns_table
    assert [columns.item(r, 1).text() for r in range(columns.rowCount())] == ["STT", "Số sổ"]
    schemes = dialog.schemes_table
    assert {schemes.item(r, 0).text() for r in range(schemes.rowCount())} == set(UNKNOWN_SCHEMES)

    # Map both unknown schemes to "other" and check again.
    for r in range(schemes.rowCount()):
        combo = schemes.cellWidget(r, 2)
        combo.setCurrentIndex(combo.findData("other"))
    with qtbot.waitSignal(dialog.preview_ready, timeout=20000):
        dialog.schemes_button.click()
    assert dialog.tabs.tabText(3) == "Chế độ chưa nhận ra (0)"
    assert "1 người sẽ không có chế độ hưởng" in dialog.summary_label.text()

    # The name-only row is imported only when ticked.
    model = dialog.model
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    status = model.index(rows[str(where["no"])], 1)
    assert status.data() == "Cần xác nhận: chỉ có tên"
    assert model.flags(status) & Qt.ItemFlag.ItemIsUserCheckable
    assert dialog.import_button.text() == "Nhập 9 dòng"
    model.setData(status, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert dialog.import_button.text() == "Nhập 10 dòng"

    with qtbot.waitSignal(dialog.imported, timeout=20000) as done:
        click_import_and_confirm(qtbot, dialog)
    assert done.args[0]["persons"] == 10 and done.args[0]["persons_without_benefit"] == 1
    assert count_persons(qtbot, ops) == before + 10
    qtbot.waitUntil(lambda: ops._pending == 0, timeout=15000)
    memory = call(qtbot, ops, lambda s: s.import_memory())
    assert set(memory["schemes"].values()) == {"other"}
