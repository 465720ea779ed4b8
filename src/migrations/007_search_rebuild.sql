-- 007_search_rebuild: the one-pass rebuild of search_name (003_search.sql,
-- trigger search_state_resume) spells a name's characters out in C.
--
-- The view search_name_text spells them out with 16 substr() calls and
-- 32 concatenations per name: on 1,170,000 members that SQL took 3.3 s of
-- the 4 s the rebuild of search_name took (the import of a county's
-- file rebuilds it once). The function fd_search_chars(name) returns
-- exactly what the view's expression returns, for any value (text,
-- invalid UTF-8 counted as substr() counts it, a blob byte by byte,
-- NULL); search.c registers it on the connection before it can be needed
-- (search_bulk_begin, which every rebuild goes through). A plain
-- connection (sqlite3, the bench's loader) cannot UPDATE search_state
-- ("no such function") unless it calls search_sql_register first: the
-- statement fails whole, nothing is written. The row-by-row
-- triggers and the view itself are unchanged: FTS5 'delete' still gets
-- the view's expression, and an integrity-check (rank 1) compares the
-- index with the view.
--
-- Only this trigger changes; the rebuild stays in rowid order.

DROP TRIGGER search_state_resume;

CREATE TRIGGER search_state_resume AFTER UPDATE OF deferred ON search_state
WHEN old.deferred = 1 AND new.deferred = 0
BEGIN
	INSERT INTO search_name (search_name) VALUES ('delete-all');
	INSERT INTO search_name (rowid, chars)
	SELECT id, fd_search_chars(name) FROM member NOT INDEXED ORDER BY id;
	INSERT INTO search_id (search_id) VALUES ('delete-all');
	INSERT INTO search_id (rowid, id_number)
	SELECT id, id_number FROM member NOT INDEXED ORDER BY id;
	INSERT INTO search_hh (search_hh) VALUES ('delete-all');
	INSERT INTO search_hh (rowid, hh_no)
	SELECT id, hh_no FROM household NOT INDEXED ORDER BY id;
END;
