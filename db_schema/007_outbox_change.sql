-- Tận Tay laptop schema, version 7: the outbox's change texts apart from its state, and ready to
-- send (issue 17, bundle_export).
--
-- A change's text (~700 bytes) never changes after capture, but its outbox row does, several
-- times (pending -> sending -> delivered). With the text in the row, marking 100,000 changes
-- ``sending`` for a USB export rewrote (and SQLCipher re-encrypted) ~75 MB of pages: about a
-- second of a 3 s export, again when the receipt marks them delivered. The text now lives in
-- ``outbox_change`` under the same ``seq``; ``outbox`` keeps the small row that changes.
--
-- sendable = 1: ``change`` is exactly the change as it leaves the laptop: the canonical JSON of
-- desktop_app.core.canonical.canonical_text, and the consent rules (syncing.outgoing) leave it
-- as it is. An export copies such a text into the bundle unparsed instead of parsing and
-- re-encoding 100,000 changes (1.5 s). sendable = 0 (the default: every text written before this
-- version, a person's change whose contact details are withheld, a text changed in SQL by
-- json_set): the export parses it, applies the consent rules and encodes it canonically.
CREATE TABLE outbox_change (
    seq      INTEGER PRIMARY KEY REFERENCES outbox(seq),
    change   TEXT NOT NULL,                                   -- JSON change (docs/PROTOCOL.md)
    sendable INTEGER NOT NULL DEFAULT 0 CHECK (sendable IN (0, 1))
);
INSERT INTO outbox_change (seq, change) SELECT seq, change FROM outbox;
ALTER TABLE outbox DROP COLUMN change;
