"""Fixtures for sync tests: a real city server on loopback and real laptop databases."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))

from server_helpers import LiveServer  # noqa: E402


@pytest.fixture
def city(tmp_path):
    """A real city server (uvicorn on a free loopback port) with its own SQLite database."""
    server = LiveServer(tmp_path / "city.db").start()
    yield server
    server.stop()
