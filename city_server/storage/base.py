"""The city server's storage interface: what the merge rules, the HTTP app and the bundle import
may ask of a database, and the records they get back.

The interface is domain-shaped (``claim_batch``, ``store_version``, ``changes_since``), not
SQL-shaped: no SQL lives outside ``city_server/storage/``. Two implementations:
``sqlite.SQLiteStorage`` (one file, the default) and ``postgres.PostgresStorage`` (the city's
engine). ``city_server.storage.open_storage`` picks one from ``--db``.

What an implementation guarantees (docs/PROTOCOL.md, "Server storage"):

- ``run_batch(fn)`` runs ``fn(tx)`` in one transaction: everything it writes is applied, or
  nothing. A transaction lost to a deadlock or a serialization failure is run again, a bounded
  number of times (``fn`` must only touch the database through ``tx``).
- ``claim_batch`` is decided by a UNIQUE constraint, in the same transaction as the apply.
- Two transactions never apply changes to the same record at once (SQLite: one writer;
  PostgreSQL: per-record locks taken in sorted (entity, id) order).
- The feed has no gaps: a ``server_seq`` becomes visible only after every smaller one did, so a
  laptop paging with ``server_seq > cursor`` sees every entry exactly once.
"""

from __future__ import annotations

import json
import json.encoder
import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from desktop_app.core.canonical import canonical_json
from desktop_app.core.protocol import public_key_b64

T = TypeVar("T")

# Fields of a record that may point to another record (the merge rules re-point them).
REFERENCE_FIELDS = ("person_id", "household_id", "benefit_id", "proxy_person_id")
# The reference fields whose every writer holds the target's row lock (apply.py's
# lock_references), and the target's entity: what refers to a locked target cannot change
# under the transaction holding it. (proxy_person_id is not a checked reference.)
LOCKED_TARGETS = {"person_id": "person", "household_id": "household", "benefit_id": "benefit"}


def note_referrer(
    referencing: dict, entity: str, record_id: str, fields: dict[str, Any], value: Any
) -> None:
    """A record a batch just stored joins the kept sets of the targets it refers to (both
    backends' ``live_referencing`` keep, per (field, target id), what referred to it)."""
    for field in REFERENCE_FIELDS:
        target = fields.get(field)
        holders = referencing.get((field, target)) if isinstance(target, str) else None
        if holders is not None:
            holders[(entity, record_id)] = value


# How many times a batch transaction lost to a deadlock or serialization failure is run again.
BATCH_ATTEMPTS = 6


def utc_now() -> str:
    """The current UTC time as ISO-8601 text."""
    return datetime.now(UTC).isoformat()


def dumps(obj: Any) -> str:
    """Canonical JSON text (what every JSON column holds)."""
    return canonical_json(obj).decode("utf-8")


def splice_fields(text: str, fields_text: str) -> str:
    """Put ``fields_text`` in place of the top-level ``"fields":null`` of canonical ``text``.

    Every other value is a scalar, and a quote inside a string is escaped, so the unescaped key
    appears exactly once: the result is what ``dumps`` of the whole object would give.
    """
    return text.replace('"fields":null', '"fields":' + fields_text, 1)


json_string = json.encoder.encode_basestring
"""A string as canonical JSON text (the json module's own escaping: what ``dumps`` writes)."""


