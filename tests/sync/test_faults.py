"""Sync under faults: dropped connections, cut responses, 5xx, killed processes, conflicts.

Every test runs a real city server (uvicorn on loopback) and real encrypted laptop databases; faults
come from ``faulty_proxy.FaultyProxy`` (a real TCP proxy) or from SIGKILL to a real process. No
assertion depends on timing: loops are bounded by attempt counts and generous timeouts.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from desktop_app.core.records import SYNCED_FIELDS
from desktop_app.store.demo import create_demo_store, fill_demo_data
from desktop_app.store.store import Store
from desktop_app.sync.client import Backoff, SyncClient, SyncError

sys.path.insert(0, str(Path(__file__).resolve().parent))

from faulty_proxy import PASS, Fault, FaultyProxy, scripted, seeded  # noqa: E402
from server_helpers import LiveServer, server_rows  # noqa: E402

# Every test here runs against both server backends (SQLite and PostgreSQL).
pytestmark = pytest.mark.usefixtures("server_db")

PASSWORD = "demo1234"
REPO = Path(__file__).resolve().parents[2]
BATCHES = "/api/v1/batches"


# --- helpers -----------------------------------------------------------------------------------


def make_laptop(folder: Path, kdf, households: int, seed: int) -> Path:
    """A new laptop database (its own device id) with ``households`` made-up households."""
    create_demo_store(folder, kdf=kdf).close()
    if households:
        store = Store.open(folder, "lead", PASSWORD)
        fill_demo_data(store, households, seed=seed)
        store.close()
    return folder


def enroll(folder: Path, server: LiveServer, name: str) -> None:
    """Enrol the laptop in ``folder`` with ``server`` (as admin)."""
    store = Store.open(folder, "admin", PASSWORD)
    try:
        SyncClient(store).enroll(server.url, server.code("00070"), name)
    finally:
        store.close()


def quick_backoff(attempts: int = 3) -> Backoff:
    """Backoff for tests: a few attempts, (almost) no waiting."""
    return Backoff(base=0.001, cap=0.01, attempts=attempts, rng=random.Random(0))


@contextmanager
def client_for(store: Store, **kw):
    """A SyncClient with test backoff and a generous timeout, closed afterwards."""
    http = httpx.Client(timeout=60.0)
    client = SyncClient(store, http=http, backoff=kw.pop("backoff", quick_backoff()), **kw)
    try:
        yield client
    finally:
        http.close()


def sync_until_done(client: SyncClient, max_rounds: int = 300) -> int:
    """Call sync() until a round ends with nothing pending; returns the failed rounds."""
    failures = 0
    for _ in range(max_rounds):
        try:
            result = client.sync()
        except SyncError as exc:
            assert exc.transient, exc.message_en
            failures += 1
            continue
        if result.pending_after == 0:
            return failures
    raise AssertionError(f"sync did not finish in {max_rounds} rounds")


def outbox_states(store: Store) -> dict[str, int]:
    """Outbox entry counts by state."""
    return dict(store.db.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())


def laptop_versions(store: Store) -> dict[tuple[str, str], int]:
    """(entity, id) → version of every synced record on the laptop."""
    out = {}
    for entity in SYNCED_FIELDS:
        for rid, version in store.db.execute(f"SELECT id, version FROM [{entity}]"):
            out[(entity, rid)] = version
    return out


def server_query(server: LiveServer, sql: str, params: tuple = ()) -> list:
    """Rows of a read query on the server's database (SQLite or PostgreSQL), own connection."""
    return server_rows(server.db, sql, params)


def assert_server_has_everything_once(server: LiveServer, store: Store) -> None:
    """The server holds each of the laptop's changes exactly once, at the laptop's version."""
    device = store.sync_state()["server_device_id"]
    records = {
        (e, i): v for e, i, v in server_query(server, "SELECT entity, id, version FROM records")
    }
    per_version = server_query(
        server,
        "SELECT entity, record_id, version, count(*) FROM changes WHERE device_id = ?"
        " GROUP BY entity, record_id, version HAVING count(*) > 1",
        (device,),
    )
    feed = server_query(server, "SELECT count(*) FROM changes WHERE device_id = ?", (device,))[0][0]
    missing_receipts = server_query(server, "SELECT count(*) FROM batches WHERE receipt IS NULL")[
        0
    ][0]
    conflicts, rejected = (
        server_query(server, f"SELECT count(*) FROM {t}")[0][0] for t in ("conflicts", "rejected")
    )
    assert per_version == []
    assert missing_receipts == 0
    assert (conflicts, rejected) == (0, 0)
    assert records == laptop_versions(store)
    total = store.db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    assert feed == total  # one stored version per change, none twice
    stats = server.storage.stats()
    for entity in SYNCED_FIELDS:
        live = store.db.execute(f"SELECT count(*) FROM [{entity}] WHERE deleted = 0").fetchone()[0]
        assert stats["records"].get(entity, 0) == live, entity


