"""One commune, one truth: two laptops and a real server on loopback touching the same people.

Every scenario here ends the way a team lead would expect: every sync succeeds, the laptops and
the server agree on the live records, no citizen ID belongs to two live persons, and every value
anyone typed is either live or waiting in a conflict for the team lead.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop_app.store.demo import create_demo_store
from desktop_app.store.store import Store
from desktop_app.sync.client import SyncClient

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "server"))
from server_helpers import server_rows  # noqa: E402

# Every test here runs against both server backends (SQLite and PostgreSQL).
pytestmark = pytest.mark.usefixtures("server_db")

PASSWORD = "demo1234"
CID = "001045012345"  # made up: Hà Nội, male, born 1945


@pytest.fixture
def laptops(tmp_path, city, fast_kdf):
    """Two empty laptops of Phường Hoàn Kiếm (00070), enrolled, acting as the team lead."""
    made = []

    def make(name: str) -> Store:
        folder = tmp_path / name
        create_demo_store(folder, kdf=fast_kdf).close()
        store = Store.open(folder, "admin", PASSWORD)
        client = SyncClient(store)
        client.enroll(city.url, city.code("00070"), f"Laptop {name}")
        client.close()
        store.switch_user("lead", PASSWORD)
        made.append(store)
        return store

    yield make
    for store in made:
        with contextlib.suppress(Exception):  # closed by the test already
            store.close()


def sync(*stores: Store, rounds: int = 1) -> None:
    for _ in range(rounds):
        for store in stores:
            client = SyncClient(store)
            try:
                result = client.sync()
            finally:
                client.close()
            assert result.pending_after == 0, result


def push(store: Store) -> None:
    """Send only (this laptop has not received the others' records yet)."""
    client = SyncClient(store)
    try:
        client.push()
    finally:
        client.close()


def register(store: Store, address: str, **person) -> tuple[str, str]:
    """A household with its head; returns (household id, person id)."""
    head = {"full_name": "Nguyễn Văn An", "birth_year": 1945, "sex": "male", **person}
    made = store.add_household({"address": address}, head)
    pid = made["head"]["id"]
    store.record_consent(pid, on="2026-11-02", method="signature")
    return made["household"]["id"], pid


def live(store: Store) -> dict:
    """Live records per entity (what `status --json` counts)."""
    return store.status_counts()["records"]


def assert_one_truth(city, *stores: Store) -> None:
    stats = city.storage.stats()
    for store in stores:
        counts = store.status_counts()
        assert counts["records"] == stats["records"], store.data_dir
        assert counts["duplicate_citizen_ids"] == 0
        assert counts["pending"] == 0 and counts["quarantined"] == 0, (
            store.quarantined(),
            [(q["reason"], q["detail"], q["attempts"]) for q in store.incoming_quarantined()],
        )
    assert stats["duplicate_citizen_ids"] == 0


def test_the_same_person_registered_on_two_laptops_becomes_one(laptops, city):
    a, b = laptops("a"), laptops("b")
    _, pa = register(a, "Số 3 ngõ Hàng Bạc", citizen_id=CID, phones=["0912345678"])
    hb, pb = register(b, "số 3 Ngõ Hàng Bạc", citizen_id=CID, notes="Cần người đưa đi rút tiền")
    benefit = b.add_benefit(
        pb,
        {
            "scheme": "social_allowance",
            "category": "elderly_80_no_pension",
            "monthly_amount": 500_000,
            "channel": "post_office_cash",
        },
    )
    b.record_payment(benefit["id"], "2026-10", {"credited_on": "2026-10-10"})
    b.record_visit(hb, {"purposes": ["payment_check"], "persons_present": [pb]})

    sync(a, b, rounds=2)

    # the person the server saw first (laptop A's) survives everywhere; B's is a merged tombstone
    for store in (a, b):
        people = store.db.execute(
            "SELECT id FROM person WHERE citizen_id = ? AND deleted = 0", (CID,)
        ).fetchall()
        assert people == [(pa,)]
        merged = store.db.execute(
            "SELECT deleted, merged_into FROM person WHERE id = ?", (pb,)
        ).fetchone()
        assert merged == (1, pa)
        # B's benefit, payment and the visit's attendance moved to the survivor
        assert store.benefits_for_person(pa)[0]["id"] == benefit["id"]
        visit = store.db.execute("SELECT persons_present FROM visit").fetchone()[0]
        assert json.loads(visit) == [pa]
        # nothing B typed is lost: its note waits as a conflict on the survivor
        conflicts = {c["field"]: c for c in store.open_conflicts() if c["record_id"] == pa}
        assert conflicts["notes"]["incoming_value"] == "Cần người đưa đi rút tiền"
    assert_one_truth(city, a, b)
    # the household B made is now empty: a candidate for the team lead, not a silent merge
    candidates = b.duplicate_candidates()
    assert any(c["entity"] == "household" and hb in (c["a"], c["b"]) for c in candidates)


def test_the_same_list_imported_on_two_laptops_before_either_synced_converges(laptops, city):
    a, b = laptops("a"), laptops("b")
    ids = ["001045012345", "001150023456", "001148034567"]
    for store in (a, b):
        for n, cid in enumerate(ids):
            register(store, f"Số {n + 1} Hàng Bạc", citizen_id=cid, full_name=f"Lê Văn Bình {n}")
    sync(a, b, rounds=2)
    assert live(a)["person"] == live(b)["person"] == 3
    assert_one_truth(city, a, b)
    # each laptop's second copy of every household is offered for merging
    assert len(a.duplicate_candidates()) >= 3


LIST_HEADER = ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Số CCCD", "Địa chỉ", "Chế độ",
               "Mức hưởng", "Hình thức nhận"]  # fmt: skip
