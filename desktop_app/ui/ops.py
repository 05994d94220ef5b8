"""Operations: all database, file and network work runs on one worker thread, never the GUI thread.

Like Anki's ``CollectionOp``/``QueryOp``: the GUI calls ``ops.run(fn, on_done)``; ``fn(store)``
runs on the database thread (which opened the store and owns its connection); ``on_done(result)``
is then called on the GUI thread. ``fn`` never touches a widget. Errors a person can act on
(``KnownError``) are shown in their language; anything else is logged and shown as "something went
wrong".
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import os
import sys
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from desktop_app.core.errors import KnownError
from desktop_app.store import guard as store_guard
from desktop_app.ui.qt import (
    QApplication,
    QMessageBox,
    QObject,
    QProgressDialog,
    Qt,
    QThread,
    QTimer,
    QWidget,
    Signal,
    Slot,
)

log = logging.getLogger(__name__)


SWITCH_INTERVAL_S = 0.0005


def share_the_interpreter() -> None:
    """Let a thread that is busy in Python (a sync, an import) hand the interpreter to the GUI
    and the other workers after 0.5 ms instead of Python's 5 ms: typing in the search box stays
    quick while a sync runs (issue 17, ``search_during_sync``: at 1 ms its p95 was 7.7-8.4 ms in
    three runs, at 0.5 ms 7.3-7.5 ms)."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)


class GuiThreadCollector(QObject):
    """Python's cyclic garbage collector, run on the GUI thread only.

    Left automatic, a collection runs in whichever thread allocates when the counts pass their
    thresholds: often the database worker, which allocates the most. A collection there finalises
    the Qt objects of a closed dialog (a connected lambda makes a cycle with its widget) off their
    thread, and freeing a QObject off its thread corrupts Qt's state (OpContext holds its Ops
    weakly for the same reason): a GUI test once hung for ever inside Qt's connection lock while
    filling a combo box. So the automatic collector is off, and this timer collects on the GUI
    thread, with the generations and thresholds Python itself would use. Bulk work that pauses
    the collector (``gc_paused``) leaves it off (core.gcpause)."""

    INTERVAL_MS = 250

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    @Slot()
    def collect(self) -> None:
        """Collect the oldest generation whose count passed its threshold (as Python would)."""
        counts, limits = gc.get_count(), gc.get_threshold()
        generation = -1
        for g in range(3):
            if counts[g] > limits[g]:
                generation = g
        if generation >= 0:
            gc.collect(generation)


def collect_on_the_gui_thread(app: QApplication) -> GuiThreadCollector:
    """Install the GUI-thread collector once for ``app`` (returned; kept as the app's child)."""
    existing = app.findChild(GuiThreadCollector)
    return existing if existing is not None else GuiThreadCollector(app)


def yield_to_the_gui() -> None:
    """Lower the calling thread's CPU priority (the sync thread): on a one-core laptop the
    typing gets the core first. Linux and macOS schedule threads one by one; elsewhere (or when
    not allowed) nothing changes."""
    with contextlib.suppress(AttributeError, OSError):
        me = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, me, max(os.getpriority(os.PRIO_PROCESS, me), 10))


class StoreCallOnGuiThread(AssertionError):
    """A store function was called on the GUI thread (a bug: the GUI would freeze)."""


def install_thread_guard() -> None:
    """Make every store operation fail loudly when called on the GUI thread."""

    def guard() -> None:
        app = QApplication.instance()
        if app is not None and QThread.currentThread() is app.thread():
            raise StoreCallOnGuiThread("store called on the GUI thread")

    store_guard.thread_guard = guard


class Cancelled(Exception):
    """Raised inside an operation when the person pressed Cancel."""


class OpContext:
    """Given to long operations: report progress, check for cancel."""

    def __init__(self, ops: Ops, op_id: int, cancel_event: threading.Event):
        # weak: a finished job dropped by the worker thread must never hold the last reference
        # to a QObject (freeing one off its thread corrupts Qt's state)
        self._ops_ref = weakref.ref(ops)
        self._id = op_id
        self._cancel = cancel_event

    @property
    def store(self):
        """The open store (on the worker thread)."""
        return self._ops.store

    @property
    def _ops(self) -> Ops:
        ops = self._ops_ref()
        if ops is None:
            raise Cancelled()
        return ops

    def progress(self, done: int, total: int) -> None:
        """Report progress; raises ``Cancelled`` when the person pressed Cancel."""
        self._ops._progress.emit(self._id, done, total)
        if self._cancel.is_set():
            raise Cancelled()

    def cancelled(self) -> bool:
        """True once Cancel was pressed."""
        return self._cancel.is_set()


