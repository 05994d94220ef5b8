"""An exclusive lock on a small side file, across processes (fcntl on POSIX, msvcrt on Windows).

Used for the key file's read-modify-write: two sessions of the app (or a GUI and a command) must
never lose each other's writes, and failed logins must all be counted. The lock is released when
the process dies, so a crash never leaves it held. No third-party package: these are the two
calls the operating systems give for exactly this.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from desktop_app.core.errors import DatabaseError

if os.name == "nt":  # pragma: no cover - exercised by the Windows build's tests
    import msvcrt

    def _lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@contextlib.contextmanager
def locked(path: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold the exclusive lock on ``path`` (created if missing) for the ``with`` body."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise DatabaseError(
            f"Không ghi được vào thư mục dữ liệu {path.parent} (chỉ đọc hoặc đầy). "
            "Dữ liệu vẫn nguyên vẹn.",
            f"Cannot write to the data folder {path.parent} (read-only or full). "
            "Your data is intact.",
        ) from exc
    try:
        deadline = time.monotonic() + timeout
        while not _lock(fd):
            if time.monotonic() > deadline:
                raise DatabaseError(
                    "Một phiên khác của Tận Tay đang giữ tệp khoá. Hãy thử lại.",
                    "Another Tận Tay session holds the key file. Try again.",
                )
            time.sleep(0.01)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
