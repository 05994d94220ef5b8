"""Two enrolment mistakes of the eighth tryout, against a real city server on loopback: a laptop
enrolled with another ward's code (every change it then sent was refused, with no reason on the
admin page), and ``enroll`` run again on an enrolled laptop (a second code used up, a device that
never sends left on the server). Also: the command line shows the server key's fingerprint."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from city_server.keys import fingerprint_of
from desktop_app.sync.client import SyncClient, SyncError
from tests.conftest import DEMO_PASSWORD

HOAN_KIEM, NGOC_HA = "00070", "00008"


def _enroll_cli(data_dir, city, code: str, *more: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), "--user", "admin"]
        + ["enroll", "--server", city.url, "--code", code, *more],
        capture_output=True,
        text=True,
        env={"TANTAY_PASSWORD": DEMO_PASSWORD, "PATH": "/usr/bin:/bin"},
        timeout=120,
    )


def _unused(city) -> int:
    return sum(1 for c in city.storage.dash_enrollment_codes() if c["used_at"] is None)


def test_a_code_for_another_ward_is_not_kept(open_demo, city):
    admin = open_demo("admin")
    assert admin.commune_code == HOAN_KIEM
    with pytest.raises(SyncError) as refused:
        SyncClient(admin).enroll(city.url, city.code(NGOC_HA), "Máy tổ 3")
    vi, en = refused.value.message_vi, refused.value.message_en
    assert "dành cho Phường Ngọc Hà" in vi and "số liệu của Phường Hoàn Kiếm" in vi
    assert "This code is for Phường Ngọc Hà" in en and "not enrolled" in en
    # the server looked before using the code (revision 10; the nineteenth tryout: the code was
    # used up and a device left on the server to revoke)
    assert "Mã chưa bị dùng" in vi and "not used up" in en
    assert city.storage.list_devices() == [] and _unused(city) == 1
    assert not admin.sync_state().get("token")  # nothing kept: nothing would be sent
    # a server before revision 10 enrolled it: the laptop keeps nothing, and names the device
    # to revoke
    from desktop_app.sync.client import _code_for_other_communes

    older = _code_for_other_communes(
        HOAN_KIEM, {"communes": [NGOC_HA], "device_id": "8df4b740-aaaa"}, used=True
    )
    assert "thu hồi máy mã 8df4b740" in older.message_vi and "revoke the device" in older.message_en
    # a code for both wards, or for its own, works
    SyncClient(admin).enroll(city.url, city.code(NGOC_HA, HOAN_KIEM), "Máy tổ 3")
    assert admin.sync_state().get("token") == "***"


def test_enroll_again_needs_again_and_shows_the_fingerprint(demo_dir, city):
    first = _enroll_cli(demo_dir, city, city.code(HOAN_KIEM))
    assert first.returncode == 0, first.stderr
    server_print = fingerprint_of(city.storage.server_keys().sign_public_b64)
    assert server_print in first.stdout and "Dấu vân tay khoá máy chủ" in first.stdout
    code = city.code(HOAN_KIEM)
    again = _enroll_cli(demo_dir, city, code)
    assert again.returncode == 2
    assert "đã đăng ký" in again.stdout + again.stderr and "--again" in again.stdout + again.stderr
    assert _unused(city) == 1 and len(city.storage.list_devices()) == 1  # the code is unused
    done = _enroll_cli(demo_dir, city, code, "--again")
    assert done.returncode == 0, done.stderr
    assert _unused(city) == 0 and len(city.storage.list_devices()) == 2


def test_a_revoked_laptop_says_so_until_it_is_enrolled_again(demo_dir, city):
    """The nineteenth tryout: after the operator revoked a laptop, its sync was refused with a
    clear message, but `status` still said "Đã đăng ký với …"."""
    from datetime import UTC, datetime

    assert _enroll_cli(demo_dir, city, city.code(HOAN_KIEM)).returncode == 0
    [device] = city.storage.list_devices()
    city.storage.revoke_device(device.id, datetime.now(UTC).isoformat())

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "desktop_app", "--data-dir", str(demo_dir), "--user", "admin"]
            + list(args),
            capture_output=True,
            text=True,
            env={"TANTAY_PASSWORD": DEMO_PASSWORD, "PATH": "/usr/bin:/bin"},
            timeout=120,
        )

    refused = cli("sync")
    assert refused.returncode != 0
    assert "đã bị thu hồi" in refused.stdout + refused.stderr
    assert "xin cán bộ quản lý máy chủ một mã mới" in refused.stdout + refused.stderr
    said = cli("status")
    assert "đã thu hồi máy này" in said.stdout and "Đã đăng ký với" not in said.stdout
    assert json.loads(cli("status", "--json").stdout)["server"]["revoked_seen_at"]
    again = _enroll_cli(demo_dir, city, city.code(HOAN_KIEM), "--again")
    assert again.returncode == 0, again.stderr
    assert "Đã đăng ký với" in cli("status").stdout
    assert json.loads(cli("status", "--json").stdout)["server"]["revoked_seen_at"] is None
