"""The key file beside the database: each user's wrapped copy of the database key.

The database is encrypted with SQLCipher under a random 256-bit key. That key is stored only
wrapped (AES-256-GCM) under a key derived from each user's password with argon2id, and once more
under the recovery key shown at setup. A wrong password fails the AES-GCM tag check, so the key
file never holds a password hash that could be compared offline faster than argon2id allows.

Failed-login counters live here too, because they are needed before the database can be opened.

Every change is a read-modify-write under an exclusive lock on ``tantay.keys.lock``: the file is
read again, the change applied to what is on disk, and written atomically, so a stale session
never overwrites a newer password (and 12 parallel wrong passwords count as 12). ``key_epoch``
names the generation of the database key: a session holding an older key may not wrap it for
anyone (``StaleKeyFile``).

Users set up or logged in since issue 12 hold the database key *sealed* to a personal X25519 key
whose private half is wrapped under the password. Sealing needs only the public half, so the
database key can be replaced (``rotate``) and re-sealed for every remaining user without knowing
their passwords: disabling a user, or a leaked password, then re-keys the database. A police
officer's personal signing key (``officers``) is wrapped under the officer's password only.
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
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop_app.core import keys as keymod
from desktop_app.core.errors import DatabaseError, KnownError, LockedOut, WrongPassword
from desktop_app.store.file_lock import locked

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


def _seal(db_key: bytes, box_public_b64: str, label: str) -> dict:
    """Encrypt ``db_key`` to an X25519 public key (ephemeral key + HKDF + AES-GCM)."""
    eph = X25519PrivateKey.generate()
    shared = eph.exchange(X25519PublicKey.from_public_bytes(_unb64(box_public_b64)))
    kek = HKDF(hashes.SHA256(), 32, None, b"tantay-seal:" + label.encode()).derive(shared)
    nonce = secrets.token_bytes(12)
    return {
        "eph": _b64(keymod.public_bytes(eph)),
        "nonce": _b64(nonce),
        "sealed": _b64(AESGCM(kek).encrypt(nonce, db_key, label.encode())),
    }


def _unseal(sealed: dict, box_private: X25519PrivateKey, label: str) -> bytes | None:
    shared = box_private.exchange(X25519PublicKey.from_public_bytes(_unb64(sealed["eph"])))
    kek = HKDF(hashes.SHA256(), 32, None, b"tantay-seal:" + label.encode()).derive(shared)
    try:
        return AESGCM(kek).decrypt(
            _unb64(sealed["nonce"]), _unb64(sealed["sealed"]), label.encode()
        )
    except InvalidTag:
        return None


def _sealed_entry(db_key: bytes, secret: str, params: KdfParams, label: str) -> dict:
    """A new-style entry: a personal X25519 key wrapped under ``secret``, the db key sealed to it."""
    box = X25519PrivateKey.generate()
    entry = _wrap(keymod.private_bytes(box), secret, params, label + ":box")
    entry["box_public"] = _b64(keymod.public_bytes(box))
    entry["sealed_key"] = _seal(db_key, entry["box_public"], label)
    return entry


def _open_entry(
    entry: dict, secret: str, label: str, sealed_key: dict | None = None
) -> bytes | None:
    """The database key from a user's (or the recovery) entry, None for a wrong secret."""
    if "box_public" not in entry:
        return _unwrap(entry, secret, label)  # an entry from before issue 12
    raw = _unwrap(entry, secret, label + ":box")
    if raw is None:
        return None
    return _unseal(
        sealed_key or entry["sealed_key"], X25519PrivateKey.from_private_bytes(raw), label
    )


class StaleKeyFile(KnownError):
    """The database key changed since this session opened: it may not wrap keys any more."""

    def __init__(self):
        super().__init__(
            "Khoá cơ sở dữ liệu vừa được đổi ở phiên khác. Hãy đăng xuất rồi đăng nhập lại.",
            "The database key was changed in another session. Log out and log in again.",
        )


def new_recovery_key() -> str:
    """A random recovery key, 25 characters in 5 groups (about 125 bits), easy to copy by hand."""
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(25))
    return "-".join(chars[i : i + 5] for i in range(0, 25, 5))


def normalise_recovery_key(text: str) -> str:
    """Upper-case, drop spaces and dashes, regroup: what a person types may differ in form."""
    chars = "".join(c for c in text.upper() if c.isalnum())
    return "-".join(chars[i : i + 5] for i in range(0, len(chars), 5))


