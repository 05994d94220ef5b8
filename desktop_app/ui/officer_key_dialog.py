"""A police officer registers their personal signing key from the app (no command line).

The same step as ``tantay --user NAME officer-enroll --code CODE``
(``desktop_app.sync.officers.enroll_officer``): the laptop makes the key, the city server
certifies it with the officer code the commune admin or the city handed over, and the key is kept
wrapped under the officer's password. The session signs with it at once: no lock and unlock.
It needs a connection; the request runs on the worker, never on the GUI thread.
"""

from __future__ import annotations

from desktop_app.core.errors import KnownError
from desktop_app.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.widgets import MessageLabel, current_lang, label


class OfficerKeyDialog(QDialog):
    """Officer code and password → the officer's signing key registered with the city."""

    registered = Signal(dict)  # the certificate the city server issued

    def __init__(self, ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("officerKeyDialog")
        self._ops = ops
        self._busy = False
        self.setWindowTitle(self.tr("Register your signing key"))
        self.intro = label(wrap=True)
        self.intro.setText(
            self.tr(
                "Your verifications count only when they carry your signature. Enter the officer "
                "code the commune admin or the city gave you, and your password. The laptop must "
                "be online; it takes a few seconds, once."
            )
        )
        self.code = QLineEdit(self)
        self.code.setObjectName("officerCode")
        self.code.setMaxLength(64)
        self.password = QLineEdit(self)
        self.password.setObjectName("officerPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.code_label = QLabel(self.tr("Officer &code"))
        self.code_label.setBuddy(self.code)
        self.password_label = QLabel(self.tr("Your &password"))
        self.password_label.setBuddy(self.password)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.code_label, self.code)
        form.addRow(self.password_label, self.password)
        self.message = MessageLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.register_button = self.buttons.addButton(
            self.tr("&Register"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.register_button.setObjectName("registerKey")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.register)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def register(self) -> None:
        """Send the new key's public half with the code, on the worker."""
        if self._busy:
            return
        code, password = self.code.text().strip(), self.password.text()
        if not code:
            self._say(self.message.show_error, self.tr("Enter the officer code."))
            self.code.setFocus()
            return
        if not password:
            self._say(self.message.show_error, self.tr("Enter your password."))
            self.password.setFocus()
            return
        self._busy = True
        self.register_button.setEnabled(False)
        self._say(self.message.show_info, self.tr("Registering with the city server…"))

        def fn(store):
            from desktop_app.sync.officers import enroll_officer

            return enroll_officer(store, password, code)

        self._ops.run(fn, self._done, self._failed)

    def _say(self, show, text: str) -> None:
        """A message under the fields; the dialog grows to show it whole (wrapped text)."""
        show(text)
        layout = self.layout()
        self.resize(self.width(), max(self.height(), layout.totalHeightForWidth(self.width())))

    def _done(self, cert: dict) -> None:
        self._busy = False
        self.password.clear()
        self.registered.emit(cert)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.register_button.setEnabled(True)
        self.password.clear()
        if isinstance(exc, KnownError):
            self._say(self.message.show_error, exc.message(current_lang()))
            self.code.setFocus()
        else:
            self._ops.show_error(exc, self)