def served_change(
    *,
    entity: str,
    record_id: str,
    version: int,
    fields_text: str,
    deleted: bool,
    commune_code: str,
    updated_at: str,
    updated_by: str,
    origin_device: str,
    decided: list[str] | None = None,
) -> str:
    """The feed entry of a stored version, as served (without its server_seq); ``decided``:
    the fields a team lead decided in it (PROTOCOL revision 7), when any."""
    if (
        not decided
        and type(version) is int
        and type(deleted) is bool
        and all(type(v) is str for v in (entity, record_id, commune_code))
        and all(type(v) is str for v in (updated_at, updated_by, origin_device))
    ):
        # The canonical JSON written out directly (keys in sorted order; strings escaped by the
        # json module's own encoder): byte for byte what dumps gives (tests/server), without
        # building and sorting a dict for each of 100,000 versions of a USB bundle.
        q = json_string
        return (
            f'{{"base_version":{version - 1},"commune_code":{q(commune_code)},'
            f'"deleted":{"true" if deleted else "false"},"entity":{q(entity)},'
            f'"fields":{fields_text},"id":{q(record_id)},"origin_device":{q(origin_device)},'
            f'"updated_at":{q(updated_at)},"updated_by":{q(updated_by)},"version":{version}}}'
        )
    served = {
        "entity": entity,
        "id": record_id,
        "version": version,
        "base_version": version - 1,
        "fields": None,
        "deleted": deleted,
        "updated_at": updated_at,
        "updated_by": updated_by,
        "origin_device": origin_device,
        "commune_code": commune_code,
    }
    if decided:
        served["decided"] = sorted(set(decided))
    # The fields are serialised once and spliced in (this is the hot path of a push).
    return splice_fields(dumps(served), fields_text)


@dataclass(frozen=True)
class Device:
    """An enrolled laptop."""

    id: str
    name: str
    communes: tuple[str, ...]
    sign_public_key: str
    box_public_key: str
    token_hash: str
    revoked: bool
    enrolled_at: str
    last_seq_seen: int


@dataclass(frozen=True)
class StoredRecord:
    """The server's current version of one record."""

    entity: str
    id: str
    version: int
    fields: dict[str, Any]
    deleted: bool
    commune_code: str
    updated_at: str
    updated_by: str
    origin_device: str
    server_seq: int

    def content(self) -> dict[str, Any]:
        """What a merge compares: fields, tombstone flag and commune."""
        return {"fields": self.fields, "deleted": self.deleted, "commune_code": self.commune_code}


@dataclass(frozen=True)
class StoredBatch:
    """A batch already received: who sent it, a hash of its content, and its receipt."""

    batch_id: str
    device_id: str
    body_hash: str
    receipt: str | None


@dataclass(frozen=True)
class DeviceVersion:
    """A version a device sent, as the device had it, and what became of it."""

    content: dict[str, Any]
    status: str
    server_version: int | None


@dataclass(frozen=True)
class Officer:
    """A registered police officer's signing key."""

    public_key: str
    officer: str
    full_name: str
    communes: tuple[str, ...]
    device_id: str
    enrolled_at: str
    revoked: bool


@dataclass(frozen=True)
class AuditHead:
    """An audit-chain head a device sent with a batch."""

    device_id: str
    batch_id: str
    seq: int
    hash: str
    received_at: str


@dataclass(frozen=True)
class ServerKeys:
    """The server's Ed25519 signing key and X25519 box key."""

    sign: Ed25519PrivateKey
    box: X25519PrivateKey

    @property
    def sign_public_b64(self) -> str:
        """The signing public key, base64 raw (pinned by laptops)."""
        return public_key_b64(self.sign.public_key())

    @property
    def box_public_b64(self) -> str:
        """The box public key, base64 raw (USB bundles are encrypted to it)."""
        return public_key_b64(self.box.public_key())


def _keys_from_rows(rows: dict[str, str]) -> ServerKeys | None:
    """Keys from an earlier version's ``server_keys`` rows ({kind: base64 private key})."""
    if not rows.get("sign") or not rows.get("box"):
        return None
    from base64 import b64decode

    return ServerKeys(
        sign=Ed25519PrivateKey.from_private_bytes(b64decode(rows["sign"])),
        box=X25519PrivateKey.from_private_bytes(b64decode(rows["box"])),
    )


class EnrollmentRefused(Exception):
    """A one-time code that cannot be used; ``reason`` is unknown, used, expired (or, for
    officer codes, commune or key)."""

    def __init__(self, reason: str, communes: tuple[str, ...] = ()):
        super().__init__(reason)
        self.reason = reason
        self.communes = communes  # "other_commune": the communes the code is for


