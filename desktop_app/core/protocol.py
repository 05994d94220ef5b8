"""Sync protocol types and checks shared by the laptop and the city server (see docs/PROTOCOL.md).

Pure Python plus ``cryptography``: no HTTP, no SQL. Both sides build, sign and check the same
documents with these helpers, so a change to the wire format happens in one place.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any, NotRequired, TypedDict

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from desktop_app.core.canonical import canonical_json
from desktop_app.core.errors import KnownError

# --- versions and limits ---------------------------------------------------------------------

PROTOCOL_VERSION = 1
"""The protocol this code speaks."""

SUPPORTED_PROTOCOLS: tuple[int, ...] = (1,)
"""Protocols the server accepts: the current one and the previous one (none before 1 yet)."""

MAX_BODY_BYTES = 8 * 1024 * 1024
"""Largest request body the server reads (HTTP 413 above it)."""

MAX_CHANGES = 1000
"""Most changes in one batch, and the widest ``seq_from..seq_to`` range (HTTP 413 above it)."""

DEFAULT_PULL_LIMIT = 500
MAX_PULL_LIMIT = 1000

# Headers
HEADER_DEVICE = "X-Tantay-Device"
HEADER_SIGNATURE = "X-Tantay-Signature"

# --- records ---------------------------------------------------------------------------------

COMMON_FIELDS = ("id", "version", "updated_at", "updated_by", "origin_device", "deleted")
"""Top-level keys of every change; never inside ``fields``."""

LOCAL_ONLY_FIELDS = ("name_fold", "sort_key")
"""Derived laptop columns that never travel."""

ENTITY_REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "village": ("name", "commune_code", "commune_list_version"),
    "household": ("commune_code", "commune_list_version"),
    "person": ("household_id", "full_name"),
    "visit": ("household_id", "visited_at", "visitor"),
    "assistance": ("household_id", "kind"),
    "benefit": ("person_id",),
    "payment": ("benefit_id",),
    "identity_verification": ("person_id",),
}
"""Synced entities and the fields a change must carry (non-null). Data, not code: extend here."""

ENTITIES = tuple(ENTITY_REQUIRED_FIELDS)
APPEND_ONLY_ENTITIES = frozenset({"identity_verification"})
"""Entities whose records are never edited after creation (version 1 only)."""

# Result statuses
ACCEPTED = "accepted"
DUPLICATE = "duplicate"
CONFLICT = "conflict"
REJECTED = "rejected"
STATUSES = (ACCEPTED, DUPLICATE, CONFLICT, REJECTED)

RETRYABLE_REASONS = frozenset({"base_version_missing", "reference_missing"})
"""Rejection reasons that are not the record's fault: keep it pending and send it again later
(for example after a missing USB bundle arrived). Every other rejection is final: quarantine."""

_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_COMMUNE_RE = re.compile(r"^[0-9]{5}$")
_BATCH_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_MAX_TEXT = 200


class Change(TypedDict):
    """One record change (one outbox row); see docs/DEVELOPING.md."""

    entity: str
    id: str
    version: int
    base_version: int
    fields: dict[str, Any]
    deleted: bool
    updated_at: str
    updated_by: str
    origin_device: str
    commune_code: str
    seq: int
    base_from_server: NotRequired[bool]
    # revision 7: the fields whose value a team lead decided in this version (a conflict), so
    # that the other laptops close the same question instead of asking it again
    decided: NotRequired[list[str]]


class Batch(TypedDict):
    """The body of ``POST /api/v1/batches`` and the payload of a USB bundle."""

    protocol: int
    schema: int
    device_id: str
    batch_id: str
    seq_from: int
    seq_to: int
    changes: list[Change]


class RecordResult(TypedDict):
    """The server's answer for one change of a batch."""

    seq: int
    entity: str
    id: str
    status: str
    version: NotRequired[int]
    merged: NotRequired[bool]
    server_version: NotRequired[int]
    server_fields: NotRequired[dict[str, Any]]
    server_deleted: NotRequired[bool]
    conflict_fields: NotRequired[list[str]]
    reason: NotRequired[str]
    detail: NotRequired[str]
    retryable: NotRequired[bool]


