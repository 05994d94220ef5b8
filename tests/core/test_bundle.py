"""USB bundles: round trips, and every way a file on a stick can be wrong."""

from __future__ import annotations

import hashlib
import os
import random
import re
import tracemalloc
import unicodedata
import uuid
import zlib
from pathlib import Path

import pytest

from desktop_app.core import bundle, keys
from desktop_app.core.bundle import (
    KEY_BLOCK_LEN,
    MAGIC,
    PREFIX_LEN,
    Bundle,
    BundleError,
    encode_bundle,
    peek_header,
    read_bundle,
    write_bundle,
)
from desktop_app.core.canonical import canonical_json
from desktop_app.core.errors import KnownError

DEVICE = "0190f5c2-7a1b-7c3d-8e4f-0123456789ab"
OTHER_DEVICE = "0190f5c2-7a1b-7c3d-8e4f-ba9876543210"

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLES = ["Thị", "Văn", "Đức", "Minh", "Ngọc", "Hữu"]
GIVENS = ["Hoà", "Hùng", "Lan", "Đạt", "Hương", "Tuấn", "Quỳnh", "Phúc", "Thảo", "Yến"]


# ------------------------------------------------------------------------------------- helpers


class Keys:
    def __init__(self):
        self.device_sign = keys.generate_sign_key()
        self.device_box = keys.generate_box_key()
        self.server_sign = keys.generate_sign_key()
        self.server_box = keys.generate_box_key()

    def lookup(self, sender):
        return {DEVICE: self.device_sign.public_key(), "server": self.server_sign.public_key()}.get(
            sender
        )


@pytest.fixture(scope="module")
def k():
    return Keys()


def person_change(rng: random.Random, seq: int) -> dict:
    name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVENS)}"
    return {
        "entity": "person",
        "id": str(uuid.UUID(int=rng.getrandbits(128))),
        "version": 2,
        "base_version": 1,
        "fields": {
            "household_id": str(uuid.UUID(int=rng.getrandbits(128))),
            "full_name": name,
            "given_name": name.split()[-1],
            "id_number": "0" + "".join(rng.choice("0123456789") for _ in range(11)),
            "phone": "09" + "".join(rng.choice("0123456789") for _ in range(8)),
            "note": "Bà cụ sống một mình, cần hỗ trợ rút tiền tại nhà.",
            "birth_year": rng.randint(1930, 2005),
        },
        "deleted": False,
        "updated_at": "2026-11-27T10:00:00.123456+00:00",
        "updated_by": "volunteer",
        "origin_device": DEVICE,
        "seq": seq,
        "commune_code": "00070",
    }


def make_batch(n: int = 3, seed: int = 7, first_seq: int = 1) -> dict:
    rng = random.Random(seed)
    return {
        "protocol": 1,
        "schema": 3,
        "device_id": DEVICE,
        "batch_id": str(uuid.UUID(int=rng.getrandbits(128))),
        "seq_from": first_seq,
        "seq_to": first_seq + n - 1,
        "changes": [person_change(rng, first_seq + i) for i in range(n)],
    }


def make_receipt(n: int = 2) -> dict:
    return {
        "receipt": {
            "batch_id": "b1",
            "accepted": ["a", "b"],
            "duplicate": [],
            "conflicts": [],
            "rejected": [{"id": "c", "reason": "bad id number"}],
        },
        "changes": [person_change(random.Random(3), i) for i in range(n)],
    }


def changes_bundle(k: Keys, batch: dict | None = None, **kw) -> bytes:
    return encode_bundle(
        kind="changes",
        payload=batch or make_batch(),
        sender_id=DEVICE,
        recipient_id="server",
        sender_sign_key=k.device_sign,
        recipient_box_public=k.server_box.public_key(),
        **kw,
    )


def read_as_server(k: Keys, source, **kw) -> Bundle:
    return read_bundle(
        source,
        recipient_box_private=k.server_box,
        sender_sign_public_lookup=k.lookup,
        expected_recipient="server",
        **kw,
    )


