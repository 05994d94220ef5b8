"""Issue 15 on the command line: the --json summary, --map-scheme, --confirm-row, remembered
choices, and a second --commit of the same file creating nothing (a real process each time)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from messy_list import SIGNERS, UNKNOWN_SCHEMES, write_district_list  # noqa: E402

from desktop_app.store.store import Store  # noqa: E402


def run(data_dir: Path, *args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANTAY_")}
    env["TANTAY_PASSWORD"] = "demo1234"
    cmd = [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), "--user", "admin"]
    return subprocess.run(
        [*cmd, *args],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def person_count(data_dir: Path) -> int:
    s = Store.open(data_dir, "lead", "demo1234")
    try:
        return s.db.execute("SELECT count(*) FROM person WHERE deleted = 0").fetchone()[0]
    finally:
        s.close()


def test_json_summary_map_scheme_and_a_second_commit(demo_dir, tmp_path):
    path, where = write_district_list(tmp_path / "danh sách huyện.xlsx")
    before = person_count(demo_dir)

    dry = run(demo_dir, "import-beneficiaries", str(path), "--json")
    assert dry.returncode == 0, dry.stderr
    summary = json.loads(dry.stdout)
    assert summary["sheet"] == "Danh sách" and summary["other_sheets"] == ["Tổng hợp"]
    skipped = {s["row"]: s["reason"] for s in summary["skipped"]}
    assert skipped[where["signers"]] == "signature" and skipped[where["totals"]] == "totals"
    assert all(s["message"] for s in summary["skipped"])
    assert {"column": "L", "header": "Số sổ", "values": 9} in summary["ignored_columns"]
    assert {u["text"] for u in summary["unknown_schemes"]} == set(UNKNOWN_SCHEMES)
    assert summary["persons_without_benefit"] == 3
    assert summary["rows_to_confirm"] == [where["no"]]
    repairs = {i["code"]: i for i in summary["issues"] if "original" in i}
    assert repairs["phone_zero_restored"]["new"] == "0912 345 678"
    assert "001038123456" not in dry.stdout  # ID numbers stay masked
    assert person_count(demo_dir) == before  # a dry run writes nothing

    bad = run(demo_dir, "import-beneficiaries", str(path), "--map-scheme", "X=nope")
    assert bad.returncode == 1 and "nope" in bad.stderr

    args = [
        "import-beneficiaries", str(path), "--json", "--commit",
        "--map-scheme", f"{UNKNOWN_SCHEMES[0]}=other",
        "--map-scheme", f"{UNKNOWN_SCHEMES[1]}=social_allowance:other",
        "--confirm-row", str(where["no"]),
    ]  # fmt: skip
    done = run(demo_dir, *args)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["unknown_schemes"] == []
    assert result["written"]["persons"] == 10  # nine rows and the confirmed name-only one
    assert result["written"]["persons_without_benefit"] == 1
    assert person_count(demo_dir) == before + 10
    s = Store.open(demo_dir, "lead", "demo1234")
    names = {r[0] for r in s.db.execute("SELECT full_name FROM person")}
    s.close()
    assert not names & set(SIGNERS)

    # The same file again, without repeating --map-scheme: the mapping was remembered.
    again = run(demo_dir, "import-beneficiaries", str(path), "--json", "--commit")
    assert again.returncode == 0, again.stderr
    result = json.loads(again.stdout)
    assert result["unknown_schemes"] == [] and result["written"]["persons"] == 0
    assert result["written"]["benefits"] == 0
    how = {m["row"]: m["how"] for m in result["matched"]}
    assert how[where["hoa"]] == "citizen_id" and how[where["mai"]] == "name_birth_village"
    assert how[where["tu"]] == "name_address" and how[where["no"]] == "name_village"
    assert person_count(demo_dir) == before + 10

    text = run(demo_dir, "--lang", "en", "import-beneficiaries", str(path))
    assert text.returncode == 0
    assert "Signature block" in text.stdout and "'Số sổ' not imported" in text.stdout
    # once, and a row's message without the field's code (the nineteenth tryout: the column
    # twice, and "6: channel: Không ghi hình thức nhận…")
    assert text.stdout.count("Số sổ") == 1, text.stdout
    assert not re.search(r"^  (row )?\d+: [a-z_]+: ", text.stdout, re.M), text.stdout
    assert re.search(r"^  row \d+: ", text.stdout, re.M), text.stdout


def test_confirm_rows_sheets_villages_and_plain_text_messages(demo_dir, tmp_path):
    path, where = write_district_list(tmp_path / "danh sách huyện.xlsx")

    # A --confirm-row naming a row that is not a name-only row (or no row at all) is said so.
    dry = run(
        demo_dir, "import-beneficiaries", str(path), "--json",
        "--confirm-row", str(where["hoa"]), "--confirm-row", "9999",
    )  # fmt: skip
    assert dry.returncode == 0, dry.stderr
    summary = json.loads(dry.stdout)
    assert summary["confirm_rows_not_applicable"] == [where["hoa"], 9999]
    assert {i["row"] for i in summary["issues"] if i["code"] == "confirm_row_not_applicable"} == {
        where["hoa"],
        9999,
    }
    # The dry run lists the villages the import would create.
    assert {v["name"] for v in summary["villages_to_create"]} == {"Thôn Đông", "Thôn Đoài"}

    text = run(demo_dir, "--lang", "en", "import-beneficiaries", str(path), "--confirm-row", "9999")
    assert text.returncode == 0, text.stderr
    assert "None:" not in text.stdout
    assert "New village to be created: 'Thôn Đông'" in text.stdout
    assert "row 9999 is not a name-only row" in text.stdout

    done = run(
        demo_dir, "import-beneficiaries", str(path), "--json", "--commit",
        "--confirm-row", str(where["no"]),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["confirmed_rows"] == [where["no"]]
    assert where["no"] not in result["rows_to_confirm"] and result["to_confirm"] == 0

    # A sheet that is not there: said so, with the sheets; one line, also with --json.
    for extra in ((), ("--json",)):
        bad = run(
            demo_dir, "--lang", "en", "import-beneficiaries", str(path), "--sheet", "Trang 9",
            *extra,
        )  # fmt: skip
        assert bad.returncode == 1 and bad.stdout == ""
        lines = bad.stderr.strip().splitlines()
        assert len(lines) == 1 and "no sheet 'Trang 9'" in lines[0] and "«Tổng hợp»" in lines[0]
        assert "damaged" not in lines[0]

    codes = run(demo_dir, "import-beneficiaries", "--list-schemes")
    assert codes.returncode == 0 and "social_allowance:single_poor_parent\t" in codes.stdout
    assert "meritorious:martyr_relative\t" in codes.stdout