LIST_ROWS = [
    [1, "Nguyễn Thị Hoà", 1941, "Nữ", "001141012345", "Số 5 ngõ 2 Hàng Bạc",
     "Bảo trợ xã hội - NCT", 500000, "Nhận tại bưu điện"],
    [2, "Trần Văn Đức", 1938, "Nam", "001038123456", "Số 8 Hàng Bạc",
     "Hưu trí xã hội", 500000, "Nhận tại bưu điện"],
]  # fmt: skip


def import_list(store: Store, path) -> subprocess.CompletedProcess:
    """The official list imported with the real importer (`import-beneficiaries --commit`)."""
    env = {**os.environ, "TANTAY_PASSWORD": PASSWORD, "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, "-m", "desktop_app", "--data-dir", str(store.data_dir), "--user",
           "admin", "import-beneficiaries", str(path), "--commit", "--json"]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture
def official_list(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(LIST_HEADER)
    for row in LIST_ROWS:
        ws.append(row)
    path = tmp_path / "danh_sach.xlsx"
    wb.save(path)
    return path


def test_the_list_imported_on_a_second_laptop_after_the_first_synced_creates_nothing(
    laptops, city, official_list
):
    a, b = laptops("a"), laptops("b")
    import_list(a, official_list)
    sync(a, b)
    before = live(b)
    assert before["person"] == 2
    import_list(b, official_list)
    assert live(b) == before  # matched on the citizen IDs the first laptop's records carry
    sync(a, b, rounds=2)
    assert live(a) == live(b) == before
    assert_one_truth(city, a, b)


def test_the_list_imported_on_two_laptops_before_either_synced_is_one_person_per_id(
    laptops, city, official_list
):
    a, b = laptops("a"), laptops("b")
    import_list(a, official_list)
    import_list(b, official_list)
    sync(a, b, rounds=2)
    assert live(a)["person"] == live(b)["person"] == 2
    # one benefit per person: the second laptop's copy of each points to the first one's
    assert live(a)["benefit"] == live(b)["benefit"] == 2
    assert_one_truth(city, a, b)


def test_the_same_benefit_added_on_two_laptops_is_one_benefit(laptops, city):
    """Both laptops know the person; each adds the pension before hearing of the other's. The
    report must count each month once: the server keeps the first benefit, the second joins it
    and its November joins the first's (the differing value waits for the team lead)."""
    a, b = laptops("a"), laptops("b")
    _, pid = register(a, "Số 3 ngõ Hàng Bạc")
    sync(a, b)
    pension = {"scheme": "social_pension", "category": "age_75_plus", "channel": "home_delivery"}
    first = a.add_benefit(pid, {**pension, "monthly_amount": 500_000})
    second = b.add_benefit(pid, {**pension, "monthly_amount": 540_000})
    a.record_payment(first["id"], "2026-11", {"credited_on": "2026-11-10"})
    b.record_payment(second["id"], "2026-11", {"credited_on": "2026-11-11"})
    b.record_payment(second["id"], "2026-10", {"credited_on": "2026-10-10"})

    sync(a, b, rounds=2)

    for store in (a, b):
        assert [x["id"] for x in store.benefits_for_person(pid)] == [first["id"]]
        months = sorted(p["period"] for p in store.payments_for_person(pid))
        assert months == ["2026-10", "2026-11"]
        assert len(store.payment_rows("2026-11", "2026-11")) == 1
    assert_one_truth(city, a, b)
    # what laptop B wrote is kept: on the server as conflicts on the first benefit and payment
    kept = {
        (r["entity"], field)
        for r in server_rows(city.db_path, "SELECT entity, fields FROM conflicts")
        for field in json.loads(r["fields"])
    }
    assert {("benefit", "monthly_amount"), ("payment", "credited_on")} <= kept
    # and the benefit's on every laptop, for its team lead
    for store in (a, b):
        waiting = {(c["entity"], c["field"]): c for c in store.open_conflicts()}
        assert waiting[("benefit", "monthly_amount")]["incoming_value"] == 540_000


def test_a_move_from_cash_to_an_account_keeps_the_months_before_as_cash_everywhere(laptops, city):
    """Laptop A records September in cash, then the person's benefit moves to a bank account and
    October is recorded. Laptop B, the server's report and the dashboard's rows count September
    under cash and October under the account (PROTOCOL revision 7: a payment carries its
    channel)."""
    from city_server.dashboard.cells import report_rows

    a, b = laptops("a"), laptops("b")
    _, pid = register(a, "Số 5 ngõ Hàng Bạc")
    pension = {"scheme": "social_pension", "category": "age_75_plus", "monthly_amount": 500_000}
    benefit = a.add_benefit(pid, {**pension, "channel": "home_delivery"})
    a.record_payment(benefit["id"], "2026-09", {"credited_on": "2026-09-10"})
    sync(a, b)
    a.update_benefit(benefit["id"], {"channel": "bank_account"})
    a.record_payment(benefit["id"], "2026-10", {"credited_on": "2026-10-10"})
    b.record_payment(benefit["id"], "2026-09", {"withdrawn_on": "2026-09-11"})  # a correction
    sync(a, b, rounds=2)

    def by_month(rows):
        return {r["period"]: r["channel"] for r in rows if r["person_id"] == pid}

    want = {"2026-09": "home_delivery", "2026-10": "bank_account"}
    for store in (a, b):
        assert by_month(store.payment_rows("2026-09", "2026-10")) == want, store.data_dir
    assert by_month(report_rows(city.storage, "00070", "2026-09", "2026-10")) == want
    assert_one_truth(city, a, b)


def test_a_conflict_decided_on_one_laptop_is_not_asked_again_on_the_other(laptops, city):
    """The fourteenth tryout: both laptops recorded one November differently, both were asked
    which is right, the team lead decided on laptop A, and laptop B asked again (offering to
    bring back the story she had rejected). A decision says which field it decided (PROTOCOL
    revision 7), and B closes the same question with A's answer."""
    a, b = laptops("a"), laptops("b")
    _, pid = register(a, "Số 7 ngõ Hàng Bạc")
    pension = {"scheme": "social_pension", "category": "age_75_plus", "monthly_amount": 500_000}
    benefit = a.add_benefit(pid, {**pension, "channel": "bank_account"})
    sync(a, b)
    a.record_payment(
        benefit["id"], "2026-11", {"credited_on": "2026-11-10", "withdrawn_by": "helped"}
    )
    b.record_payment(
        benefit["id"],
        "2026-11",
        {"credited_on": "2026-11-11", "withdrawn_on": "2026-11-15", "withdrawn_by": "self"},
    )
    sync(a, b, a)
    asked = {store: {c["field"]: c for c in store.open_conflicts()} for store in (a, b)}
    assert {"credited_on", "withdrawn_by"} <= set(asked[a]) and set(asked[a]) == set(asked[b])
    # on A: keep A's "helped", take B's credit date, type the withdrawal date heard since
    a.resolve_conflict(asked[a]["withdrawn_by"]["id"], "local")
    a.resolve_conflict(asked[a]["credited_on"]["id"], "incoming")
    a.resolve_conflict(asked[a]["withdrawn_on"]["id"], "edited", "2026-11-16")
    sync(a, b, a)

    assert b.open_conflicts() == [] and a.open_conflicts() == []
    closed = {
        field: (how, value)
        for field, how, value in b.db.execute(
            "SELECT field, resolution, resolved_value FROM conflict"
        )
    }
    # a value A changed was closed before (its new value arrived); the value A kept is now too
    assert closed["withdrawn_by"] == ("elsewhere", '"helped"')
    assert closed["withdrawn_on"][1] == '"2026-11-16"'
    for store in (a, b):
        (month,) = [p for p in store.payments_for_person(pid) if p["period"] == "2026-11"]
        assert (month["withdrawn_by"], month["credited_on"], month["withdrawn_on"]) == (
            "helped",
            "2026-11-11",
            "2026-11-16",
        ), store.data_dir
    assert_one_truth(city, a, b)


def test_edit_on_one_laptop_while_the_server_merges_keeps_both_values(laptops, city):
    a, b = laptops("a"), laptops("b")
    _, pa = register(a, "Số 3 Hàng Bạc", citizen_id=CID)
    _, pb = register(b, "Số 3 Hàng Bạc", citizen_id=CID)
    sync(a)
    # B edits its own copy before it ever hears of A's
    b.update_person(pb, {"relationship": "chu_ho", "notes": "Sống một mình"})
    sync(b, a, b)
    for store in (a, b):
        assert store.person(pa)["id"] == pa
        values = {c["incoming_value"] for c in store.open_conflicts() if c["record_id"] == pa}
        assert "Sống một mình" in values or store.person(pa)["notes"] == "Sống một mình"
    assert_one_truth(city, a, b)


def test_delete_on_one_laptop_while_the_other_edits(laptops, city):
    a, b = laptops("a"), laptops("b")
    hid, pid = register(a, "Số 7 Hàng Bạc")
    sync(a, b)
    a.delete_household(hid)
    b.update_household(hid, {"landmark": "Cạnh chùa"})
    sync(a, b, a, b)
    # B's edit of a record A deleted is a conflict for the team lead, never lost nor a stop
    conflicts = [c for c in b.open_conflicts() if c["record_id"] == hid]
    assert conflicts, "the edit of a deleted household must wait for a person"
    assert_one_truth(city, a, b)


def test_a_record_the_server_cannot_hold_is_rejected_and_nothing_else_stops(laptops, city):
    a, b = laptops("a"), laptops("b")
    hid, _ = register(a, "Số 1 Hàng Bạc")
    # a bug (or an old app) writes a person without a given name straight into the outbox
    change = json.loads(
        a.db.execute("SELECT change FROM outbox_change ORDER BY seq DESC").fetchone()[0]
    )
    bad = dict(change)
    bad["entity"], bad["id"] = "person", "0190f5c2-0000-7000-8000-000000000001"
    bad["fields"] = {"household_id": hid, "full_name": "Trần Thị Cúc"}
    bad["version"], bad["base_version"] = 1, 0
    with a.db.atomic():
        a.db.execute(
            "INSERT INTO outbox (entity, record_id, version, base_version, created_at)"
            " VALUES ('person', ?, 1, 0, ?)",
            (bad["id"], bad["updated_at"]),
        )
        seq = a.db.execute("SELECT max(seq) FROM outbox").fetchone()[0]
        bad["seq"] = seq
        a.db.execute(
            "INSERT INTO outbox_change (seq, change) VALUES (?, ?)", (seq, json.dumps(bad))
        )
    register(a, "Số 2 Hàng Bạc")
    client = SyncClient(a)
    client.sync()
    client.close()
    assert [q["reason"] for q in a.quarantined()] == ["missing_fields"]
    assert city.storage.stats()["rejected"] == {"missing_fields": 1}
    sync(b)  # B pulls everything else without a hitch
    assert live(b)["household"] == 2 and live(b)["person"] == 2


def test_a_pulled_record_this_laptop_cannot_apply_is_quarantined_and_the_pull_completes(
    laptops, city
):
    a, b = laptops("a"), laptops("b")
    register(a, "Số 1 Hàng Bạc")
    register(a, "Số 2 Hàng Bạc")
    sync(a)
    # laptop B cannot hold one of the pulled records (here: a rule only B has, as an older or
    # newer app would); everything else applies and the cursor moves on
    pid = a.db.execute("SELECT id FROM person ORDER BY id LIMIT 1").fetchone()[0]
    b.db.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON person WHEN NEW.id = '"
        + pid
        + "' BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: test'); END"
    )
    client = SyncClient(b)
    result = client.sync()
    client.close()
    held = b.incoming_quarantined()
    # every version of that person is held (created, then consent recorded), nothing else
    assert result.pulled["quarantined"] == len(held) >= 1
    assert {(q["entity"], q["record_id"], q["reason"]) for q in held} == {
        ("person", pid, "constraint")
    }
    assert live(b)["household"] == 2 and live(b)["person"] == 1
    assert b.status_counts()["quarantined"] == len(held)
    # once the cause is gone (an update of the app), the team lead retries and it applies
    b.db.execute("DROP TRIGGER refuse")
    assert b.retry_incoming_quarantine() >= 1
    assert b.incoming_quarantined() == [] and live(b)["person"] == 2


