"""Upgrading a database made by an older version of the app (stored in tests/store/data)."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop_app.store import db as dbmod
from desktop_app.store.store import Store

DATA = Path(__file__).parent / "data"


def test_a_version_1_database_upgrades_with_a_backup_and_keeps_everything(tmp_path):
    folder = tmp_path / "v1"
    shutil.copytree(DATA / "v1", folder)
    store = Store.open(folder, "lead", "demo1234")
    try:
        assert dbmod.current_version(store.db) == dbmod.schema_version() >= 2
        backups = list((folder / "backups").glob("tantay-before-v*.db"))
        assert len(backups) == 1
        assert store.count_households() == 12
        assert store.db.execute("SELECT count(*) FROM person").fetchone()[0] == 27
        assert store.verify_audit().ok
        assert store.search_households("nguyen")  # the search index survived
        # new tables work on the upgraded database
        person = store.db.execute("SELECT id FROM person LIMIT 1").fetchone()[0]
        benefit = store.add_benefit(
            person,
            {"scheme": "social_pension", "monthly_amount": 500000, "channel": "bank_account"},
        )
        assert benefit["version"] == 1
    finally:
        store.close()
    # the backup is the old database, still openable by its key
    old = Store.open(folder, "lead", "demo1234")
    old.close()
