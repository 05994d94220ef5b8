"""Issue 12, finding 2: a verification counts only with the officer's own signature.

The adversarial review unwrapped the database key with a volunteer's password, ran
``UPDATE user SET role='police_officer'``, recorded a "verified" verification, and the server took
it. Now the officer's key is wrapped under the officer's password only, registered with the
server (officer code, revocable), and both the server and every laptop check the signature.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from city_server import officers as server_officers
from desktop_app.core import officer_keys
from desktop_app.core.errors import PermissionDenied
from desktop_app.core.ids import new_id
from desktop_app.core.keys import generate_sign_key, public_b64
from desktop_app.core.protocol import sign_document
from desktop_app.store import db as dbmod
from desktop_app.store.keyfile import KeyFile
from desktop_app.store.store import Store
from desktop_app.store.sync_access import for_sync
from desktop_app.sync.client import SyncClient
from desktop_app.sync.officers import OfficerEnrollmentError, enroll_officer

PASSWORD = "demo1234"


@pytest.fixture
def laptop_dir(_demo_template, tmp_path, city):
    d = tmp_path / "laptop"
    shutil.copytree(_demo_template, d)
    admin = Store.open(d, "admin", PASSWORD)
    SyncClient(admin).enroll(city.url, city.code("00070"), "Laptop")
    admin.close()
    return d


@pytest.fixture
def officer(laptop_dir, city):
    store = Store.open(laptop_dir, "officer", PASSWORD)
    enroll_officer(store, PASSWORD, server_officers.create_officer_code(city.storage, ["00070"]))
    yield store
    store.close()


def _person(store):
    return store.db.execute(
        "SELECT id FROM person WHERE deleted = 0 AND citizen_id IS NOT NULL ORDER BY id LIMIT 1"
    ).fetchone()[0]


def _server_verifications(city):
    return (
        city.storage._conn()
        .execute("SELECT id FROM records WHERE entity = 'identity_verification'")
        .fetchall()
    )


def _rejections(city):
    return [
        r[0]
        for r in city.storage._conn().execute(
            "SELECT reason FROM rejected WHERE entity = 'identity_verification'"
        )
    ]


def test_a_signed_verification_counts_everywhere(officer, city):
    pid = _person(officer)
    record = officer.record_verification(pid, "chip_card", "verified")
    assert record["officer_signature"] and record["officer_cert"]
    assert officer.verifications_for(pid)[0]["counts"] is True
    assert pid not in {q["person_id"] for q in officer.verification_queue()}
    SyncClient(officer).sync()
    assert [r[0] for r in _server_verifications(city)] == [record["id"]]
    assert _rejections(city) == []


def test_the_officer_key_is_not_under_the_database_key(officer, laptop_dir):
    """The key file holds the officer's key wrapped under the officer's password: the database
    key (which a volunteer can unwrap) opens nothing there."""
    keyfile = KeyFile.load(laptop_dir / "tantay.keys")
    assert keyfile.officer_key("officer", PASSWORD) is not None
    assert keyfile.officer_key("officer", "wrong-password") is None
    raw_db_key = keyfile.unlock("volunteer", PASSWORD)
    assert keyfile.officer_key("officer", raw_db_key.hex()) is None


def _volunteer_promotes_itself(laptop_dir) -> Store:
    """The attack: the volunteer's password unwraps the database key; with it, the raw database
    says the volunteer is a police officer."""
    key = KeyFile.load(laptop_dir / "tantay.keys").unlock("volunteer", PASSWORD)
    raw = dbmod.connect(laptop_dir / "tantay.db", key)
    with raw.atomic():
        raw.execute("UPDATE user SET role = 'police_officer' WHERE username = 'volunteer'")
    raw.close()
    return Store.open(laptop_dir, "volunteer", PASSWORD)


def test_a_verification_forged_with_the_database_key_is_refused_and_shown_unverified(
    officer, laptop_dir, city
):
    pid = _person(officer)
    officer.close()
    forger = _volunteer_promotes_itself(laptop_dir)
    forged = forger.record_verification(pid, "chip_card", "verified")
    assert forged["officer_signature"] is None  # no officer key: nothing to sign with
    history = forger.verifications_for(pid)
    assert history[0]["counts"] is False and history[0]["signature_problem"]
    assert pid in {q["person_id"] for q in forger.verification_queue()}
    SyncClient(forger).sync()
    assert _server_verifications(city) == []
    assert _rejections(city) == [officer_keys.UNSIGNED]
    assert any(q["entity"] == "identity_verification" for q in forger.quarantined())
    forger.close()


def _forged_fields(store, pid, cert_text, signing_key, record_id):
    fields = {
        "person_id": pid,
        "household_id": store.person(pid)["household_id"],
        "officer": "officer",
        "verified_at": datetime.now(UTC).isoformat(),
        "method": "chip_card",
        "result": "verified",
        "mismatched_fields": [],
        "proposed_values": {},
        "note": "",
        "officer_cert": cert_text,
    }
    fields["officer_signature"] = officer_keys.sign_verification(signing_key, record_id, fields)
    return fields


@pytest.mark.parametrize("how", ["own_certificate", "stolen_certificate"])
def test_forged_signatures_are_refused_by_the_server_and_the_laptop(officer, city, how):
    """A forger signs with a key of their own: under a certificate they made themselves, or
    under the real officer's certificate copied from the database."""
    pid = _person(officer)
    forger_key = generate_sign_key()
    if how == "own_certificate":
        fake_server = generate_sign_key()
        doc = officer_keys.make_certificate_document(
            "officer", "officer", public_b64(forger_key), ["00070"], "2026-01-01T00:00:00+00:00"
        )
        cert_text = officer_keys.certificate_text(sign_document(doc, fake_server))
        expected = officer_keys.BAD_CERT
    else:
        cert_text = officer._officer_cert
        expected = officer_keys.BAD_SIGNATURE
    record_id = new_id()
    fields = _forged_fields(officer, pid, cert_text, forger_key, record_id)
    # written straight into the database, change capture and all, as a forger with the key can
    with officer.db.atomic():
        officer._insert("identity_verification", {**fields, "id": record_id})
    mine = [v for v in officer.verifications_for(pid) if v["id"] == record_id][0]
    assert mine["counts"] is False and mine["signature_problem"] == expected
    SyncClient(officer).sync()
    assert _rejections(city) == [expected]
    assert _server_verifications(city) == []


