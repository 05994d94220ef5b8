"""Test helpers: a police officer with a signing key certified by a (test) city server key.

Real officer enrolment goes through the city server (tests/server/test_officers.py); store and GUI
tests that only need a laptop whose officer can sign use a server key made here.
"""

from __future__ import annotations

from datetime import UTC, datetime

from desktop_app.core import officer_keys
from desktop_app.core.keys import generate_sign_key, public_b64
from desktop_app.core.protocol import sign_document
from desktop_app.store.store import Store
from desktop_app.store.sync_access import for_sync


def certify(server_key, officer: str, officer_key, communes=("00070",)) -> str:
    """A certificate text for ``officer_key`` signed by ``server_key``."""
    doc = officer_keys.make_certificate_document(
        officer, officer, public_b64(officer_key), list(communes), datetime.now(UTC).isoformat()
    )
    return officer_keys.certificate_text(sign_document(doc, server_key))


def enroll_test_officer(data_dir, username: str, password: str, server_key=None):
    """Pin a test server key on the laptop and give ``username`` a certified signing key.

    Returns the server key (to certify more officers, or to check signatures)."""
    server_key = server_key or generate_sign_key()
    store = Store.open(data_dir, username, password)
    try:
        if not store._sync_get("server_sign_public"):
            for_sync(store).set_sync_values({"server_sign_public": public_b64(server_key)})
        key = officer_keys.new_officer_key()
        store.enroll_officer_key(password, key, certify(server_key, username, key))
    finally:
        store.close()
    return server_key
