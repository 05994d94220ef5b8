"""Issue 12: the enrolment rate limit cannot be dodged with X-Forwarded-For, and behind a proxy
one attacker does not block everyone (``serve --trusted-proxy``); limits are per code too."""

from __future__ import annotations

import base64
import os

import httpx
import pytest
from server_helpers import LiveServer


def _enroll(http, code="AAAA-BBBB-CCCC-DDDD", forwarded=None):
    key = base64.b64encode(os.urandom(32)).decode()
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return http.post(
        "/api/v1/enroll",
        json={"code": code, "device_name": "x", "sign_public_key": key, "box_public_key": key},
        headers=headers,
    )


@pytest.fixture
def serve(tmp_path):
    servers = []

    def start(*trusted):
        server = LiveServer(tmp_path / f"city{len(servers)}.db", trusted_proxies=trusted).start()
        servers.append(server)
        return httpx.Client(base_url=server.url, timeout=30)

    yield start
    for server in servers:
        server.stop()


def test_a_rotating_forwarded_for_does_not_reset_the_limit(serve):
    http = serve()  # no trusted proxy: the header is nobody's word
    answers = [
        _enroll(http, code=f"WRONG-{i:04d}", forwarded=f"10.9.{i}.1").status_code for i in range(12)
    ]
    assert answers[:10] == [403] * 10
    assert answers[10:] == [429, 429]


def test_behind_a_trusted_proxy_one_attacker_blocks_only_themselves(serve):
    http = serve("127.0.0.1")  # the test client plays the proxy
    for i in range(10):
        assert _enroll(http, code=f"WRONG-{i:04d}", forwarded="203.0.113.66").status_code == 403
    limited = _enroll(http, code="WRONG-9999", forwarded="203.0.113.66")
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    # another citizen office behind the same proxy is not blocked
    assert _enroll(http, code="WRONG-0000", forwarded="198.51.100.7").status_code == 403
    # a forged hop in front of the proxy's own entry changes nothing: the right-most counts
    assert (
        _enroll(http, code="WRONG-8888", forwarded="198.51.100.99, 203.0.113.66").status_code == 429
    )


def test_one_code_gets_a_limited_number_of_tries_from_any_address(serve):
    http = serve("127.0.0.1")
    answers = [
        _enroll(http, code="SAME-CODE-TRIED", forwarded=f"192.0.2.{i}").status_code
        for i in range(12)
    ]
    assert answers[:10] == [403] * 10 and answers[10:] == [429, 429]


def test_serve_believes_forwarded_for_only_from_trusted_proxies(tmp_path, monkeypatch):
    """``serve`` runs uvicorn without its own proxy-header handling (which believes any
    X-Forwarded-For from 127.0.0.1) and gives the app the --trusted-proxy list."""
    import uvicorn

    from city_server.cli import main

    seen = {}

    def fake_run(app, **kwargs):
        seen.update(kwargs, trusted=app.state.trusted_proxies)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    db = str(tmp_path / "city.db")
    assert main(["serve", "--db", db, "--trusted-proxy", "10.0.0.2"]) == 0
    assert seen["proxy_headers"] is False and seen["trusted"] == frozenset({"10.0.0.2"})
