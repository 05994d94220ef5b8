"""One person entered twice, each copy with its own benefits and payments, becomes one person in
one of two ways: the city server merges the two copies (the same citizen ID, registered on two
laptops), or a team lead merges them on a laptop (no ID, a duplicate candidate). Hypothesis
draws the two copies' benefits and payments; both ways must leave the city with the same live
benefits, the same payments a month (what the report counts) and the same values waiting as
conflicts for the team lead, and every laptop with what the server holds.

CI runs a few examples; ``TANTAY_MODEL_EXAMPLES=100`` runs longer.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from server_helpers import LiveServer

from desktop_app.store.demo import create_demo_store
from desktop_app.store.keyfile import KdfParams
from desktop_app.store.store import Store
from desktop_app.sync.client import SyncClient

PASSWORD = "demo1234"
FAST = KdfParams(time_cost=1, memory_cost=8192, parallelism=1)
CID = "001045012345"  # made up: Hà Nội, male, born 1945
BENEFITS = [  # (scheme, category)
    ("social_pension", "age_75_plus"),
    ("social_pension", "age_70_74_poor"),
    ("meritorious", "martyr_relative"),
]
PERIODS = ["2026-09", "2026-10", "2026-11"]
EXAMPLES = int(os.environ.get("TANTAY_MODEL_EXAMPLES", "8"))

payments = st.dictionaries(st.sampled_from(PERIODS), st.sampled_from([None, "self", "helped"]))
copy = st.dictionaries(
    st.integers(0, len(BENEFITS) - 1),
    st.tuples(st.sampled_from([500_000, 540_000]), payments),
    max_size=3,
)


def laptop(root: Path, city: LiveServer, name: str) -> Store:
    create_demo_store(root / name, kdf=FAST).close()
    store = Store.open(root / name, "admin", PASSWORD)
    client = SyncClient(store)
    client.enroll(city.url, city.code("00070"), f"Laptop {name}")
    client.close()
    store.switch_user("lead", PASSWORD)
    return store


def sync(*stores: Store) -> None:
    for store in stores:
        client = SyncClient(store)
        try:
            assert client.sync().pending_after == 0
        finally:
            client.close()


def register(store: Store, address: str, benefits: dict, **person) -> str:
    head = {"full_name": "Nguyễn Văn An", "birth_year": 1945, "sex": "male", **person}
    pid = store.add_household({"address": address}, head)["head"]["id"]
    store.record_consent(pid, on="2026-11-02", method="signature")
    for index, (amount, months) in sorted(benefits.items()):
        scheme, category = BENEFITS[index]
        fields = {"scheme": scheme, "category": category, "monthly_amount": amount}
        benefit = store.add_benefit(pid, {**fields, "channel": "home_delivery"})
        for period, by in sorted(months.items()):
            paid = {"credited_on": f"{period}-10"}
            if by:
                paid |= {"withdrawn_on": f"{period}-12", "withdrawn_by": by}
            store.record_payment(benefit["id"], period, paid)
    return pid


def city_holds(city: LiveServer, person_id: str) -> tuple[list, list]:
    """The person's live benefits, and live payments a month (what the report counts)."""
    rows = city.storage._conn().execute(
        "SELECT entity, id, fields FROM records WHERE deleted = 0"
        " AND entity IN ('benefit', 'payment')"
    )
    return _holds([(entity, rid, json.loads(fields)) for entity, rid, fields in rows], person_id)


def laptop_holds(store: Store, person_id: str) -> tuple[list, list]:
    """The same, as the laptop holds it (what its own report counts, offline)."""
    records = [
        (entity, rid, store._row(entity, rid))
        for entity in ("benefit", "payment")
        for (rid,) in store.db.execute(f"SELECT id FROM [{entity}] WHERE deleted = 0")
    ]
    return _holds(records, person_id)


