"""The command line writes Vietnamese into any console, pipe or file, whatever its encoding.

On Windows a pipe or a file gets the ANSI code page (cp1252), which has no "ậ": before
desktop_app.console, ``tantay-cli --version | more`` crashed and ``audit verify`` exited 4 with
"Đã xảy ra lỗi ngoài dự kiến" although the audit passed. Here PYTHONIOENCODING=cp1252 gives a
Linux Python the same streams, so the same tests run on every platform.
"""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.console import use_utf8_streams

CP1252 = {"PYTHONIOENCODING": "cp1252", "LANG": "C", "LC_ALL": "C"}


def _env(extra: dict[str, str], **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TANTAY_", "PYTHONIO"))}
    env |= {"QT_QPA_PLATFORM": "offscreen", **extra, **more}
    return env


def _cli(*args: str, data_dir: Path | None = None, target: str = "pipe", **env: str):
    """Run the CLI with cp1252 streams; stdout goes to a pipe, a file or a terminal."""
    cmd = [sys.executable, "-m", "desktop_app"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    cmd += list(args)
    environment = _env(CP1252, **env)
    if target == "pipe":
        r = subprocess.run(cmd, capture_output=True, env=environment, timeout=240)
        return r.returncode, r.stdout, r.stderr
    if target == "file":
        out = Path(os.environ.get("TMPDIR", "/tmp")) / f"tantay-console-{os.getpid()}.txt"
        with out.open("wb") as handle:
            r = subprocess.run(
                cmd, stdout=handle, stderr=subprocess.PIPE, env=environment, timeout=240
            )
        data = out.read_bytes()
        out.unlink()
        return r.returncode, data, r.stderr
    primary, secondary = pty.openpty()  # a terminal, as a console window is on Windows
    try:
        r = subprocess.run(
            cmd, stdout=secondary, stderr=subprocess.PIPE, env=environment, timeout=240
        )
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(primary)
    return r.returncode, b"".join(chunks).replace(b"\r\n", b"\n"), r.stderr


@pytest.mark.parametrize("target", ["pipe", "file", "terminal"])
def test_version_and_help_in_vietnamese_into_a_cp1252_stream(target):
    code, out, err = _cli("--version", target=target)
    assert code == 0, err.decode("utf-8", "replace")
    assert out.decode("utf-8").startswith(f"Tận Tay {__version__}")
    code, out, err = _cli("--help", target=target)
    assert code == 0, err.decode("utf-8", "replace")
    text = out.decode("utf-8")
    assert "ghi thăm hộ và khả năng nhận tiền trợ cấp" in text and "--data-dir" in text


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("console") / "data"
    code, out, err = _cli("demo-data", "--households", "2", data_dir=folder)
    assert code == 0, err.decode("utf-8", "replace")
    return folder


@pytest.mark.parametrize("target", ["pipe", "file"])
def test_subcommand_output_and_errors_in_vietnamese_into_a_cp1252_stream(demo_folder, target):
    code, out, err = _cli(
        "--user", "admin", "audit", "verify", data_dir=demo_folder, target=target,
        TANTAY_PASSWORD="demo1234",
    )  # fmt: skip
    assert code == 0, err.decode("utf-8", "replace")
    assert out.decode("utf-8").startswith("Nhật ký kiểm tra nguyên vẹn")

    code, out, err = _cli(
        "--user", "admin", "audit", "verify", data_dir=demo_folder, target=target,
        TANTAY_PASSWORD="wrong-one",
    )  # fmt: skip
    assert code == 1
    message = err.decode("utf-8")
    assert "Tên đăng nhập" in message or "mật khẩu" in message, message
    assert "\\u" not in message and "\\x" not in message


def test_streams_that_cannot_encode_a_character_replace_it():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252", errors="strict")
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = stream, None  # the windowed Windows program has no stderr
    try:
        use_utf8_streams()
        print("Tận Tay \U0010fffd")
        sys.stdout.flush()
    finally:
        sys.stdout, sys.stderr = saved
    assert raw.getvalue().decode("utf-8") == "Tận Tay \U0010fffd\n"
    assert stream.encoding == "utf-8" and stream.errors == "replace"
