"""The installed app starts: the smoke test and the screenshot tour, each in its own process."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

SHOTS = (
    "01-login.png",
    "02-households-search.png",
    "03-household-detail.png",
    "04-new-visit.png",
    "05-follow-ups.png",
    "06-payments.png",
    "07-verification.png",
    "08-reports.png",
    "09-sync.png",
    "10-settings.png",
    "11-lock.png",
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("TANTAY_LANG", None)
    return env


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_smoke_test_exits_0_and_prints_nothing_to_stderr(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--smoke-test"],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.slow
def test_screenshots_of_every_screen_on_a_new_demo(tmp_path):
    data, shots = tmp_path / "data", tmp_path / "shots"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "--demo",
            "--data-dir",
            str(data),
            "--screenshots",
            str(shots),
        ],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=tmp_path,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert (data / "tantay.db").exists()  # the 300-household demo was built there
    for name in SHOTS:
        path = shots / name
        assert path.exists(), f"{name} missing"
        assert _png_size(path) == (1366, 768), name
