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
