"""The sync thread gives way to the GUI on the CPU (issue 17): on a one-core laptop the typing
gets the core first while a sync runs."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from desktop_app.ui.ops import yield_to_the_gui


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread priority: Linux")
def test_the_calling_thread_only_gets_a_lower_priority():
    seen = {}

    def sync_thread():
        yield_to_the_gui()
        seen["sync"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    t = threading.Thread(target=sync_thread)
    t.start()
    t.join()
    assert seen["sync"] == max(before, 10)  # niceness 10 (never raised above the process)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before
