"""The city server on PostgreSQL (``--db postgresql://…``): psycopg 3 with a connection pool.

Concurrency (docs/PROTOCOL.md, "Server storage"):

- A batch runs in one READ COMMITTED transaction. Its batch id is claimed with
  ``INSERT … ON CONFLICT DO NOTHING``: a concurrent resend waits on the unique index, then gets
  the stored receipt.
- The records a batch names or points to are locked with ``SELECT … FOR UPDATE`` in sorted
  (entity, id) order, then what they point to now (apply.py: ``lock_references``); records
  met later (merges) are locked as they are read. Two batches
  creating the same new record meet on the primary key of ``record_history``: the loser's
  transaction is run again and finds the record. Two batches bringing one citizen ID meet on a
  row of ``citizen_locks``. A deadlock, serialization failure or such a collision runs the
  batch again (``BATCH_ATTEMPTS`` times at most).
- The feed has no gaps: entries are written with pending positions and given their final
  ``server_seq`` just before commit, under a transaction-scoped advisory lock held through
  the commit, so positions become visible in order.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg import errors
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from city_server.storage.base import (
    BATCH_ATTEMPTS,
    LOCKED_TARGETS,
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
    note_referrer,
    served_change,
    utc_now,
)
from city_server.storage.dashboard_postgres import DashboardPostgres, DashboardTxPostgres
from desktop_app.core.errors import DatabaseError
from desktop_app.core.protocol import (
    ENTITIES,
    RETRYABLE_REASONS,
)

SCHEMA_DIR = Path(__file__).resolve().parent.parent.parent / "db_schema" / "server_postgres"
POOL_SIZE = 16
#: psycopg's ``prepare_threshold`` for every connection, from the environment: a number, or
#: ``none`` never to prepare statements on the server, as PgBouncer before 1.21 in transaction
#: pooling needs (docs/DEPLOY.md, "PgBouncer"). Unset: psycopg's default (prepared on the 5th run).
ENV_PREPARE_THRESHOLD = "TANTAY_PG_PREPARE_THRESHOLD"
# Advisory lock keys (two-int form, apart from any one-int key): migrations, feed positions.
LOCK_SPACE = 0x7A7
MIGRATE_LOCK = 1
FEED_LOCK = 2
# Pending feed positions, above any final one (feed_seq would need 2^62 changes to reach it).
PENDING_BASE = 1 << 62
# What runs a batch transaction again.
RETRIED = (errors.DeadlockDetected, errors.SerializationFailure, errors.UniqueViolation)


def _prepare_option() -> dict[str, int | None]:
    value = os.environ.get(ENV_PREPARE_THRESHOLD, "").strip().lower()
    if not value:
        return {}
    if value == "none":
        return {"prepare_threshold": None}
    if value.isdigit():
        return {"prepare_threshold": int(value)}
    raise DatabaseError(
        f"{ENV_PREPARE_THRESHOLD} phải là một số hoặc none, không phải {value!r}.",
        f"{ENV_PREPARE_THRESHOLD} must be a number or none, not {value!r}.",
    )


def _device(row: dict) -> Device:
    return Device(
        id=row["id"],
        name=row["name"],
        communes=tuple(row["communes"]),
        sign_public_key=row["sign_public_key"],
        box_public_key=row["box_public_key"],
        token_hash=row["token_hash"],
        revoked=row["revoked"],
        enrolled_at=row["enrolled_at"],
        last_seq_seen=row["last_seq_seen"],
    )


def _record(row: dict) -> StoredRecord:
    return StoredRecord(
        entity=row["entity"],
        id=row["id"],
        version=row["version"],
        fields=row["fields"],
        deleted=row["deleted"],
        commune_code=row["commune_code"],
        updated_at=row["updated_at"],
        updated_by=row["updated_by"],
        origin_device=row["origin_device"],
        server_seq=row["server_seq"],
    )


def _officer(row: dict) -> Officer:
    return Officer(
        public_key=row["public_key"],
        officer=row["officer"],
        full_name=row["full_name"],
        communes=tuple(row["communes"]),
        device_id=row["device_id"],
        enrolled_at=row["enrolled_at"],
        revoked=row["revoked"],
    )


_INSERT_CHANGE = (
    "INSERT INTO changes (server_seq, entity, record_id, version, commune_code, device_id, change)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s)"
)
_INSERT_HISTORY = (
    "INSERT INTO record_history (entity, id, version, fields, deleted, commune_code, updated_at,"
    " updated_by, origin_device, device_id, server_seq, merged)"
    " VALUES (%s, %s, %s, %s::jsonb, %s, %s, %s, %s, %s, %s, %s, %s)"
)
_UPSERT_RECORD = (
    "INSERT INTO records (entity, id, version, fields, deleted, commune_code, updated_at,"
    " updated_by, origin_device, device_id, server_seq)"
    " VALUES (%s, %s, %s, %s::jsonb, %s, %s, %s, %s, %s, %s, %s)"
    " ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version,"
    " fields = excluded.fields, deleted = excluded.deleted,"
    " commune_code = excluded.commune_code, updated_at = excluded.updated_at,"
    " updated_by = excluded.updated_by, origin_device = excluded.origin_device,"
    " device_id = excluded.device_id, server_seq = excluded.server_seq"
)
_UPSERT_DEVICE_VERSION = (
    "INSERT INTO device_versions"
    " (device_id, entity, record_id, version, content, status, server_version)"
    " VALUES (%s, %s, %s, %s, %s::jsonb, %s, %s)"
    " ON CONFLICT (device_id, entity, record_id, version) DO UPDATE SET"
    " content = excluded.content, status = excluded.status,"
    " server_version = excluded.server_version"
)


class PostgresBatchTx(DashboardTxPostgres, BatchTx):
    """One batch's transaction on one pooled connection."""

    def __init__(self, conn: psycopg.Connection):
        self._conn = conn
        # pending feed positions written by this transaction: (pending, entity, id)
        self._pending: list[tuple[int, str, str]] = []
        self._published: int | None = None
        # Round trips are what a batch costs on PostgreSQL (4 statements a change were ~1 ms
        # a change on loopback). So: the records a batch touches and this device's versions of
        # them are read once, with the row locks (lock_records, prefetch); writes of versions
        # are buffered and sent with executemany (pipelined) before any other read and before
        # the feed positions are fixed (publish). Reads the caches cannot answer flush first.
        self._records: dict[tuple[str, str], StoredRecord | None] = {}
        self._device_versions: dict[tuple[str, str, str, int], DeviceVersion | None] = {}
        self._prefetched: set[tuple[str, str, str]] = set()  # (device, entity, id)
        self._free_positions: list[int] = []
        self._buffered_versions: list[tuple] = []
        self._buffered_stores: list[tuple[tuple, tuple, tuple]] = []
        self._locked: set[tuple[str, str]] = set()  # rows this transaction holds FOR UPDATE
        # (field, target id) -> the records that referred to a locked target when first asked,
        # plus those stored since (live_referencing filters them by their current version): a
        # batch's payments ask for their benefit's payments once per benefit, not once per
        # payment (a round trip and a flush of the buffered writes each, ~3/4 of an intake's
        # time). Exact because every write that adds a record to a target's set or takes one
        # out holds the target's row lock (apply.py: lock_references).
        self._referencing: dict[tuple[str, str], dict[tuple[str, str], StoredRecord]] = {}

    def _one(self, sql: str, params: tuple = ()) -> dict | None:
        self._flush()
        return self._conn.execute(sql, params).fetchone()

    def _flush(self) -> None:
        """Send the buffered writes (in the order they were made)."""
        if not (self._buffered_versions or self._buffered_stores):
            return
        versions, self._buffered_versions = self._buffered_versions, []
        stores, self._buffered_stores = self._buffered_stores, []
        with self._conn.cursor() as cur:
            if stores:
                cur.executemany(_INSERT_CHANGE, [s[0] for s in stores])
                cur.executemany(_INSERT_HISTORY, [s[1] for s in stores])
                cur.executemany(_UPSERT_RECORD, [s[2] for s in stores])
            if versions:
                cur.executemany(_UPSERT_DEVICE_VERSION, versions)

    def execute(self, sql: str, params: tuple | list = ()) -> psycopg.Cursor:
        """Any other statement of the batch (after the buffered writes reach the database)."""
        self._flush()
        return self._conn.execute(sql, params)

    def prefetch(self, device_id: str, keys: list[tuple[str, str]]) -> None:
        """This device's earlier versions of ``keys``, read in one statement."""
        keys = [k for k in keys if (device_id, *k) not in self._prefetched]
        if not keys:
            return
        self._flush()
        rows = self._conn.execute(
            "SELECT entity, record_id, version, content, status, server_version"
            " FROM device_versions WHERE device_id = %s AND (entity, record_id) IN"
            " (SELECT * FROM unnest(%s::text[], %s::text[]))",
            (device_id, [k[0] for k in keys], [k[1] for k in keys]),
        ).fetchall()
        for row in rows:
            self._device_versions[(device_id, row["entity"], row["record_id"], row["version"])] = (
                DeviceVersion(row["content"], row["status"], row["server_version"])
            )
        self._prefetched.update((device_id, *k) for k in keys)

    def _position(self) -> int:
        """A pending feed position (fetched 512 at a time)."""
        if not self._free_positions:
            self._free_positions = [
                PENDING_BASE + r["s"]
                for r in self._conn.execute(
                    "SELECT nextval('feed_pending') AS s FROM generate_series(1, 512)"
                )
            ][::-1]
        return self._free_positions.pop()

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
        inserted = self._one(
            "INSERT INTO batches (batch_id, device_id, body_hash, protocol, schema_version,"
            " seq_from, seq_to, change_count, source, received_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (batch_id) DO NOTHING RETURNING batch_id",
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
        if inserted is not None:
            return None
        row = self._one(
            "SELECT batch_id, device_id, body_hash, receipt FROM batches WHERE batch_id = %s",
            (batch_id,),
        )
        assert row is not None  # committed by the transaction that held the id
        return StoredBatch(row["batch_id"], row["device_id"], row["body_hash"], row["receipt"])

    def lock_records(self, keys: list[tuple[str, str]]) -> None:
        if not keys:
            return
        keys = sorted(keys)
        self._flush()
        rows = self._conn.execute(
            "SELECT * FROM records WHERE (entity, id) IN"
            " (SELECT * FROM unnest(%s::text[], %s::text[]))"
            " ORDER BY entity, id FOR UPDATE",
            ([k[0] for k in keys], [k[1] for k in keys]),
        ).fetchall()
        # Locked and read in one go. A key with no row is cached as absent: a record created
        # by a concurrent batch meanwhile meets ours on record_history's key (UniqueViolation,
        # the whole batch runs again), as it did when each change read its record itself.
        self._records.update(dict.fromkeys(keys))
        self._records.update({(r["entity"], r["id"]): _record(r) for r in rows})
        self._locked.update(keys)

    def set_receipt(self, batch_id: str, receipt_text: str) -> None:
        self.execute(
            "UPDATE batches SET receipt = %s WHERE batch_id = %s", (receipt_text, batch_id)
        )

    def get_record(self, entity: str, record_id: str) -> StoredRecord | None:
        key = (entity, record_id)
        if key in self._records:
            return self._records[key]
        row = self._one(
            "SELECT * FROM records WHERE entity = %s AND id = %s FOR UPDATE", (entity, record_id)
        )
        self._records[key] = None if row is None else _record(row)
        if row is not None:
            self._locked.add(key)
        return self._records[key]

    def get_history(self, entity: str, record_id: str, version: int) -> dict[str, Any] | None:
        row = self._one(
            "SELECT fields, deleted, commune_code FROM record_history"
            " WHERE entity = %s AND id = %s AND version = %s",
            (entity, record_id, version),
        )
        if row is None:
            return None
        return {
            "fields": row["fields"],
            "deleted": row["deleted"],
            "commune_code": row["commune_code"],
        }

    def get_device_version(
        self, device_id: str, entity: str, record_id: str, version: int
    ) -> DeviceVersion | None:
        key = (device_id, entity, record_id, version)
        if key in self._device_versions or (device_id, entity, record_id) in self._prefetched:
            return self._device_versions.get(key)
        row = self._one(
            "SELECT content, status, server_version FROM device_versions"
            " WHERE device_id = %s AND entity = %s AND record_id = %s AND version = %s",
            (device_id, entity, record_id, version),
        )
        if row is None:
            return None
        return DeviceVersion(row["content"], row["status"], row["server_version"])

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
        self._buffered_versions.append(
            (device_id, entity, record_id, version, dumps(content), status, server_version)
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
        if self._published is not None:
            raise RuntimeError("feed positions are fixed: nothing can be stored after")
        fields_text = dumps(fields)
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
        pending = self._position()
        self._buffered_stores.append(
            (
                (pending, entity, record_id, version, commune_code, device_id, served_text),
                (
                    entity,
                    record_id,
                    version,
                    fields_text,
                    deleted,
                    commune_code,
                    updated_at,
                    updated_by,
                    origin_device,
                    device_id,
                    pending,
                    merged,
                ),
                (
                    entity,
                    record_id,
                    version,
                    fields_text,
                    deleted,
                    commune_code,
                    updated_at,
                    updated_by,
                    origin_device,
                    device_id,
                    pending,
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
            server_seq=pending,
        )
        if self._referencing:
            note_referrer(
                self._referencing, entity, record_id, fields, self._records[(entity, record_id)]
            )
        self._pending.append((pending, entity, record_id))
        return pending

    def live_persons_with_citizen_id(self, citizen_id: str) -> list[tuple[str, str]]:
        # The row lock on the ID's lock row: a batch bringing the same ID waits for this one,
        # then sees its person (READ COMMITTED: each statement sees what committed before it).
        self.execute(
            "INSERT INTO citizen_locks (citizen_hash) VALUES (%s) ON CONFLICT (citizen_hash)"
            " DO UPDATE SET touched = citizen_locks.touched + 1",
            (hashlib.sha256(citizen_id.encode()).hexdigest(),),
        )
        rows = self.execute(
            "SELECT r.id, r.commune_code FROM records r"
            " LEFT JOIN record_history h ON h.entity = r.entity AND h.id = r.id AND h.version = 1"
            " WHERE r.entity = 'person' AND NOT r.deleted"
            " AND (r.fields->>'citizen_id') = %s"
            " ORDER BY COALESCE(h.server_seq, r.server_seq), r.id",
            (citizen_id,),
        ).fetchall()
        return [(r["id"], r["commune_code"]) for r in rows]

    def live_referencing(self, field: str, target_id: str) -> list[StoredRecord]:
        if field not in REFERENCE_FIELDS:
            raise ValueError(field)
        holders = self._referencing.get((field, target_id))
        if holders is not None:  # asked before in this batch: the records as they are now
            # a record this batch wrote is in _records (unlocked reads are not put there)
            records = [self._records.get(key) or read for key, read in holders.items()]
            return sorted(
                (r for r in records if not r.deleted and r.fields.get(field) == target_id),
                key=lambda r: r.server_seq,
            )
        rows = self.execute(
            f"SELECT * FROM records WHERE (fields->>'{field}') = %s AND NOT deleted"
            " ORDER BY server_seq",
            (target_id,),
        ).fetchall()
        records = [_record(r) for r in rows]
        target = LOCKED_TARGETS.get(field)
        if target is not None and (target, target_id) in self._locked:
            self._referencing[(field, target_id)] = {(r.entity, r.id): r for r in records}
        return records

    def was_rejected(self, entity: str, record_id: str) -> bool:
        row = self._one(
            "SELECT 1 AS one FROM rejected WHERE entity = %s AND record_id = %s"
            " AND NOT (reason = ANY(%s)) LIMIT 1",
            (entity, record_id, list(RETRYABLE_REASONS)),
        )
        return row is not None

    def _insert(self, table: str, row: dict[str, Any], suffix: str = "") -> None:
        columns = ", ".join(row)
        self.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join('%s' for _ in row)}){suffix}",
            tuple(row.values()),
        )

    def add_identity_merge(self, **row: Any) -> None:
        self._insert("identity_merges", row, " ON CONFLICT (survivor_id, merged_id) DO NOTHING")

    def add_conflict(self, **row: Any) -> None:
        row = dict(row)
        for key in ("fields", "change", "server_fields"):
            row[key] = Jsonb(row[key], dumps=dumps)
        row["server_deleted"] = bool(row["server_deleted"])
        self._insert("conflicts", row)

    def add_rejected(self, **row: Any) -> None:
        row = dict(row)
        row["change"] = dumps(row["change"])
        self._insert("rejected", row)

    def mark_seqs(self, device_id: str, seq_from: int, seq_to: int, batch_id: str) -> None:
        added = self.execute(
            "INSERT INTO device_seqs (device_id, seq, batch_id)"
            " SELECT %s, s, %s FROM generate_series(%s::bigint, %s::bigint) AS s"
            " ON CONFLICT DO NOTHING",
            (device_id, batch_id, seq_from, seq_to),
        ).rowcount
        self.execute(
            "UPDATE devices SET last_seq_seen = GREATEST(last_seq_seen, %s),"
            " seqs_seen = seqs_seen + %s WHERE id = %s",
            (seq_to, max(added, 0), device_id),
        )

    def get_officer(self, public_key: str) -> Officer | None:
        row = self._one("SELECT * FROM officers WHERE public_key = %s", (public_key,))
        return None if row is None else _officer(row)

    def add_audit_head(self, device_id: str, batch_id: str, seq: int, digest: str, now: str):
        self.execute(
            "INSERT INTO device_audit_heads (device_id, batch_id, seq, hash, received_at)"
            " VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
            (device_id, batch_id, seq, digest, now),
        )

    def has_pending(self) -> bool:
        """True when entries were stored and their final positions not given yet."""
        return bool(self._pending) and self._published is None

    def publish(self) -> int:
        """Give this transaction's feed entries their final positions, in the order written,
        under the feed lock (held until commit); return the newest position handed out."""
        if self._published is not None:
            return self._published
        self.execute("SELECT pg_advisory_xact_lock(%s, %s)", (LOCK_SPACE, FEED_LOCK))
        if self._pending:
            n = len(self._pending)
            finals = sorted(
                r["s"]
                for r in self.execute(
                    "SELECT nextval('feed_seq') AS s FROM generate_series(1, %s)", (n,)
                )
            )
            pend = [p[0] for p in self._pending]
            self.execute(
                "WITH m AS (SELECT * FROM unnest(%s::bigint[], %s::bigint[]) AS m(old, new)),"
                " c AS (UPDATE changes SET server_seq = m.new FROM m"
                "   WHERE changes.server_seq = m.old),"
                " h AS (UPDATE record_history SET server_seq = m.new FROM m"
                "   WHERE record_history.server_seq = m.old)"
                " UPDATE records r SET server_seq = m.new"
                " FROM unnest(%s::text[], %s::text[], %s::bigint[], %s::bigint[])"
                "   AS m(entity, id, old, new)"
                " WHERE r.entity = m.entity AND r.id = m.id AND r.server_seq = m.old",
                (
                    pend,
                    finals,
                    [p[1] for p in self._pending],
                    [p[2] for p in self._pending],
                    pend,
                    finals,
                ),
            )
        row = self._one("SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS s FROM feed_seq")
        assert row is not None
        self._published = row["s"]
        return self._published

    def max_server_seq(self) -> int:
        return self.publish()


class PostgresStorage(DashboardPostgres, Storage):
    """The city server's PostgreSQL database (the server keys live in a key file: city_server.keys)."""

    def __init__(self, url: str, pool_size: int = POOL_SIZE):
        self.url = url
        try:
            self._pool = ConnectionPool(
                url,
                min_size=1,
                max_size=pool_size,
                kwargs={"row_factory": dict_row, "autocommit": False, **_prepare_option()},
                open=True,
                timeout=30,
            )
            self._pool.wait(timeout=15)
        except (psycopg.Error, Exception) as exc:
            raise DatabaseError(
                f"Không kết nối được cơ sở dữ liệu máy chủ: {exc}",
                f"Cannot connect to the server database: {exc}",
            ) from exc
        self._migrate()

    def close(self) -> None:
        self._pool.close()

    @contextmanager
    def _tx(self) -> Iterator[psycopg.Connection]:
        """One transaction on a pooled connection (committed on success, else rolled back)."""
        with self._pool.connection() as conn:
            yield conn

    def _one(self, sql: str, params: tuple = ()) -> dict | None:
        with self._tx() as conn:
            return conn.execute(sql, params).fetchone()

    def _all(self, sql: str, params: tuple = ()) -> list[dict]:
        with self._tx() as conn:
            return conn.execute(sql, params).fetchall()

    def _migrate(self) -> None:
        files = sorted(SCHEMA_DIR.glob("[0-9][0-9][0-9]_*.sql"))
        latest = int(files[-1].name[:3]) if files else 0
        with self._pool.connection() as conn, conn.transaction():
            # Several workers starting together: one migrates, the others wait, then see it done.
            # One transaction under a transaction-scoped lock, released by its commit: this also
            # works through PgBouncer in transaction pooling (docs/DEPLOY.md), where a session
            # lock would stay behind on whichever server connection took it.
            conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", (LOCK_SPACE, MIGRATE_LOCK))
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations"
                " (version bigint PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
            )
            row = conn.execute(
                "SELECT COALESCE(max(version), 0) AS v FROM schema_migrations"
            ).fetchone()
            current = row["v"] if row else 0
            if current > latest:
                raise DatabaseError(
                    "Cơ sở dữ liệu máy chủ thuộc phiên bản mới hơn phần mềm này.",
                    f"The server database has schema {current}, newer than this server ({latest}).",
                )
            for file in files:
                number = int(file.name[:3])
                if number <= current:
                    continue
                conn.execute(file.read_text(encoding="utf-8"))
                conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (number,))

    # --- batches -------------------------------------------------------------------------

    @contextmanager
    def batch_transaction(self) -> Iterator[BatchTx]:
        with self._tx() as conn:
            tx = PostgresBatchTx(conn)
            yield tx
            if tx.has_pending():
                tx.publish()

    def run_batch(self, fn: Callable[[BatchTx], T]) -> T:
        for attempt in range(1, BATCH_ATTEMPTS + 1):
            try:
                with self.batch_transaction() as tx:
                    return fn(tx)
            except RETRIED:
                if attempt == BATCH_ATTEMPTS:
                    raise
                time.sleep(0.005 * attempt)
        raise AssertionError("unreachable")

    # --- keys ----------------------------------------------------------------------------

    def legacy_keys(self) -> ServerKeys | None:
        rows = {r["kind"]: r["private_key"] for r in self._all("SELECT * FROM server_keys")}
        return _keys_from_rows(rows)

    def server_identity(self) -> tuple[str, str] | None:
        row = self._one("SELECT sign_public_key, box_public_key FROM server_identity")
        return (row["sign_public_key"], row["box_public_key"]) if row else None

    def record_server_identity(self, sign_public: str, box_public: str) -> None:
        with self._tx() as c:
            c.execute("LOCK TABLE server_identity IN EXCLUSIVE MODE")
            if c.execute("SELECT 1 FROM server_identity").fetchone() is None:
                c.execute(
                    "INSERT INTO server_identity VALUES (%s, %s, %s)",
                    (sign_public, box_public, utc_now()),
                )

    def drop_legacy_keys(self) -> None:
        with self._tx() as c:
            c.execute("DELETE FROM server_keys")

    # --- failed enrolment attempts ------------------------------------------------------

    def record_failure(self, key: str, at: float) -> None:
        with self._tx() as c:
            c.execute("INSERT INTO enrollment_failures (key, at) VALUES (%s, %s)", (key, at))

    def recent_failures(self, key: str, since: float, limit: int) -> list[float]:
        with self._tx() as c:
            c.execute("DELETE FROM enrollment_failures WHERE at <= %s", (since,))
            rows = c.execute(
                "SELECT at FROM enrollment_failures WHERE key = %s AND at > %s"
                " ORDER BY at LIMIT %s",
                (key, since, limit),
            ).fetchall()
        return [r["at"] for r in rows]

    # --- enrolment and devices -----------------------------------------------------------

    def add_enrollment_code(
        self, code_hash: str, communes: list[str], created_at: str, expires_at: str
    ) -> None:
        with self._tx() as c:
            c.execute(
                "INSERT INTO enrollment_codes (code_hash, communes, created_at, expires_at)"
                " VALUES (%s, %s::jsonb, %s, %s)",
                (code_hash, dumps(communes), created_at, expires_at),
            )

    def enroll_device(
        self, code_hash: str, now: str, device: Device, commune: str | None = None
    ) -> Device:
        with self._tx() as c:
            if commune is not None:  # as on SQLite: another commune's code stays unused
                held = c.execute(
                    "SELECT communes FROM enrollment_codes"
                    " WHERE code_hash = %s AND used_at IS NULL AND expires_at > %s FOR UPDATE",
                    (code_hash, now),
                ).fetchone()
                communes = tuple(held["communes"]) if held else ()
                if held is not None and commune not in communes:
                    raise EnrollmentRefused("other_commune", communes)
            row = c.execute(
                "UPDATE enrollment_codes SET used_at = %s, device_id = %s"
                " WHERE code_hash = %s AND used_at IS NULL AND expires_at > %s RETURNING communes",
                (now, device.id, code_hash, now),
            ).fetchone()
            if row is None:
                known = c.execute(
                    "SELECT used_at FROM enrollment_codes WHERE code_hash = %s", (code_hash,)
                ).fetchone()
                if known is None:
                    raise EnrollmentRefused("unknown")
                raise EnrollmentRefused("used" if known["used_at"] else "expired")
            c.execute(
                "INSERT INTO devices (id, name, communes, sign_public_key, box_public_key,"
                " token_hash, enrolled_at) VALUES (%s, %s, %s::jsonb, %s, %s, %s, %s)",
                (
                    device.id,
                    device.name,
                    dumps(row["communes"]),
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
        row = self._one("SELECT * FROM devices WHERE id = %s", (device_id,))
        return _device(row) if row else None

    def list_devices(self) -> list[Device]:
        return [_device(r) for r in self._all("SELECT * FROM devices ORDER BY enrolled_at, id")]

    def revoke_device(self, device_id: str, now: str) -> bool:
        with self._tx() as c:
            cur = c.execute(
                "UPDATE devices SET revoked = true, revoked_at = COALESCE(revoked_at, %s)"
                " WHERE id = %s",
                (now, device_id),
            )
            return cur.rowcount == 1

    def note_contact(self, device_id: str, now: str) -> None:
        with self._tx() as c:
            c.execute(
                "UPDATE devices SET last_contact_at = %s WHERE id = %s"
                " AND (last_contact_at IS NULL OR last_contact_at < %s)",
                (now, device_id, now),
            )

    # --- pull, gaps, stats ---------------------------------------------------------------

    def changes_since(
        self, communes: tuple[str, ...], exclude_device: str, since: int, limit: int
    ) -> list[tuple[int, str]]:
        if not communes:
            return []
        rows = self._all(
            "SELECT server_seq, change FROM changes WHERE server_seq > %s"
            " AND commune_code = ANY(%s) AND device_id <> %s ORDER BY server_seq LIMIT %s",
            (since, list(communes), exclude_device, limit),
        )
        return [(r["server_seq"], r["change"]) for r in rows]

    def max_server_seq(self) -> int:
        row = self._one("SELECT COALESCE(max(server_seq), 0) AS s FROM changes")
        return row["s"] if row else 0

    def device_missing(self, device_id: str) -> int:
        row = self._one(
            "SELECT last_seq_seen - seqs_seen AS n FROM devices WHERE id = %s", (device_id,)
        )
        return (row or {}).get("n") or 0

    def device_gaps(self, device_id: str) -> list[tuple[int, int]]:
        with self._tx() as conn:
            first = conn.execute(
                "SELECT MIN(seq) AS m FROM device_seqs WHERE device_id = %s", (device_id,)
            ).fetchone()["m"]
            if first is None:
                return []
            gaps = [(1, first - 1)] if first > 1 else []
            rows = conn.execute(
                "SELECT seq + 1 AS a, next - 1 AS b FROM (SELECT seq,"
                " LEAD(seq) OVER (ORDER BY seq) AS next FROM device_seqs WHERE device_id = %s) s"
                " WHERE next > seq + 1 ORDER BY seq",
                (device_id,),
            )
            gaps.extend((r["a"], r["b"]) for r in rows)
        return gaps

    def advance_feed(self, by: int) -> int:
        with self._tx() as c:
            c.execute("SELECT pg_advisory_xact_lock(%s, %s)", (LOCK_SPACE, FEED_LOCK))
            row = c.execute(
                "SELECT setval('feed_seq', GREATEST("
                " (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM feed_seq),"
                " (SELECT COALESCE(max(server_seq), 0) FROM changes WHERE server_seq < %s))"
                " + %s) AS s",
                (PENDING_BASE, by),
            ).fetchone()
        return row["s"]

    def intake_figures(self) -> dict[str, Any]:
        with self._tx() as conn:

            def value(sql: str) -> int:
                return conn.execute(sql).fetchone()["n"]

            rejected = {
                r["reason"]: r["n"]
                for r in conn.execute("SELECT reason, COUNT(*) AS n FROM rejected GROUP BY reason")
            }
            return {
                "devices": value("SELECT COUNT(*) AS n FROM devices WHERE revoked_at IS NULL"),
                "batches": value("SELECT COUNT(*) AS n FROM batches"),
                "feed_head": value("SELECT COALESCE(max(server_seq), 0) AS n FROM changes"),
                "conflicts": value("SELECT COUNT(*) AS n FROM conflicts"),
                "rejected": rejected,
                "quarantined": {k: v for k, v in rejected.items() if k not in RETRYABLE_REASONS},
            }

    def stats(self) -> dict[str, Any]:
        with self._tx() as conn:

            def value(sql: str) -> int:
                return conn.execute(sql).fetchone()["n"]

            def count(table: str) -> int:
                return value(f"SELECT COUNT(*) AS n FROM {table}")

            records = dict.fromkeys(ENTITIES, 0)
            for row in conn.execute(
                "SELECT entity, COUNT(*) AS n FROM records WHERE NOT deleted GROUP BY entity"
            ):
                records[row["entity"]] = row["n"]
            rejected: dict[str, int] = {}
            quarantined: dict[str, int] = {}
            for row in conn.execute(
                "SELECT reason, COUNT(*) AS n FROM rejected GROUP BY reason ORDER BY reason"
            ):
                rejected[row["reason"]] = row["n"]
                if row["reason"] not in RETRYABLE_REASONS:
                    quarantined[row["reason"]] = row["n"]
            live_ids = (
                "SELECT fields->>'citizen_id' AS cid, commune_code FROM records"
                " WHERE entity = 'person' AND NOT deleted AND (fields->>'citizen_id') IS NOT NULL"
            )
            return {
                "devices": count("devices"),
                "devices_revoked": value("SELECT COUNT(*) AS n FROM devices WHERE revoked"),
                "batches": count("batches"),
                "records": records,
                "conflicts": count("conflicts"),
                "rejected": rejected,
                "rejected_total": count("rejected"),
                "quarantined": quarantined,
                "duplicate_citizen_ids": value(
                    f"SELECT COUNT(*) AS n FROM (SELECT cid FROM ({live_ids}) l"
                    " GROUP BY cid HAVING COUNT(*) > 1) d"
                ),
                "duplicate_citizen_ids_across_communes": value(
                    f"SELECT COUNT(*) AS n FROM (SELECT cid FROM ({live_ids}) l"
                    " GROUP BY cid HAVING COUNT(DISTINCT commune_code) > 1) d"
                ),
                "identity_merges": value(
                    "SELECT COUNT(*) AS n FROM identity_merges WHERE status = 'merged'"
                ),
            }

    # --- USB bundles ---------------------------------------------------------------------

    def received_batches(self, batch_ids: list[str]) -> dict[str, str]:
        rows = self._all(
            "SELECT batch_id, source FROM batches WHERE batch_id = ANY(%s)", (list(batch_ids),)
        )
        return {r["batch_id"]: r["source"] for r in rows}

    def bundle_imports(self, bundle_id: str) -> int:
        row = self._one("SELECT imports FROM bundle_imports WHERE bundle_id = %s", (bundle_id,))
        return row["imports"] if row else 0

    def bundle_acked_seq(self, device_id: str) -> int:
        row = self._one("SELECT acked_seq FROM bundle_cursors WHERE device_id = %s", (device_id,))
        return row["acked_seq"] if row else 0

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
        with self._tx() as c:
            c.execute(
                "INSERT INTO bundle_imports (bundle_id, device_id, seq_from, seq_to, change_count,"
                " batch_count, first_imported_at, last_imported_at, receipt_bundle_id, summary)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb)"
                " ON CONFLICT (bundle_id) DO UPDATE SET"
                " imports = bundle_imports.imports + 1,"
                " last_imported_at = excluded.last_imported_at,"
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
                " VALUES (%s, %s, %s, %s) ON CONFLICT (device_id) DO UPDATE SET"
                " acked_seq = GREATEST(bundle_cursors.acked_seq, excluded.acked_seq),"
                " sent_seq = GREATEST(bundle_cursors.sent_seq, excluded.sent_seq),"
                " updated_at = excluded.updated_at",
                (device_id, acked_seq, sent_seq, now),
            )

    # --- officers and audit heads --------------------------------------------------------

    def add_officer_code(
        self, code_hash: str, communes: list[str], created_at: str, expires_at: str
    ) -> None:
        with self._tx() as c:
            c.execute(
                "INSERT INTO officer_codes (code_hash, communes, created_at, expires_at)"
                " VALUES (%s, %s::jsonb, %s, %s)",
                (code_hash, dumps(communes), created_at, expires_at),
            )

    def enroll_officer(
        self,
        code_hash: str,
        now: str,
        public_key: str,
        certify: Callable[[list[str]], tuple[Officer, str]],
    ) -> None:
        with self._tx() as c:
            row = c.execute(
                "UPDATE officer_codes SET used_at = %s, public_key = %s"
                " WHERE code_hash = %s AND used_at IS NULL AND expires_at > %s RETURNING communes",
                (now, public_key, code_hash, now),
            ).fetchone()
            if row is None:
                known = c.execute(
                    "SELECT used_at FROM officer_codes WHERE code_hash = %s", (code_hash,)
                ).fetchone()
                if known is None:
                    raise EnrollmentRefused("unknown")
                raise EnrollmentRefused("used" if known["used_at"] else "expired")
            officer, certificate = certify(list(row["communes"]))
            if c.execute("SELECT 1 FROM officers WHERE public_key = %s", (public_key,)).fetchone():
                raise EnrollmentRefused("key")
            c.execute(
                "INSERT INTO officers (public_key, officer, full_name, communes, device_id,"
                " certificate, enrolled_at) VALUES (%s, %s, %s, %s::jsonb, %s, %s, %s)",
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
        return [_officer(r) for r in self._all("SELECT * FROM officers ORDER BY enrolled_at")]

    def revoke_officer(self, public_key: str, now: str) -> bool:
        with self._tx() as c:
            cur = c.execute(
                "UPDATE officers SET revoked = true, revoked_at = %s"
                " WHERE public_key = %s AND NOT revoked",
                (now, public_key),
            )
            return cur.rowcount > 0

    def audit_heads(self) -> Iterator[AuditHead]:
        rows = self._all(
            "SELECT h.device_id, h.batch_id, h.seq, h.hash, h.received_at"
            " FROM device_audit_heads h LEFT JOIN batches b ON b.batch_id = h.batch_id"
            " ORDER BY h.device_id, b.seq_from, h.received_at"
        )
        for r in rows:
            yield AuditHead(r["device_id"], r["batch_id"], r["seq"], r["hash"], r["received_at"])
