-- When a laptop last talked to the server at all (a pull, a gaps query), beside its last batch:
-- a laptop that only pulls is in contact, not lost (the seventh tryout found one listed with the
-- laptops that never sent anything). Written at most every few minutes a laptop, after the answer.
ALTER TABLE devices ADD COLUMN last_contact_at TEXT;
