"""Screenshots of the city dashboard for docs/screenshots and the README (issue 14).

    .venv/bin/python tools/dashboard_screenshots.py [--out docs/screenshots]

Builds made-up data in a temporary SQLite server (40 communes through the real intake path; four
of them last synced two months or more ago — two set back here, two by ``demo-data`` itself —,
the rest of Hà Nội's 126 without a laptop), serves it on
loopback and photographs every page with Debian's Chromium (``/usr/bin/chromium``, driven by
Playwright) at 1366×768 and at a phone's 390×844: ``dashboard-<page>.png`` and
``dashboard-<page>-phone.png``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "server"))

ACCOUNTS = {
    "chuyenvien": ("city_analyst", "chuyen-vien-2026", []),
    "canbo.ngocha": ("commune_official", "can-bo-ngoc-ha-2026", ["00008"]),
    "quantri": ("city_admin", "quan-tri-2026-hn", []),
}


def build(db: Path) -> None:
    import city_server.apply as apply_module
    from city_server.dashboard.auth import add_user
    from city_server.dashboard.demo import build_demo
    from city_server.storage import open_storage
    from desktop_app.core.admin_units import hanoi_communes

    codes = [c.code for c in hanoi_communes()]
    storage = open_storage(db)
    build_demo(storage, 38, 38 * 150, 14, progress=False, codes=codes[:38])
    real = apply_module.utc_now
    old = (datetime.now(UTC) - timedelta(days=65)).isoformat()
    apply_module.utc_now = lambda: old
    try:
        build_demo(storage, 2, 300, 14, progress=False, codes=codes[38:40], seed=5)
    finally:
        apply_module.utc_now = real
    for name, (role, password, communes) in ACCOUNTS.items():
        add_user(storage, name, password, role, communes)
    storage.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--full", action="store_true", help="whole pages, not the first screen")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    from server_helpers import LiveServer

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "city.db"
        build(db)
        server = LiveServer(db).start()
        months = server.storage.dash_months()
        last, first = months[-1], months[-3]
        from desktop_app.core.admin_units import hanoi_communes

        empty = hanoi_communes()[-1].code  # a commune without any laptop: DATA MISSING
        shots = [
            ("chuyenvien", "overview", f"/overview?from={last}&to={last}"),
            ("chuyenvien", "communes", f"/communes?period={last}&sort=withdrew_pct"),
            (
                "chuyenvien",
                "communes-change",
                f"/communes?period={last}&sort=change_not_withdrawn_after_30_pct&desc=1",
                # scrolled sideways to the change columns: the commune column stays
                "document.querySelector('#communes .scroll').scrollLeft = 420",
            ),
            (
                "chuyenvien",
                "trends",
                "/trends?metric=not_withdrawn_after_30_pct"
                "&communes=00004&communes=00008&communes=00025",
            ),
            ("canbo.ngocha", "commune", f"/communes/00008?from={first}&to={last}"),
            ("chuyenvien", "commune-nodata", f"/communes/{empty}?from={last}&to={last}"),
            ("canbo.ngocha", "commune-list", f"/communes/00008?from={last}&to={last}#not_received"),
            ("quantri", "admin", "/admin"),
            ("quantri", "admin-search", "/admin?q=dong&state=active#devices"),
            ("quantri", "audit", "/admin/audit?kind=login"),
            ("quantri", "accounts", "/admin/accounts"),
            ("quantri", "revoke", f"/admin/devices/{server.storage.list_devices()[0].id}/revoke"),
            ("", "login", "/login"),
            ("", "login-expired", "/login?expired=1&next=%2Fadmin"),
        ]
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium")
                for suffix, size in (("", (1366, 768)), ("-phone", (390, 844))):
                    sessions = {}
                    for user, name, path, *script in shots:
                        if user not in sessions:
                            context = browser.new_context(
                                viewport={"width": size[0], "height": size[1]}, locale="vi-VN"
                            )
                            page = context.new_page()
                            if user:
                                page.goto(server.url + "/login")
                                page.fill("input[name=user]", user)
                                page.fill("input[name=password]", ACCOUNTS[user][1])
                                page.click("button[type=submit]")
                            sessions[user] = page
                        page = sessions[user]
                        page.goto(server.url + path)
                        for line in script if suffix else ():  # (the phone scrolls)
                            page.evaluate(line)
                        target = args.out / f"dashboard-{name}{suffix}.png"
                        page.screenshot(path=str(target), full_page=args.full)
                        print(target)
                browser.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
