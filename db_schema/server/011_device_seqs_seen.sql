-- How many of a device's sequence numbers have arrived, kept by mark_seqs: the admin page's
-- missing count per device is last_seq_seen - seqs_seen (constant time), not a count over every
-- sequence number the device ever sent (~20 ms a laptop of 64,000 changes, 100 a page).
ALTER TABLE devices ADD COLUMN seqs_seen INTEGER NOT NULL DEFAULT 0;
UPDATE devices SET seqs_seen = (SELECT COUNT(*) FROM device_seqs WHERE device_id = devices.id);
