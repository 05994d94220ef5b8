"""Duplicates a team lead decides on the laptop: candidates, side-by-side merges, splits."""

from __future__ import annotations

import json

import pytest

from desktop_app.core.errors import KnownError, PermissionDenied
from desktop_app.store.demo import create_demo_store
from desktop_app.store.store import Store

PASSWORD = "demo1234"


@pytest.fixture
def lead(tmp_path, fast_kdf):
    create_demo_store(tmp_path / "d", kdf=fast_kdf).close()
    store = Store.open(tmp_path / "d", "lead", PASSWORD)
    yield store
    store.close()


def family(store, address, name="Nguyễn Thị Hoà", **person):
    village = store.list_villages()[0]["id"]
    made = store.add_household(
        {"address": address, "village_id": village},
        {"full_name": name, "birth_year": 1941, "sex": "female", **person},
    )
    return made["household"]["id"], made["head"]["id"]


def pairs(store, entity):
    return {
        frozenset((c["a"], c["b"])) for c in store.duplicate_candidates() if c["entity"] == entity
    }


def test_look_alikes_are_candidates_and_two_ids_are_two_people(lead):
    h1, p1 = family(lead, "Số 5 ngõ 2")
    h2, p2 = family(lead, "số 5 Ngõ 2", name="Nguyen Thi Hoa")  # typed without accents
    _, p3 = family(lead, "Xóm Đê", name="Lê Văn Tám", phones=["0912345678"])
    _, p4 = family(lead, "Cạnh chùa", name="Lê Thị Tám", phones=["0912 345 678"])
    _, p5 = family(lead, "Số 9", name="Trần Văn Hùng", citizen_id="001045012345")
    _, p6 = family(lead, "Số 10", name="Trần Văn Hùng", citizen_id="001045054321")
    people = pairs(lead, "person")
    assert frozenset((p1, p2)) in people  # same folded name, birth year and village
    assert frozenset((p3, p4)) in people  # same phone
    assert frozenset((p5, p6)) not in people  # two different ID numbers: two people
    assert frozenset((h1, h2)) in pairs(lead, "household")  # same address in one village
    cand = next(c for c in lead.duplicate_candidates() if {c["a"], c["b"]} == {p1, p2})
    assert "full_name" in cand["differing"]
    assert lead.status_counts()["duplicate_candidates"] == len(lead.duplicate_candidates())


def test_merging_a_person_moves_everything_and_a_split_undoes_it(lead):
    h1, keep = family(lead, "Số 5 ngõ 2", phones=["0912345678"])
    h2, drop = family(lead, "Số 5 ngõ 2", notes="Bị liệt, cần người rút hộ")
    benefit = lead.add_benefit(
        drop, {"scheme": "social_pension", "monthly_amount": 500_000, "channel": "home_delivery"}
    )
    payment = lead.record_payment(benefit["id"], "2026-10", {"credited_on": "2026-10-10"})
    visit = lead.record_visit(h2, {"purposes": ["routine"], "persons_present": [drop]})
    vid = visit["visit"]["id"] if "visit" in visit else visit["id"]
    pending = lead.pending_changes()

    done = lead.merge_records("person", keep, drop, ["notes"])

    assert lead.person(keep)["notes"] == "Bị liệt, cần người rút hộ"  # the value the lead chose
    assert lead.person(keep)["phones"][0]["number"] == "+84912345678"  # kept from the survivor
    assert lead.benefits_for_person(keep)[0]["id"] == benefit["id"]
    row = lead.db.execute(
        "SELECT person_id, household_id FROM payment WHERE id = ?", (payment["id"],)
    ).fetchone()
    assert row == (keep, h1)
    assert json.loads(
        lead.db.execute("SELECT persons_present FROM visit WHERE id = ?", (vid,)).fetchone()[0]
    ) == [keep]
    tomb = lead.db.execute("SELECT deleted, merged_into FROM person WHERE id = ?", (drop,))
    assert tomb.fetchone() == (1, keep)
    # a merge is ordinary changes: every moved record and the tombstone are queued and audited
    assert lead.pending_changes() - pending == done["moved"] + 2
    assert any(e["action"] == "merge.person" for e in lead.audit_entries(limit=20))
    # a page or form still naming the merged person shows the survivor
    assert lead.person(drop)["id"] == keep

    lead.split_merge(done["id"])
    assert lead.person(drop)["id"] == drop
    assert lead.benefits_for_person(drop)[0]["id"] == benefit["id"]
    row = lead.db.execute(
        "SELECT person_id, household_id FROM payment WHERE id = ?", (payment["id"],)
    ).fetchone()
    assert row == (drop, h2)
    # a split undoes the merge: the pair is proposed again, for the team lead to merge again
    # or to say "not the same" (the thirteenth tryout could re-merge only from the command line)
    assert frozenset((keep, drop)) in pairs(lead, "person")


