-- 005_training: rooms, instructors, cohorts and their timetables,
-- enrolments with the waitlist, attendance and assessment (src/cohort.c;
-- the curriculum and holidays are data, assets/curriculum.txt and
-- assets/holidays.txt, read by src/schedule.c).
--
-- Every table is written through the door (txn.h). A cohort's sessions are
-- generated once at creation (schedule_generate) and stored; moving one
-- updates its row. session is indexed by (date, room_id) and
-- (date, instructor_id) so the conflict checks read only the days in range.
--
-- enrolment keeps one row per (cohort, member): status 'enrolled',
-- 'waitlisted' (position orders the waitlist, 1 first) or 'withdrawn'.
-- attendance and assessment have a composite primary key; their column
-- key ("SESSION:MEMBER", "COHORT:MEMBER") is the single unique key the
-- write door updates by.

CREATE TABLE room (
	id       INTEGER PRIMARY KEY,
	code     TEXT NOT NULL UNIQUE,
	name     TEXT NOT NULL DEFAULT '',
	capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0)
);

CREATE TABLE instructor (
	id   INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE cohort (
	id            INTEGER PRIMARY KEY,
	code          TEXT NOT NULL UNIQUE,
	track         TEXT NOT NULL,
	start_date    TEXT NOT NULL,
	end_date      TEXT NOT NULL,
	weekdays      INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
	slots         TEXT NOT NULL,
	room_id       INTEGER NOT NULL REFERENCES room(id),
	instructor_id INTEGER NOT NULL REFERENCES instructor(id),
	capacity      INTEGER NOT NULL CHECK (capacity >= 1),
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);

CREATE TABLE session (
	id            INTEGER PRIMARY KEY,
	cohort_id     INTEGER NOT NULL REFERENCES cohort(id),
	date          TEXT NOT NULL,
	start_min     INTEGER NOT NULL,
	end_min       INTEGER NOT NULL,
	module        TEXT NOT NULL,
	part          INTEGER NOT NULL DEFAULT 1,
	room_id       INTEGER NOT NULL REFERENCES room(id),
	instructor_id INTEGER NOT NULL REFERENCES instructor(id),
	CHECK (0 <= start_min AND start_min < end_min AND end_min <= 1440)
);

CREATE INDEX session_cohort ON session (cohort_id, date, start_min);
CREATE INDEX session_room ON session (date, room_id);
CREATE INDEX session_instructor ON session (date, instructor_id);

CREATE TABLE enrolment (
	id        INTEGER PRIMARY KEY,
	cohort_id INTEGER NOT NULL REFERENCES cohort(id),
	member_id INTEGER NOT NULL REFERENCES member(id),
	status    TEXT NOT NULL
	          CHECK (status IN ('enrolled', 'waitlisted', 'withdrawn')),
	position  INTEGER NOT NULL DEFAULT 0,
	at        TEXT NOT NULL,
	UNIQUE (cohort_id, member_id)
);

CREATE INDEX enrolment_member ON enrolment (member_id, status);
CREATE INDEX enrolment_status ON enrolment (cohort_id, status, position);

CREATE TABLE attendance (
	key        TEXT NOT NULL UNIQUE,
	session_id INTEGER NOT NULL REFERENCES session(id),
	member_id  INTEGER NOT NULL REFERENCES member(id),
	mark       TEXT NOT NULL CHECK (mark IN ('P', 'A', 'E', 'L')),
	PRIMARY KEY (session_id, member_id),
	CHECK (key = session_id || ':' || member_id)
);

CREATE TABLE assessment (
	key       TEXT NOT NULL UNIQUE,
	cohort_id INTEGER NOT NULL REFERENCES cohort(id),
	member_id INTEGER NOT NULL REFERENCES member(id),
	passed    INTEGER NOT NULL DEFAULT 0 CHECK (passed IN (0, 1)),
	score     TEXT NOT NULL DEFAULT '',
	note      TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (cohort_id, member_id),
	CHECK (key = cohort_id || ':' || member_id)
);
