"""Several laptops pushing at once, over real HTTP, on both backends (issue 13, point 2).

On PostgreSQL writers really run in parallel: these tests fail when the feed can show a later
position before an earlier one, when a resent batch is applied twice, or when two edits of one
record both become the same version.
"""

from __future__ import annotations

import threading
import time
import uuid

import httpx
import pytest
from server_helpers import Laptop, household, new_id, server_rows

WRITERS = 6
BATCHES = 8
PER_BATCH = 25


def _laptop(server, name: str) -> Laptop:
    return Laptop(httpx.Client(base_url=server.url, timeout=60), name).enroll(server.code())


def _run_threads(targets) -> list[BaseException]:
    errors: list[BaseException] = []

    def guard(fn):
        def run():
            try:
                fn()
            except BaseException as exc:  # reported by the test, not lost in a thread
                errors.append(exc)

        return run

    threads = [threading.Thread(target=guard(t)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    return errors


def test_a_puller_sees_every_feed_position_exactly_once_while_writers_push(live_server):
    writers = [_laptop(live_server, f"W{i}") for i in range(WRITERS)]
    puller = _laptop(live_server, "P")
    done = threading.Event()
    seen: list[int] = []
    statuses: list[int] = []

    def write(laptop: Laptop):
        def run():
            for _ in range(BATCHES):
                changes = [
                    laptop.change("household", new_id(), 1, household()) for _ in range(PER_BATCH)
                ]
                statuses.append(laptop.push(changes).status_code)

        return run

    def pull():
        cursor = 0
        while True:
            finished = done.is_set()  # read before the page: a last full pass after writers
            page = puller.pull(cursor, 40)
            assert page.status_code == 200, page.text
            data = page.json()
            seen.extend(c["server_seq"] for c in data["changes"])
            cursor = data["next"]
            if finished and not data["more"]:
                return
            if not data["more"]:
                time.sleep(0.005)

    pulling = threading.Thread(target=pull)
    pulling.start()
    errors = _run_threads([write(w) for w in writers])
    done.set()
    pulling.join(300)
    assert errors == []
    assert set(statuses) == {200}
    feed = [r[0] for r in server_rows(live_server.db, "SELECT server_seq FROM changes")]
    assert len(feed) == WRITERS * BATCHES * PER_BATCH
    assert len(seen) == len(set(seen)), "a feed position was served twice"
    assert sorted(seen) == sorted(feed), "a feed position was never served"
    assert seen == sorted(seen)


def test_one_batch_sent_by_many_at_once_is_applied_once_with_one_receipt(live_server):
    laptop = _laptop(live_server, "A")
    changes = [laptop.change("household", new_id(), 1, household()) for _ in range(50)]
    batch_id = str(uuid.uuid4())
    bodies: list[bytes] = []

    def send():
        clone = Laptop(httpx.Client(base_url=live_server.url, timeout=60), "A")
        clone.sign, clone.device_id, clone.token = laptop.sign, laptop.device_id, laptop.token
        response = clone.push(changes, batch_id)
        assert response.status_code == 200, response.text
        bodies.append(response.content)

    assert _run_threads([send] * 8) == []
    assert len(bodies) == 8 and len(set(bodies)) == 1
    assert server_rows(live_server.db, "SELECT count(*) FROM changes")[0][0] == 50
    assert server_rows(live_server.db, "SELECT count(*) FROM batches")[0][0] == 1


def test_concurrent_edits_of_one_record_make_versions_without_holes(live_server):
    laptops = [_laptop(live_server, f"L{i}") for i in range(5)]
    hid = new_id()
    assert laptops[0].push([laptops[0].change("household", hid, 1, household())]).status_code == 200
    results: list[dict] = []

    def edit(laptop: Laptop, field: str):
        def run():
            change = laptop.change(
                "household",
                hid,
                2,
                household(**{field: f"{laptop.name} was here"}),
                base_version=1,
                base_from_server=True,
            )
            response = laptop.push([change])
            assert response.status_code == 200, response.text
            results.extend(response.json()["results"])

        return run

    fields = ("notes", "landmark", "address", "notes", "landmark")
    assert _run_threads([edit(lap, f) for lap, f in zip(laptops, fields, strict=True)]) == []
    versions = [
        r[0]
        for r in server_rows(
            live_server.db,
            "SELECT version FROM record_history WHERE id = ? ORDER BY version",
            (hid,),
        )
    ]
    assert versions == list(range(1, len(versions) + 1))
    accepted = [r for r in results if r["status"] in ("accepted", "merged")]
    assert len(versions) == 1 + len(accepted)


@pytest.mark.parametrize("copies", [4])
def test_one_citizen_id_sent_from_several_laptops_at_once_leaves_one_live_person(
    live_server, copies
):
    citizen_id = "001045012345"  # made up: Hà Nội, male, born 1945
    laptops = [_laptop(live_server, f"C{i}") for i in range(copies)]

    def send(laptop: Laptop):
        def run():
            hid, pid = new_id(), new_id()
            # the person first, then enough other records that the batches overlap in time
            response = laptop.push(
                [
                    laptop.change("household", hid, 1, household()),
                    laptop.change(
                        "person",
                        pid,
                        1,
                        {
                            "household_id": hid,
                            "full_name": "Nguyễn Văn An",
                            "given_name": "An",
                            "sex": "male",
                            "birth_year": 1945,
                            "citizen_id": citizen_id,
                        },
                    ),
                    *(laptop.change("household", new_id(), 1, household()) for _ in range(300)),
                ]
            )
            assert response.status_code == 200, response.text
            statuses = {r["status"] for r in response.json()["results"]}
            assert statuses == {"accepted"}, response.text

        return run

    assert _run_threads([send(lap) for lap in laptops]) == []
    stats = live_server.storage.stats()
    assert stats["duplicate_citizen_ids"] == 0
    assert stats["records"]["person"] == 1
    assert stats["identity_merges"] == copies - 1
