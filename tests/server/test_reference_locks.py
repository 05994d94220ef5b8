"""What refers to a record cannot change under a batch that holds the record (PostgreSQL).

The intake keeps, for the rest of a batch, the payments of a benefit it has locked (one look-up
per benefit, not one per payment). That is only right if every batch that moves a payment to
another benefit, or deletes it, also waits for the benefit it leaves — these tests hold a
benefit in one transaction and move or delete its payment from a real concurrent batch.
"""

from __future__ import annotations

import json
import threading
import uuid

import pg_cluster
import pytest
from server_helpers import Dev, household

from city_server.storage import open_storage

pytestmark = pytest.mark.skipif(
    not pg_cluster.available(), reason="PostgreSQL not available (apt-get install postgresql)"
)


@pytest.fixture
def storage():
    url = pg_cluster.cluster().new_database()
    store = open_storage(url, pg_cluster.keys_for(url))
    yield store
    store.close()
    pg_cluster.cluster().drop_database(url)


class Sender(Dev):
    """A laptop's changes of any kind, applied through apply_batch as a push would be."""

    def __init__(self, storage):
        super().__init__(storage, "Máy 1")

    def push(self, *records: tuple[str, str, int, dict, bool]) -> list[dict]:
        return super().push(
            *(self.change(i, v, f, deleted, entity=e) for e, i, v, f, deleted in records)
        )


def _person_with_two_benefits(sender: Sender) -> dict[str, str]:
    ids = {k: str(uuid.uuid4()) for k in ("household", "person", "pension", "disability", "pay")}
    person = {
        "household_id": ids["household"],
        "full_name": "Trần Thị Mơ",
        "given_name": "Mơ",
        "birth_year": 1941,
        "sex": "female",
    }
    benefit = {
        "person_id": ids["person"],
        "household_id": ids["household"],
        "monthly_amount": 540_000,
        "channel": "post_office_cash",
    }
    results = sender.push(
        ("household", ids["household"], 1, household(), False),
        ("person", ids["person"], 1, person, False),
        (
            "benefit",
            ids["pension"],
            1,
            {**benefit, "scheme": "social_pension", "category": "age_75_plus"},
            False,
        ),
        (
            "benefit",
            ids["disability"],
            1,
            {**benefit, "scheme": "social_allowance", "category": "severe_disability"},
            False,
        ),
        ("payment", ids["pay"], 1, _payment(ids, "pension"), False),
    )
    assert {r["status"] for r in results} == {"accepted"}, results
    return ids


def _payment(ids: dict[str, str], benefit: str) -> dict:
    return {
        "benefit_id": ids[benefit],
        "person_id": ids["person"],
        "household_id": ids["household"],
        "period": "2026-10",
        "amount": 540_000,
        "credited_on": "2026-10-05",
    }


@pytest.mark.parametrize("deleted", [False, True], ids=["moved", "deleted"])
def test_a_payment_leaving_a_benefit_waits_for_the_batch_that_holds_the_benefit(storage, deleted):
    sender = Sender(storage)
    ids = _person_with_two_benefits(sender)
    leave = ("payment", ids["pay"], 2, _payment(ids, "disability"), False)
    if deleted:
        leave = ("payment", ids["pay"], 2, _payment(ids, "pension"), True)
    results: list = []
    mover = threading.Thread(target=lambda: results.extend(sender.push(leave)))
    with storage.batch_transaction() as tx:
        tx.lock_records([("benefit", ids["pension"])])
        before = [r.id for r in tx.live_referencing("benefit_id", ids["pension"])]
        mover.start()
        mover.join(1.5)
        # the moving batch waits for the pension benefit this transaction holds ...
        assert mover.is_alive() and results == []
        assert [r.id for r in tx.live_referencing("benefit_id", ids["pension"])] == before
    mover.join(30)
    # ... and goes on once it is released
    assert [r["status"] for r in results] == ["accepted"]
    with storage.batch_transaction() as tx:
        assert [r.id for r in tx.live_referencing("benefit_id", ids["pension"])] == []
        kept = tx.live_referencing("benefit_id", ids["disability"])
        assert [r.id for r in kept] == ([] if deleted else [ids["pay"]])
    assert before == [ids["pay"]]


