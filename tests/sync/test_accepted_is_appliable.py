"""Property: for any batch a device can send, every change the server accepts is applied cleanly
by a fresh laptop's pull (nothing quarantined, nothing skipped), and nothing it rejected is in the
feed. Hypothesis builds batches from valid records with random damage: fields dropped, nulled,
of the wrong type, too long, deeply nested, unknown, out of range, duplicate months, dangling
references.
"""

from __future__ import annotations

import copy
import json
import uuid
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from city_server.apply import apply_batch
from city_server.enrollment import create_enrollment_code, hash_secret, normalize_code
from city_server.storage import Device, Storage, open_storage
from desktop_app.store.demo import create_demo_store
from desktop_app.store.keyfile import KdfParams
from desktop_app.store.store import Store
from desktop_app.store.sync_access import for_sync

FAST = KdfParams(time_cost=1, memory_cost=8192, parallelism=1)
NOW = "2026-11-27T10:00:00+00:00"


def _id(n: int) -> str:
    return str(uuid.UUID(int=(0x0190F5C2 << 96) + n))


VILLAGE, HOUSEHOLD, PERSON, BENEFIT, VISIT = (_id(i) for i in range(1, 6))


def valid_records() -> list[tuple[str, str, dict]]:
    """One valid record of each kind, each pointing to the ones before it."""
    return [
        ("village", VILLAGE, {"name": "Tổ 1", "kind": "to_dan_pho", "commune_code": "00070",
                              "commune_list_version": "2025-07-01"}),
        ("household", HOUSEHOLD, {"village_id": VILLAGE, "commune_code": "00070",
                                  "commune_list_version": "2025-07-01", "address": "Số 1",
                                  "phones": [{"number": "+84912345678", "owner": "con"}]}),
        ("person", PERSON, {"household_id": HOUSEHOLD, "full_name": "Nguyễn Văn An",
                            "given_name": "An", "birth_year": 1945, "sex": "male",
                            "citizen_id": "001045012345", "vulnerabilities": ["lives_alone"]}),
        ("benefit", BENEFIT, {"person_id": PERSON, "household_id": HOUSEHOLD,
                              "scheme": "social_pension", "monthly_amount": 500000,
                              "channel": "post_office_cash"}),
        ("visit", VISIT, {"household_id": HOUSEHOLD, "visited_at": NOW, "visitor": "lan",
                          "purposes": ["routine"], "persons_present": [PERSON]}),
        ("payment", _id(6), {"benefit_id": BENEFIT, "person_id": PERSON,
                             "household_id": HOUSEHOLD, "period": "2026-10",
                             "withdrawn_by": "self", "convenience": 4, "barriers": []}),
        ("payment", _id(7), {"benefit_id": BENEFIT, "person_id": PERSON,
                             "household_id": HOUSEHOLD, "period": "2026-10"}),
        ("assistance", _id(8), {"household_id": HOUSEHOLD, "person_id": PERSON,
                                "kind": "reset_pin", "status": "open"}),
    ]  # fmt: skip


def _nested(depth: int):
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return value


DAMAGE = st.sampled_from(
    [
        ("drop", None),
        ("null", None),
        ("set", 12345),
        ("set", "x" * 20_000),
        ("set", _nested(500)),
        ("set", {"a": {"b": {"c": 1}}}),
        ("set", True),
        ("set", -1),
        ("set", "2026-13-45"),
        ("set", "not-a-uuid"),
        ("set", str(uuid.uuid4())),  # a dangling reference
        ("set", ["lives_alone", "unicorn"]),
        ("set", [{"number": "12", "owner": "x"}]),
        ("set", "999999999999"),
        ("extra", "surprise"),
    ]
)


@st.composite
def batches(draw):
    records = copy.deepcopy(valid_records())
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(records) - 1))
        entity, rid, fields = records[i]
        keys = sorted(fields)
        if not keys:
            continue
        kind, value = draw(DAMAGE)
        name = draw(st.sampled_from(keys))
        if kind == "drop":
            fields.pop(name, None)
        elif kind == "null":
            fields[name] = None
        elif kind == "extra":
            fields["unknown_field"] = value
        else:
            fields[name] = value
    return records


def _device(storage: Storage) -> Device:
    code = create_enrollment_code(storage, ["00070"])
    candidate = Device(str(uuid.uuid4()), "fuzz", (), "k", "k", "h", False, "", 0)
    return storage.enroll_device(
        hash_secret(normalize_code(code)), datetime.now(UTC).isoformat(), candidate
    )


@pytest.fixture(scope="module")
def laptop_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fresh-laptop")
    create_demo_store(folder, kdf=FAST).close()
    return folder


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=batches())
def test_whatever_the_server_accepts_a_fresh_laptop_applies(
    records, tmp_path_factory, laptop_template
):
    import shutil

    root = tmp_path_factory.mktemp("case")
    storage = open_storage(root / "city.db")
    device = _device(storage)
    changes = []
    for seq, (entity, rid, fields) in enumerate(records, start=1):
        changes.append(
            {
                "entity": entity,
                "id": rid,
                "version": 1,
                "base_version": 0,
                "fields": fields,
                "deleted": False,
                "updated_at": NOW,
                "updated_by": "fuzz",
                "origin_device": device.id,
                "commune_code": "00070",
                "seq": seq,
            }
        )
    batch = {
        "protocol": 1,
        "schema": 4,
        "device_id": device.id,
        "batch_id": str(uuid.uuid4()),
        "seq_from": 1,
        "seq_to": len(changes),
        "changes": changes,
    }
    receipt = apply_batch(storage, device, batch)
    accepted = {r["id"] for r in receipt["results"] if r["status"] in ("accepted", "duplicate")}
    rejected = {r["id"] for r in receipt["results"] if r["status"] == "rejected"}
    feed = storage.changes_since(("00070",), "another-device", 0, 1000)
    fed = [json.loads(text) | {"server_seq": seq} for seq, text in feed]
    assert not rejected & {c["id"] for c in fed}, "a rejected record entered the feed"
    assert {c["id"] for c in fed} <= accepted
    storage.close()

    folder = root / "laptop"
    shutil.copytree(laptop_template, folder)
    store = for_sync(Store.open(folder, "lead", "demo1234"))
    try:
        counts = store.apply_incoming(fed)
        assert counts["quarantined"] == 0 and counts["skipped"] == 0, (
            counts,
            store.incoming_quarantined(),
        )
    finally:
        store.close()
