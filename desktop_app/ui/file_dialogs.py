"""The app's file and folder choosers: always Qt's own widget-based dialog.

A platform's native dialog (GTK portal, Windows shell) is in the system's language, not the
app's, and ignores the app's translation; Qt's dialog (``DontUseNativeDialog``) shows the
project's Vietnamese for Qt's strings (``resources/i18n/qtbase_vi.ts``, loaded by ``i18n``) and
looks the same on every laptop (issue 19). Use these instead of QFileDialog's static functions.
"""

from __future__ import annotations

from desktop_app.ui.qt import QDialog, QFileDialog, QWidget

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
    return dialog


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
