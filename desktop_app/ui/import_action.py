"""The File menu's "Import beneficiary list…" action (the dialog itself, import_dialog.py, and its
spreadsheet reader load the first time it is opened: ~30-45 ms of start-up otherwise; issue 17)."""

from __future__ import annotations

from desktop_app.store.permissions import allowed
from desktop_app.ui.qt import QAction, QCoreApplication, QEvent, QObject


class _MenuTexts(QObject):
    """Keeps the File-menu action's text in the current language."""

    def __init__(self, action: QAction, window):
        super().__init__(window)
        self._action = action
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the action's text."""
        self._action.setText(
            QCoreApplication.translate("ImportDialog", "&Import beneficiary list…")
        )

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """Follow language changes; never consumes the event."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


def add_import_action(window) -> QAction:
    """Put "Import beneficiary list…" in the main window's File menu, for admins and team leads
    only (shown again or hidden when the user changes)."""
    action = QAction(window)
    action.setObjectName("importAction")

    def open_dialog():
        from desktop_app.ui.import_dialog import ImportDialog  # loaded when first opened

        dialog = ImportDialog(window._ops, window)
        dialog.imported.connect(lambda _r: window.refresh_status())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def follow(session):
        action.setVisible(allowed(session.user.role, "import_beneficiaries"))

    action.triggered.connect(open_dialog)
    first = window.file_menu.actions()[0] if window.file_menu.actions() else None
    window.file_menu.insertAction(first, action)
    if first is not None:
        window.file_menu.insertSeparator(first)
    window.session_changed.connect(follow)
    follow(window.session)
    action._texts = _MenuTexts(action, window)
    return action
