"""The encrypted store: encryption at rest, login and lockout, users, change capture, bad input."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta

import pytest

from desktop_app.core.errors import (
    DatabaseError,
    LockedOut,
    NotFound,
    PermissionDenied,
    UserDisabled,
    ValidationError,
    WrongPassword,
)
from desktop_app.store import audit
from desktop_app.store.keyfile import KeyFile
from desktop_app.store.store import KEYS_NAME, Store, database_path

ADMIN_PW = "mat-khau-1"


def _create(data_dir, fast_kdf, **kw):
    return Store.create(
        data_dir,
        admin_username="admin",
        admin_password=ADMIN_PW,
        admin_full_name="Phạm Quốc Bảo",
        commune_code="00070",
        villages=["Tổ dân phố số 1"],
        kdf=fast_kdf,
        **kw,
    )


def _household(store, name="Đặng Thị Hoà", **head):
    village = store.list_villages()[0]["id"]
    return store.add_household(
        {"address": "Số 5 Hàng Bạc", "village_id": village, "phones": ["0912 345 678"]},
        {"full_name": name, "birth_year": 1941, "sex": "female", **head},
    )


def _counts(store):
    outbox = store.db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    audits = store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    return outbox, audits


def test_database_is_unreadable_without_the_key(data_dir, fast_kdf):
    store, recovery = _create(data_dir, fast_kdf)
    _household(store, "Nguyễn Văn Thưởng", citizen_id="001041012345")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    raw = database_path(data_dir).read_bytes()
    for needle in ("Thưởng", "Nguy", "001041012345", "Hàng Bạc", "SQLite format 3"):
        assert needle.encode("utf-8") not in raw
    plain = sqlite3.connect(database_path(data_dir))
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT * FROM sqlite_master").fetchall()
    plain.close()
    # the recovery key was shown once and opens it
    assert len(recovery.replace("-", "")) == 25
    s = Store.open_with_recovery(data_dir, recovery.lower().replace("-", " "))
    assert s.count_households() == 1
    s.close()


def test_wrong_password_and_lockout_with_growing_delay(data_dir, fast_kdf):
    store, _ = _create(data_dir, fast_kdf)
    store.close()
    for _ in range(4):
        with pytest.raises(WrongPassword) as err:
            Store.open(data_dir, "admin", "sai-mat-khau")
        assert "không đúng" in err.value.message_vi
    with pytest.raises(WrongPassword):
        Store.open(data_dir, "admin", "sai-mat-khau")  # 5th failure starts the delay
    with pytest.raises(LockedOut) as locked:
        Store.open(data_dir, "admin", ADMIN_PW)  # even the right password waits
    assert 0 < locked.value.retry_after <= 30
    assert "thử lại sau" in locked.value.message_vi
    keys = KeyFile.load(data_dir / KEYS_NAME)
    first_delay = keys.data["users"]["admin"]["locked_until"]
    with pytest.raises(WrongPassword):
        keys.unlock("admin", "sai", now=first_delay + 1)
    second = keys.data["users"]["admin"]["locked_until"] - (first_delay + 1)
    assert second == pytest.approx(60, abs=1)  # the delay doubles
    # after waiting, the right password works and resets the counter
    key = keys.unlock("admin", ADMIN_PW, now=keys.data["users"]["admin"]["locked_until"] + 1)
    assert len(key) == 32
    assert keys.data["users"]["admin"]["failed"] == 0


def test_unknown_user_gets_the_same_message_as_a_wrong_password(data_dir, fast_kdf):
    _create(data_dir, fast_kdf)[0].close()
    with pytest.raises(WrongPassword) as a:
        Store.open(data_dir, "nobody", ADMIN_PW)
    with pytest.raises(WrongPassword) as b:
        Store.open(data_dir, "admin", "wrong-password")
    assert a.value.message_vi == b.value.message_vi


def test_users_passwords_and_disable(data_dir, fast_kdf):
    store, recovery = _create(data_dir, fast_kdf)
    store.add_user("tovien", "Lê Thị Mai", "volunteer", "tovien-123")
    with pytest.raises(ValidationError):
        store.add_user("tovien", "Khác", "volunteer", "tovien-123")
    with pytest.raises(ValidationError) as short:
        store.add_user("ngan", "Ngắn", "volunteer", "123")
    assert short.value.code == "password_short"
    store.close()

    v = Store.open(data_dir, "tovien", "tovien-123")
    assert v.user.role == "volunteer"
    with pytest.raises(PermissionDenied):
        v.add_user("x1", "X", "admin", "xxxxxxxx")
    with pytest.raises(PermissionDenied):
        v.add_village("Thôn Mới")
    v.change_password("tovien-123", "mat-khau-moi")
    v.close()
    with pytest.raises(WrongPassword):
        Store.open(data_dir, "tovien", "tovien-123")
    Store.open(data_dir, "tovien", "mat-khau-moi").close()

    admin = Store.open(data_dir, "admin", ADMIN_PW)
    admin.reset_password("tovien", "dat-lai-123")
    admin.disable_user("tovien")
    with pytest.raises(ValidationError):
        admin.disable_user("admin")
    admin.close()
    with pytest.raises(WrongPassword):
        Store.open(data_dir, "tovien", "dat-lai-123")

    # the recovery key lets an admin set a new password for a forgotten one
    rec = Store.open_with_recovery(data_dir, recovery)
    rec.reset_password("tovien", "sau-khoi-phuc")
    rec.close()
    Store.open(data_dir, "tovien", "sau-khoi-phuc").close()


def test_disabled_user_with_a_stale_key_entry_is_refused(data_dir, fast_kdf):
    store, _ = _create(data_dir, fast_kdf)
    store.add_user("tovien", "Lê Thị Mai", "volunteer", "tovien-123")
    store.db.execute("UPDATE user SET disabled = 1 WHERE username = 'tovien'")
    store.db.conn.commit()
    store.close()
    with pytest.raises(UserDisabled):
        Store.open(data_dir, "tovien", "tovien-123")


def test_every_write_is_versioned_queued_and_audited(open_demo):
    store = open_demo("lead")
    before = _counts(store)
    seq_before = store.db.execute("SELECT max(seq) FROM outbox").fetchone()[0]

    def step(expected_records, fn, *args, **kw):
        nonlocal before
        result = fn(*args, **kw)
        after = _counts(store)
        assert after == (before[0] + expected_records, before[1] + expected_records), fn.__name__
        before = after
        return result

    village = step(1, store.add_village, "Thôn Đoài", "thon")
    step(1, store.update_village, village["id"], {"name": "Thôn Đoài Mới"})
    created = step(3, _household, store)  # household, head, household.head_person_id
    hid = created["household"]["id"]
    step(1, store.update_household, hid, {"landmark": "Cạnh cây đa"})
    added = step(1, store.add_person, hid, {"full_name": "Đặng Văn Tú", "birth_year": 1975})
    pid = added["person"]["id"]
    step(1, store.update_person, pid, {"notes": "Con trai"})
    visit = step(
        2,
        store.record_visit,
        hid,
        {"purposes": ["routine"], "follow_up_on": date.today().isoformat()},
        [{"kind": "reset_pin", "person_id": pid}],
    )
    vid = visit["visit"]["id"]
    step(1, store.update_visit, vid, {"notes": "Đã gặp"})
    step(1, store.complete_follow_up, vid)
    aid = step(1, store.add_assistance, hid, {"kind": "install_app"})["id"]
    step(1, store.update_assistance, aid, {"status": "done"})
    benefit = step(
        1,
        store.add_benefit,
        pid,
        {"scheme": "social_pension", "monthly_amount": 500000, "channel": "post_office_cash"},
    )
    step(1, store.update_benefit, benefit["id"], {"provider": "Bưu điện Hoàn Kiếm"})
    payment = step(1, store.record_payment, benefit["id"], "2026-10", {"credited_on": "2026-10-10"})
    step(1, store.record_payment, benefit["id"], "2026-10", {"withdrawn_on": "2026-10-12"})
    step(1, store.delete_payment, payment["id"])
    step(1, store.record_consent, pid, on=date.today(), method="signature")
    step(1, store.withdraw_consent, pid)
    step(1, store.delete_visit, vid)
    step(1, store.delete_person, pid)
    step(2, store.delete_household, hid)  # the head's tombstone too
    step(1, store.delete_village, village["id"])

    # no-op edits change nothing and queue nothing
    step(0, store.update_village, store.list_villages()[0]["id"], {})

    rows = store.db.execute(
        "SELECT seq, entity, record_id, version, base_version, change FROM outbox"
        " JOIN outbox_change USING (seq) WHERE seq > ? ORDER BY seq",
        (seq_before,),
    ).fetchall()
    seqs = [r[0] for r in rows]
    assert seqs == list(range(seq_before + 1, seq_before + 1 + len(rows)))
    for seq, entity, record_id, version, base, change in rows:
        c = json.loads(change)
        assert c["seq"] == seq and c["entity"] == entity and c["id"] == record_id
        assert c["version"] == version == base + 1
        assert c["origin_device"] == store.device_id and c["updated_by"] == "lead"
        assert c["commune_code"] == "00070"
        assert "name_fold" not in c["fields"] and "sort_key" not in c["fields"]
    # tombstones, not deletes
    assert store.db.execute("SELECT deleted FROM household WHERE id = ?", (hid,)).fetchone()[0] == 1
    with pytest.raises(NotFound):
        store.household(hid)
    # the audit log holds no ID numbers or names, only field names
    details = " ".join(r[0] for r in store.db.execute("SELECT detail FROM audit_log"))
    assert "Đặng" not in details and "0912" not in details
    assert store.verify_audit().ok


def test_a_failed_write_leaves_nothing_half_written(open_demo):
    store = open_demo("volunteer")
    before = _counts(store)
    with pytest.raises(ValidationError) as err:
        _household(store, citizen_id="12345")
    assert err.value.field == "citizen_id"
    assert _counts(store) == before
    # a duplicate ID number is refused by the store
    existing = store.db.execute(
        "SELECT citizen_id FROM person WHERE citizen_id IS NOT NULL LIMIT 1"
    ).fetchone()[0]
    with pytest.raises(ValidationError) as dup:
        _household(store, citizen_id=existing)
    assert dup.value.code == "id_taken"
    assert _counts(store) == before


def test_full_disk_rolls_back_the_whole_action(open_demo):
    store = open_demo("volunteer")
    before = _counts(store)
    households = store.count_households()
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DatabaseError) as err:
        for i in range(200):
            _household(store, f"Nguyễn Văn Số {i}", notes="x" * 4000)
    assert "đầy" in err.value.message_vi
    store.db.execute("PRAGMA max_page_count = 1073741823")
    # every completed action is whole; the failed one left nothing behind
    outbox, audits = _counts(store)
    added = store.count_households() - households
    assert outbox - before[0] == audits - before[1] == 3 * added
    assert store.verify_audit().ok


def test_volunteer_sees_masked_id_numbers_and_cannot_reveal(open_demo):
    volunteer = open_demo("volunteer")
    pid = volunteer.db.execute(
        "SELECT id, citizen_id FROM person WHERE citizen_id IS NOT NULL LIMIT 1"
    ).fetchone()
    person = volunteer.person(pid[0])
    assert person["citizen_id"] == pid[1][:3] + "*******" + pid[1][-2:]
    with pytest.raises(PermissionDenied):
        volunteer.reveal_citizen_id(pid[0])
    # a masked value coming back from a form does not overwrite the real number
    volunteer.update_person(pid[0], {"citizen_id": person["citizen_id"], "notes": "Đã gọi"})
    lead = open_demo("lead")
    assert lead.reveal_citizen_id(pid[0]) == pid[1]
    assert (
        lead.db.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'reveal_citizen_id' AND record_id = ?",
            (pid[0],),
        ).fetchone()[0]
        == 1
    )


def test_search_ignores_accents_case_and_d_stroke(data_dir, fast_kdf):
    store, _ = _create(data_dir, fast_kdf)
    store.add_user("lead", "Trần Văn Hải", "team_lead", "lead-1234")
    _household(store, "Đặng Thị Hoà")
    _household(store, "Đặng Thị Hòa", citizen_id="001141029876")
    _household(store, "Nguyễn Văn Đức")
    names = lambda q: sorted(r["head_name"] for r in store.search_households(q))  # noqa: E731
    assert names("dang thi hoa") == ["Đặng Thị Hoà", "Đặng Thị Hòa"]
    assert names("ĐẶNG thị HOÀ") == ["Đặng Thị Hoà", "Đặng Thị Hòa"]
    assert names("duc") == ["Nguyễn Văn Đức"]
    # ID numbers: only the whole number finds (issue 12: parts rebuilt IDs digit by digit)
    assert names("001141029876") == ["Đặng Thị Hòa"]
    assert names("9876") == [] and names("0011410") == []
    assert len(names("0912 345 678")) == 3  # phone, typed with spaces
    assert len(names("hang bac")) == 3  # address
    for hostile in [
        '"',
        "'",
        "*",
        "-",
        "NEAR",
        "OR",
        "a OR b",
        '"dang',
        "dang*",
        "😀",
        "x" * 500,
        "hoa) OR (1=1",
        "NEAR(dang hoa)",
        "\\",
        "%",
        "_",
    ]:
        store.search_households(hostile)  # never raises


def test_household_pages_follow_vietnamese_name_order(open_demo):
    store = open_demo("volunteer")
    seen, after = [], None
    while True:
        page = store.households_page(after=after, limit=37)
        if not page:
            break
        seen += page
        after = (page[-1]["sort_key"], page[-1]["id"])
    assert len(seen) == store.count_households() == len({r["id"] for r in seen})
    keys = [r["sort_key"] for r in seen]
    assert keys == sorted(keys)
    from desktop_app.core.collation import sort_key

    assert [sort_key(r["head_name"]) for r in seen] == sorted(
        sort_key(r["head_name"]) for r in seen
    )


def test_follow_ups_buckets_and_completion(open_demo):
    store = open_demo("volunteer")
    hid = store.households_page(limit=1)[0]["id"]
    today = date.today()
    v1 = store.record_visit(hid, {"follow_up_on": (today - timedelta(days=2)).isoformat()})
    v2 = store.record_visit(hid, {"follow_up_on": today.isoformat()})
    v3 = store.record_visit(hid, {"follow_up_on": (today + timedelta(days=3)).isoformat()})
    buckets = store.follow_ups(today)
    ids = {k: {i["visit_id"] for i in v} for k, v in buckets.items()}
    assert v1["visit"]["id"] in ids["overdue"]
    assert v2["visit"]["id"] in ids["today"]
    assert v3["visit"]["id"] in ids["week"]
    store.complete_follow_up(v1["visit"]["id"])
    assert v1["visit"]["id"] not in {i["visit_id"] for i in store.follow_ups(today)["overdue"]}


def test_possible_duplicates(open_demo):
    store = open_demo("lead")
    row = store.db.execute(
        "SELECT full_name, birth_year, citizen_id FROM person WHERE citizen_id IS NOT NULL LIMIT 1"
    ).fetchone()
    by_id = store.find_possible_duplicates("Ai Đó Khác", None, row[2])
    assert [d["reason"] for d in by_id] == ["same_id"]
    folded = store.find_possible_duplicates(row[0].upper(), row[1], None)
    assert folded and folded[0]["reason"] == "same_name_birth_year"


def test_audit_chain_detects_tampering(open_demo):
    store = open_demo("lead")
    assert store.verify_audit().ok
    store.db.execute("UPDATE audit_log SET username = 'someone' WHERE id = 5")
    store.db.conn.commit()
    check = store.verify_audit()
    assert not check.ok and check.first_broken == 5
    store.db.execute("DELETE FROM audit_log WHERE id = 5")
    store.db.conn.commit()
    assert audit.verify(store.db).first_broken == 5


def test_corrupt_and_truncated_database_files_give_clear_messages(data_dir, fast_kdf):
    store, _ = _create(data_dir, fast_kdf)
    _household(store)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path = database_path(data_dir)
    original = path.read_bytes()
    path.write_bytes(original[: len(original) // 3])
    with pytest.raises(DatabaseError) as err:
        Store.open(data_dir, "admin", ADMIN_PW)
    assert "hỏng" in err.value.message_vi or "không đọc được" in err.value.message_vi
    path.write_bytes(b"\x00" * len(original))
    with pytest.raises(DatabaseError):
        Store.open(data_dir, "admin", ADMIN_PW)
    (data_dir / KEYS_NAME).write_text("{not json")
    with pytest.raises(DatabaseError) as keys:
        Store.open(data_dir, "admin", ADMIN_PW)
    assert "khoá" in keys.value.message_vi


def test_creating_twice_is_refused(data_dir, fast_kdf):
    _create(data_dir, fast_kdf)[0].close()
    with pytest.raises(DatabaseError):
        _create(data_dir, fast_kdf)


def test_quick_switch_keeps_the_connection(open_demo):
    store = open_demo("volunteer")
    store.switch_user("officer", "demo1234")
    assert store.user.role == "police_officer"
    with pytest.raises(WrongPassword):
        store.switch_user("volunteer", "wrong-password")
    assert store.user.username == "officer"


def test_none_is_shielded_from_the_sqlcipher3_refcount_bug():
    import sys

    import desktop_app.store.db  # noqa: F401  (applies the shield on import)

    if sys.version_info < (3, 12):
        assert sys.getrefcount(None) > 1 << 40
