"""Identity verification records: append-only, the queue and its flags, consent."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.core.errors import ValidationError


def _person(store, **where):
    return store.db.execute(
        "SELECT id, citizen_id FROM person WHERE citizen_id IS NOT NULL AND deleted = 0 LIMIT 1"
    ).fetchone()


def test_a_later_verification_supersedes_and_never_erases(open_demo):
    officer = open_demo("officer")
    pid, _ = _person(officer)
    first = officer.record_verification(
        pid,
        "card_in_person",
        "mismatch",
        ["birth_year"],
        {"birth_year": 1950},
        "Năm sinh trên thẻ khác",
    )
    second = officer.record_verification(pid, "chip_card", "verified")
    history = officer.verifications_for(pid)
    assert [v["id"] for v in history] == [second["id"], first["id"]]
    assert history[1]["proposed_values"] == {"birth_year": 1950}
    assert not hasattr(officer, "update_verification") and not hasattr(
        officer, "delete_verification"
    )
    assert pid not in {q["person_id"] for q in officer.verification_queue()}


def test_a_mismatch_needs_its_fields(open_demo):
    officer = open_demo("officer")
    pid, _ = _person(officer)
    with pytest.raises(ValidationError):
        officer.record_verification(pid, "chip_card", "mismatch", [])
    with pytest.raises(ValidationError):
        officer.record_verification(pid, "telepathy", "verified")


def test_queue_flags_data_quality(open_demo):
    lead = open_demo("lead")
    hid = lead.households_page(limit=1)[0]["id"]
    # ID says female born 1950; the record says male born 1948: two flags, not a rejection
    added = lead.add_person(
        hid,
        {
            "full_name": "Trương Văn Kiểm",
            "birth_year": 1948,
            "sex": "male",
            "citizen_id": "001150012399",
            "card_type": "cmnd",
        },
    )
    assert {w["code"] for w in added["warnings"]} == {"id_birth_year_mismatch", "id_sex_mismatch"}
    officer = open_demo("officer")
    item = next(q for q in officer.verification_queue() if q["person_id"] == added["person"]["id"])
    assert {"id_birth_year_mismatch", "id_sex_mismatch", "old_card_type"} <= set(item["flags"])
    assert item["citizen_id"] == "001150012399"  # officers see the full number


def test_consent_recorded_and_withdrawn(open_demo):
    vol = open_demo("volunteer")
    pid, _ = _person(vol)
    with pytest.raises(ValidationError):
        vol.record_consent(pid, on=date.today(), method="verbal_witness")  # needs a witness
    p = vol.record_consent(pid, on=date.today(), method="verbal_witness", witness="Lê Văn Tám")
    assert p["consent_method"] == "verbal_witness"
    p = vol.withdraw_consent(pid)
    assert p["consent_withdrawn_on"] == date.today().isoformat()


# --- the officer's list (issue 19) -----------------------------------------------------------------


def test_the_officers_list_has_everyone_awaiting_and_its_filters_add_up(open_demo):
    officer = open_demo("officer")
    everyone = officer.verification_list(limit=100_000)
    live = officer.db.execute(
        "SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id"
        " WHERE p.deleted = 0 AND h.deleted = 0"
    ).fetchone()[0]
    assert len(everyone) == live  # nobody verified yet in the demo: all of them, no cap
    counts = officer.verification_counts()
    assert counts["all"] == counts["never"] == live
    # a verification: out of "never"; verified now, so no longer awaiting …
    pid = everyone[0]["person_id"]
    officer.record_verification(pid, "chip_card", "verified")
    counts = officer.verification_counts()
    assert counts["all"] == live - 1 and counts["stale"] == 0
    assert officer.verification_entry(pid)["last_result"] == "verified"
    # … until it is older than the months chosen
    officer.db.execute(
        "UPDATE identity_verification SET verified_at = '2020-01-01T00:00:00+00:00'"
        " WHERE person_id = ?",
        (pid,),
    )
    counts = officer.verification_counts(months=12)
    assert counts["stale"] == 1 and counts["all"] == live
    assert [r["person_id"] for r in officer.verification_list("stale")] == [pid]
    # pages follow each other without gaps or repeats
    pages, after = [], None
    while True:
        page = officer.verification_list(after=after, limit=37)
        pages += [r["person_id"] for r in page]
        if len(page) < 37:
            break
        after = (page[-1]["rank"], page[-1]["sort_key"], page[-1]["person_id"])
    assert pages == [r["person_id"] for r in officer.verification_list(limit=100_000)]


def test_the_officers_search_finds_a_whole_id_never_a_part_and_audits_it(open_demo):
    officer = open_demo("officer")
    pid, cid = _person(officer)
    before = officer.db.execute(
        "SELECT count(*) FROM audit_log WHERE action = 'search.citizen_id'"
    ).fetchone()[0]
    assert [r["person_id"] for r in officer.verification_list(query=cid)] == [pid]
    for part in (cid[:6], cid[:11], cid[1:]):
        assert officer.verification_list(query=part) == []
    after = officer.db.execute(
        "SELECT count(*) FROM audit_log WHERE action = 'search.citizen_id'"
    ).fetchone()[0]
    assert after == before + 1
    assert officer.verification_counts(cid)["all"] == 1


def test_a_name_search_finds_the_person_not_their_housemates(open_demo):
    lead = open_demo("lead")
    village = lead.list_villages()[0]["id"]
    h = lead.add_household(
        {"address": "Số 5 ngõ Chợ", "village_id": village},
        {"full_name": "Đỗ Văn Khải", "birth_year": 1950, "sex": "male"},
    )
    lead.add_person(h["household"]["id"], {"full_name": "Lý Thị Gấm", "birth_year": 1955})
    officer = open_demo("officer")
    # đ typed as d, no accents; the best match first; a housemate is not found by the other's name
    found = [r["full_name"] for r in officer.verification_list(query="do van khai")]
    assert found[0] == "Đỗ Văn Khải" and "Lý Thị Gấm" not in found
    found = [r["full_name"] for r in officer.verification_list(query="ly thi gam")]
    assert found[0] == "Lý Thị Gấm" and "Đỗ Văn Khải" not in found
    # both live there: the address finds both
    assert {r["full_name"] for r in officer.verification_list(query="ngo cho")} >= {
        "Đỗ Văn Khải",
        "Lý Thị Gấm",
    }


def test_only_the_officer_and_the_lead_read_the_list(open_demo):
    from desktop_app.core.errors import PermissionDenied

    volunteer = open_demo("volunteer")
    for call in (volunteer.verification_list, volunteer.verification_counts):
        with pytest.raises(PermissionDenied):
            call()
    lead = open_demo("lead")
    assert len(lead.verification_list(limit=5)) == 5  # read-only for the lead (the page says so)
