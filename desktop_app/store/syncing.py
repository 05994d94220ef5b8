"""The store's side of sync: batches from the outbox, receipts, incoming changes, conflicts.

Rules (DESIGN.md, "Lessons"):
- Outbox entries are marked ``sending`` with a batch id before they are sent, and ``delivered``
  only from a signed receipt. A batch cut short (crash, killed process, dropped connection) is sent
  again with the same batch id and the same bytes, so the server answers with the same receipt.
- A rejected record is quarantined (shown to a person) and never blocks the rest; a rejection the
  server marks retryable goes back to ``pending``.
- An incoming change never overwrites a record with undelivered local edits: fields both sides
  changed become conflicts for a team lead to decide; other fields are taken.
- Consent: for a person without consent, contact details, vulnerability tags and notes stay on the
  laptop (``withheld`` in the change); identity and benefit fields travel because the official
  beneficiary list already holds them.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from desktop_app.core.errors import KnownError, NotFound
from desktop_app.core.ids import new_id
from desktop_app.core.records import APPEND_ONLY, SYNCED_FIELDS
from desktop_app.store import audit
from desktop_app.store.guard import op
from desktop_app.store.permissions import require

PROTOCOL_SCHEMA = 2
WITHHELD_WITHOUT_CONSENT = {"person": ("phones", "vulnerabilities", "notes")}
_UNDELIVERED = ("pending", "sending", "quarantined")


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _has_consent(fields: dict) -> bool:
    return bool(fields.get("consent_date")) and not fields.get("consent_withdrawn_on")


def outgoing(change: dict) -> dict:
    """The change as it leaves the laptop: consent rules applied (see module docstring)."""
    withheld = WITHHELD_WITHOUT_CONSENT.get(change["entity"])
    if not withheld or _has_consent(change["fields"]):
        return change
    fields = dict(change["fields"])
    for f in withheld:
        fields[f] = [] if f in ("phones", "vulnerabilities") else ""
    return {**change, "fields": fields, "withheld": list(withheld)}


class SyncMixin:
    """Store operations used by the sync client and USB bundles."""

    # --- sync settings -------------------------------------------------------------------------

    def _sync_get(self, key: str) -> str | None:
        r = self.db.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return r[0] if r else None

    def _sync_set(self, key: str, value: str | None) -> None:
        self.db.execute(
            "INSERT INTO sync_state (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def _set_from_server(self, entity: str, record_id: str, version: int) -> None:
        """The local copy of this record is now the server's version ``version``."""
        self.db.execute(
            "INSERT INTO record_sync (entity, record_id, from_server_version) VALUES (?, ?, ?)"
            " ON CONFLICT (entity, record_id) DO UPDATE SET"
            " from_server_version = excluded.from_server_version",
            (entity, record_id, version),
        )

    def _from_server_version(self, entity: str, record_id: str) -> int | None:
        r = self.db.execute(
            "SELECT from_server_version FROM record_sync WHERE entity = ? AND record_id = ?",
            (entity, record_id),
        ).fetchone()
        return r[0] if r else None

    @op
    def sync_state(self) -> dict:
        """Everything sync keeps locally (server URL, device id, token, keys, cursor)."""
        return dict(self.db.execute("SELECT key, value FROM sync_state").fetchall())

    @op
    def save_enrollment(self, values: dict) -> None:
        """Keep the enrolment (server URL, server device id, token, pinned server keys, own keys).

        Private keys are stored in the encrypted database only.
        """
        require(self.user.role, "enroll_device")
        with self.db.atomic():
            for k, v in values.items():
                self._sync_set(k, v)
            audit.append(
                self.db,
                self.user.username,
                "sync.enroll",
                detail={"server": values.get("server_url")},
            )

    @op
    def set_sync_values(self, values: dict) -> None:
        """Store sync bookkeeping values (cursor, last attempt ...)."""
        with self.db.atomic():
            for k, v in values.items():
                self._sync_set(k, v)

    # --- outgoing ------------------------------------------------------------------------------

    def _batch_of(self, batch_id: str) -> dict:
        changes = [
            outgoing(json.loads(r[0]))
            for r in self.db.execute(
                "SELECT change FROM outbox WHERE batch_id = ? AND state = 'sending' ORDER BY seq",
                (batch_id,),
            )
        ]
        return {
            "protocol": 1,
            "schema": PROTOCOL_SCHEMA,
            "device_id": self._sync_get("server_device_id") or self.device_id,
            "batch_id": batch_id,
            "seq_from": changes[0]["seq"],
            "seq_to": changes[-1]["seq"],
            "changes": changes,
        }

    def _sending_batch_ids(self) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT batch_id FROM outbox WHERE state = 'sending' GROUP BY batch_id ORDER BY min(seq)"
            )
        ]

    def _start_batch(self, limit: int) -> str | None:
        seqs = [
            r[0]
            for r in self.db.execute(
                "SELECT seq FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?", (limit,)
            )
        ]
        if not seqs:
            return None
        batch_id = new_id()
        marks = ",".join("?" * len(seqs))
        self.db.execute(
            f"UPDATE outbox SET state = 'sending', batch_id = ? WHERE seq IN ({marks})",
            [batch_id, *seqs],
        )
        # An edit of a copy last written from the server (pull, merged or duplicate receipt) is
        # based on the server's version: say so (docs/PROTOCOL.md, base_from_server). Decided
        # once, when the batch starts, so a resent batch keeps the same bytes.
        self.db.execute(
            "UPDATE outbox SET change = json_set(change, '$.base_from_server', json('true'))"
            f" WHERE seq IN ({marks}) AND base_version > 0 AND EXISTS (SELECT 1 FROM record_sync r"
            " WHERE r.entity = outbox.entity AND r.record_id = outbox.record_id"
            " AND r.from_server_version = outbox.base_version)",
            seqs,
        )
        return batch_id

    @op
    def next_batch(self, limit: int = 500, skip: tuple[str, ...] = ()) -> dict | None:
        """The batch to send now: an unfinished one again (same id, same changes), else the next
        ``limit`` pending changes, marked ``sending``. None when nothing waits.

        ``skip`` names batches the caller is sending right now (so the next one can be prepared
        while the previous one is on the wire)."""
        require(self.user.role, "sync")
        with self.db.atomic():
            sending = [b for b in self._sending_batch_ids() if b not in skip]
            batch_id = sending[0] if sending else self._start_batch(limit)
            return self._batch_of(batch_id) if batch_id else None

    @op
    def batches_for_bundle(self, limit: int = 500) -> list[dict]:
        """Every change not yet confirmed, as batches for a USB bundle.

        Unfinished online batches keep their batch ids, so whichever path reaches the server
        first is applied and the other is recognised as a duplicate."""
        require(self.user.role, "sync")
        with self.db.atomic():
            while self._start_batch(limit):
                pass
            return [self._batch_of(b) for b in self._sending_batch_ids()]

    @op
    def apply_receipt(self, receipt: dict, source: str = "online") -> dict:
        """Mark changes delivered from a (verified) receipt; quarantine rejections; record
        conflicts. Returns counts by status."""
        counts = {
            "accepted": 0,
            "duplicate": 0,
            "conflict": 0,
            "rejected": 0,
            "retry": 0,
            "unknown": 0,
        }
        now = _now()
        results = [r for r in receipt.get("results", []) if isinstance(r, dict)]
        with self.db.atomic():
            rows = self._outbox_rows([r.get("seq") for r in results])
            delivered = []
            for result in results:
                seq, status = result.get("seq"), result.get("status")
                row = rows.get(seq)
                if row is None:
                    counts["unknown"] += 1
                    continue
                state, entity, record_id, version, changed = row
                if state == "delivered":
                    continue
                if status in ("accepted", "duplicate"):
                    delivered.append((now, seq))
                    self._adopt_server_version(entity, record_id, version, seq, result)
                    counts[status] += 1
                elif status == "conflict":
                    self._record_conflicts(
                        entity,
                        record_id,
                        result.get("server_fields") or {},
                        result.get("server_version"),
                        self._conflict_names(entity, record_id, changed, result),
                        "receipt",
                        bool(result.get("server_deleted")),
                    )
                    self.db.execute(
                        "UPDATE outbox SET state = 'delivered', delivered_at = ?, error = 'conflict'"
                        " WHERE seq = ?",
                        (now, seq),
                    )
                    # The local copy now shows the server's version; this laptop's values wait
                    # in the conflict rows for a person to decide.
                    if isinstance(result.get("server_fields"), dict):
                        self._adopt_server_version(
                            entity,
                            record_id,
                            version,
                            seq,
                            {**result, "version": result.get("server_version"), "merged": True},
                        )
                    counts["conflict"] += 1
                elif status == "rejected" and result.get("retryable"):
                    self.db.execute(
                        "UPDATE outbox SET state = 'pending', batch_id = NULL, error = ? WHERE seq = ?",
                        (result.get("reason"), seq),
                    )
                    counts["retry"] += 1
                else:
                    self.db.execute(
                        "UPDATE outbox SET state = 'quarantined', error = ? WHERE seq = ?",
                        (result.get("reason") or "rejected", seq),
                    )
                    counts["rejected"] += 1
            self.db.conn.executemany(
                "UPDATE outbox SET state = 'delivered', delivered_at = ?, error = NULL"
                " WHERE seq = ?",
                delivered,
            )
            # anything of this batch the receipt did not mention is sent again later
            self.db.execute(
                "UPDATE outbox SET state = 'pending', batch_id = NULL"
                " WHERE batch_id = ? AND state = 'sending'",
                (receipt.get("batch_id"),),
            )
            if counts["accepted"] or counts["duplicate"] or counts["conflict"]:
                self._sync_set("last_delivery_at", now)
            audit.append(
                self.db,
                self.user.username,
                f"sync.receipt.{source}",
                detail={"batch": receipt.get("batch_id"), **counts},
            )
        return counts

    def _outbox_rows(self, seqs: list) -> dict:
        """seq → (state, entity, record_id, version, changed) for the given outbox entries."""
        out: dict = {}
        wanted = [q for q in seqs if isinstance(q, int)]
        for i in range(0, len(wanted), 900):
            part = wanted[i : i + 900]
            for seq, *rest in self.db.execute(
                "SELECT seq, state, entity, record_id, version, changed FROM outbox"
                f" WHERE seq IN ({','.join('?' * len(part))})",
                part,
            ):
                out[seq] = tuple(rest)
        return out

    def _conflict_names(
        self, entity: str, record_id: str, changed: str | None, result: dict
    ) -> list[str] | None:
        """The fields to flag for a refused change: those the server names, plus every field
        this edit changed that differs from the server (the whole change was refused, so none
        of its values may vanish). None lets ``_record_conflicts`` compare every field."""
        names = list(result.get("conflict_fields") or [])
        if not names:
            return None
        server_fields = result.get("server_fields") or {}
        try:
            local = self._row(entity, record_id, include_deleted=True)
        except NotFound:
            return names
        for f in json.loads(changed or "[]"):
            if f not in names and f in server_fields and server_fields[f] != local.get(f):
                names.append(f)
        return names

    def _adopt_server_version(
        self, entity: str, record_id: str, sent_version: int, seq: int, result: dict
    ) -> None:
        """Follow the server's numbering (and, when merged or duplicate, its content) for a
        record whose change was accepted, unless the record was edited again since.

        Without this a merged record keeps the laptop's own number and content: the other
        laptop's older version then comes back in the pull and overwrites the merge.
        """
        server_version = result.get("version")
        if not isinstance(server_version, int) or entity not in SYNCED_FIELDS:
            return
        takes_content = result.get("merged") or result.get("status") == "duplicate"
        if not takes_content and server_version == sent_version:
            return  # stored exactly as sent (the common case: no read needed)
        try:
            local = self._row(entity, record_id, include_deleted=True)
        except NotFound:
            return
        if local["version"] != sent_version:
            return  # edited again meanwhile: that newer change carries its own base
        new = dict(local)
        if takes_content and isinstance(result.get("server_fields"), dict):
            change_json = self.db.execute(
                "SELECT change FROM outbox WHERE seq = ?", (seq,)
            ).fetchone()[0]
            withheld = set(outgoing(json.loads(change_json)).get("withheld") or ())
            for f in SYNCED_FIELDS[entity]:
                if f in result["server_fields"] and f not in withheld:
                    new[f] = result["server_fields"][f]
            if "server_deleted" in result:
                new["deleted"] = bool(result["server_deleted"])
        new["version"] = server_version
        row = {k: v for k, v in new.items() if k != "id"}
        row["deleted"] = int(bool(new["deleted"]))
        self.db[entity].update(
            record_id, self._to_db(entity, {**row, **self._derived(entity, new)})
        )
        self._set_from_server(entity, record_id, server_version)
        household = record_id if entity == "household" else new.get("household_id")
        if entity in ("household", "person") and household:
            self._reindex(household)

    @op
    def quarantined(self) -> list[dict]:
        """Changes the server refused, with the reason, for a person to look at."""
        return [
            {"seq": r[0], "entity": r[1], "record_id": r[2], "reason": r[3], "created_at": r[4]}
            for r in self.db.execute(
                "SELECT seq, entity, record_id, error, created_at FROM outbox"
                " WHERE state = 'quarantined' ORDER BY seq"
            )
        ]

    @op
    def requeue_quarantined(self, seq: int) -> None:
        """Send a quarantined change again (after the cause was fixed on the server)."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE outbox SET state = 'pending', batch_id = NULL WHERE seq = ? AND state = 'quarantined'",
                (seq,),
            )

    # --- incoming ------------------------------------------------------------------------------

    @op
    def apply_incoming(self, changes: list[dict], source: str = "pull") -> dict:
        """Apply changes from other devices. Never overwrites undelivered local edits."""
        counts = {"applied": 0, "unchanged": 0, "conflicts": 0, "skipped": 0}
        touched_households: set[str] = set()
        with self.db.atomic():
            for change in changes:
                entity = change.get("entity")
                if entity not in SYNCED_FIELDS or not change.get("id"):
                    counts["skipped"] += 1
                    continue
                if change.get("origin_device") == self.device_id:
                    counts["unchanged"] += 1  # our own change coming back
                    continue
                result = self._apply_one(change, source)
                counts[result] += 1
                if entity == "household":
                    touched_households.add(change["id"])
                elif entity in ("person", "visit"):
                    touched_households.add(change["fields"].get("household_id"))
            for hid in touched_households - {None}:
                self._reindex(hid)
            audit.append(self.db, self.user.username, f"sync.apply.{source}", detail=counts)
        return counts

    def _apply_one(self, change: dict, source: str) -> str:
        entity, rid = change["entity"], change["id"]
        incoming = {
            f: change["fields"].get(f) for f in SYNCED_FIELDS[entity] if f in change["fields"]
        }
        for f in change.get("withheld") or ():
            incoming.pop(f, None)
        try:
            local = self._row(entity, rid, include_deleted=True)
        except NotFound:
            local = None
        common = {
            "version": change["version"],
            "updated_at": change["updated_at"],
            "updated_by": change["updated_by"],
            "origin_device": change["origin_device"],
            "deleted": int(bool(change.get("deleted"))),
        }
        if local is None:
            row = {f: None for f in SYNCED_FIELDS[entity]}
            row.update(self._defaults(entity))
            row.update(incoming)
            row.update(common, id=rid)
            self.db[entity].insert(self._to_db(entity, {**row, **self._derived(entity, row)}))
            return "applied"
        touched = set()
        for (changed,) in self.db.execute(
            f"SELECT changed FROM outbox WHERE entity = ? AND record_id = ? AND state IN ({','.join('?' * len(_UNDELIVERED))})",
            (entity, rid, *_UNDELIVERED),
        ):
            touched.update(json.loads(changed or "[]"))
        if not touched:
            if change["version"] <= local["version"] and not self._own_refused(entity, local):
                return "unchanged"
            new = {**local, **incoming, **common}
            self.db[entity].update(
                rid,
                self._to_db(
                    entity,
                    {**{k: v for k, v in new.items() if k != "id"}, **self._derived(entity, new)},
                ),
            )
            self._set_from_server(entity, rid, change["version"])
            return "applied"
        # undelivered local edits: take what only the other side changed, flag what both changed
        take = {f: v for f, v in incoming.items() if f not in touched and local.get(f) != v}
        both = {f: v for f, v in incoming.items() if f in touched and local.get(f) != v}
        if bool(change.get("deleted")) != bool(local["deleted"]) and "deleted" in touched:
            both["deleted"] = bool(change.get("deleted"))
        elif change.get("deleted") and not local["deleted"]:
            take["deleted"] = 1
        if take:
            new = {**local, **take}
            self.db[entity].update(
                rid,
                self._to_db(
                    entity, {**{k: v for k, v in take.items()}, **self._derived(entity, new)}
                ),
            )
        if both:
            self._record_conflicts(
                entity,
                rid,
                both,
                change["version"],
                list(both),
                source,
                bool(change.get("deleted")),
            )
            return "conflicts"
        return "applied" if take else "unchanged"

    def _own_refused(self, entity: str, local: dict) -> bool:
        """True when the local copy is this laptop's own edit that the server refused (a
        conflict): the server's version with the same or a lower number then replaces it (the
        laptop's value stays in the conflict row)."""
        if local.get("origin_device") != self.device_id:
            return False
        if self._from_server_version(entity, local["id"]) == local["version"]:
            return False  # the local copy already is the server's version
        last = self.db.execute(
            "SELECT version, error FROM outbox WHERE entity = ? AND record_id = ?"
            " ORDER BY seq DESC LIMIT 1",
            (entity, local["id"]),
        ).fetchone()
        return bool(last) and last[0] == local["version"] and last[1] == "conflict"

    def _record_conflicts(
        self,
        entity: str,
        record_id: str,
        server_fields: dict,
        server_version: int | None,
        fields: list[str] | None,
        source: str,
        server_deleted: bool = False,
    ) -> None:
        try:
            local = self._row(entity, record_id, include_deleted=True)
        except NotFound:
            return
        names = fields or [f for f in server_fields if server_fields.get(f) != local.get(f)]
        if server_deleted and not local["deleted"]:
            names = [*names, "deleted"]
            server_fields = {**server_fields, "deleted": True}
        for f in names:
            if f not in server_fields:
                continue
            exists = self.db.execute(
                "SELECT id FROM conflict WHERE entity = ? AND record_id = ? AND field = ?"
                " AND resolution IS NULL",
                (entity, record_id, f),
            ).fetchone()
            values = (
                json.dumps(local.get(f), ensure_ascii=False),
                json.dumps(server_fields.get(f), ensure_ascii=False),
                server_version,
            )
            if exists:
                self.db.execute(
                    "UPDATE conflict SET local_value = ?, incoming_value = ?, incoming_version = ?"
                    " WHERE id = ?",
                    (*values, exists[0]),
                )
            else:
                self.db.execute(
                    "INSERT INTO conflict (entity, record_id, field, local_value, incoming_value,"
                    " base_version, incoming_version, source, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        entity,
                        record_id,
                        f,
                        values[0],
                        values[1],
                        local["version"],
                        server_version,
                        source,
                        _now(),
                    ),
                )
        self.db.execute(
            "INSERT INTO record_sync (entity, record_id, server_version) VALUES (?, ?, ?)"
            " ON CONFLICT (entity, record_id) DO UPDATE SET server_version = excluded.server_version",
            (entity, record_id, server_version or 0),
        )

    # --- conflicts -----------------------------------------------------------------------------

    @op
    def open_conflicts(self) -> list[dict]:
        """Undecided field conflicts, for the team lead."""
        out = []
        for r in self.db.execute(
            "SELECT id, entity, record_id, field, local_value, incoming_value, incoming_version,"
            " source, created_at FROM conflict WHERE resolution IS NULL ORDER BY id"
        ):
            out.append(
                {
                    "id": r[0],
                    "entity": r[1],
                    "record_id": r[2],
                    "field": r[3],
                    "local_value": json.loads(r[4]) if r[4] else None,
                    "incoming_value": json.loads(r[5]) if r[5] else None,
                    "incoming_version": r[6],
                    "source": r[7],
                    "created_at": r[8],
                }
            )
        return out

    @op
    def resolve_conflict(self, conflict_id: int, choice: str, value=None) -> dict:
        """Decide a conflict: keep the local value, take the incoming one, or an edited value.

        The decision becomes a new version of the record based on the server's version, so it
        syncs and the server accepts it.
        """
        require(self.user.role, "resolve_conflict")
        if choice not in ("local", "incoming", "edited"):
            raise KnownError("Lựa chọn không hợp lệ.", "Invalid choice.")
        row = self.db.execute(
            "SELECT entity, record_id, field, local_value, incoming_value, incoming_version"
            " FROM conflict WHERE id = ? AND resolution IS NULL",
            (conflict_id,),
        ).fetchone()
        if row is None:
            raise NotFound("Xung đột đã được giải quyết.", "The conflict was already decided.")
        entity, rid, field, local_json, incoming_json, incoming_version = row
        chosen = {
            "local": json.loads(local_json) if local_json else None,
            "incoming": json.loads(incoming_json) if incoming_json else None,
            "edited": value,
        }[choice]
        if entity in APPEND_ONLY:
            raise KnownError("Bản ghi này không sửa được.", "This record cannot be edited.")
        with self.db.atomic():
            current = self._row(entity, rid, include_deleted=True)
            if incoming_version and incoming_version > current["version"]:
                # rebase on the server's version so the decision is accepted as the next version
                self.db.execute(
                    f"UPDATE [{entity}] SET version = ? WHERE id = ?", (incoming_version, rid)
                )
            if field == "deleted":
                result = (
                    self._update(entity, rid, {}, delete=True)
                    if chosen
                    else self._undelete(entity, rid)
                )
            else:
                result = self._update(entity, rid, {field: chosen}, force=True)
            # the decision is based on the server's version (docs/PROTOCOL.md, base_from_server)
            self.db.execute(
                "UPDATE outbox SET change = json_set(change, '$.base_from_server', json('true'))"
                " WHERE seq = (SELECT max(seq) FROM outbox WHERE entity = ? AND record_id = ?)",
                (entity, rid),
            )
            self.db.execute(
                "UPDATE conflict SET resolution = ?, resolved_value = ?, resolved_by = ?, resolved_at = ?"
                " WHERE id = ?",
                (
                    choice,
                    json.dumps(chosen, ensure_ascii=False),
                    self.user.username,
                    _now(),
                    conflict_id,
                ),
            )
            audit.append(
                self.db,
                self.user.username,
                "conflict.resolve",
                entity,
                rid,
                {"field": field, "choice": choice},
            )
        return result

    def _undelete(self, entity: str, rid: str) -> dict:
        self.db.execute(f"UPDATE [{entity}] SET deleted = 0 WHERE id = ?", (rid,))
        return self._update(entity, rid, {}, force=True)
