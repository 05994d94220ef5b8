"""Property test: two laptops edit the same records in random orders against apply_batch.

Whatever the interleaving: every accepted change is stored exactly once, a stored version never
overwrites a value its author had not seen, every conflict is recorded, and after a final sync the
laptops and the server agree.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pg_cluster
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from server_helpers import HOAN_KIEM, UPDATED_AT, household, server_rows

from city_server.apply import apply_batch
from city_server.enrollment import create_enrollment_code, hash_secret, normalize_code
from city_server.storage import Device, Storage, open_storage

FIELDS = ("address", "notes", "landmark")
VALUES = ("x", "y", "z")
RECORDS = 2


@dataclass
class Local:
    """A laptop's copy of one record."""

    version: int
    content: dict[str, Any]
    from_server: bool


@dataclass
class Laptop:
    """A laptop as the protocol asks it to behave."""

    storage: Storage
    device: Device
    seq: int = 0
    cursor: int = 0
    records: dict[str, Local] = field(default_factory=dict)
    outbox: list[dict[str, Any]] = field(default_factory=list)
    sent: dict[int, tuple[dict, dict]] = field(default_factory=dict)  # seq -> (change, base)
    results: list[tuple[dict, dict]] = field(default_factory=list)  # (change, result)

    def record_change(self, record_id: str, content: dict[str, Any], new: bool = False) -> None:
        """One user action: a new local version and one outbox entry."""
        local = self.records.get(record_id)
        base = local.content if local else None
        version = 1 if new else local.version + 1
        self.seq += 1
        change = {
            "entity": "household",
            "id": record_id,
            "version": version,
            "base_version": version - 1,
            "fields": content["fields"],
            "deleted": content["deleted"],
            "updated_at": UPDATED_AT,
            "updated_by": "lan",
            "origin_device": self.device.id,
            "commune_code": HOAN_KIEM,
            "seq": self.seq,
        }
        if local and local.from_server:
            change["base_from_server"] = True
        self.outbox.append(change)
        self.sent[self.seq] = (change, base)
        self.records[record_id] = Local(version, content, False)

    def push(self) -> None:
        """Send the outbox as one batch and apply the receipt."""
        if not self.outbox:
            return
        batch = {
            "protocol": 1,
            "schema": 1,
            "device_id": self.device.id,
            "batch_id": str(uuid.uuid4()),
            "seq_from": self.outbox[0]["seq"],
            "seq_to": self.outbox[-1]["seq"],
            "changes": self.outbox,
        }
        receipt = apply_batch(self.storage, self.device, batch)
        for change, result in zip(self.outbox, receipt["results"], strict=True):
            self.results.append((change, result))
            status = result["status"]
            assert status != "rejected", result
            event(
                f"{status} {result.get('reason') or ''}{' merged' if result.get('merged') else ''}"
            )
            if status == "accepted" and not result.get("merged"):
                self.records[change["id"]] = Local(result["version"], _content(change), False)
            elif status in ("accepted", "duplicate"):
                self.records[change["id"]] = Local(result["version"], _server(result), True)
            else:  # conflict: a person takes the server's values
                server = _server(result, "server_version")
                self.records[change["id"]] = Local(result["server_version"], server, True)
        self.outbox = []

    def pull(self) -> None:
        """Apply everything newer from the other device."""
        while True:
            rows = self.storage.changes_since(self.device.communes, self.device.id, self.cursor, 7)
            for server_seq, text in rows:
                change = json.loads(text)
                local = self.records.get(change["id"])
                assert not self.outbox
                if local is None or change["version"] > local.version:
                    self.records[change["id"]] = Local(change["version"], _content(change), True)
                self.cursor = server_seq
            if len(rows) < 7:
                return


def _content(change: dict[str, Any]) -> dict[str, Any]:
    return {
        "fields": change["fields"],
        "deleted": change["deleted"],
        "commune_code": change["commune_code"],
    }


def _server(result: dict[str, Any], version_key: str = "version") -> dict[str, Any]:
    return {
        "fields": result["server_fields"],
        "deleted": result["server_deleted"],
        "commune_code": HOAN_KIEM,
    }


def _enrol(storage: Storage, name: str) -> Device:
    code = create_enrollment_code(storage, [HOAN_KIEM])
    candidate = Device(str(uuid.uuid4()), name, (), "k", "k", "h", False, "", 0)
    return storage.enroll_device(
        hash_secret(normalize_code(code)), datetime.now(UTC).isoformat(), candidate
    )


step = st.one_of(
    st.tuples(
        st.just("edit"),
        st.integers(0, 1),
        st.integers(0, RECORDS - 1),
        st.sampled_from(FIELDS),
        st.sampled_from(VALUES),
    ),
    st.tuples(st.just("delete"), st.integers(0, 1), st.integers(0, RECORDS - 1)),
    st.tuples(st.just("push"), st.integers(0, 1)),
    st.tuples(st.just("pull"), st.integers(0, 1)),
)


