"""A burst of laptops pushing at once (issue 13), on PostgreSQL with 4 workers and 1 worker,
and on SQLite (1 worker), against the floor of the same requests answered by a bare endpoint.

``burst_changes_per_s``, ``burst_batch_p95``, ``burst_health_p95`` (budget ≤ 100 ms on
PostgreSQL with 4 workers): 200 devices × 2 batches × 500 changes, 5 % resent, 4 % edits of
records shared by every device (``--quick``: 40 × 2 × 200), while a puller pages through the feed
and a prober asks for /health every 50 ms. The floor: the very same signed bodies POSTed with the
same concurrency to a trivial ASGI app that reads the body and answers 200 (uvicorn, one process).
Each run must pass the test's checks (tests/server/burst.py ``problems``), else the bench fails.

``pull_page_p95``: a laptop's pull page (500 changes) at random cursors of a feed holding 1,000,000
changes (``--quick``: 100,000), written in 500-change batches through the server's apply path on
SQLite; floor: the same page on a feed of 10,000 changes.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "server"))

from tests.bench.bench_sync import TRIVIAL_APP, _free_port, _serving  # noqa: E402
from tests.bench.run import bench, measure  # noqa: E402


def _burst(db: str, keys: str | None, workers: int, plan, floor_url: str | None, folder: Path):
    from burst import Burst
    from serve_process import ServeProcess

    from city_server.storage import open_storage

    open_storage(db, keys).close()
    server = ServeProcess(db, keys, workers).start(folder)
    try:
        burst = Burst(server.url, db, keys, plan).prepare()
        result = burst.run()
        problems = burst.problems(result)
        floor = burst.run(floor_url, pull=False) if floor_url else None
    finally:
        server.stop()
    if problems:
        raise RuntimeError(f"burst on {workers} worker(s) failed its checks: {problems}")
    return result, floor


@bench("burst")
def burst_bench(ctx):
    """The burst on PostgreSQL (4 and 1 workers) and SQLite; ratios to SQLite and the floor."""
    import pg_cluster
    from burst import Plan

    plan = (
        Plan(devices=40, batches=2, changes=200)
        if ctx.quick
        else Plan(devices=200, batches=2, changes=500)
    )
    folder = ctx.scratch("burst")
    floor_port = _free_port()
    results = {}
    with _serving(["-c", TRIVIAL_APP, str(floor_port)], floor_port) as floor_url:
        sqlite_db = str(folder / "city.db")
        results["sqlite"], floor = _burst(sqlite_db, None, 1, plan, floor_url, folder)
        if pg_cluster.available():
            cluster = pg_cluster.cluster()
            for workers in (4, 1):
                url = cluster.new_database()
                results[f"pg{workers}"], _ = _burst(
                    url, pg_cluster.keys_for(url), workers, plan, None, folder
                )
                cluster.drop_database(url)
    out = []
    sqlite = results["sqlite"]
    print(
        f"  burst: {plan.devices} devices x {plan.batches} x {plan.changes} changes;"
        " side by side (changes/s, batch p95 s, health p95 ms, laptop retries after 30 s):"
    )
    for name, r in [("floor", floor), *results.items()]:
        print(
            f"    {name:7s} {r.changes_per_s:8.0f}  {r.p95(r.batch_seconds):7.2f}"
            f"  {1000 * r.p95(r.health_seconds):8.1f}  {r.retries:5d}"
        )
    for name, r in results.items():
        suffix = "" if name == "pg4" else f"_{name}"
        out += [
            measure(
                f"burst_changes_per_s{suffix}", r.changes_per_s, "changes/s", floor.changes_per_s
            ),
            measure(
                f"burst_batch_p95{suffix}",
                r.p95(r.batch_seconds),
                "s",
                floor.p95(floor.batch_seconds),
            ),
            measure(
                f"burst_health_p95{suffix}",
                1000 * r.p95(r.health_seconds),
                "ms",
                1000 * floor.p95(floor.health_seconds),
            ),
        ]
        if name != "sqlite":
            print(
                f"  {name} vs sqlite: changes/s x{r.changes_per_s / sqlite.changes_per_s:.2f},"
                f" batch p95 x{r.p95(r.batch_seconds) / sqlite.p95(sqlite.batch_seconds):.2f},"
                f" health p95 x{r.p95(r.health_seconds) / sqlite.p95(sqlite.health_seconds):.2f}"
            )
    return out


def _fill_feed(db: Path, n: int):
    """A SQLite server whose feed holds ``n`` changes (500-change batches via apply_batch)."""
    from server_helpers import HOAN_KIEM, household, new_id

    from city_server.apply import apply_batch
    from city_server.enrollment import create_enrollment_code, hash_secret, normalize_code
    from city_server.storage import Device, open_storage, utc_now

    storage = open_storage(db)
    code = create_enrollment_code(storage, [HOAN_KIEM])
    candidate = Device(new_id(), "writer", (), "k", "k", "h", False, "", 0)
    writer = storage.enroll_device(hash_secret(normalize_code(code)), utc_now(), candidate)
    seq = 0
    for start in range(0, n, 500):
        changes = []
        for _ in range(min(500, n - start)):
            seq += 1
            changes.append(
                {
                    "entity": "household",
                    "id": new_id(),
                    "version": 1,
                    "base_version": 0,
                    "fields": household(),
                    "deleted": False,
                    "updated_at": "2026-11-01T08:00:00+07:00",
                    "updated_by": "volunteer",
                    "origin_device": writer.id,
                    "commune_code": HOAN_KIEM,
                    "seq": seq,
                }
            )
        apply_batch(
            storage,
            writer,
            {
                "protocol": 1,
                "schema": 1,
                "device_id": writer.id,
                "batch_id": new_id(),
                "seq_from": changes[0]["seq"],
                "seq_to": changes[-1]["seq"],
                "changes": changes,
            },
        )
    return storage


def _page_p95(storage, n: int, samples: int = 200) -> float:
    """p95 of one pull page (as the server's handler reads it) at random cursors."""
    import json

    from server_helpers import HOAN_KIEM

    rng = random.Random(7)
    times = []
    for _ in range(samples):
        since = rng.randrange(0, max(1, n - 500))
        started = time.perf_counter()
        rows = storage.changes_since((HOAN_KIEM,), "another-device", since, 501)
        [json.loads(text) for _, text in rows[:500]]
        times.append(time.perf_counter() - started)
    return statistics.quantiles(times, n=20)[18]


@bench("pull_page_p95")
def pull_page(ctx):
    """A pull page at random cursors of a 1M-change feed vs a 10k-change feed."""
    n = 100_000 if ctx.quick else 1_000_000
    folder = Path(tempfile.mkdtemp(dir=ctx.scratch("pull-page")))
    small = _fill_feed(folder / "small.db", 10_000)
    floor = _page_p95(small, 10_000)
    small.close()
    started = time.perf_counter()
    big = _fill_feed(folder / "big.db", n)
    print(f"  pull_page_p95: {n} changes written in {time.perf_counter() - started:.0f} s")
    value = _page_p95(big, n)
    big.close()
    return [measure("pull_page_p95", 1000 * value, "ms", 1000 * floor)]
