"""Helpers shared by the GUI tests: an Ops over a real demo database, and waiting for results."""

from __future__ import annotations

from desktop_app.ui.ops import Ops

PASSWORD = "demo1234"


def call(qtbot, ops: Ops, fn, timeout: int = 15000):
    """Run ``fn(store)`` on the worker and wait for its result (re-raising its error)."""
    box: dict = {}
    ops.run(fn, lambda r: box.setdefault("result", r), lambda e: box.setdefault("error", e))
    qtbot.waitUntil(lambda: bool(box), timeout=timeout)
    if "error" in box:
        raise box["error"]
    return box["result"]
