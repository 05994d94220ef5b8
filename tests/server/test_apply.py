"""The merge rules of apply_batch, on a real SQLite file without HTTP."""

from __future__ import annotations

import json

import pytest
from pg_cluster import keys_for
from server_helpers import HOAN_KIEM, Dev, household, new_id

from city_server.apply import Refusal, apply_batch, three_way_merge
from city_server.storage import open_storage


@pytest.fixture
def storage(server_db):
    """A fresh server database (once per backend)."""
    s = open_storage(server_db, keys_for(server_db))
    yield s
    s.close()


@pytest.fixture
def shared(storage):
    """Devices A and B and a household both have at version 1."""
    a, b = Dev(storage, "A"), Dev(storage, "B")
    hid = new_id()
    assert a.push(a.change(hid, 1, household()))[0]["status"] == "accepted"
    return a, b, hid


def current(storage, hid):
    """The server's current record."""
    with storage.batch_transaction() as tx:
        return tx.get_record("household", hid)


def test_edit_chain_in_one_batch_is_accepted(shared, storage):
    a, _, hid = shared
    results = a.push(
        a.change(hid, 2, household(address="2")),
        a.change(hid, 3, household(address="3")),
    )
    assert [(r["status"], r["version"]) for r in results] == [("accepted", 2), ("accepted", 3)]
    assert current(storage, hid).fields["address"] == "3"


def test_chain_after_a_conflict_is_a_conflict_too(shared, storage):
    a, b, hid = shared
    b.push(b.change(hid, 2, household(address="B")))
    results = a.push(
        a.change(hid, 2, household(address="A")),
        a.change(hid, 3, household(address="A", notes="more")),
    )
    assert [r["status"] for r in results] == ["conflict", "conflict"]
    assert results[1]["reason"] == "base_not_accepted"
    assert current(storage, hid).fields == household(address="B")
    # Resolved by a person on top of the server's version 2: accepted.
    resolved = a.change(hid, 3, household(address="A và B", notes="more"), base_from_server=True)
    assert a.push(resolved)[0] == {
        "seq": resolved["seq"],
        "entity": "household",
        "id": hid,
        "status": "accepted",
        "version": 3,
    }
    assert storage.stats()["conflicts"] == 2


def test_chain_after_a_merge_merges_against_the_device_content(shared, storage):
    a, b, hid = shared
    b.push(b.change(hid, 2, household(notes="B")))
    results = a.push(
        a.change(hid, 2, household(address="A")),
        a.change(hid, 3, household(address="A", landmark="cây đa")),
    )
    assert [(r["status"], r["version"]) for r in results] == [("accepted", 3), ("accepted", 4)]
    assert current(storage, hid).fields == household(address="A", notes="B", landmark="cây đa")


def test_delete_against_a_concurrent_edit_is_a_conflict(shared, storage):
    a, b, hid = shared
    b.push(b.change(hid, 2, household(notes="B")))
    result = a.push(a.change(hid, 2, household(), deleted=True))[0]
    assert result["status"] == "conflict"
    assert "deleted" in result["conflict_fields"]
    assert current(storage, hid).deleted is False


def test_edit_against_a_deleted_record_is_a_conflict(shared, storage):
    a, b, hid = shared
    b.push(b.change(hid, 2, household(), deleted=True))
    result = a.push(a.change(hid, 2, household(notes="A")))[0]
    assert result["status"] == "conflict" and result["server_deleted"] is True


def test_both_making_the_same_edit_is_a_duplicate(shared, storage):
    a, b, hid = shared
    b.push(b.change(hid, 2, household(notes="same")))
    result = a.push(a.change(hid, 2, household(notes="same")))[0]
    assert result["status"] == "duplicate" and result["version"] == 2


