"""Issue 15 in the store: committing an import invents nobody, re-importing creates nothing, and
the payment report leaves out payments of deleted benefits, households and persons."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from messy_list import HOA_ID, SIGNERS, UNKNOWN_SCHEMES, write_district_list  # noqa: E402

from desktop_app.core.beneficiary_import import parse_scheme_map, preview_import  # noqa: E402


def counts(store) -> dict:
    return {
        t: store.db.execute(f"SELECT count(*) FROM {t} WHERE deleted = 0").fetchone()[0]
        for t in ("village", "household", "person", "benefit")
    }


def preview(store, path, **kw):
    memory = store.import_memory()
    kw.setdefault("scheme_map", memory["schemes"])
    return preview_import(
        path, existing_lookup=store.match_existing_person, remembered=memory["mappings"], **kw
    )


@pytest.fixture
def district(tmp_path):
    return write_district_list(tmp_path / "danh_sach_huyen.xlsx")


def test_signers_never_become_persons_or_villages(open_demo, district):
    store = open_demo("admin")
    path, where = district
    written = store.import_beneficiaries(preview(store, path).rows)
    assert written["persons"] == 9  # ten person rows; the name-only one is not confirmed
    for name in (*SIGNERS, "Cao Thị Nở"):
        assert not store.db.execute("SELECT 1 FROM person WHERE full_name = ?", (name,)).fetchone()
    villages = {r[0] for r in store.db.execute("SELECT name FROM village")}
    assert not villages & set(SIGNERS)
    assert "Thôn Đông" in villages and "Thôn Đoài" in villages
    assert written["new_villages"] == ["Thôn Đông", "Thôn Đoài"]
    assert written["persons_without_benefit"] == 2  # the two unknown schemes


def test_reimporting_the_same_file_creates_nothing_also_for_rows_without_an_id(open_demo, district):
    store = open_demo("admin")
    path, where = district
    first = preview(store, path)
    store.import_beneficiaries(first.rows, confirmed_rows=[where["no"]])
    after_first = counts(store)
    assert store.db.execute("SELECT notes FROM person WHERE full_name = 'Cao Thị Nở'").fetchone()

    again = preview(store, path)
    assert [r for r in again.rows if r.status in ("valid", "warning", "confirm")] == []
    how = {m["row"]: m["how"] for m in again.summary["matched"]}
    assert how[where["hoa"]] == "citizen_id"
    assert how[where["mai"]] == "name_birth_village"  # no ID
    assert how[where["tu"]] == "name_address"  # no ID, no birth year
    assert how[where["no"]] == "name_village"  # only a name (confirmed the first time)
    written = store.import_beneficiaries(again.rows, confirmed_rows=[where["no"]])
    assert written["persons"] == written["households"] == written["villages"] == 0
    assert written["benefits"] == 0
    assert counts(store) == after_first


def test_notes_reach_the_person(open_demo, district):
    store = open_demo("admin")
    path, _ = district
    store.import_beneficiaries(preview(store, path).rows)
    notes = store.db.execute("SELECT notes FROM person WHERE citizen_id = ?", (HOA_ID,)).fetchone()[
        0
    ]
    assert notes == "Hay vắng nhà buổi sáng"


def test_mapping_an_unknown_scheme_later_adds_the_missing_benefits(open_demo, district):
    store = open_demo("admin")
    path, where = district
    store.import_beneficiaries(preview(store, path).rows)
    before = counts(store)
    scheme_map = parse_scheme_map([f"{UNKNOWN_SCHEMES[0]}=other", f"{UNKNOWN_SCHEMES[1]}=other"])
    store.remember_import_choices("", scheme_map=scheme_map)
    again = preview(store, path)
    assert again.summary["unknown_schemes"] == []
    written = store.import_beneficiaries(again.rows)
    assert written["persons"] == 0 and written["benefits_added_to_matched"] == 2
    assert counts(store) == {**before, "benefit": before["benefit"] + 2}
    tam = store.db.execute(
        "SELECT b.scheme, b.monthly_amount, b.notes FROM benefit b JOIN person p"
        " ON p.id = b.person_id WHERE p.full_name = 'Ngô Văn Tám'"
    ).fetchone()
    assert tam[:2] == ("other", 300000) and UNKNOWN_SCHEMES[0] in tam[2]
    # ... and a third time adds nothing.
    assert store.import_beneficiaries(preview(store, path).rows)["benefits"] == 0


def test_two_rows_of_one_person_with_two_schemes_give_one_person_two_benefits(open_demo, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Năm sinh", "Số CCCD", "Thôn", "Chế độ", "Mức hưởng"])
    ws.append(["Mã Văn Hùng", 1940, "001040123459", "Thôn Nam", "Người có công", 2789000])
    ws.append(["Mã Văn Hùng", 1940, "001040123459", "Thôn Nam", "Hưu trí xã hội", 500000])
    wb.save(tmp_path / "two.xlsx")
    store = open_demo("admin")
    written = store.import_beneficiaries(preview(store, tmp_path / "two.xlsx").rows)
    assert written["persons"] == 1 and written["benefits"] == 2


def test_id_mismatches_are_imported_and_queued_for_the_police_officer(
    open_demo, district, demo_dir
):
    store = open_demo("admin")
    path, _ = district
    store.import_beneficiaries(preview(store, path).rows)
    officer = open_demo("officer")
    flags = {r["full_name"]: r["flags"] for r in officer.verification_queue(limit=100_000)}
    assert "id_birth_year_mismatch" in flags["Hoàng Văn Nam"]
    assert "id_sex_mismatch" in flags["Đinh Thị Thu"]


def test_remembered_column_mapping_and_schemes(open_demo, district):
    store = open_demo("admin")
    path, where = district
    first = preview(store, path, mapping={"notes": None})
    assert first.mapping_source == "chosen"
    store.remember_import_choices(first.signature, first.mapping, {"abc": "other"})
    memory = store.import_memory()
    assert memory["schemes"] == {"abc": "other"}
    again = preview(store, path)
    assert again.mapping_source == "remembered" and "notes" not in again.mapping


# --- the payment report ---------------------------------------------------------------------


def _paid_benefit(store):
    pid, hid = store.db.execute(
        "SELECT p.id, p.household_id FROM person p JOIN household h ON h.id = p.household_id"
        " WHERE p.deleted = 0 AND h.deleted = 0 AND p.consent_date IS NOT NULL LIMIT 1"
    ).fetchone()
    benefit = store.add_benefit(
        pid, {"scheme": "social_pension", "monthly_amount": 500000, "channel": "bank_account"}
    )
    store.record_payment(benefit["id"], "2020-01", {"credited_on": "2020-01-10"})
    return benefit


@pytest.mark.parametrize("deleted", ["benefit", "household", "person"])
def test_the_report_leaves_out_payments_of_deleted_records(open_demo, deleted):
    store = open_demo("lead")
    benefit = _paid_benefit(store)
    rows = store.payment_rows("2020-01", "2020-01")
    assert [r["person_id"] for r in rows] == [benefit["person_id"]]
    # Only the one record is deleted (a tombstone as it arrives from another laptop): the
    # payment itself and the other records stay live.
    target = {
        "benefit": benefit["id"],
        "household": benefit["household_id"],
        "person": benefit["person_id"],
    }[deleted]
    store._update(deleted, target, {}, delete=True)
    assert store.payment_rows("2020-01", "2020-01") == []


def _write_rows(path, rows):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


HEADER = [
    "STT", "Họ và tên", "Năm sinh", "Địa chỉ", "Tổ", "Chế độ", "Mức hưởng", "Hình thức nhận",
    "Ghi chú",
]  # fmt: skip


def test_tdp_4_is_the_only_village_numbered_4_and_new_villages_are_listed(open_demo, tmp_path):
    store = open_demo("admin")
    hang_buom = next(v for v in store.list_villages() if v["name"].endswith("số 4 Hàng Buồm"))
    store.add_village("Tổ dân phố số 12 Hàng Đào", "to_dan_pho")  # now two «Tổ … 12»
    path = _write_rows(
        tmp_path / "tdp.xlsx",
        [
            HEADER,
            [1, "Nguyễn Văn Ất", 1945, "12 Hàng Buồm", "TDP 4", "NCT", 500000, "Tiền mặt", None],
            [2, "Trần Thị Bính", 1950, "3 Ngõ Gạch", "Tổ 15", "NCT", 500000, "Tiền mặt", None],
            [3, "Lê Văn Canh", 1951, "5 Hàng Bè", "TDP 12", "NCT", 500000, "Tiền mặt", None],
        ],
    )
    p = preview(store, path)
    planned = store.villages_to_create(p.rows)
    assert planned == [{"name": "Tổ 15", "rows": [3]}, {"name": "TDP 12", "rows": [4]}]
    written = store.import_beneficiaries(p.rows)
    assert written["new_villages"] == ["Tổ 15", "TDP 12"]
    village = store.db.execute(
        "SELECT h.village_id FROM person p JOIN household h ON h.id = p.household_id"
        " WHERE p.full_name = 'Nguyễn Văn Ất'"
    ).fetchone()[0]
    assert village == hang_buom["id"]


def test_notes_of_a_repeated_row_go_to_the_person_and_no_account_number_is_stored(
    open_demo, tmp_path
):
    store = open_demo("admin")
    path = _write_rows(
        tmp_path / "trung.xlsx",
        [
            HEADER,
            [
                1,
                "Nguyễn Văn Ất",
                1945,
                "12 Hàng Buồm",
                "Tổ 9",
                "NCT",
                500000,
                "Chuyển khoản - 0123456789012",
                "mới",
            ],
            [2, "Nguyễn Văn Ất", 1945, "12 Hàng Buồm", "Tổ 9", "NCT", 500000, "Tiền mặt", "trùng?"],
        ],  # fmt: skip
    )
    store.import_beneficiaries(preview(store, path).rows)
    notes = store.db.execute(
        "SELECT notes FROM person WHERE full_name = 'Nguyễn Văn Ất' AND deleted = 0"
    ).fetchall()
    assert len(notes) == 1 and "trùng?" in notes[0][0] and "mới" in notes[0][0]
    benefit = store.db.execute(
        "SELECT b.channel, b.account_last4, b.notes FROM benefit b JOIN person p ON p.id = b.person_id"
        " WHERE p.full_name = 'Nguyễn Văn Ất'"
    ).fetchone()
    assert benefit[0] == "bank_account" and benefit[1] == "9012"
    assert "0123456789012" not in benefit[2] and "*********9012" in benefit[2]
    tables = [r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:  # nowhere: records, the change log, the audit trail, the search index
        rows = store.db.execute(f'SELECT * FROM "{table}"').fetchall()
        assert "0123456789012" not in repr(rows), table
    # Imported again: the note is there already, nothing is appended twice.
    store.import_beneficiaries(preview(store, path).rows)
    again = store.db.execute(
        "SELECT notes FROM person WHERE full_name = 'Nguyễn Văn Ất' AND deleted = 0"
    ).fetchone()[0]
    assert again.count("trùng?") == 1
