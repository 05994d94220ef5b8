"""Applying a batch of changes: the one path for pushed batches and imported USB bundles.

``apply_batch(storage, device, batch)`` is what the HTTP endpoint and the bundle import call.
Each change is judged on its own (accepted, duplicate, conflict, rejected); the whole batch is one
transaction; the receipt is stored with the batch and served again, byte for byte, on a retry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from city_server import officers
from city_server.dashboard.cells import marks_for as dashboard_marks
from city_server.storage import BatchTx, Device, Storage, StoredRecord, dumps, utc_now
from desktop_app.core.canonical import canonical_json
from desktop_app.core.protocol import (
    ACCEPTED,
    CONFLICT,
    DUPLICATE,
    ERROR_MESSAGES_VI,
    PROTOCOL_VERSION,
    REJECTED,
    RETRYABLE_REASONS,
    ProtocolError,
    batch_problem,
    change_problem,
    sign_document,
)
from desktop_app.core.record_rules import (
    MERGE_COMPARED,
    TWIN_COMPARED,
    complete_fields,
    record_problem,
    references,
    twin_key,
)


class Refusal(ProtocolError):
    """A request refused as a whole, with its HTTP status and wire error code; nothing applied."""

    def __init__(self, status: int, code: str, message_en: str, message_vi: str | None = None):
        super().__init__(code, message_vi or ERROR_MESSAGES_VI.get(code, message_en), message_en)
        self.status = status


# --- protocol versions -------------------------------------------------------------------------
# Each supported protocol has an upgrader to the current internal form. To add protocol 2: write
# the v2 checks, make ``_upgrade_v1`` turn a v1 batch into v2's shape, register both here, and
# move SUPPORTED_PROTOCOLS in desktop_app.core.protocol to (1, 2).


def _upgrade_v1(batch: Mapping[str, Any]) -> dict[str, Any]:
    return dict(batch)


UPGRADERS = {1: _upgrade_v1}


def check_batch(batch: Any, device: Device) -> dict[str, Any]:
    """Check a batch envelope sent by ``device``; raise Refusal, or return it in current form."""
    return _checked(batch, device)[0]


def _checked(batch: Any, device: Device) -> tuple[dict[str, Any], str]:
    """``check_batch``, plus the batch's ``batch_hash`` (the canonical JSON is made once)."""
    problem = batch_problem(batch)
    if problem:
        status, code, detail = problem
        raise Refusal(status, code, detail)
    try:
        canonical = canonical_json(batch)
    except (UnicodeEncodeError, ValueError) as exc:
        raise Refusal(
            400, "invalid_batch", "strings must be valid Unicode (no lone surrogates)"
        ) from exc
    if batch["device_id"] != device.id:
        raise Refusal(403, "device_mismatch", "device_id in the batch is not the sending device")
    upgraded = UPGRADERS[batch["protocol"]](batch)
    if upgraded != batch:
        return upgraded, batch_hash(upgraded)
    return upgraded, hashlib.sha256(canonical).hexdigest()


def batch_hash(batch: Mapping[str, Any]) -> str:
    """sha256 hex of the batch's canonical JSON: what "the same batch" means."""
    return hashlib.sha256(canonical_json(batch)).hexdigest()


# --- merging -----------------------------------------------------------------------------------

_MISSING = object()


def _flat(content: Mapping[str, Any]) -> dict[str, Any]:
    flat = {f"fields.{k}": v for k, v in content["fields"].items()}
    flat["deleted"] = content["deleted"]
    flat["commune_code"] = content["commune_code"]
    return flat


def _changed(base: dict[str, Any], other: dict[str, Any]) -> set[str]:
    return {
        k for k in base.keys() | other.keys() if base.get(k, _MISSING) != other.get(k, _MISSING)
    }


