"""Login, lock screen, quick user switch and password recovery.

Every password check runs on the database worker (argon2id takes a noticeable moment). Messages a
person can act on (wrong password, locked out with the wait, account disabled) appear inline, in
the current language.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.core import admin_units
from desktop_app.core.errors import KnownError, LockedOut
from desktop_app.store.demo import DEMO_PASSWORD, DEMO_USERS
from desktop_app.store.files import KEYS_NAME
from desktop_app.ui.ops import Ops
from desktop_app.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFont,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSize,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.style import app_icon
from desktop_app.ui.widgets import (
    MessageLabel,
    current_lang,
    label,
    link_button,
    primary_button,
    role_label,
)

if TYPE_CHECKING:  # the store's code loads during the login itself (load_main_window_code)
    from desktop_app.store.store import Store, User

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Session:
    """What the shell shows about the person logged in (read on the worker, used on the GUI)."""

    user: User
    commune_name: str
    demo: bool

    @property
    def can_manage_users(self) -> bool:
        """Admins manage users."""
        return self.user.role == "admin"


def _session(store: Store) -> Session:
    commune = admin_units.full_name_of(store.commune_code, store.commune_list_version)
    return Session(store.user, commune, store.is_demo)


def open_and_assign(ops: Ops, data_dir: Path, username: str, password: str) -> Session:
    """On the worker: log in, make the store the one every operation uses, describe the session.

    The argon2id derivation runs first, on its own: it releases the interpreter lock, so the GUI
    thread loads the store's and the main window's code meanwhile (load_main_window_code).
    """
    from desktop_app.store.keyfile import KeyFile

    keyfile = KeyFile.load(Path(data_dir) / KEYS_NAME)
    key = keyfile.unlock(username, password)
    from desktop_app.store.store import Store

    store = Store.open_unlocked(data_dir, keyfile, key, username, password)
    old, ops.store = ops.store, store
    if old is not None:
        old.close()
    return _session(store)


def switch_on_worker(ops: Ops, username: str, password: str) -> Session:
    """On the worker: unlock for the same person or switch to another one."""
    ops.store.switch_user(username, password)
    return _session(ops.store)


def reset_with_recovery(data_dir: Path, recovery_key: str, username: str, password: str) -> None:
    """On the worker: open with the recovery key and set a new password for ``username``."""
    from desktop_app.store.store import Store

    store = Store.open_with_recovery(data_dir, recovery_key)
    try:
        store.reset_password(username.strip(), password)
    finally:
        store.close()


# What the main window needs to open on the household list (the other pages load when shown).
MAIN_WINDOW_CODE = (
    "desktop_app.store.store",
    "desktop_app.ui.main_window",
    "desktop_app.ui.households",
    "desktop_app.ui.household_detail",
    "desktop_app.ui.followups",
    "desktop_app.ui.import_action",
)


def load_main_window_code() -> None:
    """Load the main window's code while the password is being checked on the worker.

    The argon2id derivation (~0.1–0.3 s, on purpose) releases the interpreter lock, so loading
    the modules then costs the person logging in nothing: the main window opens as soon as the
    check ends instead of after another ~0.1–0.2 s of imports (issue 17). Already loaded: free.
    """
    import importlib

    for name in MAIN_WINDOW_CODE:
        try:
            importlib.import_module(name)
        except ImportError:  # shown properly when the main window itself is built
            log.exception("could not load %s ahead of the main window", name)
            return


class _RoomyLabel(QLabel):
    """A label with room for its last glyph: the "p" of "Tên đăng nhập" draws 2 px past its
    advance at 150 % text, and a form's label column is exactly its widest label's size hint
    (the eleventh tryout: the lock screen read "Tên đăng nhậ")."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """The label's size, plus half a character."""
        hint = super().sizeHint()
        return QSize(hint.width() + self.fontMetrics().averageCharWidth() // 2, hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """As ``sizeHint``: never narrower than the whole text."""
        return self.sizeHint()


class LoginForm(QWidget):
    """User name, password, a button and an inline message. ``succeeded(Session)`` on success.

    ``attempt(username, password)`` returns the worker function to run; it is given by the login
    window (open the database) or the lock screen (unlock / switch user).
    """

    succeeded = Signal(object)

    def __init__(self, ops: Ops, attempt, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self._attempt = attempt
        self._wait_until = 0.0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._remaining = 0

        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setMaxLength(32)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.submit_button = primary_button()
        self.submit_button.setObjectName("submit")
        self.message = MessageLabel()
        self.message.setObjectName("message")
        self._username_label = _RoomyLabel()
        self._password_label = _RoomyLabel()
        self._username_label.setBuddy(self.username)
        self._password_label.setBuddy(self.password)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(10)
        form.addRow(self._username_label, self.username)
        form.addRow(self._password_label, self.password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        layout.addLayout(buttons)

        self.username.returnPressed.connect(self._username_enter)
        self.password.returnPressed.connect(self.submit)
        self.submit_button.clicked.connect(self.submit)
        self.submit_label = self.tr("Log in")
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Refresh the texts in the current language."""
        self._username_label.setText(self.tr("&User name"))
        self._password_label.setText(self.tr("&Password"))
        self.username.setPlaceholderText(self.tr("for example: trang.nt"))
        self.submit_button.setText(self.submit_label)

    def set_submit_label(self, text: str) -> None:
        """The button's text ("Log in", "Unlock")."""
        self.submit_label = text
        self.submit_button.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def focus(self) -> None:
        """Put the cursor where the person types next."""
        (self.password if self.username.text() else self.username).setFocus()

    def _username_enter(self) -> None:
        if self.password.text():
            self.submit()
        else:
            self.password.setFocus()

    def submit(self) -> None:
        """Check the password on the worker."""
        if self._remaining > 0 or not self.submit_button.isEnabled():
            return
        username = self.username.text().strip().lower()
        password = self.password.text()
        if not username:
            self.message.show_error(self.tr("Enter your user name."))
            self.username.setFocus()
            return
        if not password:
            self.message.show_error(self.tr("Enter your password."))
            self.password.setFocus()
            return
        self.message.show_ok(self.tr("Checking…"))
        self._set_enabled(False)
        self._ops.run(self._attempt(username, password), self._done, self._failed)
        QTimer.singleShot(0, load_main_window_code)  # once "Checking…" is on screen

    def _set_enabled(self, enabled: bool) -> None:
        for w in (self.username, self.password, self.submit_button):
            w.setEnabled(enabled)

    def _done(self, session: Session) -> None:
        self._set_enabled(True)
        self.message.clear_message()
        self.password.clear()
        self.succeeded.emit(session)

    def _failed(self, exc: BaseException) -> None:
        self._set_enabled(True)
        self.password.clear()
        self.password.setFocus()
        if isinstance(exc, LockedOut):
            self._remaining = max(1, math.ceil(exc.retry_after))
            self.submit_button.setEnabled(False)
            self._show_wait()
            self._countdown.start()
        elif isinstance(exc, KnownError):
            self.message.show_error(exc.message(current_lang()))
        else:
            self.message.clear_message()
            self._ops.show_error(exc, self)

    def _tick(self) -> None:
        self._remaining -= 1
        if self._remaining <= 0:
            self._countdown.stop()
            self.submit_button.setEnabled(True)
            self.message.show_ok(self.tr("You can try again now."))
        else:
            self._show_wait()

    def _show_wait(self) -> None:
        minutes, seconds = divmod(self._remaining, 60)
        if minutes:
            wait = self.tr("%1 min %2 s").replace("%1", str(minutes)).replace("%2", str(seconds))
        else:
            wait = self.tr("%1 s").replace("%1", str(seconds))
        self.message.show_error(
            self.tr("Too many wrong passwords. For safety, wait %1 before trying again.").replace(
                "%1", wait
            )
        )


def _logo(size: int) -> QLabel:
    logo = QLabel()
    logo.setPixmap(app_icon().pixmap(size, size))
    return logo


class LoginWindow(QWidget):
    """The first screen after start-up: who is using the laptop."""

    logged_in = Signal(object)
    language_requested = Signal(str)

    def __init__(self, ops: Ops, data_dir: Path, demo: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("loginWindow")
        self.setWindowIcon(app_icon())
        self._ops = ops
        self._data_dir = Path(data_dir)
        self._demo = demo
        self.form = LoginForm(
            ops, lambda u, p: lambda _store: open_and_assign(ops, self._data_dir, u, p), self
        )
        self.form.succeeded.connect(self.logged_in)

        self.title = label("Tận Tay", "heading")
        self.subtitle = label(role="muted", wrap=True)
        self.heading = label(role="subheading")
        self.forgot = link_button()
        self.forgot.setObjectName("forgot")
        self.forgot.clicked.connect(self.open_recovery)
        self.language = link_button()
        self.language.setObjectName("language")
        self.language.clicked.connect(self._toggle_language)

        card = QFrame()
        card.setProperty("role", "card")
        card.setMinimumWidth(440)  # no maximum: larger text widens the card instead of cutting
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 24)
        inner.setSpacing(12)
        head = QHBoxLayout()
        head.addWidget(_logo(64))
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        inner.addLayout(head)
        inner.addSpacing(8)
        inner.addWidget(self.heading)
        inner.addWidget(self.form)
        links = QHBoxLayout()
        links.addWidget(self.forgot)
        links.addStretch(1)
        links.addWidget(self.language)
        inner.addLayout(links)

        self.demo_box = QFrame()
        self.demo_box.setObjectName("demoBox")
        self.demo_box.setProperty("role", "card")
        demo_layout = QVBoxLayout(self.demo_box)
        demo_layout.setContentsMargins(24, 16, 24, 16)
        self.demo_text = label(role="note", wrap=True)
        demo_layout.addWidget(self.demo_text)
        self.demo_buttons: list[QPushButton] = []
        for username, full_name, role in DEMO_USERS:
            button = QPushButton()
            button.setObjectName(f"demo-{username}")
            button.setProperty("demo_user", (username, full_name, role))
            button.clicked.connect(lambda _=False, u=username: self.fill_demo(u))
            demo_layout.addWidget(button)
            self.demo_buttons.append(button)
        self.demo_box.setVisible(demo)

        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(12)
        column.addWidget(self.demo_box, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        content = QWidget()
        content.setObjectName("loginContent")
        outer = QHBoxLayout(content)
        outer.addStretch(1)
        outer.addLayout(column)
        outer.addStretch(1)
        # on a small screen with large text the page scrolls rather than squeeze the fields
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(scroll)
        self.retranslateUi()
        self.resize(900, 640)

    def retranslateUi(self) -> None:
        """Refresh the texts in the current language."""
        title = self.tr("Tận Tay — Log in")
        if self._demo:
            title += " — " + self.tr("DEMO")
        self.setWindowTitle(title)
        self.subtitle.setText(self.tr("Household visits and access to social benefit payments"))
        self.heading.setText(self.tr("Who is using this laptop?"))
        self.form.set_submit_label(self.tr("Log in"))
        self.forgot.setText(self.tr("Forgot your password? Use the recovery key"))
        self.language.setText("English" if current_lang() == "vi" else "Tiếng Việt")
        self.demo_text.setText(
            self.tr(
                "DEMO database: every name and number is made up. Choose a user below; the "
                "password of all four is %1."
            ).replace("%1", DEMO_PASSWORD)
        )
        for button in self.demo_buttons:
            username, full_name, role = button.property("demo_user")
            button.setText(f"{full_name} — {role_label(role)} ({username})")

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        """Focus the first empty field."""
        super().showEvent(event)
        QTimer.singleShot(0, self.form.focus)

    def fill_demo(self, username: str) -> None:
        """Fill a demo user's name and password (demo mode only)."""
        self.form.username.setText(username)
        self.form.password.setText(DEMO_PASSWORD)
        self.form.submit_button.setFocus()

    def _toggle_language(self) -> None:
        self.language_requested.emit("en" if current_lang() == "vi" else "vi")

    def open_recovery(self) -> None:
        """The "forgot password" path: an admin uses the recovery key to set a new password."""
        dialog = RecoveryDialog(self._ops, self._data_dir, self)
        dialog.password_reset.connect(self._after_recovery)
        dialog.open()

    def _after_recovery(self, username: str) -> None:
        self.form.username.setText(username)
        self.form.password.clear()
        self.form.message.show_ok(
            self.tr("A new password was set for %1. Log in with it now.").replace("%1", username)
        )
        self.form.password.setFocus()


class RecoveryDialog(QDialog):
    """Set a new password for a user with the recovery key written down at setup."""

    password_reset = Signal(str)

    def __init__(self, ops: Ops, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self._ops = ops
        self._data_dir = Path(data_dir)
        self.intro = label(wrap=True)
        self.key = QLineEdit()
        self.key.setObjectName("recoveryKey")
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSizeF(self.font().pointSizeF() * 1.2)
        self.key.setFont(mono)
        self.key.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = MessageLabel()
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout()
        for lab, field in zip(
            self.labels, (self.key, self.username, self.password, self.again), strict=True
        ):
            lab.setBuddy(field)  # the label names its field for Alt-keys and screen readers
            form.addRow(lab, field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Refresh the texts in the current language."""
        self.setWindowTitle(self.tr("Set a new password with the recovery key"))
        self.intro.setText(
            self.tr(
                "The recovery key was shown once when Tận Tay was set up on this laptop, and "
                "should be kept on paper in a safe place. With it you can set a new password for "
                "any user."
            )
        )
        for lab, text in zip(
            self.labels,
            (
                self.tr("Recovery key"),
                self.tr("User name"),
                self.tr("New password"),
                self.tr("New password again"),
            ),
            strict=True,
        ):
            lab.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Set password"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def submit(self) -> None:
        """Check the fields, then reset the password on the worker."""
        key, user = self.key.text().strip(), self.username.text().strip().lower()
        if not key or not user:
            self.message.show_error(self.tr("Enter the recovery key and the user name."))
            return
        if len(self.password.text()) < 8:
            self.message.show_error(self.tr("The new password needs at least 8 characters."))
            return
        if self.password.text() != self.again.text():
            self.message.show_error(self.tr("The two passwords are not the same."))
            return
        self.message.show_ok(self.tr("Checking…"))
        self.buttons.setEnabled(False)
        password = self.password.text()
        self._ops.run(
            lambda _s: reset_with_recovery(self._data_dir, key, user, password),
            lambda _r: self._done(user),
            self._failed,
        )

    def _done(self, username: str) -> None:
        self.buttons.setEnabled(True)
        self.password_reset.emit(username)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, KnownError):
            self.message.show_error(exc.message(current_lang()))
        else:
            self.message.clear_message()
            self._ops.show_error(exc, self)


class LockDialog(QDialog):
    """The lock screen: data stays hidden until the same person unlocks or another logs in.

    It is application-modal and the only window left on the screen: the main window shows a cover
    and every other window is hidden, with its content kept (``session_lock.UserWindows``). It
    cannot be closed except by logging in.
    """

    unlocked = Signal(object)

    def __init__(self, ops: Ops, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lockDialog")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self._ops = ops
        self._session = session
        self._switching = False  # "Switch user": the screen says so, not "Locked"
        self.form = LoginForm(ops, lambda u, p: lambda _s: switch_on_worker(ops, u, p), self)
        self.form.succeeded.connect(self._on_unlocked)
        self.info = label(wrap=True)
        self.info.setObjectName("lockInfo")
        self.heading = label(role="heading")
        self.switch_button = QPushButton()
        self.switch_button.setObjectName("switchUser")
        self.switch_button.clicked.connect(self._toggle_switch)
        head = QHBoxLayout()
        head.addWidget(_logo(48))
        head.addWidget(self.heading, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        layout.addLayout(head)
        layout.addWidget(self.info)
        layout.addWidget(self.form)
        row = QHBoxLayout()
        row.addWidget(self.switch_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.setMinimumWidth(520)
        self.form.username.setText(session.user.username)
        self.retranslateUi()

    @property
    def switching(self) -> bool:
        """True when the screen was opened (or turned) for another person to log in."""
        return self._switching

    def retranslateUi(self) -> None:
        """Refresh the texts in the current language."""
        name = self._session.user.full_name
        role = role_label(self._session.user.role)
        if self._switching:
            self.setWindowTitle(self.tr("Tận Tay — Switch user"))
            self.heading.setText(self.tr("Switch user — log in with another account"))
            self.info.setText(
                self.tr(
                    "Enter your own user name and password. Whatever %1 (%2) has open stays "
                    "as it is, hidden until they log in again."
                )
                .replace("%1", name)
                .replace("%2", role)
            )
            self.form.set_submit_label(self.tr("Log in"))
            self.switch_button.setText(self.tr("Back: unlock as %1").replace("%1", name))
            return
        self.setWindowTitle(self.tr("Tận Tay — Locked"))
        self.heading.setText(self.tr("Locked"))
        self.info.setText(
            self.tr(
                "%1 (%2) is logged in. To continue, enter the password. Another person can log "
                "in here too: whatever is open stays as it is."
            )
            .replace("%1", name)
            .replace("%2", role)
        )
        self.form.set_submit_label(self.tr("Unlock"))
        self.switch_button.setText(self.tr("Switch user"))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        """Focus the password."""
        super().showEvent(event)
        QTimer.singleShot(0, self.form.focus)

    def start_switch(self) -> None:
        """Let another person type their own user name (the screen says it is a switch)."""
        self._switching = True
        self.retranslateUi()
        self.form.username.clear()
        self.form.password.clear()
        self.form.message.clear_message()
        self.form.username.setFocus()

    def stop_switch(self) -> None:
        """Back to the lock screen of the person logged in."""
        self._switching = False
        self.retranslateUi()
        self.form.username.setText(self._session.user.username)
        self.form.password.clear()
        self.form.message.clear_message()
        self.form.password.setFocus()

    def _toggle_switch(self) -> None:
        if self._switching:
            self.stop_switch()
        else:
            self.start_switch()

    def _on_unlocked(self, session: Session) -> None:
        self._session = session
        self.unlocked.emit(session)
        self.done(QDialog.DialogCode.Accepted)

    def reject(self) -> None:
        """Escape does not unlock."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ignore Escape (it would close the lock screen)."""
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        """The lock screen closes only by logging in."""
        if self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
            return
        super().closeEvent(event)
