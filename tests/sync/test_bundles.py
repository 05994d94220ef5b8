"""USB bundles end to end: real laptop stores, a real city server, real files (no mocks).

Laptop A is enrolled once (online) and then syncs through bundles only; laptop B syncs online.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import httpx
import pytest

from city_server.bundles import import_bundle, import_bundle_report
from desktop_app.core import bundle as bundlemod
from desktop_app.core.canonical import canonical_json
from desktop_app.core.keys import load_sign_public
from desktop_app.core.text import fold
from desktop_app.store.bundle_log import BundleLogMixin
from desktop_app.store.demo import create_demo_store
from desktop_app.store.store import Store
from desktop_app.store.sync_access import for_sync
from desktop_app.sync.bundles import (
    BUNDLE_BATCH_SIZE,
    NotEnrolled,
    ReceiptRefused,
    export_bundle,
    import_receipt,
    unconfirmed_bundles,
)
from desktop_app.sync.client import SyncClient

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "demo1234"


# ------------------------------------------------------------------------------------- helpers


@pytest.fixture
def laptops(_demo_template, tmp_path, city, fast_kdf):
    """A: the demo data (120 households), enrolled, bundles only. B: a small store, online."""
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    shutil.copytree(_demo_template, a_dir)
    b_dir.mkdir()
    a = Store.open(a_dir, "admin", PASSWORD)
    SyncClient(a).enroll(city.url, city.code("00070"), "Laptop A")
    a.switch_user("lead", PASSWORD)
    create_demo_store(b_dir, kdf=fast_kdf).close()
    b = Store.open(b_dir, "admin", PASSWORD)
    SyncClient(b).enroll(city.url, city.code("00070"), "Laptop B")
    b.switch_user("lead", PASSWORD)
    yield a, b
    a.close()
    b.close()


@pytest.fixture
def stick(tmp_path) -> Path:
    """The USB stick (a folder)."""
    d = tmp_path / "usb"
    d.mkdir()
    return d


def outbox(store) -> dict:
    """Outbox entries by state."""
    return dict(store.db.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())


def server_counts(city) -> dict:
    """Server stats plus the feed: every stored change once (no version twice)."""
    conn = city.storage._conn()
    feed, distinct = conn.execute(
        "SELECT count(*), count(DISTINCT entity || '/' || record_id || '/' || version) FROM changes"
    ).fetchone()
    return {**city.storage.stats(), "feed": feed, "distinct": distinct}


def open_as_server(city, path) -> bundlemod.Bundle:
    """Decrypt a laptop's bundle with the server's key (what the server sees)."""
    return bundlemod.read_bundle(
        path,
        recipient_box_private=city.storage.server_keys().box,
        sender_sign_public_lookup=lambda s: (
            load_sign_public(city.storage.get_device(s).sign_public_key)
            if city.storage.get_device(s)
            else None
        ),
    )


def add_household(store, address: str, name: str) -> dict:
    """A new household with its head, as a volunteer would record it."""
    village = store.list_villages()[0]["id"]
    return store.add_household(
        {"village_id": village, "address": address},
        {"full_name": name, "birth_year": 1950, "sex": "female"},
    )


def run_cli(module: str, *args, password: str | None = None) -> subprocess.CompletedProcess:
    """``python -m module args`` as a real process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TANTAY_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    if password:
        env["TANTAY_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )


# ----------------------------------------------------------------------------------- the loop


def test_a_laptop_that_never_goes_online_stays_in_step_through_bundles(laptops, city, stick):
    a, b = laptops
    # B works online; A works offline
    add_household(b, "Số 1 ngõ Online", "Trần Thị Mạng")
    SyncClient(b).sync()
    add_household(a, "Xóm Đê, cạnh cây đa", "Lê Văn Gói")
    pending = a.pending_changes()
    assert pending > BUNDLE_BATCH_SIZE

    path = export_bundle(a, stick)
    receipt_path = import_bundle(city.storage, path, stick)
    summary = import_receipt(a, receipt_path)

    assert outbox(a) == {"delivered": pending}
    assert summary["delivered"]["accepted"] == pending
    assert summary["incoming"]["applied"] >= 2  # B's household and person
    assert [h["address"] for h in a.search_households("so 1 ngo online")] == ["Số 1 ngõ Online"]
    assert unconfirmed_bundles(a) == []

    # second round: both edit again; B's new change reaches A, nothing old comes back
    add_household(b, "Số 2 ngõ Online", "Phạm Văn Hai")
    b_new = SyncClient(b).sync().pushed["accepted"]
    hid = a.households_page(limit=1)[0]["id"]
    a.update_household(hid, {"landmark": "Sau nhà văn hoá"})
    second = import_receipt(a, import_bundle(city.storage, export_bundle(a, stick), stick))
    assert second["delivered"] == {
        "accepted": 1,
        "duplicate": 0,
        "conflict": 0,
        "rejected": 0,
        "retry": 0,
        "unknown": 0,
    }
    assert second["incoming"]["applied"] == b_new == 3  # household, head person, household v2
    assert a.pending_changes() == 0
    assert a.search_households("so 2 ngo online")

    # the server holds every change exactly once, and sees no gap in A's sequence
    counts = server_counts(city)
    b_total = b.db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    assert counts["feed"] == counts["distinct"] == pending + 1 + b_total
    assert counts["conflicts"] == counts["rejected_total"] == 0
    stats = json.loads(run_cli("city_server", "stats", "--db", city.db_path).stdout)
    assert stats["records"]["household"] == a.count_households() == 120 + 1 + 2
    gaps = json.loads(run_cli("city_server", "gaps", "--db", city.db_path).stdout)
    a_id = a.sync_state()["server_device_id"]
    assert gaps[a_id]["gaps"] == [] and gaps[a_id]["last_seq_seen"] == pending + 1
    # and B, online, has A's changes as usual
    SyncClient(b).sync()
    assert b.count_households() == a.count_households()
    assert b.household(hid)["landmark"] == "Sau nhà văn hoá"


def test_export_is_batches_of_500_under_the_outbox_batch_ids_logged_and_audited(
    laptops, city, stick
):
    a, _ = laptops
    pending = a.pending_changes()
    progress = []
    path = export_bundle(a, stick, progress=lambda done, total: progress.append((done, total)))
    assert progress[-1] == (pending + 1, pending + 1)
    opened = open_as_server(city, path)
    payload = opened.payload
    assert opened.kind == "changes" and opened.header["recipient"] == "server"
    assert payload["device_id"] == opened.sender == a.sync_state()["server_device_id"]
    assert len(payload["changes"]) == pending == sum(b["changes"] for b in payload["batches"])
    assert all(b["changes"] <= BUNDLE_BATCH_SIZE for b in payload["batches"])
    sending = dict(
        a.db.execute("SELECT batch_id, count(*) FROM outbox GROUP BY batch_id").fetchall()
    )
    assert {b["batch_id"]: b["changes"] for b in payload["batches"]} == sending
    assert payload["pull_since"] == 0
    (entry,) = unconfirmed_bundles(a)
    assert entry["bundle_id"] == opened.bundle_id and entry["changes"] == pending
    assert entry["exists"] and entry["path"] == str(path)
    row = a.db.execute(
        "SELECT detail FROM audit_log WHERE action = 'export.bundle' ORDER BY id DESC"
    ).fetchone()
    assert json.loads(row[0])["bundle_id"] == opened.bundle_id
    assert a.verify_audit().ok


def test_bundle_batches_are_exactly_what_batches_for_bundle_returns(laptops):
    a, _ = laptops
    add_household(a, "Ngõ So Sánh", "Mai Thị Bằng")
    for_sync(a)
    fast = BundleLogMixin.bundle_batches(a, BUNDLE_BATCH_SIZE)
    assert canonical_json(fast) == canonical_json(a.batches_for_bundle(BUNDLE_BATCH_SIZE))
    assert len(fast) > 2 and all(len(b["changes"]) <= BUNDLE_BATCH_SIZE for b in fast)


def test_an_export_copies_canonical_outbox_texts_and_re_encodes_the_rest(laptops, city, stick):
    """The outbox keeps new changes as canonical text, marked sendable when the consent rules
    leave them as they are (schema v7), and the export copies those into the bundle unparsed;
    rows written before v7 (json.dumps with spaces) are re-encoded, and a person's change still
    leaves with the consent rules applied. The payload must be exactly the
    canonical JSON of what the online path would send."""
    a, _ = laptops
    legacy = [
        (json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True), seq)
        for seq, text in a.db.execute("SELECT seq, change FROM outbox_change WHERE seq % 3 = 0")
    ]
    assert legacy and all(", " in text for text, _ in legacy)
    a.db.conn.executemany("UPDATE outbox_change SET change = ?, sendable = 0 WHERE seq = ?", legacy)
    assert a.db.execute("SELECT count(*) FROM outbox_change WHERE sendable = 1").fetchone()[0] > 100
    withheld = a.db.execute(
        "SELECT count(*) FROM person WHERE (consent_date IS NULL OR consent_date = ''"
        " OR consent_withdrawn_on IS NOT NULL AND consent_withdrawn_on != '') AND phones != '[]'"
    ).fetchone()[0]
    assert withheld > 0  # the demo data has people whose phone must not leave

    opened = open_as_server(city, export_bundle(a, stick))

    payload_bytes = canonical_json(opened.payload)
    assert hashlib.sha256(payload_bytes).hexdigest() == opened.header["payload_sha256"]
    online = [c for b in for_sync(a).batches_for_bundle(BUNDLE_BATCH_SIZE) for c in b["changes"]]
    assert opened.payload["changes"] == online
    left = [c for c in online if c["entity"] == "person" and c.get("withheld")]
    assert len(left) >= withheld and all(c["fields"]["phones"] == [] for c in left)


