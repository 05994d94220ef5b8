"""Police officers' signatures on identity verifications.

A verification is the one record a court, a bank or the commune chairman may rely on, so it must
stay true even when the laptop is in dishonest hands. Every police officer has a personal Ed25519
key; its private half is wrapped under the officer's own password only (never under the shared
database key, which every user's password unwraps). The public half is registered with the city
server (officer enrolment, one-time code, revocable), which answers a **certificate**: a document
signed by the server's key naming the officer, the public key and the communes.

A verification record carries the certificate (``officer_cert``, canonical JSON text) and the
officer's signature (``officer_signature``) over the canonical JSON of its content
(``signing_bytes``). The server refuses a verification without a valid signature from a
registered, unrevoked key; a laptop shows one as "not verified" unless the certificate verifies
under the pinned server key and the signature under the certificate's key. Someone holding the
raw database key cannot make either.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop_app.core import keys as keymod
from desktop_app.core.canonical import canonical_json
from desktop_app.core.protocol import BadSignature, b64decode, b64encode, verify_document

ENTITY = "identity_verification"
# The fields the officer signs: everything the verification says, and the certificate itself.
SIGNED_FIELDS = (
    "person_id",
    "household_id",
    "officer",
    "verified_at",
    "method",
    "result",
    "mismatched_fields",
    "proposed_values",
    "note",
    "officer_cert",
)
CERT_KIND = "officer_certificate"

# Why a verification does not count (stable codes; the server uses them as rejection reasons).
UNSIGNED = "officer_signature_missing"
BAD_CERT = "officer_certificate_invalid"
WRONG_OFFICER = "officer_mismatch"
BAD_SIGNATURE = "officer_signature_invalid"

PROBLEM_TEXT = {
    UNSIGNED: ("chưa có chữ ký của cán bộ công an", "not signed by the officer"),
    BAD_CERT: (
        "chứng thư của cán bộ không do máy chủ thành phố cấp",
        "the officer's certificate was not issued by the city server",
    ),
    WRONG_OFFICER: (
        "chữ ký thuộc về cán bộ khác với người ghi nhận",
        "signed by another officer than the one named",
    ),
    BAD_SIGNATURE: (
        "chữ ký không khớp với nội dung (đã bị sửa hoặc giả mạo)",
        "the signature does not match the content (changed or forged)",
    ),
}


def new_officer_key() -> Ed25519PrivateKey:
    """A fresh personal signing key for an officer."""
    return keymod.generate_sign_key()


def signing_bytes(record_id: str, fields: Mapping[str, Any]) -> bytes:
    """What the officer signs: the record id and the signed fields, as canonical JSON."""
    return canonical_json(
        {
            "entity": ENTITY,
            "id": record_id,
            "fields": {f: fields.get(f) for f in SIGNED_FIELDS},
        }
    )


def sign_verification(
    private_key: Ed25519PrivateKey, record_id: str, fields: Mapping[str, Any]
) -> str:
    """The officer's signature (base64) over a verification's content."""
    return b64encode(private_key.sign(signing_bytes(record_id, fields)))


def make_certificate_document(
    officer: str, full_name: str, public_key_b64: str, communes: list[str], issued_at: str
) -> dict[str, Any]:
    """The unsigned certificate the server signs at officer enrolment."""
    return {
        "kind": CERT_KIND,
        "officer": officer,
        "full_name": full_name,
        "public_key": public_key_b64,
        "communes": sorted(communes),
        "issued_at": issued_at,
    }


def certificate_text(cert: Mapping[str, Any]) -> str:
    """A signed certificate as the text stored in ``officer_cert``."""
    return canonical_json(dict(cert)).decode("utf-8")


def parse_certificate(text: Any) -> dict[str, Any] | None:
    """The certificate in ``officer_cert`` text, or None when it is not one."""
    if not isinstance(text, str) or len(text) > 4000:
        return None
    try:
        cert = json.loads(text)
    except ValueError:
        return None
    if not isinstance(cert, dict) or cert.get("kind") != CERT_KIND:
        return None
    if not all(isinstance(cert.get(k), str) for k in ("officer", "public_key", "signature")):
        return None
    if not isinstance(cert.get("communes"), list):
        return None
    return cert


def verification_problem(
    record_id: str,
    fields: Mapping[str, Any],
    server_public_key: Ed25519PublicKey | str | bytes | None,
) -> str | None:
    """Why a verification record does not count (a code above), or None when it does.

    ``server_public_key`` is the city server's signing key (pinned at enrolment); without it no
    certificate can be trusted, so nothing counts.
    """
    signature = fields.get("officer_signature")
    if not isinstance(signature, str) or not signature:
        return UNSIGNED
    cert = parse_certificate(fields.get("officer_cert"))
    if cert is None or server_public_key is None:
        return BAD_CERT
    try:
        verify_document(cert, server_public_key)
    except BadSignature:
        return BAD_CERT
    except (ValueError, TypeError):
        return BAD_CERT
    if cert["officer"] != fields.get("officer"):
        return WRONG_OFFICER
    try:
        public = Ed25519PublicKey.from_public_bytes(b64decode(cert["public_key"]))
        public.verify(b64decode(signature), signing_bytes(record_id, fields))
    except (InvalidSignature, ValueError, TypeError):
        return BAD_SIGNATURE
    return None


def certificate_key(fields: Mapping[str, Any]) -> str | None:
    """The officer public key (base64) named by a verification's certificate, if any."""
    cert = parse_certificate(fields.get("officer_cert"))
    return cert["public_key"] if cert else None
