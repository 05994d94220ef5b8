"""USB bundles on the laptop: export every unconfirmed change, import the server's receipt.

The closed loop (docs/BUNDLE_FORMAT.md, "Sync payloads"):

1. ``export_bundle(store, folder)`` writes one ``.ttb`` file holding every change the server has
   not confirmed, as batches of at most ``BUNDLE_BATCH_SIZE`` changes, each under its own batch id
   (the same ids an online push would use), encrypted to the pinned server key and signed with
   this device's key. It also carries this laptop's pull cursor, so the server knows which
   changes of other devices to send back. The bundle is logged in ``bundle_log`` and audited.
2. The city server imports it (``city_server.bundles.import_bundle``) exactly as online batches
   and writes a receipt bundle for this device.
3. ``import_receipt(store, path)`` verifies the receipt bundle (signed by the pinned server key,
   addressed to this device), marks changes delivered from the signed per-batch receipts, applies
   the other devices' changes (conflicts as online), advances the pull cursor when there is no
   hole, and confirms the bundle.

Nothing here deletes or resends by itself: a bundle that never came back simply stays listed by
``unconfirmed_bundles(store)``, and the next export carries its changes again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.core import bundle as bundlemod
from desktop_app.core import keys as keymod
from desktop_app.core.canonical import EncodedList
from desktop_app.core.errors import KnownError
from desktop_app.core.protocol import PROTOCOL_VERSION, ProtocolError, verify_receipt
from desktop_app.store.bundle_log import BundleLogMixin
from desktop_app.store.sync_access import machinery_state

BUNDLE_BATCH_SIZE = 500
"""Changes per batch inside a bundle (the online limit is 1000; 500 is what online pushes use)."""

SERVER_ID = "server"
_RECEIPT_KEY = "bundle_receipt:"  # sync_state key prefix: receipt bundles already imported

__all__ = [
    "BUNDLE_BATCH_SIZE",
    "NotEnrolled",
    "ReceiptRefused",
    "export_bundle",
    "import_receipt",
    "unconfirmed_bundles",
]


class NotEnrolled(KnownError):
    """The laptop has no enrolment (device id, keys, pinned server keys): no bundle possible."""

    code = "not_enrolled"

    def __init__(self) -> None:
        super().__init__(
            "Máy này chưa đăng ký với máy chủ thành phố nên chưa tạo được gói dữ liệu USB. "
            "Quản trị viên cần đăng ký máy một lần (khi có mạng).",
            "This laptop is not enrolled with the city server, so it cannot make a USB bundle. "
            "An admin must enrol it once (while online).",
        )


class ReceiptRefused(KnownError):
    """A receipt bundle that verified as a file but whose content is not for this laptop."""

    def __init__(self, code: str, message_vi: str, message_en: str):
        super().__init__(message_vi, message_en)
        self.code = code


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _enrolment(store) -> dict:
    state = machinery_state(store)  # also lets the machinery use the store (sync_access)
    needed = ("server_device_id", "server_sign_public", "server_box_public")
    if not all(state.get(k) for k in (*needed, "sign_private", "box_private")):
        raise NotEnrolled()
    return state


@contextmanager
def _roomy_cache(store, kib: int = 64 * 1024) -> Iterator[None]:
    """A larger SQLite page cache while a big receipt is applied, then the old size again.

    Marking 100,000 outbox rows delivered touches every outbox page many times (the per-receipt
    reset of unanswered rows scans the 'sending' ones); with the default 2 MB cache each touch
    decrypts the page again (measured: 90 s -> 20 s for 100,000 changes with 64 MB).
    """
    old = store.db.execute("PRAGMA cache_size").fetchone()[0]
    store.db.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        store.db.execute(f"PRAGMA cache_size = {int(old)}")


def _log(store) -> Any:
    """The bundle-log operations, whether or not ``Store`` already mixes them in."""
    if isinstance(store, BundleLogMixin):
        return store

    class _Bound:
        def __getattr__(self, name):
            method = getattr(BundleLogMixin, name)
            return lambda *a, **kw: method(store, *a, **kw)

    return _Bound()


# ------------------------------------------------------------------------------------- export


def build_payload(device_id: str, bundle_id: str, batches: list[dict], pull_since: int) -> dict:
    """The ``changes`` payload of a bundle holding ``batches`` (see docs/BUNDLE_FORMAT.md).

    ``changes`` is every batch's changes, concatenated in batch order; ``batches`` says where each
    batch starts (``changes`` counts); the top-level ``batch_id`` is the bundle id (it is not a
    batch of its own). With no batches the bundle only asks for other devices' changes.
    """
    if batches and all(isinstance(b["changes"], EncodedList) for b in batches):
        changes = EncodedList([t for b in batches for t in b["changes"].texts])
    else:
        changes = [c for b in batches for c in b["changes"]]
    some = len(changes) > 0
    return {
        "protocol": batches[0]["protocol"] if batches else PROTOCOL_VERSION,
        "schema": batches[0]["schema"] if batches else _schema_default(),
        "device_id": device_id,
        "batch_id": bundle_id,
        "seq_from": min((b["seq_from"] for b in batches), default=None) if some else None,
        "seq_to": max((b["seq_to"] for b in batches), default=None) if some else None,
        "batches": [
            {
                "batch_id": b["batch_id"],
                "seq_from": b["seq_from"],
                "seq_to": b["seq_to"],
                "changes": len(b["changes"]),
                # the audit-chain head, as the same batch carries it online (audit_anchor)
                **({"audit_head": b["audit_head"]} if "audit_head" in b else {}),
            }
            for b in batches
        ],
        "pull_since": pull_since,
        "changes": changes,
    }


def _schema_default() -> int:
    from desktop_app.store.syncing import PROTOCOL_SCHEMA

    return PROTOCOL_SCHEMA


def export_bundle(
    store,
    out_dir: str | Path,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Path:
    """Write one bundle with every change not yet confirmed into ``out_dir``; return its path.

    The changes are marked ``sending`` under stable batch ids first (an online push of the same
    changes uses the same ids, so the server applies whichever arrives first and answers the other
    as a duplicate). With nothing to send the bundle is still written: it asks the server for the
    other devices' changes. ``progress(done, total)`` and ``cancel()`` as in
    ``core.bundle.write_bundle``; a cancelled export leaves no file and no log entry. Raises
    `NotEnrolled` or a ``BundleError`` (``write_failed``, ``verify_failed``, ``cancelled``...).
    """
    state = _enrolment(store)
    device_id = state["server_device_id"]
    with bundlemod.gc_paused():  # the batches are ~1,000,000 long-lived objects: no rescans of them
        # = batches_for_bundle, faster; the changes as their canonical texts (EncodedList)
        batches = _log(store).bundle_batches(BUNDLE_BATCH_SIZE, encoded=True)
        bundle_id = str(uuid.uuid4())
        payload = build_payload(device_id, bundle_id, batches, int(state.get("pull_since") or 0))
        path = bundlemod.write_bundle(
            out_dir,
            kind="changes",
            payload=payload,
            sender_id=device_id,
            recipient_id=SERVER_ID,
            sender_sign_key=keymod.load_sign_private(bytes.fromhex(state["sign_private"])),
            recipient_box_public=keymod.load_box_public(state["server_box_public"]),
            progress=progress,
            cancel=cancel,
            bundle_id=bundle_id,
        )
    count = len(payload["changes"])
    _log(store).log_bundle(bundle_id, str(path), payload["seq_from"], payload["seq_to"], count)
    store.log_export(
        "bundle",
        "ttb",
        {
            "bundle_id": bundle_id,
            "changes": count,
            "batches": len(batches),
            "seq_from": payload["seq_from"],
            "seq_to": payload["seq_to"],
            "file": path.name,
        },
    )
    return path


def unconfirmed_bundles(store) -> list[dict]:
    """Bundles written but not confirmed yet, each with ``exists`` (is the file still there)."""
    out = []
    for entry in _log(store).unconfirmed_bundles():
        out.append({**entry, "exists": Path(entry["path"]).is_file()})
    return out


# ------------------------------------------------------------------------------------- import


def _refused(code: str, vi: str, en: str) -> ReceiptRefused:
    return ReceiptRefused(code, vi, en)


def _check_receipt_payload(payload: dict, device_id: str, server_key) -> dict:
    """Check the receipt bundle's content before anything is applied; return the receipt part."""
    receipt = payload["receipt"]
    damaged = _refused(
        "bad_payload",
        "Biên nhận trong gói không đúng định dạng. Không có gì được nhập.",
        "The receipt in the bundle is malformed. Nothing was imported.",
    )
    if receipt.get("device_id") != device_id:
        raise _refused(
            "wrong_recipient",
            "Biên nhận này dành cho thiết bị khác, không phải máy này.",
            "This receipt is meant for another device, not this one.",
        )
    receipts = receipt.get("receipts")
    pull = receipt.get("pull")
    if not isinstance(receipts, list) or not isinstance(pull, dict):
        raise damaged
    if not isinstance(receipt.get("bundle_id"), str):
        raise damaged
    for key in ("since", "next"):
        if not isinstance(pull.get(key), int) or isinstance(pull.get(key), bool):
            raise damaged
    for one in receipts:
        if not isinstance(one, dict):
            raise damaged
        try:
            verify_receipt(one, server_key)
        except ProtocolError as exc:
            raise _refused(
                "bad_signature",
                "Một biên nhận trong gói không có chữ ký hợp lệ của máy chủ. Không có gì được nhập.",
                "A receipt in the bundle is not signed by the server. Nothing was imported.",
            ) from exc
        if one.get("device_id") != device_id:
            raise damaged
    if not all(isinstance(c, dict) for c in payload["changes"]):
        raise damaged
    return receipt


