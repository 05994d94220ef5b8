"""Issue 13: the server in a server room — keys in a key file, several workers, the enrolment
limit shared by the workers, the metrics page, and a server that runs without Qt."""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys
from base64 import b64encode
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from pg_cluster import keys_for
from serve_process import ServeProcess
from server_helpers import HOAN_KIEM, Laptop, household, new_id, server_rows

from city_server.cli import main
from city_server.enrollment import create_enrollment_code
from city_server.keys import generate, load_key_file
from city_server.storage import is_postgres_url, open_storage

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "city_server", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


# --- keys ----------------------------------------------------------------------------------


def test_init_keys_writes_a_private_file_and_never_overwrites_it(tmp_path):
    path = tmp_path / "etc" / "server-keys.json"
    made = _cli("init-keys", str(path))
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    keys = load_key_file(path)
    assert keys.sign_public_b64 in made.stdout
    before = path.read_bytes()
    again = _cli("init-keys", str(path))
    assert again.returncode == 1 and "never overwritten" in again.stderr
    assert path.read_bytes() == before


def test_a_sqlite_server_keeps_its_keys_beside_the_database_not_in_it(tmp_path):
    db = tmp_path / "city.db"
    storage = open_storage(db)
    keys = storage.server_keys()
    storage.close()
    beside = tmp_path / "city.keys.json"
    assert stat.S_IMODE(beside.stat().st_mode) == 0o600
    raw = b64encode(keys.sign.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()))
    assert raw not in db.read_bytes()
    assert server_rows(str(db), "SELECT COUNT(*) FROM server_keys")[0][0] == 0
    again = open_storage(db)
    assert again.server_keys().sign_public_b64 == keys.sign_public_b64  # same identity
    again.close()


def test_keys_of_an_earlier_database_move_to_the_key_file(server_db, tmp_path):
    """A database made before key files has its keys in ``server_keys``: laptops pinned them,
    so the same keys go to the key file and leave the database."""
    storage = open_storage(server_db, keys_for(server_db))
    storage.close()
    old = generate()
    rows = [
        (kind, b64encode(k.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())).decode())
        for kind, k in (("sign", old.sign), ("box", old.box))
    ]
    if is_postgres_url(server_db):
        import psycopg

        with psycopg.connect(server_db, autocommit=True) as conn:
            for kind, private in rows:
                conn.execute("INSERT INTO server_keys VALUES (%s, %s, 'x', 'x')", (kind, private))
        keys_path = tmp_path / "moved.keys.json"
    else:
        import sqlite3

        with sqlite3.connect(server_db) as conn:
            conn.executemany("INSERT INTO server_keys VALUES (?, ?, 'x', 'x')", rows)
        keys_path = None
        Path(server_db).with_name("city.keys.json").unlink(missing_ok=True)
    storage = open_storage(server_db, keys_path)
    assert storage.server_keys().sign_public_b64 == old.sign_public_b64
    storage.close()
    written = keys_path or Path(server_db).with_name("city.keys.json")
    assert load_key_file(written).box_public_b64 == old.box_public_b64
    assert server_rows(server_db, "SELECT COUNT(*) FROM server_keys")[0][0] == 0


def test_postgresql_needs_a_key_file_and_says_how_to_make_one(server_db):
    if not is_postgres_url(server_db):
        pytest.skip("PostgreSQL only: SQLite makes its key file beside the database")
    answer = _cli("serve", "--db", server_db, "--port", "9")
    assert answer.returncode == 2
    assert "--keys FILE" in answer.stderr and "init-keys" in answer.stderr
    assert "--keys TỆP" in answer.stderr  # and in Vietnamese


def test_a_key_file_others_can_read_is_refused(tmp_path):
    keys = tmp_path / "k.json"
    assert _cli("init-keys", str(keys)).returncode == 0
    keys.chmod(0o644)
    answer = _cli("serve", "--db", str(tmp_path / "city.db"), "--keys", str(keys), "--port", "9")
    assert answer.returncode == 2 and "chmod 600" in answer.stderr


