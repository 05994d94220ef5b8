"""Settings: language (switched live), text size, idle lock, own password, and users (admins).

The display settings are laptop preferences (``prefs.json``), readable before login. User
management calls the store on the worker; the store checks the permission again.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.errors import KnownError
from desktop_app.store.permissions import ROLE_LABELS, ROLES
from desktop_app.ui import i18n
from desktop_app.ui.login import Session
from desktop_app.ui.ops import Ops
from desktop_app.ui.prefs import FONT_SCALES, IDLE_MINUTES_RANGE, Prefs
from desktop_app.ui.qt import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.style import apply_style
from desktop_app.ui.widgets import MessageLabel, current_lang, label, role_label

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def apply_language(prefs: Prefs, lang: str) -> None:
    """Switch the whole app to ``lang`` now and remember it for the next start."""
    prefs.language = lang
    prefs.save()
    i18n.install(lang)


def apply_font_scale(prefs: Prefs, scale: int) -> None:
    """Resize every text now (100, 125, 150 or 175 %) and remember it."""
    prefs.font_scale = scale
    prefs.save()
    app = QApplication.instance()
    if app is not None:
        apply_style(app, scale, high_contrast=prefs.high_contrast)


def apply_high_contrast(prefs: Prefs, on: bool) -> None:
    """Switch the high-contrast colours on or off now and remember it."""
    prefs.high_contrast = on
    prefs.save()
    app = QApplication.instance()
    if app is not None:
        apply_style(app, prefs.font_scale, high_contrast=on)


def _card(title_label: QLabel) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setProperty("role", "card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(24, 18, 24, 18)
    layout.setSpacing(10)
    layout.addWidget(title_label)
    return card, layout


class SettingsPanel(QWidget):
    """The settings page of the main window (also shown in ``SettingsDialog``)."""

    idle_minutes_changed = Signal(int)

    def __init__(
        self,
        ops: Ops,
        prefs: Prefs,
        session: Session,
        data_dir: Path | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._ops = ops
        self._prefs = prefs
        self._session = session
        self._data_dir = data_dir
        self._users: list[dict] = []

        self.heading = label(role="heading")
        # Display
        self.display_title = label(role="subheading")
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(prefs.language))
        self.font_scale = QComboBox()
        self.font_scale.setObjectName("fontScaleCombo")
        for scale in FONT_SCALES:
            self.font_scale.addItem("", scale)
        self.font_scale.setCurrentIndex(self.font_scale.findData(prefs.font_scale))
        self.high_contrast = QCheckBox()
        self.high_contrast.setObjectName("highContrast")
        self.high_contrast.setChecked(prefs.high_contrast)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(*IDLE_MINUTES_RANGE)
        self.idle_minutes.setValue(prefs.idle_lock_minutes)
        self.labels = {k: QLabel() for k in ("language", "font", "contrast", "idle")}
        display_card, display = _card(self.display_title)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        for key, field in (
            ("language", self.language),
            ("font", self.font_scale),
            ("contrast", self.high_contrast),
            ("idle", self.idle_minutes),
        ):
            self.labels[key].setBuddy(field)
        form.addRow(self.labels["language"], self.language)
        form.addRow(self.labels["font"], self.font_scale)
        form.addRow(self.labels["contrast"], self.high_contrast)
        form.addRow(self.labels["idle"], self.idle_minutes)
        display.addLayout(form)
        self.idle_hint = label(role="muted", wrap=True)
        display.addWidget(self.idle_hint)

        # Own account
        self.account_title = label(role="subheading")
        self.account_info = label(wrap=True)
        self.change_password_button = QPushButton()
        self.change_password_button.setObjectName("changePassword")
        self.change_password_button.clicked.connect(self.change_own_password)
        account_card, account = _card(self.account_title)
        account.addWidget(self.account_info)
        # the audit log (team lead and admin; the store checks it again): audit_view.py
        self.audit_button = QPushButton()
        self.audit_button.setObjectName("auditLog")
        self.audit_button.clicked.connect(self.open_audit_log)
        row = QHBoxLayout()
        row.addWidget(self.change_password_button)
        row.addWidget(self.audit_button)
        row.addStretch(1)
        account.addLayout(row)

        # Users (admin)
        self.users_title = label(role="subheading")
        self.users_table = QTableWidget(0, 4)
        self.users_table.setObjectName("usersTable")
        self.users_table.verticalHeader().setVisible(False)
        self.users_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.users_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.users_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.users_table.setAlternatingRowColors(True)
        self.users_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.users_table.setMinimumHeight(200)
        self.add_user_button = QPushButton()
        self.add_user_button.setObjectName("addUser")
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("resetPassword")
        self.disable_button = QPushButton()
        self.disable_button.setObjectName("disableUser")
        self.role_button = QPushButton()
        self.role_button.setObjectName("changeRole")
        self.role_button.clicked.connect(self.change_role)
        self.users_table.currentCellChanged.connect(lambda *_a: self._user_selected())
        self.users_message = MessageLabel()
        self.add_user_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.disable_button.clicked.connect(self.disable_user)
        self.users_card, users = _card(self.users_title)
        users.addWidget(self.users_table)
        buttons = QHBoxLayout()
        for b in (self.add_user_button, self.reset_button, self.role_button, self.disable_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        users.addLayout(buttons)
        users.addWidget(self.users_message)

        # This laptop
        self.laptop_title = label(role="subheading")
        self.laptop_info = label(role="muted", wrap=True)
        self.laptop_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        laptop_card, laptop = _card(self.laptop_title)
        laptop.addWidget(self.laptop_info)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(28, 20, 28, 20)
        column.setSpacing(16)
        column.addWidget(self.heading)
        column.addWidget(display_card)
        column.addWidget(account_card)
        column.addWidget(self.users_card)
        column.addWidget(laptop_card)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.language.currentIndexChanged.connect(self._language_chosen)
        self.font_scale.currentIndexChanged.connect(self._scale_chosen)
        self.high_contrast.toggled.connect(lambda on: apply_high_contrast(self._prefs, on))
        self.idle_minutes.valueChanged.connect(self._idle_chosen)
        self.set_session(session)
        self.retranslateUi()

    # --- texts -----------------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        """Every visible text in the current language."""
        self.heading.setText(self.tr("Settings"))
        self.display_title.setText(self.tr("Display"))
        self.labels["language"].setText(self.tr("Language"))
        self.labels["font"].setText(self.tr("Text size"))
        self.labels["contrast"].setText(self.tr("Contrast"))
        self.high_contrast.setText(self.tr("High contrast (black on white, thick outlines)"))
        self.labels["idle"].setText(self.tr("Lock after"))
        names = {
            100: self.tr("Normal (100%)"),
            125: self.tr("Large (125%)"),
            150: self.tr("Very large (150%)"),
            175: self.tr("Largest (175%)"),
        }
        for i in range(self.font_scale.count()):
            self.font_scale.setItemText(i, names[self.font_scale.itemData(i)])
        self.idle_minutes.setSuffix(" " + self.tr("minutes without use"))
        self.idle_hint.setText(
            self.tr(
                "When nobody uses the laptop for this long, Tận Tay locks itself so that "
                "people's data is not left open. Press Ctrl+L to lock at once."
            )
        )
        self.account_title.setText(self.tr("My account"))
        user = self._session.user
        self.account_info.setText(
            self.tr("Logged in as %1 (%2), user name %3.")
            .replace("%1", user.full_name)
            .replace("%2", role_label(user.role))
            .replace("%3", user.username)
        )
        self.change_password_button.setText(self.tr("Change my password…"))
        self.audit_button.setText(self.tr("Audit log…"))
        self.users_title.setText(self.tr("Users of this laptop"))
        self.users_table.setHorizontalHeaderLabels(
            [self.tr("User name"), self.tr("Full name"), self.tr("Role"), self.tr("Status")]
        )
        self.add_user_button.setText(self.tr("Add user…"))
        self._user_selected()
        self.role_button.setText(self.tr("Change role…"))
        self.disable_button.setText(self.tr("Disable account"))
        self.laptop_title.setText(self.tr("This laptop"))
        folder = str(self._data_dir) if self._data_dir else "—"
        # a long path may wrap after any folder separator instead of widening the page
        folder = folder.replace("/", "/\u200b").replace("\\", "\\\u200b")
        self.laptop_info.setText(
            self.tr("Data folder: %1\nThe data is encrypted; back up this whole folder.").replace(
                "%1", folder
            )
        )
        self._fill_users()

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- state ---------------------------------------------------------------------------------

    def set_session(self, session: Session) -> None:
        """Who is logged in (after a user switch the users section may appear or go)."""
        self._session = session
        self.users_card.setVisible(session.can_manage_users)
        self.audit_button.setVisible(session.user.role in ("team_lead", "admin"))
        self.retranslateUi()
        if session.can_manage_users and self.isVisible():
            self.load_users()

    def activate(self) -> None:
        """Called when the page is shown: load the users for an admin."""
        self.language.blockSignals(True)
        self.language.setCurrentIndex(self.language.findData(current_lang()))
        self.language.blockSignals(False)
        if self._session.can_manage_users:
            self.load_users()

    def _language_chosen(self, index: int) -> None:
        apply_language(self._prefs, self.language.itemData(index))

    def _scale_chosen(self, index: int) -> None:
        apply_font_scale(self._prefs, self.font_scale.itemData(index))

    def _idle_chosen(self, minutes: int) -> None:
        self._prefs.idle_lock_minutes = minutes
        self._prefs.save()
        self.idle_minutes_changed.emit(minutes)

    def open_audit_log(self) -> None:
        """Show the audit log in its own window."""
        from desktop_app.ui.audit_view import AuditDialog

        dialog = AuditDialog(self._ops, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.audit_dialog = dialog
        dialog.open()

    # --- users -----------------------------------------------------------------------------------

    def load_users(self) -> None:
        """Read the users on the worker."""
        self._ops.run(lambda store: store.list_users(), self._users_arrived, self._failed)

    def _users_arrived(self, users: list[dict]) -> None:
        self._users = users
        self._fill_users()

    def _fill_users(self) -> None:
        self.users_table.setRowCount(len(self._users))
        for row, user in enumerate(self._users):
            status = self.tr("Disabled") if user.get("disabled") else self.tr("Active")
            values = (user["username"], user["full_name"], role_label(user["role"]), status)
            for col, value in enumerate(values):
                self.users_table.setItem(row, col, QTableWidgetItem(value))
        self._user_selected()

    def _selected_user(self) -> dict | None:
        row = self.users_table.currentRow()
        return self._users[row] if 0 <= row < len(self._users) else None

    def _user_selected(self) -> None:
        """A disabled account is enabled again with a new password; the button says so."""
        user = self._selected_user()
        disabled = bool(user and user.get("disabled"))
        self.reset_button.setText(
            self.tr("Enable with a new password…") if disabled else self.tr("Set a new password…")
        )
        self.disable_button.setEnabled(not disabled)

    def change_role(self) -> None:
        """Give the selected user another role (the store keeps one admin at least)."""
        from desktop_app.ui.user_admin import RoleDialog

        user = self._selected_user()
        if user is None:
            self.users_message.show_error(self.tr("Choose a user in the list first."))
            return
        dialog = RoleDialog(self._ops, user["username"], user["role"], self)
        dialog.saved.connect(self._user_saved)
        dialog.open()

    def selected_username(self) -> str | None:
        """The user name of the selected row."""
        row = self.users_table.currentRow()
        return self._users[row]["username"] if 0 <= row < len(self._users) else None

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, KnownError):
            self.users_message.show_error(exc.message(current_lang()))
        else:
            self._ops.show_error(exc, self)

    def add_user(self) -> None:
        """Open the new-user dialog."""
        dialog = UserDialog(self._ops, self)
        dialog.saved.connect(self._user_saved)
        dialog.open()

    def _user_saved(self, text: str) -> None:
        self.users_message.show_ok(text)
        self.load_users()

    def reset_password(self) -> None:
        """Set a new password for the selected user."""
        username = self.selected_username()
        if not username:
            self.users_message.show_error(self.tr("Choose a user in the list first."))
            return
        dialog = PasswordDialog(self._ops, self, username=username)
        dialog.saved.connect(self._user_saved)
        dialog.open()

    def change_own_password(self) -> None:
        """Change the password of the person logged in."""
        dialog = PasswordDialog(self._ops, self, username=None)
        dialog.saved.connect(lambda text: QMessageBox.information(self, "Tận Tay", text))
        dialog.open()

    def disable_user(self) -> None:
        """Disable the selected user after a confirmation."""
        username = self.selected_username()
        if not username:
            self.users_message.show_error(self.tr("Choose a user in the list first."))
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Disable account"),
            self.tr(
                "Disable the account %1? This person will no longer be able to log in on this "
                "laptop. An admin can give them a new password later."
            ).replace("%1", username),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Disable"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda result: (
                self._do_disable(username)
                if result == QMessageBox.StandardButton.Yes.value
                else None
            )
        )
        box.open()

    def _do_disable(self, username: str) -> None:
        self._ops.run(
            lambda store: store.disable_user(username),
            lambda _r: self._user_saved(
                self.tr("The account %1 is disabled.").replace("%1", username)
            ),
            self._failed,
        )


class UserDialog(QDialog):
    """Add a user: user name, full name, role, password twice."""

    saved = Signal(str)

    def __init__(self, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self.username = QLineEdit()
        self.username.setObjectName("newUsername")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("newFullName")
        self.role = QComboBox()
        self.role.setObjectName("newRole")
        for role in ROLES:
            self.role.addItem("", role)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = MessageLabel()
        self.labels = [QLabel() for _ in range(5)]
        form = QFormLayout()
        fields = (self.full_name, self.username, self.role, self.password, self.again)
        for lab, field in zip(self.labels, fields, strict=True):
            lab.setBuddy(field)
            form.addRow(lab, field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Every visible text in the current language."""
        self.setWindowTitle(self.tr("Add a user"))
        texts = (
            self.tr("Full name"),
            self.tr("User name"),
            self.tr("Role"),
            self.tr("Password"),
            self.tr("Password again"),
        )
        for lab, text in zip(self.labels, texts, strict=True):
            lab.setText(text)
        lang = current_lang()
        for i in range(self.role.count()):
            vi, en = ROLE_LABELS[self.role.itemData(i)]
            self.role.setItemText(i, vi if lang == "vi" else en)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def submit(self) -> None:
        """Check, then add the user on the worker."""
        if self.password.text() != self.again.text():
            self.message.show_error(self.tr("The two passwords are not the same."))
            return
        username = self.username.text().strip().lower()
        full_name, role, password = (
            self.full_name.text(),
            self.role.currentData(),
            self.password.text(),
        )
        self.buttons.setEnabled(False)
        self._ops.run(
            lambda store: store.add_user(username, full_name, role, password),
            lambda _r: self._done(username),
            self._failed,
        )

    def _done(self, username: str) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(self.tr("User %1 added.").replace("%1", username))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, KnownError):
            self.message.show_error(exc.message(current_lang()))
        else:
            self._ops.show_error(exc, self)


