"""Application start-up: the QApplication, translations, first-run wizard or login, main window.

``run_gui`` is the GUI entry point; ``smoke_test`` checks, offscreen, that the app can start
(used by the installer build and the test suite).
"""

from __future__ import annotations

import faulthandler
import logging
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from desktop_app import __version__
from desktop_app.store.demo import (
    DEMO_PASSWORD,
    create_demo_store,
    fill_demo_data,
    give_demo_officer_a_key,
)
from desktop_app.store.files import DB_NAME, KEYS_NAME, store_exists
from desktop_app.ui import i18n
from desktop_app.ui.fonts import missing_glyph_report, prepare_font_folder, register_fonts
from desktop_app.ui.ops import (
    Ops,
    collect_on_the_gui_thread,
    install_thread_guard,
    share_the_interpreter,
)
from desktop_app.ui.prefs import Prefs
from desktop_app.ui.qt import (
    QApplication,
    QColor,
    QCoreApplication,
    QEvent,
    QEventLoop,
    QKeyEvent,
    QLineEdit,
    QObject,
    QPainter,
    QPixmap,
    QPoint,
    Qt,
    QTimer,
    QWidget,
    qInstallMessageHandler,
)
from desktop_app.ui.screen_fit import fit_into_screen, install_screen_fitter, show_main_window
from desktop_app.ui.style import app_icon, apply_style
from desktop_app.ui.widgets import current_lang, install_wheel_guard

log = logging.getLogger(__name__)

DEMO_HOUSEHOLDS = 300
SCREEN_SIZE = (1366, 768)
SCREENSHOT_WATCHDOG_S = 200


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the app's name, icon and look (reuses a running one)."""
    app = QApplication.instance()
    if app is None:
        prepare_font_folder()
        app = QApplication(argv if argv is not None else sys.argv[:1])
    register_fonts()  # the shipped DejaVu fonts, on every platform (fonts.py says why)
    app.setApplicationName("Tận Tay")
    app.setOrganizationName("TanTay")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    install_wheel_guard(app)
    share_the_interpreter()
    collect_on_the_gui_thread(app)
    return app


def build_demo(ops: Ops, data_dir: Path, households: int, on_done: Callable[[], None], parent=None):
    """Create the demo database on the worker, with a progress dialog.

    It is built in a folder beside the target and moved in only when complete, so a cancelled
    or failed build never leaves a half-filled demo behind.
    """
    data_dir = Path(data_dir)

    def build(ctx):
        from desktop_app.store.store import Store

        data_dir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".demo-building-", dir=data_dir))
        try:
            create_demo_store(work).close()
            store = Store.open(work, "lead", DEMO_PASSWORD)
            try:
                fill_demo_data(store, households, progress=ctx.progress)
                store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                store.close()
            give_demo_officer_a_key(work)  # verifications made in the demo count
            for name in (KEYS_NAME, DB_NAME):  # the key file first: store_exists needs both
                os.replace(work / name, data_dir / name)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    ops.run_with_progress(
        build,
        lambda _r: on_done(),
        parent=parent,
        label=QCoreApplication.translate(
            "Shell", "Creating the demo database (%1 made-up households)…"
        ).replace("%1", str(households)),
    )


