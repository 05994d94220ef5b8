"""One-time enrolment codes, device tokens, and the limit on failed enrolment attempts."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import UTC, datetime, timedelta

from city_server.storage import Storage
from desktop_app.core.protocol import is_commune_code

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no I, L, O, 0, 1: read aloud over the phone
CODE_GROUPS, CODE_GROUP_LEN = 4, 4
CODE_VALID_DAYS = 7


def new_code() -> str:
    """A fresh human-typeable code like ``K7QM-3XHD-PZ9A-WE4T`` (about 79 bits)."""
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LEN))
        for _ in range(CODE_GROUPS)
    )
    return "-".join(groups)


def normalize_code(code: str) -> str:
    """Upper-case, without dashes or spaces (what is hashed)."""
    return "".join(ch for ch in code.upper() if ch not in "- \t")


def hash_secret(secret: str) -> str:
    """sha256 hex of a code or token; only hashes are stored."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def token_matches(token: str, token_hash: str) -> bool:
    """Constant-time check of a bearer token against its stored hash."""
    return hmac.compare_digest(hash_secret(token), token_hash)


def new_token() -> str:
    """A fresh device bearer token (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def create_enrollment_code(
    storage: Storage,
    communes: list[str],
    valid_days: float = CODE_VALID_DAYS,
    now: datetime | None = None,
) -> str:
    """Make, store (hashed) and return a one-time enrolment code for ``communes``."""
    if not communes or not all(is_commune_code(c) for c in communes):
        raise ValueError("communes must be 5-digit commune codes")
    now = now or datetime.now(UTC)
    code = new_code()
    storage.add_enrollment_code(
        hash_secret(normalize_code(code)),
        sorted(set(communes)),
        now.isoformat(),
        (now + timedelta(days=valid_days)).isoformat(),
    )
    return code


def client_address(peer: str | None, forwarded_for: str | None, trusted: frozenset[str]) -> str:
    """The address a request came from: the connecting peer, unless the peer is one of the
    ``trusted`` proxies (``serve --trusted-proxy``); then the right-most address in
    ``X-Forwarded-For`` that is not a trusted proxy. A header from anyone else is ignored: a
    client rotating it would otherwise get a fresh rate limit on every request."""
    peer = peer or "unknown"
    if peer not in trusted or not forwarded_for:
        return peer
    for hop in reversed([h.strip() for h in forwarded_for.split(",")]):
        if hop and hop not in trusted:
            return hop[:100]
    return peer


def code_key(code: str) -> str:
    """The limiter key of an enrolment code (its hash: codes are never kept in memory)."""
    return "code:" + hash_secret(normalize_code(code))[:32]


class FailureLimiter:
    """At most ``limit`` failures per key within ``window`` seconds; then refuse until one ages.

    Keys are client addresses (``client_address``) and codes (``code_key``): an attacker behind
    many addresses still gets only ``limit`` tries at one code, and behind a trusted proxy one
    attacker blocks only their own address. Counted in the database, so every worker of the
    server (``serve --workers N``) sees the same count.
    """

    def __init__(self, storage: Storage, limit: int = 10, window: float = 600.0, clock=time.time):
        self.storage = storage
        self.limit, self.window, self.clock = limit, window, clock

    def retry_after(self, client: str) -> float:
        """Seconds until ``client`` may try again; 0 when it may now."""
        now = self.clock()
        failures = self.storage.recent_failures(client, now - self.window, self.limit)
        if len(failures) < self.limit:
            return 0.0
        return max(1.0, failures[0] + self.window - now)

    def fail(self, client: str) -> None:
        """Count one failure for ``client``."""
        self.storage.record_failure(client, self.clock())
