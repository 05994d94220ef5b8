"""Schemathesis against /openapi.json of a live server: no generated request gets a 5xx."""

from __future__ import annotations

import json
import os
import uuid

import httpx
import pg_cluster
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from server_helpers import Laptop, LiveServer

schemathesis = pytest.importorskip("schemathesis")


@pytest.fixture(scope="module", params=pg_cluster.BACKENDS)
def fuzz_server(request, tmp_path_factory):
    """One live server for the whole fuzz run, once per backend (SQLite, PostgreSQL)."""
    if request.param == "sqlite":
        db = str(tmp_path_factory.mktemp("fuzz") / "city.db")
    elif pg_cluster.available():
        db = pg_cluster.cluster().new_database()
    else:
        pytest.skip(
            "PostgreSQL not available (apt-get install postgresql; pip install -e .[server])"
        )
    server = LiveServer(db).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def fuzz_laptop(fuzz_server):
    """An enrolled laptop, so batch bodies get past authentication into apply_batch."""
    client = httpx.Client(base_url=fuzz_server.url, timeout=30)
    laptop = Laptop(client, "fuzz").enroll(fuzz_server.code())
    yield laptop
    client.close()


def _check(case, server: LiveServer, laptop: Laptop) -> None:
    if case.path == "/api/v1/batches" and case.method.upper() == "POST":
        # Also send the generated body signed by the enrolled laptop, so it reaches apply_batch.
        body = case.body
        if isinstance(body, dict):
            body = dict(body, device_id=laptop.device_id)
            changes = body.get("changes")
            if isinstance(changes, list) and all(isinstance(c, dict) for c in changes):
                # Number the generated changes like a laptop would, to get past the envelope.
                body["changes"] = [
                    dict(c, seq=i, origin_device=laptop.device_id)
                    for i, c in enumerate(changes, start=1)
                ]
                body.update(seq_from=1, seq_to=max(1, len(changes)), batch_id=str(uuid.uuid4()))
        try:
            raw = json.dumps(body).encode()
        except (TypeError, ValueError):
            raw = b"not json"
        signed = laptop.post_body(raw)
        print(
            "SIGNED",
            signed.status_code,
            signed.json().get("error", {}).get("code")
            if signed.status_code != 200
            else [r["status"] + ":" + str(r.get("reason")) for r in signed.json()["results"]],
        )
        assert signed.status_code < 500, signed.text
    response = case.call(base_url=server.url)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert "code" in response.json()["error"]


# schemathesis' own pytest plugin does not run under pytest 9 yet, so the generated cases are
# driven with plain hypothesis: every operation, valid and invalid data, a bounded number each.
@pytest.mark.slow
@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_no_generated_request_gets_a_server_error(fuzz_server, fuzz_laptop, mode):
    schema = schemathesis.openapi.from_url(fuzz_server.url + "/openapi.json")
    generation_mode = schemathesis.GenerationMode(mode)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/v1/batches", "/api/v1/changes"}
    unsatisfiable: list[str] = []
    for operation in operations:

        @settings(
            max_examples=int(os.environ.get("TANTAY_FUZZ_EXAMPLES", "25")),
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode))
        def run(case):
            _check(case, fuzz_server, fuzz_laptop)

        try:
            run()
        except Unsatisfiable:
            # schemathesis found no way to make invalid data for this operation
            assert mode == "negative", operation.label
            unsatisfiable.append(operation.label)
    assert len(unsatisfiable) < len(operations) - 1, unsatisfiable
