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
