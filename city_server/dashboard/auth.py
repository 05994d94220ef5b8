"""Dashboard accounts: argon2id passwords, session cookies, CSRF tokens, lockout, roles.

- Passwords are argon2id hashes (argon2-cffi's defaults). After ``LOCK_AFTER`` failed logins in a
  row an account is locked for ``LOCK_MINUTES``; a locked account's login fails like a wrong
  password (nobody learns which accounts exist).
- A session is a random token in an HttpOnly, SameSite=Strict cookie (Secure when the request came
  over TLS, directly or through a trusted proxy); the database keeps only its sha256.
- Every form carries the session's CSRF token (the login form: a token in a cookie and the form,
  compared). Every login, logout, export and admin action is written to ``dash_audit``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desktop_app.core.admin_units import commune_by_name, communes_named_like

ROLES = ("city_admin", "city_analyst", "commune_official")
LOCK_AFTER = 5
LOCK_MINUTES = 15
SESSION_HOURS = 10
SESSION_COOKIE = "tantay_session"
LOGIN_CSRF_COOKIE = "tantay_login_csrf"
MIN_PASSWORD = 10
# Login names: plain ASCII letters, digits, dot, dash, underscore (typed on any keyboard, the
# same in every log and URL; no look-alike Vietnamese letters or invisible characters).
NAME_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,60}")

_hasher = PasswordHasher()
# A hash to verify against when the account does not exist (same time as a real check).
_DUMMY = _hasher.hash("not a password of anyone")


@dataclass(frozen=True)
class User:
    """The signed-in account."""

    name: str
    role: str
    communes: tuple[str, ...]
    csrf: str

    @property
    def sees_names(self) -> bool:
        """Only a commune official sees persons (their own communes' not-received list)."""
        return self.role == "commune_official"

    @property
    def analyst(self) -> bool:
        return self.role in ("city_analyst", "commune_official")

    def commune_scope(self) -> list[str] | None:
        """The communes this user may see (None: all of them)."""
        return list(self.communes) if self.role == "commune_official" else None

    def may_see(self, commune: str) -> bool:
        return self.role == "city_analyst" or commune in self.communes


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def audit_command_line(storage: Any, action: str, **detail: Any) -> None:
    """Write what an operator did with ``python -m city_server`` to the dashboard's audit log,
    as the admin's web actions are (who: the machine's user, "cli:root"; from: the command
    line), so the log covers every revoke, code and account, however it was made."""
    import getpass

    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        who = "?"
    storage.dash_audit(now_iso(), f"cli:{who}", action, detail, "command line")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def commune_choices() -> list[str]:
    """The form's suggestions: "Phường Hoàn Kiếm (00070)" for every Hà Nội commune, by name
    in Vietnamese order."""
    from city_server.dashboard.pages import commune_sort_key
    from desktop_app.core.admin_units import hanoi_communes

    communes = sorted(hanoi_communes(), key=lambda c: commune_sort_key(c.code))
    return [f"{c.full_name} ({c.code})" for c in communes]


def parse_communes(text: str) -> list[str]:
    """Communes as people type them, each once, in the order typed: codes separated by commas,
    semicolons or spaces, in any mix ("00070 00004", " 00070 , 00004 "), or names separated by
    commas or semicolons, with or without accents and type word ("Hoàn Kiếm", "phuong hoan
    kiem"), or a suggestion of the form's list ("Phường Hoàn Kiếm (00070)"). A name that is no
    Hà Nội commune is kept as typed, between « », for the message (``unknown_communes``)."""
    out: list[str] = []
    for part in re.split(r"[,;\n]+", text or ""):
        part = part.strip()
        if not part:
            continue
        if re.fullmatch(r"[0-9\s]+", part):
            found = part.split()
        elif codes := re.findall(r"(?<![0-9])[0-9]{5}(?![0-9])", part):
            found = codes
        else:
            found = [commune_by_name(part) or f"«{part[:60]}»"]
        out.extend(code for code in found if code not in out)
    return out


def unknown_communes(bad: list[str], lang: str) -> str:
    """What ``parse_communes`` could not place, for the messages: "mã 99999, «Hoan Kim»"."""
    out = []
    for c in bad:
        if c.startswith("«"):  # a name
            out.append(c if lang == "vi" else f"named “{c[1:-1]}”")
            near = communes_named_like(c[1:-1])
            if near:  # "Hà" is part of many names: say which (the tenth tryout)
                shown = ", ".join(near[:6]) + (", …" if len(near) > 6 else "")
                out[-1] += f" (có thể là: {shown})" if lang == "vi" else f" (perhaps: {shown})"
        else:
            out.append(f"mã {c}" if lang == "vi" else f"with code {c}")
    return ", ".join(out)


def known_commune(code: str) -> bool:
    """A commune of the administrative units reference (desktop_app/core/admin_units)."""
    from desktop_app.core.admin_units import commune as commune_unit
    from desktop_app.core.protocol import is_commune_code

    if not is_commune_code(code):
        return False
    try:
        commune_unit(code)
    except Exception:
        return False
    return True


def same_name(storage: Any, name: str) -> str | None:
    """The account whose name is ``name`` up to letter case ("Ana" for "ana"), if any."""
    folded = name.casefold()
    return next((u["name"] for u in storage.dash_users() if u["name"].casefold() == folded), None)


def add_user(storage: Any, name: str, password: str, role: str, communes: list[str]) -> str:
    """Create an account (or reset a known one: the same name, exactly); returns its name.
    Refuses a bad role, a short password or one of spaces only, a commune official without
    communes, communes for another role, a commune code not in the reference list, and a name
    that differs from an existing account's only by letter case."""
    name = name.strip()
    if not name or len(name) > 60:
        raise ValueError("the user name must be 1–60 characters")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if not password.strip():
        raise ValueError("the password must not be only spaces")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"the password must have at least {MIN_PASSWORD} characters")
    if role == "commune_official" and not communes:
        raise ValueError("a commune_official needs --commune CODE")
    if role != "commune_official" and communes:
        raise ValueError(
            f"communes are only for a commune_official: a {role} sees every commune"
            " (leave out --commune)"
        )
    unknown = [c for c in communes if not known_commune(c)]
    if unknown:
        raise ValueError(f"unknown commune code: {', '.join(unknown)}")
    existing = same_name(storage, name)
    if existing is not None and existing != name:
        raise ValueError(f"there is already an account {existing!r} (names ignore letter case)")
    if existing is None and not NAME_PATTERN.fullmatch(name):
        # a new account only: one made before the rule can still have its password reset
        raise ValueError(
            "the user name may only have letters a-z, digits, dot, dash and underscore"
            " (e.g. nguyen.van.a)"
        )
    storage.dash_put_user(name, hash_password(password), role, sorted(set(communes)), now_iso())
    return name