def edit_some(store: Store, n: int, rng: random.Random, tag: str) -> None:
    """Edit ``n`` random households (new versions to send)."""
    ids = [r[0] for r in store.db.execute("SELECT id FROM household WHERE deleted = 0")]
    for hid in rng.sample(ids, min(n, len(ids))):
        store.update_household(hid, {"notes": f"{tag} {rng.random():.6f}"})


@pytest.fixture
def laptop(tmp_path, city, fast_kdf):
    """A laptop with ~540 pending changes, enrolled with ``city``, opened as the team lead."""
    folder = make_laptop(tmp_path / "laptop", fast_kdf, 40, seed=5)
    enroll(folder, city, "Laptop")
    store = Store.open(folder, "lead", PASSWORD)
    yield store
    store.close()


def through(store: Store, proxy: FaultyProxy) -> None:
    """Point the laptop at the proxy instead of the server."""
    store.set_sync_values({"server_url": proxy.url})


# --- random faults -----------------------------------------------------------------------------


def test_random_faults_deliver_every_change_exactly_once(tmp_path, city, fast_kdf):
    """~2,000 changes through a proxy that drops, cuts, delays and fails requests at random:
    repeated sync attempts end with an empty outbox and every change once on the server, and a
    batch whose response was cut is answered again with the same receipt."""
    folder = make_laptop(tmp_path / "big", fast_kdf, 140, seed=11)
    enroll(folder, city, "Big laptop")
    store = Store.open(folder, "lead", PASSWORD)
    try:
        edit_some(store, 60, random.Random(3), "sửa")
        assert store.pending_changes() >= 1900
        schedule = seeded(
            20261127, p_drop_request=0.15, p_drop_response=0.15, p_status=0.1, p_delay=0.1
        )
        with FaultyProxy(city.port, schedule) as proxy, client_for(store, batch_size=100) as c:
            through(store, proxy)
            sync_until_done(c)
            exchanges = list(proxy.exchanges)
        assert outbox_states(store) == {
            "delivered": store.db.execute("SELECT count(*) FROM outbox").fetchone()[0]
        }
        assert store.quarantined() == []
        assert_server_has_everything_once(city, store)
        # every fault mode really happened on pushes
        modes = {e.fault.mode for e in exchanges if e.target == BATCHES}
        assert {"drop_request", "drop_response", "status", "delay", "pass"} <= modes
        _assert_cut_batches_got_the_same_receipt(exchanges)
    finally:
        store.close()


def _body_of(response: bytes) -> bytes:
    return response.partition(b"\r\n\r\n")[2]


def _assert_cut_batches_got_the_same_receipt(exchanges) -> None:
    """For each push whose answer was cut after the server applied it, the retry of the same
    batch id got the same receipt, byte for byte."""
    delivered: dict[str, bytes] = {}
    for e in exchanges:
        if e.target == BATCHES and e.delivered and e.response.startswith(b"HTTP/1.1 200"):
            delivered.setdefault(json.loads(e.request_body)["batch_id"], _body_of(e.response))
    cut = [
        e
        for e in exchanges
        if e.target == BATCHES
        and e.fault.mode == "drop_response"
        and e.response.startswith(b"HTTP/1.1 200")
    ]
    assert cut, "no response was cut after the server applied a batch"
    for e in cut:
        batch_id = json.loads(e.request_body)["batch_id"]
        assert json.loads(_body_of(e.response))["batch_id"] == batch_id
        assert delivered[batch_id] == _body_of(e.response)