class BatchTx:
    """The reads and writes of applying one batch, inside one transaction."""

    def prefetch(self, device_id: str, keys: list[tuple[str, str]]) -> None:
        """A hint: the batch will ask for ``device_id``'s versions of ``keys`` (PostgreSQL reads
        them in one statement; SQLite, in-process, has nothing to gain)."""

    def expect_citizen_ids(self, citizen_ids: set[str]) -> None:
        """A hint: the batch stores persons holding these citizen IDs, and the identity-merge
        check asks ``live_persons_with_citizen_id`` for each (SQLite reads them in one go;
        PostgreSQL takes a lock row per ID as it asks)."""

    def claim_batch(
        self,
        *,
        batch_id: str,
        device_id: str,
        body_hash: str,
        protocol: int,
        schema_version: int,
        seq_from: int,
        seq_to: int,
        change_count: int,
        source: str,
        received_at: str,
    ) -> StoredBatch | None:
        """Insert the batch row; None when inserted, else the batch that already holds the id.
        The UNIQUE constraint decides, not a prior look-up."""
        raise NotImplementedError

    def lock_records(self, keys: list[tuple[str, str]]) -> None:
        """Lock these records (existing or not) for the rest of the transaction, in sorted
        (entity, id) order. Records read or written later are locked as they are met."""
        raise NotImplementedError

    def set_receipt(self, batch_id: str, receipt_text: str) -> None:
        """Store the exact receipt text served for the batch (and served again on a retry)."""
        raise NotImplementedError

    def get_record(self, entity: str, record_id: str) -> StoredRecord | None:
        """The current version of a record, or None."""
        raise NotImplementedError

    def get_history(self, entity: str, record_id: str, version: int) -> dict[str, Any] | None:
        """The content of a server version of a record, or None."""
        raise NotImplementedError

    def get_device_version(
        self, device_id: str, entity: str, record_id: str, version: int
    ) -> DeviceVersion | None:
        """A version this device sent before, or None."""
        raise NotImplementedError

    def put_device_version(
        self,
        device_id: str,
        entity: str,
        record_id: str,
        version: int,
        content: dict[str, Any],
        status: str,
        server_version: int | None,
    ) -> None:
        """Remember what became of a version a device sent (replacing an earlier outcome)."""
        raise NotImplementedError

    def store_version(
        self,
        *,
        entity: str,
        record_id: str,
        version: int,
        fields: dict[str, Any],
        deleted: bool,
        commune_code: str,
        updated_at: str,
        updated_by: str,
        origin_device: str,
        device_id: str,
        merged: bool,
        decided: list[str] | None = None,
    ) -> int:
        """Store a new current version: feed entry, history row, record row. Returns its
        server_seq as seen inside this transaction (PostgreSQL: final at commit).

        ``origin_device`` is the laptop's own provenance value; ``device_id`` is the sender."""
        raise NotImplementedError

    def live_persons_with_citizen_id(self, citizen_id: str) -> list[tuple[str, str]]:
        """``(person_id, commune_code)`` of every live person holding ``citizen_id``, the one
        the server saw first (its version 1 has the lowest server_seq) first."""
        raise NotImplementedError

    def live_referencing(self, field: str, target_id: str) -> list[StoredRecord]:
        """Live records whose ``fields.<field>`` is ``target_id``, oldest first."""
        raise NotImplementedError

    def was_rejected(self, entity: str, record_id: str) -> bool:
        """True when a change creating this record was refused for good (not retryable)."""
        raise NotImplementedError

    def add_identity_merge(self, **row: Any) -> None:
        """Record an identity merge (or a cross-commune duplicate left for people)."""
        raise NotImplementedError

    def add_conflict(self, **row: Any) -> None:
        """Record a refused change and the server values it collided with."""
        raise NotImplementedError

    def add_rejected(self, **row: Any) -> None:
        """Record a change refused as invalid or out of scope."""
        raise NotImplementedError

    def mark_seqs(self, device_id: str, seq_from: int, seq_to: int, batch_id: str) -> None:
        """Record that the device's sequence numbers seq_from..seq_to have arrived."""
        raise NotImplementedError

    def get_officer(self, public_key: str) -> Officer | None:
        """A registered officer key, or None."""
        raise NotImplementedError

    def add_audit_head(self, device_id: str, batch_id: str, seq: int, digest: str, now: str):
        """Keep a device's audit-chain head sent with a batch (once per batch)."""
        raise NotImplementedError

    def max_server_seq(self) -> int:
        """The newest server_seq, this transaction's entries included (0 when none). On
        PostgreSQL this fixes this transaction's feed positions: store nothing after it."""
        raise NotImplementedError


