"""The headless command line, run as a real process."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__
from desktop_app.store.store import Store


def run(
    *args,
    data_dir: Path | None = None,
    password: str | None = None,
    new_password=None,
    timeout: float = 240,
):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANTAY_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if password is not None:
        env["TANTAY_PASSWORD"] = password
    if new_password is not None:
        env["TANTAY_NEW_PASSWORD"] = new_password
    cmd = [sys.executable, "-m", "desktop_app"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    return subprocess.run(
        cmd + list(args),
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_help_and_version():
    r = run("--help")
    assert r.returncode == 0
    for word in ("--data-dir", "--smoke-test", "--demo", "demo-data", "user", "audit"):
        assert word in r.stdout
    v = run("--version")
    assert v.returncode == 0 and __version__ in v.stdout


@pytest.fixture(scope="module")
def cli_demo(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("cli") / "data"
    r = run("demo-data", "--households", "60", data_dir=d)
    assert r.returncode == 0, r.stderr
    counts = json.loads(r.stdout)
    assert counts["household"] == 60 and counts["person"] >= 60 and counts["visit"] > 0
    return d


def test_demo_data_creates_the_four_demo_users(cli_demo):
    for user in ("volunteer", "lead", "officer", "admin"):
        r = run("--user", user, "audit", "verify", data_dir=cli_demo, password="demo1234")
        assert r.returncode == 0, r.stderr
        assert "nguyên vẹn" in r.stdout


def test_user_add_passwd_disable(cli_demo):
    r = run(
        "--user",
        "admin",
        "user",
        "add",
        "tovien2",
        "--role",
        "volunteer",
        "--full-name",
        "Hoàng Thị Lụa",
        data_dir=cli_demo,
        password="demo1234",
        new_password="lua-12345",
    )
    assert r.returncode == 0, r.stderr
    r = run("--user", "tovien2", "audit", "verify", data_dir=cli_demo, password="lua-12345")
    assert r.returncode == 0
    r = run(
        "--user",
        "admin",
        "user",
        "passwd",
        "tovien2",
        data_dir=cli_demo,
        password="demo1234",
        new_password="lua-67890",
    )
    assert r.returncode == 0, r.stderr
    r = run("--user", "tovien2", "audit", "verify", data_dir=cli_demo, password="lua-12345")
    assert r.returncode == 1 and "không đúng" in r.stderr
    r = run("--user", "admin", "user", "disable", "tovien2", data_dir=cli_demo, password="demo1234")
    assert r.returncode == 0
    r = run("--user", "tovien2", "audit", "verify", data_dir=cli_demo, password="lua-67890")
    assert r.returncode == 1
    # a volunteer cannot manage users: permission error, exit 3
    r = run(
        "--user",
        "volunteer",
        "user",
        "add",
        "x2",
        "--role",
        "admin",
        data_dir=cli_demo,
        password="demo1234",
        new_password="xxxxxxxx",
    )
    assert r.returncode == 3 and "không được phép" in r.stderr


def test_english_messages(cli_demo):
    r = run(
        "--lang",
        "en",
        "--user",
        "admin",
        "audit",
        "verify",
        data_dir=cli_demo,
        password="wrong-one",
    )
    assert r.returncode == 1 and "Wrong user name or password" in r.stderr


def test_audit_verify_reports_the_first_broken_entry(cli_demo, tmp_path):
    import shutil

    from desktop_app.store.store import Store

    copy = tmp_path / "copy"
    shutil.copytree(cli_demo, copy)
    s = Store.open(copy, "admin", "demo1234")
    s.db.execute("UPDATE audit_log SET action = 'edited' WHERE id = 7")
    s.db.conn.commit()
    s.close()
    r = run("--user", "admin", "audit", "verify", data_dir=copy, password="demo1234")
    assert r.returncode == 1
    assert "#7" in r.stdout


def test_missing_password_in_a_script_is_a_clear_error(cli_demo):
    r = run("--user", "admin", "audit", "verify", data_dir=cli_demo)
    assert r.returncode == 1 and "TANTAY_PASSWORD" in r.stderr


def test_logs_never_hold_id_numbers_or_passwords(cli_demo):
    from desktop_app.store.store import Store

    s = Store.open(cli_demo, "lead", "demo1234")
    ids = [r[0] for r in s.db.execute("SELECT citizen_id FROM person WHERE citizen_id IS NOT NULL")]
    phones = [r[0] for r in s.db.execute("SELECT phones FROM person WHERE phones != '[]'")]
    s.close()
    # produce log lines: failures and a crash path that logs details
    run("--user", "admin", "audit", "verify", data_dir=cli_demo, password="sai-" + ids[0])
    logging_probe = (
        "import logging, sys; from desktop_app.logs import setup_logging; "
        f"setup_logging(__import__('pathlib').Path({str(cli_demo)!r})); "
        f"logging.getLogger('probe').error('person %s phone %s pw %s', {ids[1]!r}, "
        "'+84 912 345 678', 'secret-pw')"
    )
    subprocess.run([sys.executable, "-c", logging_probe], check=True, capture_output=True)
    text = "".join(p.read_text(encoding="utf-8") for p in (cli_demo / "logs").glob("tantay.log*"))
    assert "person" in text  # the probe line is there...
    for number in ids:
        assert number not in text  # ...without any ID number
    assert "912 345 678" not in text and "+84912345678" not in text
    assert "demo1234" not in text
    for blob in phones:
        for number in re.findall(r"\+84\d+", blob):
            assert number not in text and "0" + number[3:] not in text


def _read_only_runner(folder: Path):
    """Run the CLI with ``folder`` read-only: a read-only bind mount in a private mount namespace
    when root (root ignores file modes), else plain file modes."""
    if os.geteuid() != 0:
        os.chmod(folder, 0o555)
        return lambda *a, **kw: run(*a, **kw)
    if not shutil.which("unshare"):
        pytest.skip("unshare is needed to make a read-only folder as root")

    def runner(*args, data_dir, password):
        env = {k: v for k, v in os.environ.items() if not k.startswith("TANTAY_")}
        env.update(TANTAY_PASSWORD=password, QT_QPA_PLATFORM="offscreen")
        script = (
            f'mount --bind "{folder}" "{folder}" && mount -o remount,ro,bind "{folder}" && '
            f'exec "{sys.executable}" -m desktop_app --data-dir "{data_dir}" '
            + " ".join(f'"{a}"' for a in args)
        )
        return subprocess.run(
            ["unshare", "-m", "sh", "-c", script],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    return runner


def test_a_read_only_data_folder_gives_a_clear_message_and_loses_nothing(cli_demo, tmp_path):
    copy = tmp_path / "ro"
    shutil.copytree(cli_demo, copy)
    before = {p.name: p.read_bytes() for p in copy.iterdir() if p.is_file()}
    runner = _read_only_runner(copy)
    r = runner("--user", "admin", "audit", "verify", data_dir=copy, password="demo1234")
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "chỉ đọc" in r.stderr
    os.chmod(copy, 0o755)
    after = {p.name: p.read_bytes() for p in copy.iterdir() if p.is_file()}
    assert after == before
    assert (
        run("--user", "admin", "audit", "verify", data_dir=copy, password="demo1234").returncode
        == 0
    )


@pytest.mark.parametrize("user", ["volunteer", "lead", "admin"])
def test_verify_is_refused_with_exit_3_for_other_roles(cli_demo, user):
    from desktop_app.store.store import Store

    s = Store.open(cli_demo, "lead", "demo1234")
    pid = s.db.execute("SELECT id FROM person LIMIT 1").fetchone()[0]
    count = s.db.execute("SELECT count(*) FROM identity_verification").fetchone()[0]
    s.close()
    r = run(
        "--user",
        user,
        "verify",
        pid,
        "--method",
        "chip_card",
        "--result",
        "verified",
        data_dir=cli_demo,
        password="demo1234",
    )
    assert r.returncode == 3, r.stderr
    assert "không được phép" in r.stderr
    s = Store.open(cli_demo, "lead", "demo1234")
    assert s.db.execute("SELECT count(*) FROM identity_verification").fetchone()[0] == count
    s.close()


def test_verify_by_an_officer(cli_demo):
    from desktop_app.store.store import Store

    s = Store.open(cli_demo, "lead", "demo1234")
    pid = s.db.execute("SELECT id FROM person LIMIT 1").fetchone()[0]
    s.close()
    r = run(
        "--user",
        "officer",
        "verify",
        pid,
        "--method",
        "card_in_person",
        "--result",
        "mismatch",
        "--mismatch",
        "birth_year",
        "--note",
        "Năm sinh trên thẻ là 1950",
        data_dir=cli_demo,
        password="demo1234",
    )
    # without a registered signing key the record is kept but does not count: said, exit 1
    assert r.returncode == 1, r.stderr
    out = json.loads(r.stdout.splitlines()[0])
    assert out["result"] == "mismatch" and out["signed"] is False
    assert "KHÔNG có chữ ký" in r.stdout
    import shutil

    from tests.officer_helpers import enroll_test_officer

    signed_dir = cli_demo.parent / "signed"
    shutil.copytree(cli_demo, signed_dir, dirs_exist_ok=True)
    enroll_test_officer(signed_dir, "officer", "demo1234")
    r = run("--user", "officer", "verify", pid, "--method", "card_in_person", "--result",
            "verified", data_dir=signed_dir, password="demo1234")  # fmt: skip
    assert r.returncode == 0, r.stdout + r.stderr
    assert json.loads(r.stdout.splitlines()[0])["signed"] is True
    assert "Đã ghi kết quả xác minh, có chữ ký của cán bộ: Đã xác minh: khớp." in r.stdout
    r = run(
        "--user",
        "officer",
        "verify",
        pid,
        "--method",
        "telepathy",
        "--result",
        "verified",
        data_dir=cli_demo,
        password="demo1234",
    )
    assert r.returncode == 2


HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Địa chỉ",
    "Thôn",
    "Số điện thoại",
    "Chế độ",
    "Mức hưởng",
    "Hình thức nhận",
    "Ngân hàng",
    "Số tài khoản",
]


def _messy_list(path):
    from datetime import datetime

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["UBND PHƯỜNG HOÀN KIẾM"])
    ws.append(["DANH SÁCH CHI TRẢ TRỢ CẤP THÁNG 10/2026"])
    ws.append([])
    ws.append(HEADER)
    rows = [
        [1, "Đinh Thị Nhàn", datetime(1940, 3, 5), "Nữ", "001140004321", "Số 5 ngõ Tạm Thương",
         "Tổ dân phố số 1 Hàng Bạc", "0912 888 111", "Bảo trợ xã hội", 500000, "Tài khoản ATM",
         "Agribank", "1903456789012"],
        [2, "Tạ Văn Lộc", 1938, "Nam", 1038004322, "Ngõ 3 Hàng Bè", "Tổ dân phố số 12 Hàng Bè",
         "01681234567", "Hưu trí xã hội", "500.000", "Nhận tại bưu điện", None, None],
        [3, "Kiều Văn Sai", 1945, "Nam", "00104512345X", None, "Thôn Mới", None, None, None,
         None, None, None],
        [4, None, 1950, "Nữ", None, "Xóm 1", "Thôn Mới", None, None, 500000, None, None, None],
        ["Tổng cộng", None, None, None, None, None, None, None, None, 1000000, None, None, None],
    ]  # fmt: skip
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_import_a_messy_list_dry_run_commit_and_again(cli_demo, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(cli_demo, data)
    xlsx = _messy_list(tmp_path / "danh sách.xlsx")
    args = ("--user", "admin", "import-beneficiaries", str(xlsx), "--json")
    dry = run(*args, data_dir=data, password="demo1234")
    assert dry.returncode == 0, dry.stderr
    summary = json.loads(dry.stdout)
    assert (
        summary["rows"] == 4
        and summary["errors"] == 2
        and summary["valid"] + summary["warnings"] == 2
    )
    by_code = {(i["row"], i["code"]) for i in summary["issues"]}
    assert (6, "id_zeros_restored") in by_code  # row 6 of the sheet: 10-digit ID repaired
    assert (6, "phone_old_mobile") in by_code
    assert (5, "account_full_number") in by_code
    assert any(r == 7 and c.startswith("id_") for r, c in by_code)  # bad ID
    assert (8, "name_missing") in by_code
    assert "1903456789012" not in dry.stdout
    s = Store.open(data, "admin", "demo1234")
    persons = s.db.execute("SELECT count(*) FROM person").fetchone()[0]
    s.close()
    # --commit writes the two good rows
    done = run(*args, "--commit", data_dir=data, password="demo1234")
    assert json.loads(done.stdout)["written"]["persons"] == 2
    s = Store.open(data, "lead", "demo1234")
    assert s.db.execute("SELECT count(*) FROM person").fetchone()[0] == persons + 2
    loc = s.db.execute("SELECT citizen_id FROM person WHERE full_name = 'Tạ Văn Lộc'").fetchone()
    assert loc[0] == "001038004322"
    benefit = s.db.execute(
        "SELECT account_last4, monthly_amount FROM benefit b JOIN person p"
        " ON p.id = b.person_id WHERE p.full_name = 'Đinh Thị Nhàn'"
    ).fetchone()
    assert benefit == ("9012", 500000)
    s.close()
    # the same file again creates nothing new
    again = run(*args, "--commit", data_dir=data, password="demo1234")
    assert json.loads(again.stdout)["duplicates"] >= 2
    s = Store.open(data, "lead", "demo1234")
    assert s.db.execute("SELECT count(*) FROM person").fetchone()[0] == persons + 2
    s.close()


@pytest.mark.parametrize("fmt", ["json", "xlsx", "pdf"])
def test_report_by_a_volunteer_has_no_full_id_numbers(cli_demo, tmp_path, fmt):
    from datetime import date

    month = date.today().replace(day=1)
    period = f"{month.year - (month.month == 1)}-{(month.month - 2) % 12 + 1:02d}"
    out = tmp_path / f"report.{fmt}"
    r = run(
        "--user",
        "volunteer",
        "report",
        "--period",
        period,
        "--format",
        fmt,
        "--out",
        str(out),
        data_dir=cli_demo,
        password="demo1234",
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(out)
    raw = out.read_bytes()
    s = Store.open(cli_demo, "lead", "demo1234")
    ids = [x[0] for x in s.db.execute("SELECT citizen_id FROM person WHERE citizen_id IS NOT NULL")]
    audit = s.db.execute("SELECT count(*) FROM audit_log WHERE action = 'export.report'").fetchone()
    s.close()
    assert audit[0] >= 1
    if fmt == "json":
        report = json.loads(raw)
        assert (
            report["recipients_paid"] > 0 and report["withdrew_count"] <= report["recipients_paid"]
        )
        text = raw.decode()
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(out)
        text = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row)
        assert "Tổng hợp" in wb.sheetnames
        head = [row[:2] for row in wb.worksheets[0].iter_rows(max_row=3, values_only=True)]
        assert ("Địa bàn", "Phường Hoàn Kiếm") in head  # whose report, on paper
    else:
        assert raw.startswith(b"%PDF")
        # the PDF's own random file identifier (hex) sometimes holds 12 digits in a row
        text = re.sub(r"/ID \[<[0-9A-F]+><[0-9A-F]+>\]", "", raw.decode("latin-1"))
    assert not re.search(r"(?<!\d)\d{12}(?!\d)", text)
    for number in ids:
        assert number not in text


def test_report_for_one_channel_and_age_band(cli_demo, tmp_path):
    """The README says the command answers for a channel or an age band, as the Reports page
    does (the fourteenth tryout found no such option)."""
    from datetime import date

    from desktop_app.core.payment_metrics import compute_report, previous_period

    month = date.today().replace(day=1)
    period = f"{month.year - (month.month == 1)}-{(month.month - 2) % 12 + 1:02d}"
    base = ("--user", "volunteer", "report", "--period", period, "--format", "json")

    def report(*extra):
        out = tmp_path / f"r{len(extra)}-{'-'.join(extra)}.json"
        r = run(*base, *extra, "--out", str(out), data_dir=cli_demo, password="demo1234")
        assert r.returncode == 0, r.stderr
        return json.loads(out.read_text(encoding="utf-8"))

    whole = report()
    bank = report("--channel", "bank_account")
    old = report("--channel", "bank_account", "--age-band", "80_plus")
    s = Store.open(cli_demo, "lead", "demo1234")
    rows = s.payment_rows(previous_period(period, period)[0], period)
    s.close()
    want = compute_report(
        rows, period_from=period, period_to=period, as_of=date.today(), channel="bank_account"
    )
    assert bank["recipients_paid"] == want.recipients_paid > 0
    assert bank["withdrew_count"] == want.withdrew_count
    assert bank["filters"] == {"channel": "bank_account"}
    assert 0 < old["recipients_paid"] < bank["recipients_paid"] < whole["recipients_paid"]
    refused = run(
        *base, "--channel", "pigeon", "--out", str(tmp_path / "x.json"), data_dir=cli_demo
    )
    assert refused.returncode != 0 and "pigeon" in refused.stderr
    assert not (tmp_path / "x.json").exists()


def test_search_json_holds_what_a_reader_uses_not_the_internal_order_key(cli_demo):
    """The sixteenth tryout: `search --json` showed "sort_key": "O`##1!`YinW`#00003…"."""
    r = run("--user", "lead", "search", "nguyen", "--json", data_dir=cli_demo, password="demo1234")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert rows and all("sort_key" not in row and row["members"] for row in rows)


def test_setup_makes_a_laptop_without_the_window(tmp_path):
    """The nineteenth tryout set up three laptops by driving the first-run window with xdotool:
    a city IT person preparing dozens needs a command. `setup` makes what the window makes —
    the encrypted database, the commune, its villages, the admin — and shows the recovery key
    once; it never writes over a database, and a wrong commune or password changes nothing."""
    laptop = tmp_path / "laptop"
    made = run(
        "setup",
        "--commune",
        "phuong hoan kiem",
        "--admin",
        "lan",
        "--full-name",
        "Trần Thị Lan",
        "--village",
        "Tổ dân phố số 1",
        "--village",
        "Tổ dân phố số 2",
        data_dir=laptop,
        new_password="mat-khau-cua-lan",
    )
    assert made.returncode == 0, made.stderr
    assert "Phường Hoàn Kiếm" in made.stdout and "2 thôn, tổ dân phố" in made.stdout
    key = re.search(r"chép ra giấy, cất riêng khỏi máy\): (\S+)", made.stdout).group(1)
    store = Store.open(laptop, "lan", "mat-khau-cua-lan")
    try:
        assert store.commune_code == "00070" and store.user.full_name == "Trần Thị Lan"
        assert sorted(v["name"] for v in store.list_villages()) == [
            "Tổ dân phố số 1",
            "Tổ dân phố số 2",
        ]
    finally:
        store.close()
    recovered = Store.open_with_recovery(laptop, key)
    recovered.close()
    before = sorted(p.name for p in laptop.iterdir())
    again = run(
        "setup", "--commune", "00070", "--admin", "x", "--full-name", "X",
        data_dir=laptop, new_password="another-password",
    )  # fmt: skip
    assert again.returncode == 1 and "không ghi đè gì" in again.stderr
    assert sorted(p.name for p in laptop.iterdir()) == before
    # a name that is not one commune: refused, with the communes it may be
    other = tmp_path / "other"
    vague = run(
        "setup", "--commune", "Hà", "--admin", "admin", "--full-name", "A",
        data_dir=other, new_password="mat-khau-cua-lan",
    )  # fmt: skip
    assert (
        vague.returncode == 1 and "có thể là: " in vague.stderr and "Phường Hà Đông" in vague.stderr
    )
    # a village's name too long: said by name, nothing made
    long_village = run(
        "setup", "--commune", "00070", "--admin", "admin", "--full-name", "A",
        "--village", "x" * 300, data_dir=other, new_password="mat-khau-cua-lan",
    )  # fmt: skip
    assert long_village.returncode == 1 and "tối đa 200 ký tự" in long_village.stderr
    assert not any(p.suffix == ".db" for p in other.rglob("*"))
    # the recovery key into a private file, not on the screen
    out = tmp_path / "recovery.txt"
    quiet = run(
        "setup", "--commune", "Ba Đình", "--admin", "admin", "--full-name", "A",
        "--recovery-out", str(out), data_dir=other, new_password="mat-khau-cua-lan",
    )  # fmt: skip
    assert quiet.returncode == 0, quiet.stderr
    assert (out.stat().st_mode & 0o777) == 0o600
    assert out.read_text().strip() not in quiet.stdout
    Store.open_with_recovery(other, out.read_text().strip()).close()