def test_a_cut_response_is_answered_again_with_the_same_receipt(laptop, city):
    """The server applies the first batch but the answer is cut: the laptop sends the same batch
    id again, gets the same receipt, and nothing is stored twice."""
    faults = [Fault("drop_response", after=30), Fault("drop_response", after=0)]
    with FaultyProxy(city.port, scripted(faults)) as proxy, client_for(laptop) as c:
        through(laptop, proxy)
        result = c.sync()
        exchanges = list(proxy.exchanges)
    assert result.pending_after == 0
    first, second, third = exchanges[:3]
    assert first.target == second.target == third.target == BATCHES
    assert first.request_body == second.request_body == third.request_body
    assert _body_of(first.response) == _body_of(second.response) == _body_of(third.response)
    assert third.delivered
    assert city.storage.stats()["batches"] == -(
        -laptop.db.execute("SELECT count(*) FROM outbox").fetchone()[0] // 500
    )
    assert_server_has_everything_once(city, laptop)


# --- server errors -----------------------------------------------------------------------------


def _records_snapshot(store: Store) -> dict:
    out = {}
    for entity in SYNCED_FIELDS:
        out[entity] = store.db.execute(f"SELECT * FROM [{entity}] ORDER BY id").fetchall()
    return out


@pytest.mark.parametrize(
    "fault",
    [
        Fault("status", code=500),
        Fault("status", code=502),
        Fault("drop_request", after=200),
        Fault("drop_response", after=10),
    ],
    ids=["500", "502", "drop-request", "drop-response"],
)
def test_server_errors_keep_everything_queued(laptop, city, fault):
    """5xx answers and dropped connections deliver nothing on the laptop: every change stays
    pending/sending, every saved record is unchanged; once the server answers, all arrive once."""
    before = _records_snapshot(laptop)
    pending = laptop.pending_changes()
    with FaultyProxy(city.port, scripted([], then=fault)) as proxy, client_for(laptop) as c:
        through(laptop, proxy)
        for _ in range(3):
            with pytest.raises(SyncError) as err:
                c.sync()
            assert err.value.transient
        assert proxy.faults_seen(fault.mode, BATCHES)
    states = outbox_states(laptop)
    assert set(states) <= {"pending", "sending"}
    assert sum(states.values()) == pending == laptop.pending_changes()
    assert _records_snapshot(laptop) == before
    # the server comes back: everything arrives, once
    with FaultyProxy(city.port, scripted([], then=PASS)) as proxy, client_for(laptop) as c:
        through(laptop, proxy)
        assert c.sync().pending_after == 0
    assert_server_has_everything_once(city, laptop)


def test_a_receipt_with_a_bad_signature_marks_nothing_delivered(laptop, city):
    """A receipt whose signature does not verify (here: one result changed in transit) is
    refused: nothing is marked delivered, and the next clean sync delivers everything once."""
    real = httpx.Client(timeout=60)

    def tamper(request: httpx.Request) -> httpx.Response:
        upstream = real.send(
            real.build_request(
                request.method, str(request.url), headers=request.headers, content=request.content
            )
        )
        body = upstream.content
        if request.url.path == BATCHES and upstream.status_code == 200:
            receipt = json.loads(body)
            receipt["results"][0]["status"] = "accepted"
            receipt["results"][0]["version"] = 99
            body = json.dumps(receipt).encode()
        return httpx.Response(upstream.status_code, content=body, headers=upstream.headers)

    pending = laptop.pending_changes()
    http = httpx.Client(transport=httpx.MockTransport(tamper))
    try:
        with pytest.raises(SyncError) as err:
            SyncClient(laptop, http=http, backoff=quick_backoff()).sync()
    finally:
        http.close()
        real.close()
    assert not err.value.transient
    assert "delivered" not in outbox_states(laptop)
    assert laptop.pending_changes() == pending
    with client_for(laptop) as c:
        assert c.sync().pending_after == 0
    assert_server_has_everything_once(city, laptop)


# --- killed process ----------------------------------------------------------------------------


