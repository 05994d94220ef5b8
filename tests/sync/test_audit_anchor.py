"""Issue 12, finding 3: the audit chain is anchored at the city server.

Deleting the last 20 entries, deleting all, or editing one and recomputing the hashes all used to
verify as "intact". Now every batch carries the chain's head, the server signs it into the
receipt and keeps it per device, and ``audit verify`` (laptop) and ``audit-verify`` (server)
catch each of those.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from desktop_app.store import audit
from desktop_app.store.audit_anchor import anchored
from desktop_app.store.store import Store
from desktop_app.sync.client import SyncClient

PASSWORD = "demo1234"


@pytest.fixture
def laptop(_demo_template, tmp_path, city):
    d = tmp_path / "laptop"
    shutil.copytree(_demo_template, d)
    admin = Store.open(d, "admin", PASSWORD)
    SyncClient(admin).enroll(city.url, city.code("00070"), "Laptop")
    admin.close()
    store = Store.open(d, "volunteer", PASSWORD)
    yield store
    store.close()


def _add(store, address):
    village = store.list_villages()[0]["id"]
    store.add_household(
        {"village_id": village, "address": address},
        {"full_name": "Lê Thị Neo", "birth_year": 1950, "sex": "female"},
    )


def _rechain(db):
    """What a forger with the database key does: recompute every hash after an edit."""
    prev = audit.GENESIS
    rows = db.execute(
        "SELECT id, at, username, action, entity, record_id, detail FROM audit_log ORDER BY id"
    ).fetchall()
    with db.atomic():
        for r in rows:
            entry = {
                "id": r[0],
                "at": r[1],
                "username": r[2],
                "action": r[3],
                "entity": r[4],
                "record_id": r[5],
                "detail": json.loads(r[6]),
            }
            digest = audit._entry_hash(prev, entry)
            db.execute(
                "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, r[0])
            )
            prev = digest


def _synced(laptop):
    _add(laptop, "Số 1 ngõ Neo")
    SyncClient(laptop).sync()
    anchor = anchored(laptop)
    assert anchor is not None
    check = laptop.verify_audit()
    assert check.ok and check.anchored_seq == anchor["seq"]
    return anchor


def test_the_receipt_carries_the_signed_head(laptop, city):
    anchor = _synced(laptop)
    row = laptop.db.execute("SELECT hash FROM audit_log WHERE id = ?", (anchor["seq"],)).fetchone()
    assert row[0] == anchor["hash"]
    stored = city.storage._conn().execute("SELECT seq, hash FROM device_audit_heads").fetchall()
    assert (anchor["seq"], anchor["hash"]) in [tuple(r) for r in stored]


def test_deleting_the_last_20_entries_is_detected(laptop):
    anchor = _synced(laptop)
    last = laptop.db.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    cut = min(last - 19, anchor["seq"])
    with laptop.db.atomic():
        laptop.db.execute("DELETE FROM audit_log WHERE id >= ?", (cut,))
    assert audit.verify(laptop.db).ok  # the bare chain still says intact: the old finding
    check = laptop.verify_audit()
    assert not check.ok and check.first_broken == anchor["seq"] and "deleted" in check.reason


def test_deleting_everything_is_detected(laptop):
    _synced(laptop)
    with laptop.db.atomic():
        laptop.db.execute("DELETE FROM audit_log")
    assert audit.verify(laptop.db).ok
    check = laptop.verify_audit()
    assert not check.ok and "deleted" in check.reason


def test_editing_an_entry_and_recomputing_the_hashes_is_detected(laptop):
    anchor = _synced(laptop)
    with laptop.db.atomic():
        laptop.db.execute(
            "UPDATE audit_log SET username = 'someone_else' WHERE id = ?", (anchor["seq"] - 3,)
        )
    _rechain(laptop.db)
    assert audit.verify(laptop.db).ok
    check = laptop.verify_audit()
    assert not check.ok and "rewritten" in check.reason and check.first_broken == anchor["seq"]


def test_truncation_between_syncs_is_detected_from_the_outbox(laptop):
    _synced(laptop)
    _add(laptop, "Số 2 ngõ Neo")  # not synced yet: after the anchored head
    last = laptop.db.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    with laptop.db.atomic():
        laptop.db.execute("DELETE FROM audit_log WHERE id > ?", (last - 3,))
    check = laptop.verify_audit()
    assert not check.ok and "outbox" in check.reason


def test_audit_verify_command_names_the_problem(laptop, tmp_path):
    _synced(laptop)
    with laptop.db.atomic():
        laptop.db.execute("DELETE FROM audit_log")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "--lang",
            "en",
            "--data-dir",
            str(laptop.data_dir),
            "--user",
            "lead",
            "audit",
            "verify",
        ],
        capture_output=True,
        text=True,
        env={"TANTAY_PASSWORD": PASSWORD, "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "deleted" in done.stdout and "Traceback" not in done.stderr


def test_the_server_sees_a_device_cut_its_log_back(laptop, city):
    _synced(laptop)
    _add(laptop, "Số 3 ngõ Neo")
    SyncClient(laptop).sync()

    def server_check():
        return subprocess.run(
            [sys.executable, "-m", "city_server", "audit-verify", "--db", str(city.db_path)],
            capture_output=True,
            text=True,
            timeout=120,
        )

    ok = server_check()
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert json.loads(ok.stdout)["ok"] is True
    # a volunteer with the database key deletes most of the log (and the local anchor), then
    # keeps working: the next batch reports a head far below the one the server holds
    with laptop.db.atomic():
        laptop.db.execute("DELETE FROM audit_log WHERE id > 5")
        laptop.db.execute("DELETE FROM sync_state WHERE key = 'audit_anchor'")
    _add(laptop, "Số 4 ngõ Neo")
    SyncClient(laptop).sync()
    bad = server_check()
    assert bad.returncode == 1
    problems = [p for d in json.loads(bad.stdout)["devices"].values() for p in d["problems"]]
    assert any("truncated" in p for p in problems)
