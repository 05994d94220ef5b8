"""The app's file chooser shows a bundle's whole name, size, type and date at 150 % text (the
thirteenth tryout read "tantay-receipt…1-2e8b771d.ttb", "1….iB" and "5 12 2…")."""

from __future__ import annotations

import pytest

from desktop_app.ui.file_dialogs import _fit, make_dialog
from desktop_app.ui.qt import QApplication, QRect, QTreeView
from desktop_app.ui.style import apply_style

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

NAMES = (
    "tantay-receipt-20261205-2e8b771d.ttb",
    "tantay-6ba96312-3f1c-4be2-9d6e-2c1f8a456dda.ttb",
)


@pytest.mark.parametrize("scale", [100, 150])
def test_a_bundle_name_and_its_details_are_not_cut(qtbot, tmp_path, scale):
    app = QApplication.instance()
    apply_style(app, scale)
    try:
        for name in NAMES:
            (tmp_path / name).write_bytes(b"\0" * 1234)
        dialog = make_dialog(None, "Tệp biên nhận", str(tmp_path), "Gói dữ liệu (*.ttb)")
        qtbot.addWidget(dialog)
        smallest = QRect(0, 0, 1280, 720)  # the smallest screen the teams use
        _fit(dialog, smallest)
        dialog.show()
        tree = dialog.findChild(QTreeView, "treeView")
        assert tree is not None and tree.isVisible()
        model = tree.model()
        qtbot.waitUntil(lambda: model.rowCount(tree.rootIndex()) == len(NAMES), timeout=10_000)
        qtbot.wait(100)  # the sizes and dates arrive after the names
        assert dialog.width() <= smallest.width() and dialog.height() <= smallest.height()
        header = tree.header()
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        assert len(shown) == 3  # name, size, date: the type says nothing about a bundle
        for column in shown:
            # what Qt needs to show every row's text of the column whole (icon and padding in)
            needed = tree.sizeHintForColumn(column)
            texts = [str(model.index(r, column, tree.rootIndex()).data()) for r in range(2)]
            assert header.sectionSize(column) >= needed, (scale, column, texts, needed)
        assert any(
            "tantay-receipt" in str(model.index(r, 0, tree.rootIndex()).data()) for r in (0, 1)
        )
    finally:
        apply_style(app, 100)
