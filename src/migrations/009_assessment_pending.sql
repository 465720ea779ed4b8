-- 009_assessment_pending: an assessment may hold a score and a note
-- before its result.
--
-- assessment.passed was NOT NULL DEFAULT 0, so a score or a note typed
-- before y / n recorded the trainee as not passed, and graduation gave
-- "考核未通过" for someone never assessed. passed is now NULL until a
-- result is recorded (cohort_assessment_detail_set leaves it so;
-- cohort_assessment_set writes 0 or 1); NULL reads as "not assessed",
-- as a missing row always did. Rows already written keep their value:
-- which of the old 0s were only a score or a note cannot be told.
--
-- SQLite cannot drop a NOT NULL constraint in place: the table is copied
-- into a new one with the same columns, keys and checks. Nothing refers
-- to assessment (no foreign key, trigger or view).

CREATE TABLE assessment_new (
	key       TEXT NOT NULL UNIQUE,
	cohort_id INTEGER NOT NULL REFERENCES cohort(id),
	member_id INTEGER NOT NULL REFERENCES member(id),
	passed    INTEGER CHECK (passed IN (0, 1)),
	score     TEXT NOT NULL DEFAULT '',
	note      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (cohort_id, member_id),
	CHECK (key = cohort_id || ':' || member_id)
);

INSERT INTO assessment_new (key, cohort_id, member_id, passed, score, note)
	SELECT key, cohort_id, member_id, passed, score, note FROM assessment;
DROP TABLE assessment;
ALTER TABLE assessment_new RENAME TO assessment;
