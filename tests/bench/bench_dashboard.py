"""The city dashboard's pages against a bare ``SELECT count(*)`` page, on both backends.

``dashboard_p95`` (SQLite) and ``dashboard_p95_pg`` (PostgreSQL, a throwaway cluster from
tests/server/pg_cluster.py; skipped without Debian's postgresql): made-up data is built through the
real intake path (``city_server.dashboard.demo.build_demo``: enrolment, ``apply_batch``, then
the cell refresh), the real app is served by uvicorn on loopback, an analyst, an official and
an admin sign in, and every page kind is fetched with varied filters — overview (one month, a
quarter, a channel filter), the 126-row communes table (sorted, searched), commune pages of
random communes, trends of a few communes; a commune official's commune pages with the list to
act on (filtered, paged); the admin's devices page — as an HTTP client would. The floor: a page
on the same server that runs ``SELECT count(*)`` and answers a line of HTML. Figures are the
p95 in ms; the ratio page / floor.

Scale: ``--quick`` 126 communes × 50 beneficiaries × 12 months (~80,000 payment rows); without
it 126 × 100 × 24 (~300,000); ``TANTAY_BENCH_DASHBOARD=COMMUNES,BENEFICIARIES,MONTHS`` sets
any other, e.g. ``126,300000,24`` for the city scale (measured once by hand: see BENCHMARKS).
The SQLite data set is cached beside the other bench data; PostgreSQL is built each run.
``TANTAY_BENCH_BACKENDS=sqlite`` (or ``postgresql``) runs one backend only, so that the two
long builds of a large scale can run side by side in two processes. ``TANTAY_BENCH_IN_PLACE=1``
serves the cached SQLite data set itself instead of a copy (the city scale's ~30 GB leaves no
room for one; the bench's accounts and sessions are then added to it). ``TANTAY_BENCH_PG_URL``
(and ``TANTAY_BENCH_PG_KEYS``, its key file) names a PostgreSQL database to use instead of a
throwaway one: built when empty, kept after the run.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import sys
import time
from pathlib import Path

import httpx

from tests.bench.run import bench, measure, percentile

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "server"))

QUICK = (126, 126 * 50, 12)
FULL = (126, 126 * 100, 24)
ROUNDS_QUICK, ROUNDS_FULL = 4, 10


def _backends() -> set[str]:
    text = os.environ.get("TANTAY_BENCH_BACKENDS", "sqlite,postgresql")
    return {b.strip() for b in text.split(",") if b.strip()}


def _scale(quick: bool) -> tuple[int, int, int]:
    text = os.environ.get("TANTAY_BENCH_DASHBOARD")
    if text:
        communes, beneficiaries, months = (int(x) for x in text.split(","))
        return communes, beneficiaries, months
    return QUICK if quick else FULL


def _build(storage, scale) -> dict:
    from city_server.dashboard.demo import build_demo

    start = time.monotonic()
    summary = build_demo(storage, *scale, progress=bool(os.environ.get("TANTAY_BENCH_VERBOSE")))
    summary["build_seconds"] = round(time.monotonic() - start, 1)
    return summary


def _serve(db: str, keys: str | None = None):
    """The real app plus the floor page, on loopback."""
    from fastapi.responses import HTMLResponse
    from server_helpers import LiveServer

    server = LiveServer(db, keys=keys)
    storage = server.storage

    def count() -> int:
        if hasattr(storage, "_pool"):
            return storage._one("SELECT count(*) AS n FROM dash_users")["n"]
        return storage._conn().execute("SELECT count(*) FROM dash_users").fetchone()[0]

    @server.app.get("/bench/floor", response_class=HTMLResponse)
    def floor() -> str:
        return f"<!doctype html><p>{count()}</p>"

    server = server.start()
    # what the served app's refresher does after each round (LiveServer runs the app without
    # its lifespan, so without the refresher): each month's communes hidden together, kept
    from city_server.dashboard.pages import warm

    warm(storage)
    return server


def _pages(
    months: list[str], communes: list[str], watched: list[str], rng: random.Random
) -> list[tuple[str, str, str]]:
    """``(kind, who, path)``: the analyst's pages, the official's commune pages (with the list
    to act on, a page of it, filtered) and the admin's devices page."""
    last, first = months[-1], months[max(0, len(months) - 3)]
    pages = [
        ("overview", "analyst", f"/overview?from={last}&to={last}"),
        ("overview", "analyst", f"/overview?from={first}&to={last}"),
        ("overview", "analyst", f"/overview?from={last}&to={last}&channel=post_office_cash"),
        ("communes", "analyst", f"/communes?period={last}"),
        ("communes", "analyst", f"/communes?period={last}&sort=withdrew_pct&desc=1"),
        ("communes", "analyst", f"/communes?period={last}&q=ha"),
        ("trends", "analyst", "/trends?metric=withdrew_pct"),
        (
            "trends",
            "analyst",
            "/trends?metric=days_to_withdraw_median&"
            + "&".join(f"communes={c}" for c in rng.sample(communes, min(3, len(communes)))),
        ),
        ("admin", "admin", "/admin"),
        ("admin", "admin", "/admin?page=2"),
        ("admin", "admin", "/admin?state=problems"),
    ]
    for code in rng.sample(communes, min(4, len(communes))):
        pages.append(("commune", "analyst", f"/communes/{code}?from={last}&to={last}"))
    for code in watched:
        pages.append(("official", "official", f"/communes/{code}?from={last}&to={last}"))
    code = rng.choice(watched)
    pages.append(("official", "official", f"/communes/{code}?from={first}&to={last}&wait=gt90"))
    pages.append(("official", "official", f"/communes/{code}?list_page=3"))
    return pages


