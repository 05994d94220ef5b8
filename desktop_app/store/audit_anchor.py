"""Anchoring the local audit chain at the city server.

A hash chain alone proves nothing to someone who can rewrite the whole chain: delete the last 20
entries, or all of them, or edit one and recompute every hash after it, and the chain still
"verifies". So every batch (and so every USB bundle) carries the chain's head as it was when the
batch was started (``audit_head``: entry number and hash); the server keeps the heads per device
and signs the head into the receipt. The laptop keeps the newest receipt-anchored head, and
``verify`` checks that the chain still holds exactly that entry: deleting, truncating or rewriting
anything up to it is detected and named.

Between syncs, truncation is caught from the outbox: every captured change's audit entry names
its outbox sequence number, and the outbox's sequence never goes back, so the entry of the newest
change must be there.

The anchor lives in ``sync_state`` (key ``audit_anchor``); someone with the database key can delete
it, which is why the server keeps every head too (``python -m city_server audit-verify``).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from desktop_app.store import audit

ANCHOR_KEY = "audit_anchor"
_BATCH_HEAD = "audit_head:"
_HASH = re.compile(r"^[0-9a-f]{64}$")


def head(db) -> dict | None:
    """The chain's newest entry as ``{"seq", "hash"}``, or None when the log is empty."""
    row = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return {"seq": row[0], "hash": row[1]} if row else None


def is_head(value) -> bool:
    """True for a well-formed ``{"seq": int >= 1, "hash": 64 hex}``."""
    return (
        isinstance(value, dict)
        and set(value) == {"seq", "hash"}
        and isinstance(value["seq"], int)
        and not isinstance(value["seq"], bool)
        and 1 <= value["seq"] < 2**53
        and isinstance(value["hash"], str)
        and bool(_HASH.match(value["hash"]))
    )


def remember_for_batch(store, batch_id: str) -> None:
    """Fix the head a new batch will carry (a resent batch must keep the same bytes)."""
    current = head(store.db)
    if current:
        store._sync_set(_BATCH_HEAD + batch_id, json.dumps(current))


def batch_fields(store, batch_id: str) -> dict:
    """``{"audit_head": ...}`` for the batch's envelope, or ``{}`` for a batch started without."""
    text = store._sync_get(_BATCH_HEAD + batch_id)
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return {"audit_head": value} if is_head(value) else {}


def anchored(store) -> dict | None:
    """The newest receipt-anchored head ``{"seq", "hash", "batch_id", "at"}``, if any."""
    text = store._sync_get(ANCHOR_KEY)
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) and "seq" in value else None


def on_receipt(store, receipt: dict) -> None:
    """Keep the head a (verified) receipt anchors, when it is newer than the one kept."""
    batch_id = receipt.get("batch_id")
    value = receipt.get("audit_head")
    if isinstance(batch_id, str):
        store.db.execute("DELETE FROM sync_state WHERE key = ?", (_BATCH_HEAD + batch_id,))
    if not is_head(value):
        return
    current = anchored(store)
    if current and current.get("seq", 0) >= value["seq"]:
        return
    anchor = {**value, "batch_id": batch_id, "at": datetime.now(UTC).isoformat()}
    store._sync_set(ANCHOR_KEY, json.dumps(anchor, sort_keys=True))


def verify(store) -> audit.ChainCheck:
    """The chain check, plus the anchored head and the outbox's newest change."""
    db = store.db
    check = audit.verify(db)
    anchor = anchored(store)
    anchored_seq = anchor["seq"] if anchor else None
    if not check.ok:
        return audit.ChainCheck(
            False, check.entries, check.first_broken, check.reason, anchored_seq
        )
    if anchor:
        row = db.execute("SELECT hash FROM audit_log WHERE id = ?", (anchor["seq"],)).fetchone()
        if row is None:
            return audit.ChainCheck(
                False,
                check.entries,
                anchor["seq"],
                f"entries deleted: the log ends before entry #{anchor['seq']}, which the city "
                "server anchored",
                anchored_seq,
            )
        if row[0] != anchor["hash"]:
            return audit.ChainCheck(
                False,
                check.entries,
                anchor["seq"],
                f"entries rewritten: entry #{anchor['seq']} differs from the one the city server "
                "anchored",
                anchored_seq,
            )
    newest = db.execute(
        "SELECT max(s) FROM (SELECT max(seq) AS s FROM outbox"
        " UNION ALL SELECT seq FROM sqlite_sequence WHERE name = 'outbox')"
    ).fetchone()[0]
    if newest:
        audited = db.execute(
            "SELECT max(CAST(json_extract(detail, '$.seq') AS INTEGER)) FROM audit_log"
        ).fetchone()[0]
        if audited is not None and audited < newest:
            return audit.ChainCheck(
                False,
                check.entries,
                check.entries + 1,
                f"entries deleted: no audit entry for change #{newest} of the outbox (the last "
                f"one audited is #{audited})",
                anchored_seq,
            )
    return audit.ChainCheck(True, check.entries, None, "", anchored_seq)