def test_merging_households_moves_members_visits_and_the_visit_draft(lead):
    h1, p1 = family(lead, "Số 5 ngõ 2")
    h2, p2 = family(lead, "Số 5 ngõ 2", name="Phạm Văn Bốn")
    lead.record_visit(h2, {"purposes": ["routine"]})
    lead.db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)",
        (f"draft:visit:{h2}", json.dumps({"fields": {"notes": "đang ghi dở"}})),
    )
    lead.merge_records("household", h1, h2)
    members = {p["id"] for p in lead.household(h1)["members"]}
    assert {p1, p2} <= members
    assert (
        lead.db.execute("SELECT count(*) FROM visit WHERE household_id = ?", (h1,)).fetchone()[0]
        == 1
    )
    moved = lead.db.execute("SELECT value FROM settings WHERE key = ?", (f"draft:visit:{h1}",))
    assert json.loads(moved.fetchone()[0])["fields"]["notes"] == "đang ghi dở"
    # a visit form opened on the old household before the merge saves to the survivor
    saved = lead.record_visit(h2, {"purposes": ["routine"]})
    made = saved.get("visit", saved)
    assert made["household_id"] == h1
    assert h2 not in {r["id"] for r in lead.households_page(limit=100)}


def test_the_household_kept_in_a_merge_keeps_a_head_who_lives_in_it(lead):
    """The seventeenth tryout: the server merged the only person of one household into the
    same person in another; the team lead then merged the two households and kept the empty
    one. Its head still pointed to the merged-away person: "(chưa ghi chủ hộ)" everywhere."""
    h1, p1 = family(lead, "Xóm 5, Thôn Tây", name="Phạm Thị Dung")
    h2, p2 = family(lead, "Xóm 5, Thôn Tây", name="Phạm Thị Dung")
    lead.add_person(h2, {"full_name": "Lê Văn Tư", "birth_year": 1975, "sex": "male"})
    lead.merge_records("person", p2, p1)  # h1 is left with no one; its head is merged away
    lead.merge_records("household", h1, h2)  # ... and the lead keeps h1
    kept = lead.household(h1)
    assert kept["head_person_id"] == p2  # the merged household's head, who now lives here
    row = next(r for r in lead.households_page(limit=100) if r["id"] == h1)
    assert row["head_name"] == "Phạm Thị Dung"
    # a household whose head lives in it keeps its head
    h3, p3 = family(lead, "Xóm 6", name="Đỗ Thị Na")
    h4, _p4 = family(lead, "Xóm 6", name="Đỗ Văn Nam")
    lead.merge_records("household", h3, h4)
    assert lead.household(h3)["head_person_id"] == p3


def test_not_the_same_is_remembered_and_only_a_team_lead_merges(lead, tmp_path):
    _, p1 = family(lead, "Số 5 ngõ 2")
    _, p2 = family(lead, "Số 7 ngõ 2")
    assert frozenset((p1, p2)) in pairs(lead, "person")
    lead.mark_not_duplicate("person", p2, p1)
    assert frozenset((p1, p2)) not in pairs(lead, "person")
    with pytest.raises(KnownError):
        lead.merge_records("person", p1, p1)
    lead.switch_user("volunteer", PASSWORD)
    with pytest.raises(PermissionDenied):
        lead.merge_records("person", p1, p2)
    with pytest.raises(PermissionDenied):
        lead.duplicate_candidates()
    assert lead.status_counts()["duplicate_candidates"] == 0


def test_a_merged_record_is_not_merged_twice(lead):
    _, p1 = family(lead, "Số 5 ngõ 2")
    _, p2 = family(lead, "Số 5 ngõ 2")
    lead.merge_records("person", p1, p2)
    with pytest.raises(KnownError):
        lead.merge_records("person", p1, p2)


