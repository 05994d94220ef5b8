"""The city dashboard's SQL on PostgreSQL (issue 14): the twin of ``dashboard_sqlite``.

Mixed into ``PostgresStorage`` (and ``DashboardTxPostgres`` into its batch transaction). The
schema is db_schema/server_postgres/003_dashboard.sql. Cells of one commune are replaced under a
transaction-scoped advisory lock, so two workers refreshing it never interleave.
"""

from __future__ import annotations

from typing import Any

from psycopg.types.json import Jsonb

from city_server.storage.dashboard_sqlite import _audit_entry, _audit_where
from desktop_app.core.protocol import RETRYABLE_REASONS

# Advisory lock space of the dashboard refresher (apart from postgres.py's LOCK_SPACE keys).
DASH_LOCK_SPACE = 0x7A8

_ROWS_SQL = (
    "SELECT y.fields AS pf, p.fields AS person, b.fields AS benefit,"
    " v.fields->>'name' AS village"
    " FROM records y"
    " JOIN records b ON b.entity = 'benefit' AND b.id = y.fields->>'benefit_id' AND NOT b.deleted"
    " JOIN records p ON p.entity = 'person' AND p.id = y.fields->>'person_id' AND NOT p.deleted"
    " JOIN records h ON h.entity = 'household' AND h.id = y.fields->>'household_id'"
    "  AND NOT h.deleted"
    " LEFT JOIN records v ON v.entity = 'village' AND v.id = h.fields->>'village_id'"
    " WHERE y.entity = 'payment' AND NOT y.deleted AND y.commune_code = %s"
    " AND y.fields->>'period' >= %s AND y.fields->>'period' <= %s"
)


class DashboardTxPostgres:
    """What the batch apply writes for the dashboard, inside its transaction."""

    _conn: Any

    def dash_touch(self, marks: list[tuple[str, str]]) -> None:
        """Mark communes × months (or '*') for the refresher (sorted: no lock-order cycles)."""
        with self._conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO dash_dirty (commune_code, period) VALUES (%s, %s)"
                " ON CONFLICT DO NOTHING",
                sorted(set(marks)),
            )


