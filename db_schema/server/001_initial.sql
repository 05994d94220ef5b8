-- Tận Tay city intake server schema, version 1 (PRAGMA user_version = 1).
-- JSON columns hold canonical JSON (desktop_app.core.canonical). Times are UTC ISO-8601 text.

-- The server's own keys, made on first start: Ed25519 (signs receipts and pages) and X25519
-- (USB bundles are encrypted to it). Raw 32-byte keys, base64.
CREATE TABLE server_keys (
    kind        TEXT PRIMARY KEY CHECK (kind IN ('sign', 'box')),
    private_key TEXT NOT NULL,
    public_key  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE devices (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    communes        TEXT NOT NULL,                  -- JSON list of 5-digit commune codes
    sign_public_key TEXT NOT NULL,                  -- Ed25519, base64 raw
    box_public_key  TEXT NOT NULL,                  -- X25519, base64 raw
    token_hash      TEXT NOT NULL,                  -- sha256 hex of the bearer token
    revoked         INTEGER NOT NULL DEFAULT 0,
    revoked_at      TEXT,
    enrolled_at     TEXT NOT NULL,
    last_seq_seen   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE enrollment_codes (
    code_hash  TEXT PRIMARY KEY,                     -- sha256 hex of the normalised code
    communes   TEXT NOT NULL,                        -- JSON list of commune codes
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    device_id  TEXT
);

-- One row per batch ever received (pushed or from a USB bundle). batch_id UNIQUE is what makes a
-- retried or concurrent batch apply once: the insert fails, nothing is checked before it.
CREATE TABLE batches (
    batch_id       TEXT NOT NULL UNIQUE,
    device_id      TEXT NOT NULL REFERENCES devices(id),
    body_hash      TEXT NOT NULL,                    -- sha256 of the batch's canonical JSON
    protocol       INTEGER NOT NULL,
    schema_version INTEGER NOT NULL,
    seq_from       INTEGER NOT NULL,
    seq_to         INTEGER NOT NULL,
    change_count   INTEGER NOT NULL,
    source         TEXT NOT NULL DEFAULT 'push',     -- push | bundle
    receipt        TEXT,                             -- the signed receipt, exact bytes served
    received_at    TEXT NOT NULL
);
CREATE INDEX batches_device ON batches(device_id);

-- The current version of every record.
CREATE TABLE records (
    entity        TEXT NOT NULL,
    id            TEXT NOT NULL,
    version       INTEGER NOT NULL,
    fields        TEXT NOT NULL,
    deleted       INTEGER NOT NULL DEFAULT 0,
    commune_code  TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    origin_device TEXT NOT NULL,                    -- as the laptop wrote it (provenance)
    device_id     TEXT NOT NULL,                    -- the enrolled device that sent it
    server_seq    INTEGER NOT NULL,
    PRIMARY KEY (entity, id)
);
CREATE INDEX records_live ON records(entity, deleted);

-- Every version the server ever stored (the base of field-by-field conflict detection).
CREATE TABLE record_history (
    entity        TEXT NOT NULL,
    id            TEXT NOT NULL,
    version       INTEGER NOT NULL,
    fields        TEXT NOT NULL,
    deleted       INTEGER NOT NULL,
    commune_code  TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    origin_device TEXT NOT NULL,
    device_id     TEXT NOT NULL,
    server_seq    INTEGER NOT NULL UNIQUE,
    merged        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity, id, version)
);

-- Every version a device sent, as the device had it, and what became of it. A device's next edit
-- names its own version as base; when that version was merged (or refused) its content differs from
-- the server's version with the same number, so the base is looked up here first.
CREATE TABLE device_versions (
    device_id      TEXT NOT NULL,
    entity         TEXT NOT NULL,
    record_id      TEXT NOT NULL,
    version        INTEGER NOT NULL,
    content        TEXT NOT NULL,                    -- {"fields", "deleted", "commune_code"}
    status         TEXT NOT NULL,                    -- accepted | merged | duplicate | conflict | rejected
    server_version INTEGER,                          -- the server version holding it, if any
    PRIMARY KEY (device_id, entity, record_id, version)
);

-- The pull feed. AUTOINCREMENT: a server_seq is never reused, even after a rollback or a delete.
CREATE TABLE changes (
    server_seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    entity        TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    version       INTEGER NOT NULL,
    commune_code  TEXT NOT NULL,
    device_id     TEXT NOT NULL,                     -- the sender: its own pulls skip the entry
    change        TEXT NOT NULL                      -- the change as served, without server_seq
);
CREATE INDEX changes_commune ON changes(commune_code, server_seq);

CREATE TABLE conflicts (
    id             INTEGER PRIMARY KEY,
    device_id      TEXT NOT NULL,
    batch_id       TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    entity         TEXT NOT NULL,
    record_id      TEXT NOT NULL,
    version        INTEGER NOT NULL,
    base_version   INTEGER NOT NULL,
    server_version INTEGER NOT NULL,
    reason         TEXT NOT NULL,
    fields         TEXT NOT NULL,                    -- JSON list of conflicting field names
    change         TEXT NOT NULL,                    -- the refused change
    server_fields  TEXT NOT NULL,
    server_deleted INTEGER NOT NULL,
    created_at     TEXT NOT NULL
);
CREATE INDEX conflicts_record ON conflicts(entity, record_id);

CREATE TABLE rejected (
    id         INTEGER PRIMARY KEY,
    device_id  TEXT NOT NULL,
    batch_id   TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    entity     TEXT,
    record_id  TEXT,
    reason     TEXT NOT NULL,
    detail     TEXT NOT NULL,
    change     TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Every per-device sequence number a batch covered; holes are the gaps (missing bundles).
CREATE TABLE device_seqs (
    device_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    batch_id  TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;