def test_an_identity_merge_waits_for_the_batch_that_holds_the_benefit_it_moves_payments_to(
    storage,
):
    sender = Sender(storage)
    ids = {k: str(uuid.uuid4()) for k in ("household", "kept", "merged", "twin", "other", "pay")}
    citizen_id = "001045012345"  # made up: Hà Nội, male, born 1945
    person = {
        "household_id": ids["household"],
        "full_name": "Lê Văn Tám",
        "given_name": "Tám",
        "birth_year": 1945,
        "sex": "male",
    }
    pension = {
        "household_id": ids["household"],
        "monthly_amount": 540_000,
        "channel": "post_office_cash",
        "scheme": "social_pension",
        "category": "age_75_plus",
    }
    paid = {
        "benefit_id": ids["other"],
        "person_id": ids["merged"],
        "household_id": ids["household"],
        "period": "2026-10",
        "amount": 540_000,
        "credited_on": "2026-10-05",
    }
    results = sender.push(
        ("household", ids["household"], 1, household(), False),
        ("person", ids["kept"], 1, {**person, "citizen_id": citizen_id}, False),
        ("benefit", ids["twin"], 1, {**pension, "person_id": ids["kept"]}, False),
        ("person", ids["merged"], 1, person, False),
        ("benefit", ids["other"], 1, {**pension, "person_id": ids["merged"]}, False),
        ("payment", ids["pay"], 1, paid, False),
    )
    assert {r["status"] for r in results} == {"accepted"}, results
    same_id = ("person", ids["merged"], 2, {**person, "citizen_id": citizen_id}, False)
    merged: list = []
    merger = threading.Thread(target=lambda: merged.extend(sender.push(same_id)))
    with storage.batch_transaction() as tx:
        tx.lock_records([("benefit", ids["twin"])])
        assert tx.live_referencing("benefit_id", ids["twin"]) == []
        merger.start()
        merger.join(1.5)
        # the merge would move October's payment to the benefit this transaction holds: it waits
        assert merger.is_alive() and merged == []
        assert tx.live_referencing("benefit_id", ids["twin"]) == []
    merger.join(30)
    assert [r["status"] for r in merged] == ["accepted"]
    with storage.batch_transaction() as tx:
        assert [r.id for r in tx.live_referencing("benefit_id", ids["twin"])] == [ids["pay"]]
        assert tx.get_record("person", ids["merged"]).fields["merged_into"] == ids["kept"]


def test_a_benefits_payments_are_looked_up_by_index_whatever_the_tables_size(storage):
    """At the whole city's ~6 M records the planner, without statistics for the partial
    indexes' expressions, guessed 0.5 % of the table for every benefit's payments and ran each
    of a batch's look-ups as a parallel scan with JIT (the intake fell from ~2,700 to ~1,000
    changes/s). With the statistics (PostgreSQL migration 010) it expects the rows there are."""
    import psycopg

    url = storage._pool.conninfo
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO records (entity, id, version, fields, commune_code, updated_at,"
            " updated_by, origin_device, device_id, server_seq)"
            " SELECT 'payment', 'p' || n, 1, jsonb_build_object('benefit_id', 'b' || (n % 4000),"
            " 'period', '2026-' || lpad((n % 12 + 1)::text, 2, '0')), '00070', '', '', '', '', n"
            " FROM generate_series(1, 40000) AS n"
        )
        conn.execute("ANALYZE records")
        plan = conn.execute(
            "EXPLAIN (FORMAT JSON) SELECT * FROM records WHERE (fields->>'benefit_id') = 'b7'"
            " AND NOT deleted ORDER BY server_seq"
        ).fetchone()[0][0]["Plan"]
    text = json.dumps(plan)
    # 10 payments a benefit; the guess without statistics was 0.5 % of 40,000 = 200
    assert plan["Plan Rows"] <= 50, plan["Plan Rows"]
    assert "Gather" not in text and "records_benefit_ref" in text
