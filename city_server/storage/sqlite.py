"""The city server on SQLite: one file, one writer at a time (the default; a commune or a demo).

Connections: one per thread (``threading.local``), WAL on, ``busy_timeout`` so writers queue.
Batch writers are serialised by ``BEGIN IMMEDIATE``: two batches never interleave, and a
server_seq (``AUTOINCREMENT``, never reused) commits in order, so the feed has no gaps.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from city_server.storage.base import (
    REFERENCE_FIELDS,
    AuditHead,
    BatchTx,
    Device,
    DeviceVersion,
    EnrollmentRefused,
    Officer,
    ServerKeys,
    Storage,
    StoredBatch,
    StoredRecord,
    T,
    _keys_from_rows,
    dumps,
    json_string,
    note_referrer,
    served_change,
    utc_now,
)
from city_server.storage.dashboard_sqlite import DashboardSQLite, DashboardTxSQLite
from desktop_app.core.errors import DatabaseError
from desktop_app.core.protocol import (
    ENTITIES,
    RETRYABLE_REASONS,
)

SCHEMA_DIR = Path(__file__).resolve().parent.parent.parent / "db_schema" / "server"
BUSY_TIMEOUT_MS = 30_000


def _device(row: sqlite3.Row) -> Device:
    return Device(
        id=row["id"],
        name=row["name"],
        communes=tuple(json.loads(row["communes"])),
        sign_public_key=row["sign_public_key"],
        box_public_key=row["box_public_key"],
        token_hash=row["token_hash"],
        revoked=bool(row["revoked"]),
        enrolled_at=row["enrolled_at"],
        last_seq_seen=row["last_seq_seen"],
    )


def _record(row: sqlite3.Row) -> StoredRecord:
    return StoredRecord(
        entity=row["entity"],
        id=row["id"],
        version=row["version"],
        fields=json.loads(row["fields"]),
        deleted=bool(row["deleted"]),
        commune_code=row["commune_code"],
        updated_at=row["updated_at"],
        updated_by=row["updated_by"],
        origin_device=row["origin_device"],
        server_seq=row["server_seq"],
    )


_INSERT_CHANGE = (
    "INSERT INTO changes (server_seq, entity, record_id, version, commune_code, device_id, change)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_HISTORY = (
    "INSERT INTO record_history (entity, id, version, fields, deleted, commune_code,"
    " updated_at, updated_by, origin_device, device_id, server_seq, merged)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_UPSERT_RECORD = (
    "INSERT INTO records (entity, id, version, fields, deleted, commune_code, updated_at,"
    " updated_by, origin_device, device_id, server_seq)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version,"
    " fields = excluded.fields, deleted = excluded.deleted,"
    " commune_code = excluded.commune_code, updated_at = excluded.updated_at,"
    " updated_by = excluded.updated_by, origin_device = excluded.origin_device,"
    " device_id = excluded.device_id, server_seq = excluded.server_seq"
)
_PUT_DEVICE_VERSION = (
    "INSERT OR REPLACE INTO device_versions"
    " (device_id, entity, record_id, version, content, status, server_version)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_CONTENT = {"commune_code", "deleted", "fields"}  # a device version's content
_IN_CHUNK = 400  # ids per IN (...) list: well below SQLite's 32,766 variables


class SQLiteBatchTx(DashboardTxSQLite, BatchTx):
    """The writes and reads of applying one batch, inside one ``BEGIN IMMEDIATE`` transaction.

    Statements are what a batch costs here (a 500-change batch made ~4,500 of them, each
    parsing a record's JSON again). So, as on PostgreSQL: the records a batch touches and this
    device's versions of them are read once (``lock_records``, ``prefetch``) and kept; writes
    of versions are buffered and sent with ``executemany``. The transaction is the only writer,
    so the feed positions are handed out here (the AUTOINCREMENT counter plus one, in order) and
    the buffered writes reach the database before any other statement: every other read goes
    through ``_conn``, which sends them first.
    """

    def __init__(self, conn: sqlite3.Connection):
        self._raw = conn
        self._records: dict[tuple[str, str], StoredRecord | None] = {}
        # a prefetched version stays (content text, status, server_version) until asked for
        self._device_versions: dict[tuple[str, str, str, int], Any] = {}
        self._prefetched: set[tuple[str, str, str]] = set()  # (device, entity, id)
        self._next_seq: int | None = None
        self._buffered: list[tuple[str, tuple]] = []  # (statement, parameters), in order
        # (field, target id) -> the records that referred to it when it was read, plus those
        # stored since (live_referencing filters them by their current version)
        self._referencing: dict[tuple[str, str], dict[tuple[str, str], None]] = {}
        # citizen ID -> {person id: server_seq of its version 1} of the persons holding it when
        # read, plus those stored since (live_persons_with_citizen_id filters by current version)
        self._citizens: dict[str, dict[str, int]] = {}
        self._last_fields: tuple[dict[str, Any], str] | None = None  # (object, its JSON)

    @property
    def _conn(self) -> sqlite3.Connection:
        """The connection, after the buffered writes were sent (for every uncached statement)."""
        self._flush()
        return self._raw

    def _flush(self) -> None:
        if not self._buffered:
            return
        buffered, self._buffered = self._buffered, []
        # One executemany per statement, each in the order the writes were made. The four
        # tables (changes, record_history, records, device_versions) do not refer to each other (no foreign keys, no triggers), so only the order
        # within a table matters (a record or device version written twice: the last wins).
        by_statement: dict[str, list[tuple]] = {}
        for statement, params in buffered:
            by_statement.setdefault(statement, []).append(params)
        for statement, rows in by_statement.items():
            self._raw.executemany(statement, rows)

    def lock_records(self, keys: list[tuple[str, str]]) -> None:
        """Nothing to lock (the transaction is the only writer): read the records in one go."""
        by_entity: dict[str, list[str]] = {}
        for entity, record_id in keys:
            if (entity, record_id) not in self._records:
                by_entity.setdefault(entity, []).append(record_id)
        conn = self._conn
        for entity, ids in by_entity.items():
            for start in range(0, len(ids), _IN_CHUNK):
                part = ids[start : start + _IN_CHUNK]
                self._records.update(dict.fromkeys((entity, i) for i in part))
                rows = conn.execute(
                    f"SELECT * FROM records WHERE entity = ? AND id IN ({', '.join('?' * len(part))})",
                    (entity, *part),
                )
                self._records.update(((entity, r["id"]), _record(r)) for r in rows)

    def prefetch(self, device_id: str, keys: list[tuple[str, str]]) -> None:
        """This device's earlier versions of ``keys``, read in a few statements."""
        by_entity: dict[str, list[str]] = {}
        for entity, record_id in keys:
            if (device_id, entity, record_id) not in self._prefetched:
                by_entity.setdefault(entity, []).append(record_id)
        conn = self._conn
        for entity, ids in by_entity.items():
            for start in range(0, len(ids), _IN_CHUNK):
                part = ids[start : start + _IN_CHUNK]
                rows = conn.execute(
                    "SELECT record_id, version, content, status, server_version"
                    " FROM device_versions WHERE device_id = ? AND entity = ?"
                    f" AND record_id IN ({', '.join('?' * len(part))})",
                    (device_id, entity, *part),
                )
                for r in rows:  # the content is parsed only if asked for (few are)
                    self._device_versions[(device_id, entity, r[0], r[1])] = (r[2], r[3], r[4])
                self._prefetched.update((device_id, entity, i) for i in part)

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

        The UNIQUE constraint decides, not a prior look-up.
        """
        try:
            self._conn.execute(
                "INSERT INTO batches (batch_id, device_id, body_hash, protocol, schema_version,"
                " seq_from, seq_to, change_count, source, received_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    batch_id,
                    device_id,
                    body_hash,
                    protocol,
                    schema_version,
                    seq_from,
                    seq_to,
                    change_count,
                    source,
                    received_at,
                ),
            )
        except sqlite3.IntegrityError:
            row = self._conn.execute(
                "SELECT batch_id, device_id, body_hash, receipt FROM batches WHERE batch_id = ?",
                (batch_id,),
            ).fetchone()
            return StoredBatch(row["batch_id"], row["device_id"], row["body_hash"], row["receipt"])
        return None

    def set_receipt(self, batch_id: str, receipt_text: str) -> None:
        """Store the exact receipt text served for the batch (and served again on a retry)."""
        self._conn.execute(
            "UPDATE batches SET receipt = ? WHERE batch_id = ?", (receipt_text, batch_id)
        )

    def get_record(self, entity: str, record_id: str) -> StoredRecord | None:
        """The current version of a record, or None."""
        key = (entity, record_id)
        if key in self._records:
            return self._records[key]
        row = self._conn.execute(
            "SELECT * FROM records WHERE entity = ? AND id = ?", (entity, record_id)
        ).fetchone()
        self._records[key] = None if row is None else _record(row)
        return self._records[key]

    def get_history(self, entity: str, record_id: str, version: int) -> dict[str, Any] | None:
        """The content of a server version of a record, or None."""
        row = self._conn.execute(
            "SELECT fields, deleted, commune_code FROM record_history"
            " WHERE entity = ? AND id = ? AND version = ?",
            (entity, record_id, version),
        ).fetchone()
        if row is None:
            return None
        return {
            "fields": json.loads(row["fields"]),
            "deleted": bool(row["deleted"]),
            "commune_code": row["commune_code"],
        }

    def get_device_version(
        self, device_id: str, entity: str, record_id: str, version: int
    ) -> DeviceVersion | None:
        """A version this device sent before, or None."""
        key = (device_id, entity, record_id, version)
        if key in self._device_versions or (device_id, entity, record_id) in self._prefetched:
            found = self._device_versions.get(key)
            if isinstance(found, tuple):  # prefetched as text: read when asked for
                found = self._device_versions[key] = DeviceVersion(
                    json.loads(found[0]), found[1], found[2]
                )
            return found
        row = self._conn.execute(
            "SELECT content, status, server_version FROM device_versions"
            " WHERE device_id = ? AND entity = ? AND record_id = ? AND version = ?",
            (device_id, entity, record_id, version),
        ).fetchone()
        if row is None:
            return None
        return DeviceVersion(json.loads(row["content"]), row["status"], row["server_version"])

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
        last, self._last_fields = self._last_fields, None
        if (
            last is not None
            and content.get("fields") is last[0]
            and content.keys() == _CONTENT
            and type(content["commune_code"]) is str
            and type(content["deleted"]) is bool
        ):
            # the very fields object just stored: its JSON is put in, not made again (the
            # canonical JSON of the content, written out directly: keys in sorted order)
            text = (
                f'{{"commune_code":{json_string(content["commune_code"])},'
                f'"deleted":{"true" if content["deleted"] else "false"},"fields":{last[1]}}}'
            )
        else:
            text = dumps(content)
        self._buffered.append(
            (
                _PUT_DEVICE_VERSION,
                (device_id, entity, record_id, version, text, status, server_version),
            )
        )
        self._device_versions[(device_id, entity, record_id, version)] = DeviceVersion(
            content, status, server_version
        )

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
        """Store a new current version: feed entry, history row, record row. Returns server_seq.

        ``origin_device`` is the laptop's own provenance value; ``device_id`` is the enrolled sender.
        """
        fields_text = dumps(fields)
        self._last_fields = (fields, fields_text)
        served_text = served_change(
            entity=entity,
            record_id=record_id,
            version=version,
            fields_text=fields_text,
            deleted=deleted,
            commune_code=commune_code,
            updated_at=updated_at,
            updated_by=updated_by,
            origin_device=origin_device,
            decided=decided,
        )
        if self._next_seq is None:
            self._next_seq = _max_server_seq(self._conn) + 1  # AUTOINCREMENT's next value
        server_seq = self._next_seq
        self._next_seq += 1
        self._buffered.append(
            (
                _INSERT_CHANGE,
                (server_seq, entity, record_id, version, commune_code, device_id, served_text),
            )
        )
        self._buffered.append(
            (
                _INSERT_HISTORY,
                (
                    entity,
                    record_id,
                    version,
                    fields_text,
                    int(deleted),
                    commune_code,
                    updated_at,
                    updated_by,
                    origin_device,
                    device_id,
                    server_seq,
                    int(merged),
                ),
            )
        )
        self._buffered.append(
            (
                _UPSERT_RECORD,
                (
                    entity,
                    record_id,
                    version,
                    fields_text,
                    int(deleted),
                    commune_code,
                    updated_at,
                    updated_by,
                    origin_device,
                    device_id,
                    server_seq,
                ),
            )
        )
        self._records[(entity, record_id)] = StoredRecord(
            entity=entity,
            id=record_id,
            version=version,
            fields=fields,
            deleted=deleted,
            commune_code=commune_code,
            updated_at=updated_at,
            updated_by=updated_by,
            origin_device=origin_device,
            server_seq=server_seq,
        )
        if entity == "person" and self._citizens:
            citizen_id = fields.get("citizen_id")
            holders = self._citizens.get(citizen_id) if isinstance(citizen_id, str) else None
            if holders is not None and record_id not in holders:
                if version == 1:
                    holders[record_id] = server_seq
                else:  # where its version 1 stands in the feed is not known here: ask again
                    del self._citizens[citizen_id]
        if self._referencing:
            note_referrer(self._referencing, entity, record_id, fields, None)
        return server_seq

    def expect_citizen_ids(self, citizen_ids: set[str]) -> None:
        """Read the persons holding these citizen IDs in a few statements."""
        wanted = [c for c in citizen_ids if c not in self._citizens]
        if not wanted:
            return
        conn = self._conn
        for start in range(0, len(wanted), _IN_CHUNK):
            part = wanted[start : start + _IN_CHUNK]
            for citizen_id in part:
                self._citizens[citizen_id] = {}
            rows = conn.execute(
                # (INDEXED BY: without it the planner scans every live person for an IN list)
                "SELECT r.*, COALESCE(h.server_seq, r.server_seq) AS first_seq"
                " FROM records r INDEXED BY records_citizen_id LEFT JOIN record_history h"
                " ON h.entity = r.entity AND h.id = r.id AND h.version = 1"
                " WHERE r.entity = 'person' AND r.deleted = 0"
                f" AND json_extract(r.fields, '$.citizen_id') IN ({', '.join('?' * len(part))})",
                part,
            )
            for row in rows:
                record = _record(row)
                self._records[("person", record.id)] = record
                self._citizens[record.fields["citizen_id"]][record.id] = row["first_seq"]

    def live_persons_with_citizen_id(self, citizen_id: str) -> list[tuple[str, str]]:
        """``(person_id, commune_code)`` of every live person holding ``citizen_id``, the one
        the server saw first (its version 1 has the lowest server_seq) first."""
        holders = self._citizens.get(citizen_id)
        if holders is not None:  # read before in this batch: the persons as they are now
            found = []
            for person_id, first_seq in holders.items():
                record = self._records.get(("person", person_id))
                if (
                    record is not None
                    and not record.deleted
                    and record.fields.get("citizen_id") == citizen_id
                ):
                    found.append((first_seq, person_id, record.commune_code))
            return [(person_id, commune) for _, person_id, commune in sorted(found)]
        rows = self._conn.execute(
            "SELECT r.id, r.commune_code FROM records r"
            " LEFT JOIN record_history h ON h.entity = r.entity AND h.id = r.id AND h.version = 1"
            " WHERE r.entity = 'person' AND r.deleted = 0"
            " AND json_extract(r.fields, '$.citizen_id') = ?"
            " ORDER BY COALESCE(h.server_seq, r.server_seq), r.id",
            (citizen_id,),
        ).fetchall()
        return [(r[0], r[1]) for r in rows]

    def live_referencing(self, field: str, target_id: str) -> list[StoredRecord]:
        """Live records whose ``fields.<field>`` is ``target_id`` (person_id, household_id,
        benefit_id), oldest first."""
        if field not in REFERENCE_FIELDS:
            raise ValueError(field)
        holders = self._referencing.get((field, target_id))
        if holders is not None:  # asked before in this batch: the records as they are now
            records = [self._records[key] for key in holders]
            return sorted(
                (
                    r
                    for r in records
                    if r is not None and not r.deleted and r.fields.get(field) == target_id
                ),
                key=lambda r: r.server_seq,
            )
        rows = self._conn.execute(
            f"SELECT * FROM records WHERE json_extract(fields, '$.{field}') = ? AND deleted = 0"
            " ORDER BY server_seq",
            (target_id,),
        ).fetchall()
        records = [_record(r) for r in rows]
        holders = self._referencing[(field, target_id)] = {}
        for r in records:
            self._records[(r.entity, r.id)] = r
            holders[(r.entity, r.id)] = None
        return records

    def was_rejected(self, entity: str, record_id: str) -> bool:
        """True when a change creating this record was refused for good (not retryable)."""
        marks = ", ".join("?" for _ in RETRYABLE_REASONS)
        row = self._conn.execute(
            "SELECT 1 FROM rejected WHERE entity = ? AND record_id = ?"
            f" AND reason NOT IN ({marks}) LIMIT 1",
            (entity, record_id, *RETRYABLE_REASONS),
        ).fetchone()
        return row is not None

    def add_identity_merge(self, **row: Any) -> None:
        """Record an identity merge (or a cross-commune duplicate left for people)."""
        columns = ", ".join(row)
        self._conn.execute(
            f"INSERT OR IGNORE INTO identity_merges ({columns})"
            f" VALUES ({', '.join('?' for _ in row)})",
            tuple(row.values()),
        )

    def add_conflict(self, **row: Any) -> None:
        """Record a refused change and the server values it collided with."""
        row = dict(row)
        for key in ("fields", "change", "server_fields"):
            row[key] = dumps(row[key])
        row["server_deleted"] = int(row["server_deleted"])
        columns = ", ".join(row)
        self._conn.execute(
            f"INSERT INTO conflicts ({columns}) VALUES ({', '.join('?' for _ in row)})",
            tuple(row.values()),
        )

    def add_rejected(self, **row: Any) -> None:
        """Record a change refused as invalid or out of scope."""
        row = dict(row)
        row["change"] = dumps(row["change"])
        columns = ", ".join(row)
        self._conn.execute(
            f"INSERT INTO rejected ({columns}) VALUES ({', '.join('?' for _ in row)})",
            tuple(row.values()),
        )

    def mark_seqs(self, device_id: str, seq_from: int, seq_to: int, batch_id: str) -> None:
        """Record that the device's sequence numbers seq_from..seq_to have arrived."""
        added = self._conn.executemany(
            "INSERT OR IGNORE INTO device_seqs (device_id, seq, batch_id) VALUES (?, ?, ?)",
            ((device_id, seq, batch_id) for seq in range(seq_from, seq_to + 1)),
        ).rowcount
        self._conn.execute(
            "UPDATE devices SET last_seq_seen = MAX(last_seq_seen, ?), seqs_seen = seqs_seen + ?"
            " WHERE id = ?",
            (seq_to, max(added, 0), device_id),
        )

    def get_officer(self, public_key: str) -> Officer | None:
        row = self._conn.execute(
            "SELECT * FROM officers WHERE public_key = ?", (public_key,)
        ).fetchone()
        return None if row is None else _officer(row)

    def add_audit_head(self, device_id: str, batch_id: str, seq: int, digest: str, now: str):
        self._conn.execute(
            "INSERT OR IGNORE INTO device_audit_heads (device_id, batch_id, seq, hash, received_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (device_id, batch_id, seq, digest, now),
        )

    def max_server_seq(self) -> int:
        return _max_server_seq(self._conn)


class SQLiteStorage(DashboardSQLite, Storage):
    """The city server's SQLite database (one file; the server keys in a key file beside it)."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.scratch_dir = self.path.parent
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._write_lock = threading.RLock()
        new = not self.path.exists()
        try:
            conn = self._conn()
        except sqlite3.Error as exc:
            raise DatabaseError(
                f"Không mở được cơ sở dữ liệu máy chủ {self.path}: {exc}",
                f"Cannot open the server database {self.path}: {exc}",
            ) from exc
        if new:
            # The file holds personal data.
            os.chmod(self.path, 0o600)
        self._migrate(conn)

    # --- connections ---------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        """Close every connection this object opened (call once, when no request is running)."""
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        # The threads of this process queue on a lock (in order, for as long as it takes);
        # busy_timeout is then only for other processes (a CLI command beside `serve`). Without
        # it, a burst of batches polled SQLite's busy handler and some gave up with "database is
        # locked" (500s) while one writer worked.
        with self._write_lock:
            conn = self._conn()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextmanager
    def batch_transaction(self) -> Iterator[BatchTx]:
        """One write transaction for one batch: everything in it is applied, or nothing."""
        with self._write() as conn:
            tx = SQLiteBatchTx(conn)
            yield tx
            tx._flush()  # the buffered writes, before the commit

    def run_batch(self, fn: Callable[[BatchTx], T]) -> T:
        """One transaction; never retried (writers queue on ``busy_timeout``, nothing to lose)."""
        with self.batch_transaction() as tx:
            return fn(tx)

    def _migrate(self, conn: sqlite3.Connection) -> None:
        files = sorted(SCHEMA_DIR.glob("[0-9][0-9][0-9]_*.sql"))
        latest = int(files[-1].name[:3]) if files else 0
        current = conn.execute("PRAGMA user_version").fetchone()[0]
        if current > latest:
            raise DatabaseError(
                "Cơ sở dữ liệu máy chủ thuộc phiên bản mới hơn phần mềm này.",
                f"The server database has schema {current}, newer than this server ({latest}).",
            )
        for file in files:
            number = int(file.name[:3])
            if number <= current:
                continue
            script = file.read_text(encoding="utf-8")
            with self._write() as c:
                for statement in _split_sql(script):
                    c.execute(statement)
                c.execute(f"PRAGMA user_version = {number}")

    # --- keys ----------------------------------------------------------------------------

    def default_keys_path(self) -> Path:
        from city_server.keys import default_key_path

        return default_key_path(self.path)

    def legacy_keys(self) -> ServerKeys | None:
        rows = {
            r["kind"]: r["private_key"] for r in self._conn().execute("SELECT * FROM server_keys")
        }
        return _keys_from_rows(rows)

    def server_identity(self) -> tuple[str, str] | None:
        row = (
            self._conn()
            .execute("SELECT sign_public_key, box_public_key FROM server_identity")
            .fetchone()
        )
        return (row[0], row[1]) if row else None

    def record_server_identity(self, sign_public: str, box_public: str) -> None:
        with self._write() as c:
            if c.execute("SELECT 1 FROM server_identity").fetchone() is None:
                c.execute(
                    "INSERT INTO server_identity VALUES (?, ?, ?)",
                    (sign_public, box_public, utc_now()),
                )

    def drop_legacy_keys(self) -> None:
        with self._write() as c:
            c.execute("DELETE FROM server_keys")

    # --- failed enrolment attempts ------------------------------------------------------

    def record_failure(self, key: str, at: float) -> None:
        with self._write() as c:
            c.execute("INSERT INTO enrollment_failures (key, at) VALUES (?, ?)", (key, at))

    def recent_failures(self, key: str, since: float, limit: int) -> list[float]:
        with self._write() as c:
            c.execute("DELETE FROM enrollment_failures WHERE at <= ?", (since,))
            rows = c.execute(
                "SELECT at FROM enrollment_failures WHERE key = ? AND at > ? ORDER BY at LIMIT ?",
                (key, since, limit),
            ).fetchall()
        return [r["at"] for r in rows]

    # --- enrolment and devices -----------------------------------------------------------

    def add_enrollment_code(
        self, code_hash: str, communes: list[str], created_at: str, expires_at: str
    ) -> None:
        """Store a one-time enrolment code (its hash only)."""
        with self._write() as c:
            c.execute(
                "INSERT INTO enrollment_codes (code_hash, communes, created_at, expires_at)"
                " VALUES (?, ?, ?, ?)",
                (code_hash, dumps(communes), created_at, expires_at),
            )

    def enroll_device(
        self, code_hash: str, now: str, device: Device, commune: str | None = None
    ) -> Device:
        """Use the code once and add the device, atomically; raise EnrollmentRefused if unusable.

        ``device.communes`` is ignored: the device gets the code's communes. A laptop that
        names the ``commune`` it records is refused, and the code left unused, when the code is
        for others ("other_commune", PROTOCOL revision 10).
        """
        with self._write() as c:
            if commune is not None:
                held = c.execute(
                    "SELECT communes FROM enrollment_codes"
                    " WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?",
                    (code_hash, now),
                ).fetchone()
                communes = tuple(json.loads(held["communes"])) if held else ()
                if held is not None and commune not in communes:
                    raise EnrollmentRefused("other_commune", communes)
            row = c.execute(
                "UPDATE enrollment_codes SET used_at = ?, device_id = ?"
                " WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING communes",
                (now, device.id, code_hash, now),
            ).fetchone()
            if row is None:
                known = c.execute(
                    "SELECT used_at FROM enrollment_codes WHERE code_hash = ?", (code_hash,)
                ).fetchone()
                if known is None:
                    raise EnrollmentRefused("unknown")
                raise EnrollmentRefused("used" if known["used_at"] else "expired")
            communes = json.loads(row["communes"])
            c.execute(
                "INSERT INTO devices (id, name, communes, sign_public_key, box_public_key,"
                " token_hash, enrolled_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    device.id,
                    device.name,
                    dumps(communes),
                    device.sign_public_key,
                    device.box_public_key,
                    device.token_hash,
                    now,
                ),
            )
        found = self.get_device(device.id)
        assert found is not None
        return found

    def get_device(self, device_id: str) -> Device | None:
        row = self._conn().execute("SELECT * FROM devices WHERE id = ?", (device_id,)).fetchone()
        return _device(row) if row else None

    def list_devices(self) -> list[Device]:
        """Every enrolled device, oldest first."""
        rows = self._conn().execute("SELECT * FROM devices ORDER BY enrolled_at, id").fetchall()
        return [_device(r) for r in rows]

    def revoke_device(self, device_id: str, now: str) -> bool:
        """Revoke a device's right to sync; False when there is no such device."""
        with self._write() as c:
            cur = c.execute(
                "UPDATE devices SET revoked = 1, revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
                (now, device_id),
            )
            return cur.rowcount == 1

    def note_contact(self, device_id: str, now: str) -> None:
        with self._write() as c:
            c.execute(
                "UPDATE devices SET last_contact_at = ? WHERE id = ?"
                " AND (last_contact_at IS NULL OR last_contact_at < ?)",
                (now, device_id, now),
            )

    # --- pull, gaps, stats ---------------------------------------------------------------

    def changes_since(
        self, communes: tuple[str, ...], exclude_device: str, since: int, limit: int
    ) -> list[tuple[int, str]]:
        """Up to ``limit`` feed entries after ``since`` in ``communes`` sent by other devices.

        Returns ``(server_seq, change_json)`` in server_seq order.
        """
        if not communes:
            return []
        marks = ", ".join("?" for _ in communes)
        rows = self._conn().execute(
            f"SELECT server_seq, change FROM changes WHERE server_seq > ?"
            f" AND commune_code IN ({marks}) AND device_id != ?"
            f" ORDER BY server_seq LIMIT ?",
            (since, *communes, exclude_device, limit),
        )
        return [(r[0], r[1]) for r in rows]

    def max_server_seq(self) -> int:
        return _max_server_seq(self._conn())

    def device_missing(self, device_id: str) -> int:
        row = (
            self._conn()
            .execute("SELECT last_seq_seen - seqs_seen FROM devices WHERE id = ?", (device_id,))
            .fetchone()
        )
        return (row[0] or 0) if row else 0

    def device_gaps(self, device_id: str) -> list[tuple[int, int]]:
        """Missing ranges ``(first, last)`` of a device's sequence numbers up to the last seen."""
        conn = self._conn()
        first = conn.execute(
            "SELECT MIN(seq) FROM device_seqs WHERE device_id = ?", (device_id,)
        ).fetchone()[0]
        if first is None:
            return []
        gaps = [(1, first - 1)] if first > 1 else []
        rows = conn.execute(
            "SELECT seq + 1, next - 1 FROM (SELECT seq, LEAD(seq) OVER (ORDER BY seq) AS next"
            " FROM device_seqs WHERE device_id = ?) WHERE next > seq + 1",
            (device_id,),
        )
        gaps.extend((r[0], r[1]) for r in rows)
        return gaps

    def advance_feed(self, by: int) -> int:
        with self._write() as c:
            head = _max_server_seq(c) + by
            # the feed's AUTOINCREMENT counter: the next change gets head + 1
            if (
                c.execute(
                    "UPDATE sqlite_sequence SET seq = ? WHERE name = 'changes'", (head,)
                ).rowcount
                == 0
            ):
                c.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('changes', ?)", (head,))
        return head

    def intake_figures(self) -> dict[str, Any]:
        conn = self._conn()
        rejected = {
            r[0]: r[1]
            for r in conn.execute("SELECT reason, COUNT(*) FROM rejected GROUP BY reason")
        }
        return {
            "devices": conn.execute(
                "SELECT COUNT(*) FROM devices WHERE revoked_at IS NULL"
            ).fetchone()[0],
            "batches": conn.execute("SELECT COUNT(*) FROM batches").fetchone()[0],
            "feed_head": _max_server_seq(conn),
            "conflicts": conn.execute("SELECT COUNT(*) FROM conflicts").fetchone()[0],
            "rejected": rejected,
            "quarantined": {k: v for k, v in rejected.items() if k not in RETRYABLE_REASONS},
        }

    def stats(self) -> dict[str, Any]:
        """Counts for the operator: devices, batches, live records per entity, conflicts, rejected."""
        conn = self._conn()
        records = dict.fromkeys(ENTITIES, 0)
        for row in conn.execute(
            "SELECT entity, COUNT(*) FROM records WHERE deleted = 0 GROUP BY entity"
        ):
            records[row[0]] = row[1]

        def count(table: str) -> int:
            return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

        rejected: dict[str, int] = {}
        quarantined: dict[str, int] = {}
        for reason, n in conn.execute("SELECT reason, COUNT(*) FROM rejected GROUP BY reason"):
            rejected[reason] = n
            if reason not in RETRYABLE_REASONS:
                quarantined[reason] = n
        duplicates = conn.execute(
            "SELECT COUNT(*) FROM (SELECT json_extract(fields, '$.citizen_id') AS cid"
            " FROM records WHERE entity = 'person' AND deleted = 0 AND cid IS NOT NULL"
            " GROUP BY cid HAVING COUNT(*) > 1)"
        ).fetchone()[0]
        cross = conn.execute(
            "SELECT COUNT(*) FROM (SELECT json_extract(fields, '$.citizen_id') AS cid"
            " FROM records WHERE entity = 'person' AND deleted = 0 AND cid IS NOT NULL"
            " GROUP BY cid HAVING COUNT(DISTINCT commune_code) > 1)"
        ).fetchone()[0]
        merges = conn.execute(
            "SELECT COUNT(*) FROM identity_merges WHERE status = 'merged'"
        ).fetchone()[0]
        return {
            "devices": count("devices"),
            # (the nineteenth tryout compared "devices": 4 with the two laptops in use)
            "devices_revoked": conn.execute(
                "SELECT COUNT(*) FROM devices WHERE revoked = 1"
            ).fetchone()[0],
            "batches": count("batches"),
            "records": records,
            "conflicts": count("conflicts"),
            "rejected": rejected,
            "rejected_total": count("rejected"),
            "quarantined": quarantined,
            "duplicate_citizen_ids": duplicates,
            "duplicate_citizen_ids_across_communes": cross,
            "identity_merges": merges,
        }

    # --- USB bundles ---------------------------------------------------------------------

    def received_batches(self, batch_ids: list[str]) -> dict[str, str]:
        conn = self._conn()
        found: dict[str, str] = {}
        for start in range(0, len(batch_ids), 500):
            part = batch_ids[start : start + 500]
            rows = conn.execute(
                "SELECT batch_id, source FROM batches"
                f" WHERE batch_id IN ({', '.join('?' * len(part))})",
                part,
            )
            found.update((r[0], r[1]) for r in rows)
        return found

    def bundle_imports(self, bundle_id: str) -> int:
        row = (
            self._conn()
            .execute("SELECT imports FROM bundle_imports WHERE bundle_id = ?", (bundle_id,))
            .fetchone()
        )
        return row[0] if row else 0

    def bundle_acked_seq(self, device_id: str) -> int:
        row = (
            self._conn()
            .execute("SELECT acked_seq FROM bundle_cursors WHERE device_id = ?", (device_id,))
            .fetchone()
        )
        return row[0] if row else 0

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
        with self._write() as c:
            c.execute(
                "INSERT INTO bundle_imports (bundle_id, device_id, seq_from, seq_to, change_count,"
                " batch_count, first_imported_at, last_imported_at, receipt_bundle_id, summary)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bundle_id) DO UPDATE SET"
                " imports = imports + 1, last_imported_at = excluded.last_imported_at,"
                " receipt_bundle_id = excluded.receipt_bundle_id, summary = excluded.summary",
                (
                    bundle_id,
                    device_id,
                    seq_from,
                    seq_to,
                    change_count,
                    batch_count,
                    now,
                    now,
                    receipt_bundle_id,
                    dumps(summary),
                ),
            )
            c.execute(
                "INSERT INTO bundle_cursors (device_id, acked_seq, sent_seq, updated_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET"
                " acked_seq = MAX(acked_seq, excluded.acked_seq),"
                " sent_seq = MAX(sent_seq, excluded.sent_seq), updated_at = excluded.updated_at",
                (device_id, acked_seq, sent_seq, now),
            )

    # --- officers and audit heads --------------------------------------------------------

    def add_officer_code(
        self, code_hash: str, communes: list[str], created_at: str, expires_at: str
    ) -> None:
        with self._write() as c:
            c.execute(
                "INSERT INTO officer_codes (code_hash, communes, created_at, expires_at)"
                " VALUES (?, ?, ?, ?)",
                (code_hash, dumps(communes), created_at, expires_at),
            )

    def enroll_officer(
        self,
        code_hash: str,
        now: str,
        public_key: str,
        certify: Callable[[list[str]], tuple[Officer, str]],
    ) -> None:
        with self._write() as c:
            row = c.execute(
                "UPDATE officer_codes SET used_at = ?, public_key = ?"
                " WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING communes",
                (now, public_key, code_hash, now),
            ).fetchone()
            if row is None:
                known = c.execute(
                    "SELECT used_at FROM officer_codes WHERE code_hash = ?", (code_hash,)
                ).fetchone()
                if known is None:
                    raise EnrollmentRefused("unknown")
                raise EnrollmentRefused("used" if known["used_at"] else "expired")
            officer, certificate = certify(json.loads(row["communes"]))
            if c.execute("SELECT 1 FROM officers WHERE public_key = ?", (public_key,)).fetchone():
                raise EnrollmentRefused("key")
            c.execute(
                "INSERT INTO officers (public_key, officer, full_name, communes, device_id,"
                " certificate, enrolled_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    officer.public_key,
                    officer.officer,
                    officer.full_name,
                    dumps(list(officer.communes)),
                    officer.device_id,
                    certificate,
                    officer.enrolled_at,
                ),
            )

    def list_officers(self) -> list[Officer]:
        rows = self._conn().execute("SELECT * FROM officers ORDER BY enrolled_at")
        return [_officer(r) for r in rows]

    def revoke_officer(self, public_key: str, now: str) -> bool:
        with self._write() as c:
            cur = c.execute(
                "UPDATE officers SET revoked = 1, revoked_at = ?"
                " WHERE public_key = ? AND revoked = 0",
                (now, public_key),
            )
        return cur.rowcount > 0

    def audit_heads(self) -> Iterator[AuditHead]:
        # In the order the device started its batches (outbox order): a head is fixed when a
        # batch starts, so heads never go down in that order, whichever way arrived first.
        rows = self._conn().execute(
            "SELECT h.device_id, h.batch_id, h.seq, h.hash, h.received_at"
            " FROM device_audit_heads h LEFT JOIN batches b ON b.batch_id = h.batch_id"
            " ORDER BY h.device_id, b.seq_from, h.received_at"
        )
        for r in rows:
            yield AuditHead(r[0], r[1], r[2], r[3], r[4])


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (``sqlite3.complete_statement`` knows about quotes)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(
        part.strip().startswith("--") or not part.strip() for part in buffer.splitlines()
    ):
        statements.append(buffer.strip())
    return statements


def _max_server_seq(conn: sqlite3.Connection) -> int:
    """The newest server_seq handed out (0 when none): AUTOINCREMENT's own counter."""
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'changes'").fetchone()
    return row[0] if row else 0


def _officer(row: sqlite3.Row) -> Officer:
    return Officer(
        public_key=row["public_key"],
        officer=row["officer"],
        full_name=row["full_name"],
        communes=tuple(json.loads(row["communes"])),
        device_id=row["device_id"],
        enrolled_at=row["enrolled_at"],
        revoked=bool(row["revoked"]),
    )
