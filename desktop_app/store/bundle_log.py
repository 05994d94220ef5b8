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

import gc
import json
from datetime import UTC, datetime

from desktop_app.store import audit_anchor
from desktop_app.store.guard import op
from desktop_app.store.permissions import require
from desktop_app.store.syncing import PROTOCOL_SCHEMA, outgoing

_COLUMNS = ("bundle_id", "path", "seq_from", "seq_to", "changes", "created_at", "confirmed_at")


def _now() -> str:
    return datetime.now(UTC).isoformat()


class BundleLogMixin:
    """Store operations on ``bundle_log`` (mixed into ``Store``), and the batches of a bundle."""

    @op
    def bundle_batches(self, limit: int = 500) -> list[dict]:
        """Every change not yet confirmed, as batches: the same result as
        ``SyncMixin.batches_for_bundle`` (same batch ids, same bytes; a test compares them), read
        in one ordered pass over the outbox instead of one scan per batch, so 100,000 changes
        take about a second rather than a minute. Pending changes are first marked ``sending``
        under new batch ids of at most ``limit`` changes (``SyncMixin._start_batch``)."""
        require(self.user.role, "sync")
        with self.db.atomic():
            while self._start_batch(limit):
                pass
            device_id = self._sync_get("server_device_id") or self.device_id
            rows = self.db.execute(
                "SELECT batch_id, change FROM outbox WHERE state = 'sending' ORDER BY seq"
            ).fetchall()
        # One json.loads over all changes (100,000 separate calls cost ~0.4 s more), with the
        # cyclic GC paused: it would rescan the growing heap of fresh dicts (~0.7 s for 100,000).
        paused = gc.isenabled()
        gc.disable()
        try:
            changes = json.loads("[" + ",".join(r[1] for r in rows) + "]")
        finally:
            if paused:
                gc.enable()
        grouped: dict[str, list[dict]] = {}  # insertion order = order of each batch's min(seq)
        for (batch_id, _), change in zip(rows, changes, strict=True):
            grouped.setdefault(batch_id, []).append(outgoing(change))
        del rows
        return [
            {
                "protocol": 1,
                "schema": PROTOCOL_SCHEMA,
                "device_id": device_id,
                "batch_id": batch_id,
                "seq_from": items[0]["seq"],
                "seq_to": items[-1]["seq"],
                "changes": items,
                **audit_anchor.batch_fields(self, batch_id),
            }
            for batch_id, items in grouped.items()
        ]

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