def _live(store, sql, *args):
    return store.db.execute(sql, args).fetchall()


def test_a_person_entered_twice_keeps_one_benefit_and_one_payment_a_month(lead):
    """The twelfth tryout: both copies of a person held the same benefit from the list, and a
    November payment each, recorded differently. After the merge the report counts November
    once; the other November's values wait as conflicts for the team lead; a split gives
    everything back."""
    h1, keep = family(lead, "Số 5 ngõ 2")
    h2, drop = family(lead, "Số 5 ngõ 2")
    pension = {"scheme": "social_pension", "monthly_amount": 500_000, "channel": "home_delivery"}
    kept_benefit = lead.add_benefit(keep, pension)
    joined = lead.add_benefit(drop, {**pension, "monthly_amount": 540_000})
    other = lead.add_benefit(
        drop, {"scheme": "meritorious", "monthly_amount": 2_000_000, "channel": "bank_account"}
    )
    oct_ = lead.record_payment(kept_benefit["id"], "2026-10", {"credited_on": "2026-10-10"})
    nov = lead.record_payment(
        kept_benefit["id"],
        "2026-11",
        {"credited_on": "2026-11-10", "withdrawn_on": "2026-11-12", "withdrawn_by": "helped"},
    )
    nov_twin = lead.record_payment(
        joined["id"],
        "2026-11",
        {"credited_on": "2026-11-10", "withdrawn_on": "2026-11-11", "withdrawn_by": "self"},
    )
    sep = lead.record_payment(joined["id"], "2026-09", {"credited_on": "2026-09-10"})
    november_before = len(lead.payment_rows("2026-11", "2026-11"))
    pending = lead.pending_changes()

    done = lead.merge_records("person", keep, drop)

    benefits = {b["scheme"]: b["id"] for b in lead.benefits_for_person(keep)}
    assert benefits == {"social_pension": kept_benefit["id"], "meritorious": other["id"]}
    assert _live(lead, "SELECT deleted, merged_into FROM benefit WHERE id = ?", joined["id"]) == [
        (1, kept_benefit["id"])
    ]
    months = {p["period"]: p["id"] for p in lead.payments_for_person(keep)}
    assert months == {"2026-10": oct_["id"], "2026-11": nov["id"], "2026-09": sep["id"]}
    assert _live(lead, "SELECT benefit_id, household_id FROM payment WHERE id = ?", sep["id"]) == [
        (kept_benefit["id"], h1)
    ]
    # the report counts the person's November once
    assert len(lead.payment_rows("2026-11", "2026-11")) == november_before - 1
    # what the other copy said is not lost: the team lead decides
    open_ = {(c["entity"], c["record_id"], c["field"]): c for c in lead.open_conflicts()}
    assert open_[("payment", nov["id"], "withdrawn_by")]["incoming_value"] == "self"
    assert open_[("payment", nov["id"], "withdrawn_on")]["incoming_value"] == "2026-11-11"
    assert open_[("benefit", kept_benefit["id"], "monthly_amount")]["incoming_value"] == 540_000
    assert ("payment", nov["id"], "credited_on") not in open_  # the same value is no conflict
    # the amount a month pays followed each copy's benefit: that differs too
    assert open_[("payment", nov["id"], "amount")]["incoming_value"] == 540_000
    assert done["conflicts"] == len(open_) == 4
    # every step is an ordinary change that syncs
    assert lead.pending_changes() - pending == done["moved"] + 1  # and the tombstone

    lead.split_merge(done["id"])
    assert {b["id"] for b in lead.benefits_for_person(drop)} == {joined["id"], other["id"]}
    assert {p["id"] for p in lead.payments_for_person(drop)} == {nov_twin["id"], sep["id"]}
    assert {p["id"] for p in lead.payments_for_person(keep)} == {oct_["id"], nov["id"]}
    assert _live(lead, "SELECT benefit_id, household_id FROM payment WHERE id = ?", sep["id"]) == [
        (joined["id"], h2)
    ]
    assert _live(lead, "SELECT merged_into FROM benefit WHERE id = ?", joined["id"]) == [(None,)]
    assert len(lead.payment_rows("2026-11", "2026-11")) == november_before
    # the conflicts the merge opened have no cause any more
    assert lead.open_conflicts() == []
    assert lead.merges()[0]["moved"] == done["moved"]
