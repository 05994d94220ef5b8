"""USB bundles: one self-describing, encrypted and signed file carrying a batch or a receipt.

Layout (format 1; every integer big-endian; see docs/BUNDLE_FORMAT.md)::

    magic         8   b"TANTAYB\\x00"
    version       2   u16, FORMAT_VERSION
    header_len    4   u32, at most MAX_HEADER_LEN
    header        n   canonical JSON (no personal data; readable without keys, untrusted until verified)
    key block   104   ephemeral X25519 public key (32) | wrap nonce (12)
                      | AES-256-GCM(KEK, content key) (32 + 16) | payload nonce (12)
    ciphertext    m   AES-256-GCM(content key, zlib(canonical JSON payload)); m = compressed_size + 16
    signature    64   Ed25519 over every byte before it

KEK = HKDF-SHA256(X25519(ephemeral, recipient), salt = ephemeral pub | recipient pub, info = WRAP_INFO).
The wrapped key is bound to magic..header (associated data); the payload to magic..key block.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import struct
import unicodedata
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop_app.core.canonical import EncodedList, canonical_json
from desktop_app.core.errors import KnownError
from desktop_app.core.gcpause import gc_paused
from desktop_app.core.keys import KEY_LEN, SIGNATURE_LEN, BadSignature, public_bytes, verify

MAGIC = b"TANTAYB\x00"
FORMAT_VERSION = 1
FILE_SUFFIX = ".ttb"
KINDS = ("changes", "receipt")

COMPRESSION = "zlib"
ZLIB_LEVEL = 6  # measured: level 6 costs ~0.6 s per 48 MB and is ~15% smaller than level 1
CIPHER = "x25519-hkdf-sha256/aes-256-gcm"
SIGNATURE = "ed25519"
WRAP_INFO = b"tantay bundle v1 content-key wrap"

_PREFIX = struct.Struct(">8sHI")  # magic, version, header length
PREFIX_LEN = _PREFIX.size  # 14
NONCE_LEN = 12
TAG_LEN = 16
KEY_BLOCK_LEN = KEY_LEN + NONCE_LEN + (KEY_LEN + TAG_LEN) + NONCE_LEN  # 104
MAX_HEADER_LEN = 64 * 1024

DEFAULT_MAX_SIZE = 128 * 1024 * 1024
"""Largest bundle file read (bytes). 100,000 changes make a file of about 8 MB."""
DEFAULT_MAX_PAYLOAD = 256 * 1024 * 1024
"""Largest payload after decompression (bytes). 100,000 changes are about 48 MB."""

_CHANGES_PER_CHUNK = 1000  # progress/cancel granularity while encoding (~0.5 MB of JSON)
_IO_CHUNK = 1024 * 1024
_INFLATE_IN_CHUNK = 64 * 1024
_INFLATE_OUT_CHUNK = 1024 * 1024

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

__all__ = [
    "BundleCancelled",
    "BundleDecryptFailed",
    "BundleFromNewerVersion",
    "BundleHeaderDamaged",
    "BundleSignatureInvalid",
    "BundleTooLarge",
    "BundleTruncated",
    "BundleUnreadable",
    "BundleVerifyFailed",
    "BundleWriteFailed",
    "CountMismatch",
    "DecompressionBomb",
    "NotABundle",
    "PayloadDamaged",
    "PayloadHashMismatch",
    "UnknownSender",
    "WrongKind",
    "WrongRecipient",
    "DEFAULT_MAX_PAYLOAD",
    "DEFAULT_MAX_SIZE",
    "FORMAT_VERSION",
    "MAGIC",
    "Bundle",
    "BundleError",
    "ERROR_CLASSES",
    "bundle_file_name",
    "encode_bundle",
    "peek_header",
    "read_bundle",
    "write_bundle",
]


# --------------------------------------------------------------------------------------- errors


def _show(value: Any, limit: int = 40) -> str:
    """Untrusted text from a file, made safe to show in a message."""
    text = "".join(ch for ch in str(value) if unicodedata.category(ch)[0] not in "CZ" or ch == " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class BundleError(KnownError):
    """A bundle could not be written or read. ``code`` is stable; ``detail`` is for logs only."""

    code = "bundle_error"
    _vi = "Gói dữ liệu bị lỗi."
    _en = "The bundle is faulty."

    def __init__(self, detail: str = "", **params: Any):
        super().__init__(self._vi.format(**params), self._en.format(**params))
        self.detail = detail
        self.params = params


class NotABundle(BundleError):
    code = "not_bundle"
    _vi = "Tệp này không phải là gói dữ liệu Tận Tay."
    _en = "This file is not a Tận Tay bundle."


class BundleTruncated(BundleError):
    code = "truncated"
    _vi = (
        "Gói dữ liệu không đầy đủ (có thể việc sao chép bị gián đoạn hoặc USB bị rút ra quá sớm). "
        "Hãy sao chép lại tệp từ máy đã tạo ra nó."
    )
    _en = (
        "The bundle is incomplete (the copy may have been interrupted or the USB stick removed too "
        "early). Copy the file again from the computer that made it."
    )


class BundleFromNewerVersion(BundleError):
    code = "newer_version"
    _vi = (
        "Gói dữ liệu được tạo bởi phiên bản Tận Tay mới hơn (định dạng {version}). "
        "Hãy cập nhật ứng dụng rồi thử lại."
    )
    _en = (
        "This bundle was made by a newer version of Tận Tay (format {version}). "
        "Update the app and try again."
    )


class BundleHeaderDamaged(BundleError):
    code = "bad_header"
    _vi = "Phần đầu của gói dữ liệu bị hỏng nên không đọc được. Hãy xuất lại gói trên máy gửi."
    _en = "The bundle's header is damaged and cannot be read. Export it again on the sending computer."


class UnknownSender(BundleError):
    code = "unknown_sender"
    _vi = (
        "Gói dữ liệu đến từ thiết bị chưa đăng ký hoặc đã bị thu hồi (“{sender}”). "
        "Gói này không được nhập."
    )
    _en = (
        "The bundle comes from a device that is not enrolled or has been revoked (“{sender}”). "
        "It was not imported."
    )


class OwnBundle(BundleError):
    """A laptop's own export chosen where the server's receipt is expected (the eleventh
    tryout: "a device that is not enrolled or has been revoked", naming this laptop)."""

    code = "own_bundle"
    _vi = (
        "Đây là gói dữ liệu máy này đã xuất để mang lên thành phố, không phải biên nhận. Biên nhận"
        " là tệp máy chủ trả về sau khi nhập gói, tên bắt đầu bằng «tantay-receipt-»."
    )
    _en = (
        "This is the bundle this laptop exported for the city, not a receipt. The receipt is the"
        " file the server gives back after importing it; its name starts with “tantay-receipt-”."
    )


class BundleSignatureInvalid(BundleError, BadSignature):
    code = "bad_signature"
    _vi = (
        "Chữ ký của gói dữ liệu không hợp lệ: tệp đã bị thay đổi hoặc hỏng sau khi được tạo. "
        "Gói này không được nhập; hãy xuất lại trên máy gửi."
    )
    _en = (
        "The bundle's signature is not valid: the file was changed or damaged after it was made. "
        "It was not imported; export it again on the sending computer."
    )


class WrongRecipient(BundleError):
    code = "wrong_recipient"
    _vi = "Gói dữ liệu này dành cho thiết bị khác (“{recipient}”), không phải máy này."
    _en = "This bundle is meant for another device (“{recipient}”), not this one."


class WrongKind(BundleError):
    code = "wrong_kind"
    _vi = "Đây là gói {kind_vi}, không phải gói {expected_vi} cần nhập ở đây."
    _en = "This is a {kind} bundle, not the {expected} bundle expected here."
    _KIND_VI = {"changes": "thay đổi", "receipt": "biên nhận"}

    def __init__(self, detail: str = "", *, kind: str, expected: str, **params: Any):
        super().__init__(
            detail,
            kind=_show(kind),
            expected=expected,
            kind_vi=self._KIND_VI.get(kind, _show(kind)),
            expected_vi=self._KIND_VI.get(expected, expected),
            **params,
        )


class BundleDecryptFailed(BundleError):
    code = "decrypt_failed"
    _vi = (
        "Không giải mã được gói dữ liệu bằng khóa của máy này (có thể gói được tạo cho một lần "
        "đăng ký khác). Hãy kiểm tra đăng ký thiết bị rồi xuất lại gói."
    )
    _en = (
        "The bundle cannot be decrypted with this computer's key (it may have been made for a "
        "different enrolment). Check the device enrolment and export the bundle again."
    )


class BundleTooLarge(BundleError):
    code = "too_large"
    _vi = "Gói dữ liệu quá lớn ({size} byte, giới hạn {limit} byte). Hãy xuất thành nhiều gói nhỏ hơn."
    _en = (
        "The bundle is too large ({size} bytes, limit {limit} bytes). Export it as smaller bundles."
    )


class DecompressionBomb(BundleError):
    code = "bomb"
    _vi = (
        "Nội dung gói dữ liệu bung ra lớn bất thường, vượt giới hạn an toàn. "
        "Đã dừng đọc; không có gì được nhập."
    )
    _en = (
        "The bundle's contents expand to an abnormal size beyond the safety limit. "
        "Reading stopped; nothing was imported."
    )


class PayloadHashMismatch(BundleError):
    code = "hash_mismatch"
    _vi = "Nội dung gói dữ liệu không khớp với mã kiểm tra ở phần đầu. Không có gì được nhập."
    _en = "The bundle's contents do not match the checksum in its header. Nothing was imported."


class CountMismatch(BundleError):
    code = "count_mismatch"
    _vi = (
        "Số thay đổi trong gói ({actual}) khác với số ghi ở phần đầu ({expected}). "
        "Không có gì được nhập."
    )
    _en = "The bundle holds {actual} changes but its header says {expected}. Nothing was imported."


class PayloadDamaged(BundleError):
    code = "bad_payload"
    _vi = (
        "Nội dung gói dữ liệu không đúng định dạng hoặc không khớp với phần đầu. "
        "Không có gì được nhập; hãy báo cho quản trị viên."
    )
    _en = (
        "The bundle's contents are malformed or do not match its header. "
        "Nothing was imported; tell the administrator."
    )


class BundleUnreadable(BundleError):
    code = "unreadable"
    _vi = "Không đọc được tệp (lỗi hệ thống: {reason}). Hãy kiểm tra USB đã cắm chắc chưa rồi thử lại."
    _en = "The file cannot be read (system error: {reason}). Check the USB stick and try again."


class BundleWriteFailed(BundleError):
    code = "write_failed"
    _vi = (
        "Không ghi được gói dữ liệu vào “{folder}” (lỗi hệ thống: {reason}). "
        "USB có thể đã đầy, bị khóa ghi hoặc bị rút ra."
    )
    _en = (
        "The bundle could not be written to “{folder}” (system error: {reason}). "
        "The USB stick may be full, write-protected or removed."
    )


class BundleVerifyFailed(BundleError):
    code = "verify_failed"
    _vi = (
        "Gói vừa ghi ra USB khi đọc lại không khớp nên đã bị xóa. "
        "USB có thể bị lỗi — hãy thử lại với USB khác."
    )
    _en = (
        "The bundle just written did not read back correctly and was deleted. "
        "The USB stick may be faulty — try another one."
    )


class BundleCancelled(BundleError):
    code = "cancelled"
    _vi = "Đã hủy xuất gói dữ liệu; không có tệp nào được ghi."
    _en = "Export cancelled; no file was written."


ERROR_CLASSES: dict[str, type[BundleError]] = {
    cls.code: cls
    for cls in (
        NotABundle,
        BundleTruncated,
        BundleFromNewerVersion,
        BundleHeaderDamaged,
        UnknownSender,
        BundleSignatureInvalid,
        WrongRecipient,
        WrongKind,
        BundleDecryptFailed,
        BundleTooLarge,
        DecompressionBomb,
        PayloadHashMismatch,
        CountMismatch,
        PayloadDamaged,
        BundleUnreadable,
        BundleWriteFailed,
        BundleVerifyFailed,
        BundleCancelled,
    )
}
"""Every bundle error class by its stable ``code``."""


# ------------------------------------------------------------------------------------ the result


@dataclass(frozen=True)
class Bundle:
    """A fully verified bundle: the signed header and the decrypted payload."""

    header: dict
    payload: dict

    @property
    def kind(self) -> str:
        """``"changes"`` or ``"receipt"``."""
        return self.header["kind"]

    @property
    def sender(self) -> str:
        """The sending device id, or ``"server"``."""
        return self.header["sender"]

    @property
    def bundle_id(self) -> str:
        """The bundle's own id (UUID text)."""
        return self.header["bundle_id"]

    @property
    def changes(self) -> list:
        """The payload's changes."""
        return self.payload["changes"]


