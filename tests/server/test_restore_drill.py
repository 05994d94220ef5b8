"""The restore drill of docs/DEPLOY.md ("Backups and the restore drill"), on a throwaway
PostgreSQL: laptops sync with a real ``serve`` process, the database is dumped with ``pg_dump``,
more is synced, the database is dropped, the dump is restored into a new database with
``pg_restore``, the feed is moved past every position the lost server handed out, and the same key
file serves again. Then what a city IT person checks after a restore:

- the laptops still trust the server (same signing key: same key file);
- ``stats`` is exactly what it was at the dump, and every change accepted before the dump is
  served again, with its content;
- what the server accepted after the dump and lost shows up in ``gaps`` as soon as its laptop
  pushes again (nothing is lost silently); the laptop's outbox still holds those batches, and
  sending them again (same batch ids) fills the gaps;
- a laptop whose pull cursor is past the restored feed still receives every new change.

Every command the test runs (pg_dump, dropdb through psql, createdb, pg_restore, psql, init-keys,
serve, stats, gaps, enrollment-code) is the one the document shows.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from pg_cluster import _bin_dir, available, cluster
from serve_process import ServeProcess
from server_helpers import HOAN_KIEM, Laptop, household, new_id

ROOT = Path(__file__).resolve().parents[2]
#: docs/DEPLOY.md, restore step 4: new feed positions start this far past the restored head
FEED_JUMP = 1_000_000_000

pytestmark = pytest.mark.skipif(
    not available(), reason="PostgreSQL not available (apt-get install postgresql)"
)


def _city_server(*args: str) -> str:
    """``python -m city_server ARGS``; its standard output (fails the test on a non-zero exit)."""
    done = subprocess.run(
        [sys.executable, "-m", "city_server", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _pg(tool: str, *args: str) -> str:
    """One of PostgreSQL's client programs (pg_dump, pg_restore, psql, createdb)."""
    bin_dir = _bin_dir()
    assert bin_dir is not None
    done = subprocess.run([str(bin_dir / tool), *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{tool}: {done.stderr}"
    return done.stdout


class SyncingLaptop(Laptop):
    """A laptop as far as the server can tell: an outbox of batches it keeps after their
    receipts (as the real laptop keeps delivered rows), and a pull cursor it saves."""

    def __init__(self, http: httpx.Client, name: str):
        super().__init__(http, name)
        self.sent: list[tuple[str, bytes]] = []  # (batch id, exact body) of every batch pushed
        self.accepted: dict[tuple[str, str, int], dict] = {}  # (entity, id, version) → fields
        self.cursor = 0
        self.received: dict[tuple[str, str, int], dict] = {}

    def send(self, changes: list[dict[str, Any]]) -> dict:
        from desktop_app.core.canonical import canonical_json

        batch = self.batch(changes)
        body = canonical_json(batch)
        self.sent.append((batch["batch_id"], body))
        return self._deliver(body, changes)

    def send_again(self, batch_id: str) -> dict:
        """Push a batch of the outbox again, byte for byte (same batch id)."""
        import json as _json

        body = dict(self.sent)[batch_id]
        return self._deliver(body, _json.loads(body)["changes"])

    def _deliver(self, body: bytes, changes: list[dict[str, Any]]) -> dict:
        response = self.post_body(body)
        assert response.status_code == 200, response.text
        receipt = response.json()
        by_seq = {c["seq"]: c for c in changes}
        for result in receipt["results"]:
            if result["status"] == "accepted":
                change = by_seq[result["seq"]]
                key = (change["entity"], change["id"], result["version"])
                self.accepted[key] = result.get("server_fields") or change["fields"]
        return receipt

    def pull_on(self) -> list[dict]:
        """Pull from the saved cursor, following ``more``; save the cursor after each page."""
        got: list[dict] = []
        while True:
            page = self.pull(self.cursor)
            assert page.status_code == 200, page.text
            data = page.json()
            for change in data["changes"]:
                self.received[(change["entity"], change["id"], change["version"])] = change[
                    "fields"
                ]
            got += data["changes"]
            self.cursor = data["next"]
            if not data["more"]:
                return got


def _households(laptop: SyncingLaptop, n: int) -> list[dict]:
    return [
        laptop.change("household", new_id(), 1, household(address=f"Số {i} ngõ {laptop.name}"))
        for i in range(n)
    ]


def _edit(laptop: SyncingLaptop, created: dict, version: int, address: str) -> dict:
    fields = dict(created["fields"], address=address)
    return laptop.change("household", created["id"], version, fields)


def test_dump_wipe_restore_and_the_laptops_sync_on_without_loss(tmp_path):
    pg = cluster()
    admin = pg.url("postgres")
    url = pg.url("tantay")
    _pg("psql", "-d", admin, "-c", "CREATE DATABASE tantay")
    keys = tmp_path / "etc" / "server-keys.json"
    _city_server("init-keys", str(keys))
    db_args = ["--db", url, "--keys", str(keys)]
    serve = ServeProcess(url, str(keys), 2).start(tmp_path)
    laptops: list[SyncingLaptop] = []
    try:
        http = httpx.Client(base_url=serve.url, timeout=60)

        def enrol(name: str) -> SyncingLaptop:
            code = _city_server("enrollment-code", *db_args, "--commune", HOAN_KIEM).strip()
            laptop = SyncingLaptop(http, name)
            laptop.enroll(code)
            laptops.append(laptop)
            return laptop

        a, b = enrol("a"), enrol("b")
        # --- before the dump: both laptops push and pull ----------------------------------
        a_first = _households(a, 12)
        assert all(r["status"] == "accepted" for r in a.send(a_first[:6])["results"])
        assert all(r["status"] == "accepted" for r in a.send(a_first[6:])["results"])
        b_first = _households(b, 5)
        b.send(b_first)
        a.send([_edit(a, a_first[0], 2, "Số 1 ngõ 1, đã sửa trước khi sao lưu")])
        a.pull_on()
        b.pull_on()
        before_dump = {**a.accepted, **b.accepted}
        assert len(before_dump) == 18
        stats_at_dump = json.loads(_city_server("stats", *db_args))

        # --- the nightly dump ----------------------------------------------------------------
        dump = tmp_path / "backups" / "tantay.dump"
        dump.parent.mkdir()
        _pg("pg_dump", "--format=custom", "--file", str(dump), url)

        # --- after the dump: more is accepted (and will be lost with the database) ----------
        lost_batch_changes = [*_households(a, 3), _edit(a, a_first[1], 2, "Số 2, sửa sau")]
        lost = a.send(lost_batch_changes)
        assert [r["status"] for r in lost["results"]] == ["accepted"] * 4
        lost_batch_id = a.sent[-1][0]
        lost_seqs = [c["seq"] for c in lost_batch_changes]
        b.pull_on()  # B has seen the lost changes: its cursor is past what the dump holds
        assert {c["id"] for c in lost_batch_changes} <= {k[1] for k in b.received}
        cursor_b_before_disaster = b.cursor

        # --- the disaster: the server stops, the database is gone ----------------------------
        serve.stop()
        _pg("psql", "-d", admin, "-c", "DROP DATABASE tantay WITH (FORCE)")

        # --- the restore (docs/DEPLOY.md, "Restore") ------------------------------------------
        restored = pg.url("tantay_restored")
        _pg("createdb", "-h", "127.0.0.1", "-p", str(pg.port), "-U", "postgres", "tantay_restored")
        _pg("pg_restore", "--exit-on-error", "--no-owner", "--dbname", restored, str(dump))
        restored_head = int(
            _pg("psql", "-At", "-d", restored, "-c", "SELECT max(server_seq) FROM changes")
        )
        assert restored_head < cursor_b_before_disaster  # B has seen positions the dump lacks
        said = _city_server("advance-feed", "--db", restored, "--by", str(FEED_JUMP))
        assert f"feed position {restored_head + FEED_JUMP + 1}" in said
        db_args = ["--db", restored, "--keys", str(keys)]
        serve = ServeProcess(restored, str(keys), 2).start(tmp_path)
        http.base_url = httpx.URL(serve.url)

        # 1. the laptops still trust it: the same key file, the same identity
        health = http.get("/api/v1/health").json()
        assert health["server_sign_public_key"] == a.server_key == b.server_key
        # 2. everything the dump held is back, counted and served with its content
        assert json.loads(_city_server("stats", *db_args)) == stats_at_dump
        c = enrol("c")  # a new laptop of the commune pulls the whole feed
        c.pull_on()
        for key, fields in before_dump.items():
            assert c.received.get(key) == fields, f"{key} accepted before the dump is missing"
        # the server lost A's last batch; until A pushes again nothing shows it...
        gaps = json.loads(_city_server("gaps", *db_args))
        assert gaps[a.device_id]["gaps"] == []
        assert gaps[a.device_id]["last_seq_seen"] == min(lost_seqs) - 1
        # 3. ...A's next push makes the lost range a gap, to the operator and to the laptop
        new_household = _households(a, 1)
        follow_up = _edit(a, lost_batch_changes[0], 2, "Sửa một hộ của lô bị mất")
        receipt = a.send([*new_household, follow_up])
        statuses = {r["id"]: (r["status"], r.get("reason")) for r in receipt["results"]}
        assert statuses[new_household[0]["id"]] == ("accepted", None)
        assert statuses[follow_up["id"]] == ("rejected", "base_version_missing")  # kept pending
        gaps = json.loads(_city_server("gaps", *db_args))
        assert gaps[a.device_id]["gaps"] == [[min(lost_seqs), max(lost_seqs)]]
        own = a.get(f"/api/v1/devices/{a.device_id}/gaps").json()
        assert own["gaps"] == [[min(lost_seqs), max(lost_seqs)]]
        # 4. B's cursor is past the restored head, yet B receives A's new household
        assert b.cursor == cursor_b_before_disaster
        b_got = b.pull_on()
        assert new_household[0]["id"] in {ch["id"] for ch in b_got}
        # 5. A sends its lost batch again (same id, same bytes): the gap closes, and the edit
        #    that waited for it goes through
        again = a.send_again(lost_batch_id)
        assert [r["status"] for r in again["results"]] == ["accepted"] * 4
        retry = a.send([dict(follow_up, seq=a.seq + 1)])
        a.seq += 1
        assert retry["results"][0]["status"] == "accepted"
        assert json.loads(_city_server("gaps", *db_args))[a.device_id]["gaps"] == []
        # nothing any laptop was ever told "accepted" is missing from the server
        d = enrol("d")
        d.pull_on()
        for key, fields in {**a.accepted, **b.accepted}.items():
            assert d.received.get(key) == fields, f"{key} is not on the restored server"
        b.pull_on()
        assert (follow_up["entity"], follow_up["id"], 2) in b.received
    finally:
        serve.stop()
        for name in ("tantay", "tantay_restored"):
            _pg("psql", "-d", admin, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
