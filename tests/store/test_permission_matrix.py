"""Every public Store operation, called as every role: the permission matrix holds at the store.

Issue 12: role checks were scattered, and some calls a volunteer could reach returned full ID
numbers or the device's secrets. The table below is written out by hand (not read from the
code): a new public method without a row here fails ``test_every_public_method_has_a_row``, and
a method whose check differs from its row fails ``test_matrix``.
"""

from __future__ import annotations

import inspect

import pytest

from desktop_app.core.errors import PermissionDenied
from desktop_app.store.store import Store
from desktop_app.store.sync_access import for_sync

ALL = frozenset({"volunteer", "team_lead", "police_officer", "admin"})
FIELD_WORK = frozenset({"volunteer", "team_lead", "police_officer"})
LEAD_ADMIN = frozenset({"team_lead", "admin"})
OFFICER_LEAD = frozenset({"police_officer", "team_lead"})
ADMIN = frozenset({"admin"})
MACHINERY = "sync machinery only"

EXPECTED: dict[str, frozenset[str] | str] = {
    # reads (ID numbers masked unless the role may see them)
    "count_households": ALL,
    "households_page": ALL,
    "search_households": ALL,
    "warm_search": ALL,
    "household": ALL,
    "person": ALL,
    "list_villages": ALL,
    "follow_ups": ALL,
    "pending_changes": ALL,
    "last_delivery": ALL,
    "last_sync": ALL,
    "open_conflict_count": ALL,
    "quarantined": ALL,
    "incoming_quarantined": ALL,
    "verify_audit": ALL,
    "benefits_for_person": ALL,
    "payments_for_person": ALL,
    "verifications_for": ALL,
    "open_conflicts": ALL,
    "find_possible_duplicates": ALL,
    "rebuild_search_index": ALL,
    "set_setting": ALL,
    "change_password": ALL,
    "switch_user": ALL,
    "unconfirmed_bundles": ALL,
    "bundle_entry": ALL,
    "month_grid": ALL,
    "payment_rows": ALL,
    "log_export": ALL,
    "sync_state": ALL,
    "requeue_quarantined": ALL,
    "retry_incoming_quarantine": ALL,
    # writes
    "add_village": LEAD_ADMIN,
    "update_village": LEAD_ADMIN,
    "delete_village": LEAD_ADMIN,
    "add_household": ALL,
    "update_household": ALL,
    "delete_household": ALL,
    "add_person": ALL,
    "update_person": ALL,
    "delete_person": ALL,
    "record_consent": ALL,
    "withdraw_consent": ALL,
    "record_visit": FIELD_WORK,
    "update_visit": FIELD_WORK,
    "delete_visit": FIELD_WORK,
    "complete_follow_up": FIELD_WORK,
    "reopen_follow_up": FIELD_WORK,
    "add_assistance": FIELD_WORK,
    "update_assistance": FIELD_WORK,
    "add_benefit": frozenset({"volunteer", "team_lead", "admin"}),
    "update_benefit": frozenset({"volunteer", "team_lead", "admin"}),
    "record_payment": frozenset({"volunteer", "team_lead"}),
    "delete_payment": frozenset({"volunteer", "team_lead"}),
    "record_verification": frozenset({"police_officer"}),
    "enroll_officer_key": frozenset({"police_officer"}),
    "verification_queue": OFFICER_LEAD,
    "verification_list": OFFICER_LEAD,
    "verification_counts": OFFICER_LEAD,
    "verification_entry": OFFICER_LEAD,
    "reveal_citizen_id": OFFICER_LEAD,
    "resolve_conflict": frozenset({"team_lead"}),
    "audit_entries": LEAD_ADMIN,
    "add_user": ADMIN,
    "list_users": ADMIN,
    "reset_password": ADMIN,
    "disable_user": ADMIN,
    "change_role": ADMIN,
    "audit_names": LEAD_ADMIN,
    "rotate_database_key": ADMIN,
    "import_beneficiaries": frozenset({"admin", "team_lead"}),
    "find_existing_person": frozenset({"admin", "team_lead"}),
    "save_enrollment": ADMIN,
    "duplicate_candidates": frozenset({"team_lead"}),
    "mark_not_duplicate": frozenset({"team_lead"}),
    "merge_records": frozenset({"team_lead"}),
    "remove_person_entered_by_mistake": frozenset({"team_lead"}),
    "split_merge": frozenset({"team_lead"}),
    "merges": frozenset({"team_lead"}),
    "status_counts": ALL,
    "import_memory": frozenset({"admin", "team_lead"}),
    "remember_import_choices": frozenset({"admin", "team_lead"}),
    "match_existing_person": frozenset({"admin", "team_lead"}),
    "villages_to_create": ALL,  # reads the villages (list_villages) only
    # whole records with full ID numbers, incoming records, receipts: the sync client only
    "next_batch": MACHINERY,
    "batches_for_bundle": MACHINERY,
    "bundle_batches": MACHINERY,
    "outbox_entries": MACHINERY,
    "apply_receipt": MACHINERY,
    "apply_incoming": MACHINERY,
    "release_unshared": MACHINERY,
    "set_sync_values": MACHINERY,
    "log_bundle": MACHINERY,
    "confirm_bundle": MACHINERY,
    "confirm_superseded_bundles": MACHINERY,
}
# Public names that are not operations on the data: opening and closing, a pure check of a
# record already read, and ``bulk_insert`` (imports and demo data; it checks write:<entity>).
NOT_OPERATIONS = {
    "can",
    "close",
    "create",
    "open",
    "open_with_recovery",
    "open_unlocked",
    "reopen",
    "bulk_insert",
    "verification_problem",
    "is_demo",
    "officer_key_enrolled",
    "officer_key_waiting",
}
USERS = {
    "volunteer": "volunteer",
    "team_lead": "lead",
    "police_officer": "officer",
    "admin": "admin",
}