# --- workers -------------------------------------------------------------------------------


def test_sqlite_refuses_several_workers_with_a_reason(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "city.db"), "--workers", "2"]) == 2
    err = capsys.readouterr().err
    assert "needs PostgreSQL" in err and "cần PostgreSQL" in err
    assert not (tmp_path / "city.db").exists()  # refused before anything was made


def _enroll(http: httpx.Client, code: str) -> int:
    key = base64.b64encode(os.urandom(32)).decode()
    body = {"code": code, "device_name": "x", "sign_public_key": key, "box_public_key": key}
    return http.post("/api/v1/enroll", json=body).status_code


def test_workers_share_one_enrolment_limit_and_one_feed(server_db, tmp_path):
    """Three worker processes: a laptop pushes and pulls through them; the failed-enrolment
    count is in the database, so the 11th wrong code is refused whichever worker answers; the
    metrics page sums every worker's counters."""
    if not is_postgres_url(server_db):
        pytest.skip("several workers need PostgreSQL")
    server = ServeProcess(server_db, keys_for(server_db), 3).start(tmp_path)
    try:
        storage = open_storage(server_db, keys_for(server_db))
        code_a, code_b = (create_enrollment_code(storage, [HOAN_KIEM]) for _ in range(2))
        storage.close()
        with httpx.Client(base_url=server.url, timeout=30) as http:
            a, b = Laptop(http, "A").enroll(code_a), Laptop(http, "B").enroll(code_b)
            ids = [new_id() for _ in range(30)]
            for i in range(0, 30, 10):
                pushed = a.push([a.change("household", x, 1, household()) for x in ids[i : i + 10]])
                assert pushed.status_code == 200
            assert sorted(c["id"] for c in b.pull_all()) == sorted(ids)
        # then 12 wrong codes from one address (after the enrolments above, which it blocks)
        answers = []
        for i in range(12):  # a new connection each time: the kernel spreads them over workers
            with httpx.Client(base_url=server.url, timeout=30) as http:
                answers.append(_enroll(http, f"WRONG-{i:04d}"))
        assert answers[:10] == [403] * 10 and answers[10:] == [429, 429]
        # the metrics page of any worker counts the requests of all of them
        page = httpx.get(server.url + "/api/v1/metrics", timeout=30).text
        assert 'route="/api/v1/enroll",status="403"} 10.0' in page
        assert 'tantay_batches_received_total{outcome="stored"} 3.0' in page
    finally:
        server.stop()


# --- metrics -------------------------------------------------------------------------------


def _samples(text: str) -> dict[tuple[str, tuple], float]:
    from prometheus_client.parser import text_string_to_metric_families

    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_the_metrics_page_counts_requests_batches_and_rejections(make_laptop, http):
    a = make_laptop("A", HOAN_KIEM)
    before = _samples(http.get("/api/v1/metrics").text)  # counters are per process
    good = new_id()
    pushed = a.push(
        [
            a.change("household", good, 1, household()),
            a.change("person", new_id(), 1, {"household_id": good, "citizen_id": "12"}),
        ]
    )
    assert pushed.status_code == 200
    reason = pushed.json()["results"][1]["reason"]
    page = http.get("/api/v1/metrics")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/plain")
    after = _samples(page.text)

    def grew(name: str, **labels: str) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0) - before.get(key, 0)

    post = {"method": "POST", "route": "/api/v1/batches", "status": "200"}
    assert grew("tantay_http_requests_total", **post) == 1
    assert grew("tantay_batches_received_total", outcome="stored") == 1
    assert grew("tantay_http_request_duration_seconds_count", route="/api/v1/batches") == 1
    # read from the database: this server's totals
    assert after[("tantay_changes_rejected_total", (("reason", reason),))] == 1
    assert after[("tantay_devices", ())] == 1 and after[("tantay_feed_head", ())] >= 1
    assert good not in page.text  # counts, never a record


