-- See db_schema/server/011_device_seqs_seen.sql.
ALTER TABLE devices ADD COLUMN seqs_seen bigint NOT NULL DEFAULT 0;
UPDATE devices SET seqs_seen = (SELECT COUNT(*) FROM device_seqs WHERE device_id = devices.id);
