"""Answer the app's file chooser as a person would: when Qt's dialog is up, type the file name
and accept (the dialog is the real one; see desktop_app/ui/file_dialogs.py)."""

from __future__ import annotations

from desktop_app.ui.qt import QApplication, QFileDialog, QTimer


def answer_next_file_dialog(path: str, seen: list | None = None) -> None:
    """The next QFileDialog shown gets ``path`` and is accepted (``seen`` collects it)."""

    def look():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog) or not dialog.isVisible():
            QTimer.singleShot(20, look)
            return
        if seen is not None:
            seen.append(dialog)
        dialog.selectFile(path)
        dialog.accept()

    QTimer.singleShot(0, look)