# --- a server without Qt ---------------------------------------------------------------------


def test_the_city_server_imports_nothing_from_qt_or_the_desktop_ui():
    """Every module of city_server imports with PySide6, shiboken6 and desktop_app.ui made
    unimportable (as on a server installed from requirements/server.txt)."""
    probe = r"""
import importlib, pkgutil, sys
BLOCKED = ("PySide6", "shiboken6", "desktop_app.ui", "sqlcipher3", "sqlite_utils")
class Block:
    def find_spec(self, name, path=None, target=None):
        if any(name == b or name.startswith(b + ".") for b in BLOCKED):
            raise ImportError(f"blocked on the server: {name}")
sys.meta_path.insert(0, Block())
import city_server
names = ["city_server.__main__"] + [
    m.name for m in pkgutil.walk_packages(city_server.__path__, "city_server.")
]
for name in names:
    if name != "city_server.__main__":
        importlib.import_module(name)
from city_server.cli import build_parser
build_parser()
print(len(names), "modules")
"""
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert json.dumps(done.stdout)  # the count printed


def test_advance_feed_moves_new_positions_past_any_a_laptop_has_seen(server_db, make_laptop):
    """After a restore: ``advance-feed`` makes the next change's position pass every cursor a
    laptop may hold from the lost database (docs/DEPLOY.md, restore step 4)."""
    a, b = make_laptop("A", HOAN_KIEM), make_laptop("B", HOAN_KIEM)
    first = [new_id() for _ in range(3)]
    assert a.push([a.change("household", h, 1, household()) for h in first]).status_code == 200
    head = max(c["server_seq"] for c in b.pull_all())
    said = _cli("advance-feed", "--db", server_db, "--by", "1000")
    assert said.returncode == 0, said.stderr
    assert f"feed position {head + 1001}" in said.stdout
    later = new_id()
    assert a.push([a.change("household", later, 1, household())]).status_code == 200
    # a laptop whose cursor went past the restored head still gets the new change
    pulled = b.pull_all(since=head + 500)
    assert [(c["id"], c["server_seq"]) for c in pulled] == [(later, head + 1001)]
    assert _cli("advance-feed", "--db", server_db, "--by", "0").returncode == 2


def test_a_key_file_not_this_databases_is_refused_and_the_fingerprint_matches_the_laptops(
    server_db, tmp_path
):
    """The tryout: started once with a fresh key file against an existing database, the server
    signed a laptop's batch with the wrong key; that receipt, stored, was served again on every
    retry, and the laptop could never sync again. Now the server refuses to start with it."""
    from desktop_app.core.keys import fingerprint, load_sign_public

    keys = keys_for(server_db) or str(tmp_path / "city.keys.json")
    if not is_postgres_url(server_db):
        keys = None  # the file beside the database
    first = open_storage(server_db, keys)
    right = first.server_keys()
    first.close()
    other = tmp_path / "other.keys.json"
    assert _cli("init-keys", str(other)).returncode == 0
    refused = _cli("serve", "--db", server_db, "--keys", str(other), "--port", "9")
    expected = fingerprint(load_sign_public(right.sign_public_b64))
    assert refused.returncode == 2
    assert "is not this database's" in refused.stderr and expected in refused.stderr
    assert "không phải khoá của cơ sở dữ liệu này" in refused.stderr
    # the operator's fingerprint is the one the laptop shows at enrolment
    shown = _cli("fingerprint", "--db", server_db, *(["--keys", keys] if keys else []))
    assert shown.returncode == 0 and shown.stdout.strip() == expected


def test_no_page_of_the_api_loads_scripts_from_the_internet(http):
    """Swagger and ReDoc load their scripts from a CDN: not served (the schema stays)."""
    assert http.get("/docs").status_code == 404 and http.get("/redoc").status_code == 404
    assert http.get("/openapi.json").status_code == 200
