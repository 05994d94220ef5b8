-- Tận Tay city server schema, version 6: the city dashboard (issue 14, city_server/dashboard/).

-- Dashboard accounts. role: city_admin | city_analyst | commune_official. communes: JSON list
-- (a commune_official's own communes; empty for the city roles). password: argon2id hash.
CREATE TABLE dash_users (
    name         TEXT PRIMARY KEY,
    password     TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('city_admin', 'city_analyst', 'commune_official')),
    communes     TEXT NOT NULL DEFAULT '[]',
    failed       INTEGER NOT NULL DEFAULT 0,       -- failed logins in a row
    locked_until TEXT,                              -- UTC ISO time; locked while in the future
    disabled     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL
);

-- Sessions: the cookie holds a random token, the table its sha256 (a stolen database opens none).
CREATE TABLE dash_sessions (
    token_hash TEXT PRIMARY KEY,
    user_name  TEXT NOT NULL REFERENCES dash_users(name),
    csrf       TEXT NOT NULL,                       -- the session's CSRF token (every form)
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

-- Every login (good or bad), logout, export and admin action. No personal data of beneficiaries.
CREATE TABLE dash_audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_name TEXT NOT NULL,
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT '{}',
    client    TEXT
);

-- Communes × months whose cells must be computed again ('*': every month of the commune). The
-- batch apply marks them in its own transaction; the dashboard refresher takes them.
CREATE TABLE dash_dirty (
    commune_code TEXT NOT NULL,
    period       TEXT NOT NULL,
    PRIMARY KEY (commune_code, period)
) WITHOUT ROWID;

-- The metric cells (desktop_app/core/metrics_cells.py): per commune, month, breakdown and value,
-- the counts and histograms as of ``as_of``. dim: total | village | channel | age_band.
CREATE TABLE dash_cells (
    commune_code TEXT NOT NULL,
    period       TEXT NOT NULL,
    dim          TEXT NOT NULL,
    key          TEXT NOT NULL,
    as_of        TEXT NOT NULL,
    data         TEXT NOT NULL,
    PRIMARY KEY (period, dim, commune_code, key)
) WITHOUT ROWID;
CREATE INDEX dash_cells_commune ON dash_cells(commune_code, period);

-- Per commune: known beneficiaries (live persons with a live benefit) at the last refresh.
CREATE TABLE dash_communes (
    commune_code  TEXT PRIMARY KEY,
    beneficiaries INTEGER NOT NULL,
    refreshed_at  TEXT NOT NULL
);

-- A commune's payments by month (the refresher's read), and its records by entity.
CREATE INDEX records_payment_period ON records(commune_code, json_extract(fields, '$.period'))
    WHERE entity = 'payment';
CREATE INDEX records_entity_commune ON records(entity, commune_code);