class Storage:
    """The city server's database."""

    #: a folder for temporary upload files (None: the system's temporary folder)
    scratch_dir: Path | None = None

    def close(self) -> None:
        """Close every connection (call once, when no request is running)."""
        raise NotImplementedError

    def run_batch(self, fn: Callable[[BatchTx], T]) -> T:
        """Run ``fn(tx)`` in one write transaction, again on a deadlock or serialization
        failure (at most ``BATCH_ATTEMPTS`` times); its result once committed."""
        raise NotImplementedError

    def batch_transaction(self) -> AbstractContextManager[BatchTx]:
        """One write transaction, not retried (tests and one-off writes)."""
        raise NotImplementedError

    # --- keys
    #: ``--keys FILE``; None: beside a SQLite database, refused on PostgreSQL (city_server.keys)
    keys_path: str | os.PathLike[str] | None = None
    _keys: ServerKeys | None = None

    def server_keys(self) -> ServerKeys:
        """The server's signing and box keys, read from the key file on first use (a database of
        an earlier version has its keys moved from its ``server_keys`` table into the file)."""
        if self._keys is None:
            from city_server import keys as key_file

            keys, drop = key_file.resolve(
                self.keys_path, self.default_keys_path(), self.legacy_keys()
            )
            known = self.server_identity()
            if known is None:
                self.record_server_identity(keys.sign_public_b64, keys.box_public_b64)
            elif known != (keys.sign_public_b64, keys.box_public_b64):
                raise key_file.wrong_key_file(self.keys_path or self.default_keys_path(), known)
            if drop:
                self.drop_legacy_keys()
            self._keys = keys
        return self._keys

    def server_identity(self) -> tuple[str, str] | None:
        """The (signing, box) public keys this database was first served with, if recorded."""
        raise NotImplementedError

    def record_server_identity(self, sign_public: str, box_public: str) -> None:
        """Remember the public keys this database is served with (first start)."""
        raise NotImplementedError

    def default_keys_path(self) -> Path | None:
        """Where the key file is without ``--keys``: beside a SQLite file; PostgreSQL: none."""
        return None

    def legacy_keys(self) -> ServerKeys | None:
        """Keys an earlier version kept in the database, if any are still there."""
        raise NotImplementedError

    def drop_legacy_keys(self) -> None:
        """Delete the database's copy of the keys (once they are in the key file)."""
        raise NotImplementedError

    def advance_feed(self, by: int) -> int:
        """After a restore or a failover: new feed positions start ``by`` past the newest one
        (laptops may have pulled positions the restored database never saw); the new head."""
        raise NotImplementedError

    def intake_figures(self) -> dict[str, Any]:
        """Cheap totals for /api/v1/metrics: devices (not revoked), batches, feed_head,
        conflicts, rejected {reason: n}, quarantined {reason: n} (the non-retryable ones)."""
        raise NotImplementedError

    # --- failed enrolment attempts (shared by every worker)
    def record_failure(self, key: str, at: float) -> None:
        """Count one failed enrolment attempt for ``key`` at Unix time ``at``."""
        raise NotImplementedError

    def recent_failures(self, key: str, since: float, limit: int) -> list[float]:
        """The times of ``key``'s failures after ``since``, oldest first, at most ``limit``;
        older rows of every key are deleted on the way."""
        raise NotImplementedError

    # --- enrolment and devices
    def add_enrollment_code(
        self, code_hash: str, communes: list[str], created_at: str, expires_at: str
    ) -> None:
        """Store a one-time enrolment code (its hash only)."""
        raise NotImplementedError

    def enroll_device(
        self, code_hash: str, now: str, device: Device, commune: str | None = None
    ) -> Device:
        """Use the code once and add the device, atomically; raise EnrollmentRefused if
        unusable. ``device.communes`` is ignored: the device gets the code's communes."""
        raise NotImplementedError

    def get_device(self, device_id: str) -> Device | None:
        """A device by id, or None."""
        raise NotImplementedError

    def list_devices(self) -> list[Device]:
        """Every enrolled device, oldest first."""
        raise NotImplementedError

    def revoke_device(self, device_id: str, now: str) -> bool:
        """Revoke a device's right to sync; False when there is no such device."""
        raise NotImplementedError

    def note_contact(self, device_id: str, now: str) -> None:
        """The device talked to the server at ``now`` (a pull or a gaps query; ISO UTC)."""
        raise NotImplementedError

    # --- pull, gaps, stats
    def changes_since(
        self, communes: tuple[str, ...], exclude_device: str, since: int, limit: int
    ) -> list[tuple[int, str]]:
        """Up to ``limit`` feed entries after ``since`` in ``communes`` sent by other devices,
        as ``(server_seq, change_json)`` in server_seq order."""
        raise NotImplementedError

    def max_server_seq(self) -> int:
        """The newest server_seq visible (0 when none)."""
        raise NotImplementedError

    def device_gaps(self, device_id: str) -> list[tuple[int, int]]:
        """Missing ranges ``(first, last)`` of a device's sequence numbers up to the last seen."""
        raise NotImplementedError

    def device_missing(self, device_id: str) -> int:
        """How many of a device's sequence numbers up to the last seen are missing (what
        ``device_gaps`` sums to), counted on the index: the admin page asks it for 100
        devices, and walking every sequence number of each took seconds at city scale."""
        raise NotImplementedError

    def stats(self) -> dict[str, Any]:
        """Counts for the operator: devices, batches, live records, conflicts, rejected, merges."""
        raise NotImplementedError

    # --- USB bundles (db_schema/server/002_bundles.sql)
    def received_batches(self, batch_ids: list[str]) -> dict[str, str]:
        """``batch_id -> source`` for the batches the server already holds."""
        raise NotImplementedError

    def bundle_imports(self, bundle_id: str) -> int:
        """How many times this bundle was imported (0: never)."""
        raise NotImplementedError

    def bundle_acked_seq(self, device_id: str) -> int:
        """The newest server_seq the device said (in a bundle) it holds."""
        raise NotImplementedError

    def record_bundle_import(
        self,
        *,
        bundle_id: str,
        device_id: str,
        seq_from: int | None,
        seq_to: int | None,
        change_count: int,
        batch_count: int,
        receipt_bundle_id: str,
        summary: dict[str, Any],
        acked_seq: int,
        sent_seq: int,
        now: str,
    ) -> None:
        """Count a bundle import and move the device's bundle cursors forward."""
        raise NotImplementedError

    # --- officers and audit heads (city_server/officers.py)
    def add_officer_code(
        self, code_hash: str, communes: list[str], created_at: str, expires_at: str
    ) -> None:
        """Store a one-time officer code (its hash only)."""
        raise NotImplementedError

    def enroll_officer(
        self,
        code_hash: str,
        now: str,
        public_key: str,
        certify: Callable[[list[str]], tuple[Officer, str]],
    ) -> None:
        """Use an officer code once and register ``public_key``, atomically. ``certify(code's
        communes)`` returns the officer row and its certificate text (or raises); raises
        EnrollmentRefused("unknown" | "used" | "expired" | "key")."""
        raise NotImplementedError

    def list_officers(self) -> list[Officer]:
        """Every registered officer key (revoked ones too), oldest first."""
        raise NotImplementedError

    def revoke_officer(self, public_key: str, now: str) -> bool:
        """Revoke an officer key; False when unknown or already revoked."""
        raise NotImplementedError

    def audit_heads(self) -> Iterator[AuditHead]:
        """Every kept audit head, per device in the order its batches started."""
        raise NotImplementedError


def is_postgres_url(db: str | os.PathLike[str]) -> bool:
    """True for ``postgresql://…`` / ``postgres://…``."""
    return isinstance(db, str) and db.startswith(("postgresql://", "postgres://"))
