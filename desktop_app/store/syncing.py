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

from desktop_app.core.canonical import EncodedList, canonical_text
from desktop_app.core.errors import KnownError, NotFound
from desktop_app.core.ids import new_id
from desktop_app.core.protocol import is_record_id
from desktop_app.core.record_rules import MERGE_COMPARED, TWIN_COMPARED, record_problem
from desktop_app.core.records import APPEND_ONLY, SYNCED_FIELDS
from desktop_app.store import audit, audit_anchor
from desktop_app.store.guard import SQL_ERRORS, op
from desktop_app.store.permissions import require
from desktop_app.store.sync_access import mask_conflicts

PROTOCOL_SCHEMA = 2
WITHHELD_WITHOUT_CONSENT = {"person": ("phones", "vulnerabilities", "notes")}
_UNDELIVERED = ("pending", "sending", "quarantined")
_UNSHARED_KEY = "unshared"  # sync_state: persons whose held-back values wait to be sent


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _has_consent(fields: dict) -> bool:
    return bool(fields.get("consent_date")) and not fields.get("consent_withdrawn_on")


def incoming_problem(change) -> tuple[str, str] | None:
    """Why a pulled change cannot be applied: ``(reason, detail)``; ``("skip", "")`` when it is
    not even a record change (nothing to keep); None when it passes the record rules."""
    if not isinstance(change, dict) or change.get("entity") not in SYNCED_FIELDS:
        return "skip", ""
    if not is_record_id(change.get("id")):
        return "skip", ""
    version = change.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return "skip", ""
    if not isinstance(change.get("deleted"), bool):
        return "invalid_deleted", "deleted must be true or false"
    for key in ("updated_at", "updated_by", "origin_device"):
        if not isinstance(change.get(key), str) or not change[key]:
            return f"invalid_{key}", f"{key} must be a non-empty string"
    return record_problem(change["entity"], change.get("fields"))


def _constraint_reason(exc: Exception) -> tuple[str, str]:
    """A stable reason code and a short detail for an incoming change that failed to apply."""
    text = str(exc)
    if "UNIQUE constraint failed: person.citizen_id" in text:
        return "citizen_id_taken", "another live person here holds this citizen ID"
    if "FOREIGN KEY" in text:
        return "reference_missing", "a record it points to is not on this laptop"
    if "constraint" in text:
        return "constraint", text[:200]
    if isinstance(exc, KnownError):
        return "not_applicable", exc.message("en")[:200]
    return "not_applicable", type(exc).__name__


def _adopts_nothing(entity: str, sent_version: int, result: dict) -> bool:
    """True when a receipt result leaves the local copy as it is: the server stored the version
    exactly as sent (or the result names no version, or the entity is not synced)."""
    server_version = result.get("version")
    if not isinstance(server_version, int) or entity not in SYNCED_FIELDS:
        return True
    takes_content = result.get("merged") or result.get("status") == "duplicate"
    return not takes_content and server_version == sent_version


def _empty(value) -> bool:
    return value in (None, "", [], "[]")


def _kept_unshared(entity: str, local: dict, incoming: dict) -> list[str]:
    """The fields of an incoming change that must not empty this laptop's values: the person
    has no consent here, so the contact details, tags and notes held here never left this
    laptop (or were erased on the server when consent was withdrawn), and the change brings
    consent recorded elsewhere, with those fields empty. Nobody else held these values, so an
    empty one says nothing about them: the tryout's phone from the official list vanished
    when another laptop recorded the person's consent (the sixteenth tryout)."""
    if _has_consent(local) or not _has_consent(incoming):
        return []
    return [
        f
        for f in WITHHELD_WITHOUT_CONSENT[entity]
        if f in incoming and _empty(incoming[f]) and not _empty(local.get(f))
    ]


