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
    from desktop_app.store.store import Store, search_terms

    store = Store.open(ctx.dataset(), "volunteer", PASSWORD)
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