def refused(code: str, fn, *args, **kw) -> BundleError:
    with pytest.raises(BundleError) as info:
        fn(*args, **kw)
    err = info.value
    assert err.code == code, f"expected {code}, got {err.code}: {err.detail}"
    assert isinstance(err, KnownError)
    assert err.message("vi") and err.message("en") and err.message("vi") != err.message("en")
    return err


def forge(k: Keys, body: bytes, **header_changes) -> bytes:
    """Test-only: a validly signed and encrypted bundle with an arbitrary compressed body.

    Starts from the header of a real bundle and replaces the given fields, so only the chosen
    inconsistency is present.
    """
    header = dict(peek_header(changes_bundle(k)))
    header.update(compressed_size=len(body), **header_changes)
    return bundle._assemble(header, body, k.device_sign, k.server_box.public_key()).data


def regions(data: bytes) -> dict[str, range]:
    header_end = PREFIX_LEN + int.from_bytes(data[10:14], "big")
    return {
        "magic": range(0, 8),
        "version": range(8, 10),
        "header_length": range(10, 14),
        "header": range(14, header_end),
        "key_block": range(header_end, header_end + KEY_BLOCK_LEN),
        "ciphertext": range(header_end + KEY_BLOCK_LEN, len(data) - 64),
        "signature": range(len(data) - 64, len(data)),
    }


def flipped(data: bytes, index: int, mask: int = 0x01) -> bytes:
    return data[:index] + bytes([data[index] ^ mask]) + data[index + 1 :]


# ---------------------------------------------------------------------------------- round trips


def test_changes_bundle_round_trip_through_a_real_file(tmp_path, k):
    batch = make_batch(5, first_seq=17)

    path = write_bundle(
        tmp_path,
        kind="changes",
        payload=batch,
        sender_id=DEVICE,
        recipient_id="server",
        sender_sign_key=k.device_sign,
        recipient_box_public=k.server_box.public_key(),
    )

    assert path.parent == tmp_path
    assert re.fullmatch(rf"tantay-{DEVICE}-17-21-[0-9a-f]{{8}}\.ttb", path.name)
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary left
    got = read_as_server(k, path, expected_kind="changes")
    assert got.payload == batch
    assert got.kind == "changes" and got.sender == DEVICE and got.changes == batch["changes"]
    assert got.header["recipient"] == "server"
    assert (got.header["seq_from"], got.header["seq_to"]) == (17, 21)
    assert got.header["counts"] == {"changes": 5}
    assert (got.header["protocol"], got.header["schema"]) == (1, 3)
    assert got.header["payload_size"] == len(canonical_json(batch))
    assert got.header["payload_sha256"] == hashlib.sha256(canonical_json(batch)).hexdigest()
    assert path.name.endswith(f"-{got.bundle_id.replace('-', '')[:8]}.ttb")
    assert peek_header(path) == got.header


def test_receipt_bundle_round_trip_from_server_to_device(tmp_path, k):
    receipt = make_receipt()

    path = write_bundle(
        tmp_path,
        kind="receipt",
        payload=receipt,
        sender_id="server",
        recipient_id=DEVICE,
        sender_sign_key=k.server_sign,
        recipient_box_public=k.device_box.public_key(),
        seq_from=1,
        seq_to=40,
    )

    assert re.fullmatch(rf"tantay-receipt-{DEVICE}-1-40-[0-9a-f]{{8}}\.ttb", path.name)
    got = read_bundle(
        path,
        recipient_box_private=k.device_box,
        sender_sign_public_lookup=k.lookup,
        expected_recipient=DEVICE,
        expected_kind="receipt",
    )
    assert got.payload == receipt
    assert got.kind == "receipt" and got.sender == "server"


def test_write_to_an_explicit_file_name(tmp_path, k):
    target = tmp_path / "my-copy.ttb"

    path = write_bundle(
        target,
        kind="receipt",
        payload=make_receipt(0),
        sender_id="server",
        recipient_id=DEVICE,
        sender_sign_key=k.server_sign,
        recipient_box_public=k.device_box.public_key(),
    )

    assert path == target
    assert peek_header(path)["seq_from"] is None
    assert bundle.bundle_file_name(peek_header(path)).startswith(f"tantay-receipt-{DEVICE}-x-x-")


