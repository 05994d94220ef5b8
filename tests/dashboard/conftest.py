"""Fixtures for the dashboard's browser tests: a real server on loopback with made-up data and
accounts, and Debian's Chromium driven by Playwright (``/usr/bin/chromium``; never downloaded)."""

from __future__ import annotations

import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dashboard_helpers import ACCOUNTS, BA_DINH, CHROMIUM, HOAN_KIEM, NGOC_HA  # noqa: E402
from server_helpers import LiveServer  # noqa: E402


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    """A live server with 103 communes of made-up data (Ba Đình and Ngọc Hà with more; Hoàn Kiếm
    last synced two months ago) and the three accounts."""
    import city_server.apply as apply_module
    from city_server.dashboard.auth import add_user
    from city_server.dashboard.demo import build_demo

    server = LiveServer(tmp_path_factory.mktemp("dash") / "city.db").start()
    build_demo(server.storage, 2, 160, 4, progress=False, codes=[BA_DINH, NGOC_HA])
    real = apply_module.utc_now
    old = (datetime.now(UTC) - timedelta(days=62)).isoformat()
    apply_module.utc_now = lambda: old
    try:
        build_demo(server.storage, 1, 60, 4, progress=False, codes=[HOAN_KIEM], seed=3)
    finally:
        apply_module.utc_now = real
    # a hundred more communes with a little data each: the pages at city width
    from desktop_app.core.admin_units import hanoi_communes

    others = [c.code for c in hanoi_communes() if c.code not in (BA_DINH, NGOC_HA, HOAN_KIEM)]
    build_demo(server.storage, 100, 100, 2, progress=False, codes=others[:100], seed=7)
    for name, (role, password, communes) in ACCOUNTS.items():
        add_user(server.storage, name, password, role, communes)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM)
        yield chromium
        chromium.close()
