"""A stateful model of a commune: three laptops and one real server process (HTTP on loopback).

Hypothesis drives random creates, edits, deletes, list imports, merges, syncs online and by USB
bundle, and syncs cut short after the server applied the batch (the receipt lost on the way), in
random order. After every step: no sync failed. After a full round (every laptop syncs twice with
no new writes): no citizen ID is held by two live persons, every laptop and the server hold the same
live records, and every value a person wrote is live, kept on a tombstone, or in a conflict record.

CI runs a bounded number of examples; ``TANTAY_MODEL_EXAMPLES=200 pytest -m slow ...`` runs longer.
"""

from __future__ import annotations

import contextlib
import json
import os
from itertools import count

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from city_server.bundles import import_bundle
from desktop_app.core.errors import KnownError
from desktop_app.store.demo import create_demo_store
from desktop_app.store.keyfile import KdfParams
from desktop_app.store.store import Store
from desktop_app.sync.bundles import export_bundle, import_receipt
from desktop_app.sync.client import SyncClient, SyncError

PASSWORD = "demo1234"
FAST = KdfParams(time_cost=1, memory_cost=8192, parallelism=1)
CIDS = ["001045012345", "001150023456", "001148034567"]  # made up (Hà Nội, 1945/1950/1948)
NAMES = ["Nguyễn Văn An", "Lê Thị Bình", "Trần Văn Cường"]
EXAMPLES = int(os.environ.get("TANTAY_MODEL_EXAMPLES", "6"))
STEPS = int(os.environ.get("TANTAY_MODEL_STEPS", "14"))
_tokens = count(1)


ENTITIES = ("village", "household", "person", "visit", "assistance", "benefit", "payment")


def _server_live(storage) -> dict:
    conn = storage._conn()
    return {
        (r[0], r[1]): r[2]
        for r in conn.execute("SELECT entity, id, version FROM records WHERE deleted = 0")
        if r[0] in ENTITIES
    }


def _laptop_live(store: Store) -> dict:
    out = {}
    for entity in ENTITIES:
        for rid, version in store.db.execute(
            f"SELECT id, version FROM [{entity}] WHERE deleted = 0"
        ):
            out[(entity, rid)] = version
    return out


