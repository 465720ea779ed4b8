/*
 * demo.c: the requested number of households with about four members
 * each, every household passing household_check with no error and no
 * warning, valid ID numbers and 户编号, participants within the age range,
 * the same data for the same seed and day (and other data for another
 * seed), refusal on a database that already has households, progress
 * reports, and the demo data found by search. demo_training: cohorts of
 * different tracks with timetables, enrolments, waitlists, attendance
 * and graduation where their dates call for them, no room or instructor
 * booked twice, the same data for the same seed.
 *
 * Codes and regions are the embedded assets (the demo needs the villages
 * below Linxia that assets/regions.txt ships).
 */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/audit.h"
#include "frontdesk/codes.h"
#include "frontdesk/db.h"
#include "frontdesk/demo.h"
#include "frontdesk/household.h"
#include "frontdesk/i18n.h"
#include "frontdesk/idcard.h"
#include "frontdesk/schedule.h"
#include "frontdesk/search.h"
#include "frontdesk/txn.h"
#include "frontdesk/util.h"
#include "frontdesk/workflow.h"

#include "fixture.h"

#define TODAY "2024-06-01"

static void
dm_setup(void)
{
	struct fd_err err = {{0}};

	fixture_setup();
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
	cr_assert_eq(i18n_load("zh", NULL, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(codes_load(NULL, NULL, &err), FD_OK, "%s", err.msg);
	household_set_participant_ages(16, 45);
}

static void
dm_teardown(void)
{
	codes_free();
	i18n_free();
	fixture_teardown();
}

#define DMTEST(name) Test(demo, name, .init = dm_setup, .fini = dm_teardown)

/* Every household and member value but the timestamps, as one string.
 * Caller frees. */
static char *
dump(struct fd_db *db)
{
	static const char *const sql[] = {
		"SELECT * FROM household ORDER BY id",
		"SELECT * FROM member ORDER BY id",
	};
	struct strbuf sb = {0};

	for (size_t q = 0; q < 2; q++) {
		sqlite3_stmt *st = NULL;

		cr_assert_eq(sqlite3_prepare_v2(db_sqlite(db), sql[q], -1, &st,
						NULL),
			     SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const char *name = sqlite3_column_name(st, c);
				const char *v;

				if (strcmp(name, "created_at") == 0 ||
				    strcmp(name, "updated_at") == 0)
					continue;
				v = (const char *)sqlite3_column_text(st, c);
				strbuf_addf(&sb, "%s|", v ? v : "NULL");
			}
			strbuf_adds(&sb, "\n");
		}
		sqlite3_finalize(st);
	}
	return strbuf_take(&sb);
}

/* Count the calls and remember the last. */
struct dm_progress {
	int calls, first_done, last_done, last_total;
};

static void
dm_progress(void *ud, int done, int total)
{
	struct dm_progress *p = ud;

	if (p->calls++ == 0)
		p->first_done = done;
	p->last_done = done;
	p->last_total = total;
}

DMTEST(counts_and_no_issues)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	struct dm_progress prog = {0};
	sqlite3_stmt *st = NULL;
	long long members, households, participants;
	int checked = 0;

	cr_assert_eq(demo_fill_on(db, 0, 2026, TODAY, dm_progress, &prog, &err),
		     FD_OK, "%s", err.msg);
	households = query_int(db, "SELECT count(*) FROM household");
	members = query_int(db, "SELECT count(*) FROM member");
	cr_assert_eq(households, DEMO_DEFAULT_HOUSEHOLDS);
	cr_assert(members >= 3 * households && members <= 5 * households,
		  "%lld members in %lld households", members, households);
	cr_assert_eq(prog.first_done, 0);
	cr_assert_eq(prog.last_done, DEMO_DEFAULT_HOUSEHOLDS);
	cr_assert_eq(prog.last_total, DEMO_DEFAULT_HOUSEHOLDS);
	cr_assert_eq(prog.calls, DEMO_DEFAULT_HOUSEHOLDS + 1);

	/* 户编号: the village's 12 digits and 4 more, unique. */
	cr_assert_eq(query_int(db, "SELECT count(*) FROM household"
				   " WHERE length(hh_no) <> 16"
				   " OR substr(hh_no, 1, 12) <> region"
				   " OR hh_no GLOB '*[^0-9]*'"),
		     0);
	/* Every member's ID of the village's county. */
	cr_assert_eq(query_int(db, "SELECT count(*) FROM member m"
				   " JOIN household h ON h.id = m.household_id"
				   " WHERE substr(m.id_number, 1, 6)"
				   " <> substr(h.region, 1, 6)"),
		     0);
	/* Some participants, all within 16-45 on the day. */
	participants = query_int(db, "SELECT count(*) FROM member"
				     " WHERE participant = '1'");
	cr_assert_gt(participants, 0);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM member"
				   " WHERE participant = '1' AND"
				   " (birth > '2008-06-01'"
				   " OR birth <= '1978-06-01')"),
		     0);
	/* Several counties and ethnicities, both sexes as heads. */
	cr_assert_geq(query_int(db, "SELECT count(DISTINCT"
				    " substr(region, 1, 6)) FROM household"),
		      2);
	cr_assert_geq(query_int(db, "SELECT count(DISTINCT ethnicity)"
				    " FROM member"),
		      3);
	cr_assert_eq(query_int(db, "SELECT count(DISTINCT sex) FROM member"
				   " WHERE relation = '01'"),
		     2);

	/* Every household passes every check, warnings included. */
	cr_assert_eq(sqlite3_prepare_v2(db_sqlite(db),
					"SELECT id FROM household ORDER BY id",
					-1, &st, NULL),
		     SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct household h;
		struct hh_issues is = {0};

		household_init(&h);
		cr_assert_eq(household_load(db, sqlite3_column_int64(st, 0), &h,
					    &err),
			     FD_OK, "%s", err.msg);
		for (size_t m = 0; m < h.nmembers; m++) {
			const char *idn = h.members[m]->v[MEM_ID_NUMBER];
			struct idcard card;

			cr_assert_eq(idcard_parse(idn, TODAY, &card),
				     IDCARD_OK);
		}
		cr_assert_eq(household_check(db, &h, TODAY, &is, &err), FD_OK,
			     "%s", err.msg);
		cr_assert_eq(is.n, 0, "household %s: %s (rule %s)",
			     h.hh->v[HH_NO], is.n ? is.v[0].text : "",
			     is.n ? is.v[0].rule : "");
		hh_issues_free(&is);
		household_clear(&h);
		checked++;
	}
	sqlite3_finalize(st);
	cr_assert_eq(checked, DEMO_DEFAULT_HOUSEHOLDS);
	db_close(db);
}

