"""The encrypted local store: login, users, records with change capture, reads.

A ``Store`` is one open database acting as one user. Every write is one transaction holding the row
change (version + 1), one outbox entry per changed record with the next per-device sequence number,
and one chained audit entry per changed record. Permissions are checked here, whatever the UI shows.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlite_utils

from desktop_app.core import admin_units
from desktop_app.core.canonical import canonical_text
from desktop_app.core.citizen_id import mask_citizen_id, parse_citizen_id
from desktop_app.core.collation import natural_sort_key, sort_key
from desktop_app.core.errors import (
    DatabaseError,
    KnownError,
    NotFound,
    PermissionDenied,
    UserDisabled,
    ValidationError,
)
from desktop_app.core.ids import new_id
from desktop_app.core.record_rules import record_problem, references
from desktop_app.core.records import (
    COMMON_FIELDS,
    JSON_FIELDS,
    SYNCED_FIELDS,
)
from desktop_app.core.text import clean_text, fold
from desktop_app.store import audit
from desktop_app.store import db as dbmod
from desktop_app.store.bundle_log import BundleLogMixin
from desktop_app.store.files import DB_NAME, KEYS_NAME, database_path, store_exists
from desktop_app.store.guard import SQL_ERRORS as _SQL_ERRORS
from desktop_app.store.guard import op
from desktop_app.store.keyfile import KdfParams, KeyFile, StaleKeyFile, new_recovery_key
from desktop_app.store.merging import MergeMixin
from desktop_app.store.officer_store import OfficerMixin
from desktop_app.store.payments import ImportMixin, PaymentsMixin
from desktop_app.store.permissions import ROLES, allowed, require
from desktop_app.store.rekey import KeyRotationMixin
from desktop_app.store.syncing import SyncMixin, sendable
from desktop_app.store.validation import validate_household, validate_person
from desktop_app.store.verification import VerificationMixin

log = logging.getLogger(__name__)

PAGE_SIZE = 200
SEARCH_INDEX_VERSION = "3"  # 2: ID numbers left out of the index; 3: household.search_words
ROWID_GAP = 1 << 40  # between live households' rowids after a renumbering (see Store._place)
ROWID_STEP = 1 << 24
ROWID_MAX = (1 << 63) - 1
_INDEX_WORD = re.compile(r"[^\W_]+")  # a word as FTS5's unicode61 tokenizer splits them
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
MIN_PASSWORD = 8


def _now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass(frozen=True)
class User:
    """The person acting on the store."""

    username: str
    full_name: str
    role: str
    villages: tuple[str, ...] = ()


def _fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(
            "password",
            "password_short",
            f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.",
            f"The password needs at least {MIN_PASSWORD} characters.",
        )


def _check_username(username: str) -> None:
    if not _USERNAME.match(username or ""):
        raise ValidationError(
            "username",
            "username_invalid",
            "Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch (2–32 ký tự).",
            "A user name is 2–32 lower-case letters without accents, digits, dots or dashes.",
        )


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ValidationError(
            "role", "role_unknown", f"Vai trò không hợp lệ: {role}", f"Unknown role: {role}"
        )


class Store(
    PaymentsMixin,
    ImportMixin,
    VerificationMixin,
    SyncMixin,
    BundleLogMixin,
    OfficerMixin,
    KeyRotationMixin,
    MergeMixin,
):
    """One open encrypted database, acting as one user."""

    def __init__(
        self, data_dir: Path, db: sqlite_utils.Database, keyfile: KeyFile, key: bytes, user: User
    ):
        self.data_dir = Path(data_dir)
        self.path = database_path(data_dir)
        self.db = db
        self._keyfile = keyfile
        self._key = key
        self.user = user
        settings = dict(db.execute("SELECT key, value FROM settings").fetchall())
        self.device_id: str = settings["device_id"]
        self.commune_code: str = settings["commune_code"]
        self.commune_list_version: str = settings["commune_list_version"]
        self.settings = settings

    # --- opening -------------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        data_dir: Path,
        *,
        admin_username: str,
        admin_password: str,
        admin_full_name: str,
        commune_code: str,
        villages: Iterable[str] = (),
        language: str = "vi",
        kdf: KdfParams | None = None,
        demo: bool = False,
        users: Iterable[tuple[str, str, str, str]] = (),
    ) -> tuple[Store, str]:
        """Make a new encrypted database with its first admin (and ``users``: (username, full
        name, role, password)). Returns the store and recovery key. Crash-safe: built in a
        temporary folder and renamed into place."""
        data_dir = Path(data_dir)
        _check_username(admin_username)
        _check_password(admin_password)
        full_name = clean_text(admin_full_name)
        if not full_name:
            raise ValidationError("full_name", "required", "Cần nhập họ tên.", "Enter a name.")
        commune = admin_units.commune(commune_code)
        path = database_path(data_dir)
        if path.exists():
            raise DatabaseError(
                f"Đã có dữ liệu trong {data_dir}.", f"{data_dir} already holds a database."
            )
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            for leftover in data_dir.glob(".creating-*"):
                shutil.rmtree(leftover, ignore_errors=True)  # an earlier creation cut short
            build = Path(tempfile.mkdtemp(prefix=".creating-", dir=data_dir))
        except OSError as exc:
            raise DatabaseError(
                f"Không tạo được thư mục dữ liệu {data_dir}: {exc.strerror}",
                f"Cannot create the data folder {data_dir}: {exc.strerror}",
            ) from exc
        # Everything is built in a temporary folder and renamed into place, key file first and
        # the database last: killed at any point, the folder either holds a whole database or
        # none (a lone key file is replaced by the next creation).
        kdf = kdf or KdfParams()
        key = secrets.token_bytes(32)
        recovery = new_recovery_key()
        db = None
        try:
            keyfile = KeyFile.create(build / KEYS_NAME)
            keyfile.set_user(admin_username, admin_password, key, kdf)
            keyfile.set_recovery(recovery, key, kdf)
            db = dbmod.connect(build / DB_NAME, key, create=True)
            dbmod.migrate(db, build / DB_NAME)
            with db.atomic():
                settings = {
                    "device_id": new_id(),
                    "commune_code": commune.code,
                    "commune_list_version": admin_units.LIST_VERSION,
                    "language": language,
                    "created_at": _now(),
                    "demo": "1" if demo else "0",
                    "kdf": json.dumps(kdf.__dict__),
                    "search_index": SEARCH_INDEX_VERSION,
                }
                db["settings"].insert_all([{"key": k, "value": v} for k, v in settings.items()])
                db["user"].insert(
                    {
                        "username": admin_username,
                        "full_name": full_name,
                        "role": "admin",
                        "disabled": 0,
                        "villages": "[]",
                        "created_at": _now(),
                        "created_by": None,
                    }
                )
                audit.append(db, admin_username, "setup", detail={"commune": commune.code})
            keyfile.save()
            builder = cls(build, db, keyfile, key, User(admin_username, full_name, "admin"))
            with db.atomic():
                for name in villages:
                    builder._insert("village", {"name": name, "kind": "thon"})
            for username, user_full_name, role, password in users:
                builder.add_user(username, user_full_name, role, password)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
            db = None
            os.replace(build / KEYS_NAME, data_dir / KEYS_NAME)
            _fsync_dir(data_dir)
            os.replace(build / DB_NAME, path)
            _fsync_dir(data_dir)
        except OSError as exc:
            raise DatabaseError(
                f"Không tạo được cơ sở dữ liệu trong {data_dir}: {exc.strerror}",
                f"Cannot create the database in {data_dir}: {exc.strerror}",
            ) from exc
        finally:
            if db is not None:
                db.close()
            shutil.rmtree(build, ignore_errors=True)
        keyfile = KeyFile.load(data_dir / KEYS_NAME)
        db = dbmod.connect(path, key)
        store = cls(data_dir, db, keyfile, key, User(admin_username, full_name, "admin"))
        return store, recovery

    @classmethod
    def open(cls, data_dir: Path, username: str, password: str) -> Store:
        """Log in: unwrap the database key with the password, open, migrate, load the user."""
        data_dir = Path(data_dir)
        keyfile = KeyFile.load(data_dir / KEYS_NAME)
        key = keyfile.unlock(username, password)
        return cls.open_unlocked(data_dir, keyfile, key, username, password)

    @classmethod
    def open_unlocked(
        cls, data_dir: Path, keyfile: KeyFile, key: bytes, username: str, password: str
    ) -> Store:
        """``open`` after ``keyfile.unlock(username, password)`` gave ``key`` (the login runs
        the argon2id derivation first, while the GUI thread loads the store's code)."""
        data_dir = Path(data_dir)
        try:
            store = cls._open_with_key(data_dir, keyfile, key, username)
        except DatabaseError:
            # a re-key cut short after the database changed: the new key is sealed beside it
            new_key = keyfile.pending_key(username, password)
            if new_key is None:
                raise
            store = cls._open_with_key(data_dir, keyfile, new_key, username)
            keyfile.finish_rotation()
        else:
            if keyfile.data.get("pending_rekey"):
                keyfile.abandon_rotation()  # the database was never re-keyed
        store._load_officer_key(password)
        return store

    @classmethod
    def open_with_recovery(cls, data_dir: Path, recovery_key: str) -> Store:
        """Open with the recovery key, acting as a recovery admin (to reset passwords)."""
        data_dir = Path(data_dir)
        keyfile = KeyFile.load(data_dir / KEYS_NAME)
        key = keyfile.unlock_recovery(recovery_key)
        db = dbmod.connect(database_path(data_dir), key)
        dbmod.migrate(db, database_path(data_dir))
        store = cls(data_dir, db, keyfile, key, User("(recovery)", "Khôi phục", "admin"))
        with db.atomic():
            audit.append(db, store.user.username, "login.recovery")
        return store

    @classmethod
    def _open_with_key(cls, data_dir: Path, keyfile: KeyFile, key: bytes, username: str) -> Store:
        path = database_path(data_dir)
        db = dbmod.connect(path, key)
        try:
            dbmod.migrate(db, path)
            user = cls._load_user(db, username)
            with db.atomic():
                audit.append(db, username, "login")
        except BaseException:
            db.close()
            raise
        store = cls(data_dir, db, keyfile, key, user)
        store._upgrade_search_index()
        return store

    def _upgrade_search_index(self) -> None:
        """Rebuild a search index made when ID numbers were in it (once per database)."""
        have = self.settings.get("search_index")
        if have == SEARCH_INDEX_VERSION:
            return
        with self.db.atomic():
            if have == "2":
                # new in 3: the words on the row (from the index text) and rowids in name order
                self.db.conn.executemany(
                    "UPDATE household SET search_words = ? WHERE rowid = ?",
                    [
                        (index_words(text), rowid)
                        for rowid, text in self.db.execute(
                            "SELECT rowid, text FROM household_search"
                        ).fetchall()
                    ],
                )
            else:
                for (hid,) in self.db.execute("SELECT id FROM household").fetchall():
                    self._reindex(hid)
            low = self.db.execute("SELECT min(rowid) FROM household").fetchone()[0] or 0
            deleted = self.db.execute(
                "SELECT rowid FROM household WHERE deleted = 1 AND rowid > 0"
            ).fetchall()
            self.db.conn.executemany(  # deleted households leave the name order
                "UPDATE household SET rowid = ? WHERE rowid = ?",
                [(min(low, 0) - 1 - i, r[0]) for i, r in enumerate(deleted)],
            )
            self._renumber_households()
            self.db["settings"].upsert(
                {"key": "search_index", "value": SEARCH_INDEX_VERSION}, pk="key"
            )
        self.settings["search_index"] = SEARCH_INDEX_VERSION

    @staticmethod
    def _load_user(db: sqlite_utils.Database, username: str) -> User:
        row = db.execute(
            "SELECT username, full_name, role, disabled, villages FROM user WHERE username = ?",
            (username,),
        ).fetchone()
        if row is None or row[3]:
            raise UserDisabled(
                "Tài khoản này đã bị khoá. Hãy liên hệ quản trị viên.",
                "This account is disabled. Contact the admin.",
            )
        return User(row[0], row[1], row[2], tuple(json.loads(row[4] or "[]")))

    @op
    def switch_user(self, username: str, password: str) -> User:
        """Quick user switch on a shared laptop: same database, another person acting."""
        self._keyfile = KeyFile.load(self._keyfile.path)
        key = self._keyfile.unlock(username, password)
        if key != self._key:
            raise StaleKeyFile()
        user = self._load_user(self.db, username)
        with self.db.atomic():
            audit.append(self.db, username, "login.switch", detail={"from": self.user.username})
        self.user = user
        self._load_officer_key(password)
        return user

    def reopen(self) -> Store:
        """Another connection to the same database acting as the same user, for another thread
        (for example sync, so long network work never holds up the GUI's database worker).
        Call it on the thread that will use the new store."""
        db = dbmod.connect(self.path, self._key)
        return type(self)(self.data_dir, db, self._keyfile, self._key, self.user)

    def close(self) -> None:
        """Close the database connection."""
        with contextlib.suppress(_SQL_ERRORS):
            self.db.close()

    @property
    def is_demo(self) -> bool:
        """True for the demo database."""
        return self.settings.get("demo") == "1"

    @op
    def set_setting(self, key: str, value: str) -> None:
        """Store a local setting (not synced)."""
        with self.db.atomic():
            self.db["settings"].upsert({"key": key, "value": value}, pk="key")
        self.settings[key] = value

    # --- users ---------------------------------------------------------------------------------

    def can(self, action: str) -> bool:
        """True when the acting user may perform ``action``."""
        return allowed(self.user.role, action)

    @op
    def list_users(self) -> list[dict]:
        """All local users (admin only)."""
        require(self.user.role, "manage_users")
        return [
            dict(r, villages=json.loads(r["villages"]))
            for r in self.db["user"].rows_where(order_by="username")
        ]

    @op
    def add_user(
        self,
        username: str,
        full_name: str,
        role: str,
        password: str,
        villages: Iterable[str] = (),
    ) -> None:
        """Add a local user who can log in on this laptop (admin only)."""
        require(self.user.role, "manage_users")
        _check_username(username)
        _check_role(role)
        _check_password(password)
        full_name = clean_text(full_name)
        if not full_name:
            raise ValidationError("full_name", "required", "Cần nhập họ tên.", "Enter a name.")
        if self.db.execute("SELECT 1 FROM user WHERE username = ?", (username,)).fetchone():
            raise ValidationError(
                "username",
                "username_taken",
                f"Tên đăng nhập «{username}» đã có.",
                f"The user name “{username}” is taken.",
            )
        with self.db.atomic():
            self.db["user"].insert(
                {
                    "username": username,
                    "full_name": full_name,
                    "role": role,
                    "disabled": 0,
                    "villages": json.dumps(list(villages)),
                    "created_at": _now(),
                    "created_by": self.user.username,
                }
            )
            audit.append(self.db, self.user.username, "user.add", "user", username, {"role": role})
            self._keyfile.set_user(username, password, self._key, self._kdf())
            self._keyfile.save()

    def _kdf(self) -> KdfParams:
        raw = self.settings.get("kdf")
        return KdfParams(**json.loads(raw)) if raw else KdfParams()

    @op
    def change_password(self, old_password: str, new_password: str) -> None:
        """Change the acting user's own password (re-wraps the database key)."""
        _check_password(new_password)
        self._keyfile.unlock(self.user.username, old_password)
        with self.db.atomic():
            audit.append(self.db, self.user.username, "user.passwd", "user", self.user.username)
            self._keyfile.set_user(self.user.username, new_password, self._key, self._kdf())
            # an officer's signing key is wrapped under the password too: re-wrap it
            self._rewrap_officer_key(old_password, new_password)
            self._keyfile.save()

    @op
    def reset_password(self, username: str, new_password: str) -> None:
        """An admin sets a new password for a user (re-wraps the database key for them)."""
        require(self.user.role, "manage_users")
        _check_password(new_password)
        row = self.db.execute(
            "SELECT disabled FROM user WHERE username = ?", (username,)
        ).fetchone()
        if row is None:
            raise NotFound(f"Không có người dùng «{username}».", f"No user “{username}”.")
        with self.db.atomic():
            self.db.execute("UPDATE user SET disabled = 0 WHERE username = ?", (username,))
            # a disabled account comes back with this password: recorded as such (issue 19)
            action = "user.enable" if row[0] else "user.reset_password"
            audit.append(self.db, self.user.username, action, "user", username)
            self._keyfile.set_user(username, new_password, self._key, self._kdf())
            # the officer's signing key stays locked under the forgotten password: forget it (the
            # officer registers a new one with an officer code)
            self._keyfile.remove_officer_key(username)
            self._keyfile.save()

    @op
    def disable_user(self, username: str) -> None:
        """Disable a user: their wrapped key is removed, so they cannot open the database."""
        require(self.user.role, "manage_users")
        if username == self.user.username:
            raise ValidationError(
                "username",
                "disable_self",
                "Không thể tự khoá tài khoản của mình.",
                "You cannot disable your own account.",
            )
        row = self.db.execute("SELECT role FROM user WHERE username = ?", (username,)).fetchone()
        if row is None:
            raise NotFound(f"Không có người dùng «{username}».", f"No user “{username}”.")
        if row[0] == "admin":
            self._keep_an_admin(username)
        with self.db.atomic():
            self.db.execute("UPDATE user SET disabled = 1 WHERE username = ?", (username,))
            audit.append(self.db, self.user.username, "user.disable", "user", username)
            self._keyfile.remove_user(username)
            self._keyfile.save()
        # the disabled user knew the database key: replace it (their old key file copy is dead)
        self._rotate_key("user.disable")

    def _keep_an_admin(self, username: str) -> None:
        """Refuse a change that would leave no active admin (nobody could manage users)."""
        others = self.db.execute(
            "SELECT count(*) FROM user WHERE role = 'admin' AND disabled = 0 AND username != ?",
            (username,),
        ).fetchone()[0]
        if not others:
            raise ValidationError(
                "username",
                "last_admin",
                "Đây là quản trị viên cuối cùng: không thể khoá hay đổi vai trò. Hãy thêm một "
                "quản trị viên khác trước.",
                "This is the last admin: they cannot be disabled or given another role. Add "
                "another admin first.",
            )

    @op
    def change_role(self, username: str, role: str) -> None:
        """An admin gives a user another role (never the last admin's, never their own)."""
        require(self.user.role, "manage_users")
        _check_role(role)
        row = self.db.execute(
            "SELECT role, disabled FROM user WHERE username = ?", (username,)
        ).fetchone()
        if row is None:
            raise NotFound(f"Không có người dùng «{username}».", f"No user “{username}”.")
        if row[0] == role:
            return
        if username == self.user.username:
            raise ValidationError(
                "username",
                "role_self",
                "Không thể tự đổi vai trò của mình; hãy nhờ một quản trị viên khác.",
                "You cannot change your own role; ask another admin.",
            )
        if row[0] == "admin" and not row[1]:
            self._keep_an_admin(username)
        with self.db.atomic():
            self.db.execute("UPDATE user SET role = ? WHERE username = ?", (role, username))
            audit.append(
                self.db,
                self.user.username,
                "user.role",
                "user",
                username,
                {"from": row[0], "to": role},
            )

    # --- change capture ------------------------------------------------------------------------

    def _commune_of(self, entity: str, row: dict) -> str:
        if entity in ("village", "household"):
            return row["commune_code"]
        household_id = row.get("household_id")
        if household_id:
            r = self.db.execute(
                "SELECT commune_code FROM household WHERE id = ?", (household_id,)
            ).fetchone()
            if r:
                return r[0]
        return self.commune_code

    def _to_db(self, entity: str, row: dict) -> dict:
        out = dict(row)
        for f in JSON_FIELDS:
            if f in out and not isinstance(out[f], str):
                out[f] = json.dumps(out[f], ensure_ascii=False)
        return out

    @staticmethod
    def _from_db(row: dict) -> dict:
        out = dict(row)
        for f in JSON_FIELDS:
            if f in out and isinstance(out[f], str):
                try:
                    out[f] = json.loads(out[f])
                except ValueError:
                    out[f] = []
        if "deleted" in out:
            out["deleted"] = bool(out["deleted"])
        return out

    def _row(self, entity: str, record_id: str, *, include_deleted: bool = False) -> dict:
        cur = self.db.execute(f"SELECT * FROM [{entity}] WHERE id = ?", (record_id,))
        row = cur.fetchone()
        if row is None:
            raise NotFound("Không tìm thấy bản ghi.", "Record not found.")
        cols = [d[0] for d in cur.description]
        rec = self._from_db(dict(zip(cols, row, strict=True)))
        if rec["deleted"] and not include_deleted:
            survivor = self._survivor_of(entity, record_id)
            if survivor != record_id:
                # merged into another record: a form or a page that still names the old id
                # follows the merge (docs/PROTOCOL.md, "Merges")
                return self._row(entity, survivor)
            raise NotFound("Bản ghi đã bị xoá.", "The record was deleted.")
        return rec

    def _survivor_of(self, entity: str, record_id: str) -> str:
        """The live record a merged person, household or benefit was merged into (itself
        otherwise)."""
        if entity not in ("person", "household", "benefit"):
            return record_id
        for _ in range(8):
            r = self.db.execute(
                f"SELECT deleted, merged_into FROM [{entity}] WHERE id = ?", (record_id,)
            ).fetchone()
            if r is None or not r[0] or not r[1]:
                return record_id
            record_id = r[1]
        return record_id

    def _derived(self, entity: str, row: dict) -> dict:
        if entity == "identity_verification":
            return {"signature_ok": int(self.verification_problem(row) is None)}
        if entity == "person":
            given = row.get("given_name") or ""
            return {
                "name_fold": fold(row["full_name"]),
                "sort_key": sort_key(row["full_name"], given or None),
            }
        return {}

    def _capture(self, entity: str, row: dict, base_version: int, changed: list[str], action: str):
        fields = {f: row.get(f) for f in SYNCED_FIELDS[entity]}
        check_record_rules(entity, fields)
        change = {
            "entity": entity,
            "id": row["id"],
            "version": row["version"],
            "base_version": base_version,
            "fields": fields,
            "deleted": bool(row["deleted"]),
            "updated_at": row["updated_at"],
            "updated_by": row["updated_by"],
            "origin_device": row["origin_device"],
            "commune_code": self._commune_of(entity, row),
        }
        cur = self.db.execute(
            "INSERT INTO outbox (entity, record_id, version, base_version, created_at, changed)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                entity,
                row["id"],
                row["version"],
                base_version,
                row["updated_at"],
                json.dumps(
                    sorted(set(changed) & set(SYNCED_FIELDS[entity]) | ({"deleted"} & set(changed)))
                ),
            ),
        )
        seq = cur.lastrowid
        change["seq"] = seq
        self.db.execute(
            "INSERT INTO outbox_change (seq, change, sendable) VALUES (?, ?, ?)",
            (seq, canonical_text(change), sendable(change)),
        )
        audit.append(
            self.db,
            self.user.username,
            action,
            entity,
            row["id"],
            {"version": row["version"], "fields": sorted(changed), "seq": seq},
        )
        if entity in ("household", "person"):
            self._reindex(row["id"] if entity == "household" else row["household_id"])
        elif entity == "visit":
            self._refresh_visit_summary(row["household_id"])

    def bulk_insert(self, entity: str, records: list[dict], action: str = "create") -> int:
        """Insert many new records in one transaction, with the same change capture as ``_insert``.

        For imports and demo data: rows, outbox entries and chained audit entries are written
        with ``executemany``. Records must already be validated. Returns the count.
        """
        require(self.user.role, f"write:{entity}")
        if not records:
            return 0
        synced = SYNCED_FIELDS[entity]
        now = _now()
        household_communes: dict[str, str] = {}
        if entity not in ("village", "household"):
            ids = {r.get("household_id") for r in records}
            for hid, code in self.db.execute("SELECT id, commune_code FROM household"):
                if hid in ids:
                    household_communes[hid] = code
        rows, changes = [], []
        with self.db.atomic():
            seq0 = self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM outbox").fetchone()[0]
            seq_row = self.db.execute(
                "SELECT seq FROM sqlite_sequence WHERE name = 'outbox'"
            ).fetchone()
            seq0 = max(seq0, seq_row[0] if seq_row else 0)
            for i, rec in enumerate(records):
                row = {f: None for f in synced}
                row.update(self._defaults(entity))
                row.update({k: v for k, v in rec.items() if k in synced})
                row["id"] = rec.get("id") or new_id()
                row.update(
                    version=1,
                    deleted=0,
                    updated_at=now,
                    updated_by=self.user.username,
                    origin_device=self.device_id,
                )
                check_record_rules(entity, {f: row.get(f) for f in synced})
                rows.append(self._to_db(entity, {**row, **self._derived(entity, row)}))
                commune = (
                    row["commune_code"]
                    if entity in ("village", "household")
                    else household_communes.get(row.get("household_id"), self.commune_code)
                )
                change = {
                    "entity": entity,
                    "id": row["id"],
                    "version": 1,
                    "base_version": 0,
                    "fields": {f: row.get(f) for f in synced},
                    "deleted": False,
                    "updated_at": now,
                    "updated_by": self.user.username,
                    "origin_device": self.device_id,
                    "commune_code": commune,
                    "seq": seq0 + i + 1,
                }
                changes.append(change)
            columns = list(rows[0])
            self.db.conn.executemany(
                f"INSERT INTO [{entity}] ({', '.join(columns)})"
                f" VALUES ({', '.join('?' * len(columns))})",
                [tuple(r[c] for c in columns) for r in rows],
            )
            self.db.conn.executemany(
                "INSERT INTO outbox (seq, entity, record_id, version, base_version, created_at)"
                " VALUES (?, ?, ?, 1, 0, ?)",
                [(c["seq"], entity, c["id"], now) for c in changes],
            )
            self.db.conn.executemany(
                "INSERT INTO outbox_change (seq, change, sendable) VALUES (?, ?, ?)",
                [(c["seq"], canonical_text(c), sendable(c)) for c in changes],
            )
            audit.append_many(
                self.db,
                [
                    (
                        self.user.username,
                        action,
                        entity,
                        c["id"],
                        {"version": 1, "fields": "*", "seq": c["seq"]},
                    )
                    for c in changes
                ],
            )
        return len(rows)

    @op
    def rebuild_search_index(self, household_ids: Iterable[str] | None = None) -> None:
        """Rebuild the folded search text (and head sort keys) of the given or all households."""
        with self.db.atomic():
            if household_ids is None:
                household_ids = [r[0] for r in self.db.execute("SELECT id FROM household")]
            for hid in household_ids:
                self._reindex(hid)

    def _stamp(self, row: dict) -> None:
        row["updated_at"] = _now()
        row["updated_by"] = self.user.username
        row["origin_device"] = self.device_id

    def _insert(self, entity: str, fields: dict) -> dict:
        """Insert a new record (inside the caller's transaction or a new one)."""
        require(self.user.role, f"write:{entity}")
        fields = dict(fields)
        for name, target, target_id in references(entity, fields):
            survivor = self._survivor_of(target, target_id)
            if survivor != target_id:  # the form was opened before a merge arrived
                fields[name] = survivor
                if target == "person" and "household_id" in fields:
                    fields["household_id"] = self._row("person", survivor)["household_id"]
        row = {f: None for f in SYNCED_FIELDS[entity]}
        row.update(self._defaults(entity))
        row.update({k: v for k, v in fields.items() if k in SYNCED_FIELDS[entity]})
        row["id"] = fields.get("id") or new_id()
        row["version"] = 1
        row["deleted"] = 0
        self._stamp(row)
        with self.db.atomic():
            self._insert_row(entity, self._to_db(entity, {**row, **self._derived(entity, row)}))
            self._capture(entity, row, 0, list(fields), "create")
        return row

    def _insert_row(self, entity: str, values: dict) -> None:
        """One INSERT statement (what sqlite-utils' ``insert`` does, without its look at the
        schema and its savepoint on every call: a third of the time of saving a visit)."""
        cols = list(values)
        self.db.execute(
            f"INSERT INTO [{entity}] ({', '.join(f'[{c}]' for c in cols)})"
            f" VALUES ({', '.join('?' * len(cols))})",
            [_sql_value(values[c]) for c in cols],
        )

    def _defaults(self, entity: str) -> dict:
        defaults: dict = {}
        if entity in ("village", "household"):
            defaults.update(
                commune_code=self.commune_code, commune_list_version=self.commune_list_version
            )
        if entity == "village":
            defaults["kind"] = "thon"
        for f in SYNCED_FIELDS[entity]:
            if f in JSON_FIELDS:
                defaults[f] = {} if f == "proposed_values" else []
            elif f in ("address", "landmark", "notes", "relationship", "outcome", "text"):
                defaults[f] = ""
        if entity == "assistance":
            defaults["status"] = "open"
        return defaults

    def _update(
        self,
        entity: str,
        record_id: str,
        changes: dict,
        *,
        expected_version: int | None = None,
        delete: bool = False,
        force: bool = False,
    ) -> dict:
        """Apply ``changes`` to a record; a no-op edit changes nothing and queues nothing."""
        require(self.user.role, f"write:{entity}")
        with self.db.atomic():
            current = self._row(entity, record_id)
            record_id = current["id"]  # a merged record's edit goes to the survivor
            if expected_version is not None and current["version"] != expected_version:
                raise KnownError(
                    "Bản ghi vừa được thay đổi ở nơi khác. Hãy mở lại và sửa lại.",
                    "The record was changed meanwhile. Reopen it and edit again.",
                )
            new = dict(current)
            changed = []
            for k, v in changes.items():
                if k in SYNCED_FIELDS[entity] and current.get(k) != v:
                    new[k] = v
                    changed.append(k)
            if delete:
                new["deleted"] = True
                changed.append("deleted")
            if not changed and not force:
                return current
            self._write_version(entity, current, new, changed, "delete" if delete else "update")
        return new

    def _write_version(
        self, entity: str, current: dict, new: dict, changed: list[str], action: str
    ) -> None:
        """Store ``new`` as the next version of ``current`` and queue it (``changed``: the
        fields this laptop edits in it, what an incoming change must not take over unasked)."""
        new["version"] = current["version"] + 1
        self._stamp(new)
        dbrow = {k: v for k, v in new.items() if k not in ("id",)}
        dbrow["deleted"] = int(bool(new["deleted"]))
        dbrow.update(self._derived(entity, new))
        self.db[entity].update(current["id"], self._to_db(entity, dbrow))
        self._capture(entity, new, current["version"], changed, action)

    # --- search index --------------------------------------------------------------------------

    def _reindex(self, household_id: str) -> None:
        h = self.db.execute(
            "SELECT h.rowid, h.address, h.landmark, h.phones, h.deleted, h.head_person_id, v.name,"
            " h.sort_key FROM household h LEFT JOIN village v ON v.id = h.village_id"
            " WHERE h.id = ?",
            (household_id,),
        ).fetchone()
        if h is None:
            return
        rowid = h[0]
        self.db.execute("DELETE FROM household_search WHERE rowid = ?", (rowid,))
        self.db.execute("DELETE FROM household_words WHERE rowid = ?", (rowid,))
        if h[4]:
            self.db.execute("UPDATE household SET search_words = '' WHERE rowid = ?", (rowid,))
            if rowid > 0:  # out of the live households' name order
                low = self.db.execute("SELECT min(rowid) FROM household").fetchone()[0]
                self.db.execute(
                    "UPDATE household SET rowid = ? WHERE rowid = ?", (min(low, 0) - 1, rowid)
                )
            return
        parts = [h[1], h[2], h[6] or ""]
        parts += _phone_terms(h[3])
        head_key, head_name, members, vulnerabilities = "", "", 0, set()
        for pid, name, phones, skey, vuln in self.db.execute(
            "SELECT id, full_name, phones, sort_key, vulnerabilities"
            " FROM person WHERE household_id = ? AND deleted = 0",
            (household_id,),
        ):
            # ID numbers are not in the index: a prefix must match nothing (search_households)
            parts.append(name)
            parts += _phone_terms(phones)
            members += 1
            with contextlib.suppress(ValueError, TypeError):
                vulnerabilities.update(json.loads(vuln or "[]"))
            if pid == h[5]:
                head_key, head_name = skey, name
        text = " | ".join(fold(p) for p in parts if p)
        placed = self._place(rowid, head_key, household_id)
        if placed is not None:
            rowid = placed
        self.db.execute("INSERT INTO household_search (rowid, text) VALUES (?, ?)", (rowid, text))
        self.db.execute("INSERT INTO household_words (rowid, text) VALUES (?, ?)", (rowid, text))
        self.db.execute(
            "UPDATE household SET sort_key = ?, list_head_name = ?, list_members = ?,"
            " list_vulnerabilities = ?, search_words = ? WHERE rowid = ?",
            (
                head_key,
                head_name,
                members,
                json.dumps(sorted(vulnerabilities)),
                index_words(text),
                rowid,
            ),
        )
        if placed is None:
            self._renumber_households()
        self._refresh_visit_summary(household_id)

    def _place(self, rowid: int, sort_key: str, household_id: str) -> int | None:
        """Move a live household's row so that rowids follow the list's name order.

        The search indexes share the household's rowid, so a full-text query read in rowid order
        gives its matches in name order and can stop at the first page (search_households).
        Live households have positive rowids spaced ``ROWID_GAP`` apart (deleted ones negative);
        a household goes between its neighbours, at most ``ROWID_STEP`` after the one before
        (names added in order then fill a gap slowly). None when there is no room: the caller
        then renumbers every household.
        """
        before = self.db.execute(
            "SELECT rowid FROM household WHERE deleted = 0 AND (sort_key, id) < (?, ?)"
            " ORDER BY sort_key DESC, id DESC LIMIT 1",
            (sort_key, household_id),
        ).fetchone()
        after = self.db.execute(
            "SELECT rowid FROM household WHERE deleted = 0 AND (sort_key, id) > (?, ?)"
            " ORDER BY sort_key, id LIMIT 1",
            (sort_key, household_id),
        ).fetchone()
        low = before[0] if before else 0
        high = after[0] if after else None
        if low < rowid and (high is None or rowid < high):
            return rowid
        if high is None:
            target = low + ROWID_GAP
        else:
            target = low + min((high - low) // 2, ROWID_STEP)
        if target <= low or target >= (high if high is not None else ROWID_MAX):
            return None
        if self.db.execute("SELECT 1 FROM household WHERE rowid = ?", (target,)).fetchone():
            return None
        self.db.execute("UPDATE household SET rowid = ? WHERE rowid = ?", (target, rowid))
        return target

    def _renumber_households(self) -> None:
        """Give every live household a rowid ``ROWID_GAP`` apart in name order (rare: when a
        gap between two names is used up), moving their search index entries along."""
        order = [
            r[0]
            for r in self.db.execute(
                "SELECT rowid FROM household WHERE deleted = 0 ORDER BY sort_key, id"
            )
        ]
        texts = dict(self.db.execute("SELECT rowid, text FROM household_search").fetchall())
        self.db.execute("DELETE FROM household_search")
        self.db.execute("DELETE FROM household_words")
        parked = -(1 << 61)  # far below the deleted households' small negative rowids
        self.db.execute("UPDATE household SET rowid = ? - rowid WHERE deleted = 0", (parked,))
        moves = [((i + 1) * ROWID_GAP, parked - old) for i, old in enumerate(order)]
        self.db.conn.executemany("UPDATE household SET rowid = ? WHERE rowid = ?", moves)
        entries = [(new, texts[parked - tmp]) for new, tmp in moves if parked - tmp in texts]
        for table in ("household_search", "household_words"):
            self.db.conn.executemany(f"INSERT INTO {table} (rowid, text) VALUES (?, ?)", entries)

    def _refresh_visit_summary(self, household_id: str) -> None:
        """Keep the household list's last visit and next follow-up up to date."""
        self.db.execute(
            "UPDATE household SET"
            " list_last_visit = (SELECT max(visited_at) FROM visit x"
            "   WHERE x.household_id = household.id AND x.deleted = 0),"
            " list_next_follow_up = (SELECT min(follow_up_on) FROM visit x"
            "   WHERE x.household_id = household.id AND x.deleted = 0"
            "   AND x.follow_up_on IS NOT NULL AND x.follow_up_done_on IS NULL)"
            " WHERE id = ?",
            (household_id,),
        )

    # --- villages ------------------------------------------------------------------------------

    @op
    def add_village(self, name: str, kind: str = "thon") -> dict:
        """Add a village (thôn) or residential group (tổ dân phố) of this commune."""
        name = clean_text(name)
        if not name:
            raise ValidationError("name", "required", "Cần nhập tên thôn/tổ.", "Enter a name.")
        if kind not in ("thon", "to_dan_pho"):
            raise ValidationError("kind", "kind_invalid", "Loại không hợp lệ.", "Invalid kind.")
        return self._insert("village", {"name": name, "kind": kind})

    @op
    def list_villages(self) -> list[dict]:
        """Villages of this laptop, sorted the Vietnamese way, numbers as numbers ("Tổ 4" before
        "Tổ 12")."""
        rows = [self._from_db(r) for r in self.db["village"].rows_where("deleted = 0", select="*")]
        return sorted(rows, key=lambda r: natural_sort_key(r["name"]))

    # --- households and persons ----------------------------------------------------------------

    @op
    def add_household(self, household: dict, head: dict) -> dict:
        """Create a household together with its head person, in one action."""
        clean = validate_household(household)
        if clean.get("village_id"):
            self._row("village", clean["village_id"])
        person = validate_person(head, today=date.today())
        with self.db.atomic():
            h = self._insert("household", clean)
            p = self._insert_person(h["id"], person.fields, relationship="chu_ho")
            h = self._update("household", h["id"], {"head_person_id": p["id"]})
        return {"household": h, "head": p, "warnings": person.warnings}

    def _insert_person(self, household_id: str, fields: dict, relationship: str | None = None):
        fields = dict(fields)
        fields["household_id"] = household_id
        if relationship and not fields.get("relationship"):
            fields["relationship"] = relationship
        if not fields.get("given_name"):
            fields["given_name"] = fields["full_name"].split()[-1]
        self._check_unique_citizen_id(fields.get("citizen_id"), None)
        return self._insert("person", fields)

    def _check_unique_citizen_id(self, citizen_id: str | None, person_id: str | None) -> None:
        if not citizen_id:
            return
        row = self.db.execute(
            "SELECT id FROM person WHERE citizen_id = ? AND deleted = 0 AND id IS NOT ?",
            (citizen_id, person_id),
        ).fetchone()
        if row:
            raise ValidationError(
                "citizen_id",
                "id_taken",
                "Số định danh này đã có ở một người khác trong dữ liệu.",
                "This ID number is already recorded for another person.",
            )

    @op
    def update_household(
        self, household_id: str, changes: dict, expected_version: int | None = None
    ) -> dict:
        """Edit a household's address, landmark, phones, notes or village."""
        current = self._row("household", household_id)
        merged = {k: current.get(k) for k in SYNCED_FIELDS["household"]}
        merged.update(changes)
        clean = validate_household(merged)
        return self._update("household", household_id, clean, expected_version=expected_version)

    @op
    def delete_household(self, household_id: str) -> dict:
        """Mark a household and its members deleted (tombstones; nothing is erased)."""
        with self.db.atomic():
            for (pid,) in self.db.execute(
                "SELECT id FROM person WHERE household_id = ? AND deleted = 0", (household_id,)
            ).fetchall():
                self._update("person", pid, {}, delete=True)
            return self._update("household", household_id, {}, delete=True)

    @op
    def add_person(self, household_id: str, person: dict) -> dict:
        """Add a member to a household. Returns the person and any data-quality warnings."""
        self._row("household", household_id)
        checked = validate_person(person, today=date.today())
        with self.db.atomic():
            p = self._insert_person(household_id, checked.fields)
        return {"person": self._present_person(p), "warnings": checked.warnings}

    @op
    def update_person(
        self, person_id: str, changes: dict, expected_version: int | None = None
    ) -> dict:
        """Edit a person; a masked ID number coming back from the form is left unchanged."""
        current = self._row("person", person_id)
        changes = dict(changes)
        for masked in ("citizen_id", "old_id"):
            if "*" in str(changes.get(masked) or ""):
                changes.pop(masked)
        changes_id = "citizen_id" in changes and changes["citizen_id"] != current["citizen_id"]
        if (
            changes_id
            and current["citizen_id"]
            and not allowed(self.user.role, "reveal_citizen_id")
        ):
            raise PermissionDenied(
                "Chỉ công an xã hoặc tổ trưởng được sửa số định danh đã ghi.",
                "Only a police officer or team lead may change a recorded ID number.",
            )
        merged = {k: current.get(k) for k in SYNCED_FIELDS["person"]}
        merged.update(changes)
        checked = validate_person(merged, today=date.today())
        self._check_unique_citizen_id(checked.fields.get("citizen_id"), person_id)
        p = self._update("person", person_id, checked.fields, expected_version=expected_version)
        return {"person": self._present_person(p), "warnings": checked.warnings}

    @op
    def delete_person(self, person_id: str) -> dict:
        """Mark a person deleted (a tombstone that syncs)."""
        return self._present_person(self._update("person", person_id, {}, delete=True))

    @op
    def remove_person_entered_by_mistake(self, person_id: str) -> dict:
        """The team lead removes a person added by mistake (a test entry, a slip): a tombstone
        that syncs, in the activity log. Only someone nothing else refers to yet: not a
        household's head, with no benefit, payment, help item or identity check (those are
        real work; a person entered twice is merged with "Có thể trùng" instead). Returns the
        removed person (the eleventh tryout: nothing added by mistake could be removed)."""
        with self.db.atomic():
            p = self._row("person", person_id)
            name = p["full_name"]
            head = self.db.execute(
                "SELECT 1 FROM household WHERE head_person_id = ? AND deleted = 0", (p["id"],)
            ).fetchone()
            if head:
                raise KnownError(
                    f"«{name}» là chủ hộ: hãy chọn chủ hộ khác (Sửa thông tin hộ) rồi mới xoá.",
                    f"“{name}” is the head of the household: choose another head (Edit"
                    " household) before removing them.",
                )
            for table in ("benefit", "payment", "assistance", "identity_verification"):
                used = self.db.execute(
                    f"SELECT 1 FROM {table} WHERE person_id = ? AND deleted = 0 LIMIT 1", (p["id"],)
                ).fetchone()
                if used:
                    raise KnownError(
                        f"«{name}» đã có chế độ trợ cấp, chi trả, việc hỗ trợ hoặc xác minh: đó là"
                        " việc thật, không xoá như nhập nhầm. Nếu người này bị nhập hai lần, hãy"
                        " gộp ở «Có thể trùng» (trang Đồng bộ).",
                        f"“{name}” already has a benefit, a payment, a help item or an identity"
                        " check: that is real work, not removed as a mistake. If the person was"
                        " entered twice, merge them under “Possible duplicates” (Sync page).",
                    )
            removed = self._update("person", p["id"], {}, delete=True)  # logged as a delete
        return self._present_person(removed)

    def _present_person(self, p: dict) -> dict:
        """A person as the acting user may see it: ID numbers masked unless allowed."""
        out = {k: v for k, v in p.items() if k not in ("name_fold", "sort_key")}
        if not allowed(self.user.role, "reveal_citizen_id"):
            out["citizen_id"] = mask_citizen_id(p.get("citizen_id")) or None
            out["old_id"] = mask_citizen_id(p.get("old_id")) or None if p.get("old_id") else None
        birth_year = p.get("birth_year")
        out["age"] = (date.today().year - birth_year) if birth_year else None
        return out

    @op
    def reveal_citizen_id(self, person_id: str) -> str | None:
        """The full ID number, for roles allowed to see it; every reveal is audited."""
        require(self.user.role, "reveal_citizen_id")
        p = self._row("person", person_id)
        with self.db.atomic():
            audit.append(self.db, self.user.username, "reveal_citizen_id", "person", person_id)
        return p["citizen_id"]

    @op
    def find_possible_duplicates(
        self,
        full_name: str,
        birth_year: int | None,
        citizen_id: str | None,
        exclude_id: str | None = None,
    ) -> list[dict]:
        """Persons that may be the same: same ID number, or same folded name and birth year."""
        found: dict[str, dict] = {}
        if citizen_id and "*" not in citizen_id:
            for r in self.db.execute(
                "SELECT id FROM person WHERE citizen_id = ? AND deleted = 0 AND id IS NOT ?",
                (citizen_id, exclude_id),
            ):
                found[r[0]] = {"reason": "same_id"}
        if full_name and birth_year:
            for r in self.db.execute(
                "SELECT p.id FROM person p JOIN household h ON h.id = p.household_id"
                " WHERE p.name_fold = ? AND p.birth_year = ? AND p.deleted = 0"
                " AND h.commune_code = ? AND p.id IS NOT ?",
                (fold(full_name), birth_year, self.commune_code, exclude_id),
            ):
                found.setdefault(r[0], {"reason": "same_name_birth_year"})
        out = []
        for pid, info in found.items():
            p = self._present_person(self._row("person", pid))
            out.append(
                {**info, "person": p, "household": self._household_summary(p["household_id"])}
            )
        return out

    # --- visits and assistance -----------------------------------------------------------------

    @op
    def record_visit(self, household_id: str, visit: dict, assistance: Iterable[dict] = ()) -> dict:
        """Record a visit with the help given, in one transaction."""
        from desktop_app.store.validation import validate_assistance, validate_visit

        self._row("household", household_id)
        fields = validate_visit(visit)
        fields["visitor"] = fields.get("visitor") or self.user.username
        if not fields.get("visitor_name"):
            # the name the visit travels with: a login means nothing on another laptop
            # (PROTOCOL revision 9)
            row = self.db.execute(
                "SELECT full_name FROM user WHERE username = ?", (fields["visitor"],)
            ).fetchone()
            fields["visitor_name"] = (row[0] if row else "") or None
        items = [validate_assistance(a) for a in assistance]
        with self.db.atomic():
            v = self._insert("visit", {**fields, "household_id": household_id})
            created = [
                self._insert("assistance", {**a, "household_id": household_id, "visit_id": v["id"]})
                for a in items
            ]
        return {"visit": v, "assistance": created}

    @op
    def update_visit(self, visit_id: str, changes: dict) -> dict:
        """Edit a visit."""
        from desktop_app.store.validation import validate_visit

        current = self._row("visit", visit_id)
        merged = {k: current.get(k) for k in SYNCED_FIELDS["visit"]}
        merged.update(changes)
        return self._update("visit", visit_id, validate_visit(merged))

    @op
    def complete_follow_up(self, visit_id: str, on: date | None = None) -> dict:
        """Mark a visit's follow-up as done."""
        on = on or date.today()
        return self._update("visit", visit_id, {"follow_up_done_on": on.isoformat()})

    @op
    def reopen_follow_up(self, visit_id: str) -> dict:
        """Undo ``complete_follow_up``: the follow-up is due again (a done by mistake)."""
        return self._update("visit", visit_id, {"follow_up_done_on": None})

    @op
    def add_assistance(self, household_id: str, item: dict) -> dict:
        """Add an assistance item (open account, reset PIN, ...) outside a visit."""
        from desktop_app.store.validation import validate_assistance

        self._row("household", household_id)
        return self._insert(
            "assistance", {**validate_assistance(item), "household_id": household_id}
        )

    @op
    def update_assistance(self, assistance_id: str, changes: dict) -> dict:
        """Change an assistance item's status, due date or text."""
        from desktop_app.store.validation import validate_assistance

        current = self._row("assistance", assistance_id)
        merged = {k: current.get(k) for k in SYNCED_FIELDS["assistance"]}
        merged.update(changes)
        return self._update("assistance", assistance_id, validate_assistance(merged))

    @op
    def delete_visit(self, visit_id: str) -> dict:
        """Mark a visit deleted."""
        return self._update("visit", visit_id, {}, delete=True)

    @op
    def update_village(self, village_id: str, changes: dict) -> dict:
        """Rename a village or change its kind."""
        changes = {k: clean_text(v) if isinstance(v, str) else v for k, v in changes.items()}
        return self._update("village", village_id, changes)

    @op
    def delete_village(self, village_id: str) -> dict:
        """Mark a village deleted."""
        return self._update("village", village_id, {}, delete=True)

    # --- reads ---------------------------------------------------------------------------------

    # The list's columns (``_list_row`` reads them by position) and where they come from.
    _LIST_COLUMNS = (
        "h.id, h.sort_key, h.list_head_name, h.address, h.landmark, v.name,"
        " h.list_members, h.list_vulnerabilities, h.list_last_visit, h.list_next_follow_up"
    )
    _LIST_FROM = " FROM household h LEFT JOIN village v ON v.id = h.village_id"
    _LIST_SQL = "SELECT " + _LIST_COLUMNS + _LIST_FROM

    def _list_row(self, r) -> dict:
        try:
            vuln = sorted(json.loads(r[7] or "[]"))
        except ValueError:
            vuln = []
        return {
            "id": r[0],
            "sort_key": r[1],
            "head_name": r[2] or "",
            "address": r[3],
            "landmark": r[4],
            "village": r[5] or "",
            "members": r[6],
            "vulnerabilities": vuln,
            "last_visit": r[8],
            "next_follow_up": r[9],
        }

    @op
    def count_households(self, village_id: str | None = None) -> int:
        """How many live households (in a village)."""
        if village_id:
            return self.db.execute(
                "SELECT count(*) FROM household WHERE deleted = 0 AND village_id = ?", (village_id,)
            ).fetchone()[0]
        return self.db.execute("SELECT count(*) FROM household WHERE deleted = 0").fetchone()[0]

    @op
    def households_page(
        self,
        after: tuple[str, str] | None = None,
        limit: int = PAGE_SIZE,
        village_id: str | None = None,
    ) -> list[dict]:
        """One page of households in Vietnamese name order, after the (sort_key, id) given."""
        where = ["h.deleted = 0"]
        params: list = []
        if after is not None:
            where.append("(h.sort_key, h.id) > (?, ?)")
            params += list(after)
        if village_id:
            where.append("h.village_id = ?")
            params.append(village_id)
        sql = (
            self._LIST_SQL + " WHERE " + " AND ".join(where) + " ORDER BY h.sort_key, h.id LIMIT ?"
        )
        params.append(limit)
        return [self._list_row(r) for r in self.db.execute(sql, params)]

    # What a search reads, in the order warm_search reads it: (table, key column, what to read).
    _SEARCH_PAGES = (
        ("household_words_data", "id", "length(block)"),
        ("household", "rowid", "length(search_words) + length(coalesce(list_members, ''))"),
        ("household_search_data", "id", "length(block)"),
        ("person INDEXED BY person_names", "household_id", "length(name_fold)"),
    )

    @op
    def warm_search(self, resume: tuple[int, object] | None = None, rows: int = 2000):
        """Read one slice of what search as you type reads (the full-text indexes, the household
        rows, members' names), in key order; return where to resume, or None when all is read.

        An old laptop's disk answers a random read in ~10 ms: the first keystrokes after a start
        would each wait for dozens of them. The app calls this slice after slice in the
        background after login (ui/warm_up.py), so the pages are in the operating system's and
        SQLite's caches before the first search; each slice is short, so a person's own
        operations never wait long behind it. Reads only."""
        stage, after = resume or (0, None)
        if stage >= len(self._SEARCH_PAGES):
            return None
        table, key, what = self._SEARCH_PAGES[stage]
        where, params = ("", []) if after is None else (f" WHERE {key} > ?", [after])
        read = self.db.execute(
            f"SELECT {key}, {what} FROM {table}{where} ORDER BY {key} LIMIT ?", (*params, rows)
        ).fetchall()
        if not read:  # this table is read: the next one
            return (stage + 1, None) if stage + 1 < len(self._SEARCH_PAGES) else None
        return (stage, read[-1][0])

    @op
    def search_households(self, query: str, limit: int = 100) -> list[dict]:
        """Households matching every word of ``query`` (accents, case and đ ignored).

        Words of three or more characters match anywhere (names, phones and their last digits,
        address, landmark); shorter words match the start of a word. ID numbers are not in the
        search index: a whole, valid 12-digit ID (or 9-digit old ID) finds its person's household,
        and that search is audited; a part of an ID matches nothing (it could rebuild IDs one
        digit at a time).
        """
        words = search_terms(query)
        if not words:
            return []
        id_numbers = [w for w in words if _whole_id_number(w)]
        if id_numbers:
            rows = self._search_households_sql(words, id_numbers, limit)
        else:
            rows = self._search_households_ranked(words, limit)
        text_words = [w for w in words if w not in id_numbers]
        if rows and text_words:
            self._name_what_matched(rows, text_words)
        if id_numbers:
            # who looked for an ID number, when, and whether it was found (never the number)
            with self.db.atomic():
                audit.append(
                    self.db,
                    self.user.username,
                    "search.citizen_id",
                    detail={"numbers": len(id_numbers), "found": len(rows)},
                )
        return rows

    def _search_households_ranked(self, words: list[str], limit: int) -> list[dict]:
        """``search_households`` for words without an ID number, reading only what it returns.

        The same households in the same order as ``_search_households_sql``. Household rowids
        follow the list's name order (``_place``), and the search indexes share them, so each
        group of matches is one full-text query read in rowid order that stops at ``limit``:
        the words in order as whole words, then words starting with them, then (for a word of
        three or more characters) the rest, where a word is found inside another.
        """
        long_words = [w for w in words if len(w) >= 3]
        short_words = [w for w in words if len(w) < 3]
        phrase = '"' + " ".join(words) + '"'
        starts = " AND ".join(f'"{w}"*' for w in words)
        in_words = (
            "SELECT rowid FROM household_words WHERE household_words MATCH ? ORDER BY rowid LIMIT ?"
        )
        found = self._rowids(in_words, (phrase, limit))
        if len(found) < limit:
            # Words starting with the typed ones, less the phrase's matches. Those are all in
            # `found` (fewer than `limit`), so the first `limit` rows of the prefix query hold
            # the next ones once they are dropped: the same rows as "(…) NOT phrase", without
            # FTS5 checking the phrase's positions in every candidate (-23 % on this query over
            # the bench's keystrokes, issue 17).
            already = set(found)
            more = [r for r in self._rowids(in_words, (starts, limit)) if r not in already]
            found += more[: limit - len(found)]
        if long_words and len(found) < limit:
            # inside a word: the trigram index, less what the word index already gave
            cond = ["household_search MATCH ?"]
            args: list = [" AND ".join(f'"{w}"' for w in long_words)]
            for w in short_words:
                cond.append("instr(h.search_words, ?) > 0")
                args.append(" " + w)
            cond.append("NOT (" + " AND ".join(["instr(h.search_words, ?) > 0"] * len(words)) + ")")
            args += [" " + w for w in words]
            found += self._rowids(
                "SELECT s.rowid FROM household_search s JOIN household h ON h.rowid = s.rowid"
                " WHERE " + " AND ".join(cond) + " ORDER BY s.rowid LIMIT ?",
                (*args, limit - len(found)),
            )
        if not found:
            return []
        (text,) = self.db.execute(
            f"SELECT json_group_array(json_array(h.rowid, {self._LIST_COLUMNS}))"
            + self._LIST_FROM
            + " WHERE h.rowid IN (SELECT value FROM json_each(?))",
            (json.dumps(found),),
        ).fetchone()
        rows = {r[0]: r[1:] for r in json.loads(text)}
        return [self._list_row(rows[rowid]) for rowid in found if rowid in rows]

    def _rowids(self, sql: str, args: tuple) -> list[int]:
        """The rowids ``sql`` selects, in rowid order, read as one JSON array.

        The search reads each of its queries as one row (here, and the list's and members' rows
        as one JSON array each): SQLite lets other threads take the interpreter at every row it
        steps, and during a sync the keystroke then waited for the sync thread about as often as
        it read a row, ~500 times (py-spy: a fifth of its time; issue 17, search_during_sync).
        """
        (text,) = self.db.execute(
            f"SELECT json_group_array(rowid ORDER BY rowid) FROM ({sql})", args
        ).fetchone()
        return json.loads(text)

    def _search_households_sql(
        self, words: list[str], id_numbers: list[str], limit: int
    ) -> list[dict]:
        """``search_households`` in SQL over the full-text indexes (queries with an ID number;
        the reference the ranked search is tested against)."""
        long_words = [w for w in words if len(w) >= 3 and w not in id_numbers]
        short_words = [w for w in words if len(w) < 3]
        where, params = ["h.deleted = 0"], []
        for number in id_numbers:
            # the exact ID of a person, or a phone number with those digits
            where.append(
                "(h.id IN (SELECT household_id FROM person WHERE deleted = 0"
                " AND (citizen_id = ? OR old_id = ?))"
                " OR h.rowid IN (SELECT rowid FROM household_search WHERE household_search MATCH ?))"
            )
            params += [number, number, '"' + number + '"']
        if long_words:
            match = " AND ".join('"' + w.replace('"', '""') + '"' for w in long_words)
            where.append(
                "h.rowid IN (SELECT rowid FROM household_search WHERE household_search MATCH ?)"
            )
            params.append(match)
        if short_words:
            # short words match the start of a word ("ng" → "nguyen", "le d" → "le duc")
            where.append(
                "h.rowid IN (SELECT rowid FROM household_words WHERE household_words MATCH ?)"
            )
            params.append(" AND ".join('"' + w + '"*' for w in short_words))
        # Best matches first: the words typed, in order, as whole words; then words starting
        # with them; then the rest — each group in Vietnamese order (given name first).
        text_words = [w for w in words if w not in id_numbers]
        tiers: list[str | None] = []
        if text_words:
            tiers = ['"' + " ".join(text_words) + '"', " AND ".join(f'"{w}"*' for w in text_words)]
        in_words = "h.rowid IN (SELECT rowid FROM household_words WHERE household_words MATCH ?)"
        rows: list[dict] = []
        earlier: list[str] = []
        for tier in [*tiers, None]:
            if len(rows) >= limit:
                break
            cond, args = list(where), list(params)
            if tier is not None:
                cond.append(in_words)
                args.append(tier)
            for done in earlier:
                cond.append("NOT " + in_words)
                args.append(done)
            sql = (
                self._LIST_SQL
                + " WHERE "
                + " AND ".join(cond)
                + " ORDER BY h.sort_key, h.id LIMIT ?"
            )
            args.append(limit - len(rows))
            rows += [self._list_row(r) for r in self.db.execute(sql, args)]
            if tier is not None:
                earlier.append(tier)
        return rows

    def _name_what_matched(self, rows: list[dict], words: list[str]) -> None:
        """For a row found through another member's name, that name as ``matched_name`` (the
        list shows and highlights it beside the head of household)."""
        # only rows whose head's name does not hold the words need the other members' names
        rows = [r for r in rows if not all(w in fold(r["head_name"]) for w in words)]
        if not rows:
            return
        ids = [r["id"] for r in rows]
        members: dict[str, list[str]] = {}
        marks = ",".join("?" * len(ids))
        (text,) = self.db.execute(
            "SELECT json_group_array(json_array(household_id, full_name, name_fold)"
            " ORDER BY sort_key) FROM person WHERE deleted = 0"
            f" AND household_id IN ({marks})",
            ids,
        ).fetchone()
        for hid, name, folded in json.loads(text):
            members.setdefault(hid, []).append((name, folded))
        for row in rows:
            for name, folded in members.get(row["id"], []):
                if name != row["head_name"] and all(w in folded for w in words):
                    row["matched_name"] = name
                    break

    def _household_summary(self, household_id: str) -> dict:
        r = self.db.execute(self._LIST_SQL + " WHERE h.id = ?", (household_id,)).fetchone()
        return self._list_row(r) if r else {}

    @op
    def household(self, household_id: str) -> dict:
        """A household with its members, visit history (newest first) and assistance items."""
        h = self._row("household", household_id)
        members = [
            self._present_person(self._from_db(r))
            for r in self.db["person"].rows_where(
                "household_id = ? AND deleted = 0", [household_id], order_by="sort_key"
            )
        ]
        head = h.get("head_person_id")
        members.sort(key=lambda m: (m["id"] != head,))
        visits = [
            self._from_db(r)
            for r in self.db["visit"].rows_where(
                "household_id = ? AND deleted = 0", [household_id], order_by="visited_at desc"
            )
        ]
        # the visitor's name as people know them: the one the visit carries (PROTOCOL revision
        # 9); for an older visit last written here, this laptop's user of that login. An older
        # visit from another laptop shows its login: logins are each laptop's own, and this
        # laptop's user of the same login is someone else (every laptop may have a "volunteer").
        known = dict(self.db.execute("SELECT username, full_name FROM user").fetchall())
        for v in visits:
            here = v.get("origin_device") in (None, self.device_id)
            v["visitor_name"] = (
                v.get("visitor_name")
                or (known.get(v.get("visitor")) if here else None)
                or v.get("visitor")
                or ""
            )
        items = [
            self._from_db(r)
            for r in self.db["assistance"].rows_where(
                "household_id = ? AND deleted = 0", [household_id], order_by="due_on"
            )
        ]
        village = None
        if h.get("village_id"):
            v = self.db.execute(
                "SELECT name FROM village WHERE id = ?", (h["village_id"],)
            ).fetchone()
            village = v[0] if v else None
        return {**h, "village": village, "members": members, "visits": visits, "assistance": items}

    @op
    def person(self, person_id: str) -> dict:
        """One person as the acting user may see it."""
        return self._present_person(self._row("person", person_id))

    @op
    def follow_ups(self, today: date | None = None, village_id: str | None = None) -> dict:
        """Follow-ups not yet done: overdue, due today and due within the week.

        Limited to the acting user's villages when the admin assigned some.
        """
        today = today or date.today()
        week_end = today + timedelta(days=7)
        where = [
            "x.deleted = 0",
            "x.follow_up_on IS NOT NULL",
            "x.follow_up_done_on IS NULL",
            "x.follow_up_on <= ?",
            "h.deleted = 0",
        ]
        params: list = [week_end.isoformat()]
        villages = [village_id] if village_id else list(self.user.villages)
        if villages:
            where.append(f"h.village_id IN ({','.join('?' * len(villages))})")
            params += villages
        rows = self.db.execute(
            "SELECT x.id, x.household_id, x.follow_up_on, x.notes, x.outcome, x.visited_at,"
            " p.full_name, h.address, v.name, x.version FROM visit x"
            " JOIN household h ON h.id = x.household_id"
            " LEFT JOIN person p ON p.id = h.head_person_id"
            " LEFT JOIN village v ON v.id = h.village_id"
            " WHERE " + " AND ".join(where) + " ORDER BY x.follow_up_on, p.sort_key",
            params,
        ).fetchall()
        out: dict[str, list] = {"overdue": [], "today": [], "week": []}
        for r in rows:
            item = {
                "visit_id": r[0],
                "household_id": r[1],
                "follow_up_on": r[2],
                "notes": r[3],
                "outcome": r[4],
                "visited_at": r[5],
                "head_name": r[6] or "",
                "address": r[7],
                "village": r[8] or "",
                "version": r[9],
            }
            due = date.fromisoformat(r[2])
            bucket = "overdue" if due < today else "today" if due == today else "week"
            out[bucket].append(item)
        return out

    # --- sync status and audit -----------------------------------------------------------------

    @op
    def pending_changes(self) -> int:
        """Changes recorded here and not yet confirmed by the city server."""
        return self.db.execute(
            "SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')"
        ).fetchone()[0]

    @op
    def last_delivery(self) -> str | None:
        """When the city server last confirmed changes from this laptop (UTC ISO), if ever."""
        r = self.db.execute(
            "SELECT value FROM sync_state WHERE key = 'last_delivery_at'"
        ).fetchone()
        return r[0] if r else None

    @op
    def outbox_entries(self, states: Iterable[str] = ("pending",), limit: int = 1000) -> list[dict]:
        """Outbox entries in sequence order (the sync machinery only: full ID numbers)."""
        states = list(states)
        rows = self.db.execute(
            "SELECT seq, c.change, state, batch_id FROM outbox JOIN outbox_change c USING (seq)"
            f" WHERE state IN ({','.join('?' * len(states))}) ORDER BY seq LIMIT ?",
            [*states, limit],
        ).fetchall()
        return [
            {"seq": r[0], "change": json.loads(r[1]), "state": r[2], "batch_id": r[3]} for r in rows
        ]

    @op
    def log_export(self, kind: str, fmt: str, detail: dict | None = None) -> None:
        """Record an export (report, bundle, list) in the audit log."""
        with self.db.atomic():
            audit.append(
                self.db,
                self.user.username,
                f"export.{kind}",
                detail={"format": fmt, **(detail or {})},
            )

    @op
    def verify_audit(self) -> audit.ChainCheck:
        """Check the audit chain, against the head the city server anchored (audit_anchor)."""
        from desktop_app.store import audit_anchor

        return audit_anchor.verify(self)

    @op
    def audit_entries(
        self,
        username: str | None = None,
        action: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 1000,
    ) -> list[dict]:
        """Audit entries, newest first (team lead and admin)."""
        require(self.user.role, "view_audit")
        where, params = ["1 = 1"], []
        if username:
            where.append("username = ?")
            params.append(username)
        if action:
            where.append("action LIKE ?")
            params.append(action + "%")
        if since:
            where.append("at >= ?")
            params.append(since)
        if until:
            where.append("at < ?")
            params.append(until)
        params.append(limit)
        return [
            dict(r)
            for r in self.db.query(
                "SELECT id, at, username, action, entity, record_id, detail FROM audit_log WHERE "
                + " AND ".join(where)
                + " ORDER BY id DESC LIMIT ?",
                params,
            )
        ]

    @op
    def audit_names(self, entries: Iterable[dict]) -> dict:
        """Names for reading audit entries as sentences (team lead and admin):
        ``{"users": {username: full name}, "records": {record id: name}}``. A record is named by
        its person (person, benefit, payment, verification), its household's head (household,
        visit, help item), the village's or the user's name. The log itself never holds names;
        a record deleted since is still named, one never seen here is left out."""
        require(self.user.role, "view_audit")
        entries = list(entries)
        users = {
            r[0]: r[1] for r in self.db.execute("SELECT username, full_name FROM user").fetchall()
        }
        wanted: dict[str, set[str]] = {}
        for e in entries:
            if e.get("entity") and e.get("record_id"):
                wanted.setdefault(e["entity"], set()).add(str(e["record_id"]))
            detail = e.get("detail") or {}
            if isinstance(detail, str):
                try:
                    detail = json.loads(detail)
                except ValueError:
                    detail = {}
            for key in ("a", "b", "keep", "merged"):
                value = detail.get(key) if isinstance(detail, dict) else None
                if isinstance(value, str) and e.get("entity"):
                    wanted.setdefault(e["entity"], set()).add(value)
        sql = {
            "person": "SELECT id, full_name FROM person WHERE id IN ({})",
            "household": "SELECT id, list_head_name FROM household WHERE id IN ({})",
            "village": "SELECT id, name FROM village WHERE id IN ({})",
            "visit": "SELECT x.id, h.list_head_name FROM visit x"
            " JOIN household h ON h.id = x.household_id WHERE x.id IN ({})",
            "assistance": "SELECT x.id, h.list_head_name FROM assistance x"
            " JOIN household h ON h.id = x.household_id WHERE x.id IN ({})",
            "benefit": "SELECT x.id, p.full_name FROM benefit x"
            " JOIN person p ON p.id = x.person_id WHERE x.id IN ({})",
            "payment": "SELECT x.id, p.full_name FROM payment x"
            " JOIN person p ON p.id = x.person_id WHERE x.id IN ({})",
            "identity_verification": "SELECT x.id, p.full_name FROM identity_verification x"
            " JOIN person p ON p.id = x.person_id WHERE x.id IN ({})",
        }
        records: dict[str, str] = {}
        for entity, ids in wanted.items():
            if entity == "user":
                records.update({i: users[i] for i in ids if i in users})
                continue
            query = sql.get(entity)
            if query is None:
                continue
            ids = sorted(ids)
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                for rid, name in self.db.execute(
                    query.format(",".join("?" * len(chunk))), chunk
                ).fetchall():
                    if name:
                        records[rid] = name
        return {"users": users, "records": records}


def check_record_rules(entity: str, fields: dict) -> None:
    """Refuse a write the city server would refuse: the shared record rules
    (``desktop_app.core.record_rules``), checked on the exact fields that will be queued."""
    problem = record_problem(entity, fields)
    if problem is None:
        return
    reason, detail = problem
    field_name = detail.split(":", 1)[0] if ":" in detail else ""
    raise ValidationError(
        field_name or entity,
        reason,
        f"Dữ liệu không hợp lệ ở trường «{field_name or entity}» ({reason}): chưa lưu gì.",
        f"Invalid data in “{field_name or entity}” ({reason}): nothing was saved.",
    )


def _sql_value(value):
    """A value as sqlite-utils would store it (lists and dicts as JSON text)."""
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, default=repr, ensure_ascii=False)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def index_words(text: str) -> str:
    """The words of a household's search text as ``household.search_words`` keeps them: split
    as the word index splits them, one space before and after each word."""
    return " " + " ".join(_INDEX_WORD.findall(text)) + " "