def import_receipt(store, path: str | Path | bytes) -> dict:
    """Import a receipt bundle from the city server; return a summary of what happened.

    Checks (nothing is applied unless all pass): the file is a bundle signed by the pinned server
    key, addressed to this device, of kind ``receipt``; every per-batch receipt inside is signed by
    the server and names this device. Then: changes are marked delivered / quarantined / sent to
    conflicts from the receipts (``apply_receipt(..., source="bundle")``), other devices' changes
    newer than the pull cursor are applied (``apply_incoming(..., source="bundle")``), the cursor
    moves forward when the receipt continues it without a hole, and the bundle is confirmed.

    The same receipt imported again changes nothing and is reported ``"duplicate": True``; an
    older receipt imported after a newer one only confirms what is not confirmed yet.
    Raises a ``BundleError`` or `ReceiptRefused` for a file it refuses.
    """
    state = _enrolment(store)
    device_id = state["server_device_id"]
    server_key = keymod.load_sign_public(state["server_sign_public"])
    try:
        opened = bundlemod.read_bundle(
            path,
            recipient_box_private=keymod.load_box_private(bytes.fromhex(state["box_private"])),
            sender_sign_public_lookup=lambda sender: server_key if sender == SERVER_ID else None,
            expected_recipient=device_id,
            expected_kind="receipt",
        )
    except bundlemod.UnknownSender as exc:
        if exc.params.get("sender") == device_id:  # the export beside it on the stick
            raise bundlemod.OwnBundle("own export chosen as a receipt") from exc
        raise
    receipt = _check_receipt_payload(opened.payload, device_id, server_key)
    receipt_id = opened.bundle_id
    summary: dict[str, Any] = {
        "receipt_id": receipt_id,
        "bundle_id": receipt["bundle_id"],
        "duplicate": False,
        "batches": len(receipt["receipts"]),
        "refused_batches": receipt.get("refused") or [],
        "delivered": {},
        "already_confirmed": 0,
        "incoming": {},
        "incoming_skipped_old": 0,
        "server_gaps": receipt.get("gaps") or [],
        "more_to_pull": bool(receipt["pull"].get("more")),
    }
    if state.get(_RECEIPT_KEY + receipt_id):
        summary.update(duplicate=True, seen_before=True, pending_after=store.pending_changes())
        summary["pull_since"] = int(state.get("pull_since") or 0)
        return summary

    delivered: dict[str, int] = {}
    answered = 0
    # All or nothing: receipts, incoming changes, cursor and confirmation are one
    # transaction, so a failure (or a killed process) leaves the laptop exactly as before.
    # a cache that holds the outbox rows the receipt answers (~1 KiB each; with 64 MB the
    # 100,000 rows of a large bundle still spilled and were decrypted again: 3.2 s -> 2 s)
    answers = sum(len(one.get("results") or []) for one in receipt["receipts"])
    with (
        _roomy_cache(store, min(max(64 * 1024, answers + 8 * 1024), 256 * 1024)),
        store.db.atomic(),
    ):
        for one in receipt["receipts"]:
            counts = store.apply_receipt(one, source="bundle")
            for key, value in counts.items():
                delivered[key] = delivered.get(key, 0) + value
            answered += len(one.get("results") or [])
        summary["delivered"] = delivered
        summary["already_confirmed"] = answered - sum(delivered.values())

        # Changes at or below the cursor were applied before (the cursor only moves without
        # holes): an older receipt imported late must not replay them over newer local edits.
        cursor = int(store.sync_state().get("pull_since") or 0)
        incoming = [c for c in opened.changes if int(c.get("server_seq") or 0) > cursor]
        summary["incoming_skipped_old"] = len(opened.changes) - len(incoming)
        if incoming:
            summary["incoming"] = store.apply_incoming(incoming, source="bundle")
        # values only this laptop held, now that consent arrived: in the next bundle
        summary["shared"] = store.release_unshared()
        pull = receipt["pull"]
        values = {_RECEIPT_KEY + receipt_id: _now(), "last_bundle_receipt_at": _now()}
        if pull["since"] <= cursor < pull["next"]:
            values["pull_since"] = str(pull["next"])
            cursor = pull["next"]
        summary["pull_since"] = cursor

        log = _log(store)
        confirmed = [receipt["bundle_id"]] if log.confirm_bundle(receipt["bundle_id"]) else []
        confirmed += log.confirm_superseded_bundles()
        summary["confirmed_bundles"] = confirmed
        store.set_sync_values(values)
    summary["pending_after"] = store.pending_changes()
    summary["open_conflicts"] = store.open_conflict_count()  # waiting, as after a sync round
    # nothing delivered and nothing received: only bookkeeping (confirmation, cursor) moved
    summary["duplicate"] = not (sum(delivered.values()) or incoming)
    return summary