def test_in_memory_round_trip_with_an_empty_batch(k):
    batch = make_batch(0)
    batch.update(seq_from=5, seq_to=4)

    data = changes_bundle(k, batch)

    assert read_as_server(k, data).payload == batch
    assert read_as_server(k, bytearray(data)).payload == batch


@pytest.mark.parametrize("n", [0, 1, 999, 1000, 1001, 2500])
def test_streamed_payload_json_is_byte_identical_to_canonical_json(n):
    batch = make_batch(n)
    batch["zzz_after_changes"] = {"đ": [1, 2.5, None, "Hoà"]}

    pieces = b"".join(bundle._payload_pieces(batch, None, lambda _n: None))

    assert pieces == canonical_json(batch)


def test_progress_reports_up_to_the_total_and_ends_when_the_file_is_verified(tmp_path, k):
    calls = []

    write_bundle(
        tmp_path,
        kind="changes",
        payload=make_batch(2500),
        sender_id=DEVICE,
        recipient_id="server",
        sender_sign_key=k.device_sign,
        recipient_box_public=k.server_box.public_key(),
        progress=lambda done, total: calls.append((done, total)),
    )

    assert calls[-1] == (2501, 2501)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert len(calls) >= 4
    assert {total for _, total in calls} == {2501}


def test_encode_refuses_inconsistent_arguments(k):
    with pytest.raises(ValueError):
        changes_bundle(k, seq_from=99)  # the batch says 1
    with pytest.raises(ValueError):
        encode_bundle(
            kind="changes",
            payload=make_batch(),
            sender_id=OTHER_DEVICE,  # the batch says DEVICE
            recipient_id="server",
            sender_sign_key=k.device_sign,
            recipient_box_public=k.server_box.public_key(),
        )
    with pytest.raises(ValueError):
        encode_bundle(
            kind="backup",
            payload=make_batch(),
            sender_id=DEVICE,
            recipient_id="server",
            sender_sign_key=k.device_sign,
            recipient_box_public=k.server_box.public_key(),
        )


# --------------------------------------------------------------------------------- bad files


def test_zero_byte_file_is_reported_as_incomplete(tmp_path, k):
    path = tmp_path / "tantay-empty.ttb"
    path.write_bytes(b"")

    refused("truncated", read_as_server, k, path)
    refused("truncated", peek_header, path)


@pytest.mark.parametrize(
    "content",
    [
        os.urandom(5000),
        b"\x89PNG\r\n\x1a\n" + os.urandom(200),
        "Danh sách hộ gia đình\nNguyễn Thị Hoà,0123\n".encode(),
        b"TANTAYX\x00" + os.urandom(100),
        b"X",
    ],
    ids=["random", "png", "csv", "near-magic", "one-byte"],
)
def test_a_file_that_is_not_a_bundle_is_refused(tmp_path, k, content):
    path = tmp_path / "something.ttb"
    path.write_bytes(content)

    err = refused("not_bundle", read_as_server, k, path)
    refused("not_bundle", peek_header, path)
    assert "Tận Tay" in err.message("vi")


def test_truncated_files_are_refused_at_every_kind_of_cut_point(tmp_path, k):
    data = changes_bundle(k)
    r = regions(data)
    cuts = {
        1,
        7,
        8,
        9,
        12,
        PREFIX_LEN,
        PREFIX_LEN + 5,
        r["header"].stop - 1,
        r["header"].stop,
        r["key_block"].start + 50,
        r["ciphertext"].start,
        (r["ciphertext"].start + r["ciphertext"].stop) // 2,
        r["signature"].start,
        len(data) - 1,
    }
    for cut in sorted(cuts):
        path = tmp_path / f"cut-{cut}.ttb"
        path.write_bytes(data[:cut])
        refused("truncated", read_as_server, k, path)
        refused("truncated", peek_header, path)  # a listing shows it as incomplete too


