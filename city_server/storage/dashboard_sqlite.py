"""The city dashboard's SQL on SQLite (issue 14): report rows, metric cells, accounts, audit.

Mixed into ``SQLiteStorage`` (and ``DashboardTxSQLite`` into its batch transaction); the
PostgreSQL twin is ``dashboard_postgres``. The schema is db_schema/server/006_dashboard.sql.
"""

from __future__ import annotations

import json
from typing import Any

from city_server.storage.base import dumps
from desktop_app.core.protocol import RETRYABLE_REASONS

# The joined records behind one payment row of the report (desktop_app/store/payments.py
# payment_rows does the same join on the laptop): live payment, benefit, person, household.
_ROWS_SQL = (
    "SELECT y.fields AS pf, p.id AS pid, p.fields AS person, b.id AS bid, b.fields AS benefit,"
    " json_extract(v.fields, '$.name') AS village, y.commune_code AS commune"
    " FROM records y"
    " JOIN records b ON b.entity = 'benefit' AND b.id = json_extract(y.fields, '$.benefit_id')"
    "  AND b.deleted = 0"
    " JOIN records p ON p.entity = 'person' AND p.id = json_extract(y.fields, '$.person_id')"
    "  AND p.deleted = 0"
    " JOIN records h ON h.entity = 'household'"
    "  AND h.id = json_extract(y.fields, '$.household_id') AND h.deleted = 0"
    " LEFT JOIN records v ON v.entity = 'village' AND v.id = json_extract(h.fields, '$.village_id')"
    " WHERE y.entity = 'payment' AND y.deleted = 0 AND y.commune_code = ?"
    " AND json_extract(y.fields, '$.period') >= ? AND json_extract(y.fields, '$.period') <= ?"
)


class DashboardTxSQLite:
    """What the batch apply writes for the dashboard, inside its transaction."""

    _conn: Any

    def dash_touch(self, marks: list[tuple[str, str]]) -> None:
        """Mark communes × months (or '*') for the dashboard refresher."""
        self._conn.executemany(
            "INSERT OR IGNORE INTO dash_dirty (commune_code, period) VALUES (?, ?)", marks
        )


