"""Search while a sync runs: the list must stay responsive while the laptop sends its changes.

The city server runs on loopback at the lowest priority (on the city's machine in real life).

``search_during_sync``: the household search's p95 per keystroke (the volunteer typing the same
names as ``search_p95``) while the laptop pushes 100,000 changes (10,000 with ``--quick``) to a real
city server on loopback — on its own thread and its own store connection, as the app's sync worker
does. The floor is the same keystrokes' p95 on the idle laptop, measured just before.
"""

from __future__ import annotations

import sys
import threading
import time

from tests.bench.bench_search import QUERIES, _keystrokes
from tests.bench.bench_sync import (
    FULL_CHANGES,
    QUICK_CHANGES,
    _free_port,
    _keep_pending,
    _serving,
)
from tests.bench.run import PASSWORD, bench, measure, percentile


def _type_everything(store) -> list[float]:
    times = []
    for q in QUERIES:
        for typed in _keystrokes(q):
            t = time.perf_counter()
            store.search_households(typed, limit=100)
            times.append((time.perf_counter() - t) * 1000)
    return times


@bench("search_during_sync")
def search_during_sync(ctx):
    from city_server.enrollment import create_enrollment_code
    from city_server.storage import open_storage
    from desktop_app.store.store import Store
    from desktop_app.sync.client import SyncClient
    from desktop_app.ui.ops import share_the_interpreter

    before = sys.getswitchinterval()
    share_the_interpreter()  # as the app does at start (ui/app.py make_application)
    try:
        return _measure(ctx, Store, SyncClient, create_enrollment_code, open_storage)
    finally:
        sys.setswitchinterval(before)


def _measure(ctx, Store, SyncClient, create_enrollment_code, open_storage):  # noqa: N803
    n = QUICK_CHANGES if ctx.quick else FULL_CHANGES
    folder = ctx.copy_dataset("search-sync")
    db = ctx.scratch("search-sync-server") / "city.db"
    syncing = Store.open(folder, "admin", PASSWORD)  # the sync worker's connection
    typing = Store.open(folder, "volunteer", PASSWORD)  # the list's connection
    storage = open_storage(db)
    code = create_enrollment_code(storage, [syncing.commune_code])
    storage.close()
    port = _free_port()
    server = ["-m", "city_server", "serve", "--db", str(db), "--port", str(port)]
    outcome: dict = {}
    try:
        # The city's server is another machine; here it shares the laptop's cores, so it runs
        # at the lowest priority: what is measured is the laptop's sync thread against typing.
        with _serving(server, port, niceness=19) as url:
            SyncClient(syncing).enroll(url, code, "bench laptop")
            pending = _keep_pending(syncing, n)
            _type_everything(typing)  # warm: the keystrokes during the sync repeat these
            idle = _type_everything(typing) + _type_everything(typing)

            def push():
                from desktop_app.ui.ops import yield_to_the_gui

                yield_to_the_gui()  # as the app's sync thread does (ui/sync_worker.py)
                try:
                    outcome["totals"], _ = SyncClient(syncing).push()
                except BaseException as exc:  # reported below
                    outcome["error"] = exc

            worker = threading.Thread(target=push, name="sync")
            start = time.perf_counter()
            worker.start()
            during: list[float] = []
            keystrokes = [typed for q in QUERIES for typed in _keystrokes(q)]
            while worker.is_alive():  # only what was typed while the sync ran counts
                typed = keystrokes[len(during) % len(keystrokes)]
                t = time.perf_counter()
                typing.search_households(typed, limit=100)
                during.append((time.perf_counter() - t) * 1000)
            worker.join()
            elapsed = time.perf_counter() - start
            if "error" in outcome:
                raise outcome["error"]
            if outcome["totals"].get("accepted") != pending:
                raise RuntimeError(f"the sync did not deliver everything: {outcome['totals']}")
    finally:
        typing.close()
        syncing.close()
    print(
        f"# search during sync: {len(during)} keystrokes while {pending} changes went in"
        f" {elapsed:.1f} s",
        file=sys.stderr,
    )
    return [
        measure("search_during_sync", percentile(during, 95), "ms", percentile(idle, 95)),
    ]
