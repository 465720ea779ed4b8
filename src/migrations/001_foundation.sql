-- 001_foundation: staff and the append-only audit log.
--
-- Migrations run in order inside one BEGIN IMMEDIATE transaction at open,
-- with foreign keys deferred; they must not contain BEGIN/COMMIT. db.c sets
-- PRAGMA user_version after the last one.

CREATE TABLE staff (
	login      TEXT PRIMARY KEY,
	name       TEXT NOT NULL DEFAULT '',
	role       TEXT NOT NULL
	           CHECK (role IN ('frontdesk', 'trainer', 'placement', 'supervisor')),
	active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at TEXT NOT NULL
);

-- One row per changed field; at is UTC ISO-8601 with milliseconds.
CREATE TABLE audit (
	id         INTEGER PRIMARY KEY,
	at         TEXT NOT NULL,
	login      TEXT NOT NULL,
	entity     TEXT NOT NULL,
	entity_id  TEXT NOT NULL,
	field      TEXT NOT NULL,
	old_value  TEXT,
	new_value  TEXT,
	note       TEXT
);

CREATE INDEX audit_entity ON audit (entity, entity_id);
CREATE INDEX audit_at ON audit (at);

-- db_check looks for these two by name.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'audit is append-only');
END;
