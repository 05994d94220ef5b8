-- Tận Tay laptop schema, version 6: search as you type without reading every match (issue 17).

-- The household's search words (the folded search text split into words, one space before and
-- after each: " nguyen van hung 12 hang bac "): the last group of search matches (a word found
-- inside another) is checked against them. Local only, derived by Store._reindex.
--
-- From this version the household's rowid also follows the list's name order (Store._place;
-- live households positive, deleted ones negative). The search indexes share the rowid, so a
-- full-text query read in rowid order gives its matches in name order and stops at the first
-- page: typing a common word ("n", "nguyen") no longer ranks every match (~50 ms a keystroke).
-- An older database is renumbered once at login (Store._upgrade_search_index).
ALTER TABLE household ADD COLUMN search_words TEXT NOT NULL DEFAULT '';

-- A person's payments and a benefit's payment for a month, by index (the payments page read
-- each person's payments by scanning every payment: 14 s a person on 344,000 payments).
CREATE INDEX payment_person ON payment(person_id, period);
CREATE INDEX payment_benefit ON payment(benefit_id, period);

-- Word prefixes of three letters indexed too ("thi", "ngu", "van"…, the commonest in names): a
-- prefix query read every word starting with them (1-3 ms a keystroke, 0.05-0.6 ms now).
DROP TABLE household_words;
CREATE VIRTUAL TABLE household_words USING fts5(text, tokenize = 'unicode61', prefix = '1 2 3');
INSERT INTO household_words (rowid, text) SELECT rowid, text FROM household_search;

-- The names of a household's members from the index alone: a search shows which member matched
-- (Store._name_what_matched) without reading a person row per member (on a cold disk, each of
-- those rows was a read of its own: p95 31 -> 23 ms a keystroke on one core after a reboot).
CREATE INDEX person_names ON person(household_id, deleted, sort_key, full_name, name_fold);
