"""The laptop's record of USB bundles it wrote (table ``bundle_log``) and which were confirmed.

A bundle is *confirmed* when the receipt bundle the city server wrote for it has been imported,
or when every change it carried has been confirmed some other way (online, or by a later bundle
holding the same batches). Unconfirmed bundles are listed so that a person can carry them again,
or export a new one: a new export always holds every still-unconfirmed change, under the same
batch ids, so the server recognises whatever it already has as a duplicate.

A bundle without changes (it only asks the server for other devices' changes) is logged with
``seq_from = seq_to = 0``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from desktop_app.core.canonical import EncodedList, canonical_text
from desktop_app.core.gcpause import gc_paused
from desktop_app.core.ids import new_id
from desktop_app.store import audit_anchor
from desktop_app.store.guard import op
from desktop_app.store.permissions import require
from desktop_app.store.syncing import PROTOCOL_SCHEMA, outgoing, sendable

_COLUMNS = ("bundle_id", "path", "seq_from", "seq_to", "changes", "created_at", "confirmed_at")


def _now() -> str:
    return datetime.now(UTC).isoformat()


class BundleLogMixin:
    """Store operations on ``bundle_log`` (mixed into ``Store``), and the batches of a bundle."""

    @op
    def bundle_batches(self, limit: int = 500, encoded: bool = False) -> list[dict]:
        """Every change not yet confirmed, as batches: the same result as
        ``SyncMixin.batches_for_bundle`` (same batch ids, same bytes; a test compares them), read
        in one ordered pass over the outbox instead of one scan per batch, so 100,000 changes
        take about a second rather than a minute. Pending changes are first marked ``sending``
        under new batch ids of at most ``limit`` changes (``SyncMixin._start_batch``).

        With ``encoded`` each batch's ``changes`` is an ``EncodedList`` of their canonical JSON
        texts (what the bundle writer copies as it is): a change stored ready to send
        (``outbox_change.sendable = 1``) is never parsed."""
        require(self.user.role, "sync")
        # A page cache that holds every unconfirmed change while they are read and marked:
        # with the default 8 MB, marking 100,000 of them spilled and re-read (decrypted) every
        # page (measured: the UPDATE 1.5 s -> 0.3 s). About 1 KiB a change, 256 MB at most;
        # the old size again afterwards.
        waiting = self.db.execute(
            "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')"
        ).fetchone()[0]
        old_cache = self.db.execute("PRAGMA cache_size").fetchone()[0]
        wanted = min(waiting + 8 * 1024, 256 * 1024)  # KiB
        if old_cache >= 0 or wanted > -old_cache:
            self.db.execute(f"PRAGMA cache_size = -{int(wanted)}")
        try:
            batches = self._bundle_batches(limit)
        finally:
            self.db.execute(f"PRAGMA cache_size = {int(old_cache)}")
        if not encoded:
            with gc_paused():
                for batch in batches:
                    batch["changes"] = batch["changes"].decoded()
        return batches

    def _bundle_batches(self, limit: int) -> list[dict]:
        with self.db.atomic():
            # One read of every unconfirmed change (the outbox is the bulk of the database:
            # reading it again after marking it costs a second decryption of every page).
            rows = self.db.execute(
                "SELECT seq, batch_id, c.change, state = 'pending' AND base_version > 0"
                " AND EXISTS (SELECT 1 FROM record_sync r WHERE r.entity = outbox.entity"
                " AND r.record_id = outbox.record_id"
                " AND r.from_server_version = outbox.base_version), state,"
                " c.sendable FROM outbox JOIN outbox_change c USING (seq)"
                " WHERE state IN ('pending', 'sending') ORDER BY seq"
            ).fetchall()
            batch_ids = [r[1] for r in rows]
            texts = [r[2] for r in rows]
            as_is = [bool(r[5]) for r in rows]
            with gc_paused():  # the changes parsed below are long-lived until the batch ends
                started = self._start_all_batches(
                    [i for i, r in enumerate(rows) if r[4] == "pending"], batch_ids, rows, limit
                )
                for i, (text, ready) in started.items():  # given base_from_server as it started
                    texts[i], as_is[i] = text, ready
                seqs = [r[0] for r in rows]
                del rows
                # The rest leave canonical with the consent rules applied (docs/PROTOCOL.md):
                # a text written before schema v7, a person's whose contact details are
                # withheld, or one changed by json_set (outbox_change.sendable = 0).
                for i, keep in enumerate(as_is):
                    if not keep:
                        texts[i] = canonical_text(outgoing(json.loads(texts[i])))
            device_id = self._sync_get("server_device_id") or self.device_id
        grouped: dict[str, list[int]] = {}  # insertion order = each batch's min(seq) order
        for i, batch_id in enumerate(batch_ids):
            grouped.setdefault(batch_id, []).append(i)
        return [
            {
                "protocol": 1,
                "schema": PROTOCOL_SCHEMA,
                "device_id": device_id,
                "batch_id": batch_id,
                "seq_from": seqs[items[0]],
                "seq_to": seqs[items[-1]],
                "changes": EncodedList([texts[i] for i in items]),
                **audit_anchor.batch_fields(self, batch_id),
            }
            for batch_id, items in grouped.items()
        ]

    def _start_all_batches(
        self, pending: list[int], batch_ids: list, rows: list, limit: int
    ) -> dict[int, tuple[str, bool]]:
        """Mark the pending changes (indexes into ``rows``: seq, batch_id, change, flag, state)
        ``sending`` under new batch ids of at most ``limit`` changes, filling ``batch_ids`` in: as
        calling ``SyncMixin._start_batch`` until it returns None (same batches, same
        ``base_from_server`` flags, same audit heads), in a few statements instead of three per
        batch (measured: 2 s -> 0.6 s for 100,000 changes). Returns the changes given
        ``base_from_server``: index -> (their new text, canonical and stored; whether it is
        sendable as it is). Call inside a transaction."""
        if not pending:
            return {}
        # as _start_batch, decided once when the batch starts (every pending one starts now)
        flagged = {}
        for i in pending:
            if rows[i][3]:
                change = json.loads(rows[i][2])
                change["base_from_server"] = True
                flagged[i] = (canonical_text(change), bool(sendable(change)))
        self.db.conn.executemany(
            "UPDATE outbox_change SET change = ?, sendable = ? WHERE seq = ?",
            [(text, int(ready), rows[i][0]) for i, (text, ready) in flagged.items()],
        )
        # each batch is the next `limit` pending changes in seq order: a seq range of them
        ranges = []
        for start in range(0, len(pending), limit):
            part = pending[start : start + limit]
            batch_id = new_id()
            for i in part:
                batch_ids[i] = batch_id
            ranges.append((batch_id, rows[part[0]][0], rows[part[-1]][0]))
        self.db.conn.executemany(
            "UPDATE outbox SET state = 'sending', batch_id = ?"
            " WHERE seq BETWEEN ? AND ? AND state = 'pending'",
            ranges,
        )
        for batch_id, _, _ in ranges:  # no audit entry is written meanwhile: one head for all
            audit_anchor.remember_for_batch(self, batch_id)
        return flagged

    @op
    def log_bundle(
        self,
        bundle_id: str,
        path: str,
        seq_from: int | None,
        seq_to: int | None,
        changes: int,
        created_at: str | None = None,
    ) -> None:
        """Remember a bundle just written (``seq_from``/``seq_to`` None or 0 for none)."""
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO bundle_log (bundle_id, path, seq_from, seq_to, changes, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (bundle_id, str(path), seq_from or 0, seq_to or 0, changes, created_at or _now()),
            )

    @op
    def bundle_entry(self, bundle_id: str) -> dict | None:
        """One logged bundle, or None."""
        row = self.db.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM bundle_log WHERE bundle_id = ?", (bundle_id,)
        ).fetchone()
        return dict(zip(_COLUMNS, row, strict=True)) if row else None

    @op
    def unconfirmed_bundles(self) -> list[dict]:
        """Bundles written but never confirmed by a receipt, oldest first."""
        rows = self.db.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM bundle_log WHERE confirmed_at IS NULL"
            " ORDER BY created_at, bundle_id"
        ).fetchall()
        return [dict(zip(_COLUMNS, r, strict=True)) for r in rows]

    @op
    def confirm_bundle(self, bundle_id: str, confirmed_at: str | None = None) -> bool:
        """Mark a bundle confirmed; False when it is unknown or was confirmed already."""
        with self.db.atomic():
            cur = self.db.execute(
                "UPDATE bundle_log SET confirmed_at = ? WHERE bundle_id = ? AND confirmed_at IS NULL",
                (confirmed_at or _now(), bundle_id),
            )
            return cur.rowcount == 1

    @op
    def confirm_superseded_bundles(self, confirmed_at: str | None = None) -> list[str]:
        """Confirm every unconfirmed bundle none of whose changes still waits for the server.

        (Its changes were confirmed online or through a later bundle.) Returns their ids.
        """
        done = []
        with self.db.atomic():
            rows = self.db.execute(
                "SELECT bundle_id, seq_from, seq_to FROM bundle_log WHERE confirmed_at IS NULL"
            ).fetchall()
            for bundle_id, seq_from, seq_to in rows:
                if not seq_from:
                    continue  # a request without changes is confirmed only by its own receipt
                waiting = self.db.execute(
                    "SELECT count(*) FROM outbox WHERE seq BETWEEN ? AND ?"
                    " AND state IN ('pending', 'sending')",
                    (seq_from, seq_to),
                ).fetchone()[0]
                if not waiting:
                    self.db.execute(
                        "UPDATE bundle_log SET confirmed_at = ? WHERE bundle_id = ?",
                        (confirmed_at or _now(), bundle_id),
                    )
                    done.append(bundle_id)
        return done
