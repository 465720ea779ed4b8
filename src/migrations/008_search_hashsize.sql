-- 008_search_hashsize: FTS5 keeps up to 16 MiB of new terms in memory
-- per search table before it writes them out as a segment (its default
-- is 1 MiB).
--
-- A one-pass rebuild (an import of a county's file, search_bulk_end)
-- wrote ~30 small segments per table and merged them again and again:
-- with 16 MiB, search_id (trigrams of 1,170,000 ID numbers) is built in
-- 1.5 s instead of 2.7 s, and with fewer, larger segments the searches
-- read no more pages than before. The memory is taken only by a
-- transaction that writes that much (an import); a save of one
-- household holds a few KiB as before. Larger (64 MiB) measured no
-- faster. The setting lives in each table's _config row and is not
-- data: nothing else changes.

INSERT INTO search_name (search_name, rank) VALUES ('hashsize', 16777216);
INSERT INTO search_id (search_id, rank) VALUES ('hashsize', 16777216);
INSERT INTO search_hh (search_hh, rank) VALUES ('hashsize', 16777216);
