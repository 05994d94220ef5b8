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
    "view_audit": frozenset({"team_lead", "admin"}),
    "manage_users": frozenset({"admin"}),
    "import_beneficiaries": frozenset({"admin", "team_lead"}),
    "enroll_device": frozenset({"admin"}),
    "sync": _ALL,
    "export_report": _ALL,
}


def allowed(role: str, action: str) -> bool:
    """True when ``role`` may perform ``action``."""
    return role in PERMISSIONS.get(action, frozenset())


def require(role: str, action: str) -> None:
    """Raise ``PermissionDenied`` unless ``role`` may perform ``action``."""
    if not allowed(role, action):
        vi, en = ROLE_LABELS.get(role, (role, role))
        raise PermissionDenied(
            f"Vai trò «{vi}» không được phép thực hiện thao tác này ({action}).",
            f"The role “{en}” is not allowed to do this ({action}).",
        )
