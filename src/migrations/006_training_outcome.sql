-- 006_training_outcome: what graduation decided, kept with the cohort.
--
-- enrolment.outcome is '' until cohort_graduate, then 'graduated' or
-- 'failed' for each trainee enrolled at that moment (the participant's
-- path moves on, to placement, but the cohort's result stays).
-- cohort.graduated_at is '' until then; a cohort graduates once.

ALTER TABLE enrolment ADD COLUMN outcome TEXT NOT NULL DEFAULT ''
	CHECK (outcome IN ('', 'graduated', 'failed'));
ALTER TABLE cohort ADD COLUMN graduated_at TEXT NOT NULL DEFAULT '';
