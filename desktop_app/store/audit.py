"""The hash-chained audit log.

Each entry's hash is sha256(previous hash + canonical JSON of the entry), so changing, removing or
reordering an entry breaks the chain from that point on. Entries never hold ID numbers, names or
other field values: only who did what to which record, and field names.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils

from desktop_app.core.canonical import canonical_json

GENESIS = "0" * 64


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _entry_hash(prev_hash: str, entry: dict) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical_json(entry)).hexdigest()


def append(
    db: sqlite_utils.Database,
    username: str,
    action: str,
    entity: str | None = None,
    record_id: str | None = None,
    detail: dict | None = None,
) -> int:
    """Append one chained entry; call inside the transaction of the action it records."""
    row = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev_id, prev_hash = (row[0], row[1]) if row else (0, GENESIS)
    entry = {
        "id": prev_id + 1,
        "at": _now(),
        "username": username,
        "action": action,
        "entity": entity,
        "record_id": record_id,
        "detail": detail or {},
    }
    digest = _entry_hash(prev_hash, entry)
    db.execute(
        "INSERT INTO audit_log (id, at, username, action, entity, record_id, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry["id"],
            entry["at"],
            username,
            action,
            entity,
            record_id,
            json.dumps(entry["detail"], ensure_ascii=False, sort_keys=True),
            prev_hash,
            digest,
        ),
    )
    return entry["id"]


def append_many(db: sqlite_utils.Database, entries: list[tuple]) -> None:
    """Append many (username, action, entity, record_id, detail) entries, chained, in order."""
    row = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev_id, prev_hash = (row[0], row[1]) if row else (0, GENESIS)
    at = _now()
    out = []
    for username, action, entity, record_id, detail in entries:
        prev_id += 1
        entry = {
            "id": prev_id,
            "at": at,
            "username": username,
            "action": action,
            "entity": entity,
            "record_id": record_id,
            "detail": detail or {},
        }
        digest = _entry_hash(prev_hash, entry)
        out.append(
            (
                prev_id,
                at,
                username,
                action,
                entity,
                record_id,
                json.dumps(entry["detail"], ensure_ascii=False, sort_keys=True),
                prev_hash,
                digest,
            )
        )
        prev_hash = digest
    db.conn.executemany(
        "INSERT INTO audit_log (id, at, username, action, entity, record_id, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        out,
    )


@dataclass(frozen=True)
class ChainCheck:
    """Result of ``verify``: ``ok``, how many entries were checked, the first broken id, and
    the entry the city server anchored (``audit_anchor``), if any."""

    ok: bool
    entries: int
    first_broken: int | None = None
    reason: str = ""
    anchored_seq: int | None = None


def verify(db: sqlite_utils.Database) -> ChainCheck:
    """Walk the chain from the start; report the first entry that does not fit."""
    prev_hash = GENESIS
    expected_id = 1
    count = 0
    for row in db.execute(
        "SELECT id, at, username, action, entity, record_id, detail, prev_hash, hash"
        " FROM audit_log ORDER BY id"
    ):
        count += 1
        entry_id = row[0]
        if entry_id != expected_id:
            return ChainCheck(False, count, expected_id, "missing entry")
        try:
            detail = json.loads(row[6])
        except ValueError:
            return ChainCheck(False, count, entry_id, "unreadable detail")
        entry = {
            "id": entry_id,
            "at": row[1],
            "username": row[2],
            "action": row[3],
            "entity": row[4],
            "record_id": row[5],
            "detail": detail,
        }
        if row[7] != prev_hash:
            return ChainCheck(False, count, entry_id, "previous hash does not match")
        if _entry_hash(prev_hash, entry) != row[8]:
            return ChainCheck(False, count, entry_id, "entry was changed")
        prev_hash = row[8]
        expected_id += 1
    return ChainCheck(True, count)
