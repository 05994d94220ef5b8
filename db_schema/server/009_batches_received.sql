-- The devices' last batch and batch count (dash_device_activity, on the communes table and the
-- admin page) from the index alone: reading received_at from the table walked every batch's
-- stored receipt (~100 KB a batch of 1,000 changes), a scan growing with all intake ever.
CREATE INDEX batches_device_received ON batches(device_id, received_at);
