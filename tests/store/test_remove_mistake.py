"""The team lead removes a person added by mistake (the eleventh tryout: nothing could be)."""

from __future__ import annotations

import pytest

from desktop_app.core.errors import KnownError, PermissionDenied


def _household_with_a_slip(store):
    """A demo household and a throw-away member added to it, as a tired volunteer would."""
    hid = store.households_page(limit=1)[0]["id"]
    added = store.add_person(hid, {"full_name": "Thử Nghiệm", "birth_year": 1948})["person"]
    return hid, added["id"]


def test_the_lead_removes_a_person_entered_by_mistake_and_it_syncs(open_demo):
    lead = open_demo("lead")
    hid, pid = _household_with_a_slip(lead)
    members_before = len(lead.household(hid)["members"])
    assert hid in [h["id"] for h in lead.search_households("thu nghiem")]  # found by the name
    pending = lead.pending_changes()

    removed = lead.remove_person_entered_by_mistake(pid)

    assert removed["full_name"] == "Thử Nghiệm" and removed["deleted"]
    members = lead.household(hid)["members"]
    assert pid not in [m["id"] for m in members] and len(members) == members_before - 1
    assert lead.pending_changes() == pending + 1  # the tombstone goes to the server
    change = lead.db.execute(
        "SELECT change FROM outbox JOIN outbox_change USING (seq) ORDER BY seq DESC LIMIT 1"
    ).fetchone()[0]
    assert '"deleted":true' in change and pid in change
    log = lead.audit_entries(action="delete")
    assert [(e["entity"], e["record_id"], e["username"]) for e in log[:1]] == [
        ("person", pid, "lead")
    ]
    assert hid not in [h["id"] for h in lead.search_households("thu nghiem")]


def test_only_a_lead_and_only_someone_nothing_refers_to(open_demo):
    volunteer = open_demo("volunteer")
    hid, pid = _household_with_a_slip(volunteer)
    with pytest.raises(PermissionDenied):
        volunteer.remove_person_entered_by_mistake(pid)
    volunteer.close()

    lead = open_demo("lead")
    household = lead.household(hid)
    # the head: choose another head first
    with pytest.raises(KnownError) as refused:
        lead.remove_person_entered_by_mistake(household["head_person_id"])
    assert "chủ hộ" in refused.value.message("vi")
    # someone with a benefit: real work, merged as a duplicate instead, never removed
    lead.add_benefit(
        pid, {"scheme": "social_pension", "monthly_amount": 500000, "channel": "post_office_cash"}
    )
    with pytest.raises(KnownError) as refused:
        lead.remove_person_entered_by_mistake(pid)
    assert "Có thể trùng" in refused.value.message("vi")
    assert "Possible duplicates" in refused.value.message("en")
    assert pid in [m["id"] for m in lead.household(hid)["members"]]  # nothing changed
