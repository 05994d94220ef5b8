"""End-to-end: a real uvicorn server on loopback, laptops talking to it over httpx."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from server_helpers import BA_DINH, HOAN_KIEM, NGOC_HA, Laptop, household, new_id

from city_server.enrollment import create_enrollment_code
from desktop_app.core.canonical import canonical_json
from desktop_app.core.protocol import (
    MAX_BODY_BYTES,
    ReceiptInvalid,
    verify_document,
    verify_receipt,
)


def error_code(response: httpx.Response) -> str:
    """The ``error.code`` of a refusal."""
    return response.json()["error"]["code"]


def statuses(response: httpx.Response) -> list[str]:
    """The per-record statuses of a receipt."""
    return [r["status"] for r in response.json()["results"]]


# --- health and enrolment ----------------------------------------------------------------------


def test_health_names_protocols_and_key(http, live_server):
    data = http.get("/api/v1/health").json()
    assert data["status"] == "ok"
    assert data["protocols"] == [1]
    assert data["server_sign_public_key"] == live_server.storage.server_keys().sign_public_b64


def test_enrolment_code_works_once(http, live_server):
    code = live_server.code(HOAN_KIEM, BA_DINH)
    first = Laptop(http, "A").enroll_request(code)
    assert first.status_code == 200
    data = first.json()
    assert data["communes"] == [BA_DINH, HOAN_KIEM]
    assert data["server_box_public_key"] and data["token"] and data["device_id"]
    again = Laptop(http, "B").enroll_request(code)
    assert again.status_code == 403
    assert error_code(again) == "enrollment_code_used"
    # Typed in lower case with spaces instead of dashes is the same (used) code.
    typed = Laptop(http, "C").enroll_request(code.lower().replace("-", " "))
    assert error_code(typed) == "enrollment_code_used"


def test_a_code_for_another_commune_is_refused_and_stays_unused(http, live_server):
    """Revision 10: a laptop names the commune it records; a code for others is refused before
    it is used (the nineteenth tryout: a wrong code was used up, and left a device to revoke)."""
    code = live_server.code(BA_DINH)
    wrong = Laptop(http, "A").enroll_request(code, commune=HOAN_KIEM)
    assert wrong.status_code == 409
    assert wrong.json()["error"]["code"] == "enrollment_code_other_commune"
    assert wrong.json()["error"]["communes"] == [BA_DINH]
    assert live_server.storage.list_devices() == []
    right = Laptop(http, "B").enroll_request(code, commune=BA_DINH)
    assert right.status_code == 200 and right.json()["communes"] == [BA_DINH]
    assert Laptop(http, "C").enroll_request(code, commune=BA_DINH).status_code == 403  # used
    # a laptop before revision 10 does not say: enrolled as before
    assert Laptop(http, "D").enroll_request(live_server.code(BA_DINH)).status_code == 200
    bad = Laptop(http, "E").enroll_request(live_server.code(BA_DINH), commune="Ba Đình")
    assert bad.status_code == 400 and error_code(bad) == "invalid_request"


def test_expired_code_is_refused(http, live_server):
    code = create_enrollment_code(
        live_server.storage, [HOAN_KIEM], now=datetime.now(UTC) - timedelta(days=8)
    )
    response = Laptop(http).enroll_request(code)
    assert response.status_code == 403
    assert error_code(response) == "enrollment_code_expired"


def test_bad_public_key_is_refused(http, live_server):
    response = http.post(
        "/api/v1/enroll",
        json={
            "code": live_server.code(),
            "device_name": "x",
            "sign_public_key": "bm90IGEga2V5",
            "box_public_key": "bm90IGEga2V5",
        },
    )
    assert response.status_code == 400
    assert error_code(response) == "invalid_key"


def test_ten_failed_enrolments_then_429(http, live_server):
    laptop = Laptop(http)
    for _ in range(10):
        assert laptop.enroll_request("WRONG-CODE").status_code == 403
    limited = laptop.enroll_request(live_server.code())
    assert limited.status_code == 429
    assert error_code(limited) == "rate_limited"
    assert int(limited.headers["Retry-After"]) > 0


# --- push ---------------------------------------------------------------------------------------


def test_push_is_accepted_with_a_signed_receipt(make_laptop, live_server):
    a = make_laptop("A")
    hid = new_id()
    batch_changes = [a.change("household", hid, 1, household())]
    response = a.push(batch_changes, batch_id="b-1")
    assert response.status_code == 200, response.text
    receipt = response.json()
    assert receipt["batch_id"] == "b-1" and receipt["device_id"] == a.device_id
    assert receipt["results"] == [
        {"seq": 1, "entity": "household", "id": hid, "status": "accepted", "version": 1}
    ]
    assert receipt["server_seq"] >= 1
    verify_receipt(receipt, a.server_key, a.batch(batch_changes, "b-1"))
    tampered = dict(receipt, server_seq=receipt["server_seq"] + 1)
    with pytest.raises(ReceiptInvalid):
        verify_receipt(tampered, a.server_key)
    assert live_server.storage.stats()["records"]["household"] == 1


def test_same_batch_again_gets_identical_receipt_bytes(make_laptop, live_server):
    a = make_laptop("A")
    body = canonical_json(a.batch([a.change("household", new_id(), 1, household())], "b-1"))
    first = a.post_body(body)
    second = a.post_body(body)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    stats = live_server.storage.stats()
    assert stats["batches"] == 1 and stats["records"]["household"] == 1
    # The same batch re-serialised with other key order and spacing is still the same batch.
    third = a.post_body(json.dumps(json.loads(body), indent=2).encode())
    assert third.content == first.content


def test_batch_id_reused_for_other_content_is_409(make_laptop, live_server):
    a = make_laptop("A")
    assert a.push([a.change("household", new_id(), 1, household())], "b-1").status_code == 200
    other = a.push([a.change("household", new_id(), 1, household())], "b-1")
    assert other.status_code == 409
    assert error_code(other) == "batch_id_reused"
    assert live_server.storage.stats()["records"]["household"] == 1


def test_same_change_in_a_new_batch_is_duplicate(make_laptop):
    a = make_laptop("A")
    change = a.change("household", new_id(), 1, household())
    assert statuses(a.push([change])) == ["accepted"]
    again = a.push([change])
    assert again.json()["results"][0] == {
        "seq": 1,
        "entity": "household",
        "id": change["id"],
        "status": "duplicate",
        "version": 1,
        "server_fields": change["fields"],
        "server_deleted": False,
    }


def _shared_household(a: Laptop, b: Laptop) -> tuple[str, dict]:
    hid = new_id()
    assert statuses(a.push([a.change("household", hid, 1, household())])) == ["accepted"]
    pulled = b.pull_all()
    assert [c["id"] for c in pulled] == [hid]
    return hid, pulled[0]


def test_conflict_against_base_version_keeps_server_record(make_laptop, live_server):
    a, b = make_laptop("A"), make_laptop("B")
    hid, _ = _shared_household(a, b)
    assert statuses(a.push([a.change("household", hid, 2, household(address="Ngõ 12 mới"))])) == [
        "accepted"
    ]
    result = b.push([b.change("household", hid, 2, household(address="Số 7"))]).json()["results"][0]
    assert result["status"] == "conflict"
    assert result["reason"] == "fields_overlap"
    assert result["conflict_fields"] == ["address"]
    assert result["server_version"] == 2
    assert result["server_fields"]["address"] == "Ngõ 12 mới"
    with live_server.storage.batch_transaction() as tx:
        assert tx.get_record("household", hid).fields["address"] == "Ngõ 12 mới"
    assert live_server.storage.stats()["conflicts"] == 1


def test_edits_of_different_fields_merge(make_laptop, live_server):
    a, b = make_laptop("A"), make_laptop("B")
    hid, _ = _shared_household(a, b)
    a.push([a.change("household", hid, 2, household(address="Ngõ 12 mới"))])
    result = b.push([b.change("household", hid, 2, household(notes="Cụ ở một mình"))]).json()
    merged = result["results"][0]
    assert merged["status"] == "accepted" and merged["merged"] is True
    assert merged["version"] == 3
    assert merged["server_fields"]["address"] == "Ngõ 12 mới"
    assert merged["server_fields"]["notes"] == "Cụ ở một mình"
    # A sees the merged version when it pulls.
    pulled = a.pull_all()
    assert [(c["version"], c["fields"]["notes"]) for c in pulled] == [(3, "Cụ ở một mình")]
    assert live_server.storage.stats()["conflicts"] == 0


def test_tombstone_reaches_the_other_device(make_laptop, live_server):
    a, b = make_laptop("A"), make_laptop("B")
    hid, first = _shared_household(a, b)
    response = a.push([a.change("household", hid, 2, household(), deleted=True)])
    assert statuses(response) == ["accepted"]
    pulled = b.pull_all(since=first["server_seq"])
    assert len(pulled) == 1
    assert pulled[0]["deleted"] is True and pulled[0]["version"] == 2
    assert live_server.storage.stats()["records"]["household"] == 0


def test_pull_is_scoped_ordered_and_excludes_own_changes(make_laptop):
    a = make_laptop("A", HOAN_KIEM, BA_DINH)
    b = make_laptop("B", HOAN_KIEM)
    c = make_laptop("C", NGOC_HA)
    mine = b.change("household", new_id(), 1, household())
    b.push([mine])
    a.push(
        [
            a.change("household", new_id(), 1, household(HOAN_KIEM)),
            a.change("household", new_id(), 1, household(BA_DINH), commune=BA_DINH),
            a.change("household", new_id(), 1, household(HOAN_KIEM)),
        ]
    )
    pulled = b.pull_all()
    assert [p["commune_code"] for p in pulled] == [HOAN_KIEM, HOAN_KIEM]
    assert mine["id"] not in {p["id"] for p in pulled}
    seqs = [p["server_seq"] for p in pulled]
    assert seqs == sorted(set(seqs))
    assert c.pull_all() == []
    page = a.pull().json()
    assert [p["id"] for p in page["changes"]] == [mine["id"]]
    verify_document(page, a.server_key)
    # The cursor only moves forward.
    assert b.pull(since=seqs[-1]).json() | {"signature": ""} == {
        "device_id": b.device_id,
        "since": seqs[-1],
        "changes": [],
        "next": seqs[-1],
        "more": False,
        "server_seq": page["server_seq"],
        "signature": "",
    }


@pytest.mark.slow
def test_a_thousand_changes_with_one_timestamp_page_without_loss(make_laptop):
    a, b = make_laptop("A"), make_laptop("B")
    ids = [new_id() for _ in range(1000)]
    response = a.push([a.change("household", i, 1, household()) for i in ids])
    assert statuses(response) == ["accepted"] * 1000
    since, seen, pages = 0, [], 0
    while True:
        page = b.pull(since=since, limit=300).json()
        pages += 1
        seen += page["changes"]
        assert all(c["server_seq"] > since for c in page["changes"])
        since = page["next"]
        if not page["more"]:
            break
    assert pages == 4
    assert sorted(c["id"] for c in seen) == sorted(ids)
    seqs = [c["server_seq"] for c in seen]
    assert seqs == sorted(set(seqs))


# --- refusals -----------------------------------------------------------------------------------


def test_unknown_device_is_401(make_laptop, http):
    stranger = Laptop(http)
    stranger.device_id, stranger.token = new_id(), "nope"
    response = stranger.push([stranger.change("household", new_id(), 1, household())])
    assert response.status_code == 401 and error_code(response) == "unknown_device"
    no_auth = http.post("/api/v1/batches", content=b"{}")
    assert no_auth.status_code == 401 and error_code(no_auth) == "unauthenticated"
    a = make_laptop("A")
    a.token = "wrong"
    assert error_code(a.push([])) == "bad_token"


def test_revoked_device_is_403(make_laptop, live_server):
    a = make_laptop("A")
    live_server.storage.revoke_device(a.device_id, datetime.now(UTC).isoformat())
    response = a.push([a.change("household", new_id(), 1, household())])
    assert response.status_code == 403 and error_code(response) == "device_revoked"
    assert a.pull().status_code == 403
    assert live_server.storage.stats()["batches"] == 0


def test_bad_signature_is_401_and_nothing_applied(make_laptop, live_server):
    a = make_laptop("A")
    body = canonical_json(a.batch([a.change("household", new_id(), 1, household())]))
    forged = a.headers(body + b" ")
    response = a.http.post("/api/v1/batches", content=body, headers=forged)
    assert response.status_code == 401 and error_code(response) == "bad_signature"
    pull = a.http.get("/api/v1/changes?since=0", headers=a.headers(b"GET /api/v1/changes?since=5"))
    assert pull.status_code == 401 and error_code(pull) == "bad_signature"
    assert live_server.storage.stats()["batches"] == 0


def test_malformed_json_is_400(make_laptop):
    a = make_laptop("A")
    for body in (b"{not json", b"\xff\xfe", b'{"a": NaN}'):
        response = a.post_body(body)
        assert response.status_code == 400 and error_code(response) == "malformed_json"
    response = a.post_body(b"[1, 2]")
    assert response.status_code == 400 and error_code(response) == "invalid_batch"


def test_unknown_protocol_is_400(make_laptop, live_server):
    a = make_laptop("A")
    for protocol in (0, 2, "1", None):
        response = a.push([a.change("household", new_id(), 1, household())], protocol=protocol)
        assert response.status_code == 400
        assert error_code(response) == "unsupported_protocol"
    assert live_server.storage.stats()["batches"] == 0


def test_oversized_body_is_413_before_parsing(make_laptop):
    a = make_laptop("A")
    big = b"x" * (MAX_BODY_BYTES + 1)
    response = a.post_body(big)
    assert response.status_code == 413 and error_code(response) == "body_too_large"

    def chunks():  # no Content-Length: the streamed size is what counts
        for _ in range(9):
            yield b"x" * (1024 * 1024)

    streamed = a.http.post("/api/v1/batches", content=chunks(), headers=a.headers(b""))
    assert streamed.status_code == 413 and error_code(streamed) == "body_too_large"


def test_more_than_1000_changes_is_413(make_laptop, live_server):
    a = make_laptop("A")
    changes = [a.change("household", new_id(), 1, household()) for _ in range(1001)]
    response = a.push(changes)
    assert response.status_code == 413 and error_code(response) == "too_many_changes"
    assert live_server.storage.stats()["records"]["household"] == 0


def test_record_for_another_commune_is_rejected_others_accepted(make_laptop, live_server):
    a = make_laptop("A", HOAN_KIEM)
    good, foreign = new_id(), new_id()
    response = a.push(
        [
            a.change("household", good, 1, household()),
            a.change("household", foreign, 1, household(NGOC_HA), commune=NGOC_HA),
            a.change("unicorn", new_id(), 1, {}),
            a.change("household", "NOT-A-UUID", 1, household()),
            a.change("person", new_id(), 1, {"household_id": good}),
        ]
    )
    results = response.json()["results"]
    assert [(r["status"], r.get("reason")) for r in results] == [
        ("accepted", None),
        ("rejected", "commune_not_enrolled"),
        ("rejected", "unknown_entity"),
        ("rejected", "invalid_id"),
        ("rejected", "missing_fields"),
    ]
    assert all(r["retryable"] is False for r in results[1:])
    stats = live_server.storage.stats()
    assert stats["records"]["household"] == 1 and stats["rejected_total"] == 4
    assert stats["rejected"] == {
        "commune_not_enrolled": 1,
        "unknown_entity": 1,
        "invalid_id": 1,
        "missing_fields": 1,
    }
    assert stats["quarantined"] == stats["rejected"]  # none of them is worth sending again


def test_invalid_query_is_400_not_500(make_laptop):
    a = make_laptop("A")
    for target in (
        "/api/v1/changes?since=-1",
        "/api/v1/changes?limit=0",
        "/api/v1/changes?since=x",
    ):
        response = a.get(target)
        assert response.status_code == 400 and error_code(response) == "invalid_request"
    assert error_code(a.http.get("/nowhere")) == "not_found"


# --- concurrency, gaps, CLI ---------------------------------------------------------------------


def test_same_batch_from_many_threads_is_applied_once(make_laptop, live_server):
    a = make_laptop("A")
    body = canonical_json(
        a.batch([a.change("household", new_id(), 1, household()) for _ in range(50)], "race")
    )
    barrier = threading.Barrier(8)
    responses: list[httpx.Response] = []

    def send():
        with httpx.Client(base_url=live_server.url, timeout=30) as client:
            barrier.wait()
            responses.append(client.post("/api/v1/batches", content=body, headers=a.headers(body)))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.status_code for r in responses] == [200] * 8
    assert len({r.content for r in responses}) == 1
    stats = live_server.storage.stats()
    assert stats["batches"] == 1 and stats["records"]["household"] == 50
    assert live_server.storage.max_server_seq() == 50


def test_gaps_show_missing_sequence_ranges(make_laptop, live_server):
    a = make_laptop("A")
    changes = [a.change("household", new_id(), 1, household()) for _ in range(9)]
    a.push(changes[:3])
    a.push(changes[6:])
    response = a.get(f"/api/v1/devices/{a.device_id}/gaps")
    assert response.status_code == 200
    data = response.json()
    assert data["gaps"] == [[4, 6]] and data["last_seq_seen"] == 9
    verify_document(data, a.server_key)
    assert a.get(f"/api/v1/devices/{new_id()}/gaps").status_code == 403
    a.push(changes[3:6])
    assert a.get(f"/api/v1/devices/{a.device_id}/gaps").json()["gaps"] == []


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "city_server", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env} if env else None,
    )


def test_cli_code_stats_revoke_gaps(tmp_path, http, live_server):
    db = str(live_server.db_path)
    made = _cli("enrollment-code", "--db", db, "--commune", HOAN_KIEM)
    assert made.returncode == 0, made.stderr
    a = Laptop(http, "A").enroll(made.stdout.strip())
    a.push([a.change("household", new_id(), 1, household())])
    a.push([a.change("household", new_id(), 1, household(NGOC_HA), commune=NGOC_HA)])
    a.seq += 2
    a.push([a.change("visit", new_id(), 1, {"household_id": new_id(), "visitor": "Lan"})])

    stats = _cli("stats", "--db", db)
    assert stats.returncode == 0, stats.stderr
    data = json.loads(stats.stdout)
    assert list(data) == [
        "devices",
        "devices_revoked",
        "batches",
        "records",
        "conflicts",
        "rejected",
        "rejected_total",
        "quarantined",
        "duplicate_citizen_ids",
        "duplicate_citizen_ids_across_communes",
        "identity_merges",
    ]
    assert data["devices"] == 1 and data["devices_revoked"] == 0 and data["batches"] == 3
    assert data["conflicts"] == 0 and data["rejected_total"] == 2
    assert data["rejected"] == {"commune_not_enrolled": 1, "missing_fields": 1}
    assert data["quarantined"] == data["rejected"]
    assert data["duplicate_citizen_ids"] == 0
    assert {"household", "person", "visit"} <= set(data["records"])
    assert data["records"]["household"] == 1 and data["records"]["person"] == 0

    gaps = json.loads(_cli("gaps", "--db", db).stdout)
    assert gaps[a.device_id]["gaps"] == [[3, 4]]
    assert _cli("gaps", "--db", db, new_id()).returncode == 1

    # by the first 8 characters of its id, as the laptop's and the import's messages show it
    # (the nineteenth tryout: "no such device: 8df4b740")
    done = _cli("revoke-device", "--db", db, a.device_id[:8])
    assert done.returncode == 0 and f"Đã thu hồi máy {a.device_id}" in done.stdout
    assert a.push([a.change("household", new_id(), 1, household())]).status_code == 403
    assert json.loads(_cli("stats", "--db", db).stdout)["devices_revoked"] == 1
    nobody = _cli("revoke-device", "--db", db, "nobody")
    assert nobody.returncode == 1
    assert "Không có máy nào mã nobody" in nobody.stderr and "no such device" in nobody.stderr
    assert _cli("revoke-device", "--db", db, a.device_id[:4]).returncode == 1  # too short
    bad = _cli("enrollment-code", "--db", db, "--commune", "12")
    assert bad.returncode == 2


def test_the_operators_command_line_checks_like_the_admin_page_and_writes_the_log(
    http, live_server
):
    """The seventh tryout: `user add` silently turned an analyst into an admin, codes were made
    for commune 99999 and for 400 days, and nothing the command line did reached the log."""
    from city_server.dashboard.pages import audit_sentence

    db = str(live_server.db_path)
    storage = live_server.storage

    def logged(kind: str) -> list[str]:
        entries, _ = storage.dash_audit_page(None, kind, None, None, 50, 0)
        assert all(e["user"].startswith("cli:") for e in entries)
        return [audit_sentence(e, "vi", {}) for e in entries]

    for bad in (["--commune", "99999"], ["--commune", HOAN_KIEM, "--valid-days", "400"]):
        refused = _cli("enrollment-code", "--db", db, *bad)
        assert refused.returncode == 2 and not refused.stdout
    assert "99999" in _cli("enrollment-code", "--db", db, "--commune", "99999").stderr
    assert logged("enrollment_code") == []
    made = _cli("enrollment-code", "--db", db, "--commune", HOAN_KIEM, "--valid-days", "3")
    assert made.returncode == 0, made.stderr
    label = made.stderr.split("reference ", 1)[1].split()[0]
    [sentence] = logged("enrollment_code")
    assert "Phường Hoàn Kiếm" in sentence and "3 ngày" in sentence and label in sentence

    password = {"TANTAY_PASSWORD": "analyst-pass-1"}
    assert (
        _cli("user", "add", "ana", "--role", "city_analyst", "--db", db, **password).returncode == 0
    )
    for name in ("ana", "ana ", "ANA"):
        again = _cli("user", "add", name, "--role", "city_admin", "--db", db, **password)
        assert again.returncode == 2, again.stdout
        assert storage.dash_user("ana")["role"] == "city_analyst"
    assert "--reset" in again.stderr
    reset = _cli("user", "add", "ana", "--role", "city_admin", "--reset", "--db", db, **password)
    assert reset.returncode == 0, reset.stderr
    assert "city_analyst → city_admin" in reset.stdout
    assert storage.dash_user("ana")["role"] == "city_admin"
    assert [len(logged(k)) for k in ("account_added", "password_reset", "account_role")] == [
        1,
        1,
        1,
    ]
    assert "«ana»" in logged("account_role")[0]

    a = Laptop(http, "Máy của Lan").enroll(made.stdout.strip())
    assert _cli("revoke-device", "--db", db, a.device_id).returncode == 0
    twice = _cli("revoke-device", "--db", db, a.device_id)
    assert twice.returncode == 0 and "already revoked" in twice.stdout
    assert logged("revoke_device") == ["cli:" + logged_user() + " thu hồi máy «Máy của Lan»"]


def logged_user() -> str:
    import getpass

    return getpass.getuser()


def test_oversized_enrolment_body_is_413(http):
    def chunks():
        for _ in range(9):
            yield b" " * (1024 * 1024)

    response = http.post(
        "/api/v1/enroll", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413 and error_code(response) == "body_too_large"
    sized = http.post("/api/v1/enroll", content=b" " * (MAX_BODY_BYTES + 1))
    assert sized.status_code == 413


def test_a_city_it_person_makes_codes_for_many_laptops_in_one_command(tmp_path, http, live_server):
    """The seventh tryout's admin with 1,306 laptops had to run the command once per laptop."""
    import csv
    import stat

    db = str(live_server.db_path)
    storage = live_server.storage

    def audited_refs() -> list[str]:
        entries, _ = storage.dash_audit_page(None, "enrollment_code", None, None, 100, 0)
        return [e["detail"]["ref"] for e in entries]

    for count in ("0", "501", "ba"):
        refused = _cli("enrollment-code", "--db", db, "--commune", HOAN_KIEM, "--count", count)
        assert refused.returncode == 2 and not refused.stdout
        assert "1" in refused.stderr and "500" in refused.stderr
    assert audited_refs() == [] and storage.dash_enrollment_codes() == []

    printed = _cli("enrollment-code", "--db", db, "--commune", HOAN_KIEM, "--count", "3")
    assert printed.returncode == 0, printed.stderr
    codes = printed.stdout.split()
    assert len(codes) == len(set(codes)) == 3
    assert "3 codes for Phường Hoàn Kiếm" in printed.stderr and "3 mã cho" in printed.stderr
    laptops = [Laptop(http, f"L{i}").enroll(code) for i, code in enumerate(codes)]
    assert len({laptop.device_id for laptop in laptops}) == 3

    sheet = tmp_path / "ma-dang-ky.csv"
    written = _cli(
        "enrollment-code", "--db", db, "--communes", f"{NGOC_HA},{HOAN_KIEM}", "--count", "4",
        "--csv", str(sheet), "--valid-days", "10",
    )  # fmt: skip
    assert written.returncode == 0, written.stderr
    assert written.stdout == ""  # the codes are in the file only
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel's UTF-8 mark
    with sheet.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    # headings in the command line's language (Vietnamese unless TANTAY_LANG=en)
    assert table[0] == [
        "Mã đăng ký",
        "Mã tham chiếu",
        "Mã xã, phường",
        "Xã, phường",
        "Hiệu lực đến",
    ]
    keys = ["code", "reference", "commune_codes", "communes", "valid_until"]
    rows = [dict(zip(keys, row, strict=True)) for row in table[1:]]
    assert len(rows) == 4 and len({r["code"] for r in rows}) == 4
    assert {r["commune_codes"] for r in rows} == {f"{NGOC_HA} {HOAN_KIEM}"}
    assert all("Phường Hoàn Kiếm" in r["communes"] and "Phường Ngọc Hà" in r["communes"]
               for r in rows)  # fmt: skip
    # the file says Hà Nội time (the machine's zone may be a day behind after 17:00 UTC)
    stamp = (
        (datetime.now(UTC) + timedelta(days=10))
        .astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
        .strftime("%Y-%m-%d")
    )
    assert all(r["valid_until"].startswith(stamp) for r in rows)
    # every code in the file works, and the admin page's log names each by its reference
    both = Laptop(http, "both").enroll(rows[0]["code"])
    assert both.device_id
    refs = audited_refs()
    assert len(refs) == 7 and len(set(refs)) == 7
    assert {r["reference"] for r in rows} == {ref[:8] for ref in refs[:4]}

    # a name ending in .xlsx: a workbook, which any Excel opens in columns (a CSV's commas are
    # one column where the list separator is ";", as in Windows set to Vietnamese)
    from openpyxl import load_workbook

    book_path = tmp_path / "ma-dang-ky.xlsx"
    booked = _cli(
        "enrollment-code", "--db", db, "--commune", "Ngọc Hà", "--count", "2",
        "--csv", str(book_path),
    )  # fmt: skip
    assert booked.returncode == 0, booked.stderr
    assert booked.stdout == "" and "trong tệp" in booked.stderr
    assert stat.S_IMODE(book_path.stat().st_mode) == 0o600
    cells = [[c.value for c in r] for r in load_workbook(book_path).active.iter_rows()]
    assert cells[0] == table[0] and len(cells) == 3
    assert [r[2] for r in cells[1:]] == [NGOC_HA, NGOC_HA]  # text, never the number 8
    assert Laptop(http, "from-xlsx").enroll(cells[1][0]).device_id
    assert len(audited_refs()) == 9  # the workbook's two codes are logged too

    again = _cli("enrollment-code", "--db", db, "--commune", HOAN_KIEM, "--csv", str(sheet))
    assert again.returncode == 2 and "đã có: hãy chọn tên khác" in again.stderr
    missing = _cli(
        "enrollment-code",
        "--db",
        db,
        "--commune",
        HOAN_KIEM,
        "--csv",
        str(tmp_path / "x" / "a.csv"),
    )
    assert missing.returncode == 2 and "thư mục có chưa?" in missing.stderr
    made = storage.dash_enrollment_codes()
    assert len(audited_refs()) == len(made) == 9  # none made by the refused commands
    assert sum(1 for c in made if c["used_at"] is None) == 4
    # one code, the commune typed without its tone marks: the line says which commune it is for
    one = _cli("enrollment-code", "--db", db, "--commune", "hoan kiem")
    assert one.returncode == 0 and one.stderr.startswith("mã cho Phường Hoàn Kiếm, mã tham chiếu")
    assert "code for Phường Hoàn Kiếm, reference" in one.stderr