def _public_methods() -> list[str]:
    return sorted(n for n in dir(Store) if not n.startswith("_"))


def _dummy_args(method) -> list:
    """One harmless value per required parameter: the check must come before any use of them."""
    params = list(inspect.signature(method).parameters.values())[1:]
    return [
        "00000000-0000-0000-0000-000000000000"
        for p in params
        if p.default is inspect.Parameter.empty
        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]


def _denied(store, name: str) -> bool:
    method = getattr(Store, name)
    kwargs = {}
    if name == "record_consent":
        kwargs = {"on": "2026-01-01", "method": "signature"}
    try:
        method(store, *_dummy_args(method), **kwargs)
    except PermissionDenied:
        return True
    except Exception:  # noqa: BLE001 - anything else means the permission check let it through
        return False
    return False


def test_every_public_method_has_a_row():
    missing = set(_public_methods()) - set(EXPECTED) - NOT_OPERATIONS
    assert not missing, f"add these to the matrix (and to METHOD_POLICY): {sorted(missing)}"
    assert not set(EXPECTED) - set(_public_methods()), "rows for methods that no longer exist"


@pytest.mark.parametrize("role", sorted(USERS))
def test_matrix(open_demo, role):
    store = open_demo(USERS[role])
    wrong = []
    for name, allowed in EXPECTED.items():
        if name in ("switch_user", "rotate_database_key", "disable_user", "close"):
            continue  # below, on their own (they change who acts or the key)
        denied = _denied(store, name)
        expect_denied = allowed == MACHINERY or role not in allowed
        if denied != expect_denied:
            wrong.append((name, "denied" if denied else "allowed"))
    assert not wrong, f"{role}: {wrong}"
    # the sync machinery's calls work once the store is handed to it (any role syncs)
    for_sync(store)
    for name, allowed in EXPECTED.items():
        if allowed == MACHINERY:
            assert not _denied(store, name), name


@pytest.mark.parametrize("role", sorted(USERS))
def test_key_operations(open_demo, role):
    store = open_demo(USERS[role])
    assert _denied(store, "rotate_database_key") == (role != "admin")
    assert _denied(store, "disable_user") == (role != "admin")
    assert not _denied(store, "switch_user")


def test_a_refusal_says_what_was_refused_and_who_may_in_words(open_demo):
    """The tryout read "… thao tác này (enroll_device)": the internal name, and no word of who
    could do it. Every action has words in both languages; the refusal names the roles."""
    from desktop_app.store.permissions import ACTION_LABELS, PERMISSIONS, require

    assert set(ACTION_LABELS) == set(PERMISSIONS)
    with pytest.raises(PermissionDenied) as refused:
        require("volunteer", "enroll_device")
    vi, en = refused.value.message_vi, refused.value.message_en
    assert vi == (
        "Vai trò «Tổ viên» không được phép đăng ký máy với máy chủ thành phố. "
        "Người được làm việc này: Quản trị."
    )
    assert en == (
        "The role “Volunteer” is not allowed to enrol this laptop with the city server. Who may: Admin."
    )
    store = open_demo("volunteer")
    with pytest.raises(PermissionDenied) as refused:
        store.reveal_citizen_id("anyone")
    assert (
        "_" not in refused.value.message_vi and "Tổ trưởng, Công an xã." in refused.value.message_vi
    )
