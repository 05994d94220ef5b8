"""Issue 19, point 5: an admin re-enables a user with a new password, resets a password and
changes a role; the last admin cannot be disabled or demoted; every change is audited; villages
are listed number-aware."""

from __future__ import annotations

import pytest

from desktop_app.core.errors import PermissionDenied, ValidationError
from desktop_app.store.store import Store

ADMIN_PW = "quan-tri-2026"


def _create(data_dir, fast_kdf):
    return Store.create(
        data_dir,
        admin_username="admin",
        admin_password=ADMIN_PW,
        admin_full_name="Phạm Quốc Bảo",
        commune_code="00070",
        villages=["Tổ dân phố số 12", "Tổ dân phố số 1", "Tổ dân phố số 4", "Thôn Đông"],
        kdf=fast_kdf,
    )


def _actions(store) -> list[tuple]:
    return [
        (r[0], r[1], r[2])
        for r in store.db.execute(
            "SELECT action, record_id, detail FROM audit_log WHERE action LIKE 'user.%' ORDER BY id"
        ).fetchall()
    ]


def test_disable_then_enable_with_a_new_password_and_change_a_role(data_dir, fast_kdf):
    store, _recovery = _create(data_dir, fast_kdf)
    store.add_user("lan", "Nguyễn Thị Lan", "volunteer", "tinh-nguyen-1")
    store.disable_user("lan")
    store.close()
    with pytest.raises(Exception):  # noqa: B017 - disabled: no key for her
        Store.open(data_dir, "lan", "tinh-nguyen-1")
    admin = Store.open(data_dir, "admin", ADMIN_PW)
    admin.reset_password("lan", "mat-khau-moi-2")  # enables the account again
    admin.change_role("lan", "team_lead")
    assert {u["username"]: (u["role"], u["disabled"]) for u in admin.list_users()}["lan"] == (
        "team_lead",
        0,
    )
    actions = [a for a, rid, _d in _actions(admin) if rid == "lan"]
    assert actions == ["user.add", "user.disable", "user.enable", "user.role"]
    role_detail = [d for a, rid, d in _actions(admin) if a == "user.role"][0]
    assert '"from": "volunteer"' in role_detail and '"to": "team_lead"' in role_detail
    admin.reset_password("lan", "mat-khau-moi-3")  # an active account: a plain reset
    assert _actions(admin)[-1][0] == "user.reset_password"
    admin.close()
    lan = Store.open(data_dir, "lan", "mat-khau-moi-3")
    assert lan.user.role == "team_lead"
    with pytest.raises(PermissionDenied):
        lan.change_role("admin", "volunteer")
    lan.close()


def test_the_last_admin_cannot_be_disabled_or_demoted(data_dir, fast_kdf):
    store, recovery = _create(data_dir, fast_kdf)
    with pytest.raises(ValidationError):
        store.change_role("admin", "volunteer")  # one's own role: refused
    store.close()
    # the recovery session acts as an admin of its own: still, "admin" is the last admin
    rescue = Store.open_with_recovery(data_dir, recovery)
    with pytest.raises(ValidationError) as demote:
        rescue.change_role("admin", "team_lead")
    assert demote.value.code == "last_admin"
    with pytest.raises(ValidationError) as disable:
        rescue.disable_user("admin")
    assert disable.value.code == "last_admin"
    rescue.add_user("bao2", "Phạm Văn Hai", "admin", "quan-tri-thu-2")
    rescue.change_role("admin", "team_lead")  # another admin exists now
    with pytest.raises(ValidationError):
        rescue.disable_user("bao2")  # …and is now the last one
    rescue.close()


def test_villages_sort_by_number(data_dir, fast_kdf):
    store, _recovery = _create(data_dir, fast_kdf)
    names = [v["name"] for v in store.list_villages()]
    assert names == ["Thôn Đông", "Tổ dân phố số 1", "Tổ dân phố số 4", "Tổ dân phố số 12"]
    store.close()


def test_audit_names_names_records_never_ids(open_demo):
    lead = open_demo("lead")
    person = lead.db.execute("SELECT id, full_name FROM person LIMIT 1").fetchone()
    lead.reveal_citizen_id(person[0])
    entries = lead.audit_entries(limit=50)
    names = lead.audit_names(entries)
    assert names["records"][person[0]] == person[1]
    assert names["users"]["lead"]
    with pytest.raises(PermissionDenied):
        open_demo("volunteer").audit_names(entries)
