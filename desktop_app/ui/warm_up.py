"""Reading the search's pages in the background after login, so the first keystrokes are quick.

On a commune office's old laptop the database file is read from a spinning disk at ~10 ms a
random read, and the first searches after a start would each wait for dozens of them (issue 17).
``SearchWarmUp`` asks the worker for ``Store.warm_search`` one short slice at a time: the list's
first page and anything the person does are queued before or between slices, never behind the
whole warm-up. Read-only, dropped when the app quits, silent when it fails (it only saves time).
"""

from __future__ import annotations

import logging
import time

from desktop_app.ui.qt import QObject, QTimer

log = logging.getLogger(__name__)

START_AFTER_MS = 500
"""Wait this long after the main window is built (its first page is queued by then)."""


class SearchWarmUp(QObject):
    """Warms the search pages slice by slice on the ops worker."""

    def __init__(self, ops, parent: QObject | None = None):
        super().__init__(parent)
        self._ops = ops
        self._started = 0.0
        self.slices = 0
        self.done = False

    def start(self, delay_ms: int = START_AFTER_MS) -> None:
        QTimer.singleShot(delay_ms, lambda: self._next(None, first=True))

    def _next(self, resume, first: bool = False) -> None:
        if first:
            self._started = time.monotonic()
        elif resume is None:
            self.done = True
            log.info(
                "search pages warmed in %.1f s (%d slices)",
                time.monotonic() - self._started,
                self.slices,
            )
            return
        if self._ops.store is None:  # (a job asked for while quitting is dropped by ops)
            return
        self.slices += 1
        self._ops.run(
            lambda store: store.warm_search(resume),
            self._next,
            lambda exc: log.info("search warm-up stopped (%s)", type(exc).__name__),
            read_only=True,
        )