def test_a_cancelled_export_leaves_no_file_and_no_log_entry(laptops, city, stick):
    a, _ = laptops
    pending = a.pending_changes()
    with pytest.raises(bundlemod.BundleCancelled):
        export_bundle(a, stick, progress=lambda done, total: None, cancel=lambda: True)
    assert list(stick.iterdir()) == [] and unconfirmed_bundles(a) == []
    assert a.pending_changes() == pending  # still waiting, now under stable batch ids
    path = export_bundle(a, stick)
    assert open_as_server(city, path).header["counts"]["changes"] == pending


def test_an_unenrolled_laptop_cannot_export(open_demo, stick):
    store = open_demo("volunteer")
    with pytest.raises(NotEnrolled) as info:
        export_bundle(store, stick)
    assert "enrol" in info.value.message("en")
    assert list(stick.iterdir()) == [] and store.pending_changes() > 0


def test_a_bundle_holds_no_name_id_number_or_phone_in_any_scannable_form(laptops, city, stick):
    a, _ = laptops
    persons = a.db.execute("SELECT full_name, citizen_id, phones FROM person").fetchall()
    households = a.db.execute("SELECT '', NULL, phones FROM household").fetchall()
    secrets_: set[str] = set()
    for name, citizen_id, phones in persons + households:
        secrets_.update(v for v in (name, citizen_id) if v)
        for phone in json.loads(phones or "[]"):
            number = phone.get("number") if isinstance(phone, dict) else phone
            if number:
                secrets_.add(str(number))
    assert len(secrets_) > 300
    forms: set[bytes] = set()
    for text in secrets_:
        for variant in {text, unicodedata.normalize("NFD", text), fold(text), fold(text).upper()}:
            if len(variant) < 8:
                continue  # short strings occur in any random bytes by chance
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                forms.add(variant.encode(encoding))
    data = export_bundle(a, stick).read_bytes()
    leaks = [f for f in forms if f in data]
    assert leaks == []
    # the scan itself works: the same forms are found in the decrypted payload
    plain = json.dumps(open_as_server(city, data).payload, ensure_ascii=False).encode()
    assert sum(1 for f in forms if f in plain) > 300