DMTEST(deterministic_for_a_seed)
{
	struct fd_err err = {{0}};
	struct fd_db *db;
	char *a, *b, *c;

	snprintf(dbpath, sizeof(dbpath), "%s/a.db", tmpdir);
	db = open_as("alice");
	cr_assert_eq(demo_fill_on(db, 40, 7, TODAY, NULL, NULL, &err), FD_OK,
		     "%s", err.msg);
	a = dump(db);
	db_close(db);

	snprintf(dbpath, sizeof(dbpath), "%s/b.db", tmpdir);
	db = open_as("bob");
	cr_assert_eq(demo_fill_on(db, 40, 7, TODAY, NULL, NULL, &err), FD_OK,
		     "%s", err.msg);
	b = dump(db);
	db_close(db);

	snprintf(dbpath, sizeof(dbpath), "%s/c.db", tmpdir);
	db = open_as("carol");
	cr_assert_eq(demo_fill_on(db, 40, 8, TODAY, NULL, NULL, &err), FD_OK,
		     "%s", err.msg);
	c = dump(db);
	db_close(db);

	cr_assert_gt(strlen(a), 1000);
	cr_assert_str_eq(a, b);
	cr_assert_str_neq(a, c);
	free(a);
	free(b);
	free(c);
}

DMTEST(refuses_a_database_with_households)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};

	cr_assert_eq(demo_fill_on(db, 5, 1, TODAY, NULL, NULL, &err), FD_OK,
		     "%s", err.msg);
	cr_assert_eq(demo_fill(db, 5, 1, NULL, NULL, &err), FD_E_EXISTS);
	cr_assert(strstr(err.msg, "already holds 5"), "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM household"), 5);
	db_close(db);
}

