"""Helpers for the city server tests: a real uvicorn server on loopback and simulated laptops."""

from __future__ import annotations

import json
import socket
import sqlite3
import ssl
import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import uvicorn
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from pg_cluster import keys_for

from city_server.app import create_app
from city_server.apply import apply_batch
from city_server.enrollment import create_enrollment_code, hash_secret, normalize_code
from city_server.storage import Device, Storage, open_storage
from desktop_app.core.canonical import canonical_json
from desktop_app.core.protocol import (
    HEADER_DEVICE,
    HEADER_SIGNATURE,
    public_key_b64,
    request_signing_bytes,
    sign_body,
    verify_receipt,
)

HOAN_KIEM = "00070"
BA_DINH = "00004"
NGOC_HA = "00008"
UPDATED_AT = "2026-11-27T10:00:00.123456+00:00"


class Row(tuple):
    """A result row readable by position or by column name (like ``sqlite3.Row``)."""

    names: tuple[str, ...] = ()

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names.index(key))
        return tuple.__getitem__(self, key)


def server_rows(db: str, sql: str, params: tuple = ()) -> list[Row]:
    """Rows of a read-only query on a server database (a SQLite path or a PostgreSQL URL),
    on a connection of its own. Write the query with ``?`` marks; JSON columns come back as
    text and booleans as 0/1 on both backends."""
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            cur = conn.execute(sql.replace("?", "%s"), params)
            names = tuple(d.name for d in cur.description or ())
            out = []
            for raw in cur.fetchall():
                values = []
                for v in raw:
                    if isinstance(v, bool):
                        v = int(v)
                    elif isinstance(v, (dict, list)):
                        v = json.dumps(v, ensure_ascii=False)
                    values.append(v)
                row = Row(values)
                row.names = names
                out.append(row)
            return out
    conn = sqlite3.connect(db, timeout=60)
    try:
        cur = conn.execute(sql, params)
        names = tuple(d[0] for d in cur.description or ())
        out = []
        for raw in cur.fetchall():
            row = Row(raw)
            row.names = names
            out.append(row)
        return out
    finally:
        conn.close()


class LiveServer:
    """The real app served by uvicorn in a background thread, on a free loopback port."""

    def __init__(
        self,
        db,
        trusted_proxies: tuple[str, ...] = (),
        tls: tuple | None = None,
        keys: str | None = None,
    ):
        """``tls``: (certificate file, key file) to serve https:// with them; ``keys``: the
        key file of a database made elsewhere (else the test cluster's, or beside SQLite)."""
        # a SQLite path or a postgresql:// URL (what ``--db`` takes)
        self.db_path = self.db = str(db)
        self.keys = keys or keys_for(self.db)  # None: the key file beside a SQLite database
        self.keys_args = ["--keys", self.keys] if self.keys else []  # for the command line
        self.storage = open_storage(self.db, self.keys)
        self.app = create_app(self.storage, trusted_proxies=trusted_proxies)
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self._verify = ssl.create_default_context(cafile=str(tls[0])) if tls else True
        # as ``python -m city_server serve`` runs it: the app, not uvicorn, decides whose
        # X-Forwarded-For to believe (serve --trusted-proxy)
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            lifespan="off",
            proxy_headers=False,
            **({"ssl_certfile": str(tls[0]), "ssl_keyfile": str(tls[1])} if tls else {}),
        )
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )

    def start(self) -> LiveServer:
        """Start and wait until /health answers."""
        self._thread.start()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                health = httpx.get(self.url + "/api/v1/health", timeout=1, verify=self._verify)
                if health.status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.02)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        """Stop the server thread and close the database."""
        self.server.should_exit = True
        self._thread.join(10)
        self._sock.close()
        self.storage.close()

    def code(self, *communes: str) -> str:
        """A fresh enrolment code for ``communes``."""
        return create_enrollment_code(self.storage, list(communes or (HOAN_KIEM,)))