class DashboardSQLite:
    """The dashboard's reads and writes on SQLite."""

    def _conn(self) -> Any:  # provided by SQLiteStorage
        raise NotImplementedError

    def _write(self) -> Any:  # provided by SQLiteStorage
        raise NotImplementedError

    # --- report rows ---------------------------------------------------------------------

    def dash_report_sources(
        self, commune: str, period_from: str, period_to: str, unwithdrawn_on: str | None = None
    ) -> tuple[list[dict[str, Any]], set[str]]:
        """The joined records of a commune's live payments in the period range
        (``{"payment", "person", "benefit", "village"}`` dicts), and the ids of persons with an
        account opened for them (a done ``open_account`` assistance). With ``unwithdrawn_on``
        (an ISO date), only payments credited and not withdrawn by then, or withdrawn without a
        date (a superset of the not-received list's rows)."""
        conn = self._conn()
        sql, params = _ROWS_SQL, [commune, period_from, period_to]
        if unwithdrawn_on:
            sql += (
                " AND json_extract(y.fields, '$.credited_on') IS NOT NULL"
                " AND (json_extract(y.fields, '$.withdrawn_on') IS NULL"
                " OR json_extract(y.fields, '$.withdrawn_on') > ?)"
            )
            params.append(unwithdrawn_on)
        parsed: dict[tuple[str, str], Any] = {}  # a person's and a benefit's fields, once

        def once(kind: str, record_id: str, text: str) -> Any:
            found = parsed.get((kind, record_id))
            if found is None:
                found = parsed[(kind, record_id)] = json.loads(text)
            return found

        rows = [
            {
                "payment": json.loads(r["pf"]),
                "person": once("p", r["pid"], r["person"]),
                "benefit": once("b", r["bid"], r["benefit"]),
                "village": r["village"],
            }
            for r in conn.execute(sql, params)
        ]
        opened = {
            r[0]
            for r in conn.execute(
                "SELECT json_extract(fields, '$.person_id') FROM records"
                " WHERE entity = 'assistance' AND commune_code = ? AND deleted = 0"
                " AND json_extract(fields, '$.kind') = 'open_account'"
                " AND json_extract(fields, '$.status') = 'done'",
                (commune,),
            )
            if r[0]
        }
        return rows, opened

    def dash_contacts(self, commune: str, person_ids: list[str]) -> dict[str, dict[str, Any]]:
        """``{person_id: {"person": fields, "household": fields}}`` of live persons of the
        commune (the not-received list's address and phone)."""
        out: dict[str, dict[str, Any]] = {}
        ids = sorted(set(person_ids))
        conn = self._conn()
        for start in range(0, len(ids), 500):
            part = ids[start : start + 500]
            for r in conn.execute(
                "SELECT p.id, p.fields, h.fields FROM records p LEFT JOIN records h"
                " ON h.entity = 'household' AND h.deleted = 0"
                " AND h.id = json_extract(p.fields, '$.household_id')"
                " WHERE p.entity = 'person' AND p.deleted = 0 AND p.commune_code = ?"
                f" AND p.id IN ({', '.join('?' * len(part))})",
                [commune, *part],
            ):
                out[r[0]] = {"person": json.loads(r[1]), "household": json.loads(r[2] or "{}")}
        return out

    def dash_beneficiaries(self, commune: str) -> int:
        """Known beneficiaries of a commune: live persons with a live benefit."""
        return (
            self._conn()
            .execute(
                "SELECT COUNT(DISTINCT p.id) FROM records b JOIN records p ON p.entity = 'person'"
                " AND p.id = json_extract(b.fields, '$.person_id') AND p.deleted = 0"
                " WHERE b.entity = 'benefit' AND b.commune_code = ? AND b.deleted = 0",
                (commune,),
            )
            .fetchone()[0]
        )

    def dash_payment_periods(self, commune: str) -> list[str]:
        """Every month with a payment record of the commune, or a cell kept for it."""
        conn = self._conn()
        periods = {
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT json_extract(fields, '$.period') FROM records"
                " WHERE entity = 'payment' AND commune_code = ?",
                (commune,),
            )
            if r[0]
        }
        periods.update(
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT period FROM dash_cells WHERE commune_code = ?", (commune,)
            )
        )
        return sorted(periods)

    def dash_payment_communes(self) -> list[str]:
        """Every commune with a payment record."""
        return [
            r[0]
            for r in self._conn().execute(
                "SELECT DISTINCT commune_code FROM records WHERE entity = 'payment'"
            )
        ]

    # --- dirty marks and cells -----------------------------------------------------------

    def dash_mark(self, marks: list[tuple[str, str]]) -> None:
        """Mark communes × months (or '*') for the refresher."""
        with self._write() as c:
            c.executemany(
                "INSERT OR IGNORE INTO dash_dirty (commune_code, period) VALUES (?, ?)",
                sorted(set(marks)),
            )

    def dash_take_dirty(self) -> list[tuple[str, str]]:
        """Take (and clear) every mark."""
        with self._write() as c:
            return [
                (r[0], r[1])
                for r in c.execute("DELETE FROM dash_dirty RETURNING commune_code, period")
            ]

    def dash_pending(self) -> int:
        """How many marks wait for the refresher."""
        return self._conn().execute("SELECT COUNT(*) FROM dash_dirty").fetchone()[0]

    def dash_stale(self, as_of: str) -> list[tuple[str, str]]:
        """Communes × months whose cells were computed as of another day."""
        return [
            (r[0], r[1])
            for r in self._conn().execute(
                "SELECT DISTINCT commune_code, period FROM dash_cells WHERE as_of != ?"
                " AND dim = 'total'",
                (as_of,),
            )
        ]

    def dash_replace_cells(
        self,
        commune: str,
        periods: list[str],
        as_of: str,
        cells: dict[tuple[str, str, str], dict[str, Any]],
        beneficiaries: int,
        now: str,
    ) -> None:
        """Replace a commune's cells of these months (one transaction)."""
        with self._write() as c:
            c.executemany(
                "DELETE FROM dash_cells WHERE commune_code = ? AND period = ?",
                [(commune, p) for p in periods],
            )
            c.executemany(
                "INSERT INTO dash_cells (commune_code, period, dim, key, as_of, data)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (commune, period, dim, key, as_of, dumps(data))
                    for (period, dim, key), data in cells.items()
                ],
            )
            c.execute(
                "INSERT INTO dash_communes (commune_code, beneficiaries, refreshed_at)"
                " VALUES (?, ?, ?) ON CONFLICT (commune_code) DO UPDATE SET"
                " beneficiaries = excluded.beneficiaries, refreshed_at = excluded.refreshed_at",
                (commune, beneficiaries, now),
            )

    def dash_keep_waiting(self, commune: str, as_of: str, entries: list[dict[str, Any]]) -> None:
        """Keep a commune's list to act on as computed for ``as_of`` (replacing the last one)."""
        with self._write() as c:
            c.execute(
                "INSERT INTO dash_waiting (commune_code, as_of, entries) VALUES (?, ?, ?)"
                " ON CONFLICT (commune_code) DO UPDATE SET"
                " as_of = excluded.as_of, entries = excluded.entries",
                (commune, as_of, dumps(entries)),
            )

    def dash_waiting(self, commune: str) -> tuple[str, list[dict[str, Any]]] | None:
        """The commune's kept list and the day it was computed for (None if none was kept)."""
        row = (
            self._conn()
            .execute("SELECT as_of, entries FROM dash_waiting WHERE commune_code = ?", (commune,))
            .fetchone()
        )
        return None if row is None else (row[0], json.loads(row[1]))

    def dash_cells(
        self, periods: list[str], dims: tuple[str, ...], communes: list[str] | None = None
    ) -> list[tuple[str, str, str, str, dict[str, Any]]]:
        """``(commune, period, dim, key, data)`` of the kept cells."""
        if not periods or not dims:
            return []
        sql = (
            "SELECT commune_code, period, dim, key, data FROM dash_cells"
            f" WHERE period IN ({', '.join('?' * len(periods))})"
            f" AND dim IN ({', '.join('?' * len(dims))})"
        )
        params: list[Any] = [*periods, *dims]
        if communes is not None:
            if not communes:
                return []
            sql += f" AND commune_code IN ({', '.join('?' * len(communes))})"
            params.extend(communes)
        return [
            (r[0], r[1], r[2], r[3], json.loads(r[4])) for r in self._conn().execute(sql, params)
        ]

    def dash_commune_facts(self) -> dict[str, dict[str, Any]]:
        """Per commune: known beneficiaries and when its cells were last computed."""
        return {
            r[0]: {"beneficiaries": r[1], "refreshed_at": r[2]}
            for r in self._conn().execute("SELECT * FROM dash_communes")
        }

    def dash_months(self) -> list[str]:
        """Every month that has cells, oldest first."""
        return [
            r[0]
            for r in self._conn().execute(
                # the city's own cells (commune code ''): one per month, through an index (a
                # scan of every commune's cells took 0.1–2 s on a city-sized table)
                "SELECT period FROM dash_cells WHERE commune_code = '' AND dim = 'total'"
                " AND key = '' ORDER BY period"
            )
        ]

    # --- devices and intake --------------------------------------------------------------

    def dash_device_activity(self) -> list[dict[str, Any]]:
        """Every device with its last batch time, batches, and quarantined/rejected counts."""
        conn = self._conn()
        last = {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                "SELECT device_id, MAX(received_at), COUNT(*) FROM batches GROUP BY device_id"
            )
        }
        refused: dict[str, dict[str, int]] = {}
        for device_id, reason, n in conn.execute(
            "SELECT device_id, reason, COUNT(*) FROM rejected GROUP BY device_id, reason"
        ):
            slot = refused.setdefault(device_id, {"rejected": 0, "quarantined": 0})
            slot["rejected"] += n
            if reason not in RETRYABLE_REASONS:
                slot["quarantined"] += n
        out = []
        for r in conn.execute("SELECT * FROM devices ORDER BY enrolled_at, id"):
            at, batches = last.get(r["id"], (None, 0))
            counts = refused.get(r["id"], {"rejected": 0, "quarantined": 0})
            out.append(
                {
                    "id": r["id"],
                    "name": r["name"],
                    "communes": json.loads(r["communes"]),
                    "revoked": bool(r["revoked"]),
                    "revoked_at": r["revoked_at"],
                    "enrolled_at": r["enrolled_at"],
                    "last_batch_at": at,
                    # a pull or gaps query, or the last batch, whichever was later
                    "last_contact_at": max(r["last_contact_at"] or "", at or "") or None,
                    "batches": batches,
                    **counts,
                }
            )
        return out

    def dash_enrollment_codes(self) -> list[dict[str, Any]]:
        """Every enrolment code (its hash only), newest first."""
        return [
            {
                "code_hash": r["code_hash"],
                "communes": json.loads(r["communes"]),
                "created_at": r["created_at"],
                "expires_at": r["expires_at"],
                "used_at": r["used_at"],
                "device_id": r["device_id"],
            }
            for r in self._conn().execute("SELECT * FROM enrollment_codes ORDER BY created_at DESC")
        ]

    def dash_cancel_enrollment_code(self, code_hash: str) -> bool:
        """Cancel an unused enrolment code (it can no longer enrol a laptop); False if it is
        unknown or already used."""
        with self._write() as c:
            return (
                c.execute(
                    "DELETE FROM enrollment_codes WHERE code_hash = ? AND used_at IS NULL",
                    (code_hash,),
                ).rowcount
                > 0
            )

    # --- accounts, sessions, audit -------------------------------------------------------

    def dash_user(self, name: str) -> dict[str, Any] | None:
        row = self._conn().execute("SELECT * FROM dash_users WHERE name = ?", (name,)).fetchone()
        return None if row is None else _user(row)

    def dash_users(self) -> list[dict[str, Any]]:
        return [_user(r) for r in self._conn().execute("SELECT * FROM dash_users ORDER BY name")]

    def dash_put_user(
        self, name: str, password_hash: str, role: str, communes: list[str], now: str
    ) -> None:
        """Add an account, or set a known one's password, role and communes (and unlock it;
        its sessions end)."""
        with self._write() as c:
            c.execute(
                "INSERT INTO dash_users (name, password, role, communes, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET"
                " password = excluded.password, role = excluded.role,"
                " communes = excluded.communes, failed = 0, locked_until = NULL",
                (name, password_hash, role, dumps(communes), now),
            )
            # a new password ends every session signed in with the old one
            c.execute("DELETE FROM dash_sessions WHERE user_name = ?", (name,))

    def dash_set_disabled(self, name: str, disabled: bool) -> bool:
        """Disable an account (its sessions end) or enable it again; False if unknown."""
        with self._write() as c:
            done = c.execute(
                "UPDATE dash_users SET disabled = ?, failed = 0, locked_until = NULL"
                " WHERE name = ?",
                (1 if disabled else 0, name),
            ).rowcount
            if disabled:
                c.execute("DELETE FROM dash_sessions WHERE user_name = ?", (name,))
            return done > 0

    def dash_set_communes(self, name: str, communes: list[str]) -> bool:
        """Set a commune official's communes (its sessions see the new ones at once)."""
        with self._write() as c:
            return (
                c.execute(
                    "UPDATE dash_users SET communes = ? WHERE name = ?", (dumps(communes), name)
                ).rowcount
                > 0
            )

    def dash_login_outcome(self, name: str, ok: bool, locked_until: str | None) -> int:
        """Count a failed login (returns the count) or clear the count after a good one."""
        with self._write() as c:
            if ok:
                c.execute(
                    "UPDATE dash_users SET failed = 0, locked_until = NULL WHERE name = ?",
                    (name,),
                )
                return 0
            row = c.execute(
                "UPDATE dash_users SET failed = failed + 1,"
                " locked_until = COALESCE(?, locked_until) WHERE name = ? RETURNING failed",
                (locked_until, name),
            ).fetchone()
            return row[0] if row else 0

    def dash_add_session(
        self, token_hash: str, user: str, csrf: str, now: str, expires_at: str
    ) -> None:
        with self._write() as c:
            c.execute("DELETE FROM dash_sessions WHERE expires_at < ?", (now,))
            c.execute(
                "INSERT INTO dash_sessions (token_hash, user_name, csrf, created_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (token_hash, user, csrf, now, expires_at),
            )

    def dash_session(self, token_hash: str, now: str) -> tuple[dict[str, Any], str] | None:
        """The live session's user and CSRF token, or None."""
        row = (
            self._conn()
            .execute(
                "SELECT u.*, s.csrf AS csrf FROM dash_sessions s JOIN dash_users u"
                " ON u.name = s.user_name WHERE s.token_hash = ? AND s.expires_at > ?"
                " AND u.disabled = 0",
                (token_hash, now),
            )
            .fetchone()
        )
        return None if row is None else (_user(row), row["csrf"])

    def dash_drop_session(self, token_hash: str) -> None:
        with self._write() as c:
            c.execute("DELETE FROM dash_sessions WHERE token_hash = ?", (token_hash,))

    def dash_put_flash(self, token_hash: str, flash: str | None) -> None:
        """Keep what the session's next page says once (encrypted by the caller)."""
        with self._write() as c:
            c.execute(
                "UPDATE dash_sessions SET flash = ? WHERE token_hash = ?", (flash, token_hash)
            )

    def dash_take_flash(self, token_hash: str) -> str | None:
        """The session's one-time message, removed as it is read (None if there is none)."""
        row = (
            self._conn()
            .execute("SELECT flash FROM dash_sessions WHERE token_hash = ?", (token_hash,))
            .fetchone()
        )
        if row is None or row[0] is None:
            return None  # the usual case: no write (no lock) for a page without a message
        with self._write() as c:  # once only, even when two requests read it together
            taken = c.execute(
                "UPDATE dash_sessions SET flash = NULL WHERE token_hash = ? AND flash = ?",
                (token_hash, row[0]),
            ).rowcount
        return row[0] if taken else None

    def dash_audit(
        self, at: str, user: str, action: str, detail: dict[str, Any], client: str | None
    ) -> None:
        with self._write() as c:
            c.execute(
                "INSERT INTO dash_audit (at, user_name, action, detail, client)"
                " VALUES (?, ?, ?, ?, ?)",
                (at, user, action, dumps(detail), client),
            )

    def dash_audit_log(self, limit: int = 200) -> list[dict[str, Any]]:
        rows = self._conn().execute("SELECT * FROM dash_audit ORDER BY id DESC LIMIT ?", (limit,))
        return [_audit_entry(r) for r in rows]

    def dash_audit_page(
        self,
        user: str | None = None,
        action: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of the audit log, newest first, narrowed by account, action and time
        (``since`` inclusive, ``until`` exclusive; UTC ISO times), and how many match."""
        where, args = _audit_where(user, action, since, until, "?")
        conn = self._conn()
        total = conn.execute(f"SELECT COUNT(*) FROM dash_audit{where}", args).fetchone()[0]
        rows = conn.execute(
            f"SELECT * FROM dash_audit{where} ORDER BY id DESC LIMIT ? OFFSET ?",
            (*args, limit, offset),
        )
        return [_audit_entry(r) for r in rows], total


def _audit_entry(r: Any) -> dict[str, Any]:
    """A dash_audit row as the pages read it (PostgreSQL's jsonb detail comes parsed)."""
    detail = r["detail"]
    return {
        "at": r["at"],
        "user": r["user_name"],
        "action": r["action"],
        "detail": json.loads(detail) if isinstance(detail, str) else detail,
        "client": r["client"],
    }


def _audit_where(user, action, since, until, mark: str) -> tuple[str, tuple]:
    """The WHERE clause of ``dash_audit_page`` (both backends; ``mark`` is the placeholder)."""
    parts, args = [], []
    for column, op, value in (
        ("user_name", "=", user),
        ("action", "=", action),
        ("at", ">=", since),
        ("at", "<", until),
    ):
        if value:
            parts.append(f"{column} {op} {mark}")
            args.append(value)
    return (" WHERE " + " AND ".join(parts)) if parts else "", tuple(args)


def _user(row: Any) -> dict[str, Any]:
    return {
        "name": row["name"],
        "password": row["password"],
        "role": row["role"],
        "communes": json.loads(row["communes"]),
        "failed": row["failed"],
        "locked_until": row["locked_until"],
        "disabled": bool(row["disabled"]),
    }