class DashboardPostgres:
    """The dashboard's reads and writes on PostgreSQL."""

    def _tx(self) -> Any:  # provided by PostgresStorage
        raise NotImplementedError

    def _one(self, sql: str, params: tuple = ()) -> Any:
        raise NotImplementedError

    def _all(self, sql: str, params: tuple = ()) -> Any:
        raise NotImplementedError

    # --- report rows ---------------------------------------------------------------------

    def dash_report_sources(
        self, commune: str, period_from: str, period_to: str, unwithdrawn_on: str | None = None
    ) -> tuple[list[dict[str, Any]], set[str]]:
        sql, params = _ROWS_SQL, [commune, period_from, period_to]
        if unwithdrawn_on:
            sql += (
                " AND y.fields->>'credited_on' IS NOT NULL"
                " AND (y.fields->>'withdrawn_on' IS NULL OR y.fields->>'withdrawn_on' > %s)"
            )
            params.append(unwithdrawn_on)
        with self._tx() as conn:
            rows = [
                {
                    "payment": r["pf"],
                    "person": r["person"],
                    "benefit": r["benefit"],
                    "village": r["village"],
                }
                for r in conn.execute(sql, params)
            ]
            opened = {
                r["p"]
                for r in conn.execute(
                    "SELECT fields->>'person_id' AS p FROM records WHERE entity = 'assistance'"
                    " AND commune_code = %s AND NOT deleted AND fields->>'kind' = 'open_account'"
                    " AND fields->>'status' = 'done'",
                    (commune,),
                )
                if r["p"]
            }
        return rows, opened

    def dash_contacts(self, commune: str, person_ids: list[str]) -> dict[str, dict[str, Any]]:
        if not person_ids:
            return {}
        rows = self._all(
            "SELECT p.id AS id, p.fields AS person, h.fields AS household FROM records p"
            " LEFT JOIN records h ON h.entity = 'household' AND NOT h.deleted"
            " AND h.id = p.fields->>'household_id'"
            " WHERE p.entity = 'person' AND NOT p.deleted AND p.commune_code = %s"
            " AND p.id = ANY(%s)",
            (commune, sorted(set(person_ids))),
        )
        return {r["id"]: {"person": r["person"], "household": r["household"] or {}} for r in rows}

    def dash_beneficiaries(self, commune: str) -> int:
        row = self._one(
            "SELECT COUNT(DISTINCT p.id) AS n FROM records b JOIN records p"
            " ON p.entity = 'person' AND p.id = b.fields->>'person_id' AND NOT p.deleted"
            " WHERE b.entity = 'benefit' AND b.commune_code = %s AND NOT b.deleted",
            (commune,),
        )
        return row["n"] if row else 0

    def dash_payment_periods(self, commune: str) -> list[str]:
        rows = self._all(
            "SELECT DISTINCT fields->>'period' AS p FROM records"
            " WHERE entity = 'payment' AND commune_code = %s"
            " UNION SELECT DISTINCT period FROM dash_cells WHERE commune_code = %s",
            (commune, commune),
        )
        return sorted(r["p"] for r in rows if r["p"])

    def dash_payment_communes(self) -> list[str]:
        return [
            r["c"]
            for r in self._all(
                "SELECT DISTINCT commune_code AS c FROM records WHERE entity = 'payment'"
            )
        ]

    # --- dirty marks and cells -----------------------------------------------------------

    def dash_mark(self, marks: list[tuple[str, str]]) -> None:
        with self._tx() as conn, conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO dash_dirty (commune_code, period) VALUES (%s, %s)"
                " ON CONFLICT DO NOTHING",
                sorted(set(marks)),
            )

    def dash_take_dirty(self) -> list[tuple[str, str]]:
        with self._tx() as conn:
            rows = conn.execute("DELETE FROM dash_dirty RETURNING commune_code, period").fetchall()
        return [(r["commune_code"], r["period"]) for r in rows]

    def dash_pending(self) -> int:
        row = self._one("SELECT COUNT(*) AS n FROM dash_dirty")
        return row["n"] if row else 0

    def dash_stale(self, as_of: str) -> list[tuple[str, str]]:
        rows = self._all(
            "SELECT DISTINCT commune_code, period FROM dash_cells WHERE as_of != %s"
            " AND dim = 'total'",
            (as_of,),
        )
        return [(r["commune_code"], r["period"]) for r in rows]

    def dash_replace_cells(
        self,
        commune: str,
        periods: list[str],
        as_of: str,
        cells: dict[tuple[str, str, str], dict[str, Any]],
        beneficiaries: int,
        now: str,
    ) -> None:
        with self._tx() as conn:
            conn.execute(
                "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (DASH_LOCK_SPACE, commune)
            )
            conn.execute(
                "DELETE FROM dash_cells WHERE commune_code = %s AND period = ANY(%s)",
                (commune, list(periods)),
            )
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO dash_cells (commune_code, period, dim, key, as_of, data)"
                    " VALUES (%s, %s, %s, %s, %s, %s)",
                    [
                        (commune, period, dim, key, as_of, Jsonb(data))
                        for (period, dim, key), data in cells.items()
                    ],
                )
            conn.execute(
                "INSERT INTO dash_communes (commune_code, beneficiaries, refreshed_at)"
                " VALUES (%s, %s, %s) ON CONFLICT (commune_code) DO UPDATE SET"
                " beneficiaries = excluded.beneficiaries, refreshed_at = excluded.refreshed_at",
                (commune, beneficiaries, now),
            )

    def dash_keep_waiting(self, commune: str, as_of: str, entries: list[dict[str, Any]]) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO dash_waiting (commune_code, as_of, entries) VALUES (%s, %s, %s)"
                " ON CONFLICT (commune_code) DO UPDATE SET"
                " as_of = excluded.as_of, entries = excluded.entries",
                (commune, as_of, Jsonb(entries)),
            )

    def dash_waiting(self, commune: str) -> tuple[str, list[dict[str, Any]]] | None:
        row = self._one(
            "SELECT as_of, entries FROM dash_waiting WHERE commune_code = %s", (commune,)
        )
        return None if row is None else (row["as_of"], row["entries"])

    def dash_cells(
        self, periods: list[str], dims: tuple[str, ...], communes: list[str] | None = None
    ) -> list[tuple[str, str, str, str, dict[str, Any]]]:
        if not periods or not dims:
            return []
        sql = (
            "SELECT commune_code, period, dim, key, data FROM dash_cells"
            " WHERE period = ANY(%s) AND dim = ANY(%s)"
        )
        params: list[Any] = [list(periods), list(dims)]
        if communes is not None:
            if not communes:
                return []
            sql += " AND commune_code = ANY(%s)"
            params.append(list(communes))
        return [
            (r["commune_code"], r["period"], r["dim"], r["key"], r["data"])
            for r in self._all(sql, tuple(params))
        ]

    def dash_commune_facts(self) -> dict[str, dict[str, Any]]:
        return {
            r["commune_code"]: {
                "beneficiaries": r["beneficiaries"],
                "refreshed_at": r["refreshed_at"],
            }
            for r in self._all("SELECT * FROM dash_communes")
        }

    def dash_months(self) -> list[str]:
        return [
            r["period"]
            for r in self._all(
                # the city's own cells (commune code ''): one per month, through an index (a
                # scan of every commune's cells took 0.1–2 s on a city-sized table)
                "SELECT period FROM dash_cells WHERE commune_code = '' AND dim = 'total'"
                " AND key = '' ORDER BY period"
            )
        ]

    # --- devices and intake --------------------------------------------------------------

    def dash_device_activity(self) -> list[dict[str, Any]]:
        last = {
            r["device_id"]: (r["at"], r["n"])
            for r in self._all(
                "SELECT device_id, MAX(received_at) AS at, COUNT(*) AS n FROM batches"
                " GROUP BY device_id"
            )
        }
        refused: dict[str, dict[str, int]] = {}
        for r in self._all(
            "SELECT device_id, reason, COUNT(*) AS n FROM rejected GROUP BY device_id, reason"
        ):
            slot = refused.setdefault(r["device_id"], {"rejected": 0, "quarantined": 0})
            slot["rejected"] += r["n"]
            if r["reason"] not in RETRYABLE_REASONS:
                slot["quarantined"] += r["n"]
        out = []
        for r in self._all("SELECT * FROM devices ORDER BY enrolled_at, id"):
            at, batches = last.get(r["id"], (None, 0))
            out.append(
                {
                    "id": r["id"],
                    "name": r["name"],
                    "communes": list(r["communes"]),
                    "revoked": bool(r["revoked"]),
                    "revoked_at": r["revoked_at"],
                    "enrolled_at": r["enrolled_at"],
                    "last_batch_at": at,
                    # a pull or gaps query, or the last batch, whichever was later
                    "last_contact_at": max(r["last_contact_at"] or "", at or "") or None,
                    "batches": batches,
                    **refused.get(r["id"], {"rejected": 0, "quarantined": 0}),
                }
            )
        return out

    def dash_enrollment_codes(self) -> list[dict[str, Any]]:
        return [
            {
                "code_hash": r["code_hash"],
                "communes": list(r["communes"]),
                "created_at": r["created_at"],
                "expires_at": r["expires_at"],
                "used_at": r["used_at"],
                "device_id": r["device_id"],
            }
            for r in self._all("SELECT * FROM enrollment_codes ORDER BY created_at DESC")
        ]

    def dash_cancel_enrollment_code(self, code_hash: str) -> bool:
        with self._tx() as conn:
            return (
                conn.execute(
                    "DELETE FROM enrollment_codes WHERE code_hash = %s AND used_at IS NULL",
                    (code_hash,),
                ).rowcount
                > 0
            )

    # --- accounts, sessions, audit -------------------------------------------------------

    def dash_user(self, name: str) -> dict[str, Any] | None:
        row = self._one("SELECT * FROM dash_users WHERE name = %s", (name,))
        return None if row is None else _user(row)

    def dash_users(self) -> list[dict[str, Any]]:
        return [_user(r) for r in self._all("SELECT * FROM dash_users ORDER BY name")]

    def dash_put_user(
        self, name: str, password_hash: str, role: str, communes: list[str], now: str
    ) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO dash_users (name, password, role, communes, created_at)"
                " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (name) DO UPDATE SET"
                " password = excluded.password, role = excluded.role,"
                " communes = excluded.communes, failed = 0, locked_until = NULL",
                (name, password_hash, role, Jsonb(communes), now),
            )
            # a new password ends every session signed in with the old one
            conn.execute("DELETE FROM dash_sessions WHERE user_name = %s", (name,))

    def dash_set_disabled(self, name: str, disabled: bool) -> bool:
        with self._tx() as conn:
            done = conn.execute(
                "UPDATE dash_users SET disabled = %s, failed = 0, locked_until = NULL"
                " WHERE name = %s",
                (disabled, name),
            ).rowcount
            if disabled:
                conn.execute("DELETE FROM dash_sessions WHERE user_name = %s", (name,))
            return done > 0

    def dash_set_communes(self, name: str, communes: list[str]) -> bool:
        """Set a commune official's communes (its sessions see the new ones at once)."""
        with self._tx() as conn:
            cur = conn.execute(
                "UPDATE dash_users SET communes = %s WHERE name = %s", (Jsonb(communes), name)
            )
            return cur.rowcount > 0

    def dash_login_outcome(self, name: str, ok: bool, locked_until: str | None) -> int:
        with self._tx() as conn:
            if ok:
                conn.execute(
                    "UPDATE dash_users SET failed = 0, locked_until = NULL WHERE name = %s",
                    (name,),
                )
                return 0
            row = conn.execute(
                "UPDATE dash_users SET failed = failed + 1,"
                " locked_until = COALESCE(%s, locked_until) WHERE name = %s RETURNING failed",
                (locked_until, name),
            ).fetchone()
            return row["failed"] if row else 0

    def dash_add_session(
        self, token_hash: str, user: str, csrf: str, now: str, expires_at: str
    ) -> None:
        with self._tx() as conn:
            conn.execute("DELETE FROM dash_sessions WHERE expires_at < %s", (now,))
            conn.execute(
                "INSERT INTO dash_sessions (token_hash, user_name, csrf, created_at, expires_at)"
                " VALUES (%s, %s, %s, %s, %s)",
                (token_hash, user, csrf, now, expires_at),
            )

    def dash_session(self, token_hash: str, now: str) -> tuple[dict[str, Any], str] | None:
        row = self._one(
            "SELECT u.*, s.csrf AS csrf FROM dash_sessions s JOIN dash_users u"
            " ON u.name = s.user_name WHERE s.token_hash = %s AND s.expires_at > %s"
            " AND NOT u.disabled",
            (token_hash, now),
        )
        return None if row is None else (_user(row), row["csrf"])

    def dash_drop_session(self, token_hash: str) -> None:
        with self._tx() as conn:
            conn.execute("DELETE FROM dash_sessions WHERE token_hash = %s", (token_hash,))

    def dash_put_flash(self, token_hash: str, flash: str | None) -> None:
        """Keep what the session's next page says once (encrypted by the caller)."""
        with self._tx() as conn:
            conn.execute(
                "UPDATE dash_sessions SET flash = %s WHERE token_hash = %s", (flash, token_hash)
            )

    def dash_take_flash(self, token_hash: str) -> str | None:
        """The session's one-time message, removed as it is read (None if there is none)."""
        with self._tx() as conn:
            row = conn.execute(
                "SELECT flash FROM dash_sessions WHERE token_hash = %s FOR UPDATE", (token_hash,)
            ).fetchone()
            if row is None or row["flash"] is None:
                return None
            conn.execute(
                "UPDATE dash_sessions SET flash = NULL WHERE token_hash = %s", (token_hash,)
            )
            return row["flash"]

    def dash_audit(
        self, at: str, user: str, action: str, detail: dict[str, Any], client: str | None
    ) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO dash_audit (at, user_name, action, detail, client)"
                " VALUES (%s, %s, %s, %s, %s)",
                (at, user, action, Jsonb(detail), client),
            )

    def dash_audit_log(self, limit: int = 200) -> list[dict[str, Any]]:
        rows = self._all("SELECT * FROM dash_audit ORDER BY id DESC LIMIT %s", (limit,))
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
        (``since`` inclusive, ``until`` exclusive), and how many match."""
        where, args = _audit_where(user, action, since, until, "%s")
        total = self._all(f"SELECT COUNT(*) AS n FROM dash_audit{where}", args)[0]["n"]
        rows = self._all(
            f"SELECT * FROM dash_audit{where} ORDER BY id DESC LIMIT %s OFFSET %s",
            (*args, limit, offset),
        )
        return [_audit_entry(r) for r in rows], total


def _user(row: dict) -> dict[str, Any]:
    return {
        "name": row["name"],
        "password": row["password"],
        "role": row["role"],
        "communes": list(row["communes"]),
        "failed": row["failed"],
        "locked_until": row["locked_until"],
        "disabled": bool(row["disabled"]),
    }
