"""Every page and dialog fits the smallest screens the teams use, at normal and large text.

At 1280×720 with text at 100 %, 150 % and 175 % and at 1366×768 with text at 150 %, each page of
the main window (as every role that sees it) and each dialog is shown within the screen the way the app shows it,
then checked by ``layout_check.layout_problems``: no text cut off, no button out of reach, no
dialog that needs sideways scrolling, no window larger than the screen.
"""

from __future__ import annotations

import contextlib

import pytest
from layout_check import layout_problems
from ui_support import PASSWORD, call

from desktop_app.ui.login import LockDialog, LoginWindow, RecoveryDialog, open_and_assign
from desktop_app.ui.main_window import PAGES, MainWindow
from desktop_app.ui.prefs import Prefs
from desktop_app.ui.qt import QApplication, QRect, QSize, QWidget
from desktop_app.ui.screen_fit import fit_into_screen
from desktop_app.ui.style import apply_style

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def text_scale(qapp, request):
    """Apply the text scale of the case; back to 100 % afterwards."""
    scale = request.param

    apply_style(qapp, scale)
    yield scale
    apply_style(qapp, 100)


def _settle(qtbot, window: MainWindow) -> None:
    qtbot.wait(50)
    qtbot.waitUntil(lambda: window.busy.idle_for() > 0.3, timeout=20_000)
    QApplication.processEvents()


def _window(qtbot, make_ops, demo_dir, username: str, size: QSize) -> MainWindow:
    ops = make_ops(username)
    session = call(qtbot, ops, lambda _s: open_and_assign(ops, demo_dir, username, PASSWORD))
    window = MainWindow(ops, session, Prefs(), demo_dir)
    qtbot.addWidget(window)
    window.resize(size)
    window.show()
    window.activate()
    _settle(qtbot, window)
    return window


def _check(top: QWidget, size: QSize, what: str) -> list[str]:
    QApplication.processEvents()
    return [f"{what}: {p}" for p in layout_problems(top, size)]


def _dialog(top: QWidget, size: QSize, qtbot) -> None:
    top.show()
    fit_into_screen(top, QRect(0, 0, size.width(), size.height()))
    qtbot.wait(30)


CASES = [
    pytest.param(size, scale, id=f"{size.width()}x{size.height()}-{scale}pct")
    for size, scale in (
        (QSize(1280, 720), 100),
        (QSize(1366, 768), 150),
        # issue 17: a tryout at 150 % and 175 % on the smallest screen saw the header overlap,
        # the payments grid squeezed to a row, dialogs wider or taller than the screen
        (QSize(1280, 720), 150),
        (QSize(1280, 720), 175),
    )
]


@pytest.mark.parametrize(("size", "text_scale"), CASES, indirect=["text_scale"])
@pytest.mark.parametrize("username", ["volunteer", "lead", "officer", "admin"])
def test_every_page_fits(qtbot, make_ops, demo_dir, size, text_scale, username):
    window = _window(qtbot, make_ops, demo_dir, username, size)
    problems = []
    for key in PAGES:
        window.show_page(key)
        _settle(qtbot, window)
        problems += _check(window, size, f"{username} {key}")
    hid = call(qtbot, window._ops, lambda s: s.households_page(None, limit=1))[0]["id"]
    window.open_household(hid)
    _settle(qtbot, window)
    problems += _check(window, size, f"{username} household")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("size", "text_scale"), CASES, indirect=["text_scale"])
def test_every_dialog_fits(qtbot, make_ops, demo_dir, size, text_scale):
    from desktop_app.ui.audit_view import AuditDialog
    from desktop_app.ui.benefits_panel import BenefitDialog, PaymentDialog
    from desktop_app.ui.consent_dialog import ConsentDialog
    from desktop_app.ui.household_dialog import HouseholdDialog, PersonDialog
    from desktop_app.ui.import_dialog import ImportDialog
    from desktop_app.ui.settings_dialog import PasswordDialog, SettingsDialog, UserDialog
    from desktop_app.ui.visit_form import VisitForm

    window = _window(qtbot, make_ops, demo_dir, "admin", size)
    ops = window._ops
    hid = call(qtbot, ops, lambda s: s.households_page(None, limit=1))[0]["id"]
    household = call(qtbot, ops, lambda s: s.household(hid))
    members = household["members"]
    benefits = household.get("benefits") or []
    held = call(
        qtbot,
        ops,
        lambda s: [
            dict(b, full_name=m.get("full_name"))
            for m in members
            for b in s.benefits_for_person(m["id"])
        ],
    )
    dialogs = {
        "visit": lambda: VisitForm(ops, hid, window),
        "new household": lambda: HouseholdDialog(ops, None, window),
        "edit household": lambda: HouseholdDialog(ops, household, window),
        "new person": lambda: PersonDialog(ops, hid, None, window),
        "edit person": lambda: PersonDialog(ops, hid, members[0], window),
        "consent": lambda: ConsentDialog(ops, members[0], window),
        "benefit": lambda: BenefitDialog(ops, members, window),
        "edit benefit": lambda: BenefitDialog(ops, members, window, benefits=held),
        "payment": lambda: PaymentDialog(ops, benefits, window),
        "audit": lambda: AuditDialog(ops, window),
        "import": lambda: ImportDialog(ops, window),
        "add user": lambda: UserDialog(ops, window),
        "password": lambda: PasswordDialog(ops, window),
        "settings": lambda: SettingsDialog(ops, Prefs(), window.session, demo_dir, window),
        "recovery": lambda: RecoveryDialog(ops, demo_dir, window),
    }
    problems = []
    for name, make in dialogs.items():
        dialog = make()
        _dialog(dialog, size, qtbot)
        qtbot.waitUntil(lambda: window.busy.idle_for() > 0.3, timeout=20_000)
        qtbot.wait(50)
        problems += _check(dialog, size, name)
        dialog.hide()
        dialog.deleteLater()
    window.lock()
    qtbot.wait(50)
    problems += _check(window._lock_dialog, size, "lock")
    assert isinstance(window._lock_dialog, LockDialog)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("size", "text_scale"), CASES, indirect=["text_scale"])
def test_login_and_every_wizard_page_fit(qtbot, demo_dir, data_dir, size, text_scale):
    from desktop_app.ui.ops import Ops
    from desktop_app.ui.setup_wizard import SetupWizard

    ops = Ops()
    try:
        login = LoginWindow(ops, demo_dir, demo=True)
        qtbot.addWidget(login)
        login.resize(size)
        login.show()
        problems = _check(login, size, "login")
        wizard = SetupWizard(ops, data_dir, Prefs())
        qtbot.addWidget(wizard)
        _dialog(wizard, size, qtbot)
        wizard.commune_page.select_code("00070")
        wizard.villages_page.entry.setText("Tổ dân phố số 1 Hàng Bạc")
        wizard.villages_page.add_village()
        for step in ("language", "commune", "villages", "admin"):
            problems += _check(wizard, size, f"wizard {step}")
            if step != "admin":
                wizard.next()
                qtbot.wait(30)
        wizard.recovery_page.set_key("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789")
        problems += _check(wizard.recovery_page, size, "wizard recovery")
    finally:
        with contextlib.suppress(RuntimeError):
            ops.shutdown()
    assert not problems, "\n".join(problems)


def test_a_window_larger_than_the_screen_is_brought_within_it(qtbot):
    big = QWidget()
    qtbot.addWidget(big)
    big.resize(1500, 900)
    big.show()
    assert fit_into_screen(big, QRect(0, 0, 1280, 720))
    assert big.width() <= 1280 and big.height() <= 720