def test_a_forged_verification_arriving_by_pull_is_not_verified(officer):
    pid = _person(officer)
    record_id = new_id()
    fields = _forged_fields(officer, pid, officer._officer_cert, generate_sign_key(), record_id)
    change = {
        "entity": "identity_verification",
        "id": record_id,
        "version": 1,
        "base_version": 0,
        "fields": fields,
        "deleted": False,
        "updated_at": datetime.now(UTC).isoformat(),
        "updated_by": "officer",
        "origin_device": "another-laptop",
        "commune_code": "00070",
    }
    with pytest.raises(PermissionDenied):
        officer.apply_incoming([change])  # not the sync machinery
    for_sync(officer).apply_incoming([change])
    shown = [v for v in officer.verifications_for(pid) if v["id"] == record_id][0]
    assert shown["result"] == "verified" and shown["counts"] is False
    assert pid in {q["person_id"] for q in officer.verification_queue()}


def test_a_revoked_officer_key_is_refused(officer, city):
    pid = _person(officer)
    key = officer_keys.certificate_key({"officer_cert": officer._officer_cert})
    assert server_officers.revoke_officer(city.storage, key)
    officer.record_verification(pid, "chip_card", "verified")
    SyncClient(officer).sync()
    assert _rejections(city) == [server_officers.REVOKED_OFFICER]


def test_a_volunteer_cannot_use_up_an_officer_code(laptop_dir, city):
    code = server_officers.create_officer_code(city.storage, ["00070"])
    volunteer = Store.open(laptop_dir, "volunteer", PASSWORD)
    with pytest.raises(PermissionDenied):
        enroll_officer(volunteer, PASSWORD, code)
    volunteer.close()
    officer = Store.open(laptop_dir, "officer", PASSWORD)
    enroll_officer(officer, PASSWORD, code)  # still unused
    with pytest.raises(OfficerEnrollmentError) as err:
        enroll_officer(officer, PASSWORD, code)
    assert "đã được dùng" in err.value.message_vi
    officer.close()


def test_a_volunteer_enroll_does_not_use_up_the_device_code(_demo_template, tmp_path, city):
    """Finding: a volunteer's ``enroll`` burned the one-time code on the server before the
    local role check; the admin then got "already used"."""
    d = tmp_path / "fresh"
    shutil.copytree(_demo_template, d)
    code = city.code("00070")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "--data-dir",
            str(d),
            "--user",
            "volunteer",
            "enroll",
            "--server",
            city.url,
            "--code",
            code,
        ],
        capture_output=True,
        text=True,
        env={"TANTAY_PASSWORD": PASSWORD, "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert done.returncode == 3, done.stderr  # permission denied, documented exit code
    admin = Store.open(d, "admin", PASSWORD)
    SyncClient(admin).enroll(city.url, code, "Laptop")  # the code still works
    admin.close()


def test_officer_enroll_command(laptop_dir, city):
    code = server_officers.create_officer_code(city.storage, ["00070"])
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "--data-dir",
            str(laptop_dir),
            "--user",
            "officer",
            "--lang",
            "en",
            "officer-enroll",
            "--code",
            code,
        ],
        capture_output=True,
        text=True,
        env={"TANTAY_PASSWORD": PASSWORD, "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Registered the signing key of officer officer" in done.stdout
    listed = server_officers.list_officers(city.storage)
    assert [o["officer"] for o in listed] == ["officer"] and not listed[0]["revoked"]


def test_the_officer_keeps_signing_after_changing_their_password(officer, laptop_dir):
    officer.change_password(PASSWORD, "officer-new-1")
    officer.close()
    again = Store.open(laptop_dir, "officer", "officer-new-1")
    record = again.record_verification(_person(again), "chip_card", "verified")
    assert record["officer_signature"] and again.verifications_for(_person(again))[0]["counts"]
    again.close()
    # a reset by the admin cannot re-wrap it (the old password is gone): the key is dropped
    admin = Store.open(laptop_dir, "admin", PASSWORD)
    admin.reset_password("officer", "officer-reset-1")
    admin.close()
    reset = Store.open(laptop_dir, "officer", "officer-reset-1")
    assert not reset.officer_key_enrolled
    assert (
        reset.record_verification(_person(reset), "chip_card", "verified")["officer_signature"]
        is None
    )
    reset.close()