def _disputed_unshared(entity: str, local: dict, incoming: dict) -> dict:
    """The fields where consent recorded elsewhere brings a value, and this laptop holds another
    it never shared (no consent here): both were kept apart while consent was missing, so
    neither is known to be the newer one — a team lead decides (the eighteenth tryout: a phone
    corrected here while consent was withdrawn was replaced, unasked, by the old number
    another laptop still held when consent was given again)."""
    if _has_consent(local) or not _has_consent(incoming):
        return {}
    return {
        f: incoming[f]
        for f in WITHHELD_WITHOUT_CONSENT[entity]
        if f in incoming
        and not _empty(incoming[f])
        and not _empty(local.get(f))
        and incoming[f] != local.get(f)
    }


def outgoing(change: dict) -> dict:
    """The change as it leaves the laptop: consent rules applied (see module docstring)."""
    withheld = WITHHELD_WITHOUT_CONSENT.get(change["entity"])
    if not withheld or _has_consent(change["fields"]):
        return change
    fields = dict(change["fields"])
    for f in withheld:
        fields[f] = [] if f in ("phones", "vulnerabilities") else ""
    return {**change, "fields": fields, "withheld": list(withheld)}


def sendable(change: dict) -> int:
    """1 when ``change`` leaves the laptop as it is (the consent rules withhold nothing), else 0:
    the outbox's ``sendable`` flag for its canonical text (db_schema/007_outbox_change.sql)."""
    return int(outgoing(change) is change)


