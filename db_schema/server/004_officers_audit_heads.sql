-- Tận Tay city server schema, version 4: trust that does not depend on the honest app (issue 12).

-- One-time codes for registering a police officer's personal signing key (like enrolment codes).
CREATE TABLE officer_codes (
    code_hash   TEXT PRIMARY KEY,                    -- sha256 hex of the normalised code
    communes    TEXT NOT NULL,                       -- JSON list of commune codes
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    public_key  TEXT                                 -- the officer key registered with it
);

-- Registered officer keys. A verification counts only when signed by one of these, unrevoked,
-- for a commune of the officer (city_server/officers.py).
CREATE TABLE officers (
    public_key  TEXT PRIMARY KEY,                    -- Ed25519, base64 raw
    officer     TEXT NOT NULL,                       -- the officer's user name on the laptop
    full_name   TEXT NOT NULL,
    communes    TEXT NOT NULL,                       -- JSON list of commune codes
    device_id   TEXT NOT NULL,                       -- the laptop that registered it
    certificate TEXT NOT NULL,                       -- the signed certificate, as served
    enrolled_at TEXT NOT NULL,
    revoked     INTEGER NOT NULL DEFAULT 0,
    revoked_at  TEXT
);

-- Every audit-chain head a device sent with a batch (or bundle), signed back in the receipt.
CREATE TABLE device_audit_heads (
    device_id   TEXT NOT NULL,
    batch_id    TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    hash        TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (device_id, batch_id)
);
CREATE INDEX device_audit_heads_seq ON device_audit_heads(device_id, seq);
