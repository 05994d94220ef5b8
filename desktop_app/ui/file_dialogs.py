"""The app's file and folder choosers: always Qt's own widget-based dialog.

A platform's native dialog (GTK portal, Windows shell) is in the system's language, not the
app's, and ignores the app's translation; Qt's dialog (``DontUseNativeDialog``) shows the
project's Vietnamese for Qt's strings (``resources/i18n/qtbase_vi.ts``, loaded by ``i18n``) and
looks the same on every laptop (issue 19). Use these instead of QFileDialog's static functions.
"""

from __future__ import annotations

from desktop_app.ui.qt import (
    QDialog,
    QFileDialog,
    QHeaderView,
    QRect,
    QSplitter,
    QTreeView,
    QWidget,
)

OBJECT_NAME = "tantayFileDialog"


def make_dialog(
    parent: QWidget | None,
    title: str,
    directory: str = "",
    name_filter: str = "",
    *,
    mode: str = "open",
) -> QFileDialog:
    """A widget-based QFileDialog: ``mode`` "open" (an existing file), "save" or "folder"."""
    dialog = QFileDialog(parent, title, directory or "")
    dialog.setObjectName(OBJECT_NAME)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if name_filter:
        dialog.setNameFilter(name_filter)
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    elif mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    _fit(dialog)
    return dialog


def _fit(dialog: QFileDialog, area: QRect | None = None) -> None:
    """Room for a bundle's name, size and date (the thirteenth tryout: Qt's default size cut them
    to "tantay-receipt…1-2e8b771d.ttb", "1….iB", "5 12 2…" at 150 % text).

    The dialog takes most of ``area`` (the screen's), the places on the left stay narrow, and in
    the detail view the name column takes what the size and date do not need; the type column
    (Qt's "không rõ" for a bundle) is left out."""
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    if area is None:
        screen = (dialog.parentWidget() or dialog).screen()
        area = screen.availableGeometry() if screen is not None else None
    em = dialog.fontMetrics().horizontalAdvance("M")
    if area is not None:
        dialog.resize(min(area.width() * 9 // 10, 64 * em), min(area.height() * 8 // 10, 34 * em))
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None:
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, header.count()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        if header.count() > 3:
            header.hideSection(2)  # the type: "không rõ" for every bundle
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None:
        side = 9 * em
        splitter.setSizes([side, max(dialog.width() - side, side)])


def _run(dialog: QFileDialog) -> str:
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return ""
        files = dialog.selectedFiles()
        return files[0] if files else ""
    finally:
        dialog.deleteLater()


def open_file_name(
    parent: QWidget | None, title: str, directory: str = "", name_filter: str = ""
) -> tuple[str, str]:
    """Like ``QFileDialog.getOpenFileName``: (path or "", filter)."""
    dialog = make_dialog(parent, title, directory, name_filter, mode="open")
    chosen_filter = name_filter
    path = _run(dialog)
    return path, chosen_filter


def save_file_name(
    parent: QWidget | None, title: str, directory: str = "", name_filter: str = ""
) -> tuple[str, str]:
    """Like ``QFileDialog.getSaveFileName``: (path or "", filter); asks before replacing."""
    dialog = make_dialog(parent, title, directory, name_filter, mode="save")
    path = _run(dialog)
    return path, name_filter


def existing_directory(parent: QWidget | None, title: str, directory: str = "") -> str:
    """Like ``QFileDialog.getExistingDirectory``: the folder or ""."""
    return _run(make_dialog(parent, title, directory, mode="folder"))
