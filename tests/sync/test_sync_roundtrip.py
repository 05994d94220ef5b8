"""Two laptops and one server on loopback: push, pull, receipts, conflicts, tombstones."""

from __future__ import annotations

import shutil

import pytest

from desktop_app.store.demo import create_demo_store
from desktop_app.store.store import Store
from desktop_app.sync.client import SyncClient, SyncError


@pytest.fixture
def two_laptops(_demo_template, tmp_path, city, fast_kdf):
    """Laptop A holds the demo data; laptop B starts from a copy of A's database file but is a
    different device (its own device id), both enrolled for Phường Hoàn Kiếm."""
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    shutil.copytree(_demo_template, a_dir)
    b_dir.mkdir()
    a = Store.open(a_dir, "admin", "demo1234")
    SyncClient(a).enroll(city.url, city.code("00070"), "Laptop A")
    a.switch_user("lead", "demo1234")
    create_demo_store(b_dir, kdf=fast_kdf).close()
    b = Store.open(b_dir, "admin", "demo1234")
    SyncClient(b).enroll(city.url, city.code("00070"), "Laptop B")
    b.switch_user("lead", "demo1234")
    yield a, b
    a.close()
    b.close()


def test_everything_reaches_the_server_once_and_the_other_laptop(two_laptops, city):
    a, b = two_laptops
    pending = a.pending_changes()
    assert pending > 500
    result = SyncClient(a).sync()
    assert result.pending_after == 0
    assert result.pushed["accepted"] == pending
    stats = city.storage.stats()
    households = a.count_households()
    assert stats["records"]["household"] == households
    # laptop B pulls everything and can search it
    SyncClient(b).sync()
    assert b.count_households() == households
    name = a.households_page(limit=1)[0]["head_name"]
    assert any(r["head_name"] == name for r in b.search_households(name))
    # a second round sends nothing new and changes nothing
    again = SyncClient(a).sync()
    assert again.pushed == {} and again.pending_after == 0


def test_the_same_person_edited_on_both_laptops_becomes_a_conflict(two_laptops):
    a, b = two_laptops
    SyncClient(a).sync()
    SyncClient(b).sync()
    pid = a.db.execute(
        "SELECT id FROM person WHERE deleted = 0 AND consent_date IS NOT NULL LIMIT 1"
    ).fetchone()[0]
    a.update_person(pid, {"notes": "Ghi chú từ máy A", "relationship": "chu_ho"})
    b.update_person(pid, {"notes": "Ghi chú từ máy B"})
    SyncClient(a).sync()
    SyncClient(b).sync()  # B's push conflicts on the server; B's pull brings A's version
    conflicts = b.open_conflicts()
    assert [c["field"] for c in conflicts] == ["notes"]
    assert conflicts[0]["local_value"] == "Ghi chú từ máy B"
    assert conflicts[0]["incoming_value"] == "Ghi chú từ máy A"
    # a non-conflicting field from A was taken
    assert b.person(pid)["relationship"] == "chu_ho"
    # the team lead decides; the decision syncs to A
    b.resolve_conflict(conflicts[0]["id"], "local")
    assert b.open_conflicts() == []
    SyncClient(b).sync()
    SyncClient(a).sync()
    assert a.person(pid)["notes"] == "Ghi chú từ máy B"


def test_tombstones_propagate(two_laptops):
    a, b = two_laptops
    SyncClient(a).sync()
    SyncClient(b).sync()
    hid = a.households_page(limit=1)[0]["id"]
    a.delete_household(hid)
    SyncClient(a).sync()
    SyncClient(b).sync()
    assert hid not in {r["id"] for r in b.households_page(limit=10_000)}


def test_not_enrolled_is_a_clear_error(open_demo):
    store = open_demo("lead")
    with pytest.raises(SyncError) as err:
        SyncClient(store).sync()
    assert "chưa đăng ký" in err.value.message_vi


