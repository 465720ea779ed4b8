-- 003_search: the indexes of household search (src/search.c).
--
-- Three FTS5 tables, all external-content (they store only the index; the
-- text stays in member and household), kept by the triggers below:
--   search_name  member names, one token per character: the name is
--                indexed as its characters separated by blanks (the view
--                search_name_text), tokenizer unicode61. A query of any
--                length is a phrase of its characters, so 1 and 2
--                characters are found as well as 3+ (trigram finds nothing
--                below 3). Measured on 1,160,000 members: one member row's
--                upkeep costs less than a gram table's (every 1- and
--                2-character piece as a row: 15 trigger statements per
--                name, twice the time), a 1-character query over 58,000
--                matches takes ~3 ms, a 3-character phrase ~4 ms.
--                Characters past the 16th are indexed as one block.
--   search_id    member ID numbers, trigram: any 3+ digits (search.c asks
--                for 4+) as a quoted phrase with MATCH. Never LIKE: in
--                SQLite 3.40 LIKE on a trigram table can wrongly find
--                nothing.
--   search_hh    household numbers (户编号), trigram, for digits inside the
--                number; exact and prefix matches use hh_no's own index.
-- Plain indexes: member_id_tail serves "the last 4 characters of an ID"
-- (the common query) without the trigram index; household_updated lists
-- the most recently changed households for an empty query.
--
-- Upkeep. The triggers fire for the write door's statements (txn.c), which
-- prepares them with the door open, so the authorizer lets the trigger
-- bodies through; the index tables hold no data of their own, so they are
-- not audited. FTS5 in SQLite 3.40 flushes its pending terms at every
-- statement savepoint, so row-by-row upkeep inside a long transaction
-- costs ~25 us per index per row: fine for a save, too slow for a bulk
-- import of a million members. search_state.deferred = 1 switches the
-- row-by-row upkeep off; setting it back to 0 rebuilds all three indexes
-- in one pass (rows in rowid order: FTS5 flushes on every out-of-order
-- rowid, which is why the 'rebuild' command, reading through a covering
-- index, takes 4 times as long). Both updates go through the door in the
-- bulk load's own transaction (search_bulk_begin / search_bulk_end), so no
-- other session ever sees the indexes stale; search_rebuild does the pair
-- alone to repair the indexes.
--
-- Invariant: while search_state.deferred = 0 the three FTS tables index
-- exactly the rows of member and household (FTS5 'delete' must be given
-- the values that were indexed: the triggers take them from old.*).

CREATE TABLE search_state (
	id       INTEGER PRIMARY KEY CHECK (id = 1),
	deferred INTEGER NOT NULL DEFAULT 0 CHECK (deferred IN (0, 1))
);
INSERT INTO search_state (id, deferred) VALUES (1, 0);

-- A member's name as blank-separated characters (the tokens of search_name).
CREATE VIEW search_name_text (id, chars) AS
SELECT id,
	substr(name, 1, 1) || ' ' || substr(name, 2, 1) || ' ' ||
	substr(name, 3, 1) || ' ' || substr(name, 4, 1) || ' ' ||
	substr(name, 5, 1) || ' ' || substr(name, 6, 1) || ' ' ||
	substr(name, 7, 1) || ' ' || substr(name, 8, 1) || ' ' ||
	substr(name, 9, 1) || ' ' || substr(name, 10, 1) || ' ' ||
	substr(name, 11, 1) || ' ' || substr(name, 12, 1) || ' ' ||
	substr(name, 13, 1) || ' ' || substr(name, 14, 1) || ' ' ||
	substr(name, 15, 1) || ' ' || substr(name, 16, 1) || ' ' ||
	substr(name, 17)
FROM member;

CREATE VIRTUAL TABLE search_name USING fts5(
	chars, content = 'search_name_text', content_rowid = 'id',
	tokenize = 'unicode61', columnsize = 0);

CREATE VIRTUAL TABLE search_id USING fts5(
	id_number, content = 'member', content_rowid = 'id',
	tokenize = 'trigram', columnsize = 0);

