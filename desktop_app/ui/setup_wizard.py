"""First-run setup: language, commune, villages, the first admin, and the recovery key.

The database is created on the worker (argon2id takes a moment) when the admin page is committed;
the recovery key is then shown once, and the wizard cannot finish until the person confirms they
have written it down.
"""

from __future__ import annotations

import re
from pathlib import Path

from desktop_app.core.admin_units import hanoi_communes
from desktop_app.core.errors import KnownError, ValidationError
from desktop_app.core.text import clean_text, fold
from desktop_app.store.keyfile import KdfParams
from desktop_app.store.store import MIN_PASSWORD, Store
from desktop_app.ui.ops import Ops
from desktop_app.ui.prefs import Prefs
from desktop_app.ui.qt import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QEvent,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QModelIndex,
    QPushButton,
    QRadioButton,
    QStandardItem,
    QStandardItemModel,
    Qt,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
    Signal,
)
from desktop_app.ui.settings_dialog import apply_language
from desktop_app.ui.style import app_icon
from desktop_app.ui.widgets import MessageLabel, current_lang, label

FOLD_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")


def suggest_username(full_name: str) -> str:
    """A user name from a full name: given name plus initials ("Phạm Quốc Bảo" → "baopq")."""
    words = re.findall(r"[a-z0-9]+", fold(full_name))
    if not words:
        return ""
    return (words[-1] + "".join(w[0] for w in words[:-1]))[:32]


class _Page(QWizardPage):
    """A wizard page that retranslates itself when the language changes."""

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        """Set the page's texts (overridden)."""


class LanguagePage(_Page):
    """Vietnamese (default) or English; the wizard switches at once."""

    def __init__(self, prefs: Prefs):
        super().__init__()
        self._prefs = prefs
        self.intro = label(wrap=True)
        self.vi = QRadioButton("Tiếng Việt")
        self.vi.setObjectName("langVi")
        self.en = QRadioButton("English")
        self.en.setObjectName("langEn")
        group = QButtonGroup(self)
        group.addButton(self.vi)
        group.addButton(self.en)
        (self.en if current_lang() == "en" else self.vi).setChecked(True)
        self.vi.toggled.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(12)
        layout.addWidget(self.vi)
        layout.addWidget(self.en)
        layout.addStretch(1)
        self.retranslateUi()

    def _chosen(self, _checked: bool) -> None:
        lang = "vi" if self.vi.isChecked() else "en"
        if lang != current_lang():
            apply_language(self._prefs, lang)

    def retranslateUi(self) -> None:
        """Set the page's texts."""
        self.setTitle(self.tr("Welcome to Tận Tay"))
        self.setSubTitle(self.tr("Step 1 of 5 — Language"))
        self.intro.setText(
            self.tr(
                "Tận Tay helps the community digital-technology team record household visits and "
                "check that people receiving social benefits can actually get their money. "
                "Let us set it up on this laptop. First, choose the language."
            )
        )


class CommuneCombo(QComboBox):
    """Hanoi's communes, searchable without accents ("hoan kiem" finds "Phường Hoàn Kiếm")."""

    commune_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self._model = QStandardItemModel(self)
        for commune in hanoi_communes():
            item = QStandardItem(commune.full_name)
            item.setData(commune.code, CODE_ROLE)
            item.setData(fold(f"{commune.full_name} {commune.name} {commune.code}"), FOLD_ROLE)
            self._model.appendRow(item)
        self.setModel(self._model)
        self.setCompleter(None)  # the built-in completer is accent-sensitive
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setCompletionRole(FOLD_ROLE)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer_.setMaxVisibleItems(10)
        self.completer_.setWidget(self.lineEdit())
        self.completer_.activated[QModelIndex].connect(self._picked)
        self.lineEdit().textEdited.connect(self._typed)
        self.lineEdit().textChanged.connect(lambda _t: self.commune_changed.emit())
        self.currentIndexChanged.connect(lambda _i: self.commune_changed.emit())
        self.setCurrentIndex(-1)

    def matches(self, text: str) -> list[str]:
        """Full names of the communes whose folded name contains the folded ``text``."""
        needle = fold(text)
        return [
            self._model.item(r).text()
            for r in range(self._model.rowCount())
            if needle in self._model.item(r).data(FOLD_ROLE)
        ]

    def _typed(self, text: str) -> None:
        self.completer_.setCompletionPrefix(fold(text))
        if text.strip():
            self.completer_.complete()
        else:
            self.completer_.popup().hide()

    def _picked(self, index: QModelIndex) -> None:
        code = index.data(CODE_ROLE)
        row = self.findData(code, CODE_ROLE)
        if row >= 0:
            self.setCurrentIndex(row)
            self.lineEdit().setText(self.itemText(row))

    def select_code(self, code: str) -> None:
        """Select the commune with this code."""
        row = self.findData(code, CODE_ROLE)
        self.setCurrentIndex(row)

    def selected_code(self) -> str | None:
        """The code of the commune named in the box, or None when the text names none."""
        text = fold(self.currentText())
        if not text:
            return None
        for r in range(self._model.rowCount()):
            item = self._model.item(r)
            if fold(item.text()) == text:
                return item.data(CODE_ROLE)
        return None


