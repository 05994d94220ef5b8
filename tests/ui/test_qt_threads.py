"""Results cross from the database worker to the GUI thread as signals; that must not corrupt
reference counts (PySide6 6.12.0 aborted Python 3.11 with 'bool_dealloc' doing exactly this)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import os, sys, threading
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from desktop_app.ui.qt import QCoreApplication, QObject, Qt, Signal

app = QCoreApplication([])

class Relay(QObject):
    sig = Signal(int, object, object)

    def __init__(self):
        super().__init__()
        self.n = 0
        self.sig.connect(self.on, Qt.ConnectionType.QueuedConnection)

    def on(self, a, b, c):
        self.n += 1

relay = Relay()
counts = (sys.getrefcount(None), sys.getrefcount(True))

def worker():
    for i in range(30000):
        relay.sig.emit(i, None, {"ok": True})

t = threading.Thread(target=worker)
t.start()
while t.is_alive() or relay.n < 30000:
    app.processEvents()
print(relay.n)
"""


def test_signals_from_a_worker_thread_keep_the_interpreter_alive():
    r = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-1500:]
    assert r.stdout.strip() == "30000"


def test_cycles_are_collected_on_the_gui_thread_only(qtbot, qapp):
    """A collection on the database worker would finalise a closed dialog's Qt objects off
    their thread (a GUI test once hung inside Qt's connection lock). The app collects on the
    GUI thread (ops.GuiThreadCollector): a cycle dropped while a worker allocates a lot is freed
    by the GUI thread's timer, not by the worker."""
    import gc
    import threading

    from desktop_app.ui.ops import GuiThreadCollector

    gc.enable()  # as Python starts; the collector turns the automatic one off
    collector = GuiThreadCollector(qapp)
    try:
        assert not gc.isenabled()
        freed_on: list[str] = []

        class Node:
            def __del__(self):
                freed_on.append(threading.current_thread().name)

        node = Node()
        node.me = node  # a cycle: only the cyclic collector frees it
        del node
        kept: list = []  # what the worker builds stays alive, as a sync's objects do
        worker = threading.Thread(
            target=lambda: kept.extend([] for _ in range(20_000)), name="worker"
        )
        worker.start()
        worker.join()
        assert freed_on == []  # the worker's allocations did not collect
        qtbot.waitUntil(lambda: bool(freed_on), timeout=5000)
        assert freed_on == [threading.main_thread().name]
        kept.clear()
    finally:
        collector._timer.stop()
        collector.deleteLater()
