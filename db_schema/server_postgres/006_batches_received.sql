-- See db_schema/server/009_batches_received.sql.
CREATE INDEX batches_device_received ON batches(device_id, received_at);
