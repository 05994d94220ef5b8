"""The city server's side of USB bundles: import, receipt bundles, gaps, and every refusal.

Real files and a real server database; the laptop is the simulated one of ``server_helpers``
(its own keys, enrolled over HTTP), which writes bundles with the same code as the real app.
"""

from __future__ import annotations

import http.client as http_client
import json
import os
import struct
import subprocess
import sys
import uuid
import zlib
from pathlib import Path

import pytest
from server_helpers import BA_DINH, HOAN_KIEM, household, new_id, server_rows

from city_server.bundles import (
    MAX_BUNDLE_BYTES,
    BundleRefused,
    import_bundle,
    import_bundle_report,
)
from desktop_app.core import bundle as bundlemod
from desktop_app.core.canonical import canonical_json
from desktop_app.core.keys import load_sign_public
from desktop_app.sync.bundles import build_payload

ROOT = Path(__file__).resolve().parents[2]


# ------------------------------------------------------------------------------------- helpers


def batches_of(laptop, changes, size=2):
    """The changes cut into batches like the laptop's outbox does."""
    return [laptop.batch(changes[i : i + size]) for i in range(0, len(changes), size)]


def write(laptop, server, folder, batch_list, *, pull_since=0, **over) -> Path:
    """A real bundle file from ``laptop`` holding the batches of ``batch_list``."""
    bundle_id = str(uuid.uuid4())
    payload = build_payload(laptop.device_id, bundle_id, batch_list, pull_since)
    payload.update(over)
    return bundlemod.write_bundle(
        folder,
        kind="changes",
        payload=payload,
        sender_id=laptop.device_id,
        recipient_id="server",
        sender_sign_key=laptop.sign,
        recipient_box_public=server.storage.server_keys().box.public_key(),
        bundle_id=bundle_id,
    )


def read_receipt(laptop, server, path) -> bundlemod.Bundle:
    """Open a receipt bundle as the laptop does."""
    server_key = load_sign_public(server.storage.server_keys().sign_public_b64)
    return bundlemod.read_bundle(
        path,
        recipient_box_private=laptop.box,
        sender_sign_public_lookup=lambda s: server_key if s == "server" else None,
        expected_recipient=laptop.device_id,
        expected_kind="receipt",
    )


def snapshot(server) -> dict:
    """Everything an import could change."""
    tables = ("batches", "changes", "records", "device_seqs", "bundle_imports", "bundle_cursors")
    counts = {t: server_rows(server.db, f"SELECT count(*) FROM {t}")[0][0] for t in tables}
    return {**server.storage.stats(), **counts}


@pytest.fixture
def folder(tmp_path) -> Path:
    """A USB stick."""
    d = tmp_path / "usb"
    d.mkdir()
    return d


@pytest.fixture
def laptop(make_laptop):
    """An enrolled laptop for Hoàn Kiếm."""
    return make_laptop("A", HOAN_KIEM)


def five_households(laptop):
    """Five new-household changes (seq 1..5)."""
    return [laptop.change("household", new_id(), 1, household()) for _ in range(5)]


# ------------------------------------------------------------------------------------- import


def test_import_applies_every_batch_and_writes_a_receipt_bundle(
    live_server, laptop, make_laptop, folder
):
    other = make_laptop("B", HOAN_KIEM)
    pushed = other.push([other.change("household", new_id(), 1, household(address="Ngõ B"))])
    assert pushed.status_code == 200
    far = make_laptop("C", BA_DINH)
    assert (
        far.push(
            [far.change("household", new_id(), 1, household(BA_DINH), commune=BA_DINH)]
        ).status_code
        == 200
    )

    path = write(laptop, live_server, folder, batches_of(laptop, five_households(laptop)))
    receipt_path = import_bundle(live_server.storage, path)
    assert receipt_path.parent == folder

    opened = read_receipt(laptop, live_server, receipt_path)
    receipt = opened.payload["receipt"]
    assert receipt["bundle_id"] == bundlemod.peek_header(path)["bundle_id"]
    assert [len(r["results"]) for r in receipt["receipts"]] == [2, 2, 1]
    assert {r["status"] for one in receipt["receipts"] for r in one["results"]} == {"accepted"}
    # only B's change: not the laptop's own, not another commune's
    assert [c["fields"]["address"] for c in opened.changes] == ["Ngõ B"]
    assert receipt["pull"] == {"since": 0, "next": 1, "more": False, "count": 1}
    assert receipt["gaps"] == [] and receipt["last_seq_seen"] == 5
    stats = live_server.storage.stats()
    assert stats["records"]["household"] == 7 and stats["batches"] == 5
    # the batches are recorded as coming from a bundle
    sources = server_rows(
        live_server.db,
        "SELECT source, count(*) FROM batches WHERE device_id = ? GROUP BY source",
        (laptop.device_id,),
    )
    assert dict(sources) == {"bundle": 3}