# -------------------------------------------------------------------------------------- encoding


@dataclass
class _Sealed:
    data: bytes
    header: dict
    ephemeral: X25519PrivateKey  # kept only to verify the file after writing it
    recipient_public: bytes


def _check(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise BundleCancelled("cancelled by caller")


def _payload_pieces(payload: dict, cancel: Cancel | None, on_changes: Callable[[int], None]):
    """Yield ``canonical_json(payload)`` in pieces, the ``changes`` list a slice at a time.

    Byte-identical to ``canonical_json(payload)`` (a test checks it) but lets a large export report
    progress and be cancelled, and never holds the whole plaintext in memory.
    """
    yield b"{"
    for i, key in enumerate(sorted(payload)):
        if i:
            yield b","
        yield canonical_json(key) + b":"
        value = payload[key]
        if key != "changes":
            yield canonical_json(value)
            continue
        yield b"["
        if isinstance(value, EncodedList):  # canonical texts already (the laptop's outbox)
            for start, (text, count) in enumerate(value.pieces(_CHANGES_PER_CHUNK)):
                _check(cancel)
                yield (b"," if start else b"") + text
                on_changes(count)
            yield b"]"
            continue
        for start in range(0, len(value), _CHANGES_PER_CHUNK):
            _check(cancel)
            part = value[start : start + _CHANGES_PER_CHUNK]
            yield (b"," if start else b"") + canonical_json(part)[1:-1]
            on_changes(len(part))
        yield b"]"
    yield b"}"


def _validate_payload(
    kind: str, payload: dict, sender_id: str, seq_from: int | None, seq_to: int | None
) -> tuple[int | None, int | None]:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    if not isinstance(payload, dict) or not all(isinstance(k, str) for k in payload):
        raise TypeError("payload must be a dict with string keys")
    if not isinstance(payload.get("changes"), list | EncodedList):
        raise ValueError("payload['changes'] must be a list")
    if not isinstance(sender_id, str) or not sender_id:
        raise ValueError("sender_id must be a non-empty string")
    if kind == "receipt":
        if not isinstance(payload.get("receipt"), dict):
            raise ValueError("a receipt payload needs payload['receipt'] (a dict)")
        return seq_from, seq_to
    missing = {"protocol", "schema", "device_id", "batch_id", "seq_from", "seq_to"} - set(payload)
    if missing:
        raise ValueError(f"a changes payload lacks {sorted(missing)}")
    if payload["device_id"] != sender_id:
        raise ValueError("payload['device_id'] must equal sender_id")
    for name, given in (("seq_from", seq_from), ("seq_to", seq_to)):
        if given is not None and given != payload[name]:
            raise ValueError(f"{name}={given!r} differs from payload[{name!r}]={payload[name]!r}")
    return payload["seq_from"], payload["seq_to"]


def _derive_kek(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    if shared == bytes(len(shared)):
        raise ValueError("all-zero X25519 shared secret")
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=ephemeral_public + recipient_public,
        info=WRAP_INFO,
    )
    return hkdf.derive(shared)


def _seal(
    *,
    kind: str,
    payload: dict,
    sender_id: str,
    recipient_id: str,
    sender_sign_key: Ed25519PrivateKey,
    recipient_box_public: X25519PublicKey,
    seq_from: int | None,
    seq_to: int | None,
    progress: Progress | None,
    cancel: Cancel | None,
    bundle_id: str | None,
    created_at: str | None,
) -> _Sealed:
    if not isinstance(recipient_id, str) or not recipient_id:
        raise ValueError("recipient_id must be a non-empty string")
    seq_from, seq_to = _validate_payload(kind, payload, sender_id, seq_from, seq_to)
    changes = payload["changes"]
    total = len(changes) + 1  # the last unit is signing (encode) or writing + verifying (write)
    done = 0

    def on_changes(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(done, total)

    # Serial on purpose: a worker thread compressing piece i while this one encodes piece i+1 was
    # measured slower (1.5 s vs 1.2 s for 100,000 changes): the C JSON encoder never releases the
    # GIL, so the zlib thread waits for it after every output buffer.
    compressor = zlib.compressobj(ZLIB_LEVEL)
    digest = hashlib.sha256()
    compressed: list[bytes] = []
    size = 0
    for piece in _payload_pieces(payload, cancel, on_changes):
        size += len(piece)
        digest.update(piece)
        compressed.append(compressor.compress(piece))
    compressed.append(compressor.flush())
    body = b"".join(compressed)
    compressed.clear()
    _check(cancel)
    if size > DEFAULT_MAX_PAYLOAD:
        raise BundleTooLarge(f"payload {size} bytes", size=size, limit=DEFAULT_MAX_PAYLOAD)

    header = {
        "bundle_id": bundle_id or str(uuid.uuid4()),
        "kind": kind,
        "sender": sender_id,
        "recipient": recipient_id,
        "created_at": created_at or datetime.now(UTC).isoformat(),
        "seq_from": seq_from,
        "seq_to": seq_to,
        "counts": {"changes": len(changes)},
        "protocol": payload.get("protocol"),
        "schema": payload.get("schema"),
        "compression": COMPRESSION,
        "cipher": CIPHER,
        "signature": SIGNATURE,
        "payload_size": size,
        "compressed_size": len(body),
        "payload_sha256": digest.hexdigest(),
    }
    return _assemble(header, body, sender_sign_key, recipient_box_public)


def _assemble(
    header: dict,
    body: bytes,
    sender_sign_key: Ed25519PrivateKey,
    recipient_box_public: X25519PublicKey,
) -> _Sealed:
    """Frame, encrypt and sign an already compressed ``body`` under ``header`` (taken as given)."""
    header_bytes = canonical_json(header)
    if len(header_bytes) > MAX_HEADER_LEN:
        raise ValueError("header too long (sender/recipient ids are too long)")
    prefix = _PREFIX.pack(MAGIC, FORMAT_VERSION, len(header_bytes)) + header_bytes

    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = public_bytes(ephemeral)
    recipient_public = public_bytes(recipient_box_public)
    kek = _derive_kek(ephemeral.exchange(recipient_box_public), ephemeral_public, recipient_public)
    content_key = AESGCM.generate_key(bit_length=256)
    wrap_nonce = secrets.token_bytes(NONCE_LEN)
    payload_nonce = secrets.token_bytes(NONCE_LEN)
    wrapped = AESGCM(kek).encrypt(wrap_nonce, content_key, prefix)
    key_block = ephemeral_public + wrap_nonce + wrapped + payload_nonce
    assert len(key_block) == KEY_BLOCK_LEN
    signed_part = prefix + key_block
    ciphertext = AESGCM(content_key).encrypt(payload_nonce, body, signed_part)
    signed_part += ciphertext
    del ciphertext
    signature = sender_sign_key.sign(signed_part)
    return _Sealed(signed_part + signature, header, ephemeral, recipient_public)


def encode_bundle(
    *,
    kind: str,
    payload: dict,
    sender_id: str,
    recipient_id: str,
    sender_sign_key: Ed25519PrivateKey,
    recipient_box_public: X25519PublicKey,
    seq_from: int | None = None,
    seq_to: int | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    bundle_id: str | None = None,
    created_at: str | None = None,
) -> bytes:
    """The bytes of a bundle carrying ``payload`` from ``sender_id`` to ``recipient_id``.

    ``kind`` is ``"changes"`` (payload: the batch; ``seq_from``/``seq_to`` default to the batch's)
    or ``"receipt"`` (payload: ``{"receipt": {...}, "changes": [...]}``). ``progress(done, total)``
    is called as changes are encoded; ``cancel()`` returning true raises `BundleCancelled`.
    Invalid arguments (a programming error) raise ``ValueError``/``TypeError``.
    """
    sealed = _seal(
        kind=kind,
        payload=payload,
        sender_id=sender_id,
        recipient_id=recipient_id,
        sender_sign_key=sender_sign_key,
        recipient_box_public=recipient_box_public,
        seq_from=seq_from,
        seq_to=seq_to,
        progress=progress,
        cancel=cancel,
        bundle_id=bundle_id,
        created_at=created_at,
    )
    if progress is not None:
        total = len(payload["changes"]) + 1
        progress(total, total)
    return sealed.data


def _safe_name_part(value: Any) -> str:
    text = "".join(
        ch if ch.isascii() and (ch.isalnum() or ch in "_-") else "_" for ch in str(value)
    )
    return text[:64] or "_"


def bundle_file_name(header: dict) -> str:
    """The file name for a bundle: ``tantay-<sender>-<seq_from>-<seq_to>-<id8>.ttb``.

    Receipts are named ``tantay-receipt-<recipient>-<seq_from>-<seq_to>-<id8>.ttb`` so that each
    device finds its own on a shared stick. A missing sequence number is written ``x``.
    """
    seq = "-".join("x" if header.get(k) is None else str(header[k]) for k in ("seq_from", "seq_to"))
    short_id = _safe_name_part(header["bundle_id"].replace("-", "")[:8])
    if header["kind"] == "receipt":
        return (
            f"tantay-receipt-{_safe_name_part(header['recipient'])}-{seq}-{short_id}{FILE_SUFFIX}"
        )
    return f"tantay-{_safe_name_part(header['sender'])}-{seq}-{short_id}{FILE_SUFFIX}"


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a directory for fsync; NTFS/FAT renames are journaled/flushed
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems (e.g. certain FUSE/exFAT drivers) refuse fsync on a directory
    finally:
        os.close(fd)


def write_bundle(
    path_dir_or_file: str | os.PathLike,
    *,
    kind: str,
    payload: dict,
    sender_id: str,
    recipient_id: str,
    sender_sign_key: Ed25519PrivateKey,
    recipient_box_public: X25519PublicKey,
    seq_from: int | None = None,
    seq_to: int | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    bundle_id: str | None = None,
    created_at: str | None = None,
) -> Path:
    """Write a bundle into a folder (named by `bundle_file_name`) or to a ``.ttb`` path; return it.

    A target ending in ``.ttb`` is the file to write; anything else is an existing folder.

    The file is written under a temporary name in the target folder, flushed, fsynced and renamed
    into place, then read back and verified: the bytes equal what was written, the signature
    holds, and — using the ephemeral key this function still holds — the key block unwraps and the
    payload decrypts and hashes exactly as the recipient will see it. A failed check deletes the
    file and raises `BundleVerifyFailed`. ``cancel()`` returning true raises `BundleCancelled` and
    leaves no file behind, as does any other failure (`BundleWriteFailed` for OS errors).
    Other arguments as in `encode_bundle`.
    """
    target = Path(path_dir_or_file)
    sealed = _seal(
        kind=kind,
        payload=payload,
        sender_id=sender_id,
        recipient_id=recipient_id,
        sender_sign_key=sender_sign_key,
        recipient_box_public=recipient_box_public,
        seq_from=seq_from,
        seq_to=seq_to,
        progress=progress,
        cancel=cancel,
        bundle_id=bundle_id,
        created_at=created_at,
    )
    if target.suffix.lower() == FILE_SUFFIX:
        folder, final = target.parent, target
    else:  # a folder, which must exist: an unplugged stick must not become a file named like it
        folder = target
        final = target / bundle_file_name(sealed.header)
    temp = folder / f".{final.name}.{secrets.token_hex(4)}.part"
    data = memoryview(sealed.data)
    try:
        try:
            with open(temp, "xb") as out:
                for start in range(0, len(data), _IO_CHUNK):
                    _check(cancel)
                    out.write(data[start : start + _IO_CHUNK])
                out.flush()
                os.fsync(out.fileno())
            _check(cancel)
            os.replace(temp, final)
        except OSError as exc:
            raise BundleWriteFailed(
                f"{type(exc).__name__}: {exc}", folder=str(folder), reason=exc.strerror or exc
            ) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
    _fsync_dir(folder)

    try:
        written = final.read_bytes()
        if written != sealed.data:
            raise BundleVerifyFailed("read-back bytes differ from the bytes written")
        _verify_own(written, sealed, sender_sign_key.public_key())
    except (OSError, BundleError) as exc:
        with contextlib.suppress(OSError):
            final.unlink(missing_ok=True)
        if isinstance(exc, BundleVerifyFailed):
            raise
        raise BundleVerifyFailed(f"{type(exc).__name__}: {exc}") from exc
    finally:
        del sealed.ephemeral
    if progress is not None:
        total = len(payload["changes"]) + 1
        progress(total, total)
    return final


# -------------------------------------------------------------------------------------- decoding


@dataclass(frozen=True)
class _Layout:
    header: dict
    header_end: int  # end of magic..header: associated data of the key wrap
    key_block_end: int  # end of the key block: associated data of the payload
    ciphertext_end: int  # start of the signature


def _load(source: str | os.PathLike | bytes | bytearray | memoryview, max_size: int) -> bytes:
    if isinstance(source, bytes | bytearray | memoryview):
        if len(source) > max_size:
            raise BundleTooLarge(f"{len(source)} bytes", size=len(source), limit=max_size)
        return bytes(source)
    path = Path(source)
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > max_size:
                raise BundleTooLarge(f"{size} bytes", size=size, limit=max_size)
            data = f.read(max_size + 1)
    except OSError as exc:
        raise BundleUnreadable(
            f"{type(exc).__name__}: {exc}", reason=exc.strerror or type(exc).__name__
        ) from exc
    if len(data) > max_size:  # the file grew while being read
        raise BundleTooLarge(f">{max_size} bytes", size=len(data), limit=max_size)
    return data


def _is_int(value: Any, *, allow_none: bool = False) -> bool:
    if value is None:
        return allow_none
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _parse_header(raw: bytes) -> dict:
    try:
        header = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise BundleHeaderDamaged(f"header is not JSON: {exc}") from exc
    if not isinstance(header, dict) or canonical_json(header) != raw:
        raise BundleHeaderDamaged("header is not a canonical JSON object")
    problems = []
    for key in ("bundle_id", "sender", "recipient", "created_at"):
        if not isinstance(header.get(key), str) or not header[key]:
            problems.append(key)
    if header.get("kind") not in KINDS:
        problems.append("kind")
    for key in ("seq_from", "seq_to"):
        if not _is_int(header.get(key), allow_none=True):
            problems.append(key)
    counts = header.get("counts")
    if not isinstance(counts, dict) or not _is_int(counts.get("changes")):
        problems.append("counts")
    for key in ("payload_size", "compressed_size"):
        if not _is_int(header.get(key)):
            problems.append(key)
    sha = header.get("payload_sha256")
    if not (isinstance(sha, str) and len(sha) == 64 and all(c in "0123456789abcdef" for c in sha)):
        problems.append("payload_sha256")
    for key, expected in (
        ("compression", COMPRESSION),
        ("cipher", CIPHER),
        ("signature", SIGNATURE),
    ):
        if header.get(key) != expected:
            problems.append(key)
    if problems:
        raise BundleHeaderDamaged(f"bad header fields: {', '.join(problems)}")
    return header


def _parse_prefix(data: bytes | memoryview) -> tuple[dict, int]:
    """Check magic, version and header; return (header, end of header). Nothing is trusted yet."""
    n = len(data)
    if n < len(MAGIC):
        if MAGIC.startswith(bytes(data)):
            raise BundleTruncated(f"{n} bytes, shorter than the magic")
        raise NotABundle("shorter than the magic and not a prefix of it")
    if bytes(data[: len(MAGIC)]) != MAGIC:
        raise NotABundle("wrong magic")
    if n < len(MAGIC) + 2:
        raise BundleTruncated("cut inside the version")
    (version,) = struct.unpack_from(">H", data, len(MAGIC))
    if version > FORMAT_VERSION:
        raise BundleFromNewerVersion(f"format {version}", version=version)
    if version != FORMAT_VERSION:
        raise BundleHeaderDamaged(f"unknown format version {version}")
    if n < PREFIX_LEN:
        raise BundleTruncated("cut inside the header length")
    _, _, header_len = _PREFIX.unpack_from(data)
    if header_len > MAX_HEADER_LEN:
        raise BundleHeaderDamaged(f"header length {header_len} exceeds {MAX_HEADER_LEN}")
    header_end = PREFIX_LEN + header_len
    if n < header_end:
        raise BundleTruncated("cut inside the header")
    return _parse_header(bytes(data[PREFIX_LEN:header_end])), header_end


def _expected_size(header: dict, header_end: int) -> int:
    return header_end + KEY_BLOCK_LEN + header["compressed_size"] + TAG_LEN + SIGNATURE_LEN


def _parse(data: bytes) -> _Layout:
    header, header_end = _parse_prefix(data)
    if len(data) < _expected_size(header, header_end):
        raise BundleTruncated(f"{len(data)} bytes, header promises more")
    # A longer file is caught by the signature (its last 64 bytes are then not the signature) and,
    # if validly signed anyway, by the exact-length check after verification.
    key_block_end = header_end + KEY_BLOCK_LEN
    return _Layout(header, header_end, key_block_end, len(data) - SIGNATURE_LEN)


def _verify_signature(data: bytes, layout: _Layout, public: Ed25519PublicKey) -> None:
    view = memoryview(data)
    try:
        verify(public, view[layout.ciphertext_end :], view[: layout.ciphertext_end])
    except BadSignature as exc:
        raise BundleSignatureInvalid("Ed25519 verification failed") from exc
    if len(data) != _expected_size(layout.header, layout.header_end):
        raise BundleHeaderDamaged("signed file length disagrees with its header")


def _unwrap(data: bytes, layout: _Layout, shared: bytes, recipient_public: bytes) -> bytes:
    view = memoryview(data)
    block = view[layout.header_end : layout.key_block_end]
    ephemeral_public = bytes(block[:KEY_LEN])
    wrap_nonce = block[KEY_LEN : KEY_LEN + NONCE_LEN]
    wrapped = block[KEY_LEN + NONCE_LEN : KEY_LEN + NONCE_LEN + KEY_LEN + TAG_LEN]
    payload_nonce = block[KEY_LEN + NONCE_LEN + KEY_LEN + TAG_LEN :]
    try:
        kek = _derive_kek(shared, ephemeral_public, recipient_public)
        content_key = AESGCM(kek).decrypt(wrap_nonce, wrapped, view[: layout.header_end])
        return AESGCM(content_key).decrypt(
            payload_nonce,
            view[layout.key_block_end : layout.ciphertext_end],
            view[: layout.key_block_end],
        )
    except (InvalidTag, ValueError) as exc:
        raise BundleDecryptFailed(f"{type(exc).__name__} while decrypting") from exc


def _inflate(compressed: bytes, limit: int, sink: Callable[[bytes], None]) -> int:
    """Decompress into ``sink`` in bounded chunks; refuse beyond ``limit`` bytes of output.

    Never asks zlib for more than ``limit - produced + 1`` bytes, so a bomb costs at most one
    output chunk of memory before it is refused.
    """
    inflater = zlib.decompressobj()
    view = memoryview(compressed)
    produced = pos = 0
    tail: bytes | memoryview = b""
    try:
        while not inflater.eof:
            if not tail and pos < len(view):
                tail = view[pos : pos + _INFLATE_IN_CHUNK]
                pos += len(tail)
            fed = len(tail)
            out = inflater.decompress(tail, min(_INFLATE_OUT_CHUNK, limit - produced + 1))
            tail = inflater.unconsumed_tail
            if out:
                produced += len(out)
                if produced > limit:
                    raise DecompressionBomb(f"more than {limit} bytes after decompression")
                sink(out)
            elif len(tail) == fed and pos >= len(view):
                break  # no input left and no output: the stream ends early
    except zlib.error as exc:
        raise PayloadDamaged(f"zlib: {exc}") from exc
    if not inflater.eof or tail or pos < len(view) or inflater.unused_data:
        raise PayloadDamaged("compressed stream incomplete or followed by extra bytes")
    return produced


def _open_payload(
    header: dict, compressed: bytes, max_payload: int, *, keep: bool
) -> bytearray | None:
    """Decompress with a hard cap, check size and hash; return the payload bytes if ``keep``."""
    limit = min(header["payload_size"], max_payload)
    digest = hashlib.sha256()
    kept = bytearray()  # one growing buffer: no list of chunks plus a joined copy

    def sink(chunk: bytes) -> None:
        digest.update(chunk)
        if keep:
            kept.extend(chunk)

    produced = _inflate(compressed, limit, sink)
    if produced != header["payload_size"] or digest.hexdigest() != header["payload_sha256"]:
        raise PayloadHashMismatch(f"{produced} bytes, sha256 {digest.hexdigest()}")
    return kept if keep else None


def _check_payload(header: dict, payload: Any) -> dict:
    if not isinstance(payload, dict) or not isinstance(payload.get("changes"), list):
        raise PayloadDamaged("payload is not an object with a changes list")
    if header["kind"] == "receipt":
        if not isinstance(payload.get("receipt"), dict):
            raise PayloadDamaged("receipt payload without a receipt object")
    else:
        for payload_key, header_key in (
            ("device_id", "sender"),
            ("seq_from", "seq_from"),
            ("seq_to", "seq_to"),
            ("protocol", "protocol"),
            ("schema", "schema"),
        ):
            if payload.get(payload_key) != header[header_key]:
                raise PayloadDamaged(f"payload {payload_key} differs from header {header_key}")
    actual, expected = len(payload["changes"]), header["counts"]["changes"]
    if actual != expected:
        raise CountMismatch(f"{actual} != {expected}", actual=actual, expected=expected)
    return payload


def read_bundle(
    path_or_bytes: str | os.PathLike | bytes | bytearray | memoryview,
    *,
    recipient_box_private: X25519PrivateKey,
    sender_sign_public_lookup: Callable[[str], Ed25519PublicKey | None],
    expected_recipient: str | None = None,
    expected_kind: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    max_payload: int = DEFAULT_MAX_PAYLOAD,
) -> Bundle:
    """Verify, decrypt and return a bundle, or raise a `BundleError` and return nothing.

    Checks, in order: file size (``max_size``), magic, format version, header, sender known to
    ``sender_sign_public_lookup`` (``None`` = unknown or revoked), Ed25519 signature over the
    whole file, recipient (``expected_recipient``) and kind (``expected_kind``), declared payload
    size (``max_payload``), key unwrap and AES-GCM tags, bounded streaming decompression,
    SHA-256 of the payload, payload/header agreement, counts. Replays are not detected here:
    callers deduplicate by ``batch_id`` / ``bundle_id``.
    """
    data = _load(path_or_bytes, max_size)
    layout = _parse(data)
    header = layout.header
    public = sender_sign_public_lookup(header["sender"])
    if public is None:
        raise UnknownSender("no key for sender", sender=_show(header["sender"]))
    _verify_signature(data, layout, public)
    if expected_recipient is not None and header["recipient"] != expected_recipient:
        raise WrongRecipient("recipient differs", recipient=_show(header["recipient"]))
    if expected_kind is not None and header["kind"] != expected_kind:
        raise WrongKind("kind differs", kind=header["kind"], expected=expected_kind)
    if header["payload_size"] > max_payload:
        raise BundleTooLarge(
            f"payload {header['payload_size']} bytes",
            size=header["payload_size"],
            limit=max_payload,
        )

    ephemeral_public = X25519PublicKey.from_public_bytes(
        data[layout.header_end : layout.header_end + KEY_LEN]
    )
    try:
        shared = recipient_box_private.exchange(ephemeral_public)
    except ValueError as exc:  # a low-order point gives an all-zero secret
        raise BundleDecryptFailed("X25519 exchange failed") from exc
    compressed = _unwrap(data, layout, shared, public_bytes(recipient_box_private))
    del data
    raw = _open_payload(header, compressed, max_payload, keep=True)
    del compressed
    try:
        with gc_paused():
            text = raw.decode("utf-8")
            del raw  # free the bytes before json builds the objects: lower peak memory
            payload = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise PayloadDamaged(f"payload is not JSON: {exc}") from exc
    return Bundle(header=header, payload=_check_payload(header, payload))


def _verify_own(data: bytes, sealed: _Sealed, sender_public: Ed25519PublicKey) -> None:
    """The writer's read-back check: the recipient's whole path, using the ephemeral key.

    X25519(ephemeral, recipient public) equals X25519(recipient private, ephemeral public), so the
    sender can unwrap and decrypt exactly what the recipient will, without the recipient's key.
    """
    layout = _parse(data)
    if layout.header != sealed.header:
        raise BundleVerifyFailed("header read back differs")
    _verify_signature(data, layout, sender_public)
    if data[layout.header_end : layout.header_end + KEY_LEN] != public_bytes(sealed.ephemeral):
        raise BundleVerifyFailed("ephemeral key read back differs")
    shared = sealed.ephemeral.exchange(X25519PublicKey.from_public_bytes(sealed.recipient_public))
    compressed = _unwrap(data, layout, shared, sealed.recipient_public)
    _open_payload(layout.header, compressed, layout.header["payload_size"], keep=False)


def peek_header(path_or_bytes: str | os.PathLike | bytes | bytearray | memoryview) -> dict:
    """The bundle's header, read without keys — UNTRUSTED until `read_bundle` verifies it.

    For listing bundles on a stick. Reads only the first bytes of a file. Raises `BundleError`
    (``not_bundle``, ``truncated`` — also when the file is shorter than its header promises —
    ``newer_version``, ``bad_header``, ``unreadable``).
    """
    if isinstance(path_or_bytes, bytes | bytearray | memoryview):
        head, size = memoryview(path_or_bytes), len(path_or_bytes)
    else:
        try:
            with open(Path(path_or_bytes), "rb") as f:
                size = os.fstat(f.fileno()).st_size
                head = f.read(PREFIX_LEN + MAX_HEADER_LEN)
        except OSError as exc:
            raise BundleUnreadable(
                f"{type(exc).__name__}: {exc}", reason=exc.strerror or type(exc).__name__
            ) from exc
    header, header_end = _parse_prefix(head)
    if size < _expected_size(header, header_end):
        raise BundleTruncated(f"{size} bytes, header promises more")
    return header