def test_status_command_and_sync_exit_codes(laptops, city):
    a, b = laptops("a"), laptops("b")
    register(a, "Số 3 Hàng Bạc", citizen_id=CID)
    register(b, "Số 3 Hàng Bạc", citizen_id=CID)
    env = {**os.environ, "TANTAY_PASSWORD": PASSWORD, "QT_QPA_PLATFORM": "offscreen"}
    outputs = {}
    for store in (a, b):
        store.close()
    for _ in range(2):
        for store in (a, b):
            base = [sys.executable, "-m", "desktop_app", "--data-dir", str(store.data_dir)]
            done = subprocess.run(
                [*base, "--user", "lead", "sync"], capture_output=True, text=True, env=env
            )
            assert done.returncode == 0, done.stdout + done.stderr
    for store in (a, b):
        base = [sys.executable, "-m", "desktop_app", "--data-dir", str(store.data_dir)]
        done = subprocess.run(
            [*base, "--user", "lead", "status", "--json"], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
        outputs[store.data_dir] = json.loads(done.stdout)
    stats = city.storage.stats()
    for status in outputs.values():
        assert set(status) == {
            "records",
            "pending",
            "quarantined",
            "conflicts",
            "duplicate_candidates",
            "duplicate_citizen_ids",
            "last_sync",
            "server",
        }
        assert status["server"]["url"] == city.url.rstrip("/")
        assert len(status["server"]["device_id"]) == 36  # as the admin page's column begins
        assert status["records"] == stats["records"]
        assert status["duplicate_citizen_ids"] == 0 and status["pending"] == 0
        assert status["last_sync"]
    assert stats["duplicate_citizen_ids"] == 0 and stats["identity_merges"] == 1
    # the plain status says the last sync in the laptop's time, as the Sync page (the eleventh
    # tryout: the raw UTC time, another day in Hà Nội after 17:00)
    hanoi = {**env, "TZ": "Asia/Ho_Chi_Minh"}
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(a.data_dir), "--user", "lead",
         "status"], capture_output=True, text=True, env=hanoi,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    last = datetime.fromisoformat(outputs[a.data_dir]["last_sync"])
    shown = last.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%d/%m/%Y %H:%M")
    assert f"đồng bộ lần cuối: {shown}." in done.stdout, done.stdout


