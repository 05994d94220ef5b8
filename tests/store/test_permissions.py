"""Every permission rule, at the store layer, for each role (whatever the UI shows)."""

from __future__ import annotations

import pytest

from desktop_app.core.errors import PermissionDenied

ROLES = {
    "volunteer": "volunteer",
    "lead": "team_lead",
    "officer": "police_officer",
    "admin": "admin",
}


def _ids(store):
    person = store.db.execute(
        "SELECT id FROM person WHERE citizen_id IS NOT NULL AND deleted = 0 LIMIT 1"
    ).fetchone()[0]
    household = store.db.execute(
        "SELECT household_id FROM person WHERE id = ?", (person,)
    ).fetchone()[0]
    return person, household


ACTIONS = {
    "record_verification": (
        {"police_officer"},
        lambda s, p, h: s.record_verification(p, "chip_card", "verified"),
    ),
    "reveal_citizen_id": ({"police_officer", "team_lead"}, lambda s, p, h: s.reveal_citizen_id(p)),
    "verification_queue": ({"police_officer", "team_lead"}, lambda s, p, h: s.verification_queue()),
    "add_user": (
        {"admin"},
        lambda s, p, h: s.add_user("moi", "Người Mới", "volunteer", "mat-khau-1"),
    ),
    "disable_user": ({"admin"}, lambda s, p, h: s.disable_user("volunteer")),
    "reset_password": ({"admin"}, lambda s, p, h: s.reset_password("volunteer", "mat-khau-2")),
    "list_users": ({"admin"}, lambda s, p, h: s.list_users()),
    "add_village": ({"team_lead", "admin"}, lambda s, p, h: s.add_village("Thôn Mới")),
    "audit_entries": ({"team_lead", "admin"}, lambda s, p, h: s.audit_entries()),
    "record_visit": (
        {"volunteer", "team_lead", "police_officer"},
        lambda s, p, h: s.record_visit(h, {"purposes": ["routine"]}),
    ),
    "add_benefit": (
        {"volunteer", "team_lead", "admin"},
        lambda s, p, h: s.add_benefit(
            p, {"scheme": "social_pension", "monthly_amount": 500000, "channel": "bank_account"}
        ),
    ),
    "update_person": (
        {"volunteer", "team_lead", "police_officer", "admin"},
        lambda s, p, h: s.update_person(p, {"notes": "Đã gặp"}),
    ),
    "change_recorded_id_number": (
        {"police_officer", "team_lead"},
        lambda s, p, h: s.update_person(p, {"citizen_id": "001190099999"}),
    ),
}


@pytest.mark.parametrize("username", list(ROLES))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_permission(open_demo, username, action):
    allowed, fn = ACTIONS[action]
    store = open_demo(username)
    person, household = _ids(store)
    before = store.db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    if ROLES[username] in allowed:
        fn(store, person, household)
    else:
        with pytest.raises(PermissionDenied) as err:
            fn(store, person, household)
        assert "không được phép" in err.value.message_vi or "Chỉ" in err.value.message_vi
        assert store.db.execute("SELECT count(*) FROM outbox").fetchone()[0] == before