DMTEST(read_only_session_writes_nothing)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};

	db_close(db);
	db = open_as("mallory");
	cr_assert_eq(demo_fill_on(db, 5, 1, TODAY, NULL, NULL, &err),
		     FD_E_READONLY, "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM household"), 0);
	db_close(db);
}

DMTEST(found_by_search)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};
	struct search_result r = {0};
	sqlite3_stmt *st = NULL;
	char name[64], id[19];
	long long hid;

	cr_assert_eq(demo_fill(db, 30, 3, NULL, NULL, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(sqlite3_prepare_v2(db_sqlite(db),
					"SELECT household_id, name, id_number"
					" FROM member WHERE relation = '03'"
					" ORDER BY id LIMIT 1",
					-1, &st, NULL),
		     SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	hid = sqlite3_column_int64(st, 0);
	snprintf(name, sizeof(name), "%s", sqlite3_column_text(st, 1));
	snprintf(id, sizeof(id), "%s", sqlite3_column_text(st, 2));
	sqlite3_finalize(st);

	cr_assert_eq(search_households(db, name, 0, &r, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_geq(r.n, 1);
	cr_assert_eq(r.v[0].household_id, hid);
	search_result_free(&r);
	cr_assert_eq(search_households(db, id, 0, &r, &err), FD_OK, "%s",
		     err.msg);
	cr_assert_eq(r.v[0].household_id, hid);
	cr_assert_gt(r.v[0].members, 1);
	cr_assert_neq(r.v[0].head_name[0], '\0');
	search_result_free(&r);
	db_close(db);
}

/* ---- training ---- */

/* A day in the 2026 holidays table; the running cohort spans 端午. */
#define TRAIN_DAY "2026-06-01"

static void
dt_setup(void)
{
	struct fd_err err = {{0}};

	dm_setup();
	cr_assert_eq(schedule_load(NULL, NULL, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(workflow_load(NULL, &err), FD_OK, "%s", err.msg);
}

static void
dt_teardown(void)
{
	workflow_free();
	schedule_free();
	dm_teardown();
}

#define DTTEST(name) Test(demo, name, .init = dt_setup, .fini = dt_teardown)

/* A database at path (dbpath when NULL) with the demonstration households
 * and training of seed, graduated at min_ratio. Caller closes. */
static struct fd_db *
dt_fill(const char *path, unsigned seed, double min_ratio,
	struct demo_training_counts *c)
{
	struct fd_db *db;
	struct fd_err err = {{0}};

	if (path)
		snprintf(dbpath, sizeof(dbpath), "%s", path);
	db = open_as("alice");
	cr_assert_eq(demo_fill_on(db, 0, seed, TRAIN_DAY, NULL, NULL, &err),
		     FD_OK, "%s", err.msg);
	cr_assert_eq(demo_training(db, seed, TRAIN_DAY, min_ratio, c, &err),
		     FD_OK, "%s", err.msg);
	return db;
}

/* The count of sql with ?1 bound to text a. */
static long long
dt_count(struct fd_db *db, const char *sql, const char *a)
{
	sqlite3_stmt *st = NULL;
	long long n;

	cr_assert_eq(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL),
		     SQLITE_OK, "%s", sqlite3_errmsg(db_sqlite(db)));
	if (a)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

DTTEST(training_cohorts)
{
	struct demo_training_counts c;
	struct fd_db *db = dt_fill(NULL, 2026, 0.8, &c);
	const char *day = TRAIN_DAY;

	/* Four cohorts of four tracks, each with a timetable and trainees. */
	cr_assert_eq(c.cohorts, 4);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM cohort"), 4);
	cr_assert_eq(query_int(db, "SELECT count(DISTINCT track) FROM cohort"),
		     4);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM room"), 3);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM instructor"), 4);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM cohort c WHERE"
				   " (SELECT count(*) FROM session s WHERE"
				   " s.cohort_id = c.id) < 10"
				   " OR (SELECT count(*) FROM enrolment e WHERE"
				   " e.cohort_id = c.id AND e.status ="
				   " 'enrolled') < 10"),
		     0);
	cr_assert_eq(c.sessions, query_int(db, "SELECT count(*) FROM session"));
	cr_assert_eq(c.marks, query_int(db, "SELECT count(*) FROM attendance"));

	/* One ended: every session marked for every trainee, everyone
	 * assessed, graduation applied: most graduate, one or two fail. */
	cr_assert_eq(dt_count(db, "SELECT count(*) FROM cohort WHERE"
				  " end_date < ?1", day),
		     1);
	cr_assert_eq(dt_count(db,
			      "SELECT count(*) FROM session s JOIN cohort c ON"
			      " c.id = s.cohort_id JOIN enrolment e ON"
			      " e.cohort_id = c.id WHERE c.end_date < ?1 AND"
			      " NOT EXISTS (SELECT 1 FROM attendance a WHERE"
			      " a.session_id = s.id AND a.member_id ="
			      " e.member_id)",
			      day),
		     0);
	cr_assert_eq(dt_count(db,
			      "SELECT count(*) FROM enrolment e JOIN cohort c"
			      " ON c.id = e.cohort_id WHERE c.end_date < ?1"
			      " AND NOT EXISTS (SELECT 1 FROM assessment a"
			      " WHERE a.cohort_id = c.id AND a.member_id ="
			      " e.member_id)",
			      day),
		     0);
	cr_assert_eq(dt_count(db, "SELECT count(*) FROM cohort WHERE"
				  " end_date < ?1 AND graduated_at <> ''", day),
		     1);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM cohort WHERE"
				   " graduated_at <> ''"),
		     1);
	cr_assert_geq(c.graduated, 20);
	cr_assert(c.failed >= 1 && c.failed <= 2, "%d failed", c.failed);
	cr_assert_eq(dt_count(db,
			      "SELECT count(*) FROM enrolment e JOIN cohort c"
			      " ON c.id = e.cohort_id JOIN wf_state w ON"
			      " w.machine = 'participant' AND w.entity_id ="
			      " CAST(e.member_id AS TEXT) WHERE c.end_date < ?1"
			      " AND w.state IN ('graduated', 'failed')",
			      day),
		     c.graduated + c.failed);

	/* One running: marks for its past sessions only, a mix of them, a
	 * waitlist and a withdrawal. */
	cr_assert_eq(dt_count(db, "SELECT count(*) FROM cohort WHERE"
				  " start_date < ?1 AND end_date > ?1", day),
		     1);
	cr_assert_gt(dt_count(db,
			      "SELECT count(*) FROM attendance a JOIN session s"
			      " ON s.id = a.session_id JOIN cohort c ON c.id ="
			      " s.cohort_id WHERE c.start_date < ?1 AND"
			      " c.end_date > ?1",
			      day),
		     0);
	cr_assert_eq(dt_count(db,
			      "SELECT count(*) FROM attendance a JOIN session s"
			      " ON s.id = a.session_id WHERE s.date >= ?1",
			      day),
		     0);
	cr_assert_eq(query_int(db, "SELECT count(DISTINCT mark) FROM"
				   " attendance"),
		     4);
	cr_assert_eq(dt_count(db,
			      "SELECT count(*) FROM enrolment e JOIN cohort c ON"
			      " c.id = e.cohort_id WHERE c.start_date < ?1 AND"
			      " c.end_date > ?1 AND e.status = 'withdrawn'",
			      day),
		     1);

	/* Waitlists where cohorts are full, none where they are not. */
	cr_assert_eq(query_int(db, "SELECT count(*) FROM cohort c WHERE"
				   " (SELECT count(*) FROM enrolment e WHERE"
				   " e.cohort_id = c.id AND e.status ="
				   " 'enrolled') > c.capacity"),
		     0);
	cr_assert_eq(dt_count(db,
			      "SELECT count(DISTINCT e.cohort_id) FROM"
			      " enrolment e JOIN cohort c ON c.id = e.cohort_id"
			      " WHERE e.status = 'waitlisted' AND c.end_date >"
			      " ?1",
			      day),
		     2);
	cr_assert_eq(c.waitlisted, query_int(db, "SELECT count(*) FROM"
						 " enrolment WHERE status ="
						 " 'waitlisted'"));
	/* One starting next Monday (2026-06-08), one later. */
	cr_assert_eq(query_int(db, "SELECT count(*) FROM cohort WHERE"
				   " start_date = '2026-06-08'"),
		     1);
	cr_assert_eq(dt_count(db, "SELECT count(*) FROM cohort WHERE"
				  " start_date > ?1", day),
		     2);

	/* Every trainee a participant of a verified household, on one
	 * cohort only. */
	cr_assert_eq(query_int(db, "SELECT count(*) FROM enrolment e JOIN"
				   " member m ON m.id = e.member_id JOIN"
				   " household h ON h.id = m.household_id"
				   " WHERE m.participant <> '1' OR"
				   " h.verified <> '1'"),
		     0);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM (SELECT member_id"
				   " FROM enrolment GROUP BY member_id"
				   " HAVING count(*) > 1)"),
		     0);
	{
		struct strbuf problems = {0};
		struct fd_err err = {{0}};

		cr_assert_eq(db_check(db, NULL, NULL, &problems, &err), FD_OK,
			     "%s%s", problems.buf ? problems.buf : "", err.msg);
		strbuf_free(&problems);
	}
	db_close(db);
}