def test_reexport_carries_the_same_unconfirmed_batches_and_one_receipt_confirms_both(
    laptops, city, stick
):
    a, _ = laptops
    first = export_bundle(a, stick)
    add_household(a, "Ngõ Mới", "Đỗ Thị Thêm")
    second = export_bundle(a, stick)
    assert [b["path"] for b in unconfirmed_bundles(a)] == [str(first), str(second)]
    ids1 = [b["batch_id"] for b in open_as_server(city, first).payload["batches"]]
    ids2 = [b["batch_id"] for b in open_as_server(city, second).payload["batches"]]
    assert ids2[: len(ids1)] == ids1 and len(ids2) == len(ids1) + 1
    summary = import_receipt(a, import_bundle(city.storage, second, stick))
    assert set(summary["confirmed_bundles"]) == {
        open_as_server(city, first).bundle_id,
        open_as_server(city, second).bundle_id,
    }
    assert unconfirmed_bundles(a) == [] and a.pending_changes() == 0


def test_an_empty_bundle_asks_for_the_other_devices_changes(laptops, city, stick):
    a, b = laptops
    import_receipt(a, import_bundle(city.storage, export_bundle(a, stick), stick))
    assert a.pending_changes() == 0
    add_household(b, "Số 9 phố Huế", "Vũ Thị Chín")
    b_sent = SyncClient(b).sync().pushed["accepted"]  # its villages too: its first sync
    path = export_bundle(a, stick)
    assert open_as_server(city, path).header["counts"]["changes"] == 0
    summary = import_receipt(a, import_bundle(city.storage, path, stick))
    assert summary["incoming"]["applied"] == b_sent
    assert a.search_households("so 9 pho hue")
    assert int(a.sync_state()["pull_since"]) == city.storage.max_server_seq()