def test_edit_of_an_unknown_version_is_retryable(storage):
    a = Dev(storage, "A")
    hid = new_id()
    a.seq = 1  # version 1 travels in a bundle that has not arrived yet
    result = a.push(a.change(hid, 2, household(notes="x")))[0]
    assert result["status"] == "rejected"
    assert result["reason"] == "base_version_missing" and result["retryable"] is True
    a.seq = 0
    create = a.change(hid, 1, household())
    assert a.push(create)[0]["status"] == "accepted"
    a.seq = 1
    assert a.push(a.change(hid, 2, household(notes="x")))[0]["status"] == "accepted"


def test_reused_version_with_other_content_is_never_overwritten(shared, storage):
    a, _, hid = shared
    a.push(a.change(hid, 2, household(notes="first")))
    result = a.push(a.change(hid, 2, household(notes="second")))[0]
    assert result["status"] == "conflict" and result["reason"] == "version_reused"
    assert current(storage, hid).fields["notes"] == "first"


def test_a_version_number_reused_on_a_server_base_is_judged_afresh(shared, storage):
    """After a merged or duplicate receipt a laptop numbers from the server's version, so its
    next number may be one it sent before; it says so with ``base_from_server``. That change is
    judged on the server's base like any other, not refused as "version_reused" (the eighteenth
    tryout: a needless conflict, a phone empty everywhere until a team lead chose)."""
    a, _, hid = shared
    a.push(a.change(hid, 2, household(notes="first")))
    again = a.change(hid, 2, household(notes="first", address="Số 7 ngõ 12"), base_from_server=True)
    result = a.push(again)[0]
    assert result["status"] == "accepted" and result.get("merged") is True, result
    stored = current(storage, hid)
    assert stored.version == 3
    assert stored.fields["notes"] == "first" and stored.fields["address"] == "Số 7 ngõ 12"


def test_the_same_id_created_twice_is_a_conflict(shared, storage):
    _, b, hid = shared
    result = b.push(b.change(hid, 1, household(address="khác")))[0]
    assert result["status"] == "conflict" and result["reason"] == "already_exists"


def test_origin_device_is_kept_as_written_and_pulls_skip_the_sender(shared, storage):
    a, b, _ = shared
    hid = new_id()
    # A laptop writes records before it is enrolled: origin_device is its own local id.
    change = a.change(hid, 1, household(), origin_device="laptop-local-id")
    assert a.push(change)[0]["status"] == "accepted"
    assert current(storage, hid).origin_device == "laptop-local-id"
    feed_for_a = storage.changes_since(a.device.communes, a.device.id, 0, 100)
    feed_for_b = storage.changes_since(b.device.communes, b.device.id, 0, 100)
    assert hid not in {json.loads(text)["id"] for _, text in feed_for_a}
    assert hid in {json.loads(text)["id"] for _, text in feed_for_b}


def test_a_batch_for_another_device_is_refused(shared, storage):
    a, b, _ = shared
    batch = {
        "protocol": 1,
        "schema": 1,
        "device_id": b.device.id,
        "batch_id": "x",
        "seq_from": 1,
        "seq_to": 1,
        "changes": [],
    }
    with pytest.raises(Refusal) as caught:
        apply_batch(storage, a.device, batch)
    assert caught.value.status == 403 and caught.value.code == "device_mismatch"


def test_three_way_merge_rules():
    base = {"fields": {"a": 1, "b": 1}, "deleted": False, "commune_code": HOAN_KIEM}
    mine = {"fields": {"a": 2, "b": 1}, "deleted": False, "commune_code": HOAN_KIEM}
    theirs = {"fields": {"a": 1, "b": 3, "c": 4}, "deleted": False, "commune_code": HOAN_KIEM}
    merged, overlap = three_way_merge(base, mine, theirs)
    assert overlap == [] and merged["fields"] == {"a": 2, "b": 3, "c": 4}
    clash = {"fields": {"a": 5, "b": 1}, "deleted": False, "commune_code": HOAN_KIEM}
    assert three_way_merge(base, mine, clash) == (None, ["a"])
