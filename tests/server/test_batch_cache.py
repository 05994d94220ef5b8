"""A big batch is applied exactly as the same changes one at a time (issue 17).

The batch transaction reads the records a batch touches once and keeps them, buffers its writes
and answers repeated questions (``live_referencing``) from what it holds. Whatever it keeps, the
outcome must be what the changes give when each one is a batch of its own (every read then comes
from the database): the same records, history, feed, device versions, conflicts and receipts.
The changes are a real laptop's (the demo data: households, persons, benefits, payments, visits,
verifications), plus what makes a batch read its own writes: a second payment of one benefit and
month (a twin, kept as a tombstone) and a second person holding one citizen ID (an identity
merge that moves benefits and payments), each right after the record it collides with.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest
from pg_cluster import cluster, keys_for
from server_helpers import server_rows

from city_server.apply import apply_batch
from city_server.enrollment import create_enrollment_code, hash_secret, normalize_code
from city_server.storage import Device, open_storage
from city_server.storage.base import dumps, served_change
from desktop_app.store.store import Store
from desktop_app.store.sync_access import for_sync

PASSWORD = "demo1234"


@pytest.fixture
def laptop_changes(demo_dir) -> tuple[str, list[dict], dict, dict]:
    """(commune, changes, twin, double): the demo laptop's changes plus a second payment of one
    benefit and month (twin) and a second person with one citizen ID (double)."""
    store = Store.open(demo_dir, "lead", PASSWORD)
    try:
        batches = for_sync(store).batches_for_bundle(500)
        commune = store.commune_code
    finally:
        store.close()
    changes = [c for b in batches for c in b["changes"]]
    payment = next(c for c in changes if c["entity"] == "payment")
    person = next(c for c in changes if c["entity"] == "person" and c["fields"].get("citizen_id"))
    twin = {**payment, "id": str(uuid.uuid4())}
    double = {**person, "id": str(uuid.uuid4()), "fields": {**person["fields"], "notes": "x"}}
    out: list[dict] = []
    for c in changes:
        out.append(c)
        if c is payment:
            out.append(twin)
        if c is person:
            out.append(double)
    for seq, c in enumerate(out, start=1):
        c["seq"] = seq
    return commune, out, twin, double


def _device(storage, commune: str) -> Device:
    code = create_enrollment_code(storage, [commune])
    candidate = Device(str(uuid.uuid4()), "laptop", (), "k", "k", "h", False, "", 0)
    return storage.enroll_device(
        hash_secret(normalize_code(code)), datetime.now(UTC).isoformat(), candidate
    )


def _batch(device: Device, changes: list[dict]) -> dict:
    return {
        "protocol": 1,
        "schema": 2,
        "device_id": device.id,
        "batch_id": str(uuid.uuid4()),
        "seq_from": changes[0]["seq"],
        "seq_to": changes[-1]["seq"],
        "changes": changes,
    }


_TABLES = {
    # table: columns compared (ids of batches, devices and clock times differ between runs)
    "records": "entity, id, version, fields, deleted, commune_code, server_seq",
    "record_history": "entity, id, version, fields, deleted, commune_code, server_seq, merged",
    "changes": "server_seq, entity, record_id, version, commune_code, change",
    "device_versions": "entity, record_id, version, content, status, server_version",
    "conflicts": "seq, entity, record_id, version, reason, fields, change, server_fields",
    "rejected": "seq, entity, record_id, reason, detail, change",
    "identity_merges": "citizen_hash, survivor_id, merged_id, status, moved, conflicts",
}


def _server_state(db: str, device: Device) -> dict:
    out = {}
    for table, columns in _TABLES.items():
        rows = [list(r) for r in server_rows(db, f"SELECT {columns} FROM {table}")]
        if table == "changes":
            for row in rows:  # a version the server writes itself is dated by its clock
                served = json.loads(row[-1])
                if served["updated_by"] == "city-server":
                    row[-1] = json.dumps({**served, "updated_at": "<the server's clock>"})
        out[table] = sorted(
            json.dumps(
                [v.replace(device.id, "<device>") if isinstance(v, str) else v for v in row],
                sort_keys=True,
                default=str,
            )
            for row in rows
        )
    return out


def _apply_all(db: str, commune: str, changes: list[dict], size: int):
    """Apply ``changes`` in batches of ``size``: every result, and the server's tables."""
    storage = open_storage(db, keys_for(db))
    try:
        device = _device(storage, commune)
        results = []
        for start in range(0, len(changes), size):
            part = [dict(c) for c in changes[start : start + size]]
            receipt = apply_batch(storage, device, _batch(device, part), source="bundle")
            results += receipt["results"]
    finally:
        storage.close()
    return results, _server_state(db, device)


@pytest.fixture
def second_db(server_db, tmp_path):
    """Another fresh database of the same backend."""
    if not server_db.startswith("postgresql://"):
        yield str(tmp_path / "city-2.db")
        return
    pg = cluster()
    url = pg.new_database()
    yield url
    pg.drop_database(url)


def test_a_batch_of_500_ends_exactly_as_one_change_per_batch(laptop_changes, server_db, second_db):
    commune, changes, twin, double = laptop_changes
    assert len(changes) > 1500
    whole, whole_state = _apply_all(server_db, commune, changes, 500)
    single, single_state = _apply_all(second_db, commune, changes, 1)

    assert whole == single  # every receipt result, change by change
    assert whole_state == single_state
    # the collisions did happen inside the big batches: both are tombstones of the first ones
    records = {(r[0], r[1]): r for r in map(json.loads, whole_state["records"])}
    assert records[("payment", twin["id"])][4] == 1  # deleted: the month is already paid
    person = records[("person", double["id"])]
    assert person[4] == 1 and json.loads(person[3])["merged_into"] != double["id"]
    assert len(whole_state["identity_merges"]) == 1
    # what the batch writes straight out is the canonical JSON of what it holds (SQLite keeps
    # the text as written; PostgreSQL's jsonb keeps values, not text)
    checked = () if server_db.startswith("postgresql://") else ("changes", "device_versions")
    for table, column in (("changes", "change"), ("device_versions", "content")):
        if table not in checked:
            continue
        for (text,) in server_rows(server_db, f"SELECT {column} FROM {table}"):
            assert text == dumps(json.loads(text)), (table, text[:200])


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "Nguyễn Thị Ánh",
        'quote " and \\ backslash',
        '"fields":null',
        "tab\tnew\nline\x01",
        "\u2028 and \u2029",
        "😀 non-BMP",
        "",
        "</script>",
    ],
)
def test_a_feed_entry_written_out_is_the_canonical_json(text):
    fields = {"notes": text, "n": 1, "x": [text, None, True]}
    args = {
        "entity": "person",
        "record_id": text or "id",
        "version": 3,
        "fields_text": dumps(fields),
        "deleted": True,
        "commune_code": text,
        "updated_at": text,
        "updated_by": text,
        "origin_device": text,
    }
    expected = {
        "entity": args["record_id"] and "person",
        "id": args["record_id"],
        "version": 3,
        "base_version": 2,
        "fields": fields,
        "deleted": True,
        "updated_at": text,
        "updated_by": text,
        "origin_device": text,
        "commune_code": text,
    }
    assert served_change(**args) == dumps(expected)
    # a team lead's decision travels with the version (PROTOCOL revision 7), sorted and once
    decided = {**expected, "decided": ["address", "notes"]}
    assert served_change(**args, decided=["notes", "address", "notes"]) == dumps(decided)