DTTEST(training_never_double_books)
{
	struct fd_db *db = dt_fill(NULL, 7, 0.8, NULL);
	struct schedule_session *v;
	sqlite3_stmt *st = NULL;
	size_t n = 0, i = 0, j = 0;
	long long total = query_int(db, "SELECT count(*) FROM session");

	v = calloc((size_t)total, sizeof(*v));
	cr_assert_not_null(v);
	cr_assert_eq(sqlite3_prepare_v2(db_sqlite(db),
					"SELECT s.date, s.start_min, s.end_min,"
					" c.code, r.code, i.code FROM session s"
					" JOIN cohort c ON c.id = s.cohort_id"
					" JOIN room r ON r.id = s.room_id JOIN"
					" instructor i ON i.id ="
					" s.instructor_id",
					-1, &st, NULL),
		     SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct schedule_session *s = &v[n++];

		snprintf(s->date, sizeof(s->date), "%s",
			 sqlite3_column_text(st, 0));
		s->start = sqlite3_column_int(st, 1);
		s->end = sqlite3_column_int(st, 2);
		snprintf(s->cohort, sizeof(s->cohort), "%s",
			 sqlite3_column_text(st, 3));
		snprintf(s->room, sizeof(s->room), "%s",
			 sqlite3_column_text(st, 4));
		snprintf(s->instructor, sizeof(s->instructor), "%s",
			 sqlite3_column_text(st, 5));
	}
	sqlite3_finalize(st);
	cr_assert_eq((long long)n, total);
	cr_assert_not(schedule_double_booked(v, n, SCHEDULE_ROOM, &i, &j),
		      "room %s: %s and %s", v[i].room, v[i].cohort,
		      v[j].cohort);
	cr_assert_not(schedule_double_booked(v, n, SCHEDULE_INSTRUCTOR, &i, &j),
		      "instructor %s: %s and %s", v[i].instructor,
		      v[i].cohort, v[j].cohort);
	/* Rooms are shared between cohorts, so the check checked something. */
	cr_assert_lt(query_int(db, "SELECT count(DISTINCT room_id) FROM"
				   " cohort"),
		     4);
	free(v);
	db_close(db);
}