class Shell(QObject):
    """What happens between start and the main window: wizard, demo creation, login."""

    def __init__(
        self,
        app: QApplication,
        data_dir: Path,
        prefs: Prefs,
        *,
        demo: bool = False,
        ops: Ops | None = None,
    ):
        super().__init__(app)
        self.app = app
        self.data_dir = Path(data_dir)
        self.prefs = prefs
        self.demo = demo
        self.ops = ops or Ops(self, lang=current_lang)
        self.wizard = None
        self.login = None
        self.main_window = None
        self.on_main_window: Callable[[object], None] | None = None
        self.on_login: Callable[[object], None] | None = None

    def start(self) -> None:
        """The first screen: wizard (no database), demo creation, or login."""
        if store_exists(self.data_dir):
            self.show_login()
        elif self.demo:
            build_demo(self.ops, self.data_dir, DEMO_HOUSEHOLDS, self.show_login)
        else:
            self.show_wizard()

    def show_wizard(self) -> None:
        """The first-run wizard; afterwards the login screen (or quit when cancelled)."""
        from desktop_app.ui.setup_wizard import SetupWizard

        self.wizard = SetupWizard(self.ops, self.data_dir, self.prefs)
        self.wizard.finished.connect(self._wizard_finished)
        self.wizard.show()

    def _wizard_finished(self, _result: int) -> None:
        created = self.wizard.created
        self.wizard.deleteLater()
        self.wizard = None
        if created:
            self.show_login()
        else:
            self.app.quit()

    def show_login(self) -> None:
        """The login screen."""
        from desktop_app.ui.login import LoginWindow

        self.login = LoginWindow(self.ops, self.data_dir, demo=self.demo)
        self.login.logged_in.connect(self.show_main)
        self.login.language_requested.connect(self.set_language)
        self.login.show()
        fit_into_screen(self.login)
        if self.on_login:
            self.on_login(self.login)

    def set_language(self, lang: str) -> None:
        """Switch the language live and remember it."""
        from desktop_app.ui.settings_dialog import apply_language

        apply_language(self.prefs, lang)

    def show_main(self, session) -> None:
        """The main window for the person who just logged in."""
        from desktop_app.ui.main_window import MainWindow

        self.main_window = MainWindow(self.ops, session, self.prefs, self.data_dir)
        show_main_window(self.main_window, self.prefs)  # maximised, or as left; within the screen
        if self.login is not None:
            self.login.close()
            self.login.deleteLater()
            self.login = None
        self.main_window.activate()
        if self.on_main_window:
            self.on_main_window(self.main_window)

    def shutdown(self) -> None:
        """Stop the worker (closing the store on its thread)."""
        if self.main_window is not None:
            self.main_window.shutdown()
        else:
            self.ops.shutdown()


def run_gui(
    data_dir: Path,
    demo: bool = False,
    lang: str | None = None,
    screenshots: Path | None = None,
) -> int:
    """Start the GUI on ``data_dir``; returns the exit code."""
    if screenshots is not None:
        if not demo:
            print("--screenshots needs --demo / --screenshots cần --demo", file=sys.stderr)
            return 2
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        qInstallMessageHandler(_quiet_offscreen)
        # Unattended: if anything ever hangs, say where and stop instead of waiting for ever.
        faulthandler.dump_traceback_later(SCREENSHOT_WATCHDOG_S, exit=True)
    app = make_application()
    install_thread_guard()
    prefs = Prefs.load(data_dir)
    if lang:
        prefs.language = lang
        prefs.save()
    i18n.install(prefs.language)
    apply_style(app, prefs.font_scale, high_contrast=prefs.high_contrast)
    install_screen_fitter(app)
    shell = Shell(app, data_dir, prefs, demo=demo)
    shot = None
    if screenshots is not None:
        shot = ScreenshotTour(shell, Path(screenshots))
    shell.start()
    code = app.exec()
    shell.shutdown()
    if screenshots is not None:
        faulthandler.cancel_dump_traceback_later()
    if shot is not None and shot.error:
        print(shot.error, file=sys.stderr)
        return 1
    return code


def _quiet_offscreen(_mode, _context, message: str) -> None:
    """Qt messages during screenshots, without the offscreen platform's "not supported" notes."""
    if message.startswith("This plugin does not support"):
        return
    print(f"Qt: {message}", file=sys.stderr)


# --- waiting helpers (screenshots and smoke test) --------------------------------------------------


def _wait_for(ops: Ops, fn) -> object:
    """Run ``fn(store)`` on the worker and wait (with the event loop running) for its result."""
    loop = QEventLoop()
    box: dict = {}

    def done(result):
        box["result"] = result
        loop.quit()

    def failed(exc):
        box["error"] = exc
        loop.quit()

    ops.run(fn, done, failed)
    loop.exec()
    if "error" in box:
        raise box["error"]
    return box.get("result")


def _process(ms: int) -> None:
    """Let the event loop run for ``ms`` milliseconds."""
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)


def _settle(busy, minimum_ms: int = 600, timeout_ms: int = 20_000) -> None:
    """Wait until the worker has been idle for a moment (data loaded, debounces fired)."""
    _process(minimum_ms)
    end = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < end:
        if busy.idle_for() >= 0.3:
            break
        _process(50)
    _process(100)