CREATE VIRTUAL TABLE search_hh USING fts5(
	hh_no, content = 'household', content_rowid = 'id',
	tokenize = 'trigram', columnsize = 0);

CREATE INDEX member_id_tail ON member (substr(id_number, 15));
CREATE INDEX household_updated ON household (updated_at);

-- Members: index a new row, unindex a deleted one, re-index a row whose
-- name or ID number changed. The characters of a name are spelt out as in
-- the view search_name_text (the same expression: FTS5 'delete' must get
-- exactly what was indexed; the tests' integrity-check with rank 1
-- compares the index with the view). Spelt out rather than read from the
-- view because the write door prepares every statement anew, and a view
-- in a trigger body costs ~25 us more to compile per INSERT INTO member.
CREATE TRIGGER member_search_insert AFTER INSERT ON member
WHEN (SELECT deferred FROM search_state WHERE id = 1) = 0
BEGIN
	INSERT INTO search_name (rowid, chars) VALUES (new.id,
	substr(new.name, 1, 1) || ' ' || substr(new.name, 2, 1) || ' ' ||
	substr(new.name, 3, 1) || ' ' || substr(new.name, 4, 1) || ' ' ||
	substr(new.name, 5, 1) || ' ' || substr(new.name, 6, 1) || ' ' ||
	substr(new.name, 7, 1) || ' ' || substr(new.name, 8, 1) || ' ' ||
	substr(new.name, 9, 1) || ' ' || substr(new.name, 10, 1) || ' ' ||
	substr(new.name, 11, 1) || ' ' || substr(new.name, 12, 1) || ' ' ||
	substr(new.name, 13, 1) || ' ' || substr(new.name, 14, 1) || ' ' ||
	substr(new.name, 15, 1) || ' ' || substr(new.name, 16, 1) || ' ' ||
	substr(new.name, 17));
	INSERT INTO search_id (rowid, id_number)
	VALUES (new.id, new.id_number);
END;

CREATE TRIGGER member_search_delete AFTER DELETE ON member
WHEN (SELECT deferred FROM search_state WHERE id = 1) = 0
BEGIN
	INSERT INTO search_name (search_name, rowid, chars)
	VALUES ('delete', old.id,
	substr(old.name, 1, 1) || ' ' || substr(old.name, 2, 1) || ' ' ||
	substr(old.name, 3, 1) || ' ' || substr(old.name, 4, 1) || ' ' ||
	substr(old.name, 5, 1) || ' ' || substr(old.name, 6, 1) || ' ' ||
	substr(old.name, 7, 1) || ' ' || substr(old.name, 8, 1) || ' ' ||
	substr(old.name, 9, 1) || ' ' || substr(old.name, 10, 1) || ' ' ||
	substr(old.name, 11, 1) || ' ' || substr(old.name, 12, 1) || ' ' ||
	substr(old.name, 13, 1) || ' ' || substr(old.name, 14, 1) || ' ' ||
	substr(old.name, 15, 1) || ' ' || substr(old.name, 16, 1) || ' ' ||
	substr(old.name, 17));
	INSERT INTO search_id (search_id, rowid, id_number)
	VALUES ('delete', old.id, old.id_number);
END;

CREATE TRIGGER member_search_update AFTER UPDATE OF name, id_number
ON member
WHEN (SELECT deferred FROM search_state WHERE id = 1) = 0
	AND (old.name IS NOT new.name OR old.id_number IS NOT new.id_number)
