"""The server's private keys in a key file, not in the database.

Laptops pin the server's Ed25519 signing key at enrolment and encrypt USB bundles to its X25519
box key, so the two private keys are the server's identity: a database dump or replica must not
carry them, and every worker of one server must read the same ones. They live in a small JSON
file, readable by the server's user only (mode 0600)::

    python -m city_server init-keys /etc/tantay/server-keys.json
    python -m city_server serve --db postgresql://… --keys /etc/tantay/server-keys.json

Without ``--keys``, a SQLite server keeps its key file beside the database (``city.db`` →
``city.keys.json``), created on first start, so ``serve --db city.db`` alone still works for a demo
or one commune. PostgreSQL needs ``--keys``. A database made by an earlier version holds its keys in
the ``server_keys`` table: they are moved to the key file on first start (same keys, so enrolled
laptops keep trusting the server) and deleted from the database.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from base64 import b64decode, b64encode
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from city_server.storage.base import ServerKeys
from desktop_app.core.errors import KnownError

FORMAT = "tantay-server-keys/1"


class KeyFileError(KnownError):
    """A key file that is missing, unreadable, too open or malformed."""


def default_key_path(db_path: str | os.PathLike[str]) -> Path:
    """The key file beside a SQLite database: ``city.db`` → ``city.keys.json``."""
    path = Path(db_path)
    return path.with_name(path.stem + ".keys.json")


def generate() -> ServerKeys:
    """Fresh keys."""
    return ServerKeys(sign=Ed25519PrivateKey.generate(), box=X25519PrivateKey.generate())


def _raw(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
    return b64encode(key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())).decode()


def write_key_file(path: str | os.PathLike[str], keys: ServerKeys) -> Path:
    """Write ``keys`` to a new file of mode 0600; refuse to overwrite an existing one."""
    path = Path(path)
    document = {
        "format": FORMAT,
        "sign_private_key": _raw(keys.sign),
        "box_private_key": _raw(keys.box),
        "sign_public_key": keys.sign_public_b64,
        "box_public_key": keys.box_public_b64,
    }
    data = (json.dumps(document, indent=2) + "\n").encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError as exc:
        raise KeyFileError(
            f"Tệp khoá {path} đã có; không ghi đè khoá của máy chủ.",
            f"The key file {path} exists; the server's keys are never overwritten.",
        ) from exc
    except OSError as exc:
        raise KeyFileError(
            f"Không tạo được tệp khoá {path}: {exc.strerror}",
            f"Cannot create the key file {path}: {exc.strerror}",
        ) from exc
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    return path


def init_keys(path: str | os.PathLike[str]) -> ServerKeys:
    """``init-keys FILE``: make fresh keys and write them to a new file."""
    keys = generate()
    write_key_file(path, keys)
    return keys


def load_key_file(path: str | os.PathLike[str]) -> ServerKeys:
    """Read a key file; refuse one that others may read (POSIX) or that is malformed."""
    path = Path(path)
    try:
        info = path.stat()
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise KeyFileError(
            f"Không có tệp khoá {path}. Tạo bằng: python -m city_server init-keys {path}",
            f"No key file {path}. Create one with: python -m city_server init-keys {path}",
        ) from exc
    except OSError as exc:
        raise KeyFileError(
            f"Không đọc được tệp khoá {path}: {exc.strerror}",
            f"Cannot read the key file {path}: {exc.strerror}",
        ) from exc
    if sys.platform != "win32" and info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyFileError(
            f"Tệp khoá {path} để người khác đọc được; chạy: chmod 600 {path}",
            f"The key file {path} is readable by others; run: chmod 600 {path}",
        )
    try:
        document = json.loads(text)
        if document.get("format") != FORMAT:
            raise ValueError("format")
        return ServerKeys(
            sign=Ed25519PrivateKey.from_private_bytes(b64decode(document["sign_private_key"])),
            box=X25519PrivateKey.from_private_bytes(b64decode(document["box_private_key"])),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise KeyFileError(
            f"Tệp khoá {path} không đúng định dạng ({FORMAT}).",
            f"The key file {path} is not a {FORMAT} file.",
        ) from exc


def resolve(
    keys_path: str | os.PathLike[str] | None,
    default_path: Path | None,
    legacy: ServerKeys | None,
) -> tuple[ServerKeys, bool]:
    """The keys a server uses, and whether the database's legacy keys may now be dropped.

    ``keys_path``: ``--keys`` (must exist, unless the database still holds legacy keys to move
    into it). ``default_path``: the file beside a SQLite database (created when missing), None for
    PostgreSQL. ``legacy``: keys found in the database's ``server_keys`` table."""
    path = Path(keys_path) if keys_path is not None else default_path
    if path is None:
        raise KeyFileError(
            "Máy chủ dùng PostgreSQL cần --keys TỆP (tạo bằng: python -m city_server init-keys TỆP).",
            "A server on PostgreSQL needs --keys FILE (create it with:"
            " python -m city_server init-keys FILE).",
        )
    if path.exists():
        keys = load_key_file(path)
        if legacy is not None and legacy.sign_public_b64 != keys.sign_public_b64:
            raise KeyFileError(
                f"Cơ sở dữ liệu giữ khoá máy chủ khác với tệp {path}; không rõ dùng khoá nào.",
                f"The database holds server keys other than those in {path}; refusing to guess.",
            )
        return keys, legacy is not None
    if legacy is None and keys_path is not None:
        load_key_file(path)  # raises the "create it with init-keys" message
    keys = legacy or generate()
    try:
        write_key_file(path, keys)
    except KeyFileError:
        if not path.exists():
            raise
        # another worker of this server wrote it first: theirs is the one
        return resolve(path, None, legacy)
    return keys, legacy is not None


def fingerprint_of(sign_public_b64: str) -> str:
    """The laptop's fingerprint of the server's signing key (``xxxx-xxxx-xxxx-xxxx``), as its
    Sync page shows it at enrolment."""
    from desktop_app.core.keys import fingerprint, load_sign_public

    return fingerprint(load_sign_public(sign_public_b64))


def wrong_key_file(path, known: tuple[str, str]) -> KeyFileError:
    """The refusal when a key file is not the one this database was served with."""
    expected = fingerprint_of(known[0])
    return KeyFileError(
        f"Tệp khoá {path} không phải khoá của cơ sở dữ liệu này (cần khoá có dấu vân tay"
        f" {expected}). Các máy đã đăng ký sẽ từ chối mọi biên nhận ký bằng khoá khác: hãy dùng"
        " đúng tệp khoá đã dùng với cơ sở dữ liệu này (bản sao lưu của nó).",
        f"The key file {path} is not this database's (its signing key's fingerprint must be"
        f" {expected}). Laptops enrolled here would refuse every receipt signed with other keys:"
        " use the key file this database was served with (or its backup).",
    )