def test_a_team_lead_merges_on_one_laptop_while_the_other_edits_the_merged_person(laptops, city):
    a, b = laptops("a"), laptops("b")
    village = a.list_villages()[0]["id"]
    h1 = a.add_household({"address": "Số 4 Hàng Bạc", "village_id": village},
                         {"full_name": "Đỗ Thị Lan", "birth_year": 1940})  # fmt: skip
    h2 = a.add_household({"address": "Số 4 Hàng Bạc", "village_id": village},
                         {"full_name": "Đỗ Thị Lan", "birth_year": 1940})  # fmt: skip
    keep, drop = h1["head"]["id"], h2["head"]["id"]
    for pid in (keep, drop):
        a.record_consent(pid, on="2026-11-02", method="signature")
    sync(a, b)
    a.merge_records("person", keep, drop)
    b.update_person(drop, {"notes": "Con gái ở xa, gọi trước khi đến"})
    sync(a, b, a, b)
    for store in (a, b):
        assert store.person(drop)["id"] == keep  # the merge holds on both laptops
        values = [c["incoming_value"] for c in store.open_conflicts() if c["record_id"] == keep]
        assert "Con gái ở xa, gọi trước khi đến" in values  # B's note waits for the team lead
    assert_one_truth(city, a, b)


def test_a_merge_reaches_a_laptop_that_was_offline_for_weeks_through_usb(laptops, city, tmp_path):
    from city_server.bundles import import_bundle
    from desktop_app.sync.bundles import export_bundle, import_receipt

    stick = tmp_path / "usb"
    stick.mkdir()

    def by_usb(store):
        receipt = import_bundle(city.storage, export_bundle(store, stick), stick)
        import_receipt(store, receipt)

    a, b, c = laptops("a"), laptops("b"), laptops("c")
    _, pa = register(a, "Số 3 Hàng Bạc", citizen_id=CID)
    sync(a)
    _, pb = register(b, "Số 3 Hàng Bạc")  # no ID yet
    push(b)
    by_usb(c)  # C goes to the villages with both persons on board
    b.update_person(pb, {"citizen_id": CID})  # B finds the card: the server merges
    push(b)
    c.update_person(pb, {"notes": "Đã hướng dẫn kích hoạt thẻ"})  # weeks later, offline
    by_usb(c)
    by_usb(c)
    sync(a, b)
    for store in (a, b, c):
        assert store.person(pb)["id"] == pa
        values = [v["incoming_value"] for v in store.open_conflicts() if v["record_id"] == pa]
        assert "Đã hướng dẫn kích hoạt thẻ" in values
    assert_one_truth(city, a, b, c)


