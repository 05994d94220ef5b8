"""The officer's list (issue 19): find any of 20,000 persons by name or whole ID number.

The data set holds about 20,000 persons (8,000 households; ``--quick``: the quick data set). What
the officer waits for after typing is one call of each: the first page of the list
(``verification_list``) and the counts of its filters (``verification_counts``). Floors: the
household search index answering the same words, and a plain indexed look-up of the ID number, on
the same database in the same run.
"""

from __future__ import annotations

import random
import shutil
import sys
import time

from tests.bench.run import PASSWORD, bench, measure, percentile

OFFICER_HOUSEHOLDS = 8_000  # about 20,000 persons
SAMPLE = 40


def _dataset(ctx):
    """A data folder with about 20,000 persons (built once, then cached like the reference set)."""
    if ctx.quick:
        return ctx.dataset()
    from tests.bench.run import _source_hash

    target = ctx.cache / f"dataset-officer-{OFFICER_HOUSEHOLDS}-{_source_hash()}"
    if (target / "ok").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    from desktop_app.store.demo import create_demo_store, fill_demo_data
    from desktop_app.store.store import Store

    print(
        f"# building the officer's data set ({OFFICER_HOUSEHOLDS} households) ...", file=sys.stderr
    )
    create_demo_store(target).close()
    store = Store.open(target, "lead", PASSWORD)
    fill_demo_data(store, OFFICER_HOUSEHOLDS)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    (target / "ok").write_text("")
    return target


@bench(
    "officer_find_name_p95",
    "officer_find_id_p95",
    "officer_open_list_ms",
    "officer_open_list_warm_ms",
    "officer_scroll_all_s",
    "officer_found_share",
)
def officer(ctx):
    from desktop_app.core.text import fold
    from desktop_app.store.store import Store, search_terms

    data = _dataset(ctx)
    store = Store.open(data, "officer", PASSWORD)
    persons = store.db.execute(
        "SELECT id, full_name, citizen_id FROM person WHERE deleted = 0"
    ).fetchall()
    rng = random.Random(19)
    sample = rng.sample(persons, min(SAMPLE, len(persons)))
    print(f"# {len(persons)} persons", file=sys.stderr)

    def officer_waits(query: str) -> tuple[float, list[dict]]:
        t = time.perf_counter()
        rows = store.verification_list(query=query, limit=200)
        store.verification_counts(query)
        return (time.perf_counter() - t) * 1000, rows

    # the officer searches right after opening the page: each search is a first read
    name_times, name_floor, id_times, id_floor = [], [], [], []
    found = 0
    for pid, name, cid in sample:
        query = fold(name)
        ms, rows = officer_waits(query)
        name_times.append(ms)
        found += any(r["person_id"] == pid for r in rows)
        words = [w for w in search_terms(query) if len(w) >= 3]
        t = time.perf_counter()
        store.db.execute(
            "SELECT rowid FROM household_search WHERE household_search MATCH ?",
            (" AND ".join('"' + w + '"' for w in words),),
        ).fetchall()
        name_floor.append((time.perf_counter() - t) * 1000)
        if cid:
            ms, rows = officer_waits(cid)
            id_times.append(ms)
            found += [r["person_id"] for r in rows] == [pid]
            t = time.perf_counter()
            store.db.execute("SELECT id FROM person WHERE citizen_id = ?", (cid,)).fetchall()
            id_floor.append((time.perf_counter() - t) * 1000)

    # opening the page: the first 200 of everyone awaiting verification, and the counts; the
    # first time reads every person (cold), later ones reuse that read until the data changes
    store.close()
    store = Store.open(data, "officer", PASSWORD)
    opens, open_floor = [], []
    for _ in range(5):
        ms, _rows = officer_waits("")
        opens.append(ms)
        t = time.perf_counter()
        store.db.execute(
            "SELECT id, full_name FROM person WHERE deleted = 0 ORDER BY sort_key, id LIMIT 200"
        ).fetchall()
        open_floor.append((time.perf_counter() - t) * 1000)

    # scrolling to the end, page by page (keyset), against one plain read of every person
    t = time.perf_counter()
    after, total = None, 0
    while True:
        page = store.verification_list(after=after, limit=200)
        total += len(page)
        if len(page) < 200:
            break
        after = (page[-1]["rank"], page[-1]["sort_key"], page[-1]["person_id"])
    scroll = time.perf_counter() - t
    t = time.perf_counter()
    store.db.execute(
        "SELECT p.id, p.full_name, h.address FROM person p JOIN household h"
        " ON h.id = p.household_id WHERE p.deleted = 0 ORDER BY p.sort_key, p.id"
    ).fetchall()
    scroll_floor = time.perf_counter() - t
    store.close()
    asked = len(sample) + len(id_times)
    return [
        measure(
            "officer_find_name_p95", percentile(name_times, 95), "ms", percentile(name_floor, 95)
        ),
        measure("officer_find_id_p95", percentile(id_times, 95), "ms", percentile(id_floor, 95)),
        measure("officer_open_list_ms", opens[0], "ms", percentile(open_floor, 50)),
        measure(
            "officer_open_list_warm_ms", percentile(opens[1:], 50), "ms", percentile(open_floor, 50)
        ),
        measure("officer_scroll_all_s", scroll, "s", scroll_floor),
        # every person looked for is on the first page of their search: 1.00
        measure("officer_found_share", found / asked, "share", 1.0),
    ]