def _type_text(widget: QWidget, text: str) -> None:
    """Type into ``widget`` as a person would (key events, so every signal fires)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def _grab_with_dialogs(window: QWidget, dialogs: list[QWidget]) -> QPixmap:
    """The window's picture with its open dialogs painted on top, centred as on screen."""
    shot = window.grab()
    painter = QPainter(shot)
    for dialog in dialogs:
        picture = dialog.grab()
        x = max(0, (shot.width() - picture.width()) // 2)
        y = max(0, (shot.height() - picture.height()) // 2)
        # Offscreen windows have no frame: dim the window and outline the dialog instead.
        painter.fillRect(shot.rect(), QColor(0, 0, 0, 70))
        painter.drawPixmap(QPoint(x, y), picture)
        painter.setPen(QColor("#55625e"))
        painter.drawRect(x - 1, y - 1, picture.width() + 1, picture.height() + 1)
    painter.end()
    return shot


class ScreenshotTour(QObject):
    """``--demo --screenshots DIR``: log in as the volunteer, visit each screen, save PNGs."""

    def __init__(self, shell: Shell, folder: Path):
        super().__init__(shell)
        self.shell = shell
        self.folder = folder
        self.error: str | None = None
        self.saved: list[Path] = []
        shell.on_login = self._at_login
        shell.on_main_window = self._at_main

    def _save(self, widget: QWidget, name: str, dialogs: list[QWidget] | None = None) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        picture = _grab_with_dialogs(widget, dialogs or [])
        boxes = missing_glyph_report([widget, *(dialogs or [])])
        if boxes:  # a picture of empty boxes is a failure, not a screenshot
            raise RuntimeError(f"{name} shows missing glyphs:\n  " + "\n  ".join(boxes[:20]))
        path = self.folder / name
        if not picture.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        self.saved.append(path)

    def _guard(self, step: Callable[[], None]) -> None:
        try:
            step()
        except Exception:
            self.error = "screenshots failed:\n" + traceback.format_exc()
            self.shell.app.exit(1)

    def _at_login(self, login) -> None:
        def step():
            login.resize(*SCREEN_SIZE)
            _process(300)
            self._save(login, "01-login.png")
            login.fill_demo("volunteer")
            login.form.submit()

        QTimer.singleShot(0, lambda: self._guard(step))

    def _at_main(self, window) -> None:
        QTimer.singleShot(0, lambda: self._guard(lambda: self._tour(window)))

    def _tour(self, window) -> None:
        ops = self.shell.ops
        busy = window.busy
        window.resize(*SCREEN_SIZE)
        _settle(busy)
        search = getattr(window.household_list, "search_edit", None)
        if search is None:
            search = window.household_list.findChild(QLineEdit)
        if search is not None:
            _type_text(search, "nguyen van")
        _settle(busy, 900)
        self._save(window, "02-households-search.png")

        found = _wait_for(ops, lambda store: store.search_households("nguyen van", limit=5))
        if not found:
            found = _wait_for(ops, lambda store: store.households_page(None, limit=1))
        window.open_household(found[0]["id"])
        _settle(busy)
        self._save(window, "03-household-detail.png")

        before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
        window.new_visit()
        _settle(busy)
        dialogs = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w not in before]
        self._save(window, "04-new-visit.png", dialogs)
        for dialog in dialogs:
            dialog.hide()
            dialog.deleteLater()
        _process(100)

        names = {
            "follow_ups": "05-follow-ups.png",
            "payments": "06-payments.png",
            "verification": "07-verification.png",
            "reports": "08-reports.png",
            "sync": "09-sync.png",
            "settings": "10-settings.png",
        }
        for key, name in names.items():
            window.show_page(key)
            _settle(busy)
            self._save(window, name)

        window.lock()
        _process(300)
        self._save(window, "11-lock.png", [window._lock_dialog])
        self._tour_wizard(ops)
        self.shell.app.exit(0)

    def _tour_wizard(self, ops: Ops) -> None:
        """Pictures of the first-run wizard's pages (nothing is created)."""
        from desktop_app.ui.setup_wizard import SetupWizard

        scratch = Path(tempfile.mkdtemp(prefix="tantay-wizard-"))
        try:
            wizard = SetupWizard(ops, scratch, Prefs())
            wizard.show()
            _process(200)
            self._save(wizard, "12-setup-language.png")
            wizard.next()
            _type_text(wizard.commune_page.search, "hoan kiem")
            wizard.commune_page.select_code("00070")
            _process(300)
            self._save(wizard, "13-setup-commune.png")
            wizard.next()
            for name in ("Tổ dân phố số 1 Hàng Bạc", "Tổ dân phố số 4 Hàng Buồm"):
                wizard.villages_page.entry.setText(name)
                wizard.villages_page.add_village()
            _process(100)
            self._save(wizard, "14-setup-villages.png")
            wizard.next()
            page = wizard.admin_page
            _type_text(page.full_name, "Phạm Quốc Bảo")
            _type_text(page.password, "short")
            _type_text(page.again, "shorter")
            _process(100)
            self._save(wizard, "15-setup-admin.png")
            wizard.hide()
            wizard.deleteLater()
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


# --- smoke test -------------------------------------------------------------------------------


class _QtMessages:
    """Collects Qt's warnings during the smoke test (any warning fails it)."""

    def __init__(self):
        self.messages: list[str] = []

    def __call__(self, mode, context, message) -> None:
        self.messages.append(message)


def smoke_test(lang: str | None = None) -> int:
    """Start offscreen on a throwaway database, build the main window, check the translation.

    Returns 0 and prints nothing on success; prints what failed to stderr and returns 1 otherwise.
    """
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    lang = lang or "vi"
    messages = _QtMessages()
    previous = qInstallMessageHandler(messages)
    scratch = Path(tempfile.mkdtemp(prefix="tantay-smoke-"))
    ops = None
    window = None
    try:
        app = make_application()
        install_thread_guard()
        if not i18n.install(lang) and lang == "vi":
            raise RuntimeError("the Vietnamese translation could not be loaded")
        apply_style(app, 100)
        if lang == "vi":
            translated = QCoreApplication.translate("MainWindow", "Households")
            if translated != "Hộ gia đình":
                raise RuntimeError(f"translation not applied: 'Households' -> {translated!r}")
        ops = Ops(lang=lambda: lang)
        from desktop_app.store.keyfile import KdfParams
        from desktop_app.store.store import Store
        from desktop_app.ui.login import Session, _session
        from desktop_app.ui.main_window import PAGES, MainWindow

        def create(_store) -> Session:
            store, _key = Store.create(
                scratch,
                admin_username="smoke",
                admin_password="smoke-test-pass",
                admin_full_name="Kiểm Tra",
                commune_code="00070",
                villages=["Tổ dân phố số 1"],
                kdf=KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1),
            )
            store.close()
            opened = Store.open(scratch, "smoke", "smoke-test-pass")
            ops.store = opened
            return _session(opened)

        session = _wait_for(ops, create)
        window = MainWindow(ops, session, Prefs(), scratch)
        window.show()
        window.activate()
        boxes: list[str] = []
        seen: set[str] = set()
        for key in (*PAGES[1:], PAGES[0]):  # every main screen, ending on the first
            window.show_page(key)
            _process(150)
            window.grab()  # paint it, as a screen would
            for line in missing_glyph_report([window]):
                if line not in seen:
                    seen.add(line)
                    boxes.append(f"{key}: {line}")
        _settle(window.busy, 200, 10_000)
        if not window.isVisible():
            raise RuntimeError("the main window did not show")
        if boxes:
            raise RuntimeError("missing glyphs (empty boxes):\n  " + "\n  ".join(boxes[:20]))
        window.close()
        _process(50)
        problems = [m for m in messages.messages if m]
        if problems:
            raise RuntimeError("Qt reported: " + " | ".join(problems))
        return 0
    except Exception as exc:  # report and fail: this is a start-up check
        print(f"smoke test failed: {exc}", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return 1
    finally:
        if window is not None:
            window.shutdown()
        elif ops is not None:
            ops.shutdown()
        qInstallMessageHandler(previous)
        shutil.rmtree(scratch, ignore_errors=True)