def test_a_split_survives_the_next_sync(laptops, city):
    a, b = laptops("a"), laptops("b")
    village = a.list_villages()[0]["id"]
    made = [
        a.add_household(
            {"address": "Số 4 Hàng Bạc", "village_id": village},
            {"full_name": "Đỗ Thị Lan", "birth_year": 1940},
        )  # fmt: skip
        for _ in range(2)
    ]
    keep, drop = made[0]["household"]["id"], made[1]["household"]["id"]
    sync(a, b)
    merge = a.merge_records("household", keep, drop)
    sync(a, b)
    a.split_merge(merge["id"])
    sync(a, b, a, b)
    for store in (a, b):
        assert drop in {h["id"] for h in store.households_page(limit=100)}
        assert store.household(drop)["id"] == drop
    assert_one_truth(city, a, b)


def test_two_team_leads_merging_one_pair_in_opposite_directions_keep_one_person(laptops, city):
    a, b = laptops("a"), laptops("b")
    village = a.list_villages()[0]["id"]
    x = a.add_household({"address": "Số 8 Hàng Bạc", "village_id": village},
                        {"full_name": "Nguyễn Thị Thanh Hoà", "birth_year": 1939})  # fmt: skip
    y = a.add_household({"address": "Số 8 Hàng Bạc", "village_id": village},
                        {"full_name": "Nguyễn Thị Thanh Hòa", "birth_year": 1939})  # fmt: skip
    px, py = x["head"]["id"], y["head"]["id"]
    sync(a, b)
    a.merge_records("person", px, py)
    b.merge_records("person", py, px)
    sync(a, b, a, b)
    for store in (a, b):
        live_ones = store.db.execute(
            "SELECT id FROM person WHERE id IN (?, ?) AND deleted = 0", (px, py)
        ).fetchall()
        assert live_ones == [(px,)]  # the merge that reached the server first holds
    assert_one_truth(city, a, b)


