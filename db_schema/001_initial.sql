-- Tận Tay laptop schema, version 1.
-- Every synced record carries: id (UUIDv7 text), version, updated_at (UTC ISO-8601), updated_by
-- (user name), origin_device (device id), deleted (tombstone flag). Nothing is hard-deleted.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT
);

-- Local users. Password checks and the wrapped database keys live in the key file beside the
-- database (the database cannot be opened without them); this table holds what the app needs once
-- the database is open.
CREATE TABLE user (
    username    TEXT PRIMARY KEY,
    full_name   TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('volunteer', 'team_lead', 'police_officer', 'admin')),
    disabled    INTEGER NOT NULL DEFAULT 0,
    villages    TEXT NOT NULL DEFAULT '[]',                -- JSON village ids this user works in; [] = all
    created_at  TEXT NOT NULL,
    created_by  TEXT
);

CREATE TABLE village (
    id                   TEXT PRIMARY KEY,
    version              INTEGER NOT NULL,
    updated_at           TEXT NOT NULL,
    updated_by           TEXT NOT NULL,
    origin_device        TEXT NOT NULL,
    deleted              INTEGER NOT NULL DEFAULT 0,
    name                 TEXT NOT NULL,
    kind                 TEXT NOT NULL DEFAULT 'thon',      -- 'thon' | 'to_dan_pho'
    commune_code         TEXT NOT NULL,
    commune_list_version TEXT NOT NULL
);

CREATE TABLE household (
    id                   TEXT PRIMARY KEY,
    version              INTEGER NOT NULL,
    updated_at           TEXT NOT NULL,
    updated_by           TEXT NOT NULL,
    origin_device        TEXT NOT NULL,
    deleted              INTEGER NOT NULL DEFAULT 0,
    village_id           TEXT REFERENCES village(id),
    commune_code         TEXT NOT NULL,
    commune_list_version TEXT NOT NULL,
    address              TEXT NOT NULL DEFAULT '',
    landmark             TEXT NOT NULL DEFAULT '',
    latitude             REAL,
    longitude            REAL,
    phones               TEXT NOT NULL DEFAULT '[]',       -- JSON [{"number": "+84...", "owner": "..."}]
    notes                TEXT NOT NULL DEFAULT '',
    head_person_id       TEXT,
    -- derived, local only (not synced): sort key of the head's name for keyset paging
    sort_key             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX household_sort ON household(deleted, sort_key, id);
CREATE INDEX household_village ON household(village_id);

CREATE TABLE person (
    id                   TEXT PRIMARY KEY,
    version              INTEGER NOT NULL,
    updated_at           TEXT NOT NULL,
    updated_by           TEXT NOT NULL,
    origin_device        TEXT NOT NULL,
    deleted              INTEGER NOT NULL DEFAULT 0,
    household_id         TEXT NOT NULL REFERENCES household(id),
    full_name            TEXT NOT NULL,
    given_name           TEXT NOT NULL DEFAULT '',
    birth_date           TEXT,                              -- YYYY-MM-DD when known
    birth_year           INTEGER,                           -- always set when the date is
    sex                  TEXT CHECK (sex IN ('male', 'female') OR sex IS NULL),
    citizen_id           TEXT,                              -- 12 digits
    card_type            TEXT,                              -- cmnd | cccd | the_can_cuoc | vneid
    card_expiry          TEXT,
    old_id               TEXT,                              -- 9-digit CMND
    relationship         TEXT NOT NULL DEFAULT '',
    vulnerabilities      TEXT NOT NULL DEFAULT '[]',        -- JSON list of tags
    payment_channel      TEXT,
    phones               TEXT NOT NULL DEFAULT '[]',
    consent_date         TEXT,
    consent_scope        TEXT,
    consent_method       TEXT,
    consent_witness      TEXT,
    consent_withdrawn_on TEXT,
    notes                TEXT NOT NULL DEFAULT '',
    -- derived, local only
    name_fold            TEXT NOT NULL DEFAULT '',
    sort_key             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX person_household ON person(household_id);
CREATE UNIQUE INDEX person_citizen_id ON person(citizen_id) WHERE citizen_id IS NOT NULL AND deleted = 0;
CREATE INDEX person_name_fold ON person(name_fold, birth_year);

CREATE TABLE visit (
    id                   TEXT PRIMARY KEY,
    version              INTEGER NOT NULL,
    updated_at           TEXT NOT NULL,
    updated_by           TEXT NOT NULL,
    origin_device        TEXT NOT NULL,
    deleted              INTEGER NOT NULL DEFAULT 0,
    household_id         TEXT NOT NULL REFERENCES household(id),
    visited_at           TEXT NOT NULL,                     -- UTC ISO-8601
    visitor              TEXT NOT NULL,
    purposes             TEXT NOT NULL DEFAULT '[]',
    outcome              TEXT NOT NULL DEFAULT '',
    notes                TEXT NOT NULL DEFAULT '',
    persons_present      TEXT NOT NULL DEFAULT '[]',
    follow_up_on         TEXT,                              -- YYYY-MM-DD
    follow_up_done_on    TEXT
);
CREATE INDEX visit_household ON visit(household_id, visited_at);
CREATE INDEX visit_follow_up ON visit(follow_up_on) WHERE follow_up_on IS NOT NULL;

CREATE TABLE assistance (
    id                   TEXT PRIMARY KEY,
    version              INTEGER NOT NULL,
    updated_at           TEXT NOT NULL,
    updated_by           TEXT NOT NULL,
    origin_device        TEXT NOT NULL,
    deleted              INTEGER NOT NULL DEFAULT 0,
    person_id            TEXT REFERENCES person(id),
    household_id         TEXT NOT NULL REFERENCES household(id),
    visit_id             TEXT REFERENCES visit(id),
    kind                 TEXT NOT NULL,
    status               TEXT NOT NULL DEFAULT 'open',      -- open | done | cancelled
    due_on               TEXT,
    text                 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assistance_household ON assistance(household_id);

-- Full-text search over pre-folded text (accents removed, đ→d, casefolded), one row per household
-- (its rowid is the household's rowid): names, ID numbers, phones, address and landmark of the
-- household and its members. (VACUUM may renumber rowids: run Store.rebuild_search_index after one.)
CREATE VIRTUAL TABLE household_search USING fts5(
    text,
    tokenize = 'trigram'
);

-- Change capture: one entry per change, in per-device sequence order.
CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,          -- per-device sequence, 1, 2, 3..., never reused
    entity       TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    version      INTEGER NOT NULL,
    base_version INTEGER NOT NULL,
    change       TEXT NOT NULL,                              -- JSON change (see docs/PROTOCOL.md)
    created_at   TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending'             -- pending | sending | delivered | quarantined
                 CHECK (state IN ('pending', 'sending', 'delivered', 'quarantined')),
    batch_id     TEXT,
    delivered_at TEXT,
    error        TEXT
);
CREATE INDEX outbox_state ON outbox(state, seq);

-- Hash-chained audit log: hash = sha256(prev_hash || canonical JSON of the entry).
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    username  TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT,
    record_id TEXT,
    detail    TEXT NOT NULL DEFAULT '{}',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT
);
