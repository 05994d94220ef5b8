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


@bench("report_page")
def report_page(ctx):
    """The Reports page's worker for the last three months of the whole commune (the rows, the
    report with its previous period, the tables by channel and age group, the people to follow
    up with their households), against reading the
    same rows' columns with one bare SQL join. A count per row of the people whose account the
    team opened read the whole assistance table each time: 61 s here before it was read once."""
    from datetime import date

    from desktop_app.core.payment_metrics import compute_report, previous_period
    from desktop_app.store.store import Store
    from desktop_app.ui.reports_view import follow_up_list

    folder = ctx.copy_dataset("report_page")
    store = Store.open(folder, "lead", PASSWORD)
    last = store.db.execute("SELECT max(period) FROM payment WHERE deleted = 0").fetchone()[0]
    year, month = map(int, last.split("-"))
    first_index = year * 12 + month - 1 - 2
    period_from = f"{first_index // 12:04d}-{first_index % 12 + 1:02d}"
    prev_from, _ = previous_period(period_from, last)
    ctx.cold()
    t = time.perf_counter()
    conn = store.db.conn
    raw = conn.execute(
        "SELECT y.person_id, p.full_name, v.name, COALESCE(y.channel, b.channel), p.birth_year,"
        " y.amount, y.credited_on, y.withdrawn_on, y.withdrawn_by, y.travel_minutes,"
        " y.distance_km, y.fees, y.barriers, y.convenience, y.period, b.scheme, b.category"
        " FROM payment y JOIN benefit b ON b.id = y.benefit_id JOIN person p ON p.id = y.person_id"
        " JOIN household h ON h.id = y.household_id LEFT JOIN village v ON v.id = h.village_id"
        " WHERE y.deleted = 0 AND y.period BETWEEN ? AND ? AND b.deleted = 0 AND p.deleted = 0"
        " AND h.deleted = 0",
        (prev_from, last),
    ).fetchall()
    floor = time.perf_counter() - t
    ctx.cold()
    t = time.perf_counter()
    rows = store.payment_rows(prev_from, last)
    report = compute_report(
        rows, period_from=period_from, period_to=last, as_of=date.today(), with_breakdowns=True
    )
    waiting = follow_up_list(report, rows)
    took = time.perf_counter() - t
    store.close()
    assert len(rows) == len(raw) and report.rows_in_scope > 0
    assert all(e["household_id"] for e in waiting)
    return [measure("report_page", took, "s", floor)]
