"""Police officers' signing keys and devices' audit-chain heads, on the city server.

Officers (docs/SECURITY.md): the operator makes a one-time officer code (``officer-code``), the
commune admin hands it to the officer, and the officer's laptop registers the officer's public
key with it (``POST /api/v1/officers/enroll``, authenticated as the device). The server answers a
certificate it signs (``core.officer_keys``). ``verification_refusal`` is the check the batch apply
makes on every identity verification: signed, under a certificate this server issued, by a
registered and unrevoked key, for a commune of that officer. ``revoke-officer`` ends a key.

Audit heads (``store.audit_anchor`` on the laptop): every batch may carry its device's audit-chain
head; the server keeps each one and signs it into the receipt. ``audit_verify`` checks that every
device's heads only ever move forward and never contradict each other: a head lower than an
earlier one means the device's log was cut back; the same entry with two hashes means it was
rewritten.

Their tables are reached through the storage interface (``city_server/storage/``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from city_server.enrollment import hash_secret, new_code, normalize_code
from city_server.storage import BatchTx, EnrollmentRefused, Officer, Storage
from desktop_app.core import officer_keys
from desktop_app.core.protocol import is_commune_code, load_sign_public_key, sign_document

OFFICER_CODE_VALID_DAYS = 7

# Rejection reasons for verifications (receipts; never retryable: a person must look).
UNKNOWN_OFFICER = "officer_key_unknown"
REVOKED_OFFICER = "officer_key_revoked"
OFFICER_COMMUNE = "officer_commune_not_allowed"


class OfficerRefused(Exception):
    """An officer enrolment that cannot go ahead: ``reason`` is unknown, used, expired, key."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _now() -> str:
    return datetime.now(UTC).isoformat()


# --- officer codes and enrolment ---------------------------------------------------------------


def create_officer_code(
    storage: Storage, communes: list[str], valid_days: float = OFFICER_CODE_VALID_DAYS
) -> str:
    """Make, store (hashed) and return a one-time officer enrolment code for ``communes``."""
    if not communes or not all(is_commune_code(c) for c in communes):
        raise ValueError("communes must be 5-digit commune codes")
    now = datetime.now(UTC)
    code = new_code()
    storage.add_officer_code(
        hash_secret(normalize_code(code)),
        sorted(set(communes)),
        now.isoformat(),
        (now + timedelta(days=valid_days)).isoformat(),
    )
    return code


def enroll_officer(
    storage: Storage,
    device,
    code: str,
    officer: str,
    full_name: str,
    public_key: str,
) -> dict[str, Any]:
    """Use an officer code once and register ``public_key``; return the signed certificate.

    The officer's communes are the code's communes that the registering device also serves."""
    try:
        load_sign_public_key(public_key)
    except ValueError as exc:
        raise OfficerRefused("key") from exc
    now = _now()
    keys = storage.server_keys()
    signed: list[dict[str, Any]] = []

    def certify(code_communes: list[str]) -> tuple[Officer, str]:
        communes = [x for x in code_communes if x in device.communes]
        if not communes:
            raise OfficerRefused("commune")
        cert = sign_document(
            {
                **officer_keys.make_certificate_document(
                    officer, full_name, public_key, communes, now
                ),
                "device_id": device.id,
            },
            keys.sign,
        )
        signed.append(cert)
        row = Officer(public_key, officer, full_name, tuple(communes), device.id, now, False)
        return row, officer_keys.certificate_text(cert)

    try:
        storage.enroll_officer(hash_secret(normalize_code(code)), now, public_key, certify)
    except EnrollmentRefused as exc:
        raise OfficerRefused(exc.reason) from exc
    cert = signed[-1]
    return cert


def list_officers(storage: Storage) -> list[dict[str, Any]]:
    """Every registered officer key (revoked ones too)."""
    return [
        {
            "public_key": o.public_key,
            "officer": o.officer,
            "full_name": o.full_name,
            "communes": list(o.communes),
            "device_id": o.device_id,
            "enrolled_at": o.enrolled_at,
            "revoked": o.revoked,
        }
        for o in storage.list_officers()
    ]


def revoke_officer(storage: Storage, public_key: str) -> bool:
    """Revoke an officer key: its verifications are refused from now on."""
    return storage.revoke_officer(public_key, _now())


# --- the check on every verification ----------------------------------------------------------


def verification_refusal(
    tx: BatchTx, server_public: str, change: Mapping[str, Any]
) -> tuple[str, str] | None:
    """Why a pushed identity verification is refused (reason, detail), or None to go on.
    ``server_public``: this server's signing key (base64), which issued the certificates."""
    if change.get("entity") != officer_keys.ENTITY:
        return None
    fields = change["fields"]
    problem = officer_keys.verification_problem(change["id"], fields, server_public)
    if problem:
        return problem, officer_keys.PROBLEM_TEXT[problem][1]
    public_key = officer_keys.certificate_key(fields)
    row = tx.get_officer(public_key)
    if row is None:
        return UNKNOWN_OFFICER, "the officer key is not registered with this server"
    if row.revoked:
        return REVOKED_OFFICER, "the officer key was revoked"
    if row.officer != fields.get("officer"):
        return officer_keys.WRONG_OFFICER, officer_keys.PROBLEM_TEXT[officer_keys.WRONG_OFFICER][1]
    if change.get("commune_code") not in row.communes:
        return OFFICER_COMMUNE, "the officer is not registered for this commune"
    return None


# --- audit-chain heads ------------------------------------------------------------------------


def is_audit_head(value: Any) -> bool:
    """A well-formed ``{"seq": int >= 1, "hash": 64 lower-case hex}``."""
    if not isinstance(value, dict) or set(value) != {"seq", "hash"}:
        return False
    seq, digest = value["seq"], value["hash"]
    return (
        isinstance(seq, int)
        and not isinstance(seq, bool)
        and 1 <= seq < 2**53
        and isinstance(digest, str)
        and len(digest) == 64
        and all(ch in "0123456789abcdef" for ch in digest)
    )


def record_audit_head(
    tx: BatchTx, device_id: str, batch: Mapping[str, Any], now: str
) -> dict | None:
    """Keep the batch's audit head (inside the batch transaction); return it for the receipt."""
    head = batch.get("audit_head")
    if not is_audit_head(head):
        return None
    tx.add_audit_head(device_id, batch["batch_id"], head["seq"], head["hash"], now)
    return {"seq": head["seq"], "hash": head["hash"]}


def audit_verify(storage: Storage) -> dict[str, Any]:
    """Check every device's anchored heads: ``{"ok", "devices": {id: {...problems}}}``."""
    devices: dict[str, Any] = {}
    for r in storage.audit_heads():
        d = devices.setdefault(
            r.device_id, {"heads": 0, "newest_seq": 0, "problems": [], "_seen": {}}
        )
        d["heads"] += 1
        seen = d["_seen"]
        if r.seq in seen and seen[r.seq] != r.hash:
            d["problems"].append(
                f"entry #{r.seq} came with two different hashes (rewritten), batch {r.batch_id}"
            )
        seen.setdefault(r.seq, r.hash)
        if r.seq < d["newest_seq"]:
            d["problems"].append(
                f"the log went back from entry #{d['newest_seq']} to #{r.seq} (truncated),"
                f" batch {r.batch_id}"
            )
        d["newest_seq"] = max(d["newest_seq"], r.seq)
    for d in devices.values():
        d.pop("_seen")
    return {"ok": not any(d["problems"] for d in devices.values()), "devices": devices}