class CommunePage(_Page):
    """Which commune this laptop works for."""

    def __init__(self):
        super().__init__()
        self.intro = label(wrap=True)
        self.combo = CommuneCombo()
        self.combo.setObjectName("communeCombo")
        self.hint = label(role="muted", wrap=True)
        self.combo.commune_changed.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.combo)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.retranslateUi()

    def isComplete(self) -> bool:
        """A commune from the list is chosen."""
        return self.combo.selected_code() is not None

    def retranslateUi(self) -> None:
        """Set the page's texts."""
        self.setTitle(self.tr("Your commune"))
        self.setSubTitle(self.tr("Step 2 of 5 — Commune or ward (list in force from 1 July 2025)"))
        self.intro.setText(self.tr("Which commune or ward does your team work in?"))
        self.combo.lineEdit().setPlaceholderText(
            self.tr("Type part of the name, accents optional: for example “hoan kiem”")
        )
        self.hint.setText(
            self.tr(
                "Hà Nội has 126 communes and wards since 1 July 2025. Choose the new name, not "
                "the old district."
            )
        )


class VillagesPage(_Page):
    """The thôn / tổ dân phố the team covers (a simple list editor)."""

    def __init__(self):
        super().__init__()
        self.intro = label(wrap=True)
        self.entry = QLineEdit()
        self.entry.setObjectName("villageEntry")
        self.add_button = QPushButton()
        self.add_button.setObjectName("addVillage")
        self.list = QListWidget()
        self.list.setObjectName("villageList")
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("removeVillage")
        self.message = MessageLabel()
        self.entry.returnPressed.connect(self.add_village)
        self.add_button.clicked.connect(self.add_village)
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.list, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.remove_button)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        self.retranslateUi()

    def villages(self) -> list[str]:
        """The names entered, in order."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add_village(self) -> None:
        """Add the typed name (not twice, whatever the accents)."""
        name = clean_text(self.entry.text())
        if not name:
            return
        if any(fold(v) == fold(name) for v in self.villages()):
            self.message.show_error(self.tr("“%1” is already in the list.").replace("%1", name))
            return
        self.message.clear_message()
        self.list.addItem(name)
        self.entry.clear()
        self.entry.setFocus()

    def remove_selected(self) -> None:
        """Remove the selected name."""
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def retranslateUi(self) -> None:
        """Set the page's texts."""
        self.setTitle(self.tr("Villages and residential groups"))
        self.setSubTitle(self.tr("Step 3 of 5 — Thôn / tổ dân phố your team covers"))
        self.intro.setText(
            self.tr(
                "Type the name of each thôn or tổ dân phố your team covers and press Enter. "
                "Households are filed under these names."
            )
        )
        self.entry.setPlaceholderText(self.tr("for example: Tổ dân phố số 4 Hàng Buồm"))
        self.add_button.setText(self.tr("Add"))
        self.remove_button.setText(self.tr("Remove selected"))


