-- Tận Tay laptop schema, version 3: per-record sync bookkeeping in its own table.
-- Version 2 kept it as one sync_state row per record ("from_server:<entity>:<id>"), so reading the
-- sync settings read every record ever pulled.

CREATE TABLE record_sync (
    entity              TEXT NOT NULL,
    record_id           TEXT NOT NULL,
    from_server_version INTEGER,   -- the local copy is the server's version N (pull or receipt)
    server_version      INTEGER,   -- the server's version named by the last conflict
    PRIMARY KEY (entity, record_id)
) WITHOUT ROWID;

INSERT INTO record_sync (entity, record_id, from_server_version)
SELECT substr(rest, 1, instr(rest, ':') - 1), substr(rest, instr(rest, ':') + 1), CAST(value AS INTEGER)
FROM (SELECT substr(key, 13) AS rest, value FROM sync_state WHERE key LIKE 'from\_server:%' ESCAPE '\');

INSERT INTO record_sync (entity, record_id, server_version)
SELECT substr(rest, 1, instr(rest, ':') - 1), substr(rest, instr(rest, ':') + 1), CAST(value AS INTEGER)
FROM (SELECT substr(key, 16) AS rest, value FROM sync_state WHERE key LIKE 'server\_version:%' ESCAPE '\')
WHERE true
ON CONFLICT (entity, record_id) DO UPDATE SET server_version = excluded.server_version;

DELETE FROM sync_state WHERE key LIKE 'from\_server:%' ESCAPE '\' OR key LIKE 'server\_version:%' ESCAPE '\';
