-- Tận Tay laptop schema, version 8: four-letter word prefixes indexed too (issue 17, search_p95).
--
-- A word typed with four letters ("hang", "tran", "nguy") was a prefix query over the word index
-- without a prefix entry for it: FTS5 merged the position lists of every word starting with it
-- into one before answering. "hang"* alone took 1.2 ms (every address in the old quarter has a
-- "Hàng …"), "hang"* AND "bac"* AND "45"* 1.9 ms; with the prefix indexed 0.04 and 0.45 ms. The
-- benchmark's p95 a keystroke went from 4.0 to 2.7 ms (40,000 households). The index is rebuilt
-- from the trigram index's text (same rowids): ~1.5 s for 40,000 households, once.
DROP TABLE household_words;
CREATE VIRTUAL TABLE household_words USING fts5(text, tokenize = 'unicode61', prefix = '1 2 3 4');
INSERT INTO household_words (rowid, text) SELECT rowid, text FROM household_search;
