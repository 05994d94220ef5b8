"""Where the city server's SQL and imports may live (issue 13): every SQL statement in
``city_server/storage/``, SQLite's own tables only in its module, and no Qt anywhere."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "city_server"
SQL = re.compile(
    r"\b(SELECT\s+[\w*(]|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE"
    r"|\.execute(many)?\()",
)


def sql_outside_storage() -> list[str]:
    """``file:line`` of every SQL-looking line of ``city_server`` outside its storage package."""
    found = []
    for path in SERVER.rglob("*.py"):
        if "storage" in path.relative_to(SERVER).parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SQL.search(line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    return found


def test_no_sql_outside_the_storage_package():
    assert sql_outside_storage() == []


def test_the_sql_check_sees_a_statement():
    for line in (
        'conn.execute("SELECT 1")',
        '"INSERT OR IGNORE INTO device_audit_heads (device_id)"',
        '"UPDATE officers SET revoked = 1"',
        '"SELECT seq FROM sqlite_sequence"',
    ):
        assert SQL.search(line), line
    assert not SQL.search("select the records a batch names")


def test_only_the_sqlite_module_knows_sqlite():
    offenders = [
        str(p.relative_to(ROOT))
        for p in SERVER.rglob("*.py")
        if p.name != "sqlite.py"
        and re.search(r"sqlite_sequence|PRAGMA|import sqlite3", p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_server_loads_no_qt_and_no_desktop_ui():
    """Everything the server runs, imported in a fresh interpreter: no PySide6, no shiboken,
    no ``desktop_app.ui`` (nor ``store``/``sync``) ends up loaded, even indirectly."""
    code = (
        "import sys\n"
        "import city_server.__main__, city_server.app, city_server.cli, city_server.bundles\n"
        "import city_server.storage.sqlite, city_server.storage.postgres\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')"
        " or m.startswith(('desktop_app.ui', 'desktop_app.store', 'desktop_app.sync')))\n"
        "print('\\n'.join(bad))\n"
        "sys.exit(1 if bad else 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stdout + done.stderr
