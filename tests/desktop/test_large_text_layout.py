"""At 150 % and 175 % text on a 1280×720 screen (xcb, a real window manager), the main window's
header, the Payments page and the verification page show every text whole (issue 17: a tryout
saw the header's texts overlap, the payments grid squeezed to one row, the verification form's
buttons cut). Checked by ``tests/ui/layout_check.py`` on the maximised window, as started."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ui"))

from layout_check import layout_problems  # noqa: E402

from desktop_app.store import guard as store_guard  # noqa: E402
from desktop_app.ui import i18n  # noqa: E402
from desktop_app.ui.login import open_and_assign  # noqa: E402
from desktop_app.ui.main_window import MainWindow  # noqa: E402
from desktop_app.ui.ops import Ops  # noqa: E402
from desktop_app.ui.page_scroll import min_rows_height  # noqa: E402
from desktop_app.ui.prefs import Prefs  # noqa: E402
from desktop_app.ui.qt import QApplication, QGuiApplication, QRect, QWidget  # noqa: E402
from desktop_app.ui.screen_fit import install_screen_fitter, show_main_window  # noqa: E402
from desktop_app.ui.style import apply_style  # noqa: E402

DEMO_PASSWORD = "demo1234"


@pytest.fixture
def scale(qapp, request):
    store_guard.thread_guard = None
    i18n.install("vi")
    apply_style(qapp, request.param)
    install_screen_fitter(qapp)
    yield request.param
    apply_style(qapp, 100)


def _settle(qtbot, window: MainWindow) -> None:
    qtbot.wait(100)
    qtbot.waitUntil(lambda: window.busy.idle_for() > 0.3, timeout=20_000)
    QApplication.processEvents()


def _open(qtbot, demo_dir, username: str) -> tuple[MainWindow, Ops]:
    ops = Ops()
    box: dict = {}
    ops.run(
        lambda _s: open_and_assign(ops, demo_dir, username, DEMO_PASSWORD),
        lambda r: box.setdefault("session", r),
        lambda e: box.setdefault("error", e),
    )
    qtbot.waitUntil(lambda: bool(box), timeout=20_000)
    if "error" in box:
        raise box["error"]
    window = MainWindow(ops, box["session"], Prefs(), demo_dir)
    qtbot.addWidget(window)
    show_main_window(window, Prefs())  # maximised, as the app starts
    qtbot.waitExposed(window)
    window.activate()
    _settle(qtbot, window)
    return window, ops


def _area(window: QWidget) -> QRect:
    return window.screen().availableGeometry()


CASES = {
    "volunteer": ("households", "payments"),
    "officer": ("verification",),
    "lead": ("payments", "verification"),
}


@pytest.mark.parametrize("scale", [150, 175], indirect=True)
@pytest.mark.parametrize("username", list(CASES))
def test_header_payments_and_verification_fit_at_large_text(
    qtbot, demo_dir, shots, scale, username
):
    window, ops = _open(qtbot, demo_dir, username)
    try:
        screen = QGuiApplication.primaryScreen().size()
        assert (screen.width(), screen.height()) == (1280, 720), "run under Xvfb 1280×720"
        problems = []
        for page in CASES[username]:
            window.show_page(page)
            _settle(qtbot, window)
            window.grab().save(str(shots / f"large-text-{scale}-{username}-{page}.png"), "PNG")
            area = _area(window).size()
            problems += [f"{page}: {p}" for p in layout_problems(window, area)]
            if page == "payments":
                grid = window.pages["payments"].table
                need = min_rows_height(grid, 5)
                if grid.height() + 2 < need:
                    problems.append(f"payments grid {grid.height()}px high, 5 rows need {need}")
            if page == "verification":
                # the form does not scroll sideways: narrower than its widest row cuts buttons
                scroll = window.pages["verification"].form_scroll
                need = scroll.widget().minimumSizeHint().width()
                if need > scroll.viewport().width() + 2:
                    problems.append(
                        f"verification form {scroll.viewport().width()}px wide, needs {need}"
                    )
        assert not problems, "\n".join(problems)
    finally:
        window.shutdown()