def test_deciding_a_merge_conflict_on_one_laptop_raises_no_new_one_elsewhere(laptops, city):
    a, b = laptops("a"), laptops("b")
    _, pa = register(a, "Số 3 Hàng Bạc", citizen_id=CID, notes="Mắt kém")
    sync(a)
    register(b, "Số 3 Hàng Bạc", citizen_id=CID, notes="Ở với cháu")
    sync(b, a, b)
    conflict = next(c for c in a.open_conflicts() if c["record_id"] == pa)
    a.resolve_conflict(conflict["id"], "edited", "Mắt kém; ở với cháu")
    sync(a, b, a, b)
    assert b.person(pa)["notes"] == "Mắt kém; ở với cháu"
    assert [c for c in b.open_conflicts() if c["field"] == "notes"] == []
    assert_one_truth(city, a, b)


def test_values_a_team_lead_chose_in_a_merge_are_not_asked_again_on_the_other_laptop(laptops, city):
    """The thirteenth tryout: laptop A's team lead merged a person entered twice (no ID),
    choosing the name with its tone marks and A's address; laptop B then asked the same three
    questions again, with the discarded values under "from the server". A value only laptop B
    held is still asked."""
    a, b = laptops("a"), laptops("b")
    _, keep = register(a, "Số 14 ngõ 10 Đội Cấn", full_name="Trần Thị Nguyệt", sex="female")
    _, drop = register(b, "14 ngõ 10 Đội Cấn", full_name="Tran Thi Nguyet", sex="female")
    _, other = register(b, "Số 2 Đội Cấn", full_name="Lê Văn Khải", notes="Đi lại khó")
    sync(a, b, a)
    a.merge_records("person", keep, drop)
    b.update_person(other, {"notes": "Đi lại khó; ở một mình"})  # unrelated work on B
    sync(a, b, a, b)
    assert b.person(drop)["id"] == keep
    assert b.person(keep)["full_name"] == "Trần Thị Nguyệt"
    assert [c for c in b.open_conflicts() if c["record_id"] == keep] == []
    assert [c for c in a.open_conflicts() if c["record_id"] == keep] == []
    assert_one_truth(city, a, b)


def test_values_kept_on_the_laptop_for_lack_of_consent_survive_a_merge(laptops, city):
    a, b = laptops("a"), laptops("b")
    # no consent recorded: phones and notes stay on each laptop (never sent)
    ha = a.add_household({"address": "Số 3 Hàng Bạc"}, {"full_name": "Nguyễn Văn An",
                         "birth_year": 1945, "citizen_id": CID})  # fmt: skip
    sync(a)
    hb = b.add_household({"address": "Số 3 Hàng Bạc"}, {"full_name": "Nguyễn Văn An",
                         "birth_year": 1945, "citizen_id": CID, "phones": ["0912345678"],
                         "notes": "Nghe kém"})  # fmt: skip
    pa, pb = ha["head"]["id"], hb["head"]["id"]
    sync(b, a, b)
    # B's own values are still on its (merged) record, and wait as conflicts on the survivor
    kept = b.db.execute("SELECT phones, notes FROM person WHERE id = ?", (pb,)).fetchone()
    assert "+84912345678" in kept[0] and kept[1] == "Nghe kém"
    values = {c["field"]: c["incoming_value"] for c in b.open_conflicts() if c["record_id"] == pa}
    assert values["notes"] == "Nghe kém"
    # and they never reached the server
    stored = city.storage.stats()
    assert stored["duplicate_citizen_ids"] == 0
    history = [r[0] for r in server_rows(city.db, "SELECT fields FROM record_history")]
    assert history and not [f for f in history if "Nghe kém" in f or "912345678" in f]


def trip_by(way: str, city, tmp_path, *stores: Store) -> None:
    """One trip of ``stores`` to the city: online, a sync each in turn; by USB (any other
    ``way``), as `import-bundle` with all the stick's bundles: each receipt once all are in."""
    from city_server.bundles import import_bundle
    from desktop_app.sync.bundles import export_bundle, import_receipt

    if way == "online":
        sync(*stores)
        return
    stick = tmp_path / "usb"
    stick.mkdir(exist_ok=True)
    bundles = [export_bundle(store, stick) for store in stores]
    for path in bundles:
        import_bundle(city.storage, path, stick)
    for store, path in zip(stores, bundles, strict=True):
        import_receipt(store, import_bundle(city.storage, path, stick))