BEGIN
	INSERT INTO search_name (search_name, rowid, chars)
	VALUES ('delete', old.id,
	substr(old.name, 1, 1) || ' ' || substr(old.name, 2, 1) || ' ' ||
	substr(old.name, 3, 1) || ' ' || substr(old.name, 4, 1) || ' ' ||
	substr(old.name, 5, 1) || ' ' || substr(old.name, 6, 1) || ' ' ||
	substr(old.name, 7, 1) || ' ' || substr(old.name, 8, 1) || ' ' ||
	substr(old.name, 9, 1) || ' ' || substr(old.name, 10, 1) || ' ' ||
	substr(old.name, 11, 1) || ' ' || substr(old.name, 12, 1) || ' ' ||
	substr(old.name, 13, 1) || ' ' || substr(old.name, 14, 1) || ' ' ||
	substr(old.name, 15, 1) || ' ' || substr(old.name, 16, 1) || ' ' ||
	substr(old.name, 17));
	INSERT INTO search_id (search_id, rowid, id_number)
	VALUES ('delete', old.id, old.id_number);
	INSERT INTO search_name (rowid, chars) VALUES (new.id,
	substr(new.name, 1, 1) || ' ' || substr(new.name, 2, 1) || ' ' ||
	substr(new.name, 3, 1) || ' ' || substr(new.name, 4, 1) || ' ' ||
	substr(new.name, 5, 1) || ' ' || substr(new.name, 6, 1) || ' ' ||
	substr(new.name, 7, 1) || ' ' || substr(new.name, 8, 1) || ' ' ||
	substr(new.name, 9, 1) || ' ' || substr(new.name, 10, 1) || ' ' ||
	substr(new.name, 11, 1) || ' ' || substr(new.name, 12, 1) || ' ' ||
	substr(new.name, 13, 1) || ' ' || substr(new.name, 14, 1) || ' ' ||
	substr(new.name, 15, 1) || ' ' || substr(new.name, 16, 1) || ' ' ||
	substr(new.name, 17));
	INSERT INTO search_id (rowid, id_number)
	VALUES (new.id, new.id_number);
END;

-- Households: the same for hh_no.
CREATE TRIGGER household_search_insert AFTER INSERT ON household
WHEN (SELECT deferred FROM search_state WHERE id = 1) = 0
BEGIN
	INSERT INTO search_hh (rowid, hh_no) VALUES (new.id, new.hh_no);
END;

CREATE TRIGGER household_search_delete AFTER DELETE ON household
WHEN (SELECT deferred FROM search_state WHERE id = 1) = 0
BEGIN
	INSERT INTO search_hh (search_hh, rowid, hh_no)
	VALUES ('delete', old.id, old.hh_no);
END;

CREATE TRIGGER household_search_update AFTER UPDATE OF hh_no ON household
WHEN (SELECT deferred FROM search_state WHERE id = 1) = 0
	AND old.hh_no IS NOT new.hh_no
BEGIN
	INSERT INTO search_hh (search_hh, rowid, hh_no)
	VALUES ('delete', old.id, old.hh_no);
	INSERT INTO search_hh (rowid, hh_no) VALUES (new.id, new.hh_no);
END;

-- deferred 1 -> 0: rebuild the three indexes from the tables, in rowid
-- order.
CREATE TRIGGER search_state_resume AFTER UPDATE OF deferred ON search_state
WHEN old.deferred = 1 AND new.deferred = 0
BEGIN
	INSERT INTO search_name (search_name) VALUES ('delete-all');
	INSERT INTO search_name (rowid, chars)
	SELECT id, chars FROM search_name_text ORDER BY id;
	INSERT INTO search_id (search_id) VALUES ('delete-all');
	INSERT INTO search_id (rowid, id_number)
	SELECT id, id_number FROM member NOT INDEXED ORDER BY id;
	INSERT INTO search_hh (search_hh) VALUES ('delete-all');
	INSERT INTO search_hh (rowid, hh_no)
	SELECT id, hh_no FROM household NOT INDEXED ORDER BY id;
END;

-- Index what a database made before this migration already holds.
INSERT INTO search_name (rowid, chars)
SELECT id, chars FROM search_name_text ORDER BY id;
INSERT INTO search_id (rowid, id_number)
SELECT id, id_number FROM member NOT INDEXED ORDER BY id;
INSERT INTO search_hh (rowid, hh_no)
SELECT id, hh_no FROM household NOT INDEXED ORDER BY id;