def _client(server, name: str, role: str, communes: list[str]) -> httpx.Client:
    from city_server.dashboard.auth import add_user

    add_user(server.storage, name, "bench-password", role, communes)
    client = httpx.Client(base_url=server.url, timeout=60)
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text).group(1)
    answer = client.post("/login", data={"csrf": csrf, "user": name, "password": "bench-password"})
    assert answer.status_code == 303
    return client


def _measure(server, rounds: int) -> dict[str, list[float]]:
    months = server.storage.dash_months()
    # the city's own merged cells have the commune code "" (cells.CITY): not a commune page
    communes = sorted({c for c, *_ in server.storage.dash_cells(months[-1:], ("total",)) if c})
    rng = random.Random(14)
    watched = rng.sample(communes, min(3, len(communes)))  # an official of three communes
    clients = {
        "analyst": _client(server, "bench", "city_analyst", []),
        "official": _client(server, "bench-official", "commune_official", watched),
        "admin": _client(server, "bench-admin", "city_admin", []),
    }
    times: dict[str, list[float]] = {"floor": []}
    for who, path in (("analyst", "/overview"), ("analyst", "/communes"), ("admin", "/admin")):
        clients[who].get(path)  # warm up
    clients["analyst"].get("/bench/floor")
    for _ in range(rounds):
        for kind, who, path in _pages(months, communes, watched, rng):
            start = time.perf_counter()
            answer = clients[who].get(path)
            times.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
            assert answer.status_code == 200, (path, answer.status_code)
            start = time.perf_counter()
            assert clients["analyst"].get("/bench/floor").status_code == 200
            times["floor"].append((time.perf_counter() - start) * 1000)
    return times


def _report(name: str, times: dict[str, list[float]], scale, summary) -> list:
    pages = [t for kind, ts in times.items() if kind != "floor" for t in ts]
    floor = percentile(times["floor"], 95)
    per_kind = ", ".join(
        f"{kind} {percentile(ts, 95):.0f}" for kind, ts in sorted(times.items()) if kind != "floor"
    )
    print(
        f"# {name}: {scale[0]} communes, {scale[1]} beneficiaries, {scale[2]} months"
        f" ({summary.get('changes', '?')} changes, built in {summary.get('build_seconds', '?')} s"
        f" = {summary.get('apply_seconds', '?')} s intake + {summary.get('refresh_seconds', '?')}"
        f" s refresh; {summary.get('payment_rows', '?')} payment rows,"
        f" {summary.get('db_bytes', 0) / 1e6:.0f} MB);"
        f" p95 ms per page kind: {per_kind}",
        file=sys.stderr,
    )
    return [measure(name, percentile(pages, 95), "ms", floor)]