@pytest.mark.parametrize("way", ["online", "usb"])
def test_consent_recorded_on_another_laptop_never_empties_a_phone_only_this_one_held(
    laptops, city, tmp_path, way
):
    """The sixteenth tryout (by USB): laptop A imported the official list with Bình's phone;
    without consent it never left A, so laptop B had none. B recorded her consent; after the
    next trip A showed "Điện thoại: chưa ghi" and a search for the number found nothing. Now A
    keeps the phone, tags and notes, and sends them once the consent arrives, so B gets them."""

    def trip(*stores):
        trip_by(way, city, tmp_path, *stores)

    a, b = laptops("a"), laptops("b")
    made = a.add_household(
        {"address": "Số 7 Hàng Bè"},
        {"full_name": "Trần Thị Bình", "birth_year": 1948, "sex": "female",
         "phones": ["0987654321"], "notes": "Đi lại khó", "vulnerabilities": ["hearing"]},
    )  # fmt: skip
    pid = made["head"]["id"]
    trip(a, b)
    assert b.person(pid)["phones"] == []  # held back for lack of consent
    b.record_consent(pid, on="2026-11-20", method="signature")
    trip(b, a)
    person = a.person(pid)
    assert person["consent_date"] == "2026-11-20"  # B's consent is here
    assert [x["number"] for x in person["phones"]] == ["+84987654321"]
    assert person["notes"] == "Đi lại khó" and person["vulnerabilities"] == ["hearing"]
    assert [r["id"] for r in a.search_households("0987654321")] == [made["household"]["id"]]
    assert a.open_conflicts() == []
    trip(a, b)  # A sends them now that she consented (online: in the same sync as it pulled)
    person = b.person(pid)
    assert [x["number"] for x in person["phones"]] == ["+84987654321"]
    assert person["notes"] == "Đi lại khó"
    if way == "online":
        assert_one_truth(city, a, b)
    records = [r[0] for r in server_rows(city.db, "SELECT fields FROM records")]
    assert any("84987654321" in f for f in records)  # on the server, now that she consented


@pytest.mark.parametrize("way", ["online", "usb-l2-first", "usb-l3-first"])
def test_a_phone_typed_without_consent_reaches_the_others_once_consent_is_recorded_elsewhere(
    laptops, city, tmp_path, way
):
    """The seventeenth tryout: a volunteer typed Bình's phone on laptop L2 while she had no
    consent; another recorded her consent on L3 before either change reached the city. After
    two more trips the phone was still on L2 only: L2's change came back merged with the
    consent (its receipt), not as another laptop's change."""

    def trip(*stores):
        trip_by(way, city, tmp_path, *stores)

    l1, l2, l3 = laptops("l1"), laptops("l2"), laptops("l3")
    made = l1.add_household({"address": "Xóm 4, Thôn Tây"}, {"full_name": "Trần Thị Bình",
                            "birth_year": 1950, "sex": "female"})  # fmt: skip
    pid = made["head"]["id"]
    trip(l1, l2, l3)
    l2.update_person(pid, {"phones": [{"number": "0912345678", "owner": ""}]})
    l3.record_consent(pid, on="2026-11-21", method="signature")
    first = (l2, l3) if way == "usb-l2-first" else (l3, l2)
    trip(*first)
    trip(l1, l2, l3)
    trip(l1, l2, l3)
    for store in (l1, l2, l3):
        person = store.person(pid)
        assert [x["number"] for x in person["phones"]] == ["+84912345678"], store.data_dir
        assert person["consent_date"] == "2026-11-21"
        assert store.open_conflicts() == [], store.data_dir
        assert store.pending_changes() == 0
    records = [r[0] for r in server_rows(city.db, "SELECT fields FROM records")]
    assert any("84912345678" in f for f in records)
    if way == "online":
        assert_one_truth(city, l1, l2, l3)


def test_values_waiting_to_be_shared_survive_the_app_closing_before_they_are_sent(laptops, city):
    """What is noted to be sent once consent arrives is kept in the database with the receipt
    that brought it: a laptop closed (or killed) right after still sends it at the next sync."""
    l1, l2 = laptops("l1"), laptops("l2")
    made = l1.add_household({"address": "Xóm 1"}, {"full_name": "Đỗ Văn Khải",
                            "birth_year": 1947, "sex": "male"})  # fmt: skip
    pid = made["head"]["id"]
    sync(l1, l2)
    l2.update_person(pid, {"phones": [{"number": "0912000111", "owner": ""}]})
    l1.record_consent(pid, on="2026-11-22", method="signature")
    sync(l1)
    push(l2)  # the receipt merges the consent in; the pull (and the release) never comes
    folder = l2.data_dir
    l2.close()
    l2 = Store.open(folder, "lead", PASSWORD)
    try:
        assert l2.pending_changes() == 0  # nothing queued yet ...
        sync(l2, l1)  # ... but noted: sent in this sync
        assert [x["number"] for x in l1.person(pid)["phones"]] == ["+84912000111"]
    finally:
        l2.close()


