"""The main window: navigation on the left, one page at a time, who is logged in, sync status.

The volunteer views (household list and detail, follow-ups) are built elsewhere and imported
here; a view whose module is not there yet is replaced by a placeholder, so the shell always runs.
Pages for features of a later version (payments, verification, reports, sync) say so plainly;
``set_page(key, widget)`` swaps in the real view when it exists.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import logging
import time
from pathlib import Path

from desktop_app import version_text
from desktop_app.ui.header_fit import HeaderWrap
from desktop_app.ui.login import LockDialog, Session
from desktop_app.ui.ops import Ops
from desktop_app.ui.prefs import Prefs
from desktop_app.ui.qt import (
    QAction,
    QApplication,
    QCloseEvent,
    QEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QObject,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from desktop_app.ui.screen_fit import remember_main_window
from desktop_app.ui.session_lock import REACHABLE, DialogGate, SessionLockWatcher, UserWindows
from desktop_app.ui.settings_dialog import SettingsPanel
from desktop_app.ui.style import app_icon
from desktop_app.ui.sync_worker import SyncWorker
from desktop_app.ui.warm_up import SearchWarmUp
from desktop_app.ui.widgets import (
    BusyIndicator,
    Cover,
    PlaceholderPage,
    format_count,
    format_datetime,
    label,
    role_label,
    set_role,
)

log = logging.getLogger(__name__)

STATUS_REFRESH_MS = 30_000
PAGES = ("households", "follow_ups", "payments", "verification", "reports", "sync", "settings")
FEATURE_VIEWS = (
    ("payments", "payments_view", "PaymentsView"),
    ("verification", "verification_view", "VerificationView"),
    ("reports", "reports_view", "ReportsView"),
    ("sync", "sync_view", "SyncView"),
)


def _view_class(module: str, name: str):
    """The class ``name`` of ``desktop_app.ui.<module>``, or None while that module is not written."""
    full = f"desktop_app.ui.{module}"
    try:
        return getattr(importlib.import_module(full), name)
    except ModuleNotFoundError as exc:
        if exc.name != full:
            raise
        log.info("%s is not available yet; showing a placeholder", full)
        return None


class _Pages(dict):
    """The pages by key. A feature view is built the first time it is asked for (shown, or used
    by a caller): start-up builds only the household list (issue 17)."""

    def __init__(self, build):
        super().__init__()
        self._build = build
        self.pending: dict[str, tuple[str, str]] = {}

    def __getitem__(self, key: str) -> QWidget:
        if key in self.pending:
            self._build(key, *self.pending.pop(key))
        return super().__getitem__(key)


class IdleWatcher(QObject):
    """Locks the app after a time without keyboard, mouse or touch input anywhere in it.

    An application-wide event filter only notes the time of the last input (cheap); a timer
    checks now and then whether the limit has passed.
    """

    idle = Signal()
    _INPUT = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
        }
    )

    def __init__(self, minutes: int, parent: QObject | None = None):
        super().__init__(parent)
        self._last_input = time.monotonic()
        self._timeout_s = minutes * 60.0
        self._paused = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        self._set_interval()
        self._timer.start()
        QApplication.instance().installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        """Change the limit (from the settings)."""
        self.set_timeout(minutes * 60.0)

    def set_timeout(self, seconds: float) -> None:
        """Change the limit in seconds (tests use short ones)."""
        self._timeout_s = seconds
        self._last_input = time.monotonic()
        self._set_interval()

    def _set_interval(self) -> None:
        self._timer.setInterval(int(max(50, min(15_000, self._timeout_s * 1000 / 4))))

    def pause(self, paused: bool) -> None:
        """Stop watching while locked; restart the clock when unlocked."""
        self._paused = paused
        self._last_input = time.monotonic()

    def stop(self) -> None:
        """Remove the event filter (when the window closes)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Note the time of any user input; never consumes the event."""
        if event.type() in self._INPUT:
            self._last_input = time.monotonic()
        return False

    def _check(self) -> None:
        if not self._paused and time.monotonic() - self._last_input >= self._timeout_s:
            self._paused = True
            self.idle.emit()


class MainWindow(QMainWindow):
    """The window a logged-in person works in."""

    locked_changed = Signal(bool)
    session_changed = Signal(object)

    def __init__(
        self,
        ops: Ops,
        session: Session,
        prefs: Prefs,
        data_dir: Path | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self._ops = ops
        self.session = session
        self._prefs = prefs
        self._data_dir = data_dir
        self._shut_down = False
        self._quit_confirmed = False
        self._finishing: QProgressDialog | None = None  # "Finishing…" while quitting
        self._lock_dialog: LockDialog | None = None
        self._covers: list[Cover] = []
        self._return_to = "households"
        self._current_household: str | None = None
        self._pending: int | None = None
        self._last_sync: str | None = None
        self._activated: set[str] = set()

        self._build_header()
        self.sync_worker = SyncWorker(ops, self)  # sync on its own thread and store connection
        self._build_pages()
        self._build_status_bar()
        self.sync_worker.online_changed.connect(lambda _online: self._show_online())
        for ended in ("finished", "failed", "cancelled"):
            getattr(self.sync_worker, ended).connect(lambda *_: self.refresh_status())
        self.locked_changed.connect(self.sync_worker.set_locked)
        self._build_actions()
        # the search's pages read in the background, so the first keystrokes are quick
        self.search_warm_up = SearchWarmUp(ops, self)
        self.search_warm_up.start()

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        column.addLayout(body, 1)
        self.setCentralWidget(central)

        self.idle_watcher = IdleWatcher(prefs.idle_lock_minutes, self)
        self.idle_watcher.idle.connect(self.lock)
        # lock on session lock / sleep too; each person's open dialogs stay theirs on a switch
        self.session_lock = SessionLockWatcher(prefs.idle_lock_minutes, self)
        self.session_lock.lock_requested.connect(lambda _reason: self.lock())
        self.user_windows = UserWindows()
        # Lock and Switch user work whatever dialog is open (issue 19): see DialogGate
        self.dialog_gate = DialogGate(self.lock, self._locked, self)
        self.dialog_gate.changed.connect(self._update_actions)
        self._places: dict[str, tuple[str, str | None, str]] = {}
        self._searches: dict[str, str] = {}  # each person's household search, kept for them
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()

        self.retranslateUi()
        self.setMinimumSize(1000, 640)
        self.resize(1366, 768)

    # --- building ------------------------------------------------------------------------------

    def _build_header(self) -> None:
        self.header = QWidget()
        self.header.setObjectName("header")
        self.header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self.header)
        row.setContentsMargins(16, 8, 12, 8)
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(36, 36))
        self.app_title = label("Tận Tay", "app-title")
        self.commune_label = label()
        self.commune_label.setObjectName("communeLabel")
        self.demo_badge = label()
        self.demo_badge.setObjectName("demoBadge")
        self.demo_badge.setStyleSheet(
            "background: #fff4d6; color: #6b4a00; border-radius: 5px; padding: 2px 8px;"
            " font-weight: bold;"
        )
        self.demo_badge.setVisible(self.session.demo)
        self.user_label = label(role="user")
        self.user_label.setObjectName("userLabel")
        self.user_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # At 150–175 % text on a 1280-pixel screen the header's texts do not fit on one line
        # each: they wrap (whole words; the header grows a line) rather than overlap or cut.
        self.header_wrap = HeaderWrap(
            self.header, [self.commune_label, self.demo_badge, self.user_label]
        )
        self.switch_button = QPushButton()
        self.switch_button.setObjectName("switchUserButton")
        self.switch_button.setProperty(REACHABLE, True)
        self.switch_button.clicked.connect(self.switch_user)
        self.lock_button = QPushButton()
        self.lock_button.setObjectName("lockButton")
        self.lock_button.setProperty(REACHABLE, True)
        self.lock_button.clicked.connect(self.lock)
        row.addWidget(logo)
        row.addWidget(self.app_title)
        row.addSpacing(12)
        row.addWidget(self.commune_label)
        row.addSpacing(8)
        row.addWidget(self.demo_badge)
        row.addStretch(1)
        row.addWidget(self.user_label)
        row.addSpacing(12)
        row.addWidget(self.switch_button)
        row.addWidget(self.lock_button)

    def _build_pages(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setProperty("role", "nav")
        self.nav.setFixedWidth(220)
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = _Pages(self._build_feature_view)
        for key in PAGES:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)

        list_cls = _view_class("households", "HouseholdListView")
        detail_cls = _view_class("household_detail", "HouseholdDetailView")
        followups_cls = _view_class("followups", "FollowUpsView")

        self.household_list = (
            list_cls(self._ops, self) if list_cls else self._building(lambda: self.tr("Households"))
        )
        self.household_detail = (
            detail_cls(self._ops, self)
            if detail_cls
            else self._building(lambda: self.tr("Household"))
        )
        self.household_stack = QStackedWidget()
        self.household_stack.addWidget(self.household_list)
        self.household_stack.addWidget(self.household_detail)
        self.follow_ups = (
            followups_cls(self._ops, self)
            if followups_cls
            else self._building(lambda: self.tr("Follow-ups"))
        )
        if hasattr(self.household_list, "household_opened"):
            self.household_list.household_opened.connect(
                lambda hid: self.open_household(hid, "households")
            )
        if hasattr(self.follow_ups, "household_opened"):
            self.follow_ups.household_opened.connect(
                lambda hid: self.open_household(hid, "follow_ups")
            )
        if hasattr(self.household_detail, "back_requested"):
            self.household_detail.back_requested.connect(self.back_from_household)
        if hasattr(self.household_detail, "changed"):
            self.household_detail.changed.connect(self._records_changed)

        self.settings_panel = SettingsPanel(self._ops, self._prefs, self.session, self._data_dir)
        self.settings_panel.idle_minutes_changed.connect(
            lambda minutes: (
                self.idle_watcher.set_minutes(minutes),
                self.session_lock.set_inactive_minutes(minutes),
            )
        )
        self.session_changed.connect(self.settings_panel.set_session)

        pages = {
            "households": self.household_stack,
            "follow_ups": self.follow_ups,
            "payments": self.later_page(
                lambda: (
                    self.tr("Payments"),
                    self.tr(
                        "Here the team will record, month by month, whether each person's "
                        "benefit arrived, when it was withdrawn, by whom, at what cost in time "
                        "and fees, and what got in the way."
                    ),
                )
            ),
            "verification": self.later_page(
                lambda: (
                    self.tr("Identity verification"),
                    self.tr(
                        "Here the commune police officer will record identity checks against "
                        "the chip ID card, VNeID or the national population database."
                    ),
                )
            ),
            "reports": self.later_page(
                lambda: (
                    self.tr("Reports"),
                    self.tr(
                        "Here the team lead will see the payment-access report (who actually "
                        "got their money, how long it took, what stood in the way) and export "
                        "it for the commune."
                    ),
                )
            ),
            "sync": self.later_page(
                lambda: (
                    self.tr("Sync"),
                    self.tr(
                        "Here the laptop will send its records to the city server over the "
                        "internet or on a USB stick. Until then every change is kept safely "
                        "on this laptop and counted in the status bar below."
                    ),
                )
            ),
            "settings": self.settings_panel,
        }
        # Feature views: each lives in its own module and replaces the "later version" page when
        # present. A view may have ``activate()``, ``retranslateUi()``, and the signals
        # ``household_opened(str)`` and ``changed()``.
        # Built when first shown (``_Pages``): until then an empty page holds its place.
        for key, module, name in FEATURE_VIEWS:
            if importlib.util.find_spec(f"desktop_app.ui.{module}") is None:
                continue
            pages[key] = QWidget(self)
            self.pages.pending[key] = (module, name)
        for key in PAGES:
            dict.__setitem__(self.pages, key, pages[key])
            self.stack.addWidget(pages[key])
        self.nav.currentRowChanged.connect(self._nav_changed)

    def _build_feature_view(self, key: str, module: str, name: str) -> None:
        cls = _view_class(module, name)
        if cls is None:
            return
        view = cls(self._ops, self)
        if hasattr(view, "household_opened"):
            view.household_opened.connect(lambda hid, k=key: self.open_household(hid, k))
        if hasattr(view, "changed"):
            view.changed.connect(self._records_changed)
        holder = dict.__getitem__(self.pages, key)
        index = self.stack.indexOf(holder)
        current = self.stack.currentWidget() is holder
        self.stack.insertWidget(index, view)
        self.stack.removeWidget(holder)
        holder.deleteLater()
        dict.__setitem__(self.pages, key, view)
        if current:
            self.stack.setCurrentWidget(view)

    def later_page(self, texts) -> PlaceholderPage:
        """A page for a feature of a later version (replace it with ``set_page``)."""
        return PlaceholderPage(texts, self)

    def _building(self, title) -> PlaceholderPage:
        return PlaceholderPage(
            lambda: (title(), self.tr("This screen is still being built.")), self
        )

    def set_page(self, key: str, widget: QWidget) -> None:
        """Replace the page of navigation entry ``key`` (e.g. with the real payments view)."""
        old = self.pages[key]
        index = self.stack.indexOf(old)
        self.stack.insertWidget(index, widget)
        self.stack.removeWidget(old)
        old.deleteLater()
        self.pages[key] = widget
        self._activated.discard(key)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        self.online_label = label(role="offline")
        self.online_label.setObjectName("onlineLabel")
        self.pending_label = label()
        self.pending_label.setObjectName("pendingLabel")
        self.delivery_label = label()
        self.delivery_label.setObjectName("deliveryLabel")
        self.busy = BusyIndicator(self._ops)
        bar.addWidget(self.online_label)
        bar.addWidget(self.pending_label)
        bar.addWidget(self.delivery_label)
        bar.addPermanentWidget(self.busy)

    def _build_actions(self) -> None:
        def action(shortcut, slot, name) -> QAction:
            act = QAction(self)
            act.setObjectName(name)
            if shortcut is not None:
                act.setShortcut(shortcut)
            act.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            act.triggered.connect(slot)
            return act

        self.lock_action = action(QKeySequence("Ctrl+L"), self.lock, "lockAction")
        self.switch_action = action(None, self.switch_user, "switchAction")
        self.settings_action = action(None, lambda: self.show_page("settings"), "settingsAction")
        self.quit_action = action(QKeySequence("Ctrl+Q"), self.close, "quitAction")
        self.find_action = action(QKeySequence("Ctrl+F"), self.focus_search, "findAction")
        self.new_visit_action = action(QKeySequence("Ctrl+N"), self.new_visit, "newVisitAction")
        self.help_action = action(QKeySequence("F1"), self.show_help, "helpAction")
        self.about_action = action(None, self.show_about, "aboutAction")
        # Ctrl+1 … Ctrl+7: the pages of the sidebar, in order
        self.page_actions = []
        for number, key in enumerate(PAGES, start=1):
            act = action(
                QKeySequence(f"Ctrl+{number}"),
                lambda _c=False, k=key: self._page_key(k),
                f"page-{key}",
            )
            self.addAction(act)
            self.page_actions.append(act)
        menu_bar = self.menuBar()
        self.file_menu = menu_bar.addMenu("")
        for act in (self.lock_action, self.switch_action, self.settings_action):
            self.file_menu.addAction(act)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        from desktop_app.ui.import_action import add_import_action

        self.import_action = add_import_action(self)  # admins and team leads only
        self.household_menu = menu_bar.addMenu("")
        self.household_menu.addAction(self.find_action)
        self.household_menu.addAction(self.new_visit_action)
        self.help_menu = menu_bar.addMenu("")
        self.help_menu.addAction(self.help_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)
        self.help_window = None
        # with a dialog open, only Lock and Switch user of this window answer their keys
        self._gated_actions = [
            a
            for a in (
                self.settings_action,
                self.quit_action,
                self.find_action,
                self.new_visit_action,
                self.help_action,
                self.about_action,
                *self.page_actions,
            )
        ]

    def _update_actions(self) -> None:
        free = self.dialog_gate.top() is None
        for act in self._gated_actions:
            act.setEnabled(free)

    # --- texts ---------------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        """Every visible text of the shell in the current language."""
        user = self.session.user
        title = self.tr("Tận Tay — %1 — %2").replace("%1", self.session.commune_name)
        title = title.replace("%2", user.full_name)
        if self.session.demo:
            title += " — " + self.tr("DEMO (made-up data)")
        self.setWindowTitle(title)
        self.commune_label.setText(self.session.commune_name)
        self.demo_badge.setText(self.tr("DEMO — made-up data"))
        self.user_label.setText(f"{user.full_name}\n{role_label(user.role)}")
        self.switch_button.setText(self.tr("Switch user"))
        self.lock_button.setText(self.tr("Lock"))
        self.header_wrap.refit()  # other words, other widths
        self.lock_button.setToolTip(self.tr("Lock the app now (Ctrl+L)"))
        names = {
            "households": self.tr("Households"),
            "follow_ups": self.tr("Follow-ups"),
            "payments": self.tr("Payments"),
            "verification": self.tr("Verification"),
            "reports": self.tr("Reports"),
            "sync": self.tr("Sync"),
            "settings": self.tr("Settings"),
        }
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            item.setText(names[item.data(Qt.ItemDataRole.UserRole)])
        self.file_menu.setTitle(self.tr("&File"))
        self.household_menu.setTitle(self.tr("&Households"))
        self.help_menu.setTitle(self.tr("He&lp"))  # Alt+H is "Households" (issue 19)
        self.lock_action.setText(self.tr("&Lock"))
        self.switch_action.setText(self.tr("&Switch user…"))
        self.settings_action.setText(self.tr("S&ettings"))
        self.quit_action.setText(self.tr("&Quit"))
        self.find_action.setText(self.tr("&Find a household"))
        self.new_visit_action.setText(self.tr("&New visit for the open household"))
        self.about_action.setText(self.tr("&About Tận Tay"))
        self.help_action.setText(self.tr("&User guide"))
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            item.setToolTip(f"Ctrl+{row + 1}")
        self._show_online()
        self._show_status()

    def _show_online(self) -> None:
        online = self.sync_worker.online
        set_role(self.online_label, "online" if online else "offline")
        self.online_label.setText(self.tr("Online") if online else self.tr("Offline"))
        self.online_label.setToolTip(
            self.tr("The city server answers; changes are sent automatically.")
            if online
            else self.tr(
                "This laptop is not connected to the city server yet. Everything you record is "
                "kept safely here and sent later."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # --- start and pages -------------------------------------------------------------------------

    def activate(self) -> None:
        """After login: show the household list and load the status bar."""
        if self.nav.currentRow() != 0:
            self.nav.setCurrentRow(0)
        else:
            self._nav_changed(0)
        self.refresh_status()
        self.sync_worker.start()

    def current_page(self) -> str:
        """The key of the page shown."""
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "households"

    def show_page(self, key: str) -> None:
        """Show the page ``key`` (one of ``PAGES``)."""
        self.nav.setCurrentRow(PAGES.index(key))

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        key = PAGES[row]
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        if key == "households":
            self.household_stack.setCurrentWidget(self.household_list)
            page = self.household_list
        if hasattr(page, "activate"):
            page.activate()
        self._activated.add(key)

    def focus_search(self) -> None:
        """Ctrl+F: the household list with the cursor in its search box."""
        if self._locked():
            return
        if (
            self.current_page() != "households"
            or self.household_stack.currentWidget() is not self.household_list
        ):
            self.show_page("households")
            self.household_stack.setCurrentWidget(self.household_list)
        focus = getattr(self.household_list, "focus_search", None)
        if focus:
            focus()

    def open_household(self, household_id: str, return_to: str = "households") -> None:
        """Show one household; Back returns to the list or the follow-ups it came from."""
        self._return_to = return_to
        self._current_household = household_id
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(PAGES.index("households"))
        self.nav.blockSignals(False)
        self.stack.setCurrentWidget(self.household_stack)
        self.household_stack.setCurrentWidget(self.household_detail)
        show = getattr(self.household_detail, "show_household", None)
        if show:
            show(household_id)

    def back_from_household(self) -> None:
        """Back from the household detail."""
        self._current_household = None
        self.show_page(self._return_to)
        if self._return_to == "households":
            self.household_stack.setCurrentWidget(self.household_list)

    def household_open(self) -> str | None:
        """The id of the household shown, if the detail is on screen."""
        if (
            self.stack.currentWidget() is self.household_stack
            and self.household_stack.currentWidget() is self.household_detail
        ):
            return self._current_household
        return None

    def new_visit(self) -> None:
        """Ctrl+N: a new visit for the household on screen."""
        if self._locked():
            return
        if self.household_open() is None:
            self.statusBar().showMessage(
                self.tr("Open a household first, then press Ctrl+N."), 5000
            )
            return
        for name in ("new_visit", "record_visit", "open_visit_form"):
            start = getattr(self.household_detail, name, None)
            if callable(start):
                start()
                return
        self.statusBar().showMessage(self.tr("The visit form is not available yet."), 5000)

    def _records_changed(self, *_args) -> None:
        self.refresh_status()

    # --- status bar ------------------------------------------------------------------------------

    def refresh_status(self) -> None:
        """Count undelivered changes and read the last delivery, on the worker."""
        if self._shut_down or self._ops.store is None:
            return
        self._ops.run(
            lambda store: (store.pending_changes(), store.last_sync()),
            self._status_arrived,
            lambda exc: log.warning("status refresh failed: %s", exc),
            key="status-bar",
        )

    def _status_arrived(self, result) -> None:
        self._pending, self._last_sync = result
        self._show_status()

    def _show_status(self) -> None:
        if self._pending is None:
            self.pending_label.setText("")
        elif self._pending == 0:
            self.pending_label.setText(self.tr("All changes delivered"))
        else:
            self.pending_label.setText(
                self.tr("Changes not yet sent: %1").replace("%1", format_count(self._pending))
            )
        # the Sync page's "last sync" (a round, a USB receipt or a delivery): one time for one
        # question; whether anything waits is the label beside it
        if self._last_sync:
            self.delivery_label.setText(
                self.tr("Last sync: %1").replace("%1", format_datetime(self._last_sync))
            )
        else:
            self.delivery_label.setText(self.tr("Never synced"))

    # --- lock and switch user ----------------------------------------------------------------

    def _locked(self) -> bool:
        return self._lock_dialog is not None

    @property
    def locked(self) -> bool:
        """True while the lock screen is up."""
        return self._locked()

    def lock(self) -> None:
        """Hide everything behind the lock screen; open forms keep their content underneath."""
        if self._locked() or self._shut_down:
            return
        self.idle_watcher.pause(True)
        dialog = LockDialog(self._ops, self.session, self)
        dialog.setProperty(REACHABLE, True)
        dialog.unlocked.connect(self._unlocked)
        self._lock_dialog = dialog
        # every other window is hidden (a visit form writes its encrypted draft as it hides);
        # what cannot be hidden without answering it (an exec() question) is covered
        left = self.user_windows.hide_for_lock(
            keep=(self, dialog), stacking=self.dialog_gate.dialogs()
        )
        for window in (self, *left):
            cover = Cover(window)
            cover.cover()
            self._covers.append(cover)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self.locked_changed.emit(True)

    def switch_user(self) -> None:
        """Lock, ready for another person to type their own user name."""
        self.lock()
        if self._lock_dialog is not None:
            self._lock_dialog.start_switch()

    def _unlocked(self, session: Session) -> None:
        old, new = self.session.user.username, session.user.username
        changed = session.user != self.session.user
        if changed:
            # where the person leaving was, to take them back there when they return
            self._places[old] = (
                self.current_page(),
                self.household_open(),
                self._return_to,
            )
            forget = getattr(self.household_detail, "forget_revealed", None)
            if forget:
                forget()
            search = getattr(self.household_list, "search_edit", None)
            if search is not None:  # what one person searched for is not shown to the next
                self._searches[old] = search.text()
                self.household_list.set_search(self._searches.pop(new, ""))
        self.session = session
        for cover in self._covers:
            cover.hide()
            cover.deleteLater()
        self._covers.clear()
        dialog, self._lock_dialog = self._lock_dialog, None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()
        self.idle_watcher.pause(False)
        self.retranslateUi()
        self.locked_changed.emit(False)
        if changed:
            self.session_changed.emit(session)
            self._go_back_to(self._places.pop(new, None))
            self.statusBar().showMessage(
                self.tr("%1 is now logged in.").replace("%1", session.user.full_name), 5000
            )
        # the windows hidden by the lock come back for the same person; another person's stay
        # parked (hidden, content kept) and this person's own parked windows come back
        self.user_windows.unlock(old, new)
        self.refresh_status()

    def _go_back_to(self, place) -> None:
        """After a switch: the newcomer's own page as they left it, or the household list."""
        if place is None:
            self.show_page("households")
            self.household_stack.setCurrentWidget(self.household_list)
            return
        page, household, return_to = place
        if household:
            self.open_household(household, return_to)
        else:
            self.show_page(page)

    # --- about and closing -------------------------------------------------------------------

    def _page_key(self, key: str) -> None:
        """Ctrl+number: show a sidebar page (not while locked)."""
        if not self._locked():
            self.show_page(key)
            self.stack.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def help_section(self) -> str | None:
        """The guide's section for what is on screen."""
        from desktop_app.ui.help_view import PAGE_SECTIONS

        if self.household_open() is not None:
            return PAGE_SECTIONS["household"]
        return PAGE_SECTIONS.get(self.current_page())

    def show_help(self, section: str | None = None) -> None:
        """F1: the user guide, open at the section for the page on screen."""
        from desktop_app.ui.help_view import HelpWindow

        if self.help_window is None:
            self.help_window = HelpWindow(self)
        self.help_window.show()
        self.help_window.raise_()
        self.help_window.activateWindow()
        self.help_window.show_section(section or self.help_section())

    def show_about(self) -> None:
        """Help → About: version and purpose."""
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("About Tận Tay"))
        box.setIconPixmap(app_icon().pixmap(64, 64))
        # "Tận Tay 0.1.0", plus the commit and build time in an installed build
        box.setText("<b>" + version_text().replace("Tận Tay", "Tận Tay</b>", 1))
        box.setInformativeText(
            self.tr(
                "For community digital-technology teams: record household visits and check that "
                "people receiving social benefits can actually get their money. Works without "
                "internet; data is encrypted on this laptop."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("Close"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _others_forms(self) -> list[str]:
        """The users (other than the one logged in) who left forms open on this laptop."""
        me = self.session.user.username
        return [u for u in self.user_windows.owners() if u != me]

    def _ask_before_quitting(self) -> None:
        """Another person's forms are parked: quitting discards what has no draft."""
        box = QMessageBox(self)
        box.setObjectName("quitWithParkedForms")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Forms of another user are open"))
        box.setText(
            self.tr(
                "%1 left forms open on this laptop. Visit forms are kept as drafts and come back "
                "when they open the visit again; other forms (household, person, import…) are "
                "lost if you quit now. Better: let them log in with “Switch user” and finish."
            ).replace("%1", ", ".join(self._others_forms()))
        )
        quit_button = box.addButton(self.tr("Quit anyway"), QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(self.tr("Don't quit"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button) -> None:
            if button is quit_button:
                self._quit_confirmed = True
                QTimer.singleShot(0, self.close)

        box.buttonClicked.connect(answered)
        box.open()

    def shutdown(self) -> None:
        """Stop timers and the database worker (closing the store on its own thread)."""
        if self._shut_down:
            return
        self._shut_down = True
        self._status_timer.stop()
        self.idle_watcher.stop()
        self.session_lock.stop()
        self.dialog_gate.stop()
        self.sync_worker.shutdown()
        self._ops.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window shuts the worker down cleanly."""
        if self._locked():
            event.ignore()
            return
        if self.dialog_gate.top() is not None:
            # a dialog is open (its own Cancel asks before anything typed is dropped): as Qt
            # does for a window under a modal dialog, closing waits for the dialog
            event.ignore()
            self.dialog_gate.bring_forward()
            return
        if not self._quit_confirmed and self._others_forms():
            event.ignore()
            self._ask_before_quitting()
            return
        if self.isVisible():
            remember_main_window(self, self._prefs)  # as it was when the person quit
        self._ops.begin_closing()  # reads still queued are dropped: nobody will see them
        if self._ops.saving:
            # a save still runs or waits on the worker: say so instead of freezing until it ends
            event.ignore()
            self._finish_then_close()
            return
        self.shutdown()
        super().closeEvent(event)

    def _finish_then_close(self) -> None:
        """Quit while a save is on the worker: let every save run to its end with "Finishing…"
        on the screen, then close (the reads were dropped)."""
        if self._finishing is not None:
            return
        self._status_timer.stop()
        self.idle_watcher.stop()
        notice = QProgressDialog(self)
        notice.setObjectName("finishingNotice")
        notice.setWindowTitle(self.tr("Tận Tay"))
        notice.setLabelText(self.tr("Finishing… Saving the last changes before the app closes."))
        notice.setCancelButton(None)
        notice.setRange(0, 0)  # a moving bar: it is working, not stuck
        notice.setAutoClose(False)
        notice.setAutoReset(False)
        notice.setMinimumDuration(0)
        notice.setWindowModality(Qt.WindowModality.WindowModal)
        self._finishing = notice

        def saved() -> None:
            with contextlib.suppress(RuntimeError, TypeError):
                self._ops.saved_all.disconnect(saved)
            notice.hide()
            notice.deleteLater()
            QTimer.singleShot(0, self.close)

        self._ops.saved_all.connect(saved)
        notice.show()
        if not self._ops.saving:
            saved()