@bench("dashboard_p95", "dashboard_p95_pg")
def dashboard(ctx) -> list:
    scale = _scale(ctx.quick)
    rounds = ROUNDS_QUICK if ctx.quick else ROUNDS_FULL
    out = []
    if "sqlite" in _backends():
        out += _sqlite(ctx, scale, rounds)
    if "postgresql" in _backends():
        out += _postgresql(scale, rounds)
    return out


def _sqlite(ctx, scale, rounds) -> list:
    """SQLite: the data set is cached (building it is the slow part)."""
    out = []
    import hashlib

    from tests.bench.run import _source_hash

    made_of = hashlib.sha256(_source_hash().encode())
    for part in ("city_server/dashboard/demo.py", "desktop_app/core/metrics_cells.py"):
        made_of.update((REPO / part).read_bytes())
    key = made_of.hexdigest()[:10]
    cached = ctx.cache / f"dashboard-{'-'.join(map(str, scale))}-{key}"
    db = cached / "city.db"
    summary: dict = {"changes": "cached", "build_seconds": 0}
    if not (cached / "ok").exists():
        shutil.rmtree(cached, ignore_errors=True)
        cached.mkdir(parents=True)
        from city_server.storage import open_storage

        storage = open_storage(db)
        summary = _build(storage, scale)
        summary["payment_rows"] = (
            storage._conn()
            .execute("SELECT count(*) FROM records WHERE entity = 'payment'")
            .fetchone()[0]
        )
        storage.close()
        summary["db_bytes"] = sum(p.stat().st_size for p in cached.glob("city.db*"))
        (cached / "ok").write_text(str(summary))
    if os.environ.get("TANTAY_BENCH_IN_PLACE"):  # the city scale: ~30 GB, no room for a copy
        work = cached
    else:
        work = ctx.scratch("dashboard-sqlite")
        for path in cached.glob("city.*"):
            shutil.copy2(path, work / path.name)
    server = _serve(str(work / "city.db"))
    try:
        out += _report("dashboard_p95", _measure(server, rounds), scale, summary)
    finally:
        server.stop()
    return out


def _postgresql(scale, rounds) -> list:
    """PostgreSQL: a fresh database in the throwaway cluster, built each run (or the database
    ``TANTAY_BENCH_PG_URL`` names, with its key file ``TANTAY_BENCH_PG_KEYS``: built when it
    holds no records yet, kept afterwards — the city scale takes hours to build)."""
    out = []
    import pg_cluster

    given = os.environ.get("TANTAY_BENCH_PG_URL")
    if not given and not pg_cluster.available():
        print("# dashboard_p95_pg: skipped (no PostgreSQL binaries)", file=sys.stderr)
        return out
    url = given or pg_cluster.cluster().new_database()
    keys = os.environ.get("TANTAY_BENCH_PG_KEYS") if given else pg_cluster.keys_for(url)
    from city_server.storage import open_storage

    storage = open_storage(url, keys)
    if given and storage._one("SELECT 1 AS one FROM records LIMIT 1"):
        summary: dict = {"changes": "built before", "build_seconds": 0}
    else:
        summary = _build(storage, scale)
    summary["db_bytes"] = storage._one("SELECT pg_database_size(current_database()) AS n")["n"]
    summary["payment_rows"] = storage._one(
        "SELECT count(*) AS n FROM records WHERE entity = 'payment'"
    )["n"]
    storage.close()
    server = _serve(url, keys)
    try:
        out += _report("dashboard_p95_pg", _measure(server, rounds), scale, summary)
    finally:
        server.stop()
        if not given:
            pg_cluster.cluster().drop_database(url)
    return out