def _fresh_db(backend: str):
    """A fresh database for one example, and how to throw it away."""
    if backend == "sqlite":
        folder = Path(tempfile.mkdtemp())
        return str(folder / "city.db"), lambda: shutil.rmtree(folder)
    if not pg_cluster.available():
        pytest.skip(
            "PostgreSQL not available (apt-get install postgresql; pip install -e .[server])"
        )
    url = pg_cluster.cluster().new_database()
    return url, lambda: pg_cluster.cluster().drop_database(url)


@pytest.mark.parametrize("backend", pg_cluster.BACKENDS)
def test_random_interleavings_lose_nothing(backend):
    # fewer examples on PostgreSQL: each one is a fresh database on a real server
    examples = 150 if backend == "sqlite" else 40

    @settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(steps=st.lists(step, max_size=30))
    def run(steps):
        db, throw_away = _fresh_db(backend)
        storage = open_storage(db, pg_cluster.keys_for(db))
        try:
            _run(storage, steps)
        finally:
            storage.close()
            throw_away()

    run()


def _run(storage: Storage, steps) -> None:
    laptops = [Laptop(storage, _enrol(storage, "A")), Laptop(storage, _enrol(storage, "B"))]
    ids = [str(uuid.uuid4()) for _ in range(RECORDS)]
    for record_id in ids:
        start = {"fields": household(), "deleted": False, "commune_code": HOAN_KIEM}
        laptops[0].record_change(record_id, start, new=True)
    laptops[0].push()
    laptops[1].pull()

    for action, who, *args in steps:
        laptop = laptops[who]
        if action in ("edit", "delete"):
            local = laptop.records[ids[args[0]]]
            if local.content["deleted"]:
                continue
            content = json.loads(json.dumps(local.content))
            if action == "edit":
                content["fields"][args[1]] = args[2]
            else:
                content["deleted"] = True
            laptop.record_change(ids[args[0]], content)
        elif action == "push":
            laptop.push()
        else:
            laptop.push()  # a laptop always sends before it applies incoming changes
            laptop.pull()
    for _ in range(2):
        for laptop in laptops:
            laptop.push()
            laptop.pull()
    _check(storage, laptops, ids)


def _check(storage: Storage, laptops: list[Laptop], ids: list[str]) -> None:
    db = storage.url if hasattr(storage, "url") else str(storage.path)

    def count(table: str) -> int:
        return server_rows(db, f"SELECT COUNT(*) FROM {table}")[0][0]

    history = {(r["id"], r["version"]): r for r in server_rows(db, "SELECT * FROM record_history")}
    stored = [(c, r) for lap in laptops for c, r in lap.results if r["status"] == "accepted"]
    # Every accepted change is stored exactly once, as its own server version.
    keys = [(c["id"], r["version"]) for c, r in stored]
    assert len(keys) == len(set(keys)) == len(history)
    assert count("changes") == len(history)
    by_device = {lap.device.id: lap for lap in laptops}
    for change, result in stored:
        row = history[(change["id"], result["version"])]
        assert row["origin_device"] == change["origin_device"]
        new = json.loads(row["fields"]) | {"\0deleted": bool(row["deleted"])}
        if result["version"] == 1:
            continue
        before_row = history[(change["id"], result["version"] - 1)]
        before = json.loads(before_row["fields"]) | {"\0deleted": bool(before_row["deleted"])}
        _, base = by_device[change["origin_device"]].sent[change["seq"]]
        base = base["fields"] | {"\0deleted": base["deleted"]}
        mine = change["fields"] | {"\0deleted": change["deleted"]}
        for key in before.keys() | mine.keys():
            if mine.get(key) != base.get(key):
                assert new.get(key) == mine.get(key), "an accepted edit is not in its version"
            elif before.get(key) != base.get(key):
                assert new.get(key) == before.get(key), "a value the author never saw was lost"
    # Every conflict answered is recorded once, and nothing was stored for it: a version sent
    # again after its conflict (a retry under a new batch id) is answered "already_in_conflict"
    # and refers to the conflict recorded the first time.
    conflicts = [
        (c, r)
        for lap in laptops
        for c, r in lap.results
        if r["status"] == "conflict" and r.get("reason") != "already_in_conflict"
    ]
    assert count("conflicts") == len(conflicts)
    first_time = {(c["origin_device"], c["id"], c["version"]) for c, _ in conflicts}
    for lap in laptops:
        for c, r in lap.results:
            if r["status"] == "conflict" and r.get("reason") == "already_in_conflict":
                assert (c["origin_device"], c["id"], c["version"]) in first_time
    # Everybody agrees at the end.
    for record_id in ids:
        with storage.batch_transaction() as tx:
            server = tx.get_record("household", record_id)
        for laptop in laptops:
            local = laptop.records[record_id]
            assert (local.version, local.content) == (server.version, server.content())
