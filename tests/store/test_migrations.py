"""Schema migrations: numbered files, a backup before migrating, newer databases refused."""

from __future__ import annotations

import json
import shutil

import pytest

from desktop_app.core.errors import DatabaseError
from desktop_app.paths import DB_SCHEMA
from desktop_app.store import db as dbmod
from desktop_app.store.store import Store, database_path


def test_schema_version_is_the_last_migration():
    found = dbmod.migrations()
    assert [n for n, _ in found] == list(range(1, len(found) + 1))
    assert dbmod.schema_version() == found[-1][0]


def test_a_database_from_a_newer_app_is_refused(open_demo, demo_dir):
    store = open_demo("admin")
    store.db.execute("PRAGMA user_version = 999")
    store.close()
    with pytest.raises(DatabaseError) as err:
        Store.open(demo_dir, "admin", "demo1234")
    assert "mới hơn" in err.value.message_vi
    assert "newer" in err.value.message_en


def test_migrating_backs_up_the_file_first_and_keeps_data(tmp_path, open_demo, demo_dir):
    store = open_demo("admin")
    households = store.count_households()
    version = dbmod.current_version(store.db)
    folder = tmp_path / "schema"
    shutil.copytree(DB_SCHEMA, folder)
    (folder / f"{version + 1:03d}_test_column.sql").write_text(
        "ALTER TABLE household ADD COLUMN test_note TEXT;\n"
        "CREATE INDEX household_test_note ON household(test_note);\n"
    )
    assert dbmod.migrate(store.db, database_path(demo_dir), folder) == version + 1
    backups = list((demo_dir / "backups").glob("*.db"))
    assert len(backups) == 1 and backups[0].stat().st_size > 0
    assert dbmod.current_version(store.db) == version + 1
    assert store.count_households() == households
    cols = [r[1] for r in store.db.execute("PRAGMA table_info(household)")]
    assert "test_note" in cols


def test_a_failing_migration_changes_nothing(tmp_path, open_demo, demo_dir):
    store = open_demo("admin")
    version = dbmod.current_version(store.db)
    folder = tmp_path / "schema"
    shutil.copytree(DB_SCHEMA, folder)
    (folder / f"{version + 1:03d}_broken.sql").write_text(
        "ALTER TABLE household ADD COLUMN half_done TEXT;\nTHIS IS NOT SQL;\n"
    )
    with pytest.raises(DatabaseError):
        dbmod.migrate(store.db, database_path(demo_dir), folder)
    assert dbmod.current_version(store.db) == version
    cols = [r[1] for r in store.db.execute("PRAGMA table_info(household)")]
    assert "half_done" not in cols


def test_gaps_in_migration_numbers_are_a_bug(tmp_path):
    (tmp_path / "001_a.sql").write_text("SELECT 1;")
    (tmp_path / "003_c.sql").write_text("SELECT 1;")
    with pytest.raises(RuntimeError):
        dbmod.migrations(tmp_path)


def test_version_3_moves_per_record_sync_keys_out_of_sync_state(tmp_path):
    folder = tmp_path / "schema-v2"
    folder.mkdir()
    for n, path in dbmod.migrations():
        if n <= 2:
            shutil.copy(path, folder / path.name)
    data = tmp_path / "data"
    data.mkdir()
    key = b"k" * 32
    db = dbmod.connect(database_path(data), key, create=True)
    dbmod.migrate(db, database_path(data), folder)
    rid = "0190f5c2-7a1b-7c3d-8e4f-0123456789ab"
    with db.atomic():
        db["sync_state"].insert_all(
            [
                {"key": "server_url", "value": "https://example.invalid"},
                {"key": f"from_server:person:{rid}", "value": "4"},
                {"key": f"server_version:person:{rid}", "value": "5"},
                {"key": f"from_server:visit:{rid}", "value": "2"},
            ]
        )
    assert dbmod.migrate(db, database_path(data)) >= 3
    rows = {
        tuple(r)
        for r in db.execute(
            "SELECT entity, record_id, from_server_version, server_version FROM record_sync"
        )
    }
    assert rows == {("person", rid, 4, 5), ("visit", rid, 2, None)}
    assert [r[0] for r in db.execute("SELECT key FROM sync_state")] == ["server_url"]
    db.close()


def test_version_7_moves_change_texts_apart_and_marks_them_to_re_encode(tmp_path):
    """Changes captured before v7 keep their text (json.dumps with spaces) under the same seq,
    marked ``sendable = 0`` so an export re-encodes them; the outbox row keeps its state."""
    folder = tmp_path / "schema-v6"
    folder.mkdir()
    for n, path in dbmod.migrations():
        if n <= 6:
            shutil.copy(path, folder / path.name)
    data = tmp_path / "data"
    data.mkdir()
    db = dbmod.connect(database_path(data), b"k" * 32, create=True)
    dbmod.migrate(db, database_path(data), folder)
    rid = "0190f5c2-7a1b-7c3d-8e4f-0123456789ab"
    texts = {
        seq: json.dumps(
            {"entity": "village", "id": rid, "seq": seq, "version": seq}, sort_keys=True
        )
        for seq in (1, 2, 3)
    }
    with db.atomic():
        for seq, text in texts.items():
            db.execute(
                "INSERT INTO outbox (seq, entity, record_id, version, base_version, change,"
                " created_at, state) VALUES (?, 'village', ?, ?, ?, ?, '2026-12-01', ?)",
                (seq, rid, seq, seq - 1, text, "delivered" if seq == 1 else "pending"),
            )
    assert dbmod.migrate(db, database_path(data)) >= 7
    assert "change" not in [r[1] for r in db.execute("PRAGMA table_info(outbox)")]
    moved = db.execute("SELECT seq, change, sendable FROM outbox_change ORDER BY seq").fetchall()
    assert moved == [(seq, text, 0) for seq, text in texts.items()]
    states = db.execute("SELECT seq, state FROM outbox ORDER BY seq").fetchall()
    assert states == [(1, "delivered"), (2, "pending"), (3, "pending")]
    db.close()