def test_the_server_keeps_a_pull_cursor_per_device(live_server, laptop, make_laptop, folder):
    other = make_laptop("B", HOAN_KIEM)
    for _ in range(3):
        other.push([other.change("household", new_id(), 1, household())])
    first = import_bundle_report(live_server.storage, write(laptop, live_server, folder, []))
    pull = read_receipt(laptop, live_server, first.data).payload["receipt"]["pull"]
    assert pull == {"since": 0, "next": 3, "more": False, "count": 3}
    # the laptop says it holds everything up to 3: only newer changes come back
    other.push([other.change("household", new_id(), 1, household())])
    second = import_bundle_report(
        live_server.storage, write(laptop, live_server, folder, [], pull_since=3)
    )
    opened = read_receipt(laptop, live_server, second.data)
    assert [c["server_seq"] for c in opened.changes] == [4]
    row = server_rows(
        live_server.db,
        "SELECT acked_seq, sent_seq FROM bundle_cursors WHERE device_id = ?",
        (laptop.device_id,),
    )[0]
    assert tuple(row) == (3, 4)
    # a receipt lost on the way: the laptop still says 3, so change 4 comes again
    again = import_bundle_report(
        live_server.storage, write(laptop, live_server, folder, [], pull_since=3)
    )
    assert [c["server_seq"] for c in read_receipt(laptop, live_server, again.data).changes] == [4]


