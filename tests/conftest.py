"""Shared fixtures: real encrypted databases in temporary folders, offscreen Qt."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TANTAY_DATA_DIR", "/nonexistent-use-fixtures")

from desktop_app.store.keyfile import KdfParams  # noqa: E402

# Tests use cheap argon2id settings so that logins take milliseconds; the app's defaults are real.
FAST_KDF = KdfParams(time_cost=1, memory_cost=8 * 1024, parallelism=1)
DEMO_PASSWORD = "demo1234"


@pytest.fixture
def fast_kdf() -> KdfParams:
    """Cheap argon2id parameters for tests."""
    return FAST_KDF


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder."""
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory) -> Path:
    from desktop_app.store.demo import create_demo_store, fill_demo_data
    from desktop_app.store.store import Store

    d = tmp_path_factory.mktemp("demo-template")
    create_demo_store(d, kdf=FAST_KDF).close()
    store = Store.open(d, "lead", DEMO_PASSWORD)
    fill_demo_data(store, 120, seed=7)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    from tests.officer_helpers import enroll_test_officer

    # the demo officer signs verifications (issue 12), certified by a test city server key
    enroll_test_officer(d, "officer", DEMO_PASSWORD)
    return d


@pytest.fixture
def demo_dir(_demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of a small demo database (120 households; users volunteer, lead, officer,
    admin; password demo1234)."""
    d = tmp_path / "demo"
    shutil.copytree(_demo_template, d)
    return d


@pytest.fixture
def open_demo(demo_dir: Path):
    """Open the demo copy as a given user: ``open_demo("volunteer")``; closed after the test."""
    from desktop_app.store.store import Store

    opened = []

    def _open(username: str = "volunteer"):
        s = Store.open(demo_dir, username, DEMO_PASSWORD)
        opened.append(s)
        return s

    yield _open
    for s in opened:
        s.close()
