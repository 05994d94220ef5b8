-- Tận Tay laptop schema, version 2: benefits and payments (payment access), identity
-- verification (append-only), and sync bookkeeping (conflicts, enrolment, bundles).

CREATE TABLE benefit (
    id                   TEXT PRIMARY KEY,
    version              INTEGER NOT NULL,
    updated_at           TEXT NOT NULL,
    updated_by           TEXT NOT NULL,
    origin_device        TEXT NOT NULL,
    deleted              INTEGER NOT NULL DEFAULT 0,
    person_id            TEXT NOT NULL REFERENCES person(id),
    household_id         TEXT NOT NULL REFERENCES household(id),
    scheme               TEXT NOT NULL,                     -- see resources/data/benefit_schemes.json
    category             TEXT,
    monthly_amount       INTEGER NOT NULL,                  -- whole VND
    channel              TEXT NOT NULL,
    provider             TEXT NOT NULL DEFAULT '',
    account_last4        TEXT,                              -- never a full account number
    start_on             TEXT,
    end_on               TEXT,
    status               TEXT NOT NULL DEFAULT 'active',    -- active | suspended | ended
    notes                TEXT NOT NULL DEFAULT ''
);
CREATE INDEX benefit_person ON benefit(person_id);

CREATE TABLE payment (
    id                   TEXT PRIMARY KEY,
    version              INTEGER NOT NULL,
    updated_at           TEXT NOT NULL,
    updated_by           TEXT NOT NULL,
    origin_device        TEXT NOT NULL,
    deleted              INTEGER NOT NULL DEFAULT 0,
    benefit_id           TEXT NOT NULL REFERENCES benefit(id),
    person_id            TEXT NOT NULL REFERENCES person(id),
    household_id         TEXT NOT NULL REFERENCES household(id),
    period               TEXT NOT NULL,                     -- YYYY-MM
    amount               INTEGER,                           -- whole VND
    credited_on          TEXT,
    withdrawn_on         TEXT,
    withdrawn_by         TEXT,                              -- self | helped | proxy
    proxy_person_id      TEXT,
    proxy_name           TEXT,
    travel_minutes       INTEGER,
    distance_km          REAL,
    fees                 INTEGER,
    barriers             TEXT NOT NULL DEFAULT '[]',
    convenience          INTEGER CHECK (convenience BETWEEN 1 AND 5 OR convenience IS NULL),
    note                 TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX payment_benefit_period ON payment(benefit_id, period) WHERE deleted = 0;
CREATE INDEX payment_period ON payment(period);

-- Append-only: a later verification supersedes an earlier one and never erases it.
CREATE TABLE identity_verification (
    id                   TEXT PRIMARY KEY,
    version              INTEGER NOT NULL,
    updated_at           TEXT NOT NULL,
    updated_by           TEXT NOT NULL,
    origin_device        TEXT NOT NULL,
    deleted              INTEGER NOT NULL DEFAULT 0,
    person_id            TEXT NOT NULL REFERENCES person(id),
    household_id         TEXT NOT NULL REFERENCES household(id),
    officer              TEXT NOT NULL,
    verified_at          TEXT NOT NULL,
    method               TEXT NOT NULL,                     -- chip_card | card_in_person | vneid | population_data
    result               TEXT NOT NULL,                     -- verified | mismatch | unable
    mismatched_fields    TEXT NOT NULL DEFAULT '[]',
    proposed_values      TEXT NOT NULL DEFAULT '{}',
    note                 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX identity_verification_person ON identity_verification(person_id, verified_at);

-- Field-level conflicts between an incoming change and undelivered local edits, for a person to
-- decide (team lead). Local only; the decision becomes a new version of the record, which syncs.
CREATE TABLE conflict (
    id               INTEGER PRIMARY KEY,
    entity           TEXT NOT NULL,
    record_id        TEXT NOT NULL,
    field            TEXT NOT NULL,
    local_value      TEXT,                                  -- JSON
    incoming_value   TEXT,                                  -- JSON
    base_version     INTEGER,
    incoming_version INTEGER,
    source           TEXT NOT NULL,                         -- pull | receipt
    created_at       TEXT NOT NULL,
    resolution       TEXT,                                  -- local | incoming | edited
    resolved_value   TEXT,
    resolved_by      TEXT,
    resolved_at      TEXT
);
CREATE INDEX conflict_open ON conflict(resolution, entity, record_id);

-- Bundles written to USB and whether the server confirmed them.
CREATE TABLE bundle_log (
    bundle_id    TEXT PRIMARY KEY,
    path         TEXT NOT NULL,
    seq_from     INTEGER NOT NULL,
    seq_to       INTEGER NOT NULL,
    changes      INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    confirmed_at TEXT
);

-- Which fields each queued change modified (for field-level conflicts with incoming changes).
ALTER TABLE outbox ADD COLUMN changed TEXT NOT NULL DEFAULT '[]';

-- Word-prefix search for short words ("ng", "le d"): the trigram index cannot match fewer than
-- three characters, and a LIKE scan over every household is too slow to type against.
CREATE VIRTUAL TABLE household_words USING fts5(text, tokenize = 'unicode61', prefix = '1 2');
INSERT INTO household_words (rowid, text) SELECT rowid, text FROM household_search;

-- What the household list shows, kept on the household row (local only, derived): reading it
-- from the person and visit tables cost ~50 ms per page of 200 on a 40,000-household database.
ALTER TABLE household ADD COLUMN list_head_name TEXT NOT NULL DEFAULT '';
ALTER TABLE household ADD COLUMN list_members INTEGER NOT NULL DEFAULT 0;
ALTER TABLE household ADD COLUMN list_vulnerabilities TEXT NOT NULL DEFAULT '[]';
ALTER TABLE household ADD COLUMN list_last_visit TEXT;
ALTER TABLE household ADD COLUMN list_next_follow_up TEXT;
UPDATE household SET
    list_head_name = COALESCE((SELECT full_name FROM person p WHERE p.id = household.head_person_id), ''),
    list_members = (SELECT count(*) FROM person m WHERE m.household_id = household.id AND m.deleted = 0),
    list_vulnerabilities = COALESCE((SELECT json_group_array(DISTINCT j.value) FROM person m, json_each(m.vulnerabilities) j
                                     WHERE m.household_id = household.id AND m.deleted = 0), '[]'),
    list_last_visit = (SELECT max(visited_at) FROM visit x WHERE x.household_id = household.id AND x.deleted = 0),
    list_next_follow_up = (SELECT min(follow_up_on) FROM visit x WHERE x.household_id = household.id
                           AND x.deleted = 0 AND x.follow_up_on IS NOT NULL AND x.follow_up_done_on IS NULL);

-- Receipts mark rows by batch: without this each receipt scanned the whole outbox.
CREATE INDEX outbox_batch ON outbox(batch_id) WHERE batch_id IS NOT NULL;