class AdminPage(_Page):
    """The first admin account; committing this page creates the encrypted database."""

    def __init__(self, ops: Ops, data_dir: Path, prefs: Prefs, kdf: KdfParams | None):
        super().__init__()
        self._ops = ops
        self._data_dir = Path(data_dir)
        self._prefs = prefs
        self._kdf = kdf
        self._creating = False
        self.created = False
        self._username_edited = False
        self.setCommitPage(True)
        self.intro = label(wrap=True)
        self.full_name = QLineEdit()
        self.full_name.setObjectName("adminFullName")
        self.username = QLineEdit()
        self.username.setObjectName("adminUsername")
        self.username.setMaxLength(32)
        self.password = QLineEdit()
        self.password.setObjectName("adminPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("adminPasswordAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors = {k: MessageLabel() for k in ("full_name", "username", "password", "again")}
        for key, widget in self.errors.items():
            widget.setObjectName(f"error_{key}")
        self.labels = {k: QLabel() for k in ("full_name", "username", "password", "again")}
        self.status = MessageLabel()
        self.status.setObjectName("createStatus")
        form = QFormLayout()
        form.setVerticalSpacing(10)
        for key, field in (
            ("full_name", self.full_name),
            ("username", self.username),
            ("password", self.password),
            ("again", self.again),
        ):
            cell = QWidget()
            column = QVBoxLayout(cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(field)
            column.addWidget(self.errors[key])
            form.addRow(self.labels[key], cell)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self._touched: set[str] = set()
        self.full_name.textEdited.connect(self._name_typed)
        self.username.textEdited.connect(self._username_typed)
        for key, field in (("password", self.password), ("again", self.again)):
            field.textEdited.connect(lambda _t, k=key: self._touch(k))
        self.retranslateUi()

    def _name_typed(self, text: str) -> None:
        if not self._username_edited:
            self.username.setText(suggest_username(text))
        self._touch("full_name")

    def _username_typed(self, _text: str) -> None:
        self._username_edited = True
        self._touch("username")

    def _touch(self, key: str) -> None:
        self._touched.add(key)
        if key == "password" and self.again.text():
            self._touched.add("again")
        self.validate()
        self.completeChanged.emit()

    def problems(self) -> dict[str, str]:
        """Field → what is wrong with it, in the current language."""
        out = {}
        if not clean_text(self.full_name.text()):
            out["full_name"] = self.tr("Enter your full name.")
        if not _USERNAME.match(self.username.text()):
            out["username"] = self.tr(
                "2 to 32 characters: lower-case letters without accents, digits, dot, dash."
            )
        if len(self.password.text()) < MIN_PASSWORD:
            out["password"] = self.tr("At least %1 characters.").replace("%1", str(MIN_PASSWORD))
        if self.again.text() != self.password.text():
            out["again"] = self.tr("The two passwords are not the same.")
        return out

    def validate(self) -> None:
        """Show the problems of the fields already touched."""
        problems = self.problems()
        for key, widget in self.errors.items():
            if key in self._touched and key in problems:
                widget.show_error(problems[key])
            else:
                widget.clear_message()

    def isComplete(self) -> bool:
        """Every field is valid and the database is not being created right now."""
        return not self.problems() and not self._creating

    def validatePage(self) -> bool:
        """Create the database on the worker; the wizard moves on when it is done."""
        if self.created:
            return True
        if self._creating or self.problems():
            return False
        wizard = self.wizard()
        self._creating = True
        self.completeChanged.emit()
        for field in (self.full_name, self.username, self.password, self.again):
            field.setEnabled(False)
        wizard.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.status.show_ok(self.tr("Creating the encrypted database… this takes a few seconds."))
        data_dir, kdf = self._data_dir, self._kdf
        fields = dict(
            admin_username=self.username.text(),
            admin_password=self.password.text(),
            admin_full_name=self.full_name.text(),
            commune_code=wizard.commune_page.combo.selected_code(),
            villages=wizard.villages_page.villages(),
            language=current_lang(),
            kdf=kdf,
        )

        def create(_store):
            store, recovery = Store.create(data_dir, **fields)
            store.close()
            return recovery

        self._ops.run(create, self._created_ok, self._create_failed)
        return False

    def _created_ok(self, recovery_key: str) -> None:
        self._creating = False
        self.created = True
        self.status.clear_message()
        self.wizard().set_recovery_key(recovery_key)
        self.wizard().next()

    def _create_failed(self, exc: BaseException) -> None:
        self._creating = False
        for field in (self.full_name, self.username, self.password, self.again):
            field.setEnabled(True)
        self.wizard().button(QWizard.WizardButton.BackButton).setEnabled(True)
        self.completeChanged.emit()
        if isinstance(exc, ValidationError) and exc.field in self.errors:
            self.status.clear_message()
            self.errors[exc.field].show_error(exc.message(current_lang()))
        elif isinstance(exc, KnownError):
            self.status.show_error(exc.message(current_lang()))
        else:
            self.status.clear_message()
            self._ops.show_error(exc, self)

    def retranslateUi(self) -> None:
        """Set the page's texts."""
        self.setTitle(self.tr("The first administrator"))
        self.setSubTitle(self.tr("Step 4 of 5 — Your own account"))
        self.intro.setText(
            self.tr(
                "This account sets up the laptop and adds the other users (volunteers, team "
                "lead, police officer). Choose a password you will remember; it also protects "
                "the encrypted data."
            )
        )
        self.labels["full_name"].setText(self.tr("Full name"))
        self.labels["username"].setText(self.tr("User name"))
        self.labels["password"].setText(self.tr("Password"))
        self.labels["again"].setText(self.tr("Password again"))
        self.full_name.setPlaceholderText(self.tr("for example: Phạm Quốc Bảo"))
        self.validate()


class RecoveryPage(_Page):
    """The recovery key, shown once, with a Copy button and a confirmation to tick."""

    def __init__(self):
        super().__init__()
        self.intro = label(wrap=True)
        self.key_label = QLabel()
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setProperty("role", "recovery-key")
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("copyKey")
        self.copy_button.clicked.connect(self.copy)
        self.copied = label(role="ok")
        self.copied.hide()
        self.warning = label(role="note", wrap=True)
        self.confirm = QCheckBox()
        self.confirm.setObjectName("confirmWritten")
        self.confirm.toggled.connect(self.completeChanged)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.copied)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.key_label)
        layout.addLayout(row)
        layout.addWidget(self.warning)
        layout.addSpacing(8)
        layout.addWidget(self.confirm)
        layout.addStretch(1)
        self.retranslateUi()

    def set_key(self, key: str) -> None:
        """Show ``key``."""
        self.key_label.setText(key)

    def copy(self) -> None:
        """Copy the key to the clipboard."""
        QApplication.clipboard().setText(self.key_label.text())
        self.copied.show()

    def isComplete(self) -> bool:
        """Only once the person says they wrote the key down."""
        return self.confirm.isChecked()

    def retranslateUi(self) -> None:
        """Set the page's texts."""
        self.setTitle(self.tr("Your recovery key"))
        self.setSubTitle(self.tr("Step 5 of 5 — Write it down now: it is shown only once"))
        self.intro.setText(
            self.tr(
                "If every password is forgotten, this key is the only way to open the data "
                "again. Write it on paper and keep it locked away at the commune office."
            )
        )
        self.copy_button.setText(self.tr("Copy"))
        self.copied.setText(self.tr("Copied."))
        self.warning.setText(
            self.tr(
                "Do not keep it in a file on this laptop, and do not send it by Zalo or e-mail. "
                "Anyone who has it can read the data."
            )
        )
        self.confirm.setText(
            self.tr("I have written the recovery key down and put it in a safe place")
        )