def _sync_process(folder: Path) -> subprocess.Popen:
    env = {**os.environ, "TANTAY_PASSWORD": PASSWORD, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "--data-dir",
            str(folder),
            "--user",
            "lead",
            "sync",
            "--batch-size",
            "20",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_sigkill_during_sync_fifty_times_loses_and_duplicates_nothing(tmp_path, city, fast_kdf):
    """The process running ``sync`` is SIGKILLed at a random moment 50 times in a row (new edits
    between runs); the database opens fine after each kill, and a final clean sync leaves the
    outbox empty and every change exactly once on the server."""
    folder = make_laptop(tmp_path / "killed", fast_kdf, 30, seed=9)
    enroll(folder, city, "Killed laptop")
    rng = random.Random(50)
    killed = mid_batch = 0
    for round_no in range(50):
        store = Store.open(folder, "lead", PASSWORD)  # opens fine after every kill
        try:
            assert store.db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            if "sending" in outbox_states(store):
                mid_batch += 1
            edit_some(store, 4, rng, f"lần {round_no}")
        finally:
            store.close()
        proc = _sync_process(folder)
        try:
            proc.wait(timeout=rng.uniform(0, 1.2))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)  # the python process running the sync itself
            code = proc.wait(timeout=60)
            # it may have finished on its own in the same instant: then it exited normally
            assert code in (-signal.SIGKILL, 0, 1), code
            killed += code == -signal.SIGKILL
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=60)
    assert killed >= 10, f"only {killed} of 50 runs were still running when killed"
    store = Store.open(folder, "lead", PASSWORD)
    try:
        delivered_by_killed_runs = outbox_states(store).get("delivered", 0)
    finally:
        store.close()
    assert delivered_by_killed_runs > 0  # the kills landed during sync, not only at start-up
    final = _sync_process(folder)
    assert final.wait(timeout=300) == 0
    store = Store.open(folder, "lead", PASSWORD)
    try:
        assert store.pending_changes() == 0
        assert store.quarantined() == []
        assert_server_has_everything_once(city, store)
    finally:
        store.close()
    print(f"killed {killed}/50 runs, {mid_batch} left a batch half-sent")


# --- conflicts ---------------------------------------------------------------------------------


@pytest.fixture
def pair(tmp_path, city, fast_kdf):
    """Two laptops with their own device ids, enrolled for the same commune, in step."""
    a_dir = make_laptop(tmp_path / "a", fast_kdf, 3, seed=1)
    b_dir = make_laptop(tmp_path / "b", fast_kdf, 0, seed=2)
    enroll(a_dir, city, "A")
    enroll(b_dir, city, "B")
    a = Store.open(a_dir, "lead", PASSWORD)
    b = Store.open(b_dir, "lead", PASSWORD)
    with client_for(a) as ca, client_for(b) as cb:
        sync_both(ca, cb)
        yield a, b, ca, cb
    a.close()
    b.close()


def sync_both(ca: SyncClient, cb: SyncClient, rounds: int = 4) -> None:
    """Sync A, B, A, B ... until a whole round pushes and applies nothing."""
    for _ in range(rounds):
        ra, rb = ca.sync(), cb.sync()
        quiet = all(
            not r.pushed and not r.pulled.get("applied") and not r.pulled.get("conflicts")
            for r in (ra, rb)
        )
        if quiet:
            return


def test_the_same_person_edited_offline_on_two_laptops_is_a_conflict(pair, city):
    """A and B change the same person's notes offline: B (syncing second) shows a conflict with
    both values; the server keeps A's value; nothing is overwritten silently."""
    a, b, ca, cb = pair
    pid = a.db.execute(
        "SELECT id FROM person WHERE deleted = 0 AND consent_date IS NOT NULL LIMIT 1"
    ).fetchone()[0]
    a.update_person(pid, {"notes": "Máy A: đã gọi điện"})
    b.update_person(pid, {"notes": "Máy B: chưa liên lạc được"})
    assert ca.sync().pending_after == 0
    assert cb.sync().pending_after == 0
    conflicts = [c for c in b.open_conflicts() if c["record_id"] == pid]
    assert [(c["field"], c["local_value"], c["incoming_value"]) for c in conflicts] == [
        ("notes", "Máy B: chưa liên lạc được", "Máy A: đã gọi điện")
    ]
    fields = server_query(
        city, "SELECT fields FROM records WHERE entity = 'person' AND id = ?", (pid,)
    )[0][0]
    assert json.loads(fields)["notes"] == "Máy A: đã gọi điện"


FIELDS = ("address", "landmark", "notes")
step_strategy = st.one_of(
    st.tuples(
        st.just("edit"),
        st.sampled_from("AB"),
        st.integers(0, 1),
        st.sampled_from(FIELDS),
        st.sampled_from(["x", "y"]),
    ),
    st.tuples(st.just("sync"), st.sampled_from("AB")),
)


