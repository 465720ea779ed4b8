-- 002_households: registered poor households, their members, recorded
-- decisions on warnings, and unsaved form drafts.
--
-- Column names are the field names of household.c's entity tables. Every
-- value is TEXT ('' when empty, never NULL): codes as stored ('01'), dates
-- 'YYYY-MM-DD', money in yuan, booleans '0'/'1'. version starts at 1 and
-- grows by one on every save (optimistic concurrency: a save names the
-- version it loaded and is refused if the row has moved on). Timestamps are
-- UTC ISO-8601 with milliseconds, as db_now() gives them.
--
-- household, member and decision are written through txn.h and audited.
-- draft is written through txn.h but NOT audited (txn.c lists it): a draft
-- changes on every key press and is not data yet; the save that follows is.

CREATE TABLE household (
	id                INTEGER PRIMARY KEY,
	hh_no             TEXT NOT NULL UNIQUE,
	region            TEXT NOT NULL DEFAULT '',
	natural_village   TEXT NOT NULL DEFAULT '',
	phone             TEXT NOT NULL DEFAULT '',
	standard          TEXT NOT NULL DEFAULT '',
	attribute         TEXT NOT NULL DEFAULT '',
	main_cause        TEXT NOT NULL DEFAULT '',
	other_causes      TEXT NOT NULL DEFAULT '',
	exit_status       TEXT NOT NULL DEFAULT '',
	plan_exit_year    TEXT NOT NULL DEFAULT '',
	exit_year         TEXT NOT NULL DEFAULT '',
	first_identified  TEXT NOT NULL DEFAULT '',
	bank              TEXT NOT NULL DEFAULT '',
	bank_account      TEXT NOT NULL DEFAULT '',
	helper_name       TEXT NOT NULL DEFAULT '',
	helper_unit       TEXT NOT NULL DEFAULT '',
	helper_post       TEXT NOT NULL DEFAULT '',
	helper_phone      TEXT NOT NULL DEFAULT '',
	income_wage       TEXT NOT NULL DEFAULT '',
	income_business   TEXT NOT NULL DEFAULT '',
	income_property   TEXT NOT NULL DEFAULT '',
	income_transfer   TEXT NOT NULL DEFAULT '',
	income_per_capita TEXT NOT NULL DEFAULT '',
	land_mu           TEXT NOT NULL DEFAULT '',
	safe_water        TEXT NOT NULL DEFAULT '',
	safe_housing      TEXT NOT NULL DEFAULT '',
	verified          TEXT NOT NULL DEFAULT '',
	version           INTEGER NOT NULL DEFAULT 1,
	created_at        TEXT NOT NULL,
	updated_at        TEXT NOT NULL
);

-- Likely-duplicate check: same name in another household of the village.
CREATE INDEX household_region ON household (region);

CREATE TABLE member (
	id            INTEGER PRIMARY KEY,
	household_id  INTEGER NOT NULL REFERENCES household (id),
	id_number     TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL DEFAULT '',
	sex           TEXT NOT NULL DEFAULT '',
	birth         TEXT NOT NULL DEFAULT '',
	relation      TEXT NOT NULL DEFAULT '',
	ethnicity     TEXT NOT NULL DEFAULT '',
	education     TEXT NOT NULL DEFAULT '',
	school        TEXT NOT NULL DEFAULT '',
	health        TEXT NOT NULL DEFAULT '',
	labour        TEXT NOT NULL DEFAULT '',
	work_status   TEXT NOT NULL DEFAULT '',
	work_place    TEXT NOT NULL DEFAULT '',
	work_months   TEXT NOT NULL DEFAULT '',
	phone         TEXT NOT NULL DEFAULT '',
	disability_no TEXT NOT NULL DEFAULT '',
	participant   TEXT NOT NULL DEFAULT '',
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
);

CREATE INDEX member_household ON member (household_id);
-- Likely-duplicate check: same name and birth date (and name alone).
CREATE INDEX member_name_birth ON member (name, birth);

-- A warning a person accepted at save time, or a likely duplicate declared
-- "not a duplicate": who, when, which record, which rule, and the text the
-- person was shown.
CREATE TABLE decision (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	login     TEXT NOT NULL,
	entity    TEXT NOT NULL,
	entity_id TEXT NOT NULL,
	kind      TEXT NOT NULL,  -- 'warning_accepted' | 'not_duplicate'
	rule      TEXT NOT NULL,
	detail    TEXT NOT NULL DEFAULT ''
);

CREATE INDEX decision_entity ON decision (entity, entity_id);

-- Unsaved form input of one login, one record ("new" for an unsaved one).
CREATE TABLE draft (
	login    TEXT NOT NULL,
	entity   TEXT NOT NULL,
	key      TEXT NOT NULL,
	text     TEXT NOT NULL,
	saved_at TEXT NOT NULL,
	PRIMARY KEY (login, entity, key)
);
