"""Who may do what. Checked in the store, whatever the UI shows."""

from desktop_app.core.errors import PermissionDenied

ROLES = ("volunteer", "team_lead", "police_officer", "admin")

ROLE_LABELS = {
    "volunteer": ("Tổ viên", "Volunteer"),
    "team_lead": ("Tổ trưởng", "Team lead"),
    "police_officer": ("Công an xã", "Police liaison officer"),
    "admin": ("Quản trị", "Admin"),
}

_ALL = frozenset(ROLES)
_FIELD = frozenset({"volunteer", "team_lead", "police_officer", "admin"})

PERMISSIONS: dict[str, frozenset[str]] = {
    # records
    "write:village": frozenset({"team_lead", "admin"}),
    "write:household": _FIELD,
    "write:person": _FIELD,
    "write:visit": frozenset({"volunteer", "team_lead", "police_officer"}),
    "write:assistance": frozenset({"volunteer", "team_lead", "police_officer"}),
    "write:benefit": frozenset({"volunteer", "team_lead", "admin"}),
    "write:payment": frozenset({"volunteer", "team_lead"}),
    "write:identity_verification": frozenset({"police_officer"}),
    "read:records": _ALL,
    # sensitive
    "reveal_citizen_id": frozenset({"police_officer", "team_lead"}),
    "resolve_conflict": frozenset({"team_lead"}),
    "remove_mistake": frozenset({"team_lead"}),
    "view_audit": frozenset({"team_lead", "admin"}),
    "manage_users": frozenset({"admin"}),
    "import_beneficiaries": frozenset({"admin", "team_lead"}),
    "enroll_device": frozenset({"admin"}),
    "view_verification_queue": frozenset({"police_officer", "team_lead"}),
    "sync": _ALL,
    "export_report": _ALL,
}

# Each action in words, for the refusal a person reads (never the internal name).
ACTION_LABELS: dict[str, tuple[str, str]] = {
    "write:village": ("thêm hoặc sửa thôn, tổ dân phố", "add or change villages"),
    "write:household": ("thêm hoặc sửa hộ gia đình", "add or change households"),
    "write:person": ("thêm hoặc sửa người trong hộ", "add or change people"),
    "write:visit": ("ghi lần thăm", "record visits"),
    "write:assistance": ("ghi hỗ trợ đã làm", "record the help given"),
    "write:benefit": ("thêm hoặc sửa chế độ trợ cấp", "add or change benefits"),
    "write:payment": ("ghi chi trả và việc rút tiền", "record payments and withdrawals"),
    "write:identity_verification": ("xác minh danh tính", "verify identities"),
    "read:records": ("xem hồ sơ", "see the records"),
    "reveal_citizen_id": ("xem đầy đủ số định danh", "see full ID numbers"),
    "resolve_conflict": ("giải quyết xung đột và hồ sơ trùng", "resolve conflicts and duplicates"),
    "remove_mistake": ("xoá người nhập nhầm", "remove a person entered by mistake"),
    "view_audit": ("xem nhật ký hoạt động", "see the activity log"),
    "manage_users": ("quản lý người dùng", "manage users"),
    "import_beneficiaries": ("nhập danh sách người hưởng", "import the beneficiary list"),
    "enroll_device": (
        "đăng ký máy với máy chủ thành phố",
        "enrol this laptop with the city server",
    ),
    "view_verification_queue": ("xem danh sách chờ xác minh", "see the verification queue"),
    "sync": ("đồng bộ", "sync"),
    "export_report": ("xem và xuất báo cáo", "see and export reports"),
}