@pytest.mark.parametrize(
    ("region", "offset", "mask", "code"),
    [
        ("magic", 0, 0x01, "not_bundle"),
        ("magic", 7, 0xFF, "not_bundle"),
        ("version", 1, 0x03, "newer_version"),  # 1 -> 2
        ("version", 0, 0x01, "newer_version"),  # 1 -> 257
        ("version", 1, 0x01, "bad_header"),  # 1 -> 0
        ("header_length", 0, 0x01, "bad_header"),  # > MAX_HEADER_LEN
        ("header_length", 2, 0x80, "truncated"),  # longer than the file: looks cut
        ("header", 0, 0x01, "bad_header"),  # "{" -> "z"
        ("key_block", 0, 0x01, "bad_signature"),
        ("key_block", 40, 0x80, "bad_signature"),
        ("key_block", 103, 0x01, "bad_signature"),
        ("ciphertext", 0, 0x01, "bad_signature"),
        ("ciphertext", -1, 0x01, "bad_signature"),
        ("signature", 0, 0x01, "bad_signature"),
        ("signature", 63, 0x01, "bad_signature"),
    ],
)
def test_a_flipped_byte_in_each_region_is_refused_with_the_right_code(
    tmp_path, k, region, offset, mask, code
):
    data = changes_bundle(k)
    span = regions(data)[region]
    path = tmp_path / "tampered.ttb"
    path.write_bytes(flipped(data, span[offset], mask))

    refused(code, read_as_server, k, path)


def test_a_changed_value_inside_the_header_breaks_the_signature(k):
    data = changes_bundle(k, make_batch(3, first_seq=17))
    at = data.index(b'"seq_from":17') + len(b'"seq_from":1')

    refused("bad_signature", read_as_server, k, data[:at] + b"8" + data[at + 1 :])


def test_a_changed_sender_inside_the_header_is_an_unknown_sender(k):
    data = changes_bundle(k)
    at = data.index(DEVICE.encode())

    refused("unknown_sender", read_as_server, k, flipped(data, at, 0x01))


def test_every_single_byte_flip_anywhere_is_refused(k):
    data = changes_bundle(k, make_batch(1))
    allowed = {
        "magic": {"not_bundle"},
        "version": {"newer_version", "bad_header"},
        "header_length": {"bad_header", "truncated"},
        "header": {"bad_header", "bad_signature", "unknown_sender", "truncated"},
        "key_block": {"bad_signature"},
        "ciphertext": {"bad_signature"},
        "signature": {"bad_signature"},
    }
    seen = set()
    for name, span in regions(data).items():
        for index in span:
            with pytest.raises(BundleError) as info:
                read_as_server(k, flipped(data, index))
            assert info.value.code in allowed[name], (name, index, info.value.detail)
            seen.add(info.value.code)
    assert {"not_bundle", "newer_version", "bad_header", "bad_signature"} <= seen


def test_appended_bytes_are_refused(k):
    refused("bad_signature", read_as_server, k, changes_bundle(k) + b"\x00")


def test_newer_format_version_asks_to_update_the_app(tmp_path, k):
    data = changes_bundle(k)
    path = tmp_path / "future.ttb"
    path.write_bytes(data[:8] + (2).to_bytes(2, "big") + data[10:])

    err = refused("newer_version", read_as_server, k, path)
    refused("newer_version", peek_header, path)
    assert "cập nhật" in err.message("vi")
    assert "newer version" in err.message("en") and "Update" in err.message("en")


def test_unknown_or_revoked_sender_is_refused_and_named(k):
    data = changes_bundle(k)

    err = refused(
        "unknown_sender",
        read_bundle,
        data,
        recipient_box_private=k.server_box,
        sender_sign_public_lookup=lambda sender: None,
    )

    assert DEVICE in err.message("vi") and DEVICE in err.message("en")


def test_a_bundle_forged_with_another_key_in_a_known_devices_name_is_refused(k):
    intruder = keys.generate_sign_key()
    data = encode_bundle(
        kind="changes",
        payload=make_batch(),
        sender_id=DEVICE,
        recipient_id="server",
        sender_sign_key=intruder,
        recipient_box_public=k.server_box.public_key(),
    )

    refused("bad_signature", read_as_server, k, data)


