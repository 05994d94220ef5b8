-- Tận Tay city intake server on PostgreSQL, version 1: the tables of db_schema/server/001-004
-- (SQLite) in PostgreSQL's types. Applied by city_server/storage/postgres.py under
-- pg_advisory_lock, recorded in schema_migrations. JSON columns are jsonb, except what is served
-- or kept byte for byte: batches.receipt (the signed receipt), changes.change (the feed entry as
-- served) and rejected.change (whatever a laptop sent, which jsonb may refuse, e.g. \u0000).

CREATE TABLE server_keys (
    kind        text PRIMARY KEY CHECK (kind IN ('sign', 'box')),
    private_key text NOT NULL,
    public_key  text NOT NULL,
    created_at  text NOT NULL
);

CREATE TABLE devices (
    id              text PRIMARY KEY,
    name            text NOT NULL,
    communes        jsonb NOT NULL,
    sign_public_key text NOT NULL,
    box_public_key  text NOT NULL,
    token_hash      text NOT NULL,
    revoked         boolean NOT NULL DEFAULT false,
    revoked_at      text,
    enrolled_at     text NOT NULL,
    last_seq_seen   bigint NOT NULL DEFAULT 0
);

CREATE TABLE enrollment_codes (
    code_hash  text PRIMARY KEY,
    communes   jsonb NOT NULL,
    created_at text NOT NULL,
    expires_at text NOT NULL,
    used_at    text,
    device_id  text
);

-- batch_id UNIQUE decides: INSERT … ON CONFLICT DO NOTHING in the batch's own transaction.
CREATE TABLE batches (
    batch_id       text NOT NULL UNIQUE,
    device_id      text NOT NULL REFERENCES devices(id),
    body_hash      text NOT NULL,
    protocol       bigint NOT NULL,
    schema_version bigint NOT NULL,
    seq_from       bigint NOT NULL,
    seq_to         bigint NOT NULL,
    change_count   bigint NOT NULL,
    source         text NOT NULL DEFAULT 'push',
    receipt        text,                             -- the signed receipt, exact text served
    received_at    text NOT NULL
);
CREATE INDEX batches_device ON batches(device_id);

CREATE TABLE records (
    entity        text NOT NULL,
    id            text NOT NULL,
    version       bigint NOT NULL,
    fields        jsonb NOT NULL,
    deleted       boolean NOT NULL DEFAULT false,
    commune_code  text NOT NULL,
    updated_at    text NOT NULL,
    updated_by    text NOT NULL,
    origin_device text NOT NULL,
    device_id     text NOT NULL,
    server_seq    bigint NOT NULL,
    PRIMARY KEY (entity, id)
);
CREATE INDEX records_live ON records(entity, deleted);
-- The merge rules' look-ups (the SQLite json_extract indexes of 003_convergence.sql).
CREATE INDEX records_citizen_id ON records ((fields->>'citizen_id'))
    WHERE entity = 'person' AND NOT deleted;
CREATE INDEX records_person_ref ON records ((fields->>'person_id'))
    WHERE (fields->>'person_id') IS NOT NULL;
CREATE INDEX records_proxy_person_ref ON records ((fields->>'proxy_person_id'))
    WHERE (fields->>'proxy_person_id') IS NOT NULL;
CREATE INDEX records_household_ref ON records ((fields->>'household_id'))
    WHERE (fields->>'household_id') IS NOT NULL;
CREATE INDEX records_benefit_ref ON records ((fields->>'benefit_id'))
    WHERE (fields->>'benefit_id') IS NOT NULL;

CREATE TABLE record_history (
    entity        text NOT NULL,
    id            text NOT NULL,
    version       bigint NOT NULL,
    fields        jsonb NOT NULL,
    deleted       boolean NOT NULL,
    commune_code  text NOT NULL,
    updated_at    text NOT NULL,
    updated_by    text NOT NULL,
    origin_device text NOT NULL,
    device_id     text NOT NULL,
    server_seq    bigint NOT NULL UNIQUE,
    merged        boolean NOT NULL DEFAULT false,
    PRIMARY KEY (entity, id, version)
);

CREATE TABLE device_versions (
    device_id      text NOT NULL,
    entity         text NOT NULL,
    record_id      text NOT NULL,
    version        bigint NOT NULL,
    content        jsonb NOT NULL,
    status         text NOT NULL,
    server_version bigint,
    PRIMARY KEY (device_id, entity, record_id, version)
);

