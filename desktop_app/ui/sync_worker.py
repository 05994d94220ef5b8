"""Sync with the city server on its own thread, with its own store connection.

Network waits (a slow server, retries with backoff, a 30 s timeout) must never hold up the GUI's
database worker (``ops.py``), so sync runs on a second worker thread that opens its own
connection with ``Store.reopen()`` *on that thread*. Jobs run one at a time in order: a sync, an
enrolment, a USB export or a receipt import never overlap, so the outbox is never marked by two
of them at once.

Like Dangerzone's progress hooks turned into signals: the Qt-free ``SyncClient`` reports progress
through callbacks; ``SyncWorker`` (a ``QObject`` living on the GUI thread) turns them into signals
delivered on the GUI thread:

    started → progress(done, total)* → finished(SyncResult) | failed(message, transient) | cancelled

It also syncs by itself: a health probe every few minutes decides online/offline (the status bar
shows it) and, when online and enrolled, starts a sync; after a failure the next attempt waits
``Backoff.delay`` (exponential with full jitter). It stops when the window locks or closes and
starts again (as the person now logged in) when it is unlocked.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

from desktop_app.core.errors import KnownError
from desktop_app.sync.client import Backoff, Cancelled, SyncClient, SyncError, SyncResult
from desktop_app.ui.ops import yield_to_the_gui
from desktop_app.ui.qt import QObject, Qt, QTimer, Signal, Slot

log = logging.getLogger(__name__)

PROBE_MINUTES = 5
"""How often the health probe runs (and, when online, an automatic sync)."""
AUTO_BACKOFF = Backoff(base=30.0, cap=30 * 60.0)
"""Waits between automatic attempts after failures: up to 30 s, 60 s, 2 min … capped at 30 min."""
JOIN_SECONDS = 5.0
"""How long closing the window waits for a running network request before leaving it behind."""


class SyncContext:
    """Given to a job on the sync thread: its own store and client, progress and cancel."""

    def __init__(self, thread: _SyncThread, job: _Job):
        self._thread = thread
        self._job = job

    @property
    def store(self):
        """The sync thread's own store (never the GUI worker's)."""
        return self._thread.store

    @property
    def client(self) -> SyncClient:
        """A ``SyncClient`` on that store (made on first use: it loads the HTTP stack)."""
        return self._thread.ensure_client()

    def cancelled(self) -> bool:
        """True once Cancel was pressed or the worker is stopping."""
        return self._job.cancel.is_set()

    def progress(self, done: int, total: int) -> None:
        """Report progress to the GUI (never blocks)."""
        self._thread.post(self._job.id, "progress", (done, total))

    def phase(self, name: str) -> None:
        """Report which step runs now (``"push"``, ``"pull"``, ``"export"`` …)."""
        self._thread.post(self._job.id, "phase", name)


class _Job:
    def __init__(self, job_id: int, fn: Callable[[SyncContext], Any]):
        self.id = job_id
        self.fn = fn
        self.cancel = threading.Event()


class _SyncThread(threading.Thread):
    """One daemon thread owning one store connection; runs jobs from a queue in order.

    A daemon thread, so a request stuck on a dead network can never keep the app from quitting.
    """

    def __init__(self, template, post: Callable[[int, str, Any], None], client_factory):
        super().__init__(name="tantay-sync", daemon=True)
        self._template = template
        self._post = post
        self._client_factory = client_factory
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._stopping = threading.Event()
        self._current: _Job | None = None
        self.store = None
        self.client: SyncClient | None = None

    def post(self, job_id: int, kind: str, payload: Any) -> None:
        """Send an event to the GUI thread; dropped when the GUI side is gone."""
        # RuntimeError: the QObject was deleted (window closed), nobody is listening
        with contextlib.suppress(RuntimeError):
            self._post(job_id, kind, payload)

    def submit(self, job: _Job) -> None:
        """Queue a job (cancelled at once when the thread is stopping)."""
        if self._stopping.is_set():
            job.cancel.set()
        self._jobs.put(job)

    def stop(self) -> None:
        """Cancel the running and queued jobs and end the thread after them."""
        self._stopping.set()
        current = self._current
        if current is not None:
            current.cancel.set()
        self._jobs.put(None)

    def _sleep(self, seconds: float) -> None:
        """The client's backoff wait: returns early (raising ``Cancelled``) on Cancel."""
        current = self._current
        event = current.cancel if current is not None else self._stopping
        if event.wait(seconds):
            raise Cancelled()

    def ensure_client(self) -> SyncClient:
        """The sync client, made on this thread the first time a job needs it."""
        if self.client is None:
            self.client = self._client_factory(
                self.store, backoff=Backoff(sleep=self._sleep, attempts=4)
            )
        return self.client

    def run(self) -> None:
        """Open the store here, on this thread, then run jobs until stopped."""
        yield_to_the_gui()
        opened: BaseException | None = None
        try:
            self.store = self._template.reopen()
        except BaseException as exc:  # reported to every job; the GUI shows it
            log.exception("sync thread could not open the store")
            opened = exc
        try:
            while True:
                job = self._jobs.get()
                if job is None:
                    break
                if self._stopping.is_set():
                    job.cancel.set()
                if job.cancel.is_set():
                    self.post(job.id, "error", Cancelled())
                    continue
                if opened is not None:
                    self.post(job.id, "error", opened)
                    continue
                self._current = job
                try:
                    result = job.fn(SyncContext(self, job))
                except BaseException as exc:  # delivered to the GUI thread, never lost
                    self.post(job.id, "error", exc)
                else:
                    self.post(job.id, "done", result)
                finally:
                    self._current = None
        finally:
            if self.client is not None:
                self.client.close()
            if self.store is not None:
                self.store.close()


