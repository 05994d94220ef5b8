-- Tận Tay laptop schema, version 4: one truth per commune (issue 11).

-- A merged record is a tombstone pointing to the record it was merged into (same human being,
-- same household). Synced like any field; set by the city server (same citizen ID) or by a team
-- lead deciding a duplicate candidate.
ALTER TABLE person ADD COLUMN merged_into TEXT;
ALTER TABLE household ADD COLUMN merged_into TEXT;
-- Two laptops recording the same benefit of one person (the same list imported twice): the city
-- server keeps the first and points the other to it; payments follow.
ALTER TABLE benefit ADD COLUMN merged_into TEXT;

-- Pulled changes that could not be applied here (a rule or a constraint of this laptop): kept
-- whole with the reason, shown to the team lead, tried again after every pull. The pull cursor
-- moves on past them, so one record never stops a sync.
CREATE TABLE incoming_quarantine (
    entity      TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    version     INTEGER NOT NULL,
    server_seq  INTEGER,
    change      TEXT NOT NULL,                  -- the change as received (JSON)
    reason      TEXT NOT NULL,                  -- stable code
    detail      TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL,                  -- pull | bundle
    created_at  TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (entity, record_id, version)
) WITHOUT ROWID;

-- Merges a person decided on this laptop, with the records they moved, so a later split can undo
-- exactly that merge.
CREATE TABLE merge_log (
    id          INTEGER PRIMARY KEY,
    entity      TEXT NOT NULL,                  -- person | household
    kept_id     TEXT NOT NULL,
    merged_id   TEXT NOT NULL,
    moved       TEXT NOT NULL DEFAULT '[]',     -- JSON [[entity, id, field], ...]
    merged_by   TEXT NOT NULL,
    merged_at   TEXT NOT NULL,
    split_at    TEXT
);
CREATE INDEX merge_log_merged ON merge_log(entity, merged_id);

-- Pairs a team lead said are not the same (never proposed again).
CREATE TABLE not_duplicate (
    entity TEXT NOT NULL,
    a_id   TEXT NOT NULL,
    b_id   TEXT NOT NULL,
    PRIMARY KEY (entity, a_id, b_id)
) WITHOUT ROWID;

-- Finding duplicate candidates without reading every record: look-alike names, merged persons,
-- household heads.
CREATE INDEX person_lookalike ON person(name_fold, birth_year) WHERE deleted = 0 AND birth_year IS NOT NULL;
CREATE INDEX person_merged_into ON person(merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX household_head ON household(head_person_id);