/* The training tables, without timestamps, as one string. Caller
 * frees. */
static char *
dt_dump(struct fd_db *db)
{
	static const char *const sql[] = {
		"SELECT code, track, start_date, end_date, slots, room_id,"
		" instructor_id, capacity FROM cohort ORDER BY id",
		"SELECT * FROM session ORDER BY id",
		"SELECT cohort_id, member_id, status, position FROM enrolment"
		" ORDER BY id",
		"SELECT * FROM attendance ORDER BY session_id, member_id",
		"SELECT * FROM assessment ORDER BY cohort_id, member_id",
		"SELECT entity_id, state FROM wf_state ORDER BY key",
	};
	struct strbuf sb = {0};

	for (size_t q = 0; q < FD_ARRAY_LEN(sql); q++) {
		sqlite3_stmt *st = NULL;

		cr_assert_eq(sqlite3_prepare_v2(db_sqlite(db), sql[q], -1, &st,
						NULL),
			     SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++) {
				const char *v =
					(const char *)sqlite3_column_text(st, c);

				strbuf_addf(&sb, "%s|", v ? v : "NULL");
			}
			strbuf_adds(&sb, "\n");
		}
		sqlite3_finalize(st);
	}
	return strbuf_take(&sb);
}

DTTEST(training_deterministic_for_a_seed)
{
	char a_path[200], b_path[200];
	struct fd_db *a, *b;
	char *da, *db_;

	snprintf(a_path, sizeof(a_path), "%s/a.db", tmpdir);
	snprintf(b_path, sizeof(b_path), "%s/b.db", tmpdir);
	a = dt_fill(a_path, 11, 0.8, NULL);
	b = dt_fill(b_path, 11, 0.8, NULL);
	da = dt_dump(a);
	db_ = dt_dump(b);
	cr_assert_str_eq(da, db_);
	free(da);
	free(db_);
	db_close(a);
	db_close(b);
}

