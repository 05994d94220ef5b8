"""A laptop shut by pulling the plug: the process is killed (SIGKILL) while it saves visits.

Every action that finished is intact (row, outbox entry and audit entry together), the one cut
short left nothing behind, and the audit chain still verifies.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

WRITER = """
import sys
from pathlib import Path
from desktop_app.store.store import Store
store = Store.open(Path(sys.argv[1]), "volunteer", "demo1234")
ids = [r[0] for r in store.db.execute("SELECT id FROM household WHERE deleted = 0 LIMIT 50")]
i = 0
while True:
    store.record_visit(ids[i % len(ids)], {"purposes": ["routine"], "notes": f"lần {i}"},
                       [{"kind": "reset_pin"}] if i % 3 == 0 else [])
    i += 1
    if i == 1:
        print("writing", flush=True)
"""


def test_sigkill_while_saving_visits_leaves_every_saved_action_whole(demo_dir):
    from desktop_app.store.store import Store

    rng = random.Random(11)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    before = Store.open(demo_dir, "lead", "demo1234")
    visits0 = before.db.execute("SELECT count(*) FROM visit").fetchone()[0]
    before.close()
    for _ in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(demo_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert proc.stdout.readline().strip() == "writing", proc.stderr.read()
        time.sleep(rng.uniform(0.05, 0.6))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL

    store = Store.open(demo_dir, "lead", "demo1234")
    try:
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        visits = store.db.execute("SELECT count(*) FROM visit").fetchone()[0]
        assert visits > visits0 + 6  # each run saved some visits before it was killed
        # every visit row has exactly one outbox entry and one audit entry, and vice versa
        for entity in ("visit", "assistance"):
            rows = store.db.execute(f"SELECT count(*) FROM [{entity}]").fetchone()[0]
            queued = store.db.execute(
                "SELECT count(DISTINCT record_id) FROM outbox WHERE entity = ?", (entity,)
            ).fetchone()[0]
            audited = store.db.execute(
                "SELECT count(DISTINCT record_id) FROM audit_log WHERE entity = ? AND action IN"
                " ('create', 'import')",
                (entity,),
            ).fetchone()[0]
            assert rows == queued == audited, entity
        orphans = store.db.execute(
            "SELECT count(*) FROM assistance a WHERE a.visit_id IS NOT NULL AND NOT EXISTS"
            " (SELECT 1 FROM visit v WHERE v.id = a.visit_id)"
        ).fetchone()[0]
        assert orphans == 0
        assert store.verify_audit().ok
        seqs = [r[0] for r in store.db.execute("SELECT seq FROM outbox ORDER BY seq")]
        assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))  # no gap a crash could leave
    finally:
        store.close()