class PasswordDialog(QDialog):
    """A new password: an admin resetting another user's, or one's own (asks the old one)."""

    saved = Signal(str)

    def __init__(self, ops: Ops, parent: QWidget | None = None, *, username: str | None = None):
        super().__init__(parent)
        self._ops = ops
        self._username = username
        self.old = QLineEdit()
        self.old.setEchoMode(QLineEdit.EchoMode.Password)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = MessageLabel()
        self.labels = [QLabel() for _ in range(3)]
        form = QFormLayout()
        for lab, field in zip(self.labels, (self.old, self.password, self.again), strict=True):
            lab.setBuddy(field)
        if username is None:
            form.addRow(self.labels[0], self.old)
        form.addRow(self.labels[1], self.password)
        form.addRow(self.labels[2], self.again)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Every visible text in the current language."""
        if self._username:
            self.setWindowTitle(self.tr("New password for %1").replace("%1", self._username))
        else:
            self.setWindowTitle(self.tr("Change my password"))
        for lab, text in zip(
            self.labels,
            (self.tr("Current password"), self.tr("New password"), self.tr("New password again")),
            strict=True,
        ):
            lab.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def submit(self) -> None:
        """Check, then save on the worker (argon2id runs there)."""
        if self.password.text() != self.again.text():
            self.message.show_error(self.tr("The two passwords are not the same."))
            return
        new, old, username = self.password.text(), self.old.text(), self._username
        if username:
            fn = lambda store: store.reset_password(username, new)  # noqa: E731
        else:
            fn = lambda store: store.change_password(old, new)  # noqa: E731
        self.buttons.setEnabled(False)
        self._ops.run(fn, self._done, self._failed)

    def _done(self, _result) -> None:
        self.buttons.setEnabled(True)
        if self._username:
            text = self.tr("A new password was set for %1.").replace("%1", self._username)
        else:
            text = self.tr("Your password was changed.")
        self.saved.emit(text)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, KnownError):
            self.message.show_error(exc.message(current_lang()))
        else:
            self._ops.show_error(exc, self)


class SettingsDialog(QDialog):
    """The settings panel in a dialog of its own (the main window also has it as a page)."""

    def __init__(
        self,
        ops: Ops,
        prefs: Prefs,
        session: Session,
        data_dir: Path | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.panel = SettingsPanel(ops, prefs, session, data_dir, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self._buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(buttons)
        self.resize(760, 640)
        self.retranslateUi()
        self.panel.activate()

    def retranslateUi(self) -> None:
        """Every visible text in the current language."""
        self.setWindowTitle(self.tr("Settings"))
        self._buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