class KeyFile:
    """The JSON key file. Changes are queued, then ``save`` applies them to the file as it is on
    disk now, under the lock, and writes it to a temporary file, flushed, then renamed."""

    def __init__(self, path: Path, data: dict):
        self.path = path
        self.data = data
        self.epoch = int(data.get("key_epoch", 0))
        self._pending: list = []

    @property
    def lock_path(self) -> Path:
        """The side file whose lock guards every read-modify-write."""
        return self.path.with_name(self.path.name + ".lock")

    @classmethod
    def create(cls, path: Path) -> KeyFile:
        """A new, empty key file object (written on the first ``save``)."""
        return cls(
            path,
            {"format": FORMAT, "users": {}, "recovery": None, "key_epoch": 0, "version": 0},
        )

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        """Read the key file; a missing or damaged one is a clear error."""
        return cls(path, cls._read(path))

    @staticmethod
    def _read(path: Path) -> dict:
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
        return data

    def _write(self, data: dict) -> None:
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
                json.dump(data, fh, indent=1, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _fresh(self) -> dict:
        """What is on disk now (call under the lock); the in-memory data for a new file."""
        if self.path.exists():
            return self._read(self.path)
        return json.loads(json.dumps(self.data))

    def save(self) -> None:
        """Apply the queued changes to the file as it is on disk now; write it atomically.

        Refused (``StaleKeyFile``) when another session changed the database key meanwhile."""
        with locked(self.lock_path):
            data = self._fresh()
            if int(data.get("key_epoch", 0)) != self.epoch:
                self._pending.clear()
                raise StaleKeyFile()
            for change in self._pending:
                change(data)
            data["version"] = int(data.get("version", 0)) + 1
            self._write(data)
            self._pending.clear()
            self.data = data

    def _queue(self, change) -> None:
        change(self.data)
        self._pending.append(change)

    # users ---------------------------------------------------------------------------------

    def usernames(self) -> list[str]:
        """Users who can log in on this laptop."""
        return sorted(self.data["users"])

    def has_user(self, username: str) -> bool:
        """True when ``username`` has a wrapped key here."""
        return username in self.data["users"]

    def set_user(self, username: str, password: str, db_key: bytes, params: KdfParams) -> None:
        """Wrap ``db_key`` for ``username`` under ``password`` (new user or new password)."""
        entry = _sealed_entry(db_key, password, params, "user:" + username)
        entry.update(failed=0, locked_until=0.0)
        self._queue(lambda data: data["users"].__setitem__(username, dict(entry)))

    def remove_user(self, username: str) -> None:
        """Forget a user's wrapped key (a disabled user can no longer open the database)."""

        def change(data):
            data["users"].pop(username, None)
            data.get("officers", {}).pop(username, None)

        self._queue(change)

    def set_recovery(self, recovery_key: str, db_key: bytes, params: KdfParams) -> None:
        """Wrap ``db_key`` under the recovery key."""
        entry = _sealed_entry(db_key, normalise_recovery_key(recovery_key), params, "recovery")
        self._queue(lambda data: data.__setitem__("recovery", entry))

    def unlock(self, username: str, password: str, now: float | None = None) -> bytes:
        """The database key for a correct password; counts failures and locks out.

        Under the lock, on the file as it is on disk: parallel attempts each count."""
        now = time.time() if now is None else now
        with locked(self.lock_path):
            data = self._read(self.path)
            self.data, self.epoch = data, int(data.get("key_epoch", 0))
            entry = data["users"].get(username)
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
            key = _open_entry(entry, password, "user:" + username)
            if key is None:
                entry["failed"] = entry.get("failed", 0) + 1
                extra = entry["failed"] - MAX_FAILURES_BEFORE_DELAY
                if extra >= 0:
                    entry["locked_until"] = now + min(MAX_DELAY_S, BASE_DELAY_S * (2**extra))
                data["version"] = int(data.get("version", 0)) + 1
                self._write(data)
                raise WrongPassword(
                    "Tên đăng nhập hoặc mật khẩu không đúng.", "Wrong user name or password."
                )
            changed = False
            if entry.get("failed") or entry.get("locked_until"):
                entry["failed"] = 0
                entry["locked_until"] = 0.0
                changed = True
            if "box_public" not in entry:
                # upgrade to a sealed entry, so a later re-key can include this user
                params = KdfParams(**entry["kdf"])
                data["users"][username] = {
                    **_sealed_entry(key, password, params, "user:" + username),
                    "failed": 0,
                    "locked_until": 0.0,
                }
                changed = True
            if changed:
                data["version"] = int(data.get("version", 0)) + 1
                # a read-only folder: opening the database reports it clearly
                with contextlib.suppress(DatabaseError):
                    self._write(data)
        return key

    def pending_key(self, username: str, password: str) -> bytes | None:
        """The new database key of an unfinished re-key, for this user (None if none)."""
        pending = self.data.get("pending_rekey")
        entry = self.data["users"].get(username)
        if not pending or entry is None or username not in pending.get("users", {}):
            return None
        if "box_public" not in entry:
            return None
        return _open_entry(entry, password, "user:" + username, pending["users"][username])

    def unlock_recovery(self, recovery_key: str) -> bytes:
        """The database key for a correct recovery key."""
        entry = self.data.get("recovery")
        key = None
        if entry is not None:
            key = _open_entry(entry, normalise_recovery_key(recovery_key), "recovery")
        if key is None:
            raise WrongPassword("Mã khôi phục không đúng.", "Wrong recovery key.")
        return key

    # re-keying -----------------------------------------------------------------------------

    def begin_rotation(self, new_key: bytes) -> list[str]:
        """Step 1 of a re-key: seal ``new_key`` for every user who can take it, beside the
        current key (a crash now leaves the database on the old key, which still opens).
        Returns the users who cannot take it (not logged in since sealed entries came): they
        need a new password from the admin."""
        with locked(self.lock_path):
            data = self._fresh()
            if int(data.get("key_epoch", 0)) != self.epoch:
                raise StaleKeyFile()
            sealed, left_out = {}, []
            for name, entry in data["users"].items():
                if "box_public" in entry:
                    sealed[name] = _seal(new_key, entry["box_public"], "user:" + name)
                else:
                    left_out.append(name)
            pending = {"users": sealed, "epoch": self.epoch + 1}
            recovery = data.get("recovery")
            if recovery and "box_public" in recovery:
                pending["recovery"] = _seal(new_key, recovery["box_public"], "recovery")
            data["pending_rekey"] = pending
            data["version"] = int(data.get("version", 0)) + 1
            self._write(data)
            self.data = data
        return sorted(left_out)

    def finish_rotation(self) -> None:
        """Step 3 of a re-key (after ``PRAGMA rekey``): the new key becomes the only key."""
        with locked(self.lock_path):
            data = self._fresh()
            pending = data.pop("pending_rekey", None)
            if pending is None:
                return
            users = {}
            for name, entry in data["users"].items():
                if name in pending["users"]:
                    users[name] = {**entry, "sealed_key": pending["users"][name]}
            data["users"] = users
            recovery = data.get("recovery")
            if recovery and "recovery" in pending:
                data["recovery"] = {**recovery, "sealed_key": pending["recovery"]}
            elif recovery:
                data["recovery"] = None
            data["key_epoch"] = pending["epoch"]
            data["version"] = int(data.get("version", 0)) + 1
            self._write(data)
            self.data, self.epoch = data, pending["epoch"]

    def abandon_rotation(self) -> None:
        """Forget an unfinished re-key whose database change never happened."""
        with locked(self.lock_path):
            data = self._fresh()
            if data.pop("pending_rekey", None) is not None:
                data["version"] = int(data.get("version", 0)) + 1
                self._write(data)
            self.data = data

    # police officers' signing keys ---------------------------------------------------------

    def set_officer_key(
        self, username: str, password: str, private_key: bytes, cert_text: str, params: KdfParams
    ) -> None:
        """Wrap an officer's personal signing key under the officer's own password only."""
        entry = _wrap(private_key, password, params, "officer:" + username)
        entry["cert"] = cert_text
        self._queue(lambda data: data.setdefault("officers", {}).__setitem__(username, entry))

    def remove_officer_key(self, username: str) -> None:
        """Forget an officer's signing key (a password reset leaves it locked for good)."""
        self._queue(lambda data: data.get("officers", {}).pop(username, None))

    def officer_key_on_disk(self, username: str) -> bool:
        """True when the file as it is on disk now holds a signing key of ``username`` (one
        registered by another process, the command line, after this session opened)."""
        with locked(self.lock_path):
            data = self._fresh()
        return username in data.get("officers", {})

    def officer_key(self, username: str, password: str) -> tuple[bytes, str] | None:
        """(private key, certificate text) of an officer, None without one or a wrong password."""
        entry = self.data.get("officers", {}).get(username)
        if entry is None:
            return None
        raw = _unwrap(entry, password, "officer:" + username)
        return (raw, entry["cert"]) if raw is not None else None