# -------------------------------------------------------------------------------- mixed paths


def test_a_bundle_arriving_after_the_same_changes_went_online_is_a_duplicate(laptops, city, stick):
    a, _ = laptops
    path = export_bundle(a, stick)
    SyncClient(a).push()  # the laptop found a connection after all: same batch ids
    assert a.pending_changes() == 0
    before = server_counts(city)
    result = import_bundle_report(city.storage, path, stick)
    assert result.summary["duplicate"] is True, result.summary
    assert result.summary["duplicate_batches"] == result.summary["batches"]
    assert result.summary["already_received_online"] == result.summary["batches"]
    assert server_counts(city) == before
    states = outbox(a)
    summary = import_receipt(a, result.path)
    assert summary["duplicate"] is True and summary["delivered"].get("accepted", 0) == 0
    assert outbox(a) == states
    assert unconfirmed_bundles(a) == []


def test_a_bundle_imported_twice_changes_nothing_the_second_time(laptops, city, stick):
    a, _ = laptops
    path = export_bundle(a, stick)
    first = import_bundle_report(city.storage, path, stick)
    assert first.summary["duplicate"] is False
    before = server_counts(city)
    again = import_bundle_report(city.storage, path, stick)
    assert again.summary["duplicate"] is True and again.summary["previous_imports"] == 1
    assert server_counts(city) == before
    # the laptop: the first receipt applies, the second changes nothing, the first again neither
    import_receipt(a, first.path)
    states = outbox(a)
    assert import_receipt(a, again.path)["duplicate"] is True
    assert import_receipt(a, first.path)["duplicate"] is True
    assert outbox(a) == states == {"delivered": sum(states.values())}


def test_bundles_out_of_order_change_nothing_the_second_time(laptops, city, stick):
    a, b = laptops
    older = export_bundle(a, stick)
    add_household(a, "Ngõ Sau", "Ngô Văn Sau")
    newer = export_bundle(a, stick)  # holds the older one's batches too
    r_newer = import_bundle_report(city.storage, newer, stick)
    assert r_newer.summary["duplicate"] is False
    before = server_counts(city)
    r_older = import_bundle_report(city.storage, older, stick)
    assert r_older.summary["duplicate"] is True
    assert server_counts(city) == before
    # receipts out of order on the laptop too; B's change in between must not be replayed
    add_household(b, "Số 3 ngõ Online", "Hồ Thị Ba")
    SyncClient(b).sync()
    r_latest = import_bundle_report(city.storage, export_bundle(a, stick), stick)
    import_receipt(a, r_latest.path)
    hid = a.search_households("so 3 ngo online")[0]["id"]
    a.update_household(hid, {"landmark": "Đối diện chợ"})  # an undelivered local edit
    states = outbox(a)
    for late in (r_newer.path, r_older.path):
        summary = import_receipt(a, late)
        assert summary["duplicate"] is True
        assert summary["incoming"] == {} and summary["delivered"].get("accepted", 0) == 0
    assert outbox(a) == states
    assert a.open_conflicts() == []
    assert a.household(hid)["landmark"] == "Đối diện chợ"


