"""An export starts every pending batch in one pass (issue 17): the same batches as one at a time.

``bundle_batches`` marks all pending changes ``sending`` with a few statements instead of three
per batch. What it leaves in the outbox and what it puts in the bundle must be exactly what
``SyncMixin._start_batch`` called until nothing is pending gives: the same changes in the same
batches (of the same sizes, in the same order), the same ``base_from_server`` flags on edits of
copies pulled from the server, the same audit heads, an online batch already under way kept.
Laptop B pulls A's households and edits them (flagged), adds its own, and has started one online
batch; the comparison runs both ways on the same database (the first one rolled back).
"""

from __future__ import annotations

import json

import pytest

from desktop_app.core.canonical import canonical_json
from desktop_app.store.bundle_log import BundleLogMixin
from desktop_app.store.sync_access import for_sync
from desktop_app.sync.client import SyncClient
from tests.sync.test_bundles import add_household, laptops  # noqa: F401  (a fixture)

LIMIT = 4  # small batches: many of them


class _RolledBack(Exception):
    pass


def _outbox(store) -> list[tuple]:
    """The outbox rows, each change parsed (one way stores it from SQL's json_set, the other
    as canonical text: the same change)."""
    return [
        (seq, state, batch_id, json.loads(change))
        for seq, state, batch_id, change in store.db.execute(
            "SELECT seq, state, batch_id, change FROM outbox JOIN outbox_change USING (seq)"
            " ORDER BY seq"
        )
    ]


def _normalised(rows: list[tuple], batches: list[dict]) -> tuple:
    """Outbox rows and bundle batches with each batch id replaced by its order of appearance."""
    order: dict[str, int] = {}
    for _, state, batch_id, _ in rows:
        if state == "sending":
            order.setdefault(batch_id, len(order))
    outbox = [
        (seq, state, order.get(batch_id, batch_id), change) for seq, state, batch_id, change in rows
    ]
    bundle = [{**b, "batch_id": order[b["batch_id"]]} for b in batches]
    return outbox, canonical_json(bundle)


def test_the_one_pass_start_gives_the_batches_start_batch_gives(laptops):  # noqa: F811
    a, b = laptops
    for i in range(3):
        add_household(a, f"Xóm {i}, gần chợ", f"Nguyễn Văn {i}")
    SyncClient(a).sync()
    SyncClient(b).sync()  # B now holds A's households as the server's versions
    pulled = [
        h["id"]
        for h in b.households_page(limit=500)
        if h["address"].startswith("Xóm ") and h["address"].endswith(", gần chợ")
    ]
    assert len(pulled) == 3
    for i in range(5):
        add_household(b, f"Ngõ {i} mới", f"Trần Thị {i}")
    for_sync(b)
    under_way = b.next_batch(limit=3)  # an online batch already started: kept as it is
    assert under_way is not None
    for hid in pulled:  # edits of copies last written from the server: base_from_server
        b.update_household(hid, {"landmark": "Cạnh trạm y tế"})
    assert b.db.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0] > 8

    with pytest.raises(_RolledBack), b.db.atomic():
        while b._start_batch(LIMIT):
            pass
        batches = BundleLogMixin.bundle_batches(b, LIMIT)
        one_by_one = _normalised(_outbox(b), batches)
        raise _RolledBack
    batches = BundleLogMixin.bundle_batches(b, LIMIT)
    one_pass = _normalised(_outbox(b), batches)

    assert one_pass == one_by_one
    outbox, _ = one_pass
    assert {state for _, state, _, _ in outbox} == {"delivered", "sending"}  # (the first sync)
    flagged = [c for *_, c in outbox if c.get("base_from_server") is True]
    assert len(flagged) == 3 and not any("base_from_server" in c for c in under_way["changes"])
    assert [seq for seq, _, n, _ in outbox if n == 0] == [c["seq"] for c in under_way["changes"]]