DTTEST(training_threshold_and_refusals)
{
	struct demo_training_counts c;
	struct fd_db *db = dt_fill(NULL, 2026, 0.0, &c);
	struct fd_err err = {{0}};

	/* With no attendance rule only the failed assessment fails. */
	cr_assert_eq(c.failed, 1);
	cr_assert_eq(demo_training(db, 2026, TRAIN_DAY, 0.8, NULL, &err),
		     FD_E_EXISTS);
	cr_assert_not_null(strstr(err.msg, "培训班"), "%s", err.msg);
	cr_assert_eq(demo_training(db, 2026, "2026-13-01", 0.8, NULL, &err),
		     FD_E_INVALID);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM cohort"), 4);
	db_close(db);
}

DTTEST(training_without_curriculum)
{
	struct fd_db *db = open_as("alice");
	struct fd_err err = {{0}};

	schedule_free();
	cr_assert_eq(demo_training(db, 1, TRAIN_DAY, 0.8, NULL, &err),
		     FD_E_CONFIG);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM room"), 0);
	db_close(db);
}

/* db_check runs the consistency rules over every household: clean on the
 * demo (as of its day, FRONTDESK_TODAY), with a progress that reaches its
 * total; a second head and an ID number with a wrong check digit, written
 * past the write door (sqlite3 by hand), are found and named by
 * household, person and rule in the catalog's words; warnings are not
 * problems. */
