"""/api/v1/ready says whether the database answers; /api/v1/health stays up regardless.

On a real PostgreSQL of its own (halted as a crash would, then started again) and on SQLite.
"""

from __future__ import annotations

import time

import httpx
import pytest
from pg_cluster import Cluster, available
from server_helpers import LiveServer


def _get(server, path: str) -> tuple[int, dict, float]:
    started = time.monotonic()
    r = httpx.get(server.url + path, timeout=15)
    return r.status_code, r.json(), time.monotonic() - started


def test_sqlite_server_is_ready(tmp_path):
    server = LiveServer(tmp_path / "city.db").start()
    try:
        assert _get(server, "/api/v1/ready")[:2] == (200, {"status": "ready"})
    finally:
        server.stop()


@pytest.mark.skipif(not available(), reason="needs Debian's postgresql")
def test_ready_follows_the_database_while_health_stays_up():
    cluster = Cluster()
    server = None
    try:
        server = LiveServer(cluster.new_database()).start()
        assert _get(server, "/api/v1/ready")[:2] == (200, {"status": "ready"})

        cluster.halt()
        status, body, took = _get(server, "/api/v1/ready")
        assert (status, body) == (503, {"status": "not_ready", "reason": "database"})
        assert took < 10  # answered, not hung on the pool's 30 s wait
        status, body, took = _get(server, "/api/v1/health")
        assert status == 200 and body["status"] == "ok" and took < 1  # laptops still see it

        cluster.start()
        deadline = time.monotonic() + 30  # the pool replaces its broken connections
        while _get(server, "/api/v1/ready")[0] != 200:
            assert time.monotonic() < deadline, "never ready again after the database came back"
            time.sleep(0.5)
    finally:
        if server is not None:
            server.stop()
        cluster.stop()
