"""Issue 13: a burst of laptops against several workers loses nothing and never answers 5xx.

A smaller burst than the benchmark's (tests/bench/bench_burst.py: 200 devices × 2 × 500) so that
it fits in CI; the checks are the same: zero 5xx, each batch id once, feed rows = accepted
changes, versions without holes, every feed position seen once by a puller that pages through
the feed during the burst, identical receipts for resends, health always answered in time.
"""

from __future__ import annotations

import os

from burst import Burst, Plan
from pg_cluster import keys_for
from serve_process import ServeProcess

from city_server.storage import is_postgres_url, open_storage

DEVICES = int(os.environ.get("TANTAY_BURST_DEVICES", "40"))


def test_a_burst_against_the_server_loses_nothing(server_db, tmp_path):
    workers = 4 if is_postgres_url(server_db) else 1
    keys = keys_for(server_db)
    open_storage(server_db, keys).close()  # migrated before the workers start
    server = ServeProcess(server_db, keys, workers).start(tmp_path)
    try:
        plan = Plan(devices=DEVICES, batches=2, changes=200, resend_share=0.1)
        burst = Burst(server.url, server_db, keys, plan).prepare()
        assert sum(1 for s in burst.sent if s.resend) > 0  # resends happen in this plan
        result = burst.run()
    finally:
        server.stop()
    assert burst.problems(result) == [], server.log()[-3000:]
    assert result.accepted > 0 and len(result.pulled) >= result.accepted
