"""Saving a visit (row + outbox + audit) against a raw single-row insert transaction."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime

from tests.bench.run import PASSWORD, bench, measure, percentile


@bench("save_visit_p50", "save_visit_p95")
def save_visit(ctx):
    from desktop_app.core.ids import new_id
    from desktop_app.store.store import Store

    folder = ctx.copy_dataset("save_visit")
    store = Store.open(folder, "volunteer", PASSWORD)
    rng = random.Random(1)
    ids = [r[0] for r in store.db.execute("SELECT id FROM household WHERE deleted = 0")]
    n = 100 if ctx.quick else 400
    floor_times, app_times = [], []
    conn = store.db.conn
    for i in range(n):
        hid = rng.choice(ids)
        # floor: the same visit row inserted raw, in its own transaction
        now = datetime.now(UTC).isoformat()
        t = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO visit (id, version, updated_at, updated_by, origin_device, deleted,"
            " household_id, visited_at, visitor, purposes, outcome, notes, persons_present,"
            " follow_up_on) VALUES (?, 1, ?, 'volunteer', 'bench', 0, ?, ?, 'volunteer',"
            " '[\"routine\"]', 'met', 'Ghi chú', '[]', NULL)",
            (new_id(), now, hid, now),
        )
        conn.execute("COMMIT")
        floor_times.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        store.record_visit(
            hid,
            {
                "purposes": ["routine"],
                "outcome": "met",
                "notes": f"Lần thăm {i}",
                "follow_up_on": None,
            },
        )
        app_times.append((time.perf_counter() - t) * 1000)
    store.close()
    return [
        measure("save_visit_p50", percentile(app_times, 50), "ms", percentile(floor_times, 50)),
        measure("save_visit_p95", percentile(app_times, 95), "ms", percentile(floor_times, 95)),
    ]
