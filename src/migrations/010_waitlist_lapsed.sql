-- 010_waitlist_lapsed: a graduated cohort closes its waitlist.
--
-- enrolment.status gains 'lapsed': the place of someone still waiting
-- when the cohort graduated (cohort_graduate). The row is kept, as a
-- withdrawn one is, so the cohort's history still shows who waited; its
-- change is audited like every write (note: the reason). Nothing else
-- changes: same columns, same indexes, same rows.
--
-- SQLite cannot change a CHECK constraint in place, so the table is
-- rebuilt: a copy with the new constraint, the rows copied with their
-- ids, the old table dropped and the copy renamed (no other table refers
-- to enrolment; the migration runs with deferred foreign keys).
--
-- Waitlists of cohorts graduated before this migration are left as they
-- are: closing them moves people's paths (participant.leave), which only
-- the program does, through the workflow.

CREATE TABLE enrolment_009 (
	id        INTEGER PRIMARY KEY,
	cohort_id INTEGER NOT NULL REFERENCES cohort(id),
	member_id INTEGER NOT NULL REFERENCES member(id),
	status    TEXT NOT NULL
	          CHECK (status IN ('enrolled', 'waitlisted', 'withdrawn',
	                            'lapsed')),
	position  INTEGER NOT NULL DEFAULT 0,
	at        TEXT NOT NULL,
	outcome   TEXT NOT NULL DEFAULT ''
	          CHECK (outcome IN ('', 'graduated', 'failed')),
	UNIQUE (cohort_id, member_id)
);

INSERT INTO enrolment_009 (id, cohort_id, member_id, status, position, at,
                           outcome)
SELECT id, cohort_id, member_id, status, position, at, outcome
FROM enrolment;

DROP TABLE enrolment;
ALTER TABLE enrolment_009 RENAME TO enrolment;

CREATE INDEX enrolment_member ON enrolment (member_id, status);
CREATE INDEX enrolment_status ON enrolment (cohort_id, status, position);
