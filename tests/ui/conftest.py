"""Fixtures for the GUI tests."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ui_support import PASSWORD  # noqa: E402

from desktop_app.store import guard as store_guard  # noqa: E402
from desktop_app.store.store import Store  # noqa: E402
from desktop_app.ui import i18n  # noqa: E402
from desktop_app.ui.ops import Ops, install_thread_guard  # noqa: E402


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(qapp):
    """As in the app (ops.GuiThreadCollector): no cyclic collection on a worker thread while a
    GUI test runs; the automatic collector is back for the tests without a GUI."""
    import gc

    from desktop_app.ui.ops import collect_on_the_gui_thread

    collect_on_the_gui_thread(qapp)
    gc.disable()
    yield
    gc.enable()


@pytest.fixture
def make_ops(qtbot, demo_dir):
    """``make_ops("officer")``: an Ops whose store was opened on its worker, with the thread
    guard on (a store call on the GUI thread fails the test)."""
    created: list[Ops] = []
    install_thread_guard()
    i18n.install("vi")  # the app's default language

    def make(username: str = "volunteer") -> Ops:
        ops = Ops()
        opened: list[bool] = []
        ops.run(
            lambda _s: setattr(ops, "store", Store.open(demo_dir, username, PASSWORD)),
            lambda _r: opened.append(True),
        )
        qtbot.waitUntil(lambda: bool(opened), timeout=15000)
        created.append(ops)
        return ops

    yield make
    for ops in created:
        with contextlib.suppress(RuntimeError):
            ops.shutdown()
    store_guard.thread_guard = None