class Receipt(TypedDict):
    """The signed answer to a batch."""

    protocol: int
    batch_id: str
    device_id: str
    results: list[RecordResult]
    server_seq: int
    received_at: str
    signature: str


class ChangesPage(TypedDict):
    """The signed answer to ``GET /api/v1/changes``."""

    device_id: str
    since: int
    changes: list[dict[str, Any]]
    next: int
    more: bool
    server_seq: int
    signature: str


# --- errors ----------------------------------------------------------------------------------


class ProtocolError(KnownError):
    """A sync document or request that breaks the protocol; ``code`` is the wire error code."""

    def __init__(self, code: str, message_vi: str, message_en: str | None = None):
        super().__init__(message_vi, message_en)
        self.code = code


class BadSignature(ProtocolError):
    """A signature that does not verify."""

    def __init__(self, what: str = "tài liệu", what_en: str = "document"):
        super().__init__(
            "bad_signature",
            f"Chữ ký của {what} không hợp lệ.",
            f"The {what_en} signature is not valid.",
        )


class ReceiptInvalid(ProtocolError):
    """A receipt that is not signed by the pinned server key or does not match the batch sent."""


ERROR_MESSAGES_VI: dict[str, str] = {
    "unauthenticated": "Máy chưa đăng nhập với máy chủ (thiếu mã thiết bị hoặc token).",
    "unknown_device": "Máy chủ không biết thiết bị này. Hãy đăng ký lại.",
    "bad_token": "Token thiết bị không đúng. Hãy đăng ký lại.",
    "device_revoked": "Thiết bị này đã bị thu hồi quyền đồng bộ. Dữ liệu vẫn còn trên máy; nếu"
    " máy không bị mất, hãy xin cán bộ quản lý máy chủ một mã mới rồi đăng ký lại.",
    "device_mismatch": "Lô dữ liệu ghi mã thiết bị khác với thiết bị gửi.",
    "bad_signature": "Chữ ký không hợp lệ.",
    "malformed_json": "Dữ liệu gửi lên không phải JSON hợp lệ.",
    "invalid_request": "Yêu cầu không hợp lệ.",
    "invalid_batch": "Lô dữ liệu không đúng định dạng.",
    "unsupported_protocol": "Phiên bản giao thức không được hỗ trợ. Hãy cập nhật ứng dụng.",
    "body_too_large": "Lô dữ liệu quá lớn.",
    "too_many_changes": "Lô dữ liệu có quá nhiều thay đổi.",
    "batch_id_reused": "Mã lô đã được dùng cho dữ liệu khác.",
    "enrollment_code_unknown": "Mã đăng ký không đúng.",
    "enrollment_code_used": "Mã đăng ký đã được dùng (mỗi mã chỉ dùng được một lần): hãy xin"
    " cán bộ quản lý máy chủ một mã mới.",
    "enrollment_code_expired": "Mã đăng ký đã hết hạn: hãy xin cán bộ quản lý máy chủ một mã mới.",
    "enrollment_code_other_commune": "Mã đăng ký này dành cho xã/phường khác; mã chưa bị dùng.",
    "invalid_key": "Khoá công khai của thiết bị không hợp lệ.",
    "rate_limited": "Thử quá nhiều lần. Hãy đợi vài phút.",
    "not_found": "Không tìm thấy.",
    "method_not_allowed": "Phương thức không được phép.",
    "internal": "Máy chủ gặp lỗi.",
}
"""Vietnamese text for each server error code, for the laptop to show."""


def error_from_response(status: int, payload: Any) -> ProtocolError:
    """Turn a server error response (``{"error": {"code", "message"}}``) into a ProtocolError."""
    code, message = "internal", f"HTTP {status}"
    if isinstance(payload, Mapping) and isinstance(payload.get("error"), Mapping):
        code = str(payload["error"].get("code", code))
        message = str(payload["error"].get("message", message))
    return ProtocolError(code, ERROR_MESSAGES_VI.get(code, message), message)