def _holds(records: list, person_id: str) -> tuple[list, list]:
    benefits = {
        rid: f for entity, rid, f in records if entity == "benefit" and f["person_id"] == person_id
    }
    held = sorted((b["scheme"], b["category"], b["monthly_amount"]) for b in benefits.values())
    paid = sorted(
        (
            benefits[f["benefit_id"]]["scheme"],
            benefits[f["benefit_id"]]["category"],
            f["period"],
            f.get("withdrawn_by"),
            f.get("amount"),
        )
        for entity, _, f in records
        if entity == "payment" and f["person_id"] == person_id
    )
    return held, paid


def _value(v) -> str:
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


def laptop_conflicts(store: Store) -> set:
    return {
        (entity, field, _value(json.loads(incoming)))
        for entity, field, incoming in store.db.execute(
            "SELECT entity, field, incoming_value FROM conflict"
            " WHERE resolution IS NULL AND entity IN ('benefit', 'payment')"
        )
    }


def server_conflicts(city: LiveServer) -> set:
    out = set()
    for entity, fields, change in city.storage._conn().execute(
        "SELECT entity, fields, change FROM conflicts WHERE reason = 'identity_merge'"
        " AND entity IN ('benefit', 'payment')"
    ):
        values = json.loads(change)["fields"]
        out |= {(entity, f, _value(values[f])) for f in json.loads(fields)}
    return out


def live_on(store: Store) -> set:
    return {
        (entity, rid)
        for entity in ("person", "benefit", "payment")
        for (rid,) in store.db.execute(f"SELECT id FROM [{entity}] WHERE deleted = 0")
    }


def live_on_server(city: LiveServer) -> set:
    return {
        (entity, rid)
        for entity, rid in city.storage._conn().execute(
            "SELECT entity, id FROM records WHERE deleted = 0"
            " AND entity IN ('person', 'benefit', 'payment')"
        )
    }


@pytest.mark.timeout(900)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(first=copy, second=copy)
@example(  # the twelfth tryout: one pension each, and a November recorded twice, differently
    first={0: (500_000, {"2026-10": None, "2026-11": "helped"})},
    second={0: (540_000, {"2026-09": None, "2026-11": "self"})},
)
def test_a_laptop_merge_and_the_servers_merge_leave_the_same_truth(first, second):
    with tempfile.TemporaryDirectory(prefix="tantay-twins-") as tmp:
        root = Path(tmp)
        # by the city server: the same citizen ID on two laptops, the first synced first
        city = LiveServer(root / "by-server.db").start()
        a, b = laptop(root, city, "a"), laptop(root, city, "b")
        try:
            survivor = register(a, "Số 3 Hàng Bạc", first, citizen_id=CID)
            sync(a)
            register(b, "số 3 Hàng Bạc", second, citizen_id=CID)
            sync(b, a, b)
            by_server = city_holds(city, survivor)
            by_server_conflicts = server_conflicts(city)
            assert live_on(a) == live_on(b) == live_on_server(city)
            # and the team lead sees them on either laptop, the payments' too (revision 7: a
            # joined payment's tombstone says which it joined)
            assert laptop_conflicts(a) == laptop_conflicts(b) == by_server_conflicts
        finally:
            a.close()
            b.close()
            city.stop()

        # by a team lead: no ID, the two copies merged on the laptop, then synced
        city = LiveServer(root / "by-lead.db").start()
        c, d = laptop(root, city, "c"), laptop(root, city, "d")
        try:
            keep = register(c, "Số 3 Hàng Bạc", first)
            drop = register(c, "số 3 Hàng Bạc", second)
            c.merge_records("person", keep, drop)
            # the laptop's own figures are right at once, before any sync
            assert laptop_holds(c, keep) == by_server
            assert laptop_conflicts(c) == by_server_conflicts
            sync(c, d)
            assert laptop_holds(d, keep) == by_server
            assert city_holds(city, keep) == by_server
            assert laptop_conflicts(c) == laptop_conflicts(d) == by_server_conflicts
            assert live_on(c) == live_on(d) == live_on_server(city)
        finally:
            c.close()
            d.close()
            city.stop()
