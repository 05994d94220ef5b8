"""The admin's role dialog: give a user another role (the store refuses the last admin's and
one's own, and records the change in the audit log)."""

from __future__ import annotations

from desktop_app.core.errors import KnownError
from desktop_app.store.permissions import ROLE_LABELS, ROLES
from desktop_app.ui.ops import Ops
from desktop_app.ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import MessageLabel, current_lang


class RoleDialog(QDialog):
    """Choose a new role for ``username``; ``saved`` carries the message to show."""

    saved = Signal(str)

    def __init__(self, ops: Ops, username: str, role: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("roleDialog")
        self._ops = ops
        self._username = username
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.role = QComboBox()
        self.role.setObjectName("roleCombo")
        for code in ROLES:
            self.role.addItem("", code)
        self.role.setCurrentIndex(max(0, self.role.findData(role)))
        self.role_label = QLabel()
        self.role_label.setBuddy(self.role)
        self.message = MessageLabel()
        form = QFormLayout()
        form.addRow(self.role_label, self.role)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.retranslateUi()

    def retranslateUi(self) -> None:  # noqa: N802 (Qt naming)
        """Every visible text in the current language."""
        self.setWindowTitle(self.tr("Role of %1").replace("%1", self._username))
        self.intro.setText(
            self.tr(
                "What %1 may do on this laptop. The change is recorded in the audit log; it "
                "applies from their next login."
            ).replace("%1", self._username)
        )
        self.role_label.setText(self.tr("&Role:"))
        lang = current_lang()
        for i in range(self.role.count()):
            vi, en = ROLE_LABELS[self.role.itemData(i)]
            self.role.setItemText(i, vi if lang == "vi" else en)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def submit(self) -> None:
        """Change the role on the worker."""
        username, role = self._username, self.role.currentData()
        self.buttons.setEnabled(False)
        self._ops.run(
            lambda store: store.change_role(username, role),
            lambda _r: self._done(role),
            self._failed,
        )

    def _done(self, role: str) -> None:
        self.buttons.setEnabled(True)
        vi, en = ROLE_LABELS[role]
        self.saved.emit(
            self.tr("%1 is now: %2.")
            .replace("%1", self._username)
            .replace("%2", vi if current_lang() == "vi" else en)
        )
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, KnownError):
            self.message.show_error(exc.message(current_lang()))
        else:
            self._ops.show_error(exc, self)