def test_random_interleavings_never_lose_an_edit(tmp_path, fast_kdf, server_db):
    """Random edits of the same households on two laptops, with syncs in between: after both
    sync until quiet, outboxes are empty, accepted changes are on the server once, and every
    field is equal on A, B and the server or recorded as an open conflict; no value a laptop
    wrote disappears unless someone edited over it having seen it."""
    server = LiveServer(server_db).start()
    a_dir = make_laptop(tmp_path / "a", fast_kdf, 0, seed=1)
    b_dir = make_laptop(tmp_path / "b", fast_kdf, 0, seed=2)
    enroll(a_dir, server, "A")
    enroll(b_dir, server, "B")
    stores = {"A": Store.open(a_dir, "lead", PASSWORD), "B": Store.open(b_dir, "lead", PASSWORD)}
    https = {k: httpx.Client(timeout=60) for k in stores}
    clients = {k: SyncClient(s, http=https[k], backoff=quick_backoff()) for k, s in stores.items()}
    counter = iter(range(10**9))
    try:

        @settings(
            max_examples=int(os.environ.get("TANTAY_SYNC_EXAMPLES", "25")),
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=not os.environ.get("TANTAY_SYNC_RANDOM"),
            phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
        )
        @given(steps=st.lists(step_strategy, min_size=1, max_size=14))
        def run(steps):
            note(f"steps={steps!r}")
            _interleaving(stores, clients, server, steps, next(counter))

        run()
    finally:
        for k in stores:
            https[k].close()
            stores[k].close()
        server.stop()


def _interleaving(stores, clients, server, steps, example: int) -> None:
    a, ca, cb = stores["A"], clients["A"], clients["B"]
    hids = [
        a.add_household(
            {"address": f"Số {example}-{i} ngõ Huế", "landmark": "", "notes": ""},
            {"full_name": f"Nguyễn Văn Thử {example} {i}", "sex": "male", "birth_year": 1950},
        )["household"]["id"]
        for i in range(2)
    ]
    sync_both(ca, cb)
    written: dict[tuple[str, str], set] = {}  # (record, field) → values written, not superseded
    for n, step in enumerate(steps):
        if step[0] == "sync":
            clients[step[1]].sync()
            continue
        _, who, r, field, v = step
        store, hid = stores[who], hids[r]
        before = store.household(hid)[field]
        value = f"{who}{n}{v}"
        store.update_household(hid, {field: value})
        values = written.setdefault((hid, field), set())
        values.discard(before)  # this laptop saw it and edited over it
        values.add(value)
    sync_both(ca, cb, rounds=6)

    for store in stores.values():
        assert set(outbox_states(store)) <= {"delivered"}
    server_fields = {
        hid: json.loads(
            server_query(
                server, "SELECT fields FROM records WHERE entity = 'household' AND id = ?", (hid,)
            )[0][0]
        )
        for hid in hids
    }
    twice = server_query(
        server,
        "SELECT count(*) FROM (SELECT 1 FROM changes"
        " GROUP BY entity, record_id, version HAVING count(*) > 1) AS t",
    )[0][0]
    conflict_rows = server_query(server, "SELECT record_id, change FROM conflicts")
    assert twice == 0
    open_conflicts = {
        who: {(c["record_id"], c["field"]): c for c in s.open_conflicts()}
        for who, s in stores.items()
    }
    for hid in hids:
        for field in FIELDS:
            now = {
                "A": stores["A"].household(hid)[field],
                "B": stores["B"].household(hid)[field],
                "server": server_fields[hid][field],
            }
            flagged = [c for oc in open_conflicts.values() if (c := oc.get((hid, field)))]
            if len(set(now.values())) > 1:
                assert flagged, f"{field} differs without a conflict: {now}"
            kept = set(now.values())
            for c in flagged:
                kept |= {c["local_value"], c["incoming_value"]}
            for rid, change in conflict_rows:  # refused edits are kept on the server too
                if rid == hid:
                    kept.add(json.loads(change)["fields"].get(field))
            lost = written.get((hid, field), set()) - kept
            assert not lost, f"{field} of {hid}: {lost} lost; now {now}"
