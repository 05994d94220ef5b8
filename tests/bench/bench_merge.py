"""The cost of an identity merge, as a ratio to an ordinary edit, on the server and on a laptop.

A person with 50 visits and 100 payments (one benefit) is merged into another person with the same
citizen ID. ``merge_server``: the city server applying the one change that gives the second person
the ID (the merge re-points the benefit, the payments and the visits' attendance) against applying
an ordinary one-field edit of the same person. ``merge_laptop``: a laptop applying the merge as it
arrives in its pull (tombstone plus every re-pointed record) against applying one ordinary pulled
edit; ``merge_local``: a team lead merging the same person on the laptop (``merge_records``)
against ``update_person``. Each value is the median of several runs; the ratio is value / floor.
"""

from __future__ import annotations

import statistics
import time
import uuid
from datetime import UTC, datetime

from tests.bench.run import PASSWORD, bench, measure

CID = "001045012345"
VISITS, PAYMENTS = 50, 100
RUNS = 5


def _id() -> str:
    return str(uuid.uuid4())


class _Device:
    def __init__(self, storage, commune="00070"):
        from city_server.enrollment import create_enrollment_code, hash_secret, normalize_code
        from city_server.storage import Device

        code = create_enrollment_code(storage, [commune])
        candidate = Device(_id(), "bench", (), "k", "k", "h", False, "", 0)
        self.device = storage.enroll_device(
            hash_secret(normalize_code(code)), datetime.now(UTC).isoformat(), candidate
        )
        self.storage, self.seq, self.commune = storage, 0, commune

    def change(self, entity, rid, version, fields, deleted=False):
        self.seq += 1
        return {
            "entity": entity,
            "id": rid,
            "version": version,
            "base_version": version - 1,
            "fields": fields,
            "deleted": deleted,
            "updated_at": datetime.now(UTC).isoformat(),
            "updated_by": "bench",
            "origin_device": self.device.id,
            "commune_code": self.commune,
            "seq": self.seq,
        }

    def push(self, changes):
        from city_server.apply import apply_batch

        for i in range(0, len(changes), 900):
            part = changes[i : i + 900]
            batch = {
                "protocol": 1,
                "schema": 4,
                "device_id": self.device.id,
                "batch_id": _id(),
                "seq_from": part[0]["seq"],
                "seq_to": part[-1]["seq"],
                "changes": part,
            }
            receipt = apply_batch(self.storage, self.device, batch)
        return receipt


def _household(commune="00070"):
    return {"commune_code": commune, "commune_list_version": "2025-07-01", "address": "Số 1"}


def _person(hid, cid=None, notes=""):
    return {
        "household_id": hid,
        "full_name": "Nguyễn Văn An",
        "given_name": "An",
        "birth_year": 1945,
        "sex": "male",
        "citizen_id": cid,
        "notes": notes,
    }


def _server_once(folder, run: int) -> tuple[float, float]:
    """Seconds to apply (the merge, an ordinary edit) on a fresh server database."""
    from city_server.storage import open_storage

    storage = open_storage(folder / f"city-{run}.db")
    a, b = _Device(storage), _Device(storage)
    ha, pa = _id(), _id()
    a.push(
        [a.change("household", ha, 1, _household()), a.change("person", pa, 1, _person(ha, CID))]
    )
    hb, pb, bid = _id(), _id(), _id()
    changes = [b.change("household", hb, 1, _household()), b.change("person", pb, 1, _person(hb))]
    changes.append(
        b.change(
            "benefit",
            bid,
            1,
            {
                "person_id": pb,
                "household_id": hb,
                "scheme": "social_pension",
                "monthly_amount": 500_000,
                "channel": "post_office_cash",
            },
        )
    )
    for n in range(VISITS):
        when = f"2026-{1 + n % 11:02d}-{1 + n % 27:02d}T09:00:00+07:00"
        changes.append(
            b.change(
                "visit",
                _id(),
                1,
                {"household_id": hb, "visited_at": when, "visitor": "lan", "persons_present": [pb]},
            )
        )
    for n in range(PAYMENTS):
        period = f"{2018 + n // 12}-{1 + n % 12:02d}"
        changes.append(
            b.change(
                "payment",
                _id(),
                1,
                {"benefit_id": bid, "person_id": pb, "household_id": hb, "period": period},
            )
        )
    b.push(changes)
    start = time.perf_counter()
    b.push([b.change("person", pb, 2, _person(hb, notes="sửa"))])
    edit = time.perf_counter() - start
    start = time.perf_counter()
    b.push([b.change("person", pb, 3, _person(hb, CID, notes="sửa"))])
    merge = time.perf_counter() - start
    stats = storage.stats()
    assert stats["identity_merges"] == 1 and stats["duplicate_citizen_ids"] == 0, stats
    storage.close()
    return merge, edit


