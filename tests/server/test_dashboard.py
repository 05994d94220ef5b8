"""The city dashboard over real HTTP on both backends: accounts, roles, CSRF, lockout, privacy
(suppression, no names for analysts, no sensitive categories), completeness, exports, and the
cells kept up to date by the batch apply."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest

import city_server.apply as apply_module
from city_server.dashboard.cells import refresh
from city_server.dashboard.demo import build_demo
from desktop_app.core.metrics_cells import NO_CONSENT_NAME

BA_DINH, NGOC_HA, HOAN_KIEM = "00004", "00008", "00070"
PASSWORDS = {"ana": "analyst-pass-1", "off": "official-pass-1", "adm": "admin-pass-12"}


@pytest.fixture
def city(live_server, monkeypatch):
    """A live server with made-up data for three communes; Hoàn Kiếm's laptop last synced two
    months ago (so it is missing this month). Accounts: ana (analyst), off (official of Ngọc
    Hà), adm (admin), made with the command line."""
    storage = live_server.storage
    build_demo(storage, 2, 120, 3, progress=False, codes=[BA_DINH, NGOC_HA])
    # Hoàn Kiếm's laptop last synced two months ago (the clock of the apply, not the data)
    old = (datetime.now(UTC) - timedelta(days=62)).isoformat()
    monkeypatch.setattr(apply_module, "utc_now", lambda: old)
    build_demo(storage, 1, 60, 3, progress=False, codes=[HOAN_KIEM], seed=3)
    monkeypatch.undo()
    env = {**os.environ}
    for name, role, extra in (
        ("ana", "city_analyst", []),
        ("off", "commune_official", ["--commune", NGOC_HA]),
        ("adm", "city_admin", []),
    ):
        env["TANTAY_PASSWORD"] = PASSWORDS[name]
        cmd = [sys.executable, "-m", "city_server", "user", "add", name, "--role", role]
        cmd += ["--db", live_server.db, *live_server.keys_args, *extra]
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0, done.stderr
    return live_server


def login(server, name: str, password: str | None = None) -> httpx.Client:
    client = httpx.Client(base_url=server.url, timeout=30)
    page = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    answer = client.post(
        "/login", data={"csrf": csrf, "user": name, "password": password or PASSWORDS[name]}
    )
    client.last_login = answer
    return client


def test_each_role_sees_exactly_its_pages(city):
    ana = login(city, "ana")
    assert ana.last_login.status_code == 303
    for path in ("/overview", "/communes", f"/communes/{BA_DINH}", "/trends"):
        assert ana.get(path).status_code == 200, path
    assert ana.get("/admin").status_code == 403
    assert ana.get(f"/communes/{NGOC_HA}/report.xlsx").status_code == 403
    off = login(city, "off")
    assert off.get(f"/communes/{NGOC_HA}").status_code == 200
    assert off.get(f"/communes/{BA_DINH}").status_code == 403
    assert off.get("/admin").status_code == 403
    table = off.get("/communes").text
    assert "Phường Ngọc Hà" in table and "Phường Ba Đình" not in table
    adm = login(city, "adm")
    assert adm.get("/admin").status_code == 200
    assert adm.get("/overview").status_code == 403
    anonymous = httpx.Client(base_url=city.url)
    answer = anonymous.get("/overview")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_names_only_for_the_commune_official_and_never_a_sensitive_category(city):
    names = {r["full_name"] for r in _persons(city.storage, NGOC_HA)}
    ana_page = login(city, "ana").get(f"/communes/{NGOC_HA}").text
    off_page = login(city, "off").get(f"/communes/{NGOC_HA}").text
    assert not any(name in ana_page for name in names)
    listed = [name for name in names if name in off_page]
    assert listed, "the official's not-received list shows names"
    for page in (ana_page, off_page):
        assert "hiv" not in page.lower() and "HIV" not in page
    assert NO_CONSENT_NAME in off_page or all(
        name in names for name in listed
    )  # persons without consent appear without a name


def _persons(storage, commune):
    sources, _ = storage.dash_report_sources(commune, "0000-01", "9999-12")
    return [s["person"] for s in sources]


def test_small_cells_show_less_than_five_in_the_page_and_its_exports(city):
    ana = login(city, "ana")
    page = ana.get("/overview").text
    assert "&lt; 5" in page
    book = ana.get("/overview?export=xlsx")
    assert book.status_code == 200
    from openpyxl import load_workbook

    sheets = load_workbook(io.BytesIO(book.content)).worksheets
    counts = [
        row[1].value
        for sheet in sheets
        if sheet.cell(row=4, column=2).value == "Số lượt"  # the count tables
        for row in sheet.iter_rows(min_row=5)
    ]
    assert "< 5" in counts and len(counts) > 20
    for value in counts:  # no count of 1–4 anywhere
        assert not re.fullmatch(r"[1-4]", str(value)), value
    pdf = ana.get("/communes?export=pdf")
    assert pdf.content.startswith(b"%PDF")
    log = city.storage.dash_audit_log()
    assert [a["action"] for a in log[:2]] == ["export", "export"]
    assert {a["detail"]["format"] for a in log[:2]} == {"xlsx", "pdf"}


def test_a_commune_without_a_sync_this_month_is_missing(city):
    text = login(city, "ana").get("/communes").text
    rows = {
        m.group(1): m.group(0)
        for m in re.finditer(
            r'<tr[^>]*>\s*<th scope="row"><a href="/communes/(\d{5})\?.*?</tr>', text, re.S
        )
    }
    assert "THIẾU SỐ LIỆU" not in rows[BA_DINH] and "Có số liệu" in rows[BA_DINH]
    assert "THIẾU SỐ LIỆU" in rows[HOAN_KIEM]  # its figures are there, but two months old
    assert 'class="missing"' in rows[HOAN_KIEM]
    assert "THIẾU SỐ LIỆU" in rows["00025"]  # no laptop at all
    assert len(rows) == 126


def _status_rows(client, period: str) -> dict[str, str]:
    text = client.get(f"/communes?period={period}").text
    return {
        m.group(1): m.group(0)
        for m in re.finditer(
            r'<tr[^>]*>\s*<th scope="row"><a href="/communes/(\d{5})\?.*?</tr>', text, re.S
        )
    }


def test_completeness_is_judged_for_the_month_shown_not_today(city):
    """The tryout: a commune complete for last month showed DATA MISSING early this month, and
    communes with no record at all for a month before the data showed "has data"."""
    client = login(city, "ana")
    synced = (datetime.now(UTC) - timedelta(days=62)).strftime("%Y-%m")  # Hoàn Kiếm's laptop
    rows = _status_rows(client, synced)
    if "THIẾU SỐ LIỆU" not in rows[BA_DINH]:  # the demo has records for that month
        assert "Có số liệu" in rows[HOAN_KIEM]  # it had synced by then: not missing for it
    before_any = "2020-01"
    rows = _status_rows(client, before_any)
    assert all("THIẾU SỐ LIỆU" in rows[c] for c in (BA_DINH, NGOC_HA, HOAN_KIEM))


def test_the_overview_says_how_much_of_the_city_it_covers_and_which_filter_applies(city):
    client = login(city, "ana")
    page = client.get("/overview").text
    assert re.search(r"Số liệu từ 3 trên 1\d\d xã, phường", page)
    both = client.get("/overview?channel=commune_cash&age_band=under_75").text
    assert "Chỉ áp dụng được một bộ lọc mỗi lần" in both


def test_login_csrf_and_lockout(city):
    client = httpx.Client(base_url=city.url)
    # no CSRF cookie: refused before the password is even looked at
    answer = client.post("/login", data={"csrf": "x", "user": "ana", "password": "analyst-pass-1"})
    assert answer.status_code == 400
    good = login(city, "ana")
    cookie = good.last_login.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    # logout needs the session's CSRF token
    assert good.post("/logout", data={"csrf": "nope"}).status_code == 400
    assert good.get("/overview").status_code == 200
    for _ in range(5):
        assert login(city, "ana", "wrong-password").last_login.status_code == 401
    locked = login(city, "ana")  # the right password, but locked now
    assert locked.last_login.status_code == 401
    actions = [a["action"] for a in city.storage.dash_audit_log()]
    assert actions.count("login_failed") >= 6 and "login" in actions


def test_a_pushed_batch_marks_its_commune_and_the_refresh_updates_the_cells(city):
    ana = login(city, "ana")
    before = ana.get(f"/communes/{BA_DINH}").text
    sources, _ = city.storage.dash_report_sources(BA_DINH, "0000-01", "9999-12")
    assert city.storage.dash_pending() == 0
    from city_server.dashboard.cells import load_cells
    from desktop_app.core.metrics_cells import merge

    # a month nobody was paid for yet (one payment per benefit and month: an existing month
    # would merge the new record into its twin)
    period = date.today().strftime("%Y-%m")
    assert max(s["payment"]["period"] for s in sources) < period
    count = merge(c for *_, c in load_cells(city.storage, [period], ("total",), [BA_DINH]))
    # one more payment for a person of Ba Đình, through the real apply path
    from city_server.apply import apply_batch

    src = sources[0]
    device = next(d for d in city.storage.list_devices() if BA_DINH in d.communes)
    change = {
        "entity": "payment",
        "id": "8d5f7a1e-1111-4222-8333-944445555666",
        "version": 1,
        "base_version": 0,
        "fields": {
            "benefit_id": src["payment"]["benefit_id"],
            "person_id": src["payment"]["person_id"],
            "household_id": src["payment"]["household_id"],
            "period": period,
            "amount": 540000,
            "credited_on": date.today().replace(day=1).isoformat(),
        },
        "deleted": False,
        "updated_at": datetime.now(UTC).isoformat(),
        "updated_by": "demo",
        "origin_device": device.id,
        "commune_code": BA_DINH,
        "seq": device.last_seq_seen + 1,
    }
    batch = {
        "protocol": 1,
        "schema": 1,
        "device_id": device.id,
        "batch_id": "8d5f7a1e-2222-4222-8333-944445555666",
        "seq_from": change["seq"],
        "seq_to": change["seq"],
        "changes": [change],
    }
    assert apply_batch(city.storage, device, batch)["results"][0]["status"] == "accepted"
    assert city.storage.dash_pending() == 1
    assert "Đang cập nhật" in ana.get(f"/communes/{BA_DINH}").text
    refresh(city.storage)
    after = merge(c for *_, c in load_cells(city.storage, [period], ("total",), [BA_DINH]))
    assert count["rows_in_scope"] == 0 and after["rows_in_scope"] == 1
    assert after["recipients_paid"] == 1
    now = ana.get(f"/communes/{BA_DINH}?from={period}&to={period}").text
    assert "Đang cập nhật" not in now and before != now


def test_the_served_app_refreshes_the_cells_by_itself(tmp_path):
    """With the app's lifespan running (as ``serve`` runs it), the background refresher
    computes the cells of applied batches within seconds; nobody calls ``refresh``."""
    import asyncio
    import time

    from city_server.app import create_app
    from city_server.storage import open_storage

    storage = open_storage(tmp_path / "city.db")
    app = create_app(storage)

    def work() -> None:
        # through the intake path, without the final refresh build_demo does
        import city_server.dashboard.demo as demo

        real = demo.refresh
        demo.refresh = lambda storage, as_of=None: 0
        try:
            build_demo(storage, 1, 30, 2, progress=False, codes=[BA_DINH])
        finally:
            demo.refresh = real
        assert storage.dash_pending() > 0
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (storage.dash_pending() or not storage.dash_months()):
            time.sleep(0.2)

    async def served() -> None:
        async with app.router.lifespan_context(app):  # what uvicorn runs around the app
            await asyncio.to_thread(work)

    asyncio.run(served())
    assert storage.dash_pending() == 0
    assert len(storage.dash_months()) == 2
    storage.close()