def test_a_receipt_meant_for_another_device_is_refused(k):
    data = encode_bundle(
        kind="receipt",
        payload=make_receipt(),
        sender_id="server",
        recipient_id=OTHER_DEVICE,
        sender_sign_key=k.server_sign,
        recipient_box_public=keys.generate_box_key().public_key(),
    )

    err = refused(
        "wrong_recipient",
        read_bundle,
        data,
        recipient_box_private=k.device_box,
        sender_sign_public_lookup=k.lookup,
        expected_recipient=DEVICE,
    )
    assert OTHER_DEVICE in err.message("en")


def test_the_wrong_kind_is_refused(k):
    err = refused("wrong_kind", read_as_server, k, changes_bundle(k), expected_kind="receipt")

    assert "gói thay đổi" in err.message("vi") and "gói biên nhận" in err.message("vi")


def test_a_bundle_encrypted_to_another_key_cannot_be_decrypted(k):
    data = encode_bundle(
        kind="changes",
        payload=make_batch(),
        sender_id=DEVICE,
        recipient_id="server",
        sender_sign_key=k.device_sign,
        recipient_box_public=keys.generate_box_key().public_key(),  # e.g. an old enrolment
    )

    refused("decrypt_failed", read_as_server, k, data)


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, k):
    data = changes_bundle(k)
    path = tmp_path / "big.ttb"
    path.write_bytes(data)

    refused("too_large", read_as_server, k, path, max_size=len(data) - 1)
    refused("too_large", read_as_server, k, data, max_size=len(data) - 1)
    assert read_as_server(k, path, max_size=len(data)).header["counts"] == {"changes": 3}


def test_a_declared_payload_over_the_limit_is_refused_before_decrypting(k):
    data = changes_bundle(k, make_batch(50))

    refused("too_large", read_as_server, k, data, max_payload=1000)


def test_missing_file_and_folder_are_unreadable(tmp_path, k):
    refused("unreadable", read_as_server, k, tmp_path / "gone.ttb")
    refused("unreadable", read_as_server, k, tmp_path)
    refused("unreadable", peek_header, tmp_path / "gone.ttb")


# ------------------------------------------------------------- valid signature, bad contents