def _laptop_once(ctx, run: int) -> tuple[float, float, float, float]:
    """(apply the merge page, apply one pulled edit, merge_records, update_person) seconds."""
    from desktop_app.store.demo import create_demo_store
    from desktop_app.store.store import Store
    from desktop_app.store.sync_access import for_sync

    folder = ctx.scratch(f"merge-laptop-{run}")
    create_demo_store(folder).close()
    store = for_sync(Store.open(folder, "lead", PASSWORD))
    survivor = store.add_household({"address": "Số 1"}, {"full_name": "Nguyễn Văn An"})
    other = store.add_household({"address": "Số 2"}, {"full_name": "Nguyễn Văn An"})
    sp, op_ = survivor["head"]["id"], other["head"]["id"]
    hb = other["household"]["id"]
    benefit = store.add_benefit(
        op_, {"scheme": "social_pension", "monthly_amount": 500_000, "channel": "post_office_cash"}
    )
    for _n in range(VISITS):
        store.record_visit(hb, {"purposes": ["routine"], "persons_present": [op_]})
    for n in range(PAYMENTS):
        store.record_payment(benefit["id"], f"{2018 + n // 12}-{1 + n % 12:02d}", {})
    # what the server's merge looks like in the pull: every re-pointed record and the tombstone
    page = []

    def pulled(entity, rid, changes, deleted=False):
        row = store._row(entity, rid, include_deleted=True)
        from desktop_app.core.records import SYNCED_FIELDS

        fields = {f: row.get(f) for f in SYNCED_FIELDS[entity]}
        fields.update(changes)
        return {
            "entity": entity,
            "id": rid,
            "version": row["version"] + 1,
            "base_version": row["version"],
            "fields": fields,
            "deleted": deleted,
            "updated_at": datetime.now(UTC).isoformat(),
            "updated_by": "city-server",
            "origin_device": "city-server",
            "commune_code": "00070",
        }

    home = survivor["household"]["id"]
    page.append(pulled("person", op_, {"merged_into": sp}, deleted=True))
    page.append(pulled("benefit", benefit["id"], {"person_id": sp, "household_id": home}))
    for (pid,) in store.db.execute("SELECT id FROM payment WHERE person_id = ?", (op_,)).fetchall():
        page.append(pulled("payment", pid, {"person_id": sp, "household_id": home}))
    for (vid,) in store.db.execute("SELECT id FROM visit WHERE household_id = ?", (hb,)).fetchall():
        page.append(pulled("visit", vid, {"persons_present": [sp]}))
    one = [pulled("person", sp, {"notes": "sửa từ máy khác"})]
    # everything above reached the server already (else a pulled change is a conflict)
    store.db.execute("UPDATE outbox SET state = 'delivered'")
    # a copy for the local merge, before the pulled merge changes this one
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    import shutil

    local_folder = ctx.scratch(f"merge-local-{run}")
    shutil.rmtree(local_folder)
    shutil.copytree(folder, local_folder)

    store = for_sync(Store.open(folder, "lead", PASSWORD))
    start = time.perf_counter()
    store.apply_incoming(one)
    edit = time.perf_counter() - start
    start = time.perf_counter()
    counts = store.apply_incoming(page)
    merge = time.perf_counter() - start
    assert counts["applied"] == len(page), counts
    store.close()

    store = Store.open(local_folder, "lead", PASSWORD)
    start = time.perf_counter()
    store.update_person(sp, {"notes": "sửa"})
    local_edit = time.perf_counter() - start
    start = time.perf_counter()
    store.merge_records("person", sp, op_)
    local_merge = time.perf_counter() - start
    store.close()
    return merge, edit, local_merge, local_edit


@bench("merge_server", "merge_laptop", "merge_local")
def merge_cost(ctx):
    folder = ctx.scratch("merge-server")
    server = [_server_once(folder, run) for run in range(RUNS)]
    laptop = [_laptop_once(ctx, run) for run in range(RUNS)]
    med = statistics.median
    return [
        measure(
            "merge_server", med(m for m, _ in server) * 1000, "ms", med(e for _, e in server) * 1000
        ),
        measure(
            "merge_laptop", med(r[0] for r in laptop) * 1000, "ms", med(r[1] for r in laptop) * 1000
        ),
        measure(
            "merge_local", med(r[2] for r in laptop) * 1000, "ms", med(r[3] for r in laptop) * 1000
        ),
    ]