class Ops(QObject):
    """The database worker and the bridge back to the GUI thread."""

    _finished = Signal(int, object, object)
    _progress = Signal(int, int, int)
    busy_changed = Signal(bool)
    saved_all = Signal()  # no operation that may write is queued or running any more

    def __init__(self, parent: QObject | None = None, lang: Callable[[], str] = lambda: "vi"):
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tantay-db")
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable | None, Callable | None, Callable | None]] = {}
        self._latest_by_key: dict[str, int] = {}
        self._boxes: dict[int, dict] = {}
        self._lock = threading.Lock()
        self._pending = 0
        self.store = None
        self._closed = False
        self._closing = False  # quitting: queued read-only jobs are dropped, saves still run
        self._writes: set[int] = set()  # operations that may write, until their answer arrives
        self.lang = lang
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    # --- running ------------------------------------------------------------------------------

    def run(
        self,
        fn: Callable[[Any], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        key: str | None = None,
        read_only: bool | None = None,
    ) -> int:
        """Run ``fn(store)`` on the worker; ``on_done(result)`` on the GUI thread.

        With ``key``, a newer operation of the same key supersedes older ones still queued (their
        callbacks are dropped): search as you type only answers the latest keystroke. Such an
        operation may be dropped, so it only reads: ``read_only`` defaults to ``key is not None``.
        A read-only operation still queued when the app quits is dropped (``begin_closing``).
        """
        if read_only is None:
            read_only = key is not None
        return self._submit(
            lambda _ctx: fn(self.store), on_done, on_error, None, key, read_only=read_only
        )

    @property
    def working(self) -> bool:
        """True while an operation is queued or running (its answer not yet delivered)."""
        return self._pending > 0

    @property
    def saving(self) -> bool:
        """True while an operation that may write (not read-only) is queued or running."""
        return bool(self._writes)

    def begin_closing(self) -> None:
        """The app is quitting: drop read-only operations not yet started (nobody will see
        their answer) and refuse new ones; operations that write still run to the end."""
        self._closing = True

    def run_with_progress(
        self,
        fn: Callable[[OpContext], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        parent: QWidget | None = None,
        label: str = "",
    ) -> int:
        """Run ``fn(ctx)`` with a progress dialog and a Cancel button (shown after 1 s)."""
        cancel = threading.Event()
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(1000)
        dialog.canceled.connect(cancel.set)

        def progress(done: int, total: int) -> None:
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))

        def finish_ok(result):
            dialog.reset()
            dialog.deleteLater()
            if on_done:
                on_done(result)

        def finish_err(exc):
            dialog.reset()
            dialog.deleteLater()
            if isinstance(exc, Cancelled):
                return
            (on_error or self.show_error)(exc)

        return self._submit(fn, finish_ok, finish_err, progress, None, cancel)

    def _submit(
        self, fn, on_done, on_error, on_progress, key, cancel=None, *, read_only=False
    ) -> int:
        op_id = next(self._ids)
        if self._closed or (self._closing and read_only):
            # A late callback after the window closed (e.g. a view refreshing when an earlier
            # answer arrives): there is no database any more, so there is nothing to do.
            log.debug("operation %d dropped: the worker is shut down", op_id)
            return op_id
        cancel = cancel or threading.Event()
        # ``fn`` usually closes over a widget. Its last reference must go on the GUI thread:
        # a Qt object freed on the worker thread (when the executor drops a finished job) can
        # crash the process. So the GUI side holds ``fn`` in ``box`` and empties it when the
        # answer arrives; the job keeps only the box.
        box = {"fn": fn}
        with self._lock:
            self._callbacks[op_id] = (on_done, on_error, on_progress)
            self._boxes[op_id] = box
            if key is not None:
                self._latest_by_key[key] = op_id
        self._pending += 1
        if not read_only:
            self._writes.add(op_id)
        if self._pending == 1:
            self.busy_changed.emit(True)
        ctx = OpContext(self, op_id, cancel)
        ops_ref = weakref.ref(self)  # the job must not keep the Ops QObject alive (see OpContext)

        def job():
            ops = ops_ref()
            if ops is None:
                return
            if key is not None and ops._latest_by_key.get(key) != op_id:
                ops._finished.emit(op_id, None, _Superseded())
                return
            if read_only and ops._closing:  # quitting: nobody waits for this answer
                ops._finished.emit(op_id, None, _Superseded())
                return
            work = box.get("fn")
            try:
                result = work(ctx)
            except BaseException as exc:  # delivered to the GUI thread, never lost
                work = None
                # the box (emptied on the GUI thread) keeps the error alive until then: its
                # traceback holds the operation's frames, which may hold widgets
                box["exc"] = exc
                ops._finished.emit(op_id, None, exc)
            else:
                work = None
                box["result"] = result
                ops._finished.emit(op_id, result, None)
                result = None

        self._executor.submit(job)
        return op_id

    @Slot(int, int, int)
    def _on_progress(self, op_id: int, done: int, total: int) -> None:
        cb = self._callbacks.get(op_id)
        if cb and cb[2]:
            cb[2](done, total)

    @Slot(int, object, object)
    def _on_finished(self, op_id: int, result, exc) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
        with self._lock:
            on_done, on_error, _ = self._callbacks.pop(op_id, (None, None, None))
            box = self._boxes.pop(op_id, None)
        if box is not None:
            box.clear()  # the operation's closure is freed here, on the GUI thread
        if op_id in self._writes:
            self._writes.discard(op_id)
            if not self._writes:
                self.saved_all.emit()
        if isinstance(exc, _Superseded):
            return
        if exc is not None:
            (on_error or self.show_error)(exc)
        elif on_done is not None:
            on_done(result)

    def show_error(self, exc: BaseException, parent: QWidget | None = None) -> None:
        """Show a known error plainly; log a bug with detail and say something went wrong."""
        if isinstance(exc, KnownError):
            QMessageBox.warning(
                parent or QApplication.activeWindow(), self.tr("Tận Tay"), exc.message(self.lang())
            )
            return
        log.error("operation failed", exc_info=(type(exc), exc, exc.__traceback__))
        QMessageBox.critical(
            parent or QApplication.activeWindow(),
            self.tr("Tận Tay"),
            self.tr(
                "Something went wrong. Your saved data is safe; details are in the log file. "
                "Please try again."
            ),
        )

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Block until queued operations have run (for shutdown and tests)."""
        done = threading.Event()
        self._executor.submit(done.set)
        done.wait(timeout)

    def shutdown(self) -> None:
        """Close the store on its own thread and stop the worker."""

        def close():
            if self.store is not None:
                self.store.close()
                self.store = None

        if self._closed:
            return
        self._closed = True
        self._executor.submit(close)
        self._executor.shutdown(wait=True)


class _Superseded(Exception):
    pass
