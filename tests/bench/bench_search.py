"""Search as you type: p95 per keystroke against the raw FTS5 query on the same database."""

from __future__ import annotations

import sys
import time

from tests.bench.run import PASSWORD, bench, measure, percentile

# What volunteers type, one keystroke at a time (accent-free, with đ typed as d).
QUERIES = [
    "nguyen van hung",
    "dang thi hoa",
    "tran thi mai",
    "le duc",
    "hang bac 45",
    "0912",
    "pham thanh",
    "bui thi loan",
    "ngo 12 hang be",
    "vu van long",
]


def _keystrokes(text: str) -> list[str]:
    return [text[:i] for i in range(1, len(text) + 1)]


def _warm_up(store, phase: str) -> None:
    """The login's warm-up of the search pages (as ui/warm_up.py runs it), timed and printed."""
    slices, resume, t = 0, None, time.perf_counter()
    while True:
        slices += 1
        resume = store.warm_search(resume)
        if resume is None:
            break
    print(
        f"# search pages warmed after login ({phase} phase): "
        f"{time.perf_counter() - t:.2f} s in {slices} slices",
        file=sys.stderr,
    )


@bench("search_p95")
def search(ctx):
    """Every keystroke of QUERIES, twice: the app's search, then the keystroke's raw FTS5 query
    (the floor) on the same connection. Before the first keystroke, what the app does after
    login before anyone types (ui/warm_up.py: Store.warm_search slice by slice; its time is
    printed, not measured) — with --slow-machine right after the page cache was dropped."""
    from desktop_app.store.store import Store, search_terms

    store = Store.open(ctx.dataset(), "volunteer", PASSWORD)
    ctx.cold()
    _warm_up(store, "login")
    app_times, floor_times = [], []
    for _ in range(2):
        for q in QUERIES:
            for typed in _keystrokes(q):
                t = time.perf_counter()
                store.search_households(typed, limit=100)
                app_times.append((time.perf_counter() - t) * 1000)
                words = [w for w in search_terms(typed) if len(w) >= 3]
                if not words:
                    continue
                match = " AND ".join('"' + w + '"' for w in words)
                t = time.perf_counter()
                store.db.execute(
                    "SELECT rowid FROM household_search WHERE household_search MATCH ? LIMIT 100",
                    (match,),
                ).fetchall()
                floor_times.append((time.perf_counter() - t) * 1000)
    store.close()
    return [measure("search_p95", percentile(app_times, 95), "ms", percentile(floor_times, 95))]