class Laptop:
    """A minimal laptop: keys, enrolment, numbered changes, signed push and pull."""

    def __init__(self, http: httpx.Client, name: str = "laptop"):
        self.http = http
        self.name = name
        self.sign = Ed25519PrivateKey.generate()
        self.box = X25519PrivateKey.generate()
        self.device_id = ""
        self.token = ""
        self.server_key = ""
        self.seq = 0

    def enroll_request(self, code: str, commune: str | None = None) -> httpx.Response:
        """POST /enroll with this laptop's keys (and, as since revision 10, its commune)."""
        body = {
            "code": code,
            "device_name": self.name,
            "sign_public_key": public_key_b64(self.sign.public_key()),
            "box_public_key": public_key_b64(self.box.public_key()),
        }
        if commune is not None:
            body["commune"] = commune
        return self.http.post("/api/v1/enroll", json=body)

    def enroll(self, code: str) -> Laptop:
        """Enrol, keeping the id, token and pinned server key."""
        response = self.enroll_request(code)
        assert response.status_code == 200, response.text
        data = response.json()
        self.device_id, self.token = data["device_id"], data["token"]
        self.server_key = data["server_sign_public_key"]
        return self

    def change(
        self,
        entity: str,
        record_id: str,
        version: int,
        fields: dict[str, Any],
        *,
        deleted: bool = False,
        commune: str = HOAN_KIEM,
        base_version: int | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """The next change from this laptop (next seq)."""
        self.seq += 1
        change = {
            "entity": entity,
            "id": record_id,
            "version": version,
            "base_version": version - 1 if base_version is None else base_version,
            "fields": fields,
            "deleted": deleted,
            "updated_at": UPDATED_AT,
            "updated_by": "volunteer",
            "origin_device": self.device_id,
            "commune_code": commune,
            "seq": self.seq,
        }
        change.update(extra)
        return change

    def batch(self, changes: list[dict[str, Any]], batch_id: str | None = None, **over: Any):
        """A batch envelope around ``changes``."""
        seqs = [c["seq"] for c in changes] or [self.seq or 1]
        batch = {
            "protocol": 1,
            "schema": 1,
            "device_id": self.device_id,
            "batch_id": batch_id or str(uuid.uuid4()),
            "seq_from": min(seqs),
            "seq_to": max(seqs),
            "changes": changes,
        }
        batch.update(over)
        return batch

    def headers(self, body_or_target: bytes, **over: str) -> dict[str, str]:
        """Auth headers signing ``body_or_target``."""
        headers = {
            "Authorization": f"Bearer {self.token}",
            HEADER_DEVICE: self.device_id,
            HEADER_SIGNATURE: sign_body(self.sign, body_or_target),
            "Content-Type": "application/json",
        }
        headers.update(over)
        return headers

    def post_body(self, body: bytes, **headers: str) -> httpx.Response:
        """POST raw bytes to /batches, signed."""
        return self.http.post(
            "/api/v1/batches", content=body, headers=self.headers(body, **headers)
        )

    def push(self, changes: list[dict[str, Any]], batch_id: str | None = None, **over):
        """Push ``changes`` as one signed batch; returns the response."""
        return self.post_body(canonical_json(self.batch(changes, batch_id, **over)))

    def get(self, target: str) -> httpx.Response:
        """A signed GET of ``target`` (path and query exactly as sent)."""
        headers = self.headers(request_signing_bytes("GET", target))
        return self.http.get(target, headers=headers)

    def pull(self, since: int = 0, limit: int = 500) -> httpx.Response:
        """One page of the pull feed."""
        return self.get(f"/api/v1/changes?since={since}&limit={limit}")

    def pull_all(self, since: int = 0, limit: int = 500) -> list[dict[str, Any]]:
        """Every change after ``since``, following ``more``."""
        out: list[dict[str, Any]] = []
        while True:
            page = self.pull(since, limit)
            assert page.status_code == 200, page.text
            data = page.json()
            out += data["changes"]
            since = data["next"]
            if not data["more"]:
                return out


def household(commune: str = HOAN_KIEM, **extra: Any) -> dict[str, Any]:
    """Fields of a household in ``commune``."""
    fields = {
        "commune_code": commune,
        "commune_list_version": "2025-07-01",
        "address": "Số 5 ngõ 12",
        "landmark": "",
        "notes": "",
        "village_id": None,
        "latitude": None,
        "longitude": None,
        "phones": [],
        "head_person_id": None,
        "merged_into": None,
    }
    fields.update(extra)
    return fields


def new_id() -> str:
    """A fresh record id."""
    return str(uuid.uuid4())


class Dev:
    """A device enrolled straight into storage, making numbered changes."""

    def __init__(self, storage: Storage, name: str, communes=(HOAN_KIEM,)):
        self.storage = storage
        code = create_enrollment_code(storage, list(communes))
        candidate = Device(new_id(), name, (), "k", "k", "h", False, "", 0)
        self.device = storage.enroll_device(
            hash_secret(normalize_code(code)), datetime.now(UTC).isoformat(), candidate
        )
        self.seq = 0

    def change(self, record_id, version, fields, deleted=False, **extra):
        """The next change of this device."""
        self.seq += 1
        change = {
            "entity": "household",
            "id": record_id,
            "version": version,
            "base_version": version - 1,
            "fields": fields,
            "deleted": deleted,
            "updated_at": UPDATED_AT,
            "updated_by": "lan",
            "origin_device": self.device.id,
            "commune_code": HOAN_KIEM,
            "seq": self.seq,
        }
        change.update(extra)
        return change

    def push(self, *changes, batch_id=None):
        """Apply a batch of ``changes``; the receipt's results."""
        batch = {
            "protocol": 1,
            "schema": 1,
            "device_id": self.device.id,
            "batch_id": batch_id or str(uuid.uuid4()),
            "seq_from": min(c["seq"] for c in changes),
            "seq_to": max(c["seq"] for c in changes),
            "changes": list(changes),
        }
        receipt = apply_batch(self.storage, self.device, batch)
        verify_receipt(receipt, self.storage.server_keys().sign_public_b64, batch)
        return receipt["results"]
