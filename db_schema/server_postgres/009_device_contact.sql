-- See db_schema/server/012_device_contact.sql.
ALTER TABLE devices ADD COLUMN last_contact_at text;