def three_way_merge(
    base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]
) -> tuple[dict[str, Any] | None, list[str]]:
    """Merge a device's edit (base → mine) into the server's version (base → theirs).

    Contents are ``{"fields", "deleted", "commune_code"}``. Returns ``(merged, [])`` when the edits
    touch different fields (a field both set to the same value is no conflict), or
    ``(None, conflicting_names)``: field names, plus ``deleted`` / ``commune_code`` for the
    tombstone flag and the commune. Deleting a record someone else changed, or changing one someone
    else deleted, is always a conflict.
    """
    b, m, t = _flat(base), _flat(mine), _flat(theirs)
    mine_changed = {k for k in _changed(b, m) if m.get(k, _MISSING) != t.get(k, _MISSING)}
    theirs_changed = {k for k in _changed(b, t) if m.get(k, _MISSING) != t.get(k, _MISSING)}
    overlap = mine_changed & theirs_changed
    if (
        not overlap
        and mine_changed
        and theirs_changed
        and "deleted" in mine_changed | theirs_changed
    ):
        overlap = mine_changed | theirs_changed
    if overlap:
        return None, sorted({k.removeprefix("fields.") for k in overlap})
    merged = dict(t)
    for key in mine_changed:
        if key in m:
            merged[key] = m[key]
        else:
            merged.pop(key, None)
    fields = {k[len("fields.") :]: v for k, v in merged.items() if k.startswith("fields.")}
    return {
        "fields": fields,
        "deleted": merged["deleted"],
        "commune_code": merged["commune_code"],
    }, []


# --- applying ----------------------------------------------------------------------------------


def _content(change: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "fields": complete_fields(change["entity"], change["fields"]),
        "deleted": change["deleted"],
        "commune_code": change["commune_code"],
    }


def _complete(entity: str, content: dict[str, Any] | None) -> dict[str, Any] | None:
    """A stored content with every synced field present (versions stored before a field
    existed lack it; they compare as holding its default)."""
    if content is None or not isinstance(content.get("fields"), dict):
        return content
    return {**content, "fields": complete_fields(entity, content["fields"])}


SERVER_DEVICE = "city-server"
"""The sender and author of versions the server writes itself (identity merges): every
laptop's feed includes them, the laptop whose change caused the merge too."""

_EMPTY = (None, "", [], {})


