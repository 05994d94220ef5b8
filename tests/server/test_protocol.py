"""desktop_app.core.protocol: shapes, signatures and the layering of city_server."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from server_helpers import HOAN_KIEM, UPDATED_AT, household, new_id

from desktop_app.core.errors import KnownError
from desktop_app.core.protocol import (
    BadSignature,
    ProtocolError,
    ReceiptInvalid,
    batch_problem,
    error_from_response,
    make_batch,
    public_key_b64,
    receipt_signing_bytes,
    sign_body,
    sign_document,
    validate_change,
    verify_receipt,
    verify_signature,
)


def change(**over):
    """A valid household change, with ``over`` applied."""
    base = {
        "entity": "household",
        "id": new_id(),
        "version": 1,
        "base_version": 0,
        "fields": household(),
        "deleted": False,
        "updated_at": UPDATED_AT,
        "updated_by": "lan",
        "origin_device": "dev",
        "commune_code": HOAN_KIEM,
        "seq": 1,
    }
    base.update(over)
    return base


@pytest.mark.parametrize(
    ("over", "reason"),
    [
        ({}, None),
        ({"entity": "alien"}, "unknown_entity"),
        ({"id": new_id().upper()}, "invalid_id"),
        ({"id": new_id() + "\n"}, "invalid_id"),
        ({"version": 3}, "invalid_version"),
        ({"version": True, "base_version": 0}, "invalid_version"),
        ({"seq": 0}, "invalid_seq"),
        ({"deleted": "no"}, "invalid_deleted"),
        ({"updated_at": "2026-11-27 10:00"}, "invalid_updated_at"),
        ({"updated_by": ""}, "invalid_updated_by"),
        ({"commune_code": "70"}, "invalid_commune_code"),
        ({"fields": []}, "invalid_fields"),
        ({"fields": household(version=2)}, "common_field_in_fields"),
        ({"fields": household(sort_key="x")}, "local_only_field"),
        ({"fields": {"commune_code": HOAN_KIEM}}, "missing_fields"),
        ({"fields": household("00004")}, "commune_mismatch"),
        ({"entity": "identity_verification", "version": 2, "base_version": 1}, "append_only"),
        ({"decided": ["address"]}, None),
        ({"decided": "address"}, "invalid_decided"),
        ({"decided": [1]}, "invalid_decided"),
        ({"decided": ["x" * 65]}, "invalid_decided"),
        ({"decided": ["address"] * 101}, "invalid_decided"),
    ],
)
def test_validate_change_names_the_reason(over, reason):
    assert validate_change(change(**over)) == reason


def test_batch_envelope_problems():
    good = make_batch("dev", "b1", [change(seq=2), change(seq=1)], schema=1)
    assert (good["seq_from"], good["seq_to"]) == (1, 2)
    assert [c["seq"] for c in good["changes"]] == [1, 2]
    assert batch_problem(good) is None
    assert batch_problem(dict(good, protocol=2))[1] == "unsupported_protocol"
    assert batch_problem(dict(good, seq_to=5000))[1] == "too_many_changes"
    assert batch_problem(dict(good, changes=[change(seq=1), change(seq=1)]))[1] == "invalid_batch"
    assert batch_problem(dict(good, batch_id="has space"))[1] == "invalid_batch"
    assert batch_problem(dict(good, seq_from=2**60, seq_to=2**60))[1] == "invalid_batch"


def test_signatures_and_receipts():
    key = Ed25519PrivateKey.generate()
    public = public_key_b64(key.public_key())
    verify_signature(public, b"body", sign_body(key, b"body"))
    with pytest.raises(BadSignature):
        verify_signature(public, b"body!", sign_body(key, b"body"))
    with pytest.raises(BadSignature):
        verify_signature(public, b"body", "not base64!")
    batch = make_batch("dev", "b1", [change()], schema=1)
    receipt = sign_document(
        {"batch_id": "b1", "device_id": "dev", "results": [{"seq": 1}], "server_seq": 1}, key
    )
    assert receipt_signing_bytes(receipt) == receipt_signing_bytes(
        {k: v for k, v in receipt.items() if k != "signature"}
    )
    verify_receipt(receipt, public, batch)
    with pytest.raises(ReceiptInvalid) as caught:
        verify_receipt(receipt, public, make_batch("dev", "b2", [change()], schema=1))
    assert caught.value.code == "receipt_mismatch"
    assert isinstance(caught.value, KnownError)
    other = public_key_b64(Ed25519PrivateKey.generate().public_key())
    with pytest.raises(ReceiptInvalid):
        verify_receipt(receipt, other)


def test_error_from_response_is_shown_in_vietnamese():
    err = error_from_response(403, {"error": {"code": "device_revoked", "message": "revoked"}})
    assert isinstance(err, ProtocolError) and err.code == "device_revoked"
    assert "thu hồi" in err.message("vi") and err.message("en") == "revoked"
    assert error_from_response(502, "<html>").code == "internal"


def test_city_server_imports_only_desktop_app_core():
    root = Path(__file__).resolve().parents[2]
    for path in [*(root / "city_server").glob("*.py"), root / "desktop_app/core/protocol.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.startswith("desktop_app"):
                    assert name.startswith("desktop_app.core"), f"{path.name} imports {name}"
                if path.name == "protocol.py":
                    assert not name.startswith(("city_server", "fastapi", "sqlite3", "httpx"))