def test_the_operators_commands_take_names_refuse_a_mistyped_db_and_say_hanoi_time(
    tmp_path, live_server
):
    """The eighth tryout: a typo in --db made a new empty database and printed a code that could
    never work; --commune "Ngọc Hà" was refused; the expiry was printed in the machine's zone."""

    db = str(live_server.db_path)
    storage = live_server.storage
    typo = tmp_path / "citi.db"
    for command in (
        ["enrollment-code", "--db", str(typo), "--commune", NGOC_HA],
        ["stats", "--db", str(typo)],
        ["officer-code", "--db", str(typo), "--commune", NGOC_HA],
    ):
        refused = _cli(*command)
        assert refused.returncode == 2 and not refused.stdout
        # in the command line's language only (the ninth tryout's mixed lines)
        assert "không có tệp cơ sở dữ liệu" in refused.stderr, refused.stderr
        assert "no database file" not in refused.stderr
        english = _cli(*command, TANTAY_LANG="en")
        assert english.returncode == 2 and "no database file" in english.stderr
        assert "không có tệp" not in english.stderr
    assert not typo.exists()

    before = len(storage.dash_enrollment_codes())
    started = datetime.now(UTC)
    for typed, communes in (
        ("ngoc ha", [NGOC_HA]),
        ("P. Ngọc Hà", [NGOC_HA]),
        ("Phường Ngọc Hà, hoàn kiếm", sorted([NGOC_HA, HOAN_KIEM])),
    ):
        made = _cli("enrollment-code", "--db", db, "--communes", typed, TZ="UTC")
        assert made.returncode == 0, made.stderr
        newest = max(storage.dash_enrollment_codes(), key=lambda c: c["created_at"])
        assert newest["communes"] == communes, typed
    hours = {  # the hour the last code ends, in Hà Nội (either side of an hour's turn)
        (moment + timedelta(days=7)).astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%Y-%m-%d %H:")
        for moment in (started, datetime.now(UTC))
    }  # fmt: skip
    assert any(f"valid until {h}" in made.stderr for h in hours), made.stderr
    assert "(Hà Nội time)" in made.stderr
    assert "(giờ Hà Nội)" in made.stderr

    wrong = _cli("enrollment-code", "--db", db, "--commune", "Ngoc Haa")
    assert wrong.returncode == 2 and "«Ngoc Haa»" in wrong.stderr
    wrong = _cli("enrollment-code", "--db", db, "--commune", "Ngoc Haa", TANTAY_LANG="en")
    assert wrong.returncode == 2 and "“Ngoc Haa”" in wrong.stderr
    assert len(storage.dash_enrollment_codes()) == before + 3
