"""A server whose TLS certificate the laptop does not trust: said so, not "cannot reach".

A real city server on loopback serves https:// with a made-up self-signed certificate. The
laptop's enrolment must fail at once (no retries: nothing a retry changes) with a message that
names the certificate, and change nothing; trusting the certificate (SSL_CERT_FILE, as README
"City server" says for a city's own CA) makes the same enrolment work.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from desktop_app.sync.client import Backoff, SyncClient, SyncError
from tests.server.server_helpers import LiveServer


def _self_signed(folder) -> tuple:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "tantay-test.local")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "server.crt", folder / "server.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


@pytest.fixture
def tls_city(tmp_path):
    cert, key = _self_signed(tmp_path)
    server = LiveServer(tmp_path / "city.db", tls=(cert, key)).start()
    server.cert = cert
    yield server
    server.stop()


def test_an_untrusted_certificate_is_named_and_nothing_is_sent(tls_city, open_demo, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    store = open_demo("admin")
    client = SyncClient(store)
    started = time.monotonic()
    with pytest.raises(SyncError) as info:
        client.enroll(tls_city.url, tls_city.code("00070"), "Laptop 1")
    client.close()
    assert time.monotonic() - started < 5  # refused at once, not after the retries' backoff
    assert not info.value.transient
    assert "chứng chỉ" in info.value.message("vi") and "127.0.0.1" in info.value.message("vi")
    assert "certificate" in info.value.message("en")
    assert "Cannot reach" not in info.value.message("en")
    assert not store.sync_state().get("token")  # not enrolled
    assert tls_city.storage.list_devices() == []


def test_trusting_the_city_certificate_makes_the_same_enrolment_work(
    tls_city, open_demo, monkeypatch
):
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_city.cert))
    store = open_demo("admin")
    client = SyncClient(store)
    client.enroll(tls_city.url, tls_city.code("00070"), "Laptop 1")
    client.close()
    assert store.sync_state().get("token") == "***"
    assert [d.name for d in tls_city.storage.list_devices()] == ["Laptop 1"]


def test_plain_http_to_another_machine_is_refused_before_anything_is_sent(open_demo, monkeypatch):
    """Pushes are signed, not encrypted: over http:// to another machine a batch's names and ID
    numbers would be readable on the network. Refused at once, with the reason; a test lab can
    allow it explicitly (then the address is tried: nothing answers at 192.0.2.1)."""
    monkeypatch.delenv("TANTAY_ALLOW_PLAIN_HTTP", raising=False)
    store = open_demo("admin")
    client = SyncClient(store, backoff=Backoff(attempts=1), timeout=3.0)
    with pytest.raises(SyncError) as info:
        client.enroll("http://192.0.2.1:8765", "AAAA-BBBB-CCCC-DDDD", "Laptop 1")
    assert "https://" in info.value.message("vi") and "không mã hoá" in info.value.message("vi")
    assert "not encrypted" in info.value.message("en") and not info.value.transient
    assert not store.sync_state().get("token")

    monkeypatch.setenv("TANTAY_ALLOW_PLAIN_HTTP", "1")
    with pytest.raises(SyncError) as info:
        client.enroll("http://192.0.2.1:8765", "AAAA-BBBB-CCCC-DDDD", "Laptop 1")
    assert "Cannot reach" in info.value.message("en")  # tried, as asked
    client.close()