def test_sync_command_exit_codes(_demo_template, tmp_path, city, fast_kdf):
    """`sync` exits 0 only when nothing is left: refused changes make it exit 1 with a message."""
    import json
    import os
    import re
    import subprocess
    import sys

    data = tmp_path / "laptop"
    create_demo_store(data, kdf=fast_kdf).close()
    admin = Store.open(data, "admin", "demo1234")
    SyncClient(admin).enroll(city.url, city.code("00070"), "Laptop")
    admin.close()
    env = {**os.environ, "TANTAY_PASSWORD": "demo1234", "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, "-m", "desktop_app", "--data-dir", str(data), "--user", "lead", "sync"]
    first = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert first.returncode == 0, first.stderr
    # in words by default: what was sent (the demo's households), nothing left waiting
    assert re.fullmatch(
        r"Đã đồng bộ: gửi [1-9]\d* thay đổi, nhận 0 thay đổi từ máy khác\.\n", first.stdout
    )
    cmd.append("--json")
    # a household of another commune (Ba Đình): the server refuses it, the laptop quarantines it
    lead = Store.open(data, "lead", "demo1234")
    lead.add_household(
        {"address": "Số 1 Đội Cấn", "commune_code": "00004"},
        {"full_name": "Phan Văn Khải", "birth_year": 1945},
    )
    lead.close()
    second = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert second.returncode == 1
    assert json.loads(second.stdout.splitlines()[0])["quarantined"] >= 1
    assert "từ chối" in second.stdout


def test_a_push_writes_the_laptop_database_once_per_batch(two_laptops):
    """Every write to the laptop's database makes the list's own connection drop its page cache
    and read and decrypt its pages again at the next keystroke (SQLite in WAL mode), so a sync
    writes as seldom as it can: taking the next batch and applying the previous receipt are one
    write (issue 17, search_during_sync)."""
    a, _b = two_laptops
    client = SyncClient(a, batch_size=40)
    batches_expected = -(-a.pending_changes() // 40)
    assert batches_expected >= 5
    watcher = Store.open(a.path.parent, "volunteer", "demo1234")  # the list's connection
    writes = 0
    seen = watcher.db.execute("PRAGMA data_version").fetchone()[0]

    def changed() -> None:
        nonlocal writes, seen
        now = watcher.db.execute("PRAGMA data_version").fetchone()[0]
        if now != seen:
            writes, seen = writes + 1, now

    # before each statement of the syncing connection: did the one before it write?
    a.db.conn.set_trace_callback(lambda _sql: changed())
    try:
        totals, batches = client.push()
    finally:
        a.db.conn.set_trace_callback(None)
        changed()
        watcher.close()
    assert batches == batches_expected
    assert a.pending_changes() == 0 and totals["accepted"] > 0
    # the first batch taken, then one write per batch, then the last receipt
    assert writes <= batches + 2, f"{writes} writes for {batches} batches"


def test_a_visit_from_another_laptop_shows_who_made_it(two_laptops, city):
    """Logins are each laptop's own: "hoa" on laptop A is Đỗ Thị Hoa, "hoa" on laptop B is
    Lê Văn Hòa. B showed A's visit under its own Hòa (or the bare login). A visit now carries
    its visitor's full name (PROTOCOL revision 9); an older one from another laptop, without
    it, shows the login, never this laptop's user of that login."""
    a, b = two_laptops
    for store, full_name in ((a, "Đỗ Thị Hoa"), (b, "Lê Văn Hòa")):
        store.switch_user("admin", "demo1234")
        store.add_user("hoa", full_name, "volunteer", "hoa-12345")
        store.switch_user("hoa", "hoa-12345")
    hid = a.households_page(limit=1)[0]["id"]
    visit = a.record_visit(hid, {"purposes": ["payment_check"], "outcome": "met"})["visit"]
    assert SyncClient(a).sync().pending_after == 0
    SyncClient(b).sync()
    with city.storage.batch_transaction() as tx:
        held = tx.get_record("visit", visit["id"])
    assert (held.fields["visitor"], held.fields["visitor_name"]) == ("hoa", "Đỗ Thị Hoa")

    def shown_on(store) -> str:
        visits = store.household(hid)["visits"]
        return next(v["visitor_name"] for v in visits if v["id"] == visit["id"])

    assert shown_on(a) == "Đỗ Thị Hoa"
    assert shown_on(b) == "Đỗ Thị Hoa"
    # a visit recorded before revision 9 has no name with it: B shows A's login
    b.db.execute("UPDATE visit SET visitor_name = NULL WHERE id = ?", (visit["id"],))
    assert shown_on(b) == "hoa"
    # … and a visit of this laptop's own (before revision 9) its user's name, as before
    own = b.record_visit(hid, {"purposes": ["payment_check"], "outcome": "met"})["visit"]
    b.db.execute("UPDATE visit SET visitor_name = NULL WHERE id = ?", (own["id"],))
    assert next(v for v in b.household(hid)["visits"] if v["id"] == own["id"])["visitor_name"] == (
        "Lê Văn Hòa"
    )
