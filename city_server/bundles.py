"""Importing USB bundles on the city server, and writing the receipt bundle that goes back.

``import_bundle(storage, path)`` (command line ``import-bundle``) and ``import_bundle_bytes``
(``POST /api/v1/bundles``) do the same thing:

1. Verify and decrypt the file with the server's keys (``core.bundle.read_bundle``): the sender is
   looked up by its device id; an unknown or revoked device, a damaged, truncated, foreign,
   oversized or decompression-bomb file is refused before anything is applied.
2. Split the payload into its batches (docs/BUNDLE_FORMAT.md, "Sync payloads") and check every
   envelope first (a bad one refuses the whole bundle, nothing applied); then apply each batch
   with ``apply_batch(..., source="bundle")``, exactly as if it had been pushed online: a batch
   the server already holds (pushed online, or in an earlier bundle) gets its stored receipt and
   changes nothing. Applying marks the device's sequence numbers, which feeds the ``gaps`` report.
3. Write a receipt bundle, signed by the server and encrypted to the device's X25519 key: the
   signed receipt of every batch, plus other devices' changes in the device's communes after the
   laptop's own pull cursor (sent in the bundle), plus the device's gaps.

Each batch is its own transaction, as online; a refused batch inside an otherwise good bundle
(``batch_id_reused``) is listed in the receipt and its changes stay unconfirmed on the laptop.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from city_server.apply import Refusal, apply_batch, checked_batch
from city_server.storage import Device, Storage, utc_now
from desktop_app.core import bundle as bundlemod
from desktop_app.core.errors import KnownError
from desktop_app.core.keys import load_box_public, load_sign_public
from desktop_app.core.protocol import PROTOCOL_VERSION, is_batch_id

SERVER_ID = "server"
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
"""Largest bundle file imported (and uploaded). 100,000 changes make about 10 MB."""
MAX_PULL_CHANGES = 50_000
"""Most changes of other devices put into one receipt bundle (``more`` says when there are more)."""

_BATCH_KEYS = ("protocol", "schema", "device_id", "batch_id", "seq_from", "seq_to", "changes")

# HTTP status for each refusal code (the upload endpoint).
STATUS = {
    "unknown_sender": 401,
    "bad_signature": 401,
    "device_revoked": 403,
    "wrong_recipient": 403,
    "too_large": 413,
    "bomb": 413,
    "too_many_changes": 413,
    "batch_id_reused": 409,
}

__all__ = [
    "MAX_BUNDLE_BYTES",
    "BundleImport",
    "BundleRefused",
    "import_bundle",
    "import_bundle_bytes",
    "import_bundle_report",
    "refusal_status",
]


class BundleRefused(KnownError):
    """A bundle that verified as a file but cannot be imported; nothing was applied."""

    def __init__(self, code: str, message_en: str, message_vi: str, status: int = 400):
        super().__init__(message_vi, message_en)
        self.code = code
        self.status = status


def refusal_status(exc: Exception) -> int:
    """The HTTP status for a refused bundle (``BundleError`` or `BundleRefused`)."""
    if isinstance(exc, BundleRefused):
        return exc.status
    return STATUS.get(getattr(exc, "code", ""), 400)


@dataclass
class BundleImport:
    """What an import did: the receipt bundle (path and/or bytes) and a summary without PII."""

    summary: dict[str, Any]
    receipt_id: str
    path: Path | None = None
    data: bytes | None = field(default=None, repr=False)


# ------------------------------------------------------------------------------------ opening


def _open(storage: Storage, source: str | os.PathLike | bytes) -> tuple[bundlemod.Bundle, Device]:
    keys = storage.server_keys()
    seen: dict[str, Device | None] = {}

    def lookup(sender: str):
        device = storage.get_device(sender)
        seen["device"] = device
        if device is None or device.revoked:
            return None
        return load_sign_public(device.sign_public_key)

    try:
        opened = bundlemod.read_bundle(
            source,
            recipient_box_private=keys.box,
            sender_sign_public_lookup=lookup,
            expected_recipient=SERVER_ID,
            expected_kind="changes",
            max_size=MAX_BUNDLE_BYTES,
        )
    except bundlemod.UnknownSender as exc:
        device = seen.get("device")
        if device is not None and device.revoked:
            raise BundleRefused(
                "device_revoked",
                f"device {device.id} ({device.name}) has been revoked; the bundle was not imported",
                f"Thiết bị “{device.name}” đã bị thu hồi quyền đồng bộ; gói không được nhập.",
                403,
            ) from exc
        raise
    return opened, seen["device"]


def _damaged(detail: str) -> BundleRefused:
    return BundleRefused(
        "bad_payload",
        f"the bundle's batches are malformed ({detail}); nothing was imported",
        "Các lô dữ liệu trong gói không đúng định dạng; không có gì được nhập.",
    )


def split_batches(payload: dict) -> list[dict]:
    """The batches a changes payload holds, each exactly as an online push would send it.

    With a ``batches`` index (format written by the laptop): consecutive slices of ``changes``.
    Without it: the payload is itself one batch (or, with no changes, a request for changes only).
    """
    changes = payload["changes"]
    index = payload.get("batches")
    if index is None:
        if not changes and payload.get("seq_from") is None:
            return []
        return [{k: payload[k] for k in _BATCH_KEYS}]
    if not isinstance(index, list):
        raise _damaged("batches is not a list")
    out, pos, ids = [], 0, set()
    for entry in index:
        if not isinstance(entry, dict):
            raise _damaged("a batch entry is not an object")
        count = entry.get("changes")
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise _damaged("a batch entry needs a positive change count")
        if not is_batch_id(entry.get("batch_id")) or entry["batch_id"] in ids:
            raise _damaged("batch ids must be valid and unique")
        ids.add(entry["batch_id"])
        out.append(
            {
                "protocol": payload["protocol"],
                "schema": payload["schema"],
                "device_id": payload["device_id"],
                "batch_id": entry["batch_id"],
                "seq_from": entry.get("seq_from"),
                "seq_to": entry.get("seq_to"),
                "changes": changes[pos : pos + count],
                # the device's audit-chain head (issue 12), as the same batch carries it online
                **({"audit_head": entry["audit_head"]} if "audit_head" in entry else {}),
            }
        )
        pos += count
    if pos != len(changes):
        raise _damaged("the batch counts do not add up to the changes")
    return out


# ------------------------------------------------------------------------------- bookkeeping
# The tables of db_schema/server/002_bundles.sql, through the storage interface.


def _record(
    storage: Storage,
    header: dict,
    device: Device,
    batches: int,
    summary: dict,
    receipt_id: str,
    acked: int,
    sent: int,
) -> None:
    storage.record_bundle_import(
        bundle_id=header["bundle_id"],
        device_id=device.id,
        seq_from=header["seq_from"],
        seq_to=header["seq_to"],
        change_count=header["counts"]["changes"],
        batch_count=batches,
        receipt_bundle_id=receipt_id,
        summary=summary,
        acked_seq=acked,
        sent_seq=sent,
        now=utc_now(),
    )


# ---------------------------------------------------------------------------------- importing


def _apply(
    storage: Storage,
    device: Device,
    opened: bundlemod.Bundle,
    progress: Callable[[int, int], None] | None = None,
):
    """Check every batch, then apply each; return receipts, refusals and counts. ``progress``
    is told (changes applied, changes in all) after each batch."""
    batches = split_batches(opened.payload)
    total = sum(len(b.get("changes") or ()) for b in batches)
    done_changes = 0
    checked = []  # each envelope's canonical JSON is made once: checked here, reused to apply
    for batch in batches:
        try:
            checked.append(checked_batch(batch, device))
        except Refusal as exc:
            raise BundleRefused(
                exc.code,
                f"batch {batch['batch_id']}: {exc.message_en}; nothing was imported",
                exc.message_vi,
                exc.status,
            ) from exc
    known = storage.received_batches([b["batch_id"] for b in batches])
    receipts: list[dict] = []
    refused: list[dict] = []
    counts = {"accepted": 0, "duplicate": 0, "conflict": 0, "rejected": 0}
    applied = duplicate = 0
    for batch, done in zip(batches, checked, strict=True):
        if progress is not None:
            progress(done_changes, total)
        done_changes += len(batch.get("changes") or ())
        try:
            receipt = apply_batch(storage, device, batch, source="bundle", checked=done)
        except Refusal as exc:  # only batch_id_reused can get here: the envelopes were checked
            refused.append(
                {
                    "batch_id": batch["batch_id"],
                    "seq_from": batch["seq_from"],
                    "seq_to": batch["seq_to"],
                    "code": exc.code,
                    "message": exc.message_en,
                }
            )
            continue
        receipts.append(receipt)
        if batch["batch_id"] in known:
            duplicate += 1
            continue
        for result in receipt["results"]:
            counts[result["status"]] = counts.get(result["status"], 0) + 1
        # a new batch id whose every change the server already held (sent before in another batch)
        if receipt["results"] and all(
            r["status"] == "duplicate" or r.get("reason") == "already_in_conflict"
            for r in receipt["results"]
        ):
            duplicate += 1
        else:
            applied += 1
    if progress is not None:
        progress(total, total)
    summary = {
        "batches": len(batches),
        "applied_batches": applied,
        "duplicate_batches": duplicate,
        "refused_batches": len(refused),
        "already_received_online": sum(1 for s in known.values() if s != "bundle"),
        "results": counts,
    }
    return batches, receipts, refused, summary


def _pull(storage: Storage, device: Device, payload: dict) -> tuple[list[dict], dict]:
    since = payload.get("pull_since")
    if not isinstance(since, int) or isinstance(since, bool) or since < 0:
        since = storage.bundle_acked_seq(device.id)  # an older laptop: the last cursor it reported
    rows = storage.changes_since(device.communes, device.id, since, MAX_PULL_CHANGES + 1)
    more = len(rows) > MAX_PULL_CHANGES
    rows = rows[:MAX_PULL_CHANGES]
    changes = [{**json.loads(text), "server_seq": seq} for seq, text in rows]
    nxt = rows[-1][0] if rows else since
    return changes, {"since": since, "next": nxt, "more": more, "count": len(changes)}


def import_bundle_report(
    storage: Storage,
    source: str | os.PathLike | bytes,
    receipt_out: str | os.PathLike | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BundleImport:
    """Import a changes bundle (a path or the file's bytes) and make the receipt bundle.

    With ``receipt_out`` (a folder, or a ``.ttb`` path) the receipt is written there; else only
    its bytes are returned. Raises a ``BundleError`` or `BundleRefused` (nothing applied).
    ``progress(applied, total)`` is called as the changes are applied (a commune's first bundle
    of 100,000 changes takes a minute on an old laptop).
    """
    opened, device = _open(storage, source)
    if receipt_out is not None:
        folder = Path(receipt_out)
        folder = folder.parent if folder.suffix.lower() == bundlemod.FILE_SUFFIX else folder
        if not folder.is_dir():  # checked before applying: a receipt must be writable afterwards
            raise BundleRefused(
                "receipt_folder_missing",
                f"the folder for the receipt bundle does not exist: {folder}",
                f"Thư mục để ghi biên nhận không tồn tại: {folder}",
            )
    header = opened.header
    previous_imports = storage.bundle_imports(header["bundle_id"])
    with bundlemod.gc_paused():
        batches, receipts, refused, summary = _apply(storage, device, opened, progress)
    changes, pull = _pull(storage, device, opened.payload)
    device = storage.get_device(device.id) or device
    gaps = [list(g) for g in storage.device_gaps(device.id)]
    summary.update(
        bundle_id=header["bundle_id"],
        device_id=device.id,
        changes=header["counts"]["changes"],
        previous_imports=previous_imports,
        duplicate=(bool(batches) and summary["duplicate_batches"] == len(batches))
        or (not batches and previous_imports > 0),
        pulled=len(changes),
        more_to_pull=pull["more"],
        last_seq_seen=device.last_seq_seen,
        gaps=gaps,
    )
    receipt = {
        "protocol": PROTOCOL_VERSION,
        "bundle_id": header["bundle_id"],
        "device_id": device.id,
        "received_at": utc_now(),
        "server_seq": storage.max_server_seq(),
        "receipts": receipts,
        "refused": refused,
        "pull": pull,
        "last_seq_seen": device.last_seq_seen,
        "gaps": gaps,
    }
    payload = {"receipt": receipt, "changes": changes}
    keys = storage.server_keys()
    common = {
        "kind": "receipt",
        "payload": payload,
        "sender_id": SERVER_ID,
        "recipient_id": device.id,
        "sender_sign_key": keys.sign,
        "recipient_box_public": load_box_public(device.box_public_key),
        "seq_from": header["seq_from"],
        "seq_to": header["seq_to"],
    }
    if receipt_out is not None:
        path = bundlemod.write_bundle(receipt_out, **common)
        result = BundleImport(summary, bundlemod.peek_header(path)["bundle_id"], path=path)
    else:
        data = bundlemod.encode_bundle(**common)
        result = BundleImport(summary, bundlemod.peek_header(data)["bundle_id"], data=data)
    summary["receipt_id"] = result.receipt_id
    _record(
        storage,
        header,
        device,
        len(batches),
        summary,
        result.receipt_id,
        pull["since"],
        pull["next"],
    )
    return result


def import_bundle(
    storage: Storage, path: str | os.PathLike, receipt_out: str | os.PathLike | None = None
) -> Path:
    """Import the bundle at ``path``; write the receipt bundle into ``receipt_out`` (default: the
    bundle's folder) and return the receipt's path. Raises ``BundleError`` / `BundleRefused`."""
    out = Path(receipt_out) if receipt_out is not None else Path(path).parent
    result = import_bundle_report(storage, path, out)
    assert result.path is not None
    return result.path


def import_bundle_bytes(storage: Storage, data: bytes) -> BundleImport:
    """Import a bundle given as bytes (the upload endpoint); the receipt comes back as bytes."""
    return import_bundle_report(storage, bytes(data))