def search_terms(query: str) -> list[str]:
    """The folded words of a search box entry; FTS syntax characters are just text here."""
    folded = fold(query or "")[:200]
    # Keep letters and digits; everything else (quotes, *, -, emoji, punctuation) separates words.
    words = re.findall(r"[0-9a-z]+", folded)
    if words and all(w.isdigit() for w in words):
        # "0912 345 678" or "001 234 567 890": the digits belong together.
        return ["".join(words)]
    seen, out = set(), []
    for w in words:
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out[:12]


def _whole_id_number(word: str) -> bool:
    """True for a whole, valid 12-digit ID number or a 9-digit old ID (CMND)."""
    if not word.isdigit():
        return False
    if len(word) == 9:
        return True
    if len(word) != 12:
        return False
    try:
        parse_citizen_id(word)
    except ValidationError:
        return False
    return True


def _phone_terms(phones_json) -> list[str]:
    try:
        phones = json.loads(phones_json) if isinstance(phones_json, str) else phones_json or []
    except ValueError:
        return []
    out = []
    for p in phones:
        number = p.get("number", "") if isinstance(p, dict) else str(p)
        digits = re.sub(r"\D", "", number)
        if digits.startswith("84"):
            out.append("0" + digits[2:])
        out.append(digits)
    return out


__all__ = ["COMMON_FIELDS", "Store", "User", "search_terms", "store_exists", "database_path"]
