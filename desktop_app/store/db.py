"""Opening the encrypted database and migrating it.

SQLCipher through ``sqlcipher3``, wrapped in a ``sqlite_utils.Database``. The schema version is
``PRAGMA user_version``; migrations are the numbered files in ``db_schema/``. Before an existing
database is migrated, the file is copied to ``backups/``. A database from a newer app is refused.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3
import sqlite_utils

from desktop_app.core.errors import DatabaseError
from desktop_app.paths import DB_SCHEMA

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


def _shield_none_from_refcount_bug() -> None:
    """Keep a sqlcipher3 refcount bug from crashing the app on Python 3.11.

    The sqlcipher3 wheels (0.5.x–0.6.x, all of them tried) sometimes give up a reference to
    ``None`` that they never took: code written for Python 3.12+, where ``None`` is immortal.
    On 3.11 ``None``'s count drifts down until it reaches zero and the interpreter aborts with
    "none_dealloc" (seen after scrolling 40,000 households). Raising the count far out of
    reach makes ``None`` as immortal as on 3.12. Only on CPython before 3.12.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes

    refcount = ctypes.c_ssize_t.from_address(id(None))
    before = sys.getrefcount(None)
    if refcount.value != before - 1 and refcount.value != before:
        return  # not the object layout we expect (a debug build): leave it alone
    if refcount.value < 1 << 40:
        refcount.value += 1 << 40


_shield_none_from_refcount_bug()


def migrations(folder: Path = DB_SCHEMA) -> list[tuple[int, Path]]:
    """The numbered migration files, in order."""
    found = []
    for path in folder.glob("*.sql"):
        m = _MIGRATION_NAME.match(path.name)
        if m:
            found.append((int(m.group(1)), path))
    found.sort()
    numbers = [n for n, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migration numbers must run 1..N without gaps: {numbers}")
    return found


def schema_version(folder: Path = DB_SCHEMA) -> int:
    """The schema version this app writes."""
    found = migrations(folder)
    return found[-1][0] if found else 0


def _friendly(exc: Exception, path: Path) -> DatabaseError:
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseError(
            f"Tệp dữ liệu {path.name} bị hỏng hoặc không đọc được. Hãy khôi phục từ bản sao lưu.",
            f"The data file {path.name} is damaged or unreadable. Restore it from a backup.",
        )
    if "readonly" in text or "read-only" in text or "permission" in text:
        return DatabaseError(
            f"Không ghi được vào thư mục dữ liệu ({path.parent}). Hãy kiểm tra quyền ghi.",
            f"Cannot write to the data folder ({path.parent}). Check its permissions.",
        )
    if "disk" in text and ("full" in text or "i/o" in text):
        return DatabaseError(
            "Ổ đĩa đã đầy. Thao tác chưa được lưu; dữ liệu cũ vẫn nguyên vẹn.",
            "The disk is full. The action was not saved; earlier data is intact.",
        )
    if "unable to open" in text:
        return DatabaseError(
            f"Không mở được tệp dữ liệu {path}.", f"Cannot open the data file {path}."
        )
    return DatabaseError(f"Lỗi cơ sở dữ liệu: {exc}", f"Database error: {exc}")


def friendly_db_error(exc: Exception, path: Path) -> DatabaseError:
    """Turn an SQLite error into a message a person can act on."""
    return _friendly(exc, path)


PAGE_CACHE_KIB = 64 * 1024


def connect(path: Path, key: bytes, *, create: bool = False) -> sqlite_utils.Database:
    """Open ``path`` with the raw 256-bit ``key``; check that the key opens it."""
    path = Path(path)
    if not create and not path.exists():
        raise DatabaseError(
            f"Không tìm thấy tệp dữ liệu {path}.", f"The data file {path} does not exist."
        )
    folder = path.parent
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise DatabaseError(
            f"Thư mục dữ liệu {folder} chỉ đọc, không ghi được. Dữ liệu vẫn nguyên vẹn; hãy chọn "
            "thư mục khác hoặc nhờ cán bộ tin học cấp quyền ghi.",
            f"The data folder {folder} is read-only. Your data is intact; choose another folder "
            "or ask IT for write access.",
        )
    try:
        conn = sqlcipher3.connect(str(path), timeout=10.0, check_same_thread=False)
    except (sqlcipher3.Error, sqlite3.Error) as exc:
        raise _friendly(exc, path) from exc
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            log.warning("journal mode is %s, not WAL", mode)
        conn.execute("PRAGMA synchronous = NORMAL")
        # Decrypted pages kept in memory (at most this much; used only as pages are read). Each
        # page read from disk costs a decryption; the list, its index and the search index of a
        # large commune (~60 MB at 40,000 households) then stay decrypted between keystrokes.
        conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    except (sqlcipher3.Error, sqlite3.Error) as exc:
        conn.close()
        raise _friendly(exc, path) from exc
    # No sqlite-utils plugins: third-party code has no business on the decrypted connection,
    # and finding them scans every installed package's entry points (~60 ms at start-up).
    return sqlite_utils.Database(conn, execute_plugins=False)


def current_version(db: sqlite_utils.Database) -> int:
    """``PRAGMA user_version`` of an open database."""
    return db.execute("PRAGMA user_version").fetchone()[0]


def backup_file(db: sqlite_utils.Database, path: Path, label: str) -> Path:
    """Copy the (encrypted) database file into ``backups/`` beside it and return the copy."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    backups = path.parent / "backups"
    backups.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups / f"{path.stem}-{label}-{stamp}{path.suffix}"
    shutil.copy2(path, target)
    return target


def migrate(db: sqlite_utils.Database, path: Path, folder: Path = DB_SCHEMA) -> int:
    """Bring the database to the newest schema; back it up first. Returns the new version."""
    have = current_version(db)
    found = migrations(folder)
    want = found[-1][0] if found else 0
    if have > want:
        raise DatabaseError(
            "Tệp dữ liệu này được tạo bởi phiên bản Tận Tay mới hơn. Hãy cập nhật ứng dụng.",
            "This data file was made by a newer version of Tận Tay. Update the app.",
        )
    if have == want:
        return have
    if have > 0:
        copy = backup_file(db, path, f"before-v{want}")
        log.info("backed up the database to %s before migrating v%d -> v%d", copy, have, want)
    for number, file in found:
        if number <= have:
            continue
        sql = file.read_text(encoding="utf-8")
        try:
            with db.atomic():
                for statement in _split_sql(sql):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")
        except (sqlcipher3.Error, sqlite3.Error) as exc:
            raise _friendly(exc, path) from exc
        log.info("applied migration %s", file.name)
    return want


def _split_sql(sql: str) -> list[str]:
    """Split a migration file into statements (sqlite3's complete_statement handles quoting)."""
    statements, buf = [], ""
    for line in sql.splitlines(keepends=True):
        if not buf and line.strip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements
