"""Issue 12, finding 1: a volunteer must never rebuild or read full ID numbers.

The adversarial review typed a name plus "001", then one more digit at a time, and rebuilt 3 of 3
full IDs in 34-43 searches; store calls a volunteer could reach returned full IDs, the device's
private key and token.
"""

from __future__ import annotations

import json

import pytest

from desktop_app.core.errors import PermissionDenied
from desktop_app.store.sync_access import for_sync


def _people_with_ids(store, n=3):
    return store.db.execute(
        "SELECT p.id, p.full_name, p.citizen_id, p.household_id FROM person p"
        " WHERE p.citizen_id IS NOT NULL AND p.deleted = 0 ORDER BY p.id LIMIT ?",
        (n,),
    ).fetchall()


def _rebuild_by_prefix(store, name: str, household_id: str) -> str | None:
    """The attack: extend a prefix one digit at a time while the household still shows up."""
    prefix = "001"
    for _ in range(9):
        for digit in "0123456789":
            hits = store.search_households(f"{name} {prefix}{digit}")
            if any(h["id"] == household_id for h in hits):
                prefix += digit
                break
        else:
            return None
    return prefix


def test_prefix_search_cannot_rebuild_an_id(open_demo):
    volunteer = open_demo("volunteer")
    for _pid, name, cid, hid in _people_with_ids(volunteer):
        assert _rebuild_by_prefix(volunteer, name, hid) is None
        # no part of the number finds anything: start, middle, end
        for part in (cid[:3], cid[:6], cid[:11], cid[3:9], cid[-4:], cid[-2:]):
            assert not any(h["id"] == hid for h in volunteer.search_households(f"{name} {part}"))


def test_a_whole_id_finds_the_household_and_is_audited(open_demo):
    volunteer = open_demo("volunteer")
    (_pid, _name, cid, hid), *_ = _people_with_ids(volunteer, 1)
    before = volunteer.db.execute(
        "SELECT count(*) FROM audit_log WHERE action = 'search.citizen_id'"
    ).fetchone()[0]
    assert [h["id"] for h in volunteer.search_households(cid)] == [hid]
    assert [h["id"] for h in volunteer.search_households(" ".join([cid[:4], cid[4:]]))] == [hid]
    rows = volunteer.db.execute(
        "SELECT username, detail FROM audit_log WHERE action = 'search.citizen_id' ORDER BY id"
    ).fetchall()
    assert len(rows) == before + 2
    assert rows[-1][0] == "volunteer" and json.loads(rows[-1][1]) == {"found": 1, "numbers": 1}
    assert cid not in rows[-1][1]  # the audit log never holds the number itself
    # an invalid 12-digit number (bad province code) is not an ID lookup
    assert volunteer.search_households("999999999999") == []
    # a prefix is not audited as an ID search, and finds nothing
    volunteer.search_households(cid[:11])
    assert (
        volunteer.db.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'search.citizen_id'"
        ).fetchone()[0]
        == before + 2
    )


def test_an_index_made_with_ids_is_rebuilt_at_login(demo_dir):
    """A database from before issue 12 has ID numbers in its search index: the first login
    rebuilds the index without them."""
    from desktop_app.store.store import Store

    store = Store.open(demo_dir, "volunteer", "demo1234")
    (_pid, name, cid, hid), *_ = _people_with_ids(store, 1)
    rowid = store.db.execute("SELECT rowid FROM household WHERE id = ?", (hid,)).fetchone()[0]
    with store.db.atomic():  # put the old kind of index back, as an older version wrote it
        store.db.execute(
            "UPDATE household_search SET text = text || ' | ' || ? WHERE rowid = ?", (cid, rowid)
        )
        store.db.execute(
            "UPDATE household_words SET text = text || ' | ' || ? WHERE rowid = ?", (cid, rowid)
        )
        store.db.execute(
            "UPDATE household SET search_words = search_words || ? || ' ' WHERE rowid = ?",
            (cid, rowid),
        )
        store.db.execute("DELETE FROM settings WHERE key = 'search_index'")
    assert any(h["id"] == hid for h in store.search_households(cid[:7]))  # the old leak
    store.close()
    store = Store.open(demo_dir, "volunteer", "demo1234")
    assert not any(h["id"] == hid for h in store.search_households(cid[:7]))
    store.close()


def test_sync_state_never_shows_the_private_keys_or_token(open_demo):
    admin = open_demo("admin")
    for_sync(admin).set_sync_values(
        {"token": "secret-token", "sign_private": "aa" * 32, "box_private": "bb" * 32}
    )
    volunteer = open_demo("volunteer")
    state = volunteer.sync_state()
    assert state["token"] == state["sign_private"] == state["box_private"] == "***"
    assert "secret-token" not in json.dumps(state) and "aa" * 32 not in json.dumps(state)


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.outbox_entries(),
        lambda s: s.next_batch(),
        lambda s: s.batches_for_bundle(),
        lambda s: s.bundle_batches(),
        lambda s: s.apply_incoming([]),
        lambda s: s.apply_receipt({"results": []}),
        lambda s: s.set_sync_values({"pull_since": "0"}),
    ],
)
def test_whole_records_and_incoming_changes_are_for_the_sync_machinery_only(open_demo, call):
    volunteer = open_demo("volunteer")
    with pytest.raises(PermissionDenied):
        call(volunteer)


def test_a_volunteer_sees_proposed_ids_and_conflicting_ids_masked(open_demo):
    officer = open_demo("officer")
    (pid, _name, cid, _hid), *_ = _people_with_ids(officer, 1)
    officer.record_verification(
        pid, "chip_card", "mismatch", ["citizen_id"], {"citizen_id": "001190012345"}
    )
    officer.close()
    volunteer = open_demo("volunteer")
    proposed = volunteer.verifications_for(pid)[0]["proposed_values"]
    assert proposed == {"citizen_id": "001*******45"}
    lead = open_demo("lead")
    assert lead.verifications_for(pid)[0]["proposed_values"] == {"citizen_id": "001190012345"}
    # a conflict on an ID number
    with volunteer.db.atomic():
        volunteer.db.execute(
            "INSERT INTO conflict (entity, record_id, field, local_value, incoming_value,"
            " base_version, incoming_version, source, created_at)"
            " VALUES ('person', ?, 'citizen_id', ?, ?, 1, 2, 'pull', '2026-01-01')",
            (pid, json.dumps(cid), json.dumps("001190012345")),
        )
    shown = [c for c in volunteer.open_conflicts() if c["field"] == "citizen_id"][0]
    assert "*" in shown["local_value"] and shown["incoming_value"] == "001*******45"
    assert [c for c in lead.open_conflicts() if c["field"] == "citizen_id"][0][
        "incoming_value"
    ] == "001190012345"