# --- keys and signatures ---------------------------------------------------------------------


def b64encode(data: bytes) -> str:
    """Standard base64 with padding (how keys and signatures travel)."""
    return base64.b64encode(data).decode("ascii")


def b64decode(text: str) -> bytes:
    """Strict standard base64; raises ValueError on anything else."""
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, AttributeError) as exc:
        raise ValueError("not base64") from exc


def public_key_b64(key: Ed25519PublicKey | X25519PublicKey) -> str:
    """The raw 32-byte public key, base64."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return b64encode(key.public_bytes(Encoding.Raw, PublicFormat.Raw))


def load_sign_public_key(text: str) -> Ed25519PublicKey:
    """An Ed25519 public key from base64 of its 32 raw bytes; ValueError if it is not one."""
    raw = b64decode(text)
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def load_box_public_key(text: str) -> X25519PublicKey:
    """An X25519 public key from base64 of its 32 raw bytes; ValueError if it is not one."""
    raw = b64decode(text)
    if len(raw) != 32:
        raise ValueError("an X25519 public key is 32 bytes")
    return X25519PublicKey.from_public_bytes(raw)


def _public(key: Ed25519PublicKey | str | bytes) -> Ed25519PublicKey:
    if isinstance(key, Ed25519PublicKey):
        return key
    if isinstance(key, bytes):
        return Ed25519PublicKey.from_public_bytes(key)
    return load_sign_public_key(key)


def sign_body(private_key: Ed25519PrivateKey, body: bytes) -> str:
    """Base64 Ed25519 signature of ``body`` (the exact bytes sent), for ``X-Tantay-Signature``."""
    return b64encode(private_key.sign(body))


def verify_signature(
    public_key: Ed25519PublicKey | str | bytes, data: bytes, signature: str
) -> None:
    """Check a base64 Ed25519 signature of ``data``; raise BadSignature if it does not verify."""
    try:
        _public(public_key).verify(b64decode(signature), data)
    except (InvalidSignature, ValueError, TypeError) as exc:
        raise BadSignature() from exc


def request_signing_bytes(method: str, path_and_query: str) -> bytes:
    """What a device signs for a request without a body: ``b"GET /api/v1/changes?since=0"``."""
    return f"{method.upper()} {path_and_query}".encode()


def document_signing_bytes(document: Mapping[str, Any]) -> bytes:
    """Canonical JSON of a signed document (receipt, changes page) without its ``signature``."""
    return canonical_json({k: v for k, v in document.items() if k != "signature"})


receipt_signing_bytes = document_signing_bytes


def sign_document(document: Mapping[str, Any], private_key: Ed25519PrivateKey) -> dict[str, Any]:
    """A copy of ``document`` with ``signature`` set over its canonical JSON."""
    signed = {k: v for k, v in document.items() if k != "signature"}
    signed["signature"] = b64encode(private_key.sign(document_signing_bytes(signed)))
    return signed


def verify_document(
    document: Mapping[str, Any], server_public: Ed25519PublicKey | str | bytes
) -> None:
    """Check a signed server document; raise BadSignature when it is not signed by the server."""
    signature = document.get("signature")
    if not isinstance(signature, str):
        raise BadSignature("phản hồi của máy chủ", "server response")
    try:
        verify_signature(server_public, document_signing_bytes(document), signature)
    except BadSignature as exc:
        raise BadSignature("phản hồi của máy chủ", "server response") from exc


def verify_receipt(
    receipt: Mapping[str, Any],
    server_public: Ed25519PublicKey | str | bytes,
    batch: Mapping[str, Any] | None = None,
) -> None:
    """Check a receipt's signature (and, given the batch sent, that it answers that batch).

    Raises ReceiptInvalid; the laptop must not mark anything delivered then.
    """
    try:
        verify_document(receipt, server_public)
    except BadSignature as exc:
        raise ReceiptInvalid(
            "bad_signature",
            "Biên nhận không có chữ ký hợp lệ của máy chủ.",
            "The receipt is not signed by the server.",
        ) from exc
    results = receipt.get("results")
    if not isinstance(results, list) or not all(isinstance(r, Mapping) for r in results):
        raise ReceiptInvalid(
            "invalid_receipt", "Biên nhận không đúng định dạng.", "Malformed receipt."
        )
    if batch is not None:
        changes = batch["changes"]
        seqs = getattr(changes, "seqs", None)  # changes sent as texts (store.syncing.SentChanges)
        sent = sorted(seqs if seqs is not None else (int(c["seq"]) for c in changes))
        answered = sorted(int(r["seq"]) for r in results)
        if (
            receipt.get("batch_id") != batch["batch_id"]
            or receipt.get("device_id") != batch["device_id"]
            or sent != answered
        ):
            raise ReceiptInvalid(
                "receipt_mismatch",
                "Biên nhận không khớp với lô dữ liệu đã gửi.",
                "The receipt does not answer the batch that was sent.",
            )


# --- shapes ----------------------------------------------------------------------------------


_MAX_INT = 2**53  # integers JSON readers everywhere agree on (and SQLite can store)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -_MAX_INT <= value <= _MAX_INT


def is_record_id(value: Any) -> bool:
    """True for a lower-case canonical UUID string (ids are UUIDv7 made on the laptop)."""
    return isinstance(value, str) and bool(_UUID_RE.fullmatch(value))


def is_commune_code(value: Any) -> bool:
    """True for a 5-digit commune code string."""
    return isinstance(value, str) and bool(_COMMUNE_RE.fullmatch(value))


def is_batch_id(value: Any) -> bool:
    """True for a batch id: 1–64 characters of ``A-Z a-z 0-9 . _ : -`` (a UUID fits)."""
    return isinstance(value, str) and bool(_BATCH_ID_RE.fullmatch(value))


def _is_utc_timestamp(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 40:
        return False
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return False
    return parsed.tzinfo is not None


MAX_DECIDED = 100  # field names in a change's ``decided`` (more than any record has)


def change_problem(change: Any) -> tuple[str, str] | None:
    """Why ``change`` is not a valid change: ``(reason_code, detail)``, or None when it is."""
    if not isinstance(change, Mapping):
        return "not_an_object", "a change is a JSON object"
    entity = change.get("entity")
    if entity not in ENTITY_REQUIRED_FIELDS:
        return "unknown_entity", f"unknown entity {str(entity)[:40]!r}"
    if not is_record_id(change.get("id")):
        return "invalid_id", "id must be a lower-case UUID string"
    version, base = change.get("version"), change.get("base_version")
    if not (_is_int(version) and _is_int(base) and base >= 0 and version == base + 1):
        return (
            "invalid_version",
            "version and base_version must be integers, version = base_version + 1",
        )
    if entity in APPEND_ONLY_ENTITIES and version != 1:
        return "append_only", f"{entity} records are never edited"
    if not _is_int(change.get("seq")) or change["seq"] < 1:
        return "invalid_seq", "seq must be a positive integer"
    if not isinstance(change.get("deleted"), bool):
        return "invalid_deleted", "deleted must be true or false"
    if not _is_utc_timestamp(change.get("updated_at")):
        return "invalid_updated_at", "updated_at must be an ISO-8601 timestamp with a UTC offset"
    for key in ("updated_by", "origin_device"):
        value = change.get(key)
        if not isinstance(value, str) or not value or len(value) > _MAX_TEXT:
            return f"invalid_{key}", f"{key} must be a non-empty string"
    if not is_commune_code(change.get("commune_code")):
        return "invalid_commune_code", "commune_code must be a 5-digit string"
    if "base_from_server" in change and not isinstance(change["base_from_server"], bool):
        return "invalid_base_from_server", "base_from_server must be true or false"
    decided = change.get("decided", [])
    if not (
        isinstance(decided, list)
        and len(decided) <= MAX_DECIDED
        and all(isinstance(f, str) and 0 < len(f) <= 64 for f in decided)
    ):
        return "invalid_decided", f"decided must be a list of at most {MAX_DECIDED} field names"
    fields = change.get("fields")
    if not isinstance(fields, Mapping):
        return "invalid_fields", "fields must be an object"
    common = [k for k in COMMON_FIELDS if k in fields]
    if common:
        return "common_field_in_fields", f"{', '.join(common)} belong at the top level"
    local = [k for k in LOCAL_ONLY_FIELDS if k in fields]
    if local:
        return "local_only_field", f"{', '.join(local)} never travel"
    missing = [k for k in ENTITY_REQUIRED_FIELDS[entity] if fields.get(k) is None]
    if missing:
        return "missing_fields", f"missing {', '.join(missing)}"
    if "commune_code" in fields and fields["commune_code"] != change["commune_code"]:
        return "commune_mismatch", "fields.commune_code differs from commune_code"
    return None


def validate_change(change: Any) -> str | None:
    """The reason code why ``change`` is invalid, or None when its shape is valid."""
    problem = change_problem(change)
    return problem[0] if problem else None


def batch_problem(batch: Any) -> tuple[int, str, str] | None:
    """Why a batch as a whole cannot be applied: ``(http_status, code, detail)`` or None.

    Only the envelope is checked here; each change is checked on its own (``change_problem``).
    """
    if not isinstance(batch, Mapping):
        return 400, "invalid_batch", "the batch is a JSON object"
    protocol = batch.get("protocol")
    if not _is_int(protocol) or protocol not in SUPPORTED_PROTOCOLS:
        supported = ", ".join(map(str, SUPPORTED_PROTOCOLS))
        return (
            400,
            "unsupported_protocol",
            f"protocol {protocol!r} not supported (supported: {supported})",
        )
    if not _is_int(batch.get("schema")) or batch["schema"] < 1:
        return 400, "invalid_batch", "schema must be a positive integer"
    if not isinstance(batch.get("device_id"), str) or not batch["device_id"]:
        return 400, "invalid_batch", "device_id must be a string"
    if not is_batch_id(batch.get("batch_id")):
        return 400, "invalid_batch", "batch_id must be 1-64 characters of A-Z a-z 0-9 . _ : -"
    seq_from, seq_to = batch.get("seq_from"), batch.get("seq_to")
    if not (_is_int(seq_from) and _is_int(seq_to) and 1 <= seq_from <= seq_to):
        return 400, "invalid_batch", "seq_from and seq_to must be integers, 1 <= seq_from <= seq_to"
    changes = batch.get("changes")
    if not isinstance(changes, list):
        return 400, "invalid_batch", "changes must be a list"
    if len(changes) > MAX_CHANGES or seq_to - seq_from + 1 > MAX_CHANGES:
        return 413, "too_many_changes", f"at most {MAX_CHANGES} changes (and seq numbers) per batch"
    seen: set[int] = set()
    for change in changes:
        seq = change.get("seq") if isinstance(change, Mapping) else None
        if not _is_int(seq) or not seq_from <= seq <= seq_to or seq in seen:
            return 400, "invalid_batch", "every change needs a unique seq within seq_from..seq_to"
        seen.add(seq)
    return None


def make_batch(
    device_id: str,
    batch_id: str,
    changes: list[Change],
    schema: int,
    protocol: int = PROTOCOL_VERSION,
) -> Batch:
    """A batch envelope for ``changes`` (sorted by seq); the seq range spans them."""
    ordered = sorted(changes, key=lambda c: c["seq"])
    if not ordered:
        raise ValueError("a batch needs at least one change")
    return {
        "protocol": protocol,
        "schema": schema,
        "device_id": device_id,
        "batch_id": batch_id,
        "seq_from": ordered[0]["seq"],
        "seq_to": ordered[-1]["seq"],
        "changes": ordered,
    }
