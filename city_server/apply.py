"""Applying a batch of changes: the one path for pushed batches and imported USB bundles.

``apply_batch(storage, device, batch)`` is what the HTTP endpoint and the bundle import call.
Each change is judged on its own (accepted, duplicate, conflict, rejected); the whole batch is one
transaction; the receipt is stored with the batch and served again, byte for byte, on a retry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

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
        "fields": dict(change["fields"]),
        "deleted": change["deleted"],
        "commune_code": change["commune_code"],
    }


class _BatchApplier:
    def __init__(self, tx: BatchTx, device: Device, batch_id: str, now: str):
        self.tx, self.device, self.batch_id, self.now = tx, device, batch_id, now

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
        self, change: Mapping[str, Any], content: dict[str, Any], version: int, merged: bool
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
        )
        self.tx.put_device_version(
            self.device.id,
            change["entity"],
            change["id"],
            change["version"],
            _content(change),
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
        problem = change_problem(change)
        if problem:
            return self.reject(change, *problem)
        entity, record_id = change["entity"], change["id"]
        current = self.tx.get_record(entity, record_id)
        for commune in {change["commune_code"], current.commune_code if current else None} - {None}:
            if commune not in self.device.communes:
                return self.reject(
                    change, "commune_not_enrolled", f"device is not enrolled for commune {commune}"
                )
        mine = _content(change)

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
            if sent.content != mine and sent.status not in (CONFLICT, REJECTED):
                # Never overwrite what the server knows this version to be (ODK's 409 rule).
                return self.conflict(change, current, "version_reused", [], remember=False)

        if change["base_version"] == 0:
            if current is None:
                return self.store(change, mine, 1, merged=False)
            if self.tx.get_history(entity, record_id, 1) == mine:
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
        if base_server_version == current.version and base == current.content():
            return self.store(change, mine, current.version + 1, merged=False)
        merged, overlap = three_way_merge(base, mine, current.content())
        if merged is None:
            return self.conflict(change, current, "fields_overlap", overlap)
        if merged == current.content():
            return self.duplicate(change, current.version)
        return self.store(change, merged, current.version + 1, merged=True)

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
    storage: Storage, device: Device, batch: Mapping[str, Any], source: str = "push"
) -> dict[str, Any]:
    """Apply one batch from ``device`` and return its signed receipt (a dict).

    THE entry point for pushed batches and imported USB bundles (``source="bundle"``): callers
    have already authenticated the device and checked the signature. Raises ``Refusal`` for a
    batch refused as a whole (nothing applied): malformed (400), unsupported protocol (400), too
    many changes (413), another device's batch (403), a batch id reused with other content (409).
    The same batch again returns the stored receipt unchanged.
    """
    return json.loads(apply_batch_text(storage, device, batch, source))


def apply_batch_text(
    storage: Storage, device: Device, batch: Mapping[str, Any], source: str = "push"
) -> str:
    """``apply_batch``, returning the receipt as the exact stored JSON text."""
    if device.revoked:
        raise Refusal(403, "device_revoked", "this device has been revoked")
    batch, digest = _checked(batch, device)
    now = utc_now()
    keys = storage.server_keys()
    with storage.batch_transaction() as tx:
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
        applier = _BatchApplier(tx, device, batch["batch_id"], now)
        results = [applier.apply(c) for c in sorted(batch["changes"], key=lambda c: c["seq"])]
        tx.mark_seqs(device.id, batch["seq_from"], batch["seq_to"], batch["batch_id"])
        receipt = sign_document(
            {
                "protocol": PROTOCOL_VERSION,
                "batch_id": batch["batch_id"],
                "device_id": device.id,
                "results": results,
                "server_seq": tx.max_server_seq(),
                "received_at": now,
            },
            keys.sign,
        )
        text = dumps(receipt)
        tx.set_receipt(batch["batch_id"], text)
    return text