def sync_round(ctx: SyncContext) -> SyncResult:
    """One sync round on the sync thread, reporting which step runs so the GUI can say
    "sending" / "receiving"."""
    return ctx.client.sync(ctx.cancelled, ctx.progress, on_phase=ctx.phase)


def _probe(ctx: SyncContext) -> tuple[bool, bool]:
    enrolled = bool(ctx.store.sync_state().get("token"))
    return enrolled, enrolled and ctx.client.is_online()


class SyncWorker(QObject):
    """Runs sync (and other network or USB work) on its own thread; automatic sync when online.

    Lives on the GUI thread; every callback and signal arrives on the GUI thread.
    """

    started = Signal()
    progress = Signal(int, int)
    phase_changed = Signal(str)
    finished = Signal(object)  # SyncResult
    failed = Signal(str, bool)  # message in the current language, transient
    cancelled = Signal()
    online_changed = Signal(bool)
    enrolled_changed = Signal(bool)
    running_changed = Signal(bool)

    _event = Signal(int, str, object)

    def __init__(
        self,
        ops,
        parent: QObject | None = None,
        *,
        probe_minutes: float = PROBE_MINUTES,
        backoff: Backoff | None = None,
        client_factory=SyncClient,
    ):
        super().__init__(parent)
        self._ops = ops
        self._client_factory = client_factory
        self._thread: _SyncThread | None = None
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable | None, Callable | None, Callable | None]] = {}
        self._jobs: dict[int, _Job] = {}
        self._sync_job: int | None = None
        self._probe_job: int | None = None
        self._shut_down = False
        self.auto_sync = True
        self.online: bool | None = None
        self.enrolled: bool | None = None
        self.failures = 0
        self.backoff = backoff or AUTO_BACKOFF
        self._next_auto_at = 0.0
        self._event.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self._probe_timer = QTimer(self)
        self._probe_timer.setInterval(int(probe_minutes * 60_000))
        self._probe_timer.timeout.connect(self.probe)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self.probe)

    # --- lifecycle ------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """True while a sync round runs (or waits in the queue)."""
        return self._sync_job is not None

    @property
    def active(self) -> bool:
        """True while the sync thread is up (logged in and not locked)."""
        return self._thread is not None

    def set_probe_interval(self, seconds: float) -> None:
        """How often the health probe runs (tests use short ones)."""
        self._probe_timer.setInterval(max(50, int(seconds * 1000)))

    def start(self) -> None:
        """Start the thread (opening its store as the person logged in) and the probe timer."""
        if self._shut_down or self._thread is not None or self._ops.store is None:
            return
        # The template is read here; ``reopen`` itself runs on the sync thread.
        self._thread = _SyncThread(self._ops.store, self._event.emit, self._client_factory)
        self._thread.start()
        self._probe_timer.start()
        QTimer.singleShot(0, self.probe)

    def stop(self) -> None:
        """Stop automatic sync, cancel what runs and close the sync store (lock, logout).

        Does not wait: a request in flight ends on its own and its answer still arrives.
        """
        self._probe_timer.stop()
        self._retry_timer.stop()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.stop()

    def set_locked(self, locked: bool) -> None:
        """Stop while the app is locked; start again (as whoever unlocked it) afterwards."""
        if locked:
            self.stop()
        else:
            self.start()

    def shutdown(self, wait: float = JOIN_SECONDS) -> None:
        """Stop for good (window closing): cancel, then wait a little for the thread to end."""
        thread = self._thread
        self.stop()
        self._shut_down = True
        if thread is not None:
            thread.join(wait)

    # --- jobs ---------------------------------------------------------------------------------

    def run(
        self,
        fn: Callable[[SyncContext], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> int:
        """Run ``fn(ctx)`` on the sync thread after the jobs before it; callbacks on the GUI
        thread. Returns a job id for ``cancel``. Starts the thread if needed."""
        job = _Job(next(self._ids), fn)
        self._callbacks[job.id] = (on_done, on_error, on_progress)
        self._jobs[job.id] = job
        if self._thread is None:
            self.start()
        if self._thread is None:
            del self._jobs[job.id]
            self._callbacks.pop(job.id)
            exc = KnownError(
                "Chưa đăng nhập hoặc ứng dụng đang đóng; chưa đồng bộ được.",
                "Not logged in, or the app is closing; cannot sync now.",
            )
            QTimer.singleShot(0, lambda: (on_error or log.warning)(exc))
            return job.id
        self._thread.submit(job)
        return job.id

    def cancel(self, job_id: int | None = None) -> None:
        """Cancel a job (by default the running sync); what was confirmed stays confirmed."""
        job = self._jobs.get(job_id if job_id is not None else self._sync_job or -1)
        if job is not None:
            job.cancel.set()

    @Slot(int, str, object)
    def _on_event(self, job_id: int, kind: str, payload) -> None:
        if kind == "progress":
            cb = self._callbacks.get(job_id)
            if cb and cb[2]:
                cb[2](*payload)
            return
        if kind == "phase":
            if job_id == self._sync_job:
                self.phase_changed.emit(payload)
            return
        on_done, on_error, _ = self._callbacks.pop(job_id, (None, None, None))
        self._jobs.pop(job_id, None)
        if self._shut_down:
            return
        if kind == "done":
            if on_done:
                on_done(payload)
        elif on_error:
            on_error(payload)
        elif not isinstance(payload, Cancelled):
            log.warning("sync job failed: %s", payload)

    # --- sync -----------------------------------------------------------------------------------

    def sync_now(self) -> bool:
        """Start a sync round now; False (and nothing happens) when one is already running."""
        if self._sync_job is not None or self._shut_down:
            return False
        self._retry_timer.stop()
        self._sync_job = -1  # taken before run() so a re-entrant call cannot start a second
        self.running_changed.emit(True)
        self.started.emit()
        self._sync_job = self.run(sync_round, self._sync_done, self._sync_error, self.progress.emit)
        return True

    def _sync_ended(self) -> None:
        self._sync_job = None
        self.running_changed.emit(False)

    def _sync_done(self, result: SyncResult) -> None:
        self._sync_ended()
        self.failures = 0
        self._next_auto_at = 0.0
        self._set_online(True)
        self.finished.emit(result)

    def _sync_error(self, exc: BaseException) -> None:
        self._sync_ended()
        if isinstance(exc, Cancelled):
            self.cancelled.emit()
            return
        if isinstance(exc, KnownError):
            lang = self._ops.lang() if callable(getattr(self._ops, "lang", None)) else "vi"
            message = exc.message(lang)
            transient = bool(getattr(exc, "transient", False))
        else:
            log.error("sync failed", exc_info=(type(exc), exc, exc.__traceback__))
            message = self.tr(
                "Sync went wrong; details are in the log file. Your data is safe on this laptop."
            )
            transient = True
        if isinstance(exc, SyncError) and transient:
            self._set_online(False)
        self._schedule_retry()
        self.failed.emit(message, transient)

    def _schedule_retry(self) -> None:
        """After a failure: the next automatic attempt waits Backoff.delay(failures)."""
        delay = self.backoff.delay(self.failures)
        self.failures += 1
        self._next_auto_at = time.monotonic() + delay
        if self._thread is not None and self.auto_sync:
            self._retry_timer.start(max(1000, int(delay * 1000)))

    # --- health probe -------------------------------------------------------------------------

    def probe(self) -> None:
        """Ask the server whether it is there (on the sync thread); sync when online and due."""
        if self._shut_down or self._probe_job is not None or self._sync_job is not None:
            return
        if self._thread is None:
            return
        self._probe_job = self.run(_probe, self._probed, self._probe_failed)

    def _probed(self, answer: tuple[bool, bool]) -> None:
        self._probe_job = None
        enrolled, online = answer
        if enrolled != self.enrolled:
            self.enrolled = enrolled
            self.enrolled_changed.emit(enrolled)
        self._set_online(online)
        if (
            online
            and self.auto_sync
            and self._thread is not None
            and time.monotonic() >= self._next_auto_at
        ):
            self.sync_now()

    def _probe_failed(self, exc: BaseException) -> None:
        self._probe_job = None
        if not isinstance(exc, Cancelled):
            log.warning("health probe failed: %s", exc)
            self._set_online(False)

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    def note_enrolled(self) -> None:
        """After an enrolment: forget past failures and probe now."""
        self.failures = 0
        self._next_auto_at = 0.0
        self.probe()