# What each public store operation (``@op``) needs: an action above, or SYNC_MACHINERY for the
# calls that hand out or take in whole records with full ID numbers and the device's secrets
# (only the sync client and USB bundles, through ``desktop_app.store.sync_access.for_sync``).
# ``guard.op`` checks this before the operation runs; an operation missing here is refused
# (fail closed), and tests/store/test_permission_matrix.py walks every public method.
SYNC_MACHINERY = "sync_machinery"
_READ = "read:records"
METHOD_POLICY: dict[str, str] = {
    # reads every role may make (ID numbers masked unless "reveal_citizen_id")
    "count_households": _READ,
    "households_page": _READ,
    "search_households": _READ,
    "warm_search": _READ,
    "household": _READ,
    "person": _READ,
    "list_villages": _READ,
    "follow_ups": _READ,
    "pending_changes": _READ,
    "last_delivery": _READ,
    "last_sync": _READ,
    "open_conflict_count": _READ,
    "quarantined": _READ,
    "verify_audit": _READ,
    "benefits_for_person": _READ,
    "payments_for_person": _READ,
    "verifications_for": _READ,
    "open_conflicts": _READ,
    "find_possible_duplicates": _READ,
    "rebuild_search_index": _READ,
    "set_setting": _READ,
    "change_password": _READ,
    "switch_user": _READ,
    "unconfirmed_bundles": _READ,
    "bundle_entry": _READ,
    "month_grid": "export_report",
    "payment_rows": "export_report",
    "log_export": "export_report",
    "sync_state": "sync",
    "requeue_quarantined": "sync",
    "incoming_quarantined": _READ,
    "retry_incoming_quarantine": "sync",
    # writes
    "add_village": "write:village",
    "update_village": "write:village",
    "delete_village": "write:village",
    "add_household": "write:household",
    "update_household": "write:household",
    "delete_household": "write:household",
    "add_person": "write:person",
    "update_person": "write:person",
    "delete_person": "write:person",
    "record_consent": "write:person",
    "withdraw_consent": "write:person",
    "record_visit": "write:visit",
    "update_visit": "write:visit",
    "delete_visit": "write:visit",
    "complete_follow_up": "write:visit",
    "reopen_follow_up": "write:visit",
    "add_assistance": "write:assistance",
    "update_assistance": "write:assistance",
    "add_benefit": "write:benefit",
    "update_benefit": "write:benefit",
    "record_payment": "write:payment",
    "delete_payment": "write:payment",
    "record_verification": "write:identity_verification",
    "verification_queue": "view_verification_queue",
    "verification_list": "view_verification_queue",
    "verification_counts": "view_verification_queue",
    "verification_entry": "view_verification_queue",
    "reveal_citizen_id": "reveal_citizen_id",
    "resolve_conflict": "resolve_conflict",
    "audit_entries": "view_audit",
    "audit_names": "view_audit",
    "add_user": "manage_users",
    "list_users": "manage_users",
    "reset_password": "manage_users",
    "disable_user": "manage_users",
    "change_role": "manage_users",
    "rotate_database_key": "manage_users",
    "import_beneficiaries": "import_beneficiaries",
    "find_existing_person": "import_beneficiaries",
    "match_existing_person": "import_beneficiaries",
    "import_memory": "import_beneficiaries",
    "remember_import_choices": "import_beneficiaries",
    "save_enrollment": "enroll_device",
    "enroll_officer_key": "write:identity_verification",
    # one truth per commune (issue 11): counts for everyone, decisions for the team lead
    "status_counts": _READ,
    "duplicate_candidates": "resolve_conflict",
    "mark_not_duplicate": "resolve_conflict",
    "merge_records": "resolve_conflict",
    "remove_person_entered_by_mistake": "remove_mistake",
    "merges": "resolve_conflict",
    "split_merge": "resolve_conflict",
    # the sync machinery only
    "next_batch": SYNC_MACHINERY,
    "batches_for_bundle": SYNC_MACHINERY,
    "bundle_batches": SYNC_MACHINERY,
    "outbox_entries": SYNC_MACHINERY,
    "apply_receipt": SYNC_MACHINERY,
    "apply_incoming": SYNC_MACHINERY,
    "release_unshared": SYNC_MACHINERY,
    "set_sync_values": SYNC_MACHINERY,
    "log_bundle": SYNC_MACHINERY,
    "confirm_bundle": SYNC_MACHINERY,
    "confirm_superseded_bundles": SYNC_MACHINERY,
}


def check_operation(store, name: str) -> None:
    """Raise ``PermissionDenied`` unless the acting user of ``store`` may run operation ``name``."""
    policy = METHOD_POLICY.get(name)
    role = store.user.role
    if policy is None:
        raise PermissionDenied(
            f"Thao tác «{name}» chưa có quy định quyền nên bị từ chối.",
            f"The operation “{name}” has no permission rule, so it is refused (a new store"
            " operation needs an entry in desktop_app/store/permissions.py METHOD_POLICY).",
        )
    if policy == SYNC_MACHINERY:
        if not getattr(store, "_sync_machinery", False):
            raise PermissionDenied(
                "Chỉ bộ phận đồng bộ của ứng dụng được đọc hoặc ghi dữ liệu đồng bộ.",
                f"Only the app's sync machinery may do this ({name}).",
            )
        require(role, "sync")
        return
    require(role, policy)


def allowed(role: str, action: str) -> bool:
    """True when ``role`` may perform ``action``."""
    return role in PERMISSIONS.get(action, frozenset())


def require(role: str, action: str) -> None:
    """Raise ``PermissionDenied`` unless ``role`` may perform ``action``."""
    if not allowed(role, action):
        vi, en = ROLE_LABELS.get(role, (role, role))
        what_vi, what_en = ACTION_LABELS.get(action, ("thực hiện thao tác này", "do this"))
        who = [ROLE_LABELS[r] for r in ROLES if r in PERMISSIONS.get(action, ())]
        who_vi = ", ".join(r[0] for r in who) or "không ai"
        who_en = ", ".join(r[1] for r in who) or "nobody"
        raise PermissionDenied(
            f"Vai trò «{vi}» không được phép {what_vi}. Người được làm việc này: {who_vi}.",
            f"The role “{en}” is not allowed to {what_en}. Who may: {who_en}.",
        )
