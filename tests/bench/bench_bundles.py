"""USB bundles of 100,000 changes (10,000 with --quick): export on the laptop, import on the server.

Floor, measured in the same run: zlib (level 6, as the bundle) + AES-256-GCM of the same payload
bytes (the canonical JSON the bundle carries). Budget (DESIGN.md): the export of 100k changes in
at most 5 s. ``bundle_import`` is the whole server import: verify, decrypt, decompress, apply every
change as an online batch (one transaction per 500), write the receipt bundle. ``receipt_import``
is the laptop marking them delivered from that receipt.

``bundle_import_writes``: the same import against a second floor that holds its inherent cost,
the server's SQL writes alone — the rows the import left in ``changes``, ``record_history``,
``records``, ``device_versions`` and ``device_seqs``, inserted into a fresh server database with
``executemany``, one transaction per 500 changes as the import commits them (no Python per
change, no reads, no JSON). With the schema's indexes these writes alone are several times the
zlib + AES-GCM floor, which no import can get under.

``bundle_import_inherent``: the same import against the work no import of untrusted changes can
skip, each part measured here: reading the bundle (signature, key unwrap, AES-GCM, zlib, JSON),
checking every change with the rules the laptops share (``change_problem`` + ``record_problem``,
DESIGN.md "one truth per commune"), and the SQL writes above. This floor alone is several times
the zlib + AES-GCM one: it is what keeps ``bundle_import`` above 5× (issue 17).

The store is generated once with ``fill_demo_data`` (about 18 changes per household) and cached
beside the reference data set; its outbox is cut to exactly N pending changes.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import time
import uuid
import zlib
from datetime import UTC, datetime

from tests.bench.run import PASSWORD, bench, measure

FULL_CHANGES = 100_000
QUICK_CHANGES = 10_000
CHANGES_PER_HOUSEHOLD = 18  # measured: 400 households -> 7,362 outbox changes


def _source(ctx, n: int):
    """A cached data folder whose outbox holds exactly ``n`` pending changes."""
    from desktop_app.store.demo import create_demo_store, fill_demo_data
    from desktop_app.store.store import Store
    from tests.bench.run import _source_hash

    target = ctx.cache / f"bundles-{n}-{_source_hash()}"  # rebuilt when the schema changes
    if (target / "ok").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    print(f"# building a store with {n} pending changes ...", file=sys.stderr)
    create_demo_store(target).close()
    store = Store.open(target, "lead", PASSWORD)
    households = n // CHANGES_PER_HOUSEHOLD + 200
    while store.db.execute("SELECT count(*) FROM outbox").fetchone()[0] < n:
        fill_demo_data(store, households)
        households = 200
    with store.db.atomic():
        store.db.execute(
            "UPDATE outbox SET state = 'delivered', delivered_at = ? WHERE seq > ?",
            (datetime.now(UTC).isoformat(), n),
        )
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    (target / "ok").write_text("")
    return target


def _enrol(store, storage) -> None:
    """Enrol the laptop with the server directly (what the HTTP enrolment does)."""
    from city_server.enrollment import (
        create_enrollment_code,
        hash_secret,
        new_token,
        normalize_code,
    )
    from city_server.storage import Device
    from desktop_app.core import keys

    sign, box = keys.generate_sign_key(), keys.generate_box_key()
    code = create_enrollment_code(storage, [store.commune_code])
    device = storage.enroll_device(
        hash_secret(normalize_code(code)),
        datetime.now(UTC).isoformat(),
        Device(
            id=str(uuid.uuid4()),
            name="bench",
            communes=(),
            sign_public_key=keys.public_b64(sign),
            box_public_key=keys.public_b64(box),
            token_hash=hash_secret(new_token()),
            revoked=False,
            enrolled_at="",
            last_seq_seen=0,
        ),
    )
    server = storage.server_keys()
    store.save_enrollment(
        {
            "server_url": "http://127.0.0.1:1",
            "server_device_id": device.id,
            "token": "unused",
            "server_sign_public": server.sign_public_b64,
            "server_box_public": server.box_public_b64,
            "sign_private": keys.private_bytes(sign).hex(),
            "box_private": keys.private_bytes(box).hex(),
            "communes": store.commune_code,
            "pull_since": "0",
        }
    )


def _floor(data: bytes, rounds: int = 3) -> float:
    """Best time of zlib-6 + AES-256-GCM over ``data``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    best = float("inf")
    for _ in range(rounds):
        key, nonce = AESGCM.generate_key(bit_length=256), secrets.token_bytes(12)
        t = time.perf_counter()
        AESGCM(key).encrypt(nonce, zlib.compress(data, 6), b"")
        best = min(best, time.perf_counter() - t)
    return best


