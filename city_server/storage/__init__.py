"""Persistence for the city server: one interface (``base``), SQLite and PostgreSQL behind it.

``open_storage("city.db")`` opens (or creates) a SQLite file; ``open_storage("postgresql://…")``
connects to PostgreSQL (psycopg 3, imported only then). Every SQL statement of the server lives
in this package.
"""

from __future__ import annotations

import os

from city_server.storage.base import (
    AuditHead,
    BatchTx,
    Device,
    DeviceVersion,
    EnrollmentRefused,
    Officer,
    ServerKeys,
    Storage,
    StoredBatch,
    StoredRecord,
    dumps,
    is_postgres_url,
    utc_now,
)

__all__ = [
    "AuditHead",
    "BatchTx",
    "Device",
    "DeviceVersion",
    "EnrollmentRefused",
    "Officer",
    "ServerKeys",
    "Storage",
    "StoredBatch",
    "StoredRecord",
    "dumps",
    "is_postgres_url",
    "open_storage",
    "utc_now",
]


def open_storage(db: str | os.PathLike[str], keys: str | os.PathLike[str] | None = None) -> Storage:
    """The server's storage for ``--db``: a ``postgresql://`` URL, else a SQLite file path.

    ``keys``: the key file (``--keys``); without it a SQLite server uses the file beside its
    database and PostgreSQL has none (``server_keys()`` then says so). See city_server.keys."""
    if is_postgres_url(db):
        from city_server.storage.postgres import PostgresStorage

        storage: Storage = PostgresStorage(str(db))
    else:
        from city_server.storage.sqlite import SQLiteStorage

        storage = SQLiteStorage(db)
    storage.keys_path = keys
    return storage
