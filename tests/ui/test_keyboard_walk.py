"""Issue 19, point 4: no two Alt-letters clash in any window or dialog, and every field label is
the buddy of its field. The walk opens every page of the main window for every role (a household
too), every dialog and every page of the first-run wizard, in Vietnamese and in English, and reads
what is visible (``mnemonics.py``)."""

from __future__ import annotations

import pytest
from mnemonics import problems
from ui_support import PASSWORD, call

from desktop_app.store import guard as store_guard
from desktop_app.ui import i18n
from desktop_app.ui.login import LockDialog, LoginWindow, RecoveryDialog, open_and_assign
from desktop_app.ui.main_window import PAGES, MainWindow
from desktop_app.ui.ops import Ops
from desktop_app.ui.prefs import Prefs
from desktop_app.ui.qt import QApplication, QWidget

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
LANGS = ("vi", "en")


@pytest.fixture(autouse=True)
def _no_guard(qapp):
    store_guard.thread_guard = None
    yield
    store_guard.thread_guard = None
    i18n.install("vi")


def _settle(qtbot, ops: Ops) -> None:
    qtbot.waitUntil(lambda: ops._pending == 0, timeout=20000)
    qtbot.wait(30)


def _check(found: list[str], window: QWidget, where: str) -> None:
    found += [f"[{where}] {p}" for p in problems(window)]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("username", ["volunteer", "lead", "officer", "admin"])
def test_every_page_of_the_main_window(qtbot, demo_dir, username, lang):
    i18n.install(lang)
    ops = Ops()
    found: list[str] = []
    try:
        session = call(qtbot, ops, lambda _s: open_and_assign(ops, demo_dir, username, PASSWORD))
        window = MainWindow(ops, session, Prefs.load(demo_dir), demo_dir)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.activate()
        for page in PAGES:
            window.show_page(page)
            _settle(qtbot, ops)
            _check(found, window, page)
        window.show_page("households")
        _settle(qtbot, ops)
        hid = call(qtbot, ops, lambda s: s.households_page(None, 2)[1]["id"])
        window.open_household(hid)
        _settle(qtbot, ops)
        _check(found, window, "household")
    finally:
        ops.shutdown()
    assert not found, "\n".join(found)


def _dialogs(ops: Ops, data: dict, demo_dir) -> list[tuple[str, QWidget]]:
    from desktop_app.ui.audit_view import AuditDialog
    from desktop_app.ui.benefits_panel import BenefitDialog, PaymentDialog
    from desktop_app.ui.consent_dialog import ConsentDialog
    from desktop_app.ui.help_view import HelpWindow
    from desktop_app.ui.household_dialog import HouseholdDialog, PersonDialog
    from desktop_app.ui.import_dialog import ImportDialog
    from desktop_app.ui.settings_dialog import PasswordDialog, SettingsDialog, UserDialog
    from desktop_app.ui.user_admin import RoleDialog
    from desktop_app.ui.visit_form import VisitForm

    hid = data["household"]["id"]
    return [
        ("new household", HouseholdDialog(ops, None)),
        ("edit household", HouseholdDialog(ops, data["household"])),
        ("new person", PersonDialog(ops, hid)),
        ("edit person", PersonDialog(ops, hid, data["person"])),
        ("visit", VisitForm(ops, hid)),
        ("benefit", BenefitDialog(ops, data["members"])),
        ("edit benefit", BenefitDialog(ops, data["members"], benefits=data["benefits"])),
        ("payment", PaymentDialog(ops, data["benefits"])),
        ("consent", ConsentDialog(ops, data["person"])),
        ("import", ImportDialog(ops)),
        ("settings", SettingsDialog(ops, Prefs.load(demo_dir), data["session"], demo_dir)),
        ("new user", UserDialog(ops)),
        ("own password", PasswordDialog(ops, username=None)),
        ("user password", PasswordDialog(ops, username="volunteer")),
        ("role", RoleDialog(ops, "volunteer", "volunteer")),
        ("audit", AuditDialog(ops)),
        ("help", HelpWindow()),
        ("lock", LockDialog(ops, data["session"])),
        ("login", LoginWindow(ops, demo_dir, demo=True)),
        ("recovery", RecoveryDialog(ops, demo_dir)),
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_every_dialog(qtbot, demo_dir, lang):
    i18n.install(lang)
    ops = Ops()
    found: list[str] = []
    try:
        session = call(qtbot, ops, lambda _s: open_and_assign(ops, demo_dir, "lead", PASSWORD))

        def read(store):
            household = store.households_page(None, 3)[2]
            full = store.household(household["id"])
            members = full.get("members") or full.get("persons") or []
            benefits = []
            for m in members:
                benefits += store.benefits_for_person(m["id"])
            return {
                "household": full,
                "members": members,
                "person": members[0],
                "benefits": benefits,
            }

        data = call(qtbot, ops, read)
        data["session"] = session
        for where, dialog in _dialogs(ops, data, demo_dir):
            qtbot.addWidget(dialog)
            dialog.resize(1200, 760)
            dialog.show()
            _settle(qtbot, ops)
            _check(found, dialog, where)
            dialog.close()
        for popup in QApplication.topLevelWidgets():
            if popup.isVisible() and popup.windowTitle() and popup not in ():
                _check(found, popup, "left open")
    finally:
        ops.shutdown()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_of_the_setup_wizard(qtbot, data_dir, fast_kdf, lang):
    from desktop_app.ui.setup_wizard import SetupWizard

    i18n.install(lang)
    ops = Ops()
    found: list[str] = []
    try:
        wizard = SetupWizard(ops, data_dir, Prefs.load(data_dir), fast_kdf)
        qtbot.addWidget(wizard)
        wizard.resize(1000, 700)
        wizard.show()
        for page_id in wizard.pageIds():
            wizard.setStartId(page_id)
            wizard.restart()
            qtbot.wait(20)
            _check(found, wizard, f"wizard page {page_id}")
    finally:
        ops.shutdown()
    assert not found, "\n".join(found)