_WRITTEN = ("changes", "record_history", "records", "device_versions", "device_seqs")


def _writes_floor(server_db, scratch) -> float:
    """Seconds to insert the rows the import wrote into a fresh server database (see above)."""
    import sqlite3

    from city_server.storage import open_storage

    fresh = scratch / "city.db"
    open_storage(fresh).close()  # migrated, empty
    src = sqlite3.connect(server_db)
    tables = {}
    for table in _WRITTEN:
        cols = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
        order = "seq" if table == "device_seqs" else "rowid"
        rows = src.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}").fetchall()
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        tables[table] = (sql, rows)
    src.close()
    dst = sqlite3.connect(fresh, isolation_level=None)
    dst.execute("PRAGMA journal_mode = WAL")
    dst.execute("PRAGMA synchronous = NORMAL")  # as the server (storage/sqlite.py)
    n = len(tables["changes"][1])
    t = time.perf_counter()
    for start in range(0, n, 500):
        dst.execute("BEGIN IMMEDIATE")
        for sql, rows in tables.values():
            dst.executemany(sql, rows[start : start + 500])
        dst.execute("COMMIT")
    elapsed = time.perf_counter() - t
    dst.close()
    return elapsed


@bench(
    "bundle_export",
    "bundle_import",
    "receipt_import",
    "bundle_import_writes",
    "bundle_import_inherent",
)
def bundles(ctx):
    from city_server.bundles import import_bundle
    from city_server.storage import open_storage
    from desktop_app.core import bundle as bundlemod
    from desktop_app.core.canonical import canonical_json
    from desktop_app.store.store import Store
    from desktop_app.sync.bundles import export_bundle, import_receipt

    n = QUICK_CHANGES if ctx.quick else FULL_CHANGES
    folder = ctx.scratch("bundles-laptop")
    shutil.rmtree(folder)
    shutil.copytree(_source(ctx, n), folder)
    stick = ctx.scratch("bundles-usb")
    server_db = ctx.scratch("bundles-server") / "city.db"
    storage = open_storage(server_db)
    store = Store.open(folder, "admin", PASSWORD)
    try:
        _enrol(store, storage)
        store.switch_user("volunteer", PASSWORD)
        assert store.pending_changes() == n, store.pending_changes()

        t = time.perf_counter()
        path = export_bundle(store, stick)
        export_s = time.perf_counter() - t

        # the floor: the same payload bytes, compressed and encrypted
        read_s, opened = _read(bundlemod, path, storage)
        plain = canonical_json(opened.payload)
        rules_s = _rules(opened.payload)
        del opened
        floor = _floor(plain)
        size = os.path.getsize(path)
        print(
            f"# {n} changes: payload {len(plain) / 1e6:.1f} MB, file {size / 1e6:.1f} MB",
            file=sys.stderr,
        )
        del plain

        t = time.perf_counter()
        receipt = import_bundle(storage, path, stick)
        import_s = time.perf_counter() - t

        t = time.perf_counter()
        summary = import_receipt(store, receipt)
        receipt_s = time.perf_counter() - t
        assert summary["pending_after"] == 0, summary
    finally:
        store.close()
        storage.close()
    writes = _writes_floor(server_db, ctx.scratch("bundles-writes"))
    return [
        measure("bundle_export", export_s, "s", floor),
        measure("bundle_import", import_s, "s", floor),
        measure("receipt_import", receipt_s, "s", floor),
        measure("bundle_import_writes", import_s, "s", writes),
        measure("bundle_import_inherent", import_s, "s", read_s + rules_s + writes),
    ]


def _read(bundlemod, path, storage, rounds: int = 2):
    """Best seconds of ``read_bundle`` (verify, unwrap, decrypt, decompress, parse), and the
    bundle."""
    best, opened = float("inf"), None
    for _ in range(rounds):
        opened = None
        t = time.perf_counter()
        opened = bundlemod.read_bundle(
            path,
            recipient_box_private=storage.server_keys().box,
            sender_sign_public_lookup=lambda sender: _device_key(storage, sender),
        )
        best = min(best, time.perf_counter() - t)
    return best, opened


def _rules(payload, rounds: int = 2) -> float:
    """Best seconds of the shared rules over every change of ``payload`` (all must pass)."""
    from desktop_app.core.protocol import change_problem
    from desktop_app.core.record_rules import record_problem

    changes = payload["changes"]
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        problems = [change_problem(c) or record_problem(c["entity"], c["fields"]) for c in changes]
        best = min(best, time.perf_counter() - t)
    assert not any(problems), next(p for p in problems if p)
    return best


def _device_key(storage, sender: str):
    from desktop_app.core.keys import load_sign_public

    device = storage.get_device(sender)
    return load_sign_public(device.sign_public_key) if device else None
