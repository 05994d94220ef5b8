"""A throwaway PostgreSQL for the server tests: Debian's ``postgresql`` binaries, ``initdb`` into
a temporary folder (as the ``postgres`` user when run as root), loopback and a private socket
folder only, started once per test process and stopped at exit.

``server_db`` (a fixture, imported by the conftests) runs a test once per backend: a SQLite file
and a fresh PostgreSQL database (copied from a migrated template, so it is quick). Without the
binaries the PostgreSQL runs are skipped; ``TANTAY_TEST_POSTGRES=0`` skips them too.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

BACKENDS = ("sqlite", "postgresql")
TEMPLATE = "tantay_template"


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return Path(found[-1]).parent
    which = shutil.which("pg_ctl")
    return Path(os.path.realpath(which)).parent if which else None


def available() -> bool:
    """True when PostgreSQL tests can run here (binaries and the ``server`` extra installed)."""
    if os.environ.get("TANTAY_TEST_POSTGRES", "1") == "0" or _bin_dir() is None:
        return False
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401
    except ImportError:
        return False
    return True


class Cluster:
    """One PostgreSQL server in a temporary folder, on 127.0.0.1 and a free port."""

    def __init__(self) -> None:
        bin_dir = _bin_dir()
        assert bin_dir is not None
        self.folder = Path(tempfile.mkdtemp(prefix="tantay-pg-"))
        self.data = self.folder / "data"
        self.sockets = self.folder / "sockets"
        self.sockets.mkdir()
        as_root = os.geteuid() == 0
        if as_root:
            shutil.chown(self.folder, "postgres")
            shutil.chown(self.sockets, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"] if as_root else []
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        subprocess.run(
            [*run_as, str(bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres"]
            + ["-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"],
            check=True,
            capture_output=True,
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.sockets}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=300 -c shared_buffers=64MB"
        )
        self._pg_ctl = [*run_as, str(bin_dir / "pg_ctl"), "-D", str(self.data)]
        self._options = options
        self.start()
        self._count = itertools.count(1)
        self._lock = threading.Lock()
        self._template_ready = False

    def start(self) -> None:
        """Start the server (again, after ``halt``)."""
        subprocess.run(
            [*self._pg_ctl, "-o", self._options, "-l", str(self.folder / "log"), "-w", "start"],
            check=True,
            capture_output=True,
        )

    def halt(self) -> None:
        """Stop the server as a crash would (its files kept: ``start`` brings it back)."""
        subprocess.run(
            [*self._pg_ctl, "-m", "immediate", "-w", "stop"], check=True, capture_output=True
        )

    def url(self, database: str) -> str:
        """A connection URL to ``database`` on this server."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self) -> str:
        """A fresh, migrated, empty database; its URL."""
        with self._lock:
            if not self._template_ready:
                from city_server.storage import open_storage

                self._admin(f"CREATE DATABASE {TEMPLATE}")
                storage = open_storage(self.url(TEMPLATE))  # migrates; makes no keys
                storage.close()
                self._template_ready = True
            name = f"t{next(self._count)}"
            self._admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by ``new_database`` (its connections closed first)."""
        name = url.rsplit("/", 1)[1]
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        subprocess.run([*self._pg_ctl, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


_cluster: Cluster | None = None
_cluster_lock = threading.Lock()


def cluster() -> Cluster:
    """The test process's PostgreSQL, started on first use."""
    global _cluster
    with _cluster_lock:
        if _cluster is None:
            _cluster = Cluster()
            atexit.register(_cluster.stop)
        return _cluster


def keys_for(db: str) -> str | None:
    """The ``--keys`` file for a test database: None for SQLite (the file beside it is made on
    first start); for PostgreSQL a key file of its own, made on first use (mode 0600)."""
    from city_server.storage import is_postgres_url

    if not is_postgres_url(db):
        return None
    from city_server.keys import init_keys

    path = cluster().folder / "keys" / (db.rsplit("/", 1)[1] + ".keys.json")
    if not path.exists():
        init_keys(path)
    return str(path)


@pytest.fixture(params=BACKENDS)
def server_db(request, tmp_path):
    """A fresh server database, once per backend: a SQLite path or a PostgreSQL URL."""
    if request.param == "sqlite":
        yield str(tmp_path / "city.db")
        return
    if not available():
        pytest.skip(
            "PostgreSQL not available (apt-get install postgresql; pip install -e .[server])"
        )
    pg = cluster()
    url = pg.new_database()
    yield url
    pg.drop_database(url)
