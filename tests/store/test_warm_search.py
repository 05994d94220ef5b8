"""Store.warm_search: what search as you type reads, read slice by slice, to the end, reads only."""

from __future__ import annotations

from desktop_app.store.store import Store


def test_warm_search_reads_every_search_table_to_its_end_in_short_slices(open_demo):
    store = open_demo("volunteer")
    changes = store.db.conn.total_changes
    resumes, resume = [], None
    while True:
        resume = store.warm_search(resume, rows=50)
        if resume is None:
            break
        resumes.append(resume)
        assert len(resumes) < 10_000, "never ends"
    stages = [stage for stage, _ in resumes]
    assert stages == sorted(stages) and set(stages) == set(range(len(Store._SEARCH_PAGES)))
    by_stage: dict[int, list] = {}
    for stage, key in resumes:
        if key is not None:
            by_stage.setdefault(stage, []).append(key)
    for keys in by_stage.values():
        assert keys == sorted(keys) and len(set(keys)) == len(keys)  # forward, never twice
    households = store.db.execute("SELECT count(*), max(rowid) FROM household").fetchone()
    assert households[0] > 100  # the demo data: several slices of 50
    household_stage = [t for t, *_ in Store._SEARCH_PAGES].index("household")
    assert by_stage[household_stage][-1] == households[1]  # read to the last household
    assert len(by_stage[household_stage]) == -(-households[0] // 50)
    assert store.db.conn.total_changes == changes  # reads only