class SentChanges(EncodedList):
    """A batch's changes as canonical JSON texts, with their seq numbers (what a receipt must
    answer: ``core.protocol.verify_receipt``)."""

    __slots__ = ("seqs",)

    def __init__(self, texts: list[str], seqs: list[int]):
        super().__init__(texts)
        self.seqs = seqs


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
        """What sync keeps locally (server URL, device id, cursor...); the token and private
        keys show as ``"***"`` (the sync machinery reads them: ``sync_access``)."""
        from desktop_app.store.sync_access import redacted

        return redacted(dict(self.db.execute("SELECT key, value FROM sync_state").fetchall()))

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

    def _batch_of(self, batch_id: str, encoded: bool = False) -> dict:
        """The batch as it is sent. With ``encoded``, its ``changes`` are their canonical texts
        (``SentChanges``: the same bytes once encoded), and a change stored ready to send
        (``outbox_change.sendable = 1``) is not parsed and encoded again."""
        rows = self.db.execute(
            "SELECT seq, c.change, c.sendable FROM outbox JOIN outbox_change c USING (seq)"
            " WHERE batch_id = ? AND state = 'sending' ORDER BY seq",
            (batch_id,),
        ).fetchall()
        changes: list | SentChanges
        if encoded:
            changes = SentChanges(
                [
                    text if ready else canonical_text(outgoing(json.loads(text)))
                    for _seq, text, ready in rows
                ],
                [row[0] for row in rows],
            )
        else:
            changes = [outgoing(json.loads(text)) for _seq, text, _ready in rows]
        return {
            "protocol": 1,
            "schema": PROTOCOL_SCHEMA,
            "device_id": self._sync_get("server_device_id") or self.device_id,
            "batch_id": batch_id,
            "seq_from": rows[0][0],
            "seq_to": rows[-1][0],
            "changes": changes,
            **audit_anchor.batch_fields(self, batch_id),
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
        audit_anchor.remember_for_batch(self, batch_id)
        marks = ",".join("?" * len(seqs))
        self.db.execute(
            f"UPDATE outbox SET state = 'sending', batch_id = ? WHERE seq IN ({marks})",
            [batch_id, *seqs],
        )
        # An edit of a copy last written from the server (pull, merged or duplicate receipt) is
        # based on the server's version: say so (docs/PROTOCOL.md, base_from_server). Decided
        # once, when the batch starts, so a resent batch keeps the same bytes.
        self.db.execute(
            "UPDATE outbox_change SET change = json_set(change, '$.base_from_server', json('true')),"
            f" sendable = 0 WHERE seq IN (SELECT seq FROM outbox WHERE seq IN ({marks})"
            " AND base_version > 0 AND EXISTS (SELECT 1 FROM record_sync r"
            " WHERE r.entity = outbox.entity AND r.record_id = outbox.record_id"
            " AND r.from_server_version = outbox.base_version))",
            seqs,
        )
        return batch_id

    @op
    def next_batch(
        self, limit: int = 500, skip: tuple[str, ...] = (), encoded: bool = False
    ) -> dict | None:
        """The batch to send now: an unfinished one again (same id, same changes), else the next
        ``limit`` pending changes, marked ``sending``. None when nothing waits.

        ``skip`` names batches the caller is sending right now (so the next one can be prepared
        while the previous one is on the wire). With ``encoded`` the changes are ``SentChanges``
        (``_batch_of``): what the sync client sends, without parsing and encoding each change
        again."""
        require(self.user.role, "sync")
        with self.db.atomic():
            sending = [b for b in self._sending_batch_ids() if b not in skip]
            batch_id = sending[0] if sending else self._start_batch(limit)
            return self._batch_of(batch_id, encoded) if batch_id else None

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
                    self._adopt_or_hold(entity, record_id, version, seq, result)
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
                        self._adopt_or_hold(
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
            audit_anchor.on_receipt(self, receipt)
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

    def _adopt_or_hold(
        self, entity: str, record_id: str, sent_version: int, seq: int, result: dict
    ) -> None:
        """``_adopt_server_version``; when the server's content cannot apply here yet (it points
        to a record this laptop has not pulled, such as the survivor of an identity merge), it is
        held in the incoming quarantine and applied after the next pull: a receipt never fails."""
        if _adopts_nothing(entity, sent_version, result):
            return  # the common case: no savepoint (100,000 of them cost ~2 s in a USB receipt)
        try:
            with self.db.atomic():
                self._adopt_server_version(entity, record_id, sent_version, seq, result)
        except (*SQL_ERRORS, KnownError, KeyError, TypeError, ValueError) as exc:
            fields = result.get("server_fields")
            if not isinstance(fields, dict) or not isinstance(result.get("version"), int):
                raise
            held = {
                "entity": entity,
                "id": record_id,
                "version": result["version"],
                "base_version": result["version"] - 1,
                "fields": fields,
                "deleted": bool(result.get("server_deleted")),
                "updated_at": _now(),
                "updated_by": "city-server",
                "origin_device": "city-server",
                "adopt": True,  # the server's content of a version this laptop sent
            }
            self._quarantine_incoming(held, "receipt", *_constraint_reason(exc))

    def _adopt_server_version(
        self, entity: str, record_id: str, sent_version: int, seq: int, result: dict
    ) -> None:
        """Follow the server's numbering (and, when merged or duplicate, its content) for a
        record whose change was accepted, unless the record was edited again since.

        Without this a merged record keeps the laptop's own number and content: the other
        laptop's older version then comes back in the pull and overwrites the merge.
        """
        if _adopts_nothing(entity, sent_version, result):
            return  # stored exactly as sent (the common case: no read needed)
        server_version = result["version"]
        takes_content = result.get("merged") or result.get("status") == "duplicate"
        try:
            local = self._row(entity, record_id, include_deleted=True)
        except NotFound:
            return
        if local["version"] != sent_version:
            return  # edited again meanwhile: that newer change carries its own base
        new = dict(local)
        disputed: dict = {}
        if takes_content and isinstance(result.get("server_fields"), dict):
            change_json = self.db.execute(
                "SELECT change FROM outbox_change WHERE seq = ?", (seq,)
            ).fetchone()[0]
            withheld = set(outgoing(json.loads(change_json)).get("withheld") or ())
            for f in SYNCED_FIELDS[entity]:
                if f in result["server_fields"] and f not in withheld:
                    new[f] = result["server_fields"][f]
            # consent recorded elsewhere, merged with this laptop's change sent without it:
            # the values it held back stay (above) and are sent once all has arrived (the
            # seventeenth tryout: a phone typed on one laptop, consent recorded on another)
            if withheld and _kept_unshared(entity, local, result["server_fields"]):
                self._note_unshared(entity, record_id)
            disputed = (
                _disputed_unshared(entity, local, result["server_fields"]) if withheld else {}
            )
            if "server_deleted" in result:
                new["deleted"] = bool(result["server_deleted"])
        new["version"] = server_version
        row = {k: v for k, v in new.items() if k != "id"}
        row["deleted"] = int(bool(new["deleted"]))
        self.db[entity].update(
            record_id, self._to_db(entity, {**row, **self._derived(entity, new)})
        )
        self._set_from_server(entity, record_id, server_version)
        if new.get("merged_into") and new["deleted"]:
            self._after_incoming_merge(entity, record_id, {"fields": new, "deleted": True})
        if disputed:  # kept here (held back when it was sent): the team lead decides
            self._record_conflicts(
                entity, record_id, disputed, server_version, list(disputed), "receipt"
            )
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
    def apply_incoming(
        self, changes: list[dict], source: str = "pull", cursor: int | None = None
    ) -> dict:
        """Apply changes from other devices, all or nothing for the page; never overwrites
        undelivered local edits.

        A change that breaks the record rules or a constraint of this laptop is quarantined
        (kept whole with its reason, ``incoming_quarantine``) and the rest applies: one record
        never stops a sync. Quarantined changes are tried again after every page (a merge or a
        missing household may have arrived since). ``cursor``, when given, is saved as the pull
        position in the same transaction.
        """
        counts = {"applied": 0, "unchanged": 0, "conflicts": 0, "skipped": 0, "quarantined": 0}
        touched_households: set[str] = set()
        held = []
        with self.db.atomic():
            for change in changes:
                outcome = self._apply_guarded(change, source, touched_households)
                counts[outcome] += 1
                if outcome == "quarantined":
                    held.append((change["entity"], change["id"], change["version"]))
            released = self._retry_incoming_quarantine(touched_households)
            shared = self._release_unshared()
            if shared:
                counts["shared"] = shared
            # what is still held at the end of the page (one held only until its survivor or
            # household arrived later in the same page counts as applied)
            still = sum(
                1
                for key in held
                if self.db.execute(
                    "SELECT 1 FROM incoming_quarantine WHERE entity = ? AND record_id = ?"
                    " AND version = ?",
                    key,
                ).fetchone()
            )
            counts["applied"] += len(held) - still
            counts["quarantined"] = still
            if released - (len(held) - still) > 0:
                counts["released"] = released - (len(held) - still)
            for hid in touched_households - {None}:
                self._reindex(hid)
            if cursor is not None:
                self._sync_set("pull_since", str(cursor))
            audit.append(self.db, self.user.username, f"sync.apply.{source}", detail=counts)
        return counts

    def _note_unshared(self, entity: str, rid: str) -> None:
        """Remember (in the same transaction) a person whose values only this laptop holds,
        to send once consent is here and what arrives with it is applied (``_kept_unshared``)."""
        noted = set(json.loads(self._sync_get(_UNSHARED_KEY) or "[]"))
        noted.add(f"{entity}/{rid}")
        self._sync_set(_UNSHARED_KEY, json.dumps(sorted(noted)))

    @op
    def release_unshared(self) -> int:
        """Send what ``_note_unshared`` noted (after a receipt and its incoming changes, or a
        pull): returns how many persons were sent. Nothing noted: nothing read but one row."""
        with self.db.atomic():
            return self._release_unshared()

    def _release_unshared(self) -> int:
        """Send the values ``_kept_unshared`` kept: consent now exists, so the person's contact
        details, tags and notes that only this laptop held go to the server and the other
        laptops as an ordinary new version (after the whole page or receipt, so that a later
        change of the same person in it is applied first). Returns how many were sent."""
        noted = json.loads(self._sync_get(_UNSHARED_KEY) or "[]")
        if not noted:
            return 0
        sent = 0
        for key in noted:
            entity, rid = key.split("/", 1)
            try:
                current = self._row(entity, rid)
            except NotFound:
                continue  # deleted or merged meanwhile: the survivor's values are its own
            fields = [f for f in WITHHELD_WITHOUT_CONSENT[entity] if not _empty(current.get(f))]
            if not _has_consent(current) or not fields or current["id"] != rid:
                continue
            undecided = self.db.execute(
                "SELECT 1 FROM conflict WHERE entity = ? AND record_id = ? AND resolution IS NULL"
                f" AND field IN ({', '.join('?' * len(fields))})",
                (entity, rid, *fields),
            ).fetchone()
            if undecided:
                continue  # the team lead's decision sends the whole person, these values too
            # as an edit of these fields (not ``_update``: the sync may run as any user)
            self._write_version(entity, current, dict(current), fields, "update")
            sent += 1
        self._sync_set(_UNSHARED_KEY, None)
        return sent

    def _apply_guarded(self, change: dict, source: str, touched: set) -> str:
        """Apply one incoming change inside a savepoint; quarantine it when it cannot apply."""
        problem = incoming_problem(change)
        if problem == ("skip", ""):
            return "skipped"
        entity, rid = change["entity"], change["id"]
        if change.get("origin_device") == self.device_id:
            return "unchanged"  # our own change coming back
        if problem is None:
            try:
                with self.db.atomic():
                    result = self._apply_one(change, source)
                    self._decided_elsewhere(change)
            except (*SQL_ERRORS, KnownError, KeyError, TypeError, ValueError) as exc:
                problem = _constraint_reason(exc)
        if problem is not None:
            self._quarantine_incoming(change, source, *problem)
            return "quarantined"
        self.db.execute(
            "DELETE FROM incoming_quarantine WHERE entity = ? AND record_id = ? AND version <= ?",
            (entity, rid, change["version"]),
        )
        if entity == "household":
            touched.add(rid)
        elif entity in ("person", "visit"):
            touched.add(change["fields"].get("household_id"))
        return result

    def _decided_elsewhere(self, change: dict) -> None:
        """A team lead on another laptop decided these fields of the record (the change's
        ``decided``, PROTOCOL revision 7): the same open questions here are closed with that
        decision, not asked again. Only questions older than this version are: one its
        applying just opened (this laptop's own undelivered edit of the field) stays."""
        decided = change.get("decided") or ()
        if not decided:
            return
        for field in decided:
            value = change.get("deleted") if field == "deleted" else change["fields"].get(field)
            self.db.execute(
                "UPDATE conflict SET resolution = 'elsewhere', resolved_value = ?,"
                " resolved_by = ?, resolved_at = ? WHERE entity = ? AND record_id = ?"
                " AND field = ? AND resolution IS NULL"
                " AND (incoming_version IS NULL OR incoming_version < ?)",
                (
                    json.dumps(value, ensure_ascii=False),
                    change.get("updated_by"),
                    _now(),
                    change["entity"],
                    change["id"],
                    field,
                    change["version"],
                ),
            )

    def _quarantine_incoming(self, change: dict, source: str, reason: str, detail: str) -> None:
        try:
            text = json.dumps(change, ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError):
            text = json.dumps({"entity": change.get("entity"), "id": change.get("id")})
        self.db.execute(
            "INSERT INTO incoming_quarantine (entity, record_id, version, server_seq, change,"
            " reason, detail, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (entity, record_id, version) DO UPDATE SET reason = excluded.reason,"
            " detail = excluded.detail, attempts = attempts + 1",
            (
                change["entity"],
                change["id"],
                change["version"],
                change.get("server_seq") if isinstance(change.get("server_seq"), int) else None,
                text,
                reason,
                detail[:500],
                source,
                _now(),
            ),
        )

    def _retry_incoming_quarantine(self, touched: set) -> int:
        """Apply quarantined incoming changes that can apply now (again and again while one
        release lets another apply: a survivor, then what points to it); returns how many."""
        released = 0
        for _ in range(10):
            more = self._retry_incoming_once(touched)
            released += more
            if not more:
                break
        return released

    def _retry_incoming_once(self, touched: set) -> int:
        rows = self.db.execute(
            "SELECT entity, record_id, version, change, source FROM incoming_quarantine"
            " ORDER BY server_seq, entity, record_id, version"
        ).fetchall()
        released = 0
        for entity, rid, version, text, source in rows:
            try:
                change = json.loads(text)
            except ValueError:
                continue
            if incoming_problem(change) is not None:
                continue
            try:
                with self.db.atomic():
                    self._apply_one(change, source)
                    self._decided_elsewhere(change)
            except (*SQL_ERRORS, KnownError, KeyError, TypeError, ValueError):
                continue
            self.db.execute(
                "DELETE FROM incoming_quarantine WHERE entity = ? AND record_id = ? AND version = ?",
                (entity, rid, version),
            )
            released += 1
            touched.add(rid if entity == "household" else change["fields"].get("household_id"))
        return released

    @op
    def incoming_quarantined(self) -> list[dict]:
        """Pulled changes this laptop could not apply, with the reason (for the team lead)."""
        return [
            {
                "entity": r[0],
                "record_id": r[1],
                "version": r[2],
                "server_seq": r[3],
                "reason": r[4],
                "detail": r[5],
                "source": r[6],
                "created_at": r[7],
                "attempts": r[8],
            }
            for r in self.db.execute(
                "SELECT entity, record_id, version, server_seq, reason, detail, source,"
                " created_at, attempts FROM incoming_quarantine ORDER BY server_seq, created_at"
            )
        ]

    @op
    def retry_incoming_quarantine(self) -> int:
        """Try the quarantined incoming changes again (after an update of the app)."""
        touched: set = set()
        with self.db.atomic():
            released = self._retry_incoming_quarantine(touched)
            self._release_unshared()
            for hid in touched - {None}:
                self._reindex(hid)
            audit.append(
                self.db, self.user.username, "sync.quarantine.retry", detail={"released": released}
            )
        return released

    def _apply_one(self, change: dict, source: str) -> str:
        disputed: dict = {}
        result = self._apply_change(change, source, disputed)
        if disputed:  # the local values stay; both go to the team lead
            self._record_conflicts(
                change["entity"], change["id"], disputed, change["version"], list(disputed), source
            )
            return "conflicts"
        return result

    def _apply_change(self, change: dict, source: str, disputed: dict) -> str:
        entity, rid = change["entity"], change["id"]
        incoming = {
            f: change["fields"].get(f) for f in SYNCED_FIELDS[entity] if f in change["fields"]
        }
        withheld = set(change.get("withheld") or ())
        if entity in WITHHELD_WITHOUT_CONSENT and not _has_consent(change["fields"]):
            # without consent these fields never travel: an empty value from the server (a
            # merge tombstone, an older laptop) says nothing about them, so the local ones stay
            withheld |= set(WITHHELD_WITHOUT_CONSENT[entity])
        for f in withheld:
            incoming.pop(f, None)
        try:
            local = self._row(entity, rid, include_deleted=True)
        except NotFound:
            local = None
        if local is not None and entity in WITHHELD_WITHOUT_CONSENT and not withheld:
            kept = _kept_unshared(entity, local, incoming)
            if kept:  # sent to the others once the page is applied (``_release_unshared``)
                for f in kept:
                    incoming.pop(f)
                self._note_unshared(entity, rid)
            disputed.update(_disputed_unshared(entity, local, incoming))
            for f in disputed:
                incoming.pop(f)
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
            self._set_from_server(entity, rid, change["version"])
            self._after_incoming_merge(entity, rid, change, new_here=True)
            return "applied"
        touched = set()
        for (changed,) in self.db.execute(
            f"SELECT changed FROM outbox WHERE entity = ? AND record_id = ? AND state IN ({','.join('?' * len(_UNDELIVERED))})",
            (entity, rid, *_UNDELIVERED),
        ):
            touched.update(json.loads(changed or "[]"))
        if not touched:
            if (
                change["version"] <= local["version"]
                and not change.get("adopt")
                and not self._own_refused(entity, local)
            ):
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
            self._close_superseded_merge_conflicts(entity, rid, local, incoming)
            self._after_incoming_merge(entity, rid, change, before=local)
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

    def _after_incoming_merge(
        self,
        entity: str,
        rid: str,
        change: dict,
        new_here: bool = False,
        before: dict | None = None,
    ) -> None:
        """A merged tombstone arrived (the server merged two persons with one citizen ID, a
        team lead merged a duplicate, or a benefit joined its twin): values of the merged
        record that differ from the survivor's become conflicts on the survivor for the team
        lead (nothing written is lost), and visit drafts that named the merged record follow
        the survivor. When the survivor itself arrives later, the tombstones already here are
        compared with it then.

        A team lead's merge on another laptop was decided there (its merge dialog, its own
        conflicts): the values its tombstone carries are not asked again here (the thirteenth
        tryout: laptop B asked again the name and address chosen on laptop A, under "from the
        server"). Only a value this laptop held (``before``) that the tombstone does not is."""
        if entity not in MERGE_COMPARED and entity not in TWIN_COMPARED:
            return
        target = change["fields"].get("merged_into")
        if change.get("deleted") and target:
            # the values as this laptop holds them (fields held back for lack of consent never
            # reached the server, so the tombstone's copy of them is empty)
            here = self._row(entity, rid, include_deleted=True)
            decided: set[str] = set()
            origin = change.get("origin_device")
            if entity in MERGE_COMPARED and origin and origin != "city-server":
                # (a benefit's tombstone may be the server's join of one a laptop sent live)
                decided = {
                    f for f, v in change["fields"].items() if before is None or before.get(f) == v
                }
            self._merge_conflicts(entity, rid, here, target, decided)
        if not new_here:
            return  # a survivor edited later: its tombstones were compared when it arrived
        for (loser_id,) in self.db.execute(
            f"SELECT id FROM [{entity}] WHERE merged_into = ? AND deleted = 1", (rid,)
        ).fetchall():
            loser = self._row(entity, loser_id, include_deleted=True)
            self._merge_conflicts(entity, loser_id, loser, rid, None)

    def _merge_conflicts(self, entity: str, rid: str, fields: dict, target: str, withheld) -> None:
        try:
            survivor = self._row(entity, target, include_deleted=True)
        except NotFound:
            return
        names = TWIN_COMPARED[entity] if entity in TWIN_COMPARED else MERGE_COMPARED[entity]
        self._difference_conflicts(entity, survivor, fields, names, withheld)
        self._move_drafts(entity, rid, target, survivor)

    def _difference_conflicts(
        self, entity: str, survivor: dict, fields: dict, names, withheld=None
    ) -> list[int]:
        """Values in ``fields`` (a merged record's) that differ from ``survivor``'s become open
        conflicts on the survivor (source ``merge``): nothing written is lost, the team lead
        decides. An empty value never counts; a conflict already open is not made twice.
        Returns the new conflicts' ids."""
        target = survivor["id"]
        made = []
        for f in names:
            if f in (withheld or ()):
                continue
            theirs = fields.get(f)
            if theirs in (None, "", [], {}) or theirs == survivor.get(f):
                continue
            exists = self.db.execute(
                "SELECT 1 FROM conflict WHERE entity = ? AND record_id = ? AND field = ?"
                " AND resolution IS NULL AND incoming_value = ?",
                (entity, target, f, json.dumps(theirs, ensure_ascii=False)),
            ).fetchone()
            if exists:
                continue
            cur = self.db.execute(
                "INSERT INTO conflict (entity, record_id, field, local_value, incoming_value,"
                " base_version, incoming_version, source, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, NULL, 'merge', ?)",
                (
                    entity,
                    target,
                    f,
                    json.dumps(survivor.get(f), ensure_ascii=False),
                    json.dumps(theirs, ensure_ascii=False),
                    survivor["version"],
                    _now(),
                ),
            )
            made.append(cur.lastrowid)
        return made

    def _move_drafts(self, entity: str, old_id: str, new_id: str, survivor: dict) -> None:
        """Visit drafts (settings ``draft:visit:<household>``) follow a merge."""
        rows = self.db.execute(
            "SELECT key, value FROM settings WHERE key LIKE 'draft:visit:%' AND value LIKE ?",
            (f"%{old_id}%",),
        ).fetchall()
        if entity == "household":
            rows += self.db.execute(
                "SELECT key, value FROM settings WHERE key = ?", (f"draft:visit:{old_id}",)
            ).fetchall()
        for key, value in dict(rows).items():
            if not value:
                continue
            moved = value.replace(old_id, new_id)
            new_key = key.replace(old_id, new_id) if entity == "household" else key
            if new_key != key:
                taken = self.db.execute(
                    "SELECT value FROM settings WHERE key = ?", (new_key,)
                ).fetchone()
                if taken and taken[0]:
                    continue  # the survivor has its own draft: keep both, the old one stays
                self.db.execute("UPDATE settings SET value = '' WHERE key = ?", (key,))
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (new_key, moved),
            )

    def _close_superseded_merge_conflicts(
        self, entity: str, rid: str, local: dict, incoming: dict
    ) -> None:
        """A team lead on another laptop decided a merge conflict: its newer version of the
        survivor arrives here, so the same undecided conflict here is closed."""
        for f, v in incoming.items():
            if local.get(f) == v:
                continue
            self.db.execute(
                "UPDATE conflict SET resolution = 'superseded', resolved_value = ?,"
                " resolved_by = ?, resolved_at = ? WHERE entity = ? AND record_id = ?"
                " AND field = ? AND source = 'merge' AND resolution IS NULL",
                (json.dumps(v, ensure_ascii=False), "sync", _now(), entity, rid, f),
            )

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
    def open_conflict_count(self) -> int:
        """How many field conflicts wait for the team lead (of any round, any source)."""
        sql = "SELECT count(*) FROM conflict WHERE resolution IS NULL"
        return self.db.execute(sql).fetchone()[0]

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
        return mask_conflicts(self, out)  # ID numbers masked unless the role may see them

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
            # the decision is based on the server's version (docs/PROTOCOL.md, base_from_server),
            # and says which field it decided, so the other laptops close the same question
            # (revision 7; the fourteenth tryout was asked again on laptop B)
            seq = self.db.execute(
                "SELECT max(seq) FROM outbox WHERE entity = ? AND record_id = ?", (entity, rid)
            ).fetchone()[0]
            text = self.db.execute(
                "SELECT change FROM outbox_change WHERE seq = ?", (seq,)
            ).fetchone()
            decided = sorted({*(json.loads(text[0]).get("decided") or ()), field}) if text else []
            self.db.execute(
                "UPDATE outbox_change SET change = json_set(change,"
                " '$.base_from_server', json('true'), '$.decided', json(?)), sendable = 0"
                " WHERE seq = ?",
                (json.dumps(decided), seq),
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
