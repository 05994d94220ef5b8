-- Tận Tay city intake server schema, version 2: USB bundles (city_server/bundles.py).

-- Every changes bundle imported (command line or upload), keyed by the bundle's own id. A bundle
-- imported again is counted, not applied again (its batches are deduplicated by batch_id anyway).
CREATE TABLE bundle_imports (
    bundle_id         TEXT PRIMARY KEY,
    device_id         TEXT NOT NULL REFERENCES devices(id),
    seq_from          INTEGER,                       -- NULL for a bundle without changes
    seq_to            INTEGER,
    change_count      INTEGER NOT NULL,
    batch_count       INTEGER NOT NULL,
    first_imported_at TEXT NOT NULL,
    last_imported_at  TEXT NOT NULL,
    imports           INTEGER NOT NULL DEFAULT 1,
    receipt_bundle_id TEXT,                          -- the last receipt bundle written for it
    summary           TEXT NOT NULL DEFAULT '{}'     -- JSON counts of the last import (no personal data)
);
CREATE INDEX bundle_imports_device ON bundle_imports(device_id, last_imported_at);

-- Per-device cursor of the changes sent back in receipt bundles (the pull feed by USB).
-- acked_seq: the newest server_seq the laptop said it holds (the "pull_since" in its bundle);
-- sent_seq: the newest server_seq put into a receipt bundle for it. Receipts are built from the
-- laptop's own cursor, so a receipt lost on the way is simply sent again with the next bundle.
CREATE TABLE bundle_cursors (
    device_id  TEXT PRIMARY KEY REFERENCES devices(id),
    acked_seq  INTEGER NOT NULL DEFAULT 0,
    sent_seq   INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