-- The pull feed. A transaction writes its entries with pending positions (>= 2^62, from
-- feed_pending) and swaps them for final ones from feed_seq just before it commits, under a
-- short advisory lock: positions become visible in order, so the feed has no gaps.
CREATE SEQUENCE feed_seq AS bigint;
CREATE SEQUENCE feed_pending AS bigint;
CREATE TABLE changes (
    server_seq    bigint PRIMARY KEY,
    entity        text NOT NULL,
    record_id     text NOT NULL,
    version       bigint NOT NULL,
    commune_code  text NOT NULL,
    device_id     text NOT NULL,
    change        text NOT NULL                      -- the change as served, without server_seq
);
CREATE INDEX changes_commune ON changes(commune_code, server_seq);

CREATE TABLE conflicts (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id      text NOT NULL,
    batch_id       text NOT NULL,
    seq            bigint NOT NULL,
    entity         text NOT NULL,
    record_id      text NOT NULL,
    version        bigint NOT NULL,
    base_version   bigint NOT NULL,
    server_version bigint NOT NULL,
    reason         text NOT NULL,
    fields         jsonb NOT NULL,
    change         jsonb NOT NULL,
    server_fields  jsonb NOT NULL,
    server_deleted boolean NOT NULL,
    created_at     text NOT NULL
);
CREATE INDEX conflicts_record ON conflicts(entity, record_id);

CREATE TABLE rejected (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id  text NOT NULL,
    batch_id   text NOT NULL,
    seq        bigint NOT NULL,
    entity     text,
    record_id  text,
    reason     text NOT NULL,
    detail     text NOT NULL,
    change     text NOT NULL,
    created_at text NOT NULL
);
CREATE INDEX rejected_record ON rejected(entity, record_id);

CREATE TABLE device_seqs (
    device_id text NOT NULL,
    seq       bigint NOT NULL,
    batch_id  text NOT NULL,
    PRIMARY KEY (device_id, seq)
);

CREATE TABLE bundle_imports (
    bundle_id         text PRIMARY KEY,
    device_id         text NOT NULL REFERENCES devices(id),
    seq_from          bigint,
    seq_to            bigint,
    change_count      bigint NOT NULL,
    batch_count       bigint NOT NULL,
    first_imported_at text NOT NULL,
    last_imported_at  text NOT NULL,
    imports           bigint NOT NULL DEFAULT 1,
    receipt_bundle_id text,
    summary           jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX bundle_imports_device ON bundle_imports(device_id, last_imported_at);

CREATE TABLE bundle_cursors (
    device_id  text PRIMARY KEY REFERENCES devices(id),
    acked_seq  bigint NOT NULL DEFAULT 0,
    sent_seq   bigint NOT NULL DEFAULT 0,
    updated_at text NOT NULL
);

CREATE TABLE identity_merges (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    citizen_hash  text NOT NULL,
    survivor_id   text NOT NULL,
    merged_id     text NOT NULL,
    status        text NOT NULL,
    commune_code  text NOT NULL,
    moved         bigint NOT NULL DEFAULT 0,
    conflicts     bigint NOT NULL DEFAULT 0,
    device_id     text NOT NULL,
    batch_id      text NOT NULL,
    created_at    text NOT NULL,
    UNIQUE (survivor_id, merged_id)
);

-- One row per citizen ID hash ever looked up by the merge rule: the row lock taken on it
-- serialises two batches that bring the same citizen ID at once (neither sees the other's
-- uncommitted person otherwise, and both would stay live).
CREATE TABLE citizen_locks (
    citizen_hash text PRIMARY KEY,
    touched      bigint NOT NULL DEFAULT 1
);

CREATE TABLE officer_codes (
    code_hash   text PRIMARY KEY,
    communes    jsonb NOT NULL,
    created_at  text NOT NULL,
    expires_at  text NOT NULL,
    used_at     text,
    public_key  text
);

CREATE TABLE officers (
    public_key  text PRIMARY KEY,
    officer     text NOT NULL,
    full_name   text NOT NULL,
    communes    jsonb NOT NULL,
    device_id   text NOT NULL,
    certificate text NOT NULL,
    enrolled_at text NOT NULL,
    revoked     boolean NOT NULL DEFAULT false,
    revoked_at  text
);

CREATE TABLE device_audit_heads (
    device_id   text NOT NULL,
    batch_id    text NOT NULL,
    seq         bigint NOT NULL,
    hash        text NOT NULL,
    received_at text NOT NULL,
    PRIMARY KEY (device_id, batch_id)
);
CREATE INDEX device_audit_heads_seq ON device_audit_heads(device_id, seq);
