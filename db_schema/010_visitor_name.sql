-- Tận Tay laptop schema, version 10: a visit keeps its visitor's full name (PROTOCOL revision 9).
-- `visitor` is a login, and logins are this laptop's own: every laptop may have a "volunteer".
-- A visit pulled from another laptop showed the login, or the full name of this laptop's user
-- of that login, someone else. Visits recorded before this version have none.
ALTER TABLE visit ADD COLUMN visitor_name TEXT;
