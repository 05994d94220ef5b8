-- The dashboard's one-time messages (db_schema/server/008): per session, encrypted, read once.
ALTER TABLE dash_sessions ADD COLUMN flash text;
