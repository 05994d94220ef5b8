"""Consent rules at the store: without consent, phones, needs and notes never leave the laptop
(sync batches and USB bundles withhold them) and the name is never listed in a report."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop_app.commands import build_report
from desktop_app.core.report_export import export_xlsx, report_to_json
from desktop_app.store.payments import NO_CONSENT_NAME
from desktop_app.store.sync_access import for_sync

WITHHELD = ["phones", "vulnerabilities", "notes"]


@pytest.fixture
def lead(open_demo):
    """The demo as the team lead, with every change so far already delivered."""
    store = open_demo("lead")
    store.db.execute("UPDATE outbox SET state = 'delivered'")
    return store


def _add_person(store, **extra) -> dict:
    hid = store.households_page(limit=1)[0]["id"]
    person = {
        "full_name": "Đinh Thị Thử",
        "birth_year": 1941,
        "sex": "female",
        "phones": [{"number": "0912345678", "owner": "con trai"}],
        "vulnerabilities": ["lives_alone", "low_vision"],
        "notes": "Hay quên mã PIN",
        **extra,
    }
    return store.add_person(hid, person)["person"]


def _person_changes(batches, person_id: str) -> list[dict]:
    return [
        c for b in batches for c in b["changes"] if c["entity"] == "person" and c["id"] == person_id
    ]


def test_without_consent_phones_needs_and_notes_are_withheld_from_sync(lead):
    person = _add_person(lead)
    batch = for_sync(lead).next_batch()
    (change,) = _person_changes([batch], person["id"])
    assert change["withheld"] == WITHHELD
    assert change["fields"]["phones"] == []
    assert change["fields"]["vulnerabilities"] == []
    assert change["fields"]["notes"] == ""
    # identity fields travel: the official beneficiary list already holds them
    assert change["fields"]["full_name"] == "Đinh Thị Thử"
    assert change["fields"]["birth_year"] == 1941
    # the laptop keeps everything
    kept = lead.person(person["id"])
    assert kept["phones"] and kept["vulnerabilities"] == ["lives_alone", "low_vision"]
    assert kept["notes"] == "Hay quên mã PIN"
    assert "0912345678" not in json.dumps(batch) and "84912345678" not in json.dumps(batch)


def test_the_batch_sent_as_stored_texts_is_the_same_bytes(lead):
    """The sync client sends a batch's changes as the texts the outbox keeps (not parsed and
    encoded again): byte for byte the batch encoded from its parsed changes, with the consent
    rules applied, and the receipt check still knows which seq numbers were sent."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop_app.core.canonical import canonical_json, canonical_json_in_pieces
    from desktop_app.core.protocol import ReceiptInvalid, sign_document, verify_receipt
    from desktop_app.store.syncing import SentChanges

    withheld = _add_person(lead)  # no consent: its text is not sent as it is
    consenting = _add_person(lead, full_name="Đinh Văn Đồng")
    lead.record_consent(consenting["id"], on=date(2026, 1, 5), method="thumbprint")
    lead.db.execute(
        "UPDATE outbox_change SET sendable = 0 WHERE seq = (SELECT min(seq) FROM outbox)"
    )
    sync = for_sync(lead)
    encoded = sync.next_batch(encoded=True)
    parsed = sync.next_batch()  # the same batch again (still "sending"), parsed
    assert isinstance(encoded["changes"], SentChanges)
    assert encoded["changes"].seqs == [c["seq"] for c in parsed["changes"]]
    assert len(encoded["changes"].seqs) >= 3
    body = canonical_json_in_pieces(encoded)
    assert body == canonical_json(parsed)
    assert b"0912345678" not in body and withheld["id"].encode() in body
    assert b"Hay qu\xc3\xaan m\xc3\xa3 PIN" in body  # the consenting person's notes travel
    # the receipt must answer exactly the seq numbers sent
    server = Ed25519PrivateKey.generate()

    def receipt(seqs):
        results = [{"seq": q, "status": "accepted"} for q in seqs]
        ids = {"batch_id": encoded["batch_id"], "device_id": encoded["device_id"]}
        return sign_document({**ids, "results": results}, server)

    verify_receipt(receipt(encoded["changes"].seqs), server.public_key(), encoded)
    with pytest.raises(ReceiptInvalid) as refused:
        verify_receipt(receipt(encoded["changes"].seqs[1:]), server.public_key(), encoded)
    assert refused.value.code == "receipt_mismatch"


def test_after_consent_they_travel_and_after_withdrawal_they_stop(lead):
    person = _add_person(lead)
    lead.record_consent(person["id"], on=date(2026, 1, 5), method="thumbprint")
    batches = for_sync(lead).batches_for_bundle()
    consented = [c for c in _person_changes(batches, person["id"]) if c["version"] == 2]
    assert consented and "withheld" not in consented[0]
    fields = consented[0]["fields"]
    assert fields["vulnerabilities"] == ["lives_alone", "low_vision"]
    assert fields["notes"] == "Hay quên mã PIN"
    assert [p["owner"] for p in fields["phones"]] == ["con trai"]

    lead.withdraw_consent(person["id"], date(2026, 2, 1))
    batches = for_sync(lead).batches_for_bundle()
    withdrawn = [c for c in _person_changes(batches, person["id"]) if c["version"] == 3]
    assert withdrawn[0]["withheld"] == WITHHELD
    assert withdrawn[0]["fields"]["phones"] == []


def test_verbal_consent_needs_a_witness(lead):
    from desktop_app.core.errors import ValidationError

    person = _add_person(lead)
    with pytest.raises(ValidationError) as err:
        lead.record_consent(person["id"], on="2026-01-05", method="verbal_witness")
    assert err.value.code == "required"
    saved = lead.record_consent(
        person["id"], on="2026-01-05", method="guardian", witness="Lê Văn Con"
    )
    assert saved["consent_witness"] == "Lê Văn Con"


def test_report_rows_and_exports_never_name_a_person_without_consent(lead, tmp_path):
    row = lead.db.execute(
        "SELECT p.id, min(y.period), max(y.period) FROM payment y JOIN person p"
        " ON p.id = y.person_id WHERE y.deleted = 0 AND p.deleted = 0 GROUP BY p.id LIMIT 1"
    ).fetchone()
    pid, first, last = row
    lead.update_person(pid, {"full_name": "Phùng Thị Bí Mật"})
    person = lead.person(pid)
    if person.get("consent_date"):
        lead.withdraw_consent(pid)

    rows = [r for r in lead.payment_rows(first, last) if r["person_id"] == pid]
    assert rows and {r["person_name"] for r in rows} == {NO_CONSENT_NAME}

    report = build_report(lead, first, last, None, "vi")
    text = json.dumps(report_to_json(report, include_rows=True), ensure_ascii=False)
    assert "Bí Mật" not in text and "Phùng Thị" not in text
    out = export_xlsx(report, tmp_path / "report.xlsx")
    from openpyxl import load_workbook

    cells = [
        str(c.value)
        for sheet in load_workbook(out).worksheets
        for r in sheet.iter_rows()
        for c in r
        if c.value is not None
    ]
    assert not any("Bí Mật" in c for c in cells)

    # once the person consents, the name may be listed again
    lead.record_consent(pid, on=date.today(), method="signature")
    rows = [r for r in lead.payment_rows(first, last) if r["person_id"] == pid]
    assert {r["person_name"] for r in rows} == {"Phùng Thị Bí Mật"}