def check_login(storage: Any, name: str, password: str) -> dict[str, Any] | None:
    """The account when the password is right and the account not locked; counts failures."""
    user = storage.dash_user(name.strip())
    if user is None:  # names ignore letter case: "Ana" signs in as "ana"
        found = same_name(storage, name.strip())
        user = storage.dash_user(found) if found else None
    if user is None or user["disabled"]:
        _verify(_DUMMY, password)
        return None
    locked = user["locked_until"] and user["locked_until"] > now_iso()
    ok = _verify(user["password"], password) and not locked
    if ok:
        storage.dash_login_outcome(user["name"], True, None)
        return user
    lock_until = None
    if user["failed"] + 1 >= LOCK_AFTER and not locked:
        lock_until = (datetime.now(UTC) + timedelta(minutes=LOCK_MINUTES)).isoformat()
    storage.dash_login_outcome(user["name"], False, lock_until)
    return None


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def new_session(storage: Any, user_name: str) -> str:
    """A new session for the user; returns the cookie token."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    storage.dash_add_session(
        token_hash(token),
        user_name,
        secrets.token_urlsafe(24),
        now.isoformat(),
        (now + timedelta(hours=SESSION_HOURS)).isoformat(),
    )
    return token


def session_user(storage: Any, token: str | None) -> User | None:
    if not token:
        return None
    found = storage.dash_session(token_hash(token), now_iso())
    if found is None:
        return None
    row, csrf = found
    return User(row["name"], row["role"], tuple(row["communes"]), csrf)


def _flash_key(token: str) -> bytes:
    """The key of a session's one-time message: from the cookie token, which the database never
    holds (it keeps the token's sha256), so a copy of the database cannot read a new code."""
    return hashlib.sha256(b"tantay dashboard flash\0" + token.encode()).digest()


def put_flash(storage: Any, token: str | None, message: dict[str, Any]) -> None:
    """Keep what the session's next page says once (a new enrolment code, "laptop revoked"…):
    in the session's row, so whichever server process answers the redirect shows it."""
    if not token:
        return
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(12)
    sealed = AESGCM(_flash_key(token)).encrypt(nonce, json.dumps(message).encode(), None)
    storage.dash_put_flash(token_hash(token), base64.b64encode(nonce + sealed).decode())


def take_flash(storage: Any, token: str | None) -> dict[str, Any]:
    """The session's one-time message, gone once read ({} if none or unreadable)."""
    if not token:
        return {}
    stored = storage.dash_take_flash(token_hash(token))
    if not stored:
        return {}
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        raw = base64.b64decode(stored)
        opened = AESGCM(_flash_key(token)).decrypt(raw[:12], raw[12:], None)
        found = json.loads(opened)
    except (InvalidTag, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def same_token(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def explain(exc: Exception, lang: str, cli: bool = False) -> str:
    """The words for a refused account change, in the page's language; ``cli``: the command
    line's own words where the form's differ ("bỏ --commune", not "bỏ trống ô …")."""
    from city_server.dashboard.texts import TEXTS, t

    text = str(exc)
    for start, key in (
        ("the user name must be", "bad_name"),
        ("the user name may only have", "bad_name_chars"),
        ("role must be", "bad_role"),
        ("the password must have", "short_password"),
        ("the password must not be only spaces", "blank_password"),
        ("a commune_official needs", "needs_commune"),
        ("communes are only for a commune_official", "communes_not_for_role"),
        ("unknown commune code", "unknown_commune_account"),
        ("there is already an account", "account_exists_case"),
    ):
        if text.startswith(start):
            if cli and f"{key}_cli" in TEXTS:
                key = f"{key}_cli"
            detail = text.split(": ", 1)[-1] if start == "unknown commune code" else ""
            existing = text.split("'")[1] if "'" in text else ""
            return (
                t(key, lang)
                .replace("{n}", str(MIN_PASSWORD))
                .replace("{codes}", detail)
                .replace("{name}", existing)
            )
    return text
