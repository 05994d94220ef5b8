"""The city server's command line explains itself in Vietnamese by default, in English with
TANTAY_LANG=en (the eighth tryout: ``python -m city_server --help`` was in English only)."""

from __future__ import annotations

import os
import subprocess
import sys

from city_server.cli import build_parser
from city_server.cli_help import HELP
from desktop_app.core.cli_text import help_keys


def test_every_command_and_option_has_its_words_in_both_languages():
    missing = [
        key for key in help_keys(build_parser()) if key not in HELP and ("*", key[1]) not in HELP
    ]
    assert missing == []
    assert all(vi and en and vi != en for vi, en in HELP.values())


def _help(*argv: str, lang: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "TANTAY_LANG"}
    if lang:
        env["TANTAY_LANG"] = lang
    done = subprocess.run(
        [sys.executable, "-m", "city_server", *argv, "--help"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_help_is_vietnamese_by_default_and_english_when_asked():
    text = _help("enrollment-code")
    assert text.startswith("cách dùng: python -m city_server enrollment-code")
    assert "in mã đăng ký dùng một lần" in text and "xã, phường: tên hoặc mã 5 chữ số" in text
    assert "tuỳ chọn:" in text and "print one-time" not in text
    text = _help("enrollment-code", lang="en")
    assert text.startswith("usage: python -m city_server enrollment-code")
    assert "print one-time enrolment codes" in text and "mã đăng ký" not in text
    top = _help()
    assert "ví dụ:" in top and '--commune "Ngọc Hà"' in top and "TANTAY_LANG=en" in top


def test_a_mistyped_command_is_told_in_the_same_language_as_the_help():
    """The ninth tryout: argparse's own errors ("the following arguments are required") were
    English under the Vietnamese help. Now one line in the chosen language, with the way to the
    help, exit code 2 — on the server's command line and the laptop's."""
    from city_server.cli import main
    from desktop_app.cli import main as laptop_main

    def said(run, *argv, lang=None):
        env = {k: v for k, v in os.environ.items() if k != "TANTAY_LANG"}
        if lang:
            env["TANTAY_LANG"] = lang
        old = os.environ.copy()
        os.environ.clear()
        os.environ.update(env)
        try:
            run(list(argv))
        except SystemExit as stop:
            return stop.code
        finally:
            os.environ.clear()
            os.environ.update(old)
        raise AssertionError("no usage error")

    import contextlib
    import io

    for run, argv, vi, en in (
        (main, ("user", "add"), "thiếu tham số bắt buộc: --db, name, --role", "are required"),
        (main, ("serve", "--db", "x", "--port", "abc"), "giá trị không hợp lệ: 'abc'", "invalid"),
        (main, ("bogus",), "không có lựa chọn 'bogus' (chọn một trong: 'serve'", "choose from"),
        (laptop_main, ("bogus",), "không có lựa chọn 'bogus'", "invalid choice"),
    ):
        for lang, words in ((None, vi), ("en", en)):
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                code = said(run, *argv, lang=lang)
            text = err.getvalue()
            assert code == 2, text
            assert words in text and len(text.strip().splitlines()) == 1, text
            if lang is None:
                assert "lệnh không hợp lệ" in text and "--help)" in text
                assert "required" not in text and "choose from" not in text, text


def test_demo_data_takes_communes_by_name_and_names_them_as_it_goes(tmp_path):
    """The ninth tryout: ``demo-data`` could only take the first N communes of the list, and its
    progress said "00008", not the commune."""
    db = tmp_path / "city.db"
    env = {k: v for k, v in os.environ.items() if k != "TANTAY_LANG"}
    done = subprocess.run(
        [sys.executable, "-m", "city_server", "demo-data", "--db", str(db)]
        + ["--commune", "Ngọc Hà, giang vo", "--commune", "00004"]
        + ["--beneficiaries", "30", "--months", "2"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "1/3 Phường Ngọc Hà (00008):" in done.stderr
    assert "3/3 Phường Ba Đình (00004):" in done.stderr
    from city_server.storage import open_storage

    storage = open_storage(db)
    try:
        communes = {c for d in storage.list_devices() for c in d.communes}
    finally:
        storage.close()
    assert communes == {"00008", "00025", "00004"}
    refused = subprocess.run(
        [sys.executable, "-m", "city_server", "demo-data", "--db", str(tmp_path / "x.db")]
        + ["--commune", "Không Có"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert refused.returncode == 2
    assert "không có xã, phường «Không Có»" in refused.stderr
    assert "there is no" not in refused.stderr and not (tmp_path / "x.db").exists()
    # the tenth tryout: a second demo with the same seed (another commune) ended in a traceback
    # and left an enrolment code behind; now refused before anything is written
    storage = open_storage(db)
    try:
        codes_before = len(storage.dash_enrollment_codes())
    finally:
        storage.close()
    again = subprocess.run(
        [sys.executable, "-m", "city_server", "demo-data", "--db", str(db)]
        + ["--commune", "Hồng Hà", "--beneficiaries", "10", "--months", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert again.returncode == 2 and "Traceback" not in again.stderr
    assert "đã có dữ liệu thử làm với --seed 14" in again.stderr and "--seed 15" in again.stderr
    storage = open_storage(db)
    try:
        assert len(storage.dash_enrollment_codes()) == codes_before
        assert len(storage.list_devices()) == 3
    finally:
        storage.close()
    # a password through a pipe that ends: one clear line, no traceback
    piped = subprocess.run(
        [sys.executable, "-m", "city_server", "user", "add", "bob", "--role", "city_analyst"]
        + ["--db", str(db)],
        input="mat-khau-dai-1\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert piped.returncode == 2 and "Traceback" not in piped.stderr
    assert "đặt biến TANTAY_PASSWORD" in piped.stderr


def test_a_name_part_of_several_communes_is_answered_with_them():
    """The tenth tryout: ``--commune "Hà"`` said only "không có xã, phường «Hà»"; several
    communes have "Hà" in their names. The refusal now names them."""
    from city_server.dashboard.auth import parse_communes, unknown_communes

    typed = parse_communes("Hà")
    said = unknown_communes(typed, "vi")
    assert "(có thể là: " in said and "Phường Ngọc Hà" in said and "Phường Hà Đông" in said
    assert "(perhaps: " in unknown_communes(typed, "en")
    assert "có thể là" not in unknown_communes(parse_communes("Hoan Kim"), "vi")  # none near
