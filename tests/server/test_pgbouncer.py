"""The city server through PgBouncer in transaction pooling, as docs/DEPLOY.md recommends:
Debian's ``pgbouncer`` (1.18 on bookworm) in front of the throwaway PostgreSQL.

Two things break there unless the server allows for them: psycopg's automatic server-side
prepared statements (a statement prepared on one server connection is then missing on another,
or prepared twice: 500s), which ``TANTAY_PG_PREPARE_THRESHOLD=none`` turns off; and a
session-level advisory lock for migrations, which stays behind on a pooled server connection and
makes the next start wait for ever (migrations now run in one transaction under
``pg_advisory_xact_lock``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pytest
from pg_cluster import available, cluster
from serve_process import ServeProcess, free_port
from server_helpers import HOAN_KIEM, Laptop, household, new_id, server_rows

from city_server.enrollment import create_enrollment_code
from city_server.keys import init_keys
from city_server.storage import open_storage
from city_server.storage.postgres import ENV_PREPARE_THRESHOLD, SCHEMA_DIR

PGBOUNCER = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"

pytestmark = pytest.mark.skipif(
    not available() or not os.path.exists(PGBOUNCER),
    reason="PostgreSQL or PgBouncer not available (apt-get install postgresql pgbouncer)",
)


@pytest.fixture(scope="module")
def bouncer():
    """PgBouncer in transaction pooling on a free loopback port, in front of the test cluster;
    yields a function giving a database's URL through it."""
    pg = cluster()
    folder = Path(tempfile.mkdtemp(prefix="pgbouncer-", dir=pg.folder))
    port = free_port()
    (folder / "pgbouncer.ini").write_text(
        "[databases]\n"
        f"* = host=127.0.0.1 port={pg.port}\n"
        "[pgbouncer]\n"
        f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
        "auth_type = trust\n"
        f"auth_file = {folder / 'users.txt'}\n"
        "pool_mode = transaction\nmax_client_conn = 200\ndefault_pool_size = 4\n"
        f"logfile = {folder / 'log'}\npidfile = {folder / 'pid'}\n"
    )
    (folder / "users.txt").write_text('"postgres" ""\n')
    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if run_as:
        shutil.chown(folder, "postgres")
    subprocess.run(
        [*run_as, PGBOUNCER, "-d", str(folder / "pgbouncer.ini")], check=True, capture_output=True
    )
    try:
        yield lambda url: url.replace(f":{pg.port}/", f":{port}/")
    finally:
        pid = (folder / "pid").read_text().strip()
        subprocess.run(["kill", pid], check=False)


def _fresh_database() -> str:
    """An empty database (not the migrated template): the server migrates it itself."""
    pg = cluster()
    name = f"bouncer_{new_id()[:8]}"
    import psycopg

    with psycopg.connect(pg.url("postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return pg.url(name)


def test_workers_starting_together_through_pgbouncer_migrate_once_and_leave_no_lock(bouncer):
    direct = _fresh_database()
    via = bouncer(direct)
    errors: list[BaseException] = []

    def start() -> None:
        try:
            open_storage(via).close()
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors and not any(t.is_alive() for t in threads)
    applied = [r[0] for r in server_rows(direct, "SELECT version FROM schema_migrations")]
    assert sorted(applied) == [int(f.name[:3]) for f in sorted(SCHEMA_DIR.glob("[0-9]*.sql"))]
    # a lock left on a pooled server connection would make the next start wait for ever
    held = server_rows(direct, "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'")
    assert held[0][0] == 0
    t0 = time.monotonic()
    open_storage(via).close()
    assert time.monotonic() - t0 < 10
    cluster().drop_database(direct)


def test_pushes_and_pulls_through_pgbouncer_without_prepared_statements(
    bouncer, tmp_path, monkeypatch
):
    direct = _fresh_database()
    via = bouncer(direct)
    keys = tmp_path / "server-keys.json"
    init_keys(keys)
    monkeypatch.setenv(ENV_PREPARE_THRESHOLD, "none")  # as in docs/deploy/tantay-server.service
    serve = ServeProcess(via, str(keys), 2).start(tmp_path)
    try:
        storage = open_storage(via, str(keys))
        codes = [create_enrollment_code(storage, [HOAN_KIEM]) for _ in range(3)]
        storage.close()
        http = httpx.Client(base_url=serve.url, timeout=60)
        laptops = [Laptop(http, f"l{i}").enroll(code) for i, code in enumerate(codes)]
        statuses: list[int] = []

        def push_eight(laptop: Laptop) -> None:
            # psycopg prepares a statement on its 5th run on a client connection; PgBouncer then
            # hands the next transaction a server connection that lacks it (or already has it)
            for _ in range(8):
                changes = [laptop.change("household", new_id(), 1, household()) for _ in range(20)]
                statuses.append(laptop.push(changes).status_code)

        threads = [threading.Thread(target=push_eight, args=(laptop,)) for laptop in laptops]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert statuses == [200] * len(statuses)
        pulled = [len(laptop.pull_all()) for laptop in laptops]
        assert pulled == [2 * 8 * 20] * 3  # every change of the other two laptops
        assert "prepared statement" not in serve.log()
    finally:
        serve.stop()
        cluster().drop_database(direct)
