-- 004_workflow: where each entity stands on its path, and how it got there
-- (src/workflow.c; the paths themselves are data, assets/workflow.ini).
--
-- wf_state holds one row per entity that has moved at least once; an
-- entity without a row is in its machine's initial state. Its key is
-- "MACHINE:ENTITY_ID" ("participant:42"), a single column because the write
-- door updates by one unique key, and so that audit rows name the entity
-- readably. version grows with every move: workflow_apply updates with
-- txn_update_if(state and version as read), a second guard behind the
-- IMMEDIATE transaction. entity is the machine's entity ("member"), kept
-- for the trigger below.
--
-- wf_history is one row per move, append-only (the triggers refuse UPDATE
-- and DELETE): who, when, from, to, which transition ('' for an override)
-- and why. Both tables are written through the door, so each write is in
-- the audit table as well.
--
-- Member ids are INTEGER PRIMARY KEY without AUTOINCREMENT: the id of a
-- deleted member may be given to the next one. A member with a path is
-- therefore never deleted (withdraw them instead), so a new member cannot
-- inherit someone else's state and history.

CREATE TABLE wf_state (
	key        TEXT PRIMARY KEY,
	machine    TEXT NOT NULL,
	entity     TEXT NOT NULL,
	entity_id  TEXT NOT NULL,
	state      TEXT NOT NULL,
	version    INTEGER NOT NULL DEFAULT 1,
	updated_at TEXT NOT NULL,
	UNIQUE (machine, entity_id),
	CHECK (key = machine || ':' || entity_id)
);

-- Lists by state ("every participant waitlisted") for dashboards.
CREATE INDEX wf_state_by_state ON wf_state (machine, state);

CREATE TABLE wf_history (
	id         INTEGER PRIMARY KEY,
	at         TEXT NOT NULL,
	login      TEXT NOT NULL,
	machine    TEXT NOT NULL,
	entity_id  TEXT NOT NULL,
	from_state TEXT NOT NULL,
	to_state   TEXT NOT NULL,
	transition TEXT NOT NULL DEFAULT '',
	reason     TEXT NOT NULL DEFAULT '',
	override   INTEGER NOT NULL DEFAULT 0 CHECK (override IN (0, 1))
);

CREATE INDEX wf_history_entity ON wf_history (machine, entity_id, id);
CREATE INDEX wf_history_at ON wf_history (at);

CREATE TRIGGER wf_history_no_update BEFORE UPDATE ON wf_history
BEGIN
	SELECT RAISE(ABORT, 'workflow history is append-only');
END;

CREATE TRIGGER wf_history_no_delete BEFORE DELETE ON wf_history
BEGIN
	SELECT RAISE(ABORT, 'workflow history is append-only');
END;

CREATE TRIGGER wf_member_keep BEFORE DELETE ON member
WHEN EXISTS (SELECT 1 FROM wf_state
             WHERE entity = 'member' AND entity_id = CAST(old.id AS TEXT))
BEGIN
	SELECT RAISE(ABORT, 'this member is on a program path (workflow); withdraw them instead of deleting');
END;