@pytest.mark.parametrize("way", ["online", "usb"])
def test_a_phone_corrected_while_consent_was_withdrawn_is_not_replaced_unasked(
    laptops, city, tmp_path, way
):
    """The eighteenth tryout: B withdrew Hạnh's consent; A then corrected her phone (held on A);
    C, still holding the old number, recorded her consent again. Every laptop and the server
    ended with the old number, A's correction gone, no conflict. Neither laptop shared its
    number while consent was missing, so neither is known to be newer: the team lead decides,
    and the number chosen reaches everyone."""

    def trip(*stores):
        trip_by(way, city, tmp_path, *stores)

    a, b, c = laptops("a"), laptops("b"), laptops("c")
    _hid, pid = register(a, "Xóm 2", full_name="Đặng Thị Hạnh",
                         phones=[{"number": "0912000107", "owner": ""}])  # fmt: skip
    trip(a, b, c)
    b.withdraw_consent(pid)
    trip(b, a, c)
    a.update_person(pid, {"phones": [{"number": "0912000207", "owner": ""}]})  # held on A
    trip(a)
    c.record_consent(pid, on="2026-11-25", method="signature")  # C still has 0912000107
    trip(c, a)
    numbers = lambda store: [x["number"] for x in store.person(pid)["phones"]]  # noqa: E731
    assert numbers(a) == ["+84912000207"]  # A's correction is still here ...
    asked = [x for x in a.open_conflicts() if x["record_id"] == pid]
    assert [x["field"] for x in asked] == ["phones"]  # ... and the lead is asked
    assert asked[0]["local_value"][0]["number"] == "+84912000207"
    assert asked[0]["incoming_value"][0]["number"] == "+84912000107"
    a.resolve_conflict(asked[0]["id"], "local")
    trip(a, b, c)
    trip(a, b, c)
    for store in (a, b, c):
        assert numbers(store) == ["+84912000207"], store.data_dir
        assert [x for x in store.open_conflicts() if x["record_id"] == pid] == []


def test_a_laptops_values_arriving_after_the_consent_are_no_needless_conflict(
    laptops, city, tmp_path
):
    """The eighteenth tryout (Đinh Thị Nga): offline, A typed her phone and a note, then
    corrected the phone; B recorded her consent. The office imported B's bundle, then A's, in
    two commands. A's two changes held nothing new for the server (their withheld fields
    empty), so they came back as duplicates of server version 2, and A's own numbering went back
    to 2. When A sent the values, its version 3 was the one it had sent already: a
    "version_reused" conflict, and an empty phone on every laptop until a lead chose."""
    from city_server.bundles import import_bundle
    from desktop_app.sync.bundles import export_bundle, import_receipt

    stick = tmp_path / "usb"
    stick.mkdir()
    a, b = laptops("a"), laptops("b")
    made = a.add_household({"address": "Số 31 ngõ Giả Định"}, {"full_name": "Đinh Thị Nga",
                           "birth_year": 1942, "sex": "female"})  # fmt: skip
    pid = made["head"]["id"]
    sync(a, b)
    a.update_person(pid, {"phones": [{"number": "0912000111", "owner": ""}],
                          "notes": "Nga: ở một mình"})  # fmt: skip
    b.record_consent(pid, on="2026-11-26", method="signature")
    a.update_person(pid, {"phones": [{"number": "0912000211", "owner": ""}]})
    pa, pb = export_bundle(a, stick), export_bundle(b, stick)
    import_receipt(b, import_bundle(city.storage, pb, stick))  # B's first, alone
    import_receipt(a, import_bundle(city.storage, pa, stick))  # then A's
    for _ in range(2):
        for store in (a, b):
            import_receipt(store, import_bundle(city.storage, export_bundle(store, stick), stick))
    for store in (a, b):
        person = store.person(pid)
        assert [x["number"] for x in person["phones"]] == ["+84912000211"], store.data_dir
        assert person["notes"] == "Nga: ở một mình"
        assert store.open_conflicts() == [] and store.pending_changes() == 0
    conflicts = server_rows(city.db, "SELECT reason FROM conflicts")
    assert conflicts == []


def test_an_empty_phone_with_consent_still_empties_one_that_was_shared(laptops, city):
    """The other side of the rule above: a phone the others held (the person had consented) and
    a volunteer removed on one laptop is removed on the other too."""
    a, b = laptops("a"), laptops("b")
    _hid, pid = register(a, "Số 9 Hàng Bè", phones=["0912345678"])
    sync(a, b)
    assert [x["number"] for x in b.person(pid)["phones"]] == ["+84912345678"]
    b.update_person(pid, {"phones": []})
    sync(b, a)
    assert a.person(pid)["phones"] == []
    assert_one_truth(city, a, b)