class _BatchApplier:
    def __init__(self, tx: BatchTx, device: Device, batch_id: str, now: str, server_public: str):
        self.tx, self.device, self.batch_id, self.now = tx, device, batch_id, now
        self.server_public = server_public

    # results ------------------------------------------------------------------------------

    def _result(self, change: Mapping[str, Any], status: str, **extra: Any) -> dict[str, Any]:
        result = {
            "seq": change["seq"],
            "entity": change["entity"],
            "id": change["id"],
            "status": status,
        }
        result.update(extra)
        return result

    def reject(self, change: Any, reason: str, detail: str) -> dict[str, Any]:
        entity = change.get("entity") if isinstance(change.get("entity"), str) else None
        record_id = change.get("id") if isinstance(change.get("id"), str) else None
        self.tx.add_rejected(
            device_id=self.device.id,
            batch_id=self.batch_id,
            seq=change["seq"],
            entity=entity,
            record_id=record_id,
            reason=reason,
            detail=detail,
            change=change,
            created_at=self.now,
        )
        result = {
            "seq": change["seq"],
            "entity": str(entity or ""),
            "id": str(record_id or ""),
            "status": REJECTED,
            "reason": reason,
            "detail": detail,
            "retryable": reason in RETRYABLE_REASONS,
        }
        if entity and record_id and reason in RETRYABLE_REASONS | {"commune_not_enrolled"}:
            self.tx.put_device_version(
                self.device.id,
                entity,
                record_id,
                change["version"],
                _content(change),
                REJECTED,
                None,
            )
        return result

    def conflict(
        self,
        change: Mapping[str, Any],
        current: StoredRecord,
        reason: str,
        fields: list[str],
        record: bool = True,
        remember: bool = True,
    ) -> dict[str, Any]:
        if record:
            self.tx.add_conflict(
                device_id=self.device.id,
                batch_id=self.batch_id,
                seq=change["seq"],
                entity=change["entity"],
                record_id=change["id"],
                version=change["version"],
                base_version=change["base_version"],
                server_version=current.version,
                reason=reason,
                fields=fields,
                change=dict(change),
                server_fields=current.fields,
                server_deleted=current.deleted,
                created_at=self.now,
            )
        if remember:
            self.tx.put_device_version(
                self.device.id,
                change["entity"],
                change["id"],
                change["version"],
                _content(change),
                CONFLICT,
                None,
            )
        return self._result(
            change,
            CONFLICT,
            reason=reason,
            conflict_fields=fields,
            server_version=current.version,
            server_fields=current.fields,
            server_deleted=current.deleted,
        )

    def store(
        self,
        change: Mapping[str, Any],
        content: dict[str, Any],
        version: int,
        merged: bool,
        sent: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Store ``content`` as ``version``; ``sent`` is ``_content(change)`` when the caller has
        it already (made once per change; storage may then reuse the JSON of equal fields)."""
        result = self._store(change, content, version, merged, sent)
        self._after_store(change, content)
        return result

    def _store(
        self,
        change: Mapping[str, Any],
        content: dict[str, Any],
        version: int,
        merged: bool,
        sent: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        self.tx.store_version(
            entity=change["entity"],
            record_id=change["id"],
            version=version,
            fields=content["fields"],
            deleted=content["deleted"],
            commune_code=content["commune_code"],
            updated_at=change["updated_at"],
            updated_by=change["updated_by"],
            origin_device=change["origin_device"],
            device_id=self.device.id,
            merged=merged,
            # a team lead's decisions travel to the other laptops while the stored value is the
            # one decided (a merge with a concurrent edit may have kept another)
            decided=_still_decided(change, content),
        )
        self.tx.put_device_version(
            self.device.id,
            change["entity"],
            change["id"],
            change["version"],
            _content(change) if sent is None else sent,
            "merged" if merged else ACCEPTED,
            version,
        )
        if merged:
            return self._result(
                change,
                ACCEPTED,
                version=version,
                merged=True,
                server_fields=content["fields"],
                server_deleted=content["deleted"],
            )
        return self._result(change, ACCEPTED, version=version)

    def duplicate(self, change: Mapping[str, Any], server_version: int, remember: bool = True):
        held = self.tx.get_history(change["entity"], change["id"], server_version)
        assert held is not None
        if remember:
            self.tx.put_device_version(
                self.device.id,
                change["entity"],
                change["id"],
                change["version"],
                _content(change),
                DUPLICATE,
                server_version,
            )
        return self._result(
            change,
            DUPLICATE,
            version=server_version,
            server_fields=held["fields"],
            server_deleted=held["deleted"],
        )

    # one change ---------------------------------------------------------------------------

    def apply(self, change: Any) -> dict[str, Any]:
        problem = change_problem(change) or record_problem(change["entity"], change["fields"])
        if problem:
            return self.reject(change, *problem)
        entity, record_id = change["entity"], change["id"]
        current = self.tx.get_record(entity, record_id)
        for commune in {change["commune_code"], current.commune_code if current else None} - {None}:
            if commune not in self.device.communes:
                return self.reject(
                    change, "commune_not_enrolled", f"device is not enrolled for commune {commune}"
                )
        unsigned = officers.verification_refusal(
            self.tx, self.server_public, change
        )  # issue 12: officer signatures
        if unsigned:
            return self.reject(change, *unsigned)
        mine = _content(change)
        redirected = self._check_references(change, mine)
        if isinstance(redirected, tuple):
            return self.reject(change, *redirected)
        target = redirected["fields"].get("merged_into") if redirected["deleted"] else None
        if target:
            # a merge into a record that was itself merged goes to its survivor; two team leads
            # merging a pair in opposite directions must not delete both: the second is refused
            survivor = self._survivor(entity, target)
            if survivor == record_id:
                if current is None:
                    return self.reject(change, "merge_cycle", "merged into itself")
                return self.conflict(change, current, "merge_cycle", ["deleted"])
            if survivor != target:
                redirected = {
                    **redirected,
                    "fields": {**redirected["fields"], "merged_into": survivor},
                }

        # The same version from this device again (a retry under a new batch id). A version the
        # server refused may come back with new content: the person resolved it, judge it afresh.
        sent = self.tx.get_device_version(self.device.id, entity, record_id, change["version"])
        if sent is not None and current is not None:
            if sent.content == mine and sent.status == CONFLICT:
                return self.conflict(
                    change, current, "already_in_conflict", [], record=False, remember=False
                )
            if sent.content == mine and sent.status != REJECTED:
                assert sent.server_version is not None
                return self.duplicate(change, sent.server_version, remember=False)
            if (
                sent.content != mine
                and sent.status not in (CONFLICT, REJECTED)
                and not change.get("base_from_server", False)
            ):
                # Never overwrite what the server knows this version to be (ODK's 409 rule).
                # Unless the device numbers from a server version it adopted: after a merged or
                # duplicate receipt its next number may be one it sent before (the eighteenth
                # tryout: a needless conflict, the phone empty everywhere until a lead chose);
                # the change is judged afresh on that server base, as any other.
                return self.conflict(change, current, "version_reused", [], remember=False)

        if change["base_version"] == 0:
            if current is None:
                return self.store(change, redirected, 1, merged=redirected != mine, sent=mine)
            if _complete(entity, self.tx.get_history(entity, record_id, 1)) in (mine, redirected):
                return self.duplicate(change, 1)
            return self.conflict(change, current, "already_exists", [])

        base, base_server_version = self._base(change)
        if base == "not_accepted":
            assert current is not None
            return self.conflict(change, current, "base_not_accepted", [])
        if current is None or base is None:
            return self.reject(
                change,
                "base_version_missing",
                f"the server has no version {change['base_version']} of this record yet",
            )
        base = _complete(entity, base)
        now_content = _complete(entity, current.content())
        splitting = bool(base["fields"].get("merged_into")) and not redirected["fields"].get(
            "merged_into"
        )  # the device knew of the merge and undoes it (a team lead's split): a normal edit
        if (
            current.deleted
            and current.fields.get("merged_into")
            and not change["deleted"]
            and not splitting
        ):
            return self._edit_of_merged(change, base, redirected, current)
        if base_server_version == current.version and base == now_content:
            return self.store(
                change, redirected, current.version + 1, merged=redirected != mine, sent=mine
            )
        merged, overlap = three_way_merge(base, redirected, now_content)
        if merged is None:
            return self.conflict(change, current, "fields_overlap", overlap)
        if merged == now_content:
            return self.duplicate(change, current.version)
        return self.store(change, merged, current.version + 1, merged=True)

    # references and identity merges -------------------------------------------------------

    def _check_references(
        self, change: Mapping[str, Any], content: dict[str, Any]
    ) -> dict[str, Any] | tuple[str, str]:
        """Every record ``content`` points to must exist in the same commune. A pointer to a
        merged person or household is moved to the survivor. Returns the (possibly moved)
        content, or a rejection ``(reason, detail)``."""
        fields = content["fields"]
        moved = None
        for name, target, target_id in references(change["entity"], fields):
            record = self.tx.get_record(target, target_id)
            hops = 0
            while (
                record is not None
                and record.deleted
                and record.fields.get("merged_into")
                and hops < 8
            ):
                record = self.tx.get_record(target, record.fields["merged_into"])
                hops += 1
            if record is None:
                if self.tx.was_rejected(target, target_id):
                    return "reference_rejected", f"{name}: the {target} it points to was rejected"
                return "reference_missing", f"{name}: no {target} {target_id} on the server yet"
            if record.commune_code != change["commune_code"]:
                return "reference_other_commune", f"{name}: the {target} is in another commune"
            if record.id != target_id:
                moved = moved or dict(fields)
                moved[name] = record.id
                if name == "person_id" and "household_id" in moved:
                    moved["household_id"] = record.fields.get("household_id")
        entity = change["entity"]
        if entity in ("benefit", "payment") and moved is None and not content["deleted"]:
            # one benefit of a scheme and category per person (two laptops added it), one
            # payment per benefit and month (the laptop's unique index)
            moved = dict(fields)
        if moved is not None and entity in ("benefit", "payment") and not content["deleted"]:
            twin = self._twin(entity, moved, change["id"])
            if twin is not None:
                # the survivor already holds this benefit (or this month's payment): this one is
                # kept as a tombstone pointing to it; its differing values become conflicts
                moved["merged_into"] = twin.id
                names = TWIN_COMPARED[entity]
                loser = StoredRecord(entity, change["id"], 0, moved, True, twin.commune_code,
                                     "", "", "", 0)  # fmt: skip
                self._keep_differences(change, twin, loser, names)
                return {**content, "fields": moved, "deleted": True}
        present = fields.get("persons_present") if change["entity"] == "visit" else None
        if present:
            survivors = [self._survivor("person", p) for p in present]
            if survivors != present:
                moved = moved or dict(fields)
                moved["persons_present"] = list(dict.fromkeys(survivors))
        if moved is None or moved == fields:
            return content
        return {**content, "fields": moved}

    def _twin(self, entity: str, fields: dict[str, Any], own_id: str) -> StoredRecord | None:
        """The survivor's live benefit of the same scheme, or its benefit's payment of the same
        month, that a moved benefit or payment duplicates."""
        if entity == "benefit":
            for other in self.tx.live_referencing("person_id", fields.get("person_id") or ""):
                if (
                    other.entity == "benefit"
                    and other.id != own_id
                    and twin_key("benefit", other.fields) == twin_key("benefit", fields)
                ):
                    return other
            return None
        for other in self.tx.live_referencing("benefit_id", fields.get("benefit_id") or ""):
            if (
                other.entity == "payment"
                and other.id != own_id
                and other.fields.get("period") == fields.get("period")
            ):
                return other
        return None

    def _survivor(self, entity: str, record_id: str) -> str:
        """The live record a merged one was merged into (itself when not merged or unknown)."""
        for _ in range(8):
            record = self.tx.get_record(entity, record_id)
            if record is None or not record.deleted or not record.fields.get("merged_into"):
                return record_id
            record_id = record.fields["merged_into"]
        return record_id

    def _edit_of_merged(
        self,
        change: Mapping[str, Any],
        base: dict[str, Any],
        mine: dict[str, Any],
        current: StoredRecord,
    ) -> dict[str, Any]:
        """An edit of a record that was merged meanwhile (the laptop had not heard yet). The
        edited values are kept on the tombstone, and those that differ from the survivor's become
        conflicts on the survivor, on the server and on every laptop that applies the tombstone:
        a person decides, nothing is lost, and the record stays merged."""
        modified = [
            f
            for f, v in mine["fields"].items()
            if f != "merged_into" and v != base["fields"].get(f)
        ]
        if not modified:
            return self.duplicate(change, current.version)
        fields = {**current.fields, **{f: mine["fields"][f] for f in modified}}
        survivor = self.tx.get_record(current.entity, self._survivor(current.entity, current.id))
        if survivor is not None and survivor.id != current.id:
            edited = replace(current, fields=fields)
            self._keep_differences(change, survivor, edited, modified)
        content = {"fields": fields, "deleted": True, "commune_code": current.commune_code}
        return self.store(change, content, current.version + 1, merged=True)

    def _server_write(self, record: StoredRecord, fields: dict[str, Any], deleted: bool) -> None:
        """Store a version the server makes itself (an identity merge), in every laptop's feed."""
        self.tx.store_version(
            entity=record.entity,
            record_id=record.id,
            version=record.version + 1,
            fields=fields,
            deleted=deleted,
            commune_code=record.commune_code,
            updated_at=self.now,
            updated_by=SERVER_DEVICE,
            origin_device=SERVER_DEVICE,
            device_id=SERVER_DEVICE,
            merged=False,
        )

    def _keep_differences(
        self, change: Mapping[str, Any], survivor: StoredRecord, loser: StoredRecord, names
    ) -> int:
        """Values of the merged record that differ from the survivor's become a conflict on the
        survivor, for the team lead (nothing anyone wrote is lost). Returns how many."""
        differing = [
            f
            for f in names
            if loser.fields.get(f) not in _EMPTY and loser.fields.get(f) != survivor.fields.get(f)
        ]
        if differing:
            self.tx.add_conflict(
                device_id=self.device.id,
                batch_id=self.batch_id,
                seq=change["seq"],
                entity=survivor.entity,
                record_id=survivor.id,
                version=survivor.version,
                base_version=survivor.version,
                server_version=survivor.version,
                reason="identity_merge",
                fields=differing,
                change={"merged_from": loser.id, "fields": loser.fields},
                server_fields=survivor.fields,
                server_deleted=survivor.deleted,
                created_at=self.now,
            )
        return len(differing)

    def _after_store(self, change: Mapping[str, Any], content: dict[str, Any]) -> None:
        """A person now holding a citizen ID that another live person holds is merged: the one
        the server saw first survives (docs/PROTOCOL.md, "Identity merges")."""
        if change["entity"] != "person" or content["deleted"]:
            return
        citizen_id = content["fields"].get("citizen_id")
        if not citizen_id:
            return
        holders = self.tx.live_persons_with_citizen_id(citizen_id)
        if len(holders) < 2:
            return
        survivor_id, commune = holders[0]
        citizen_hash = hashlib.sha256(citizen_id.encode()).hexdigest()
        for loser_id, loser_commune in holders[1:]:
            row = {
                "citizen_hash": citizen_hash,
                "survivor_id": survivor_id,
                "merged_id": loser_id,
                "commune_code": loser_commune,
                "device_id": self.device.id,
                "batch_id": self.batch_id,
                "created_at": self.now,
            }
            if loser_commune != commune:
                # Two communes' lists hold one person: who keeps them is for people to decide.
                self.tx.add_identity_merge(status="cross_commune", **row)
                continue
            moved, conflicts = self._merge_person(change, survivor_id, loser_id)
            self.tx.add_identity_merge(status="merged", moved=moved, conflicts=conflicts, **row)

    def _merge_person(
        self, change: Mapping[str, Any], survivor_id: str, loser_id: str
    ) -> tuple[int, int]:
        tx = self.tx
        survivor = tx.get_record("person", survivor_id)
        loser = tx.get_record("person", loser_id)
        assert survivor is not None and loser is not None
        conflicts = self._keep_differences(change, survivor, loser, MERGE_COMPARED["person"])
        self._server_write(loser, {**loser.fields, "merged_into": survivor_id}, deleted=True)
        home = survivor.fields.get("household_id")
        moved = 0
        # Everything the merge moves records between is locked first (lock_references' rule:
        # the set of records referring to a target changes only under the target's lock).
        benefits = [
            b
            for person_id in (survivor_id, loser_id)
            for b in tx.live_referencing("person_id", person_id)
            if b.entity == "benefit"
        ]
        households = {survivor.fields.get("household_id"), loser.fields.get("household_id")}
        tx.lock_records(
            sorted(
                {("benefit", b.id) for b in benefits}
                | {("household", h) for h in households if isinstance(h, str) and h}
            )
        )
        # Benefits: one of a scheme and category the survivor already has is the same benefit
        # (record_rules.TWIN_KEY); its payments join the survivor's benefit (a month both hold
        # keeps the survivor's payment, the other's differing values become conflicts).
        kept = {
            twin_key("benefit", b.fields): b
            for b in tx.live_referencing("person_id", survivor_id)
            if b.entity == "benefit"
        }
        for benefit in tx.live_referencing("person_id", loser_id):
            if benefit.entity != "benefit":
                continue
            twin = kept.get(twin_key("benefit", benefit.fields))
            if twin is None:
                continue
            periods = {
                p.fields.get("period"): p
                for p in tx.live_referencing("benefit_id", twin.id)
                if p.entity == "payment"
            }
            for payment in tx.live_referencing("benefit_id", benefit.id):
                if payment.entity != "payment":
                    continue
                same_month = periods.get(payment.fields.get("period"))
                if same_month is not None:
                    conflicts += self._keep_differences(
                        change, same_month, payment, TWIN_COMPARED["payment"]
                    )
                    joined = {**payment.fields, "merged_into": same_month.id}
                    self._server_write(payment, joined, deleted=True)
                else:
                    new = {**payment.fields, "benefit_id": twin.id, "person_id": survivor_id}
                    new["household_id"] = home
                    self._server_write(payment, new, deleted=False)
                moved += 1
            conflicts += self._keep_differences(change, twin, benefit, TWIN_COMPARED["benefit"])
            self._server_write(benefit, {**benefit.fields, "merged_into": twin.id}, deleted=True)
            moved += 1
        for field in ("person_id", "proxy_person_id"):
            for record in tx.live_referencing(field, loser_id):
                if record.entity == "identity_verification":
                    continue  # signed and append-only: read as the survivor's via merged_into
                new = {**record.fields, field: survivor_id}
                if field == "person_id" and "household_id" in new:
                    new["household_id"] = home
                self._server_write(record, new, deleted=False)
                moved += 1
        for visit in tx.live_referencing("household_id", loser.fields.get("household_id") or ""):
            present = visit.fields.get("persons_present") or []
            if visit.entity == "visit" and loser_id in present:
                new_present = list(
                    dict.fromkeys(survivor_id if p == loser_id else p for p in present)
                )
                self._server_write(visit, {**visit.fields, "persons_present": new_present}, False)
                moved += 1
        return moved, conflicts

    def _base(self, change: Mapping[str, Any]) -> tuple[Any, int | None]:
        """The content the device edited, and the server version it corresponds to (if one)."""
        entity, record_id, base_version = change["entity"], change["id"], change["base_version"]
        if not change.get("base_from_server", False):
            own = self.tx.get_device_version(self.device.id, entity, record_id, base_version)
            if own is not None:
                if own.status in (CONFLICT, REJECTED):
                    return "not_accepted", None
                if own.status == ACCEPTED:
                    return own.content, own.server_version
                return own.content, None
        return self.tx.get_history(entity, record_id, base_version), base_version


def apply_batch(
    storage: Storage,
    device: Device,
    batch: Mapping[str, Any],
    source: str = "push",
    checked: tuple[dict[str, Any], str] | None = None,
) -> dict[str, Any]:
    """Apply one batch from ``device`` and return its signed receipt (a dict).

    THE entry point for pushed batches and imported USB bundles (``source="bundle"``): callers
    have already authenticated the device and checked the signature. Raises ``Refusal`` for a
    batch refused as a whole (nothing applied): malformed (400), unsupported protocol (400), too
    many changes (413), another device's batch (403), a batch id reused with other content (409).
    The same batch again returns the stored receipt unchanged. ``checked``: what
    ``checked_batch(batch, device)`` returned for this very batch object, when the caller checked
    it already (a USB bundle checks every batch first): its canonical JSON is not made again.
    """
    return json.loads(apply_batch_text(storage, device, batch, source, checked))


def checked_batch(batch: Any, device: Device) -> tuple[dict[str, Any], str]:
    """``check_batch``, plus the batch's ``batch_hash``: pass both to ``apply_batch``."""
    return _checked(batch, device)


def apply_batch_text(
    storage: Storage,
    device: Device,
    batch: Mapping[str, Any],
    source: str = "push",
    checked: tuple[dict[str, Any], str] | None = None,
) -> str:
    """``apply_batch``, returning the receipt as the exact stored JSON text."""
    if device.revoked:
        raise Refusal(403, "device_revoked", "this device has been revoked")
    batch, digest = checked if checked is not None else _checked(batch, device)
    now = utc_now()
    keys = storage.server_keys()

    def apply(tx: BatchTx) -> str:
        stored = tx.claim_batch(
            batch_id=batch["batch_id"],
            device_id=device.id,
            body_hash=digest,
            protocol=batch["protocol"],
            schema_version=batch["schema"],
            seq_from=batch["seq_from"],
            seq_to=batch["seq_to"],
            change_count=len(batch["changes"]),
            source=source,
            received_at=now,
        )
        if stored is not None:
            if (
                stored.device_id != device.id
                or stored.body_hash != digest
                or stored.receipt is None
            ):
                raise Refusal(
                    409, "batch_id_reused", "this batch_id was already used for a different batch"
                )
            return stored.receipt
        # Every record the batch names or points to, locked in sorted order (PostgreSQL; SQLite
        # has one writer): two batches touching one record apply one after the other.
        locked = sorted(_touched(batch["changes"]))
        tx.lock_records(locked)
        lock_references(tx, locked)
        tx.prefetch(device.id, locked)
        tx.expect_citizen_ids(_citizen_ids(batch["changes"]))
        applier = _BatchApplier(tx, device, batch["batch_id"], now, keys.sign_public_b64)
        touched = dashboard_marks(tx, batch["changes"])  # before: a payment may change month
        results = [applier.apply(c) for c in sorted(batch["changes"], key=lambda c: c["seq"])]
        tx.dash_touch(touched)  # the dashboard's cells to compute again (city_server/dashboard)
        tx.mark_seqs(device.id, batch["seq_from"], batch["seq_to"], batch["batch_id"])
        # the device's audit-chain head, kept and signed back (laptop: store/audit_anchor.py)
        head = officers.record_audit_head(tx, device.id, batch, now)
        receipt = sign_document(
            {
                "protocol": PROTOCOL_VERSION,
                "batch_id": batch["batch_id"],
                "device_id": device.id,
                "results": results,
                "server_seq": tx.max_server_seq(),
                "received_at": now,
                **({"audit_head": head} if head else {}),
            },
            keys.sign,
        )
        text = dumps(receipt)
        tx.set_receipt(batch["batch_id"], text)
        return text

    return storage.run_batch(apply)


def lock_references(tx: BatchTx, locked: list[tuple[str, str]]) -> None:
    """Lock what the locked records point to now, too: a change that moves a record to another
    benefit, person or household (or deletes it) then holds the old target's lock as well as
    the new one's, so the set of records referring to a target cannot change under a batch
    holding that target (the PostgreSQL intake keeps that set for the rest of the batch)."""
    have = set(locked)
    more: set[tuple[str, str]] = set()
    for entity, record_id in locked:
        record = tx.get_record(entity, record_id)  # read by lock_records: no statement
        if record is not None:
            more.update(
                (target, value)
                for _, target, value in references(record.entity, record.fields)
                if (target, value) not in have
            )
    if more:
        tx.lock_records(sorted(more))


def _touched(changes: list[Any]) -> set[tuple[str, str]]:
    """``(entity, id)`` of every record the changes write or reference (well-formed ones)."""
    keys: set[tuple[str, str]] = set()
    for change in changes:
        entity, record_id = change.get("entity"), change.get("id")
        if not (isinstance(entity, str) and isinstance(record_id, str)):
            continue
        keys.add((entity, record_id))
        fields = change.get("fields")
        if isinstance(fields, dict):
            keys.update((target, value) for _, target, value in references(entity, fields))
            present = fields.get("persons_present") if entity == "visit" else None
            if isinstance(present, list):  # looked up too (moved to a merged one's survivor)
                keys.update(("person", p) for p in present if isinstance(p, str))
    return keys


def _still_decided(change: Mapping[str, Any], content: Mapping[str, Any]) -> list[str]:
    """The fields of ``change.decided`` whose stored value is the one the team lead chose."""
    out = []
    for f in change.get("decided") or ():
        if f == "deleted":
            if content["deleted"] == change["deleted"]:
                out.append(f)
        elif f in content["fields"] and content["fields"][f] == change["fields"].get(f):
            out.append(f)
    return out


def _citizen_ids(changes: list[Any]) -> set[str]:
    """The citizen IDs the persons among ``changes`` hold (well-formed ones)."""
    out = set()
    for change in changes:
        if isinstance(change, dict) and change.get("entity") == "person":
            fields = change.get("fields")
            value = fields.get("citizen_id") if isinstance(fields, dict) else None
            if isinstance(value, str) and value:
                out.add(value)
    return out
