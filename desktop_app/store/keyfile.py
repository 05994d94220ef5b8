"""The key file beside the database: each user's wrapped copy of the database key.

The database is encrypted with SQLCipher under a random 256-bit key. That key is stored only
wrapped (AES-256-GCM) under a key derived from each user's password with argon2id, and once more
under the recovery key shown at setup. A wrong password fails the AES-GCM tag check, so the key
file never holds a password hash that could be compared offline faster than argon2id allows.

Failed-login counters live here too, because they are needed before the database can be opened.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop_app.core.errors import DatabaseError, LockedOut, WrongPassword

FORMAT = 1
MAX_FAILURES_BEFORE_DELAY = 5
BASE_DELAY_S = 30.0
MAX_DELAY_S = 15 * 60.0
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost. The defaults take a few hundred milliseconds on a modest laptop."""

    time_cost: int = 3
    memory_cost: int = 64 * 1024  # KiB
    parallelism: int = 2


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _derive(secret: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _wrap(db_key: bytes, secret: str, params: KdfParams, label: str) -> dict:
    salt = secrets.token_bytes(16)
    kek = _derive(secret, salt, params)
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(kek).encrypt(nonce, db_key, label.encode("utf-8"))
    return {
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "wrapped": _b64(wrapped),
        "kdf": asdict(params),
    }


def _unwrap(entry: dict, secret: str, label: str) -> bytes | None:
    params = KdfParams(**entry["kdf"])
    kek = _derive(secret, _unb64(entry["salt"]), params)
    try:
        return AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]), label.encode())
    except InvalidTag:
        return None


def new_recovery_key() -> str:
    """A random recovery key, 25 characters in 5 groups (about 125 bits), easy to copy by hand."""
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(25))
    return "-".join(chars[i : i + 5] for i in range(0, 25, 5))


def normalise_recovery_key(text: str) -> str:
    """Upper-case, drop spaces and dashes, regroup: what a person types may differ in form."""
    chars = "".join(c for c in text.upper() if c.isalnum())
    return "-".join(chars[i : i + 5] for i in range(0, len(chars), 5))


class KeyFile:
    """The JSON key file. Every write goes to a temporary file, is flushed, then renamed."""

    def __init__(self, path: Path, data: dict):
        self.path = path
        self.data = data

    @classmethod
    def create(cls, path: Path) -> KeyFile:
        """A new, empty key file object (written on the first ``save``)."""
        return cls(path, {"format": FORMAT, "users": {}, "recovery": None})

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        """Read the key file; a missing or damaged one is a clear error."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise DatabaseError(
                f"Không tìm thấy tệp khoá {path.name} bên cạnh cơ sở dữ liệu.",
                f"The key file {path.name} next to the database is missing.",
            ) from exc
        except (OSError, ValueError) as exc:
            raise DatabaseError(
                f"Tệp khoá {path.name} bị hỏng. Hãy khôi phục từ bản sao lưu.",
                f"The key file {path.name} is damaged. Restore it from a backup.",
            ) from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise DatabaseError(
                "Tệp khoá được tạo bởi phiên bản Tận Tay khác.",
                "The key file was made by another version of Tận Tay.",
            )
        return cls(path, data)

    def save(self) -> None:
        """Write atomically: temp file in the same folder, fsync, rename."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".keys-", dir=self.path.parent)
        except OSError as exc:
            raise DatabaseError(
                f"Không ghi được vào thư mục dữ liệu {self.path.parent} (chỉ đọc hoặc đầy). "
                "Dữ liệu vẫn nguyên vẹn.",
                f"Cannot write to the data folder {self.path.parent} (read-only or full). "
                "Your data is intact.",
            ) from exc
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.data, fh, indent=1, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    # users ---------------------------------------------------------------------------------

    def usernames(self) -> list[str]:
        """Users who can log in on this laptop."""
        return sorted(self.data["users"])

    def has_user(self, username: str) -> bool:
        """True when ``username`` has a wrapped key here."""
        return username in self.data["users"]

    def set_user(self, username: str, password: str, db_key: bytes, params: KdfParams) -> None:
        """Wrap ``db_key`` for ``username`` under ``password`` (new user or new password)."""
        entry = _wrap(db_key, password, params, "user:" + username)
        entry.update(failed=0, locked_until=0.0)
        self.data["users"][username] = entry

    def remove_user(self, username: str) -> None:
        """Forget a user's wrapped key (a disabled user can no longer open the database)."""
        self.data["users"].pop(username, None)

    def set_recovery(self, recovery_key: str, db_key: bytes, params: KdfParams) -> None:
        """Wrap ``db_key`` under the recovery key."""
        self.data["recovery"] = _wrap(
            db_key, normalise_recovery_key(recovery_key), params, "recovery"
        )

    def unlock(self, username: str, password: str, now: float | None = None) -> bytes:
        """The database key for a correct password; counts failures and locks out."""
        now = time.time() if now is None else now
        entry = self.data["users"].get(username)
        if entry is None:
            # Same message as a wrong password: do not tell which user names exist.
            raise WrongPassword(
                "Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong user name or password."
            )
        if entry.get("locked_until", 0) > now:
            wait = entry["locked_until"] - now
            raise LockedOut(
                f"Đăng nhập sai quá nhiều lần. Hãy thử lại sau {int(wait) + 1} giây.",
                f"Too many failed logins. Try again in {int(wait) + 1} seconds.",
                retry_after=wait,
            )
        key = _unwrap(entry, password, "user:" + username)
        if key is None:
            entry["failed"] = entry.get("failed", 0) + 1
            extra = entry["failed"] - MAX_FAILURES_BEFORE_DELAY
            if extra >= 0:
                entry["locked_until"] = now + min(MAX_DELAY_S, BASE_DELAY_S * (2**extra))
            self.save()
            raise WrongPassword(
                "Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong user name or password."
            )
        if entry.get("failed") or entry.get("locked_until"):
            entry["failed"] = 0
            entry["locked_until"] = 0.0
            # a read-only folder: opening the database reports it clearly
            with contextlib.suppress(DatabaseError):
                self.save()
        return key

    def unlock_recovery(self, recovery_key: str) -> bytes:
        """The database key for a correct recovery key."""
        entry = self.data.get("recovery")
        key = None
        if entry is not None:
            key = _unwrap(entry, normalise_recovery_key(recovery_key), "recovery")
        if key is None:
            raise WrongPassword("Mã khôi phục không đúng.", "Wrong recovery key.")
        return key
