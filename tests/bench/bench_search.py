"""Search as you type: p95 per keystroke against the raw FTS5 query on the same database."""

from __future__ import annotations

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


@bench("search_p95")
def search(ctx):
    """Every keystroke of QUERIES, twice, through the app's search; then the same keystrokes'
    raw FTS5 query (the floor) on a new connection. Each phase starts alike: a fresh connection
    (an empty SQLite page cache) and, with --slow-machine, the operating system's page cache
    dropped, so the floor too reads its pages from the disk on the first pass."""
    from desktop_app.store.store import Store, search_terms

    keystrokes = [typed for _ in range(2) for q in QUERIES for typed in _keystrokes(q)]
    store = Store.open(ctx.dataset(), "volunteer", PASSWORD)
    ctx.cold()
    app_times = []
    for typed in keystrokes:
        t = time.perf_counter()
        store.search_households(typed, limit=100)
        app_times.append((time.perf_counter() - t) * 1000)
    store.close()

    store = Store.open(ctx.dataset(), "volunteer", PASSWORD)
    ctx.cold()
    floor_times = []
    for typed in keystrokes:
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
