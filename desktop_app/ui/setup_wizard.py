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
    QEvent,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
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


class CommunePage(_Page):
    """Which commune this laptop works for: a search box and the matching communes listed under
    it (an inline list, not a popup, so it shows on every platform and never takes the text)."""

    def __init__(self):
        super().__init__()
        self.intro = label(wrap=True)
        self.search = QLineEdit()
        self.search.setObjectName("communeSearch")
        self.search.setClearButtonEnabled(True)
        self.suggestions = QListWidget()
        self.suggestions.setObjectName("communeSuggestions")
        self.suggestions.setMinimumHeight(160)
        self.chosen = label(role="ok", wrap=True)
        self.chosen.setObjectName("communeChosen")
        self.hint = label(role="muted", wrap=True)
        self._code: str | None = None
        self._communes = [
            (c.code, c.full_name, fold(f"{c.full_name} {c.name} {c.code}"))
            for c in hanoi_communes()
        ]
        self.search.textEdited.connect(self._typed)
        self.search.installEventFilter(self)
        self.suggestions.installEventFilter(self)
        self.suggestions.itemActivated.connect(self._picked)
        self.suggestions.itemClicked.connect(self._picked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.search)
        layout.addWidget(self.suggestions, 1)
        layout.addWidget(self.chosen)
        layout.addWidget(self.hint)
        self._fill("")
        self.retranslateUi()

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        """The cursor starts in the search box."""
        self.search.setFocus()

    def matches(self, text: str) -> list[str]:
        """Full names of the communes whose folded name contains the folded ``text``; those
        whose name starts with it first."""
        needle = fold(text).strip()
        hits = [(c, n, f) for c, n, f in self._communes if needle in f]
        hits.sort(key=lambda h: (not fold(h[1]).split(" ", 1)[-1].startswith(needle), h[2]))
        return [n for _c, n, _f in hits]

    def _fill(self, text: str) -> None:
        names = self.matches(text)
        codes = {n: c for c, n, _f in self._communes}
        self.suggestions.clear()
        for name in names:
            item = QListWidgetItem(name)
            item.setData(CODE_ROLE, codes[name])
            self.suggestions.addItem(item)
        if names:
            self.suggestions.setCurrentRow(0)

    def _typed(self, text: str) -> None:
        self._fill(text)
        if self._code is not None:
            self._code = None
            self._show_chosen()

    def _picked(self, item: QListWidgetItem) -> None:
        self._code = item.data(CODE_ROLE)
        self._show_chosen()

    def _show_chosen(self) -> None:
        name = next((n for c, n, _f in self._communes if c == self._code), "")
        self.chosen.setText(self.tr("Chosen: %1").replace("%1", name) if name else "")
        self.completeChanged.emit()

    def select_code(self, code: str) -> None:
        """Choose the commune with this code."""
        self._code = code if any(c == code for c, _n, _f in self._communes) else None
        self._show_chosen()

    def selected_code(self) -> str | None:
        """The code of the commune chosen, or None."""
        return self._code

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """Down moves into the list (the typed text stays); Enter picks and never advances
        the wizard until a commune is chosen."""
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is self.search:
            if key == Qt.Key.Key_Down and self.suggestions.count():
                self.suggestions.setFocus()
                return True
            if enter and self.suggestions.count() and self._code is None:
                self._picked(self.suggestions.currentItem() or self.suggestions.item(0))
                return True
        elif watched is self.suggestions and enter:
            item = self.suggestions.currentItem()
            if item is not None and item.data(CODE_ROLE) != self._code:
                self._picked(item)
                return True
        return False

    def isComplete(self) -> bool:
        """A commune from the list is chosen."""
        return self._code is not None

    def retranslateUi(self) -> None:
        """Set the page's texts."""
        self.setTitle(self.tr("Your commune"))
        self.setSubTitle(self.tr("Step 2 of 5 — Commune or ward (list in force from 1 July 2025)"))
        self.intro.setText(
            self.tr(
                "Which commune or ward does your team work in? Type part of the name, then pick "
                "it in the list (arrow keys and Enter, or a click)."
            )
        )
        self.search.setPlaceholderText(
            self.tr("Type part of the name, accents optional: for example “hoan kiem”")
        )
        self.hint.setText(
            self.tr(
                "Hà Nội has 126 communes and wards since 1 July 2025. Choose the new name, not "
                "the old district."
            )
        )
        self._show_chosen()


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
        self.entry.installEventFilter(self)  # Enter adds; it moves on only from an empty box
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

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        """The cursor starts in the name box."""
        self.entry.setFocus()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        """Enter with a name typed adds it and stays here; Enter in the empty box is Next."""
        if (
            watched is self.entry
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.entry.text().strip()
        ):
            self.add_village()
            return True
        return False

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
                "Households are filed under these names.\n\nIf the commune already uses Tận Tay "
                "on another laptop, leave this list empty: its villages arrive with the first "
                "sync once this laptop is enrolled (typed again here, each would be there twice)."
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

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        """The cursor starts in the full name."""
        self.full_name.setFocus()

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
            commune_code=wizard.commune_page.selected_code(),
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