def zlib_bomb(size: int) -> bytes:
    compressor = zlib.compressobj(9)
    zeros = bytes(1024 * 1024)
    parts = [compressor.compress(zeros) for _ in range(size // len(zeros))]
    return b"".join(parts) + compressor.flush()


def test_a_decompression_bomb_is_refused_without_inflating_it(k):
    bomb = zlib_bomb(256 * 1024 * 1024)  # 256 MB of zeros in ~250 KB
    assert len(bomb) < 300_000
    data = forge(k, bomb, payload_size=1_000_000)  # the header lies about the size

    tracemalloc.start()
    try:
        refused("bomb", read_as_server, k, data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024


def test_a_bomb_with_an_honest_header_is_stopped_at_max_payload(k):
    bomb = zlib_bomb(64 * 1024 * 1024)
    data = forge(k, bomb, payload_size=64 * 1024 * 1024)

    refused("too_large", read_as_server, k, data, max_payload=4 * 1024 * 1024)


def test_a_payload_that_does_not_match_its_hash_is_refused(k):
    body = zlib.compress(canonical_json(make_batch()))
    data = forge(k, body, payload_sha256="0" * 64)

    refused("hash_mismatch", read_as_server, k, data)


def test_a_payload_shorter_than_declared_is_refused(k):
    raw = canonical_json(make_batch())
    data = forge(k, zlib.compress(raw), payload_size=len(raw) + 10)

    refused("hash_mismatch", read_as_server, k, data)


def test_a_count_that_does_not_match_the_header_is_refused(k):
    raw = canonical_json(make_batch(3))
    data = forge(
        k,
        zlib.compress(raw),
        payload_size=len(raw),
        payload_sha256=hashlib.sha256(raw).hexdigest(),
        counts={"changes": 4},
    )

    err = refused("count_mismatch", read_as_server, k, data)
    assert "3" in err.message("vi") and "4" in err.message("vi")


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b"[1,2,3]",
        canonical_json({**make_batch(3), "device_id": OTHER_DEVICE}),
        canonical_json({**make_batch(3), "seq_to": 99}),
    ],
    ids=["not-json", "not-object", "other-device", "other-range"],
)
def test_a_malformed_or_mismatched_payload_is_refused(k, raw):
    data = forge(
        k,
        zlib.compress(raw),
        payload_size=len(raw),
        payload_sha256=hashlib.sha256(raw).hexdigest(),
    )

    refused("bad_payload", read_as_server, k, data)


@pytest.mark.parametrize("tail", [b"", b"junk"], ids=["cut-stream", "extra-after-stream"])
def test_a_broken_compressed_stream_is_refused(k, tail):
    raw = canonical_json(make_batch())
    body = zlib.compress(raw)
    body = body[:-6] if not tail else body + tail
    data = forge(
        k,
        body,
        payload_size=len(raw),
        payload_sha256=hashlib.sha256(raw).hexdigest(),
    )

    refused("bad_payload", read_as_server, k, data)


# ----------------------------------------------------------------------------- writing safely


def write_cancellable(tmp_path, k, cancel_at: int | None, counter: list) -> Path:
    def cancel():
        counter.append(1)
        return cancel_at is not None and len(counter) >= cancel_at

    return write_bundle(
        tmp_path,
        kind="changes",
        payload=make_batch(3000),
        sender_id=DEVICE,
        recipient_id="server",
        sender_sign_key=k.device_sign,
        recipient_box_public=k.server_box.public_key(),
        cancel=cancel,
    )


def test_cancel_at_any_point_leaves_no_file_and_no_temporary(tmp_path, k, monkeypatch):
    monkeypatch.setattr(bundle, "_IO_CHUNK", 4096)  # several write steps for a small bundle
    calls: list = []
    (tmp_path / "probe").mkdir()
    write_cancellable(tmp_path / "probe", k, None, calls)
    total = len(calls)
    assert total > 10

    for cancel_at in sorted({1, 2, total // 2, total - 2, total - 1, total}):
        folder = tmp_path / f"at-{cancel_at}"
        folder.mkdir()
        err = refused("cancelled", write_cancellable, folder, k, cancel_at, [])
        assert list(folder.iterdir()) == [], cancel_at
        assert "hủy" in err.message("vi")


def test_a_write_error_leaves_no_file_and_is_a_known_error(tmp_path, k, monkeypatch):
    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bundle.os, "fsync", disk_full)

    err = refused("write_failed", write_cancellable, tmp_path, k, None, [])

    assert list(tmp_path.iterdir()) == []
    assert "No space left on device" in err.message("en")


def test_writing_into_a_missing_folder_is_a_known_error(tmp_path, k):
    refused("write_failed", write_cancellable, tmp_path / "unplugged", k, None, [])
    refused("write_failed", write_cancellable, tmp_path / "unplugged" / "x.ttb", k, None, [])
    assert list(tmp_path.iterdir()) == []


def test_a_stick_that_returns_different_bytes_fails_verification_and_the_file_is_removed(
    tmp_path, k, monkeypatch
):
    real_read_bytes = Path.read_bytes

    def corrupting_read_bytes(self):
        data = real_read_bytes(self)
        return flipped(data, len(data) // 2)

    monkeypatch.setattr(Path, "read_bytes", corrupting_read_bytes)

    refused("verify_failed", write_cancellable, tmp_path, k, None, [])
    assert list(tmp_path.iterdir()) == []


def test_read_back_verification_really_decrypts_with_the_ephemeral_key(k):
    sealed = bundle._seal(
        kind="changes",
        payload=make_batch(),
        sender_id=DEVICE,
        recipient_id="server",
        sender_sign_key=k.device_sign,
        recipient_box_public=k.server_box.public_key(),
        seq_from=None,
        seq_to=None,
        progress=None,
        cancel=None,
        bundle_id=None,
        created_at=None,
    )
    bundle._verify_own(sealed.data, sealed, k.device_sign.public_key())  # passes

    sealed.ephemeral = keys.generate_box_key()  # as if the key block were for someone else
    with pytest.raises(BundleError):
        bundle._verify_own(sealed.data, sealed, k.device_sign.public_key())


# ------------------------------------------------------------------------------ confidentiality


def fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def encodings_of_name(name: str) -> set[bytes]:
    forms = {name, unicodedata.normalize("NFD", name), fold(name), fold(name).lower()}
    out = set()
    for form in forms:
        for part in {form, *form.split()[-1:]}:  # the full name and the given name alone
            for codec in ("utf-8", "utf-16-le", "utf-16-be"):
                out.add(part.encode(codec))
    return out


def encodings_of_number(number: str) -> set[bytes]:
    forms = {number, number[-9:]}
    if number.startswith("0") and len(number) == 10:
        forms |= {"+84" + number[1:], "84" + number[1:]}
    return {f.encode(codec) for f in forms for codec in ("utf-8", "utf-16-le", "utf-16-be")}


def test_a_bundle_reveals_no_names_id_numbers_or_phones(tmp_path, k):
    batch = make_batch(300, seed=2026)
    names = {c["fields"]["full_name"] for c in batch["changes"]}
    names |= {"Nguyễn Thị Hoà", "Đặng Văn Đạt", "Bùi Thị Quỳnh Nhung"}
    batch["changes"][0]["fields"]["full_name"] = "Bùi Thị Quỳnh Nhung"
    needles = set()
    for name in names:
        needles |= encodings_of_name(name)
    for change in batch["changes"]:
        needles |= encodings_of_number(change["fields"]["id_number"])
        needles |= encodings_of_number(change["fields"]["phone"])
    plain = canonical_json(batch)
    assert sum(n in plain for n in needles) > len(names)  # the scan would find them in plaintext

    path = write_bundle(
        tmp_path,
        kind="changes",
        payload=batch,
        sender_id=DEVICE,
        recipient_id="server",
        sender_sign_key=k.device_sign,
        recipient_box_public=k.server_box.public_key(),
    )
    data = path.read_bytes()

    found = sorted(n for n in needles if len(n) >= 4 and n in data)
    assert found == []
    assert not any(fold(name).lower().encode() in path.name.lower().encode() for name in names)


def test_the_header_holds_no_personal_data(k):
    batch = make_batch(20)
    header = peek_header(changes_bundle(k, batch))

    assert set(header) == {
        "bundle_id",
        "kind",
        "sender",
        "recipient",
        "created_at",
        "seq_from",
        "seq_to",
        "counts",
        "protocol",
        "schema",
        "compression",
        "cipher",
        "signature",
        "payload_size",
        "compressed_size",
        "payload_sha256",
    }
    # Values as whole JSON strings or numbers: a birth year like 1962 can appear by chance
    # inside a timestamp's microseconds or a hash, which is not personal data.
    values = set()
    for v in header.values():
        values.update(v.values() if isinstance(v, dict) else [v])
    for change in batch["changes"]:
        for value in (*change["fields"].values(), change["id"]):
            if value in (None, "", [], {}):
                continue
            assert value not in values
            assert not any(
                isinstance(v, str) and len(str(value)) > 4 and str(value) in v for v in values
            )
    assert batch["batch_id"] not in values


# ---------------------------------------------------------------------------------- messages


def test_every_error_code_has_a_distinct_class_and_messages_in_both_languages():
    codes = set(bundle.ERROR_CLASSES)
    assert {
        "not_bundle",
        "truncated",
        "newer_version",
        "bad_header",
        "unknown_sender",
        "bad_signature",
        "wrong_recipient",
        "decrypt_failed",
        "too_large",
        "bomb",
        "hash_mismatch",
        "count_mismatch",
    } <= codes
    params = {
        "version": 2,
        "sender": "x",
        "recipient": "y",
        "kind": "receipt",
        "expected": "changes",
        "size": 2,
        "limit": 1,
        "actual": 3,
        "reason": "EIO",
        "folder": "E:\\",
    }
    for code, cls in bundle.ERROR_CLASSES.items():
        err = cls("detail", **params)
        assert err.code == code and issubclass(cls, BundleError)
        assert err.message("vi") != err.message("en")
        assert "{" not in err.message("vi") and "{" not in err.message("en")
    assert issubclass(bundle.ERROR_CLASSES["bad_signature"], keys.BadSignature)


def test_magic_is_what_the_format_document_says():
    assert MAGIC == b"TANTAYB\x00" and bundle.FORMAT_VERSION == 1 and KEY_BLOCK_LEN == 104
