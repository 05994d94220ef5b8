"""Fixtures for the city server tests: a real uvicorn server on loopback and simulated laptops."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

# Test modules here import the shared helpers as ``server_helpers``.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pg_cluster import server_db  # noqa: E402, F401  (a fixture: SQLite and PostgreSQL)
from server_helpers import Laptop, LiveServer  # noqa: E402


@pytest.fixture
def live_server(server_db) -> Iterator[LiveServer]:  # noqa: F811
    """A real server on loopback with a fresh database (once per backend)."""
    server = LiveServer(server_db).start()
    yield server
    server.stop()


@pytest.fixture
def http(live_server) -> Iterator[httpx.Client]:
    """An httpx client for the live server."""
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        yield client


@pytest.fixture
def make_laptop(live_server, http):
    """Make enrolled laptops: ``make_laptop("A", HOAN_KIEM)``."""

    def make(name: str = "laptop", *communes: str) -> Laptop:
        return Laptop(http, name).enroll(live_server.code(*communes))

    return make