static void
dm_check_progress(void *ud, int done, int total)
{
	int *last = ud;

	cr_assert_geq(done, 0);
	cr_assert_leq(done, total);
	cr_assert_geq(done, *last, "the bar went back: %d after %d", done,
		      *last);
	*last = done;
}

DMTEST(check_runs_the_consistency_rules)
{
	struct fd_err err = {{0}};
	struct strbuf problems = {0};
	struct fd_db *db = open_as("alice");
	int last = 0;
	long long head2, bad;
	char sql[256], *hh_no;
	sqlite3_stmt *st;

	setenv("FRONTDESK_TODAY", TODAY, 1);
	cr_assert_eq(demo_fill_on(db, 40, 7, TODAY, NULL, NULL, &err), FD_OK,
		     "%s", err.msg);
	cr_assert_eq(db_check(db, dm_check_progress, &last, &problems, &err),
		     FD_OK, "%s\n%s", err.msg, problems.buf);
	cr_assert_eq(problems.len, 0);
	cr_assert_gt(last, 40);

	/* Household 1's second member becomes a second head; household 2's
	 * first member gets a wrong check digit. */
	head2 = query_int(db, "SELECT id FROM member WHERE household_id = 1"
			      " AND relation <> '01' ORDER BY id LIMIT 1");
	bad = query_int(db, "SELECT id FROM member WHERE household_id = 2"
			    " ORDER BY id LIMIT 1");
	cr_assert_eq(sqlite3_prepare_v2(db_sqlite(db),
					"SELECT hh_no FROM household WHERE id = 1",
					-1, &st, NULL),
		     SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	hh_no = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	db_close(db);
	snprintf(sql, sizeof(sql),
		 "UPDATE member SET relation = '01' WHERE id = %lld;"
		 "UPDATE member SET id_number = substr(id_number, 1, 17) ||"
		 " CASE substr(id_number, 18) WHEN '0' THEN '1' ELSE '0' END"
		 " WHERE id = %lld;",
		 head2, bad);
	raw_exec(sql);
	db = open_as("alice");
	last = 0;
	strbuf_free(&problems);
	cr_assert_eq(db_check(db, dm_check_progress, &last, &problems, &err),
		     FD_E_CHECK, "%s", err.msg);
	{
		char *want = xasprintf("户 %s：", hh_no);

		cr_assert_not_null(strstr(problems.buf, want), "%s",
				   problems.buf);
		free(want);
	}
	cr_assert_not_null(strstr(problems.buf, "每户必须恰好有一位户主"), "%s",
			   problems.buf);
	cr_assert_not_null(strstr(problems.buf, "校验位"), "%s", problems.buf);
	cr_assert_null(strstr(problems.buf, "可能重复"), "a warning: %s",
		       problems.buf);
	free(hh_no);
	strbuf_free(&problems);
	db_close(db);
	unsetenv("FRONTDESK_TODAY");
}

/* audit_filter.stop: count the calls, then stop or not. */
static int
stop_now(void *ud)
{
	++*(int *)ud;
	return 1;
}

static int
stop_never(void *ud)
{
	++*(int *)ud;
	return 0;
}

/* audit_find searches the whole log in the database, not only the newest
 * rows it shows: household 1's head, written first, is found by name with
 * a limit of 10 rows among hundreds; its rows carry the person's name and
 * 户编号; the version and updated_at rows a save writes are hidden
 * unless asked for; the total counts every row. */
DMTEST(audit_search_finds_an_old_row_by_name)
{
	struct fd_err err = {{0}};
	struct fd_db *db = open_as("alice");
	struct audit_entry *rows;
	struct audit_filter f = {0};
	struct household h;
	struct fd_txn *t;
	long long total, all;
	size_t n;
	char *name, *hh_no;

	setenv("FRONTDESK_TODAY", TODAY, 1);
	cr_assert_eq(demo_fill_on(db, 40, 7, TODAY, NULL, NULL, &err), FD_OK,
		     "%s", err.msg);
	household_init(&h);
	cr_assert_eq(household_load(db, 1, &h, &err), FD_OK, "%s", err.msg);
	name = strdup(h.members[0]->v[MEM_NAME]);
	hh_no = strdup(h.hh->v[HH_NO]);
	/* A save: its phone change, plus version and updated_at rows. */
	record_set(h.hh, HH_PHONE, "13900000000");
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(household_save_accepting_in(t, &h, TODAY, NULL, NULL, &err),
		     FD_OK, "%s", err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	household_clear(&h);

	all = query_int(db, "SELECT count(*) FROM audit");
	cr_assert_gt(all, 100);
	cr_assert_eq(audit_find(db, &f, 10, &rows, &n, &total, &err), FD_OK,
		     "%s", err.msg);
	cr_expect_eq(n, 10);
	cr_expect_lt(total, all, "the technical rows are counted");
	for (size_t i = 0; i < n; i++)
		cr_expect(!audit_field_is_technical(rows[i].field), "%s",
			  rows[i].field);
	audit_list_free(rows, n);
	f.technical = true;
	cr_assert_eq(audit_find(db, &f, 0, &rows, &n, &total, &err), FD_OK,
		     "%s", err.msg);
	cr_expect_eq(total, all);
	cr_expect_eq((long long)n, all);
	audit_list_free(rows, n);

	/* The head's insert row is among the oldest: found by name. */
	f.technical = false;
	f.words = name;
	cr_assert_eq(audit_find(db, &f, 10, &rows, &n, NULL, &err), FD_OK,
		     "%s", err.msg);
	cr_assert_geq(n, 1);
	{
		bool found = false;

		for (size_t i = 0; i < n; i++)
			if (strcmp(rows[i].entity, "member") == 0 &&
			    rows[i].subject &&
			    strcmp(rows[i].subject, name) == 0) {
				cr_expect_str_eq(rows[i].subject2, hh_no);
				found = true;
			}
		cr_expect(found, "no member row names %s", name);
	}
	audit_list_free(rows, n);
	/* By 户编号: the household's own rows (its phone, its insert). */
	f.words = hh_no;
	cr_assert_eq(audit_find(db, &f, 0, &rows, &n, NULL, &err), FD_OK,
		     "%s", err.msg);
	{
		bool phone = false;

		for (size_t i = 0; i < n; i++)
			if (strcmp(rows[i].entity, "household") == 0 &&
			    strcmp(rows[i].field, "phone") == 0)
				phone = true;
		cr_expect(phone, "the phone change of %s is not found", hh_no);
	}
	audit_list_free(rows, n);
	/* Nothing: a word no row holds. */
	f.words = "zzq-nothing%_";
	cr_assert_eq(audit_find(db, &f, 0, &rows, &n, NULL, &err), FD_OK,
		     "%s", err.msg);
	cr_expect_eq(n, 0);
	audit_list_free(rows, n);
	/* Stopped when asked to (a key waiting): nothing, FD_E_STOPPED;
	 * asked and told to go on: the same rows as without. */
	{
		int asked = 0;

		f.words = "zzq-nothing%_"; /* every row read */
		f.stop = stop_now;
		f.stop_ud = &asked;
		cr_assert_eq(audit_find(db, &f, 0, &rows, &n, NULL, &err),
			     FD_E_STOPPED);
		cr_expect_eq(n, 0);
		cr_expect_null(rows);
		cr_expect_geq(asked, 1);
		f.stop = stop_never;
		f.words = name;
		cr_assert_eq(audit_find(db, &f, 10, &rows, &n, NULL, &err),
			     FD_OK, "%s", err.msg);
		cr_expect_geq(n, 1);
		audit_list_free(rows, n);
		/* The handler is gone afterwards: a plain query runs. */
		cr_expect_gt(query_int(db, "SELECT count(*) FROM audit"), 100);
	}
	free(name);
	free(hh_no);
	db_close(db);
	unsetenv("FRONTDESK_TODAY");
}