class SetupWizard(QWizard):
    """The first-run wizard. ``created`` tells whether the database now exists."""

    database_created = Signal()

    def __init__(
        self,
        ops: Ops,
        data_dir: Path,
        prefs: Prefs,
        kdf: KdfParams | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoDefaultButton, False)
        self.language_page = LanguagePage(prefs)
        self.commune_page = CommunePage()
        self.villages_page = VillagesPage()
        self.admin_page = AdminPage(ops, data_dir, prefs, kdf)
        self.recovery_page = RecoveryPage()
        for page in (
            self.language_page,
            self.commune_page,
            self.villages_page,
            self.admin_page,
            self.recovery_page,
        ):
            self.addPage(page)
        self.recovery_key: str | None = None
        self.resize(820, 620)
        self.retranslateUi()

    @property
    def created(self) -> bool:
        """True once the database exists."""
        return self.admin_page.created

    def set_recovery_key(self, key: str) -> None:
        """Called when the database was created."""
        self.recovery_key = key
        self.recovery_page.set_key(key)
        self.database_created.emit()

    def reject(self) -> None:
        """Cancel before the database exists; afterwards only Finish closes (the key is shown once)."""
        if self.created and not self.recovery_page.confirm.isChecked():
            return
        super().reject()

    def retranslateUi(self) -> None:
        """Window title and button texts (Qt's own are not translated without its catalogue)."""
        self.setWindowTitle(self.tr("Tận Tay — First-time setup"))
        texts = {
            QWizard.WizardButton.BackButton: self.tr("< Back"),
            QWizard.WizardButton.NextButton: self.tr("Next >"),
            QWizard.WizardButton.CommitButton: self.tr("Create the database"),
            QWizard.WizardButton.FinishButton: self.tr("Finish"),
            QWizard.WizardButton.CancelButton: self.tr("Cancel"),
        }
        for button, text in texts.items():
            self.setButtonText(button, text)

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