def test_bundles_feed_the_gaps_report(live_server, laptop, folder):
    batches = batches_of(laptop, five_households(laptop))  # seqs 1-2, 3-4, 5
    import_bundle(live_server.storage, write(laptop, live_server, folder, [batches[0], batches[2]]))
    assert live_server.storage.device_gaps(laptop.device_id) == [(3, 4)]
    assert live_server.storage.device_missing(laptop.device_id) == 2  # the admin page's count
    gaps = subprocess.run(
        [sys.executable, "-m", "city_server", "gaps", "--db", str(live_server.db_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert f'"{laptop.device_id}"' in gaps.stdout and "[[3, 4]]" in gaps.stdout
    receipt = import_bundle(live_server.storage, write(laptop, live_server, folder, batches))
    assert live_server.storage.device_gaps(laptop.device_id) == []
    assert live_server.storage.device_missing(laptop.device_id) == 0
    assert read_receipt(laptop, live_server, receipt).payload["receipt"]["gaps"] == []


def test_the_same_bundle_twice_and_an_online_push_before_it_are_duplicates(
    live_server, laptop, http, folder
):
    changes = five_households(laptop)
    batches = batches_of(laptop, changes)
    # the first batch also went online
    body = canonical_json(batches[0])
    assert laptop.post_body(body).status_code == 200
    path = write(laptop, live_server, folder, batches)
    first = import_bundle_report(live_server.storage, path)
    assert first.summary["duplicate_batches"] == 1 and first.summary["applied_batches"] == 2
    assert first.summary["already_received_online"] == 1
    assert first.summary["duplicate"] is False
    before = snapshot(live_server)
    second = import_bundle_report(live_server.storage, path)
    assert second.summary["duplicate"] is True and second.summary["previous_imports"] == 1
    after = snapshot(live_server)
    assert after == before
    # the receipts inside are the stored ones, byte for byte the same
    r1 = read_receipt(laptop, live_server, first.data).payload["receipt"]["receipts"]
    r2 = read_receipt(laptop, live_server, second.data).payload["receipt"]["receipts"]
    assert r1 == r2


def test_an_older_bundle_after_a_newer_one_is_a_duplicate(live_server, laptop, folder):
    batches = batches_of(laptop, five_households(laptop))
    older = write(laptop, live_server, folder, batches[:2])
    newer = write(laptop, live_server, folder, batches)  # a re-export: the same batch ids + more
    assert import_bundle_report(live_server.storage, newer).summary["applied_batches"] == 3
    before = snapshot(live_server)
    late = import_bundle_report(live_server.storage, older)
    assert late.summary["duplicate"] is True and late.summary["duplicate_batches"] == 2
    after = snapshot(live_server)
    assert {k: v for k, v in after.items() if k != "bundle_imports"} == {
        k: v for k, v in before.items() if k != "bundle_imports"
    }


def test_the_same_changes_under_new_batch_ids_are_duplicates_record_by_record(
    live_server, laptop, folder
):
    changes = five_households(laptop)
    import_bundle(
        live_server.storage, write(laptop, live_server, folder, batches_of(laptop, changes))
    )
    before = server_rows(live_server.db, "SELECT count(*) FROM changes")[0][0]
    again = import_bundle_report(
        live_server.storage, write(laptop, live_server, folder, batches_of(laptop, changes))
    )
    assert again.summary["duplicate"] is True
    assert again.summary["results"] == {"accepted": 0, "duplicate": 5, "conflict": 0, "rejected": 0}
    after = server_rows(live_server.db, "SELECT count(*) FROM changes")[0][0]
    assert after == before
    assert live_server.storage.stats()["records"]["household"] == 5


# ----------------------------------------------------------------------------------- refusals


def _flip(data: bytes, region: str) -> bytes:
    header_len = struct.unpack_from(">I", data, 10)[0]
    header_end = 14 + header_len
    at = {
        "header": data.index(b'"created_at":"') + len('"created_at":"'),  # the year's first digit
        "header_structure": 14,  # the opening brace
        "version": 9,
        "wrapped_key": header_end + 32 + 12 + 7,
        "ciphertext": header_end + 104 + 10,
        "signature": len(data) - 10,
    }[region]
    out = bytearray(data)
    out[at] ^= 0x03 if region == "version" else 0x01  # version 1 -> 2, "made by a newer app"
    return bytes(out)


def _bomb(laptop, server) -> bytes:
    """A validly signed bundle whose payload inflates far beyond what its header declares."""
    body = zlib.compress(b"[" * (64 * 1024 * 1024), 9)
    header = {
        "bundle_id": str(uuid.uuid4()),
        "kind": "changes",
        "sender": laptop.device_id,
        "recipient": "server",
        "created_at": "2026-11-27T10:00:00+00:00",
        "seq_from": 1,
        "seq_to": 1,
        "counts": {"changes": 1},
        "protocol": 1,
        "schema": 2,
        "compression": "zlib",
        "cipher": bundlemod.CIPHER,
        "signature": "ed25519",
        "payload_size": 1000,
        "compressed_size": len(body),
        "payload_sha256": "0" * 64,
    }
    box = server.storage.server_keys().box.public_key()
    return bundlemod._assemble(header, body, laptop.sign, box).data


REFUSALS = {
    "truncated": "truncated",
    "header": "bad_signature",
    "header_structure": "bad_header",
    "version": "newer_version",
    "wrapped_key": "bad_signature",
    "ciphertext": "bad_signature",
    "signature": "bad_signature",
    "unknown_device": "unknown_sender",
    "revoked_device": "device_revoked",
    "bomb": "bomb",
    "not_a_bundle": "not_bundle",
    "empty_file": "truncated",
    "too_large": "too_large",
    "other_recipient": "wrong_recipient",
    "receipt_kind": "wrong_kind",
    "bad_batch_index": "bad_payload",
    "one_bad_envelope": "invalid_batch",
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_refused_bundle_applies_nothing_and_says_why(
    case, live_server, laptop, make_laptop, folder
):
    good = write(laptop, live_server, folder, batches_of(laptop, five_households(laptop)))
    data = good.read_bytes()
    if case == "truncated":
        data = data[: len(data) - 100]
    elif case in (
        "header",
        "header_structure",
        "version",
        "wrapped_key",
        "ciphertext",
        "signature",
    ):
        data = _flip(data, case)
    elif case == "unknown_device":
        stranger = make_laptop("X", HOAN_KIEM)
        stranger.device_id = str(uuid.uuid4())  # keys the server has never seen
        data = write(
            stranger, live_server, folder, batches_of(stranger, five_households(stranger))
        ).read_bytes()
    elif case == "revoked_device":
        assert live_server.storage.revoke_device(laptop.device_id, "2026-11-27T10:00:00+00:00")
    elif case == "bomb":
        data = _bomb(laptop, live_server)
    elif case == "not_a_bundle":
        data = "Danh sách hộ nghèo\nNguyễn Văn A;001099012345\n".encode()
    elif case == "empty_file":
        data = b""
    elif case == "too_large":
        data = None
        sparse = folder / "huge.ttb"
        with open(sparse, "wb") as f:
            f.truncate(MAX_BUNDLE_BYTES + 1)
    elif case in ("other_recipient", "receipt_kind"):
        batch = batches_of(laptop, five_households(laptop))[0]
        data = bundlemod.encode_bundle(
            kind="changes" if case == "other_recipient" else "receipt",
            payload=batch if case == "other_recipient" else {"receipt": {}, "changes": []},
            sender_id=laptop.device_id,
            recipient_id="another-server" if case == "other_recipient" else "server",
            sender_sign_key=laptop.sign,
            recipient_box_public=live_server.storage.server_keys().box.public_key(),
        )
    elif case == "bad_batch_index":
        batches = batches_of(laptop, five_households(laptop))
        data = write(
            laptop, live_server, folder, batches, batches=[{"batch_id": "x", "changes": 9}]
        ).read_bytes()
    elif case == "one_bad_envelope":
        batches = batches_of(laptop, five_households(laptop))
        batches[2] = {**batches[2], "seq_from": 0}  # signed by the device, but malformed
        data = write(laptop, live_server, folder, batches).read_bytes()
    target = folder / "huge.ttb" if data is None else folder / "incoming.ttb"
    if data is not None:
        target.write_bytes(data)
    (folder / "out").mkdir()
    before = snapshot(live_server)
    with pytest.raises((bundlemod.BundleError, BundleRefused)) as info:
        import_bundle(live_server.storage, target, folder / "out")
    assert info.value.code == REFUSALS[case]
    assert info.value.message("vi") and info.value.message("en")
    assert snapshot(live_server) == before
    assert list((folder / "out").iterdir()) == []


def test_a_missing_receipt_folder_is_refused_before_anything_is_applied(
    live_server, laptop, folder
):
    path = write(laptop, live_server, folder, batches_of(laptop, five_households(laptop)))
    before = snapshot(live_server)
    with pytest.raises(BundleRefused) as info:
        import_bundle(live_server.storage, path, folder / "unplugged-stick")
    assert info.value.code == "receipt_folder_missing"
    assert snapshot(live_server) == before


def test_the_command_line_prints_the_receipt_or_refuses(live_server, laptop, folder):
    path = write(laptop, live_server, folder, batches_of(laptop, five_households(laptop)))
    out = folder / "receipts"
    out.mkdir()

    def run(*args):
        env = {k: v for k, v in os.environ.items() if not k.startswith("TANTAY_")}
        return subprocess.run(
            [sys.executable, "-m", "city_server", "import-bundle", *map(str, args)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=60,
        )

    ok = run(path, "--db", live_server.db_path, *live_server.keys_args, "--receipt-out", out)
    assert ok.returncode == 0, ok.stderr
    receipt = Path(ok.stdout.strip())
    assert receipt.parent == out and receipt.is_file()
    # in words, Vietnamese first (the eleventh tryout: one JSON line for a commune clerk)
    said = ok.stderr.splitlines()
    assert said[0].startswith("Đã nhập gói của máy «") and "nhận 5" in said[0], said
    assert said[1].startswith("Imported the bundle of laptop “") and "accepted 5" in said[1]
    assert json.loads(said[2])["results"]["accepted"] == 5
    assert read_receipt(laptop, live_server, receipt).payload["receipt"]["last_seq_seen"] == 5
    # the same bundle again: said so, without counts that do not add up (the thirteenth tryout)
    again = run(path, "--db", live_server.db_path, *live_server.keys_args, "--receipt-out", out)
    assert again.returncode == 0, again.stderr
    said = again.stderr.splitlines()
    assert "đã được nhập trước đây: 5 thay đổi, không có gì mới" in said[0], said
    assert "was imported before: 5 changes, none new" in said[1]
    Path(again.stdout.strip()).unlink()  # its receipt: the folder is checked below
    junk = folder / "junk.ttb"
    junk.write_bytes(b"not a bundle at all")
    refused = run(junk, "--db", live_server.db_path, *live_server.keys_args, "--receipt-out", out)
    assert refused.returncode == 1
    assert "not_bundle" in refused.stderr and "not a Tận Tay bundle" in refused.stderr
    assert list(out.iterdir()) == [receipt]


def test_the_upload_endpoint(live_server, laptop, http, folder):
    path = write(laptop, live_server, folder, batches_of(laptop, five_households(laptop)))
    response = http.post("/api/v1/bundles", content=path.read_bytes())
    assert response.status_code == 200, response.text
    opened = read_receipt(laptop, live_server, response.content)
    assert response.headers["x-tantay-receipt-bundle"] == opened.bundle_id
    assert len(opened.payload["receipt"]["receipts"]) == 3
    # a bundle may be bigger than a batch body
    assert MAX_BUNDLE_BYTES > 8 * 1024 * 1024
    refused = http.post("/api/v1/bundles", content=_flip(path.read_bytes(), "ciphertext"))
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "bad_signature"
    conn = http_client.HTTPConnection("127.0.0.1", live_server.port, timeout=30)
    conn.putrequest("POST", "/api/v1/bundles")
    conn.putheader("Content-Length", str(MAX_BUNDLE_BYTES + 1))
    conn.endheaders()  # no body follows: the declared size alone is refused
    too_big = conn.getresponse()
    assert too_big.status == 413 and b"body_too_large" in too_big.read()
    conn.close()
    live_server.storage.revoke_device(laptop.device_id, "2026-11-27T10:00:00+00:00")
    revoked = http.post("/api/v1/bundles", content=path.read_bytes())
    assert revoked.status_code == 403
    assert revoked.json()["error"]["code"] == "device_revoked"


def test_an_import_says_how_far_it_is(live_server, laptop, folder):
    """A commune's first bundle takes a minute on an old laptop: the import reports how many
    changes are in after each batch, and the command line shows it on one line of a terminal
    (rewritten in place, then cleared), never in a file or a pipe."""
    import io

    from city_server.cli import ImportProgress

    path = write(laptop, live_server, folder, batches_of(laptop, five_households(laptop)))
    told = []
    import_bundle_report(live_server.storage, path, folder, lambda d, t: told.append((d, t)))
    assert told == [(0, 5), (2, 5), (4, 5), (5, 5)]  # batches of two, then the end

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    shown = ImportProgress("1/2", screen, interval=0)
    for done, total in told:
        shown(done, total)
    shown.close()
    lines = screen.getvalue().split("\r")
    assert lines[1] == "Gói / bundle 1/2: đang nhập / importing 0/5 (0 %)"
    assert lines[4] == "Gói / bundle 1/2: đang nhập / importing 5/5 (100 %)"
    assert lines[-2].strip() == "" and lines[-1] == ""  # cleared for the words after it
    big = Terminal()
    ImportProgress("2/2", big, interval=0)(40_000, 100_000)
    assert "40.000/100.000 (40 %)" in big.getvalue()
    piped = io.StringIO()  # a pipe or a file: nothing
    quiet = ImportProgress("1/1", piped, interval=0)
    quiet(2, 5)
    quiet.close()
    assert piped.getvalue() == ""