class Commune(RuleBasedStateMachine):
    """Three laptops of Phường Hoàn Kiếm and the city server."""

    def __init__(self):
        super().__init__()
        import tempfile
        from pathlib import Path

        from server_helpers import LiveServer

        self.tmp = tempfile.TemporaryDirectory(prefix="tantay-model-")
        root = Path(self.tmp.name)
        self.city = LiveServer(root / "city.db").start()
        self.stick = root / "usb"
        self.stick.mkdir()
        self.laptops: list[Store] = []
        for name in "abc":
            folder = root / name
            create_demo_store(folder, kdf=FAST).close()
            store = Store.open(folder, "admin", PASSWORD)
            client = SyncClient(store)
            client.enroll(self.city.url, self.city.code("00070"), f"Laptop {name}")
            client.close()
            store.switch_user("lead", PASSWORD)
            self.laptops.append(store)
        self.written: list[tuple[str, str, str, str]] = []  # (entity, id, field, value)
        self.superseded: set[str] = set()

    def teardown(self):
        for store in self.laptops:
            store.close()
        self.city.stop()
        self.tmp.cleanup()

    # --- writes -----------------------------------------------------------------------------

    def _token(self, laptop: int) -> str:
        return f"ghi chú {laptop}-{next(_tokens)}"

    @rule(laptop=st.integers(0, 2), who=st.integers(0, 2), with_id=st.booleans())
    def register_person(self, laptop, who, with_id):
        store = self.laptops[laptop]
        note = self._token(laptop)
        head = {"full_name": NAMES[who], "birth_year": 1945 + who, "notes": note}
        if with_id:
            head["citizen_id"] = CIDS[who]
        try:
            made = store.add_household({"address": f"Số {who + 1} Hàng Bạc"}, head)
        except KnownError:
            return  # this laptop already holds that ID: the store refuses a second live holder
        pid = made["head"]["id"]
        store.record_consent(pid, on="2026-11-02", method="signature")
        self.written.append(("person", pid, "notes", note))

    @rule(laptop=st.integers(0, 2))
    def import_list(self, laptop):
        """The official list: one person per citizen ID, matched on the ID when present."""
        store = self.laptops[laptop]
        for who, cid in enumerate(CIDS[:2]):
            if store.db.execute(
                "SELECT 1 FROM person WHERE citizen_id = ? AND deleted = 0", (cid,)
            ).fetchone():
                continue
            made = store.add_household(
                {"address": f"Số {who + 1} Hàng Bạc"},
                {"full_name": NAMES[who], "birth_year": 1945 + who, "citizen_id": cid},
            )
            store.record_consent(made["head"]["id"], on="2026-11-02", method="signature")

    @rule(laptop=st.integers(0, 2), pick=st.integers(0, 50))
    def edit_person(self, laptop, pick):
        store = self.laptops[laptop]
        rows = store.db.execute(
            "SELECT id, notes FROM person WHERE deleted = 0 ORDER BY id"
        ).fetchall()
        if not rows:
            return
        pid, old = rows[pick % len(rows)]
        note = self._token(laptop)
        store.update_person(pid, {"notes": note})
        self.superseded.add(old)
        self.written.append(("person", pid, "notes", note))

    @rule(laptop=st.integers(0, 2), pick=st.integers(0, 50))
    def delete_household(self, laptop, pick):
        store = self.laptops[laptop]
        rows = store.db.execute("SELECT id FROM household WHERE deleted = 0 ORDER BY id").fetchall()
        if len(rows) < 2:
            return
        store.delete_household(rows[pick % len(rows)][0])

    @rule(laptop=st.integers(0, 2), pick=st.integers(0, 50))
    def merge_candidate(self, laptop, pick):
        store = self.laptops[laptop]
        found = [c for c in store.duplicate_candidates() if c["entity"] == "household"]
        if not found:
            return
        cand = found[pick % len(found)]
        with contextlib.suppress(KnownError):
            store.merge_records("household", cand["a"], cand["b"])

    # --- syncs ------------------------------------------------------------------------------

    def _sync(self, store: Store) -> None:
        client = SyncClient(store)
        try:
            client.sync()
        finally:
            client.close()

    @rule(laptop=st.integers(0, 2))
    def sync_online(self, laptop):
        self._sync(self.laptops[laptop])

    @rule(laptop=st.integers(0, 2))
    def sync_by_bundle(self, laptop):
        store = self.laptops[laptop]
        path = export_bundle(store, self.stick)
        receipt = import_bundle(self.city.storage, path, self.stick)
        import_receipt(store, receipt)

    @rule(laptop=st.integers(0, 2))
    def sync_cut_after_the_server_applied(self, laptop):
        """The connection drops after the server applied a batch: the receipt never arrives."""
        store = self.laptops[laptop]
        client = SyncClient(store)
        real = client._request

        def drop_after_post(method, url, **kw):
            response = real(method, url, **kw)
            if method == "POST":
                raise SyncError("mất kết nối", "connection lost")
            return response

        client._request = drop_after_post
        try:
            client.push()
        except SyncError:
            pass
        finally:
            client.close()

    # --- invariants -------------------------------------------------------------------------

    @invariant()
    def every_laptop_holds_each_citizen_id_once(self):
        for store in self.laptops:
            assert store.status_counts()["duplicate_citizen_ids"] == 0

    @rule()
    def full_round_converges(self):
        for _ in range(2):
            for store in self.laptops:
                self._sync(store)
        stats = self.city.storage.stats()
        assert stats["duplicate_citizen_ids"] == 0
        server = _server_live(self.city.storage)
        for store in self.laptops:
            counts = store.status_counts()
            assert counts["pending"] == 0 and counts["quarantined"] == 0, (
                store.quarantined(),
                store.incoming_quarantined(),
            )
            assert _laptop_live(store) == server
        self._nothing_lost()

    def _nothing_lost(self):
        conn = self.city.storage._conn()
        held = {row[0] for row in conn.execute("SELECT fields FROM record_history")}
        held |= {row[0] for row in conn.execute("SELECT change FROM conflicts")}
        text = "\n".join(held)
        for store in self.laptops:
            for local, incoming in store.db.execute(
                "SELECT local_value, incoming_value FROM conflict"
            ):
                text += f"\n{local}\n{incoming}"
        for _entity, _rid, _field, value in self.written:
            if value in self.superseded:
                continue
            assert json.dumps(value, ensure_ascii=False)[1:-1] in text, value


Commune.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.mark.timeout(900)
def test_three_laptops_and_a_server_converge():
    Commune.TestCase().runTest()