# ---------------------------------------------------------------------------------- refusals


def test_a_receipt_meant_for_another_device_is_refused_and_nothing_changes(laptops, city, stick):
    a, b = laptops
    receipt = import_bundle(city.storage, export_bundle(a, stick), stick)
    before = outbox(b)
    with pytest.raises(bundlemod.WrongRecipient):
        import_receipt(b, receipt)
    assert outbox(b) == before


@pytest.mark.parametrize("damage", ["truncated", "flipped", "changes_bundle", "not_a_bundle"])
def test_a_damaged_or_foreign_receipt_is_refused_and_nothing_changes(laptops, city, stick, damage):
    a, _ = laptops
    path = export_bundle(a, stick)
    receipt = import_bundle(city.storage, path, stick)
    data = bytearray(receipt.read_bytes())
    if damage == "truncated":
        bad = bytes(data[: len(data) // 2])
    elif damage == "flipped":
        data[len(data) // 2] ^= 0x40
        bad = bytes(data)
    elif damage == "changes_bundle":
        bad = path.read_bytes()  # the laptop's own bundle is no receipt
    else:
        bad = b"PK\x03\x04 not a bundle"
    before = outbox(a)
    with pytest.raises((bundlemod.BundleError, ReceiptRefused)) as info:
        import_receipt(a, bad)
    assert info.value.message("vi") and info.value.message("en")
    if damage == "changes_bundle":  # said as it is, not as a revoked device (eleventh tryout)
        assert isinstance(info.value, bundlemod.OwnBundle)
        assert "máy này đã xuất" in info.value.message("vi") and "tantay-receipt-" in str(
            info.value.message("vi")
        )
    assert outbox(a) == before and a.pending_changes() == sum(before.values())
    assert unconfirmed_bundles(a)


# -------------------------------------------------------------------------- CLI and upload


def test_command_line_export_import_receipt(laptops, city, stick):
    a, _ = laptops
    data_dir, pending = a.data_dir, a.pending_changes()
    a.close()
    out = run_cli(
        "desktop_app",
        "--data-dir",
        data_dir,
        "--user",
        "volunteer",
        "export-bundle",
        "--out",
        stick,
        password=PASSWORD,
    )
    assert out.returncode == 0, out.stderr
    path = Path(out.stdout.splitlines()[0])
    assert path.is_file() and path.parent == stick
    # --list alone lists what waits for a receipt and writes nothing (the eleventh tryout: it
    # demanded --out, then wrote a new bundle); neither option says what to give
    base = ("desktop_app", "--data-dir", data_dir, "--user", "volunteer", "export-bundle")
    listed = run_cli(*base, "--list", password=PASSWORD)
    assert listed.returncode == 0, listed.stderr
    assert str(path) in listed.stdout and sorted(stick.iterdir()) == [path]
    # on this laptop's clock, as everywhere else (the sixteenth tryout read "+00:00" here)
    assert re.search(r"^  \d\d/\d\d/\d{4} \d\d:\d\d  ", listed.stdout, re.M), listed.stdout
    assert "+00:00" not in listed.stdout and "không còn" not in listed.stdout
    moved = path.rename(stick / "elsewhere.bin")  # the stick wiped since
    listed = run_cli(*base, "--list", password=PASSWORD)
    assert f"{path}  (tệp không còn ở đó)" in listed.stdout
    moved.rename(path)
    bare = run_cli(*base, password=PASSWORD)
    assert bare.returncode == 2 and "--out" in bare.stdout and "--list" in bare.stdout
    assert sorted(stick.iterdir()) == [path]
    receipts = stick / "receipts"
    receipts.mkdir()
    imported = run_cli(
        "city_server",
        "import-bundle",
        path,
        "--db",
        city.db_path,
        *city.keys_args,
        "--receipt-out",
        receipts,
    )
    assert imported.returncode == 0, imported.stderr
    receipt = Path(imported.stdout.strip())
    assert receipt.parent == receipts and receipt.name.startswith("tantay-receipt-")
    back = run_cli(
        "desktop_app",
        "--data-dir",
        data_dir,
        "--lang",
        "en",
        "--user",
        "volunteer",
        "import-receipt",
        receipt,
        password=PASSWORD,
    )
    assert back.returncode == 0, back.stderr
    assert f"The server confirmed {pending} changes" in back.stdout
    listed = run_cli(*base, "--list", password=PASSWORD)
    assert listed.returncode == 0 and "Không có gói nào đang chờ biên nhận" in listed.stdout
    refused = run_cli(
        "city_server",
        "import-bundle",
        receipt,
        "--db",
        city.db_path,
        *city.keys_args,
        "--receipt-out",
        receipts,
    )
    assert refused.returncode != 0 and "refused" in refused.stderr
    store = Store.open(data_dir, "lead", PASSWORD)
    try:
        assert store.pending_changes() == 0
    finally:
        store.close()


def test_upload_endpoint_answers_the_receipt_bundle(laptops, city, stick):
    a, _ = laptops
    data = export_bundle(a, stick).read_bytes()
    response = httpx.post(city.url + "/api/v1/bundles", content=data, timeout=60)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/octet-stream"
    summary = import_receipt(a, response.content)
    assert a.pending_changes() == 0 and summary["pending_after"] == 0
    assert response.headers["x-tantay-receipt-bundle"] == summary["receipt_id"]
    garbage = httpx.post(city.url + "/api/v1/bundles", content=b"hello", timeout=60)
    assert garbage.status_code == 400
    assert garbage.json()["error"]["code"] == "not_bundle"


def test_bundles_imported_in_one_command_each_bring_back_the_others_changes(laptops, city, stick):
    """The sixteenth tryout: two laptops' bundles imported one after the other, and the first
    one's receipt said "0 changes from other laptops" — the second laptop's work reached it only
    on the next trip. Named together, every receipt is written once all are in."""
    a, b = laptops
    pa = export_bundle(a, stick)  # A: its whole demo data
    made = add_household(b, "Số 12 Hàng Bè", "Phạm Thị Quế")
    pb = export_bundle(b, stick)  # B: one new household
    receipts = stick / "receipts"
    receipts.mkdir()
    junk = stick / "junk.ttb"
    junk.write_bytes(b"not a bundle at all")
    base = ("city_server", "import-bundle")
    (stick / "tantay-receipt-old.ttb").write_bytes(b"an old receipt left on the stick")
    # a receipt folder that is not there: refused before any bundle is applied (the eighteenth
    # tryout: the first bundle was applied, its receipt never written)
    before = server_counts(city)
    missing = run_cli(*base, pa, pb, "--db", city.db_path, *city.keys_args,
                      "--receipt-out", stick / "no-such-folder")  # fmt: skip
    assert missing.returncode == 1 and "nothing was imported" in missing.stderr
    assert server_counts(city) == before and missing.stdout == ""
    # as typed at a Windows prompt, which passes the * on: the command expands it, receipts out
    done = run_cli(*base, stick / "tantay-*.ttb", junk, pa, "--db", city.db_path,
                   *city.keys_args, "--receipt-out", receipts)  # fmt: skip
    assert done.returncode == 1  # the junk file: refused, said, and the others imported
    assert f"{junk}: refused (not_bundle)" in done.stderr
    paths = [Path(line) for line in done.stdout.splitlines()]
    assert len(paths) == 2 and sorted(receipts.iterdir()) == sorted(paths)  # no stale receipt
    said = done.stderr.splitlines()
    named = [line for line in said if line.startswith("Imported the bundle of laptop “")]
    ids = {re.search(r"“Laptop [AB] \(([0-9a-f]{8})\)”", line).group(1) for line in named}
    assert len(ids) == 2  # the laptops' names may be alike: the start of their ids tells them apart
    mine = {
        store: next(p for p in paths if store._sync_get("server_device_id") in p.name)
        for store in (a, b)
    }
    summary_a = import_receipt(a, mine[a])
    assert summary_a["pending_after"] == 0
    assert a.household(made["household"]["id"])["address"] == "Số 12 Hàng Bè"  # B's, at once
    import_receipt(b, mine[b])
    assert b.pending_changes() == 0
