"""Fixtures for sync tests: a real city server on loopback and real laptop databases."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))

from pg_cluster import server_db  # noqa: E402, F401  (a fixture: SQLite and PostgreSQL)
from server_helpers import LiveServer  # noqa: E402


@pytest.fixture
def city(tmp_path, request):
    """A real city server (uvicorn on a free loopback port) with its own SQLite database;
    with ``server_db`` among the test's fixtures, once per backend (SQLite, PostgreSQL)."""
    db = request.getfixturevalue("server_db") if "server_db" in request.fixturenames else None
    server = LiveServer(db or tmp_path / "city.db").start()
    yield server
    server.stop()
