/*
 * Cohorts in the database (src/cohort.c): room and instructor clashes at
 * creation, trainee overlap, the capacity race between two processes,
 * waitlist order and promotion, attendance totals and graduation exactly
 * at the threshold. Members are inserted directly (setup only) as
 * eligible participants; every write under test goes through cohort.c.
 */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "frontdesk/assets.h"
#include "frontdesk/cohort.h"
#include "frontdesk/i18n.h"
#include "frontdesk/schedule.h"
#include "frontdesk/staff.h"
#include "frontdesk/util.h"
#include "frontdesk/workflow.h"

#include "fixture.h"

static void
coh_init(void)
{
	struct fd_err err = {{0}};

	fixture_setup();
	/* After every cohort of these tests, so that any register may be
	 * taken; the tests about moves and days set their own. */
	cr_assert_eq(setenv(UTIL_TODAY_ENV, "2027-06-01", 1), 0);
	setlocale(LC_ALL, "C.UTF-8");
	i18n_load("zh", NULL, &err);
	cr_assert_eq(schedule_load(NULL, NULL, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(workflow_load(NULL, &err), FD_OK, "%s", err.msg);
}

static void
coh_fini(void)
{
	workflow_free();
	schedule_free();
	fixture_teardown();
}

#define COHTEST(name) Test(cohort, name, .init = coh_init, .fini = coh_fini)

/* Member id (household id too) as an eligible participant named name. */
static void
coh_member(int id, const char *name)
{
	char sql[900];

	snprintf(sql, sizeof(sql),
	         "INSERT OR IGNORE INTO household (id, hh_no, verified,"
	         " created_at, updated_at) VALUES (%d, 'H%d', '1', 'x', 'x');"
	         "INSERT INTO member (id, household_id, id_number, name,"
	         " participant, created_at, updated_at) VALUES (%d, %d,"
	         " 'ID%d', '%s', '1', 'x', 'x');"
	         "INSERT INTO wf_state (key, machine, entity, entity_id, state,"
	         " updated_at) VALUES ('participant:%d', 'participant',"
	         " 'member', '%d', 'eligible', 'x')",
	         id, id, id, id, id, name, id, id);
	raw_exec(sql);
}

/* A database with rooms 201, 202 and instructors T1, T2. */
static struct fd_db *
coh_open(void)
{
	struct fd_db *db = open_as("boss");
	struct fd_err err = {{0}};

	cr_assert_eq(cohort_room_add(db, "201", "Room 201", 40, NULL, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_room_add(db, "202", "Room 202", 40, NULL, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_instructor_add(db, "T1", "Ma", NULL, &err), FD_OK,
	             "%s", err.msg);
	cr_assert_eq(cohort_instructor_add(db, "T2", "Li", NULL, &err), FD_OK,
	             "%s", err.msg);
	return db;
}

/* Create cohort code in room/instructor (1 or 2) from 2026-03-02. */
static enum fd_status
coh_create(struct fd_db *db, const char *code, int room, int ins, int cap,
           const char *slots, int64_t *id, struct fd_err *err)
{
	const struct cohort_spec spec = {.code = code,
	                                 .track = "cs",
	                                 .start = "2026-03-02",
	                                 .weekdays = SCHEDULE_MON_FRI,
	                                 .slots = slots,
	                                 .room_id = room,
	                                 .instructor_id = ins,
	                                 .capacity = cap};

	return cohort_create(db, &spec, id, err);
}

static char *
coh_state(struct fd_db *db, int member)
{
	struct fd_err err = {{0}};
	char id[16], *s = NULL;

	snprintf(id, sizeof(id), "%d", member);
	cr_assert_eq(workflow_state(db, "participant", id, &s, &err), FD_OK);
	return s;
}

static void
coh_expect_state(struct fd_db *db, int member, const char *want)
{
	char *s = coh_state(db, member);

	cr_assert_str_eq(s, want, "member %d", member);
	free(s);
}

COHTEST(room_clash_refused_naming_it)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	int64_t a = 0;

	cr_assert_eq(coh_create(db, "C2026-03", 1, 1, 20, "09:00-12:00", &a,
	                        &err),
	             FD_OK, "%s", err.msg);
	cr_assert_gt(query_int(db, "SELECT count(*) FROM session"), 5);
	cr_assert_eq(coh_create(db, "C2026-04", 1, 2, 20, "10:00-11:00",
	                        NULL, &err),
	             FD_E_CONFLICT);
	cr_assert_str_eq(err.msg, "教室 201 在 2026-03-02 10:00-11:00 已被班级"
	                          " C2026-03 占用");
	cr_assert_eq(query_int(db, "SELECT count(*) FROM cohort"), 1);
	/* Another room, another instructor, same time: fine; touching
	 * slots in the same room too. */
	cr_assert_eq(coh_create(db, "C2026-05", 2, 2, 20, "09:00-12:00",
	                        NULL, &err),
	             FD_OK, "%s", err.msg);
	db_close(db);
}

COHTEST(instructor_clash_refused)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};

	cr_assert_eq(coh_create(db, "A", 1, 1, 20, "09:00-12:00", NULL, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(coh_create(db, "B", 2, 1, 20, "11:00-13:00", NULL, &err),
	             FD_E_CONFLICT);
	cr_assert_not_null(strstr(err.msg, "讲师 T1 在 2026-03-02"),
	                   "%s", err.msg);
	cr_assert_eq(coh_create(db, "B", 1, 2, 20, "12:00-14:00", NULL, &err),
	             FD_OK, "%s", err.msg);
	db_close(db);
}

COHTEST(trainee_overlap_refused_and_move_rechecked)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	int64_t a = 0, b = 0, c = 0, sid;

	coh_member(1, "马小龙");
	cr_assert_eq(coh_create(db, "A", 1, 1, 20, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(coh_create(db, "B", 2, 2, 20, "10:00-11:00", &b, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(coh_create(db, "C", 2, 2, 20, "14:00-17:00", &c, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_enrol(db, a, 1, &st, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(st, COHORT_ENROLLED);
	coh_expect_state(db, 1, "enrolled");
	cr_assert_eq(cohort_enrol(db, b, 1, &st, &err), FD_E_CONFLICT);
	cr_assert_not_null(strstr(err.msg, "马小龙"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "班级 A"), "%s", err.msg);
	cr_assert_eq(cohort_enrol(db, c, 1, &st, &err), FD_OK, "%s", err.msg);
	/* Moving a session of C onto B's room at the same time is
	 * refused, naming it (today is before the cohorts start). */
	cr_assert_eq(setenv(UTIL_TODAY_ENV, "2026-03-01", 1), 0);
	sid = query_int(db, "SELECT min(id) FROM session WHERE cohort_id = 3");
	cr_assert_eq(cohort_move_session(db, sid, "2026-03-03", "09:00", &err),
	             FD_E_CONFLICT);
	cr_assert_not_null(strstr(err.msg, "教室 202"), "%s", err.msg);
	/* That session lasts two hours. At 08:00 it touches B's 10:00 in
	 * room 202 (fine) but overlaps A's 09:00-12:00, which 马小龙 also
	 * attends: refused, naming him. At 07:00 it only touches A: moved. */
	err.msg[0] = '\0';
	cr_assert_eq(cohort_move_session(db, sid, "2026-03-03", "08:00", &err),
	             FD_E_CONFLICT, "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "学员 马小龙"), "%s", err.msg);
	cr_assert_eq(cohort_move_session(db, sid, "2026-03-03", "07:00", &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT start_min FROM session WHERE id = "
	                           "(SELECT min(id) FROM session WHERE "
	                           "cohort_id = 3)"),
	             420);
	db_close(db);
}

COHTEST(capacity_race_two_processes)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	int64_t a = 0;
	pid_t pid[2];

	coh_member(1, "甲");
	coh_member(2, "乙");
	coh_member(3, "丙");
	cr_assert_eq(coh_create(db, "A", 1, 1, 2, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_enrol(db, a, 1, &st, &err), FD_OK, "%s", err.msg);
	db_close(db);
	for (int k = 0; k < 2; k++) {
		pid[k] = fork();
		cr_assert_geq(pid[k], 0);
		if (pid[k] == 0) {
			struct fd_db *d = open_as("boss");
			enum cohort_enrol_status s2;
			enum fd_status r = cohort_enrol(d, a, 2 + k, &s2, &err);

			db_close(d);
			_exit(r == FD_OK ? 0 : 1);
		}
	}
	for (int k = 0; k < 2; k++) {
		int ws = 0;

		waitpid(pid[k], &ws, 0);
		cr_assert(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
	}
	db = open_as("boss");
	cr_assert_eq(query_int(db, "SELECT count(*) FROM enrolment WHERE"
	                           " status = 'enrolled'"),
	             2);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM enrolment WHERE"
	                           " status = 'waitlisted' AND position = 1"),
	             1);
	db_close(db);
}

COHTEST(waitlist_order_and_promotion)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	int64_t a = 0;

	for (int m = 1; m <= 4; m++)
		coh_member(m, "学员");
	cr_assert_eq(coh_create(db, "A", 1, 1, 1, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	for (int m = 1; m <= 4; m++) {
		cr_assert_eq(cohort_enrol(db, a, m, &st, &err), FD_OK, "%s",
		             err.msg);
		cr_assert_eq(st, m == 1 ? COHORT_ENROLLED : COHORT_WAITLISTED);
	}
	cr_assert_eq(cohort_enrol(db, a, 3, &st, &err), FD_E_EXISTS);
	cr_assert_eq(query_int(db, "SELECT group_concat(member_id, '') FROM"
	                           " (SELECT member_id FROM enrolment WHERE"
	                           " status = 'waitlisted' ORDER BY position)"),
	             234);
	coh_expect_state(db, 3, "waitlisted");
	cr_assert_eq(cohort_withdraw(db, a, 1, "", &err), FD_E_INVALID);
	cr_assert_eq(cohort_withdraw(db, a, 1, "外出务工", &err), FD_OK, "%s",
	             err.msg);
	/* Out of this cohort, still in the program: eligible again. */
	coh_expect_state(db, 1, "eligible");
	coh_expect_state(db, 2, "enrolled");
	cr_assert_eq(query_int(db, "SELECT member_id FROM enrolment WHERE"
	                           " status = 'enrolled'"),
	             2);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM wf_history WHERE"
	                           " entity_id = '2' AND transition = 'enrol'"),
	             1);
	/* A waiting person withdrawing frees no seat. */
	cr_assert_eq(cohort_withdraw(db, a, 3, "moved", &err), FD_OK, "%s",
	             err.msg);
	coh_expect_state(db, 4, "waitlisted");
	db_close(db);
}

COHTEST(attendance_totals_and_graduation_threshold)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	struct cohort_outcome *v = NULL;
	int64_t a = 0, first;
	int att = 0, ses = 0, k;
	size_t n = 0, g = 0, f = 0, marked = 0;
	double ratio;

	for (int m = 1; m <= 3; m++) {
		coh_member(m, "学员");
		if (m == 1)
			cr_assert_eq(coh_create(db, "A", 1, 1, 5,
			                        "09:00-12:00", &a, &err),
			             FD_OK, "%s", err.msg);
		cr_assert_eq(cohort_enrol(db, a, m, &st, &err), FD_OK);
	}
	ses = (int)query_int(db, "SELECT count(*) FROM session");
	first = query_int(db, "SELECT min(id) FROM session");
	k = ses - ses / 5; /* the threshold, about 80% */
	ratio = (double)k / ses;
	for (int i = 0; i < ses; i++) {
		cr_assert_eq(cohort_attendance_default(db, first + i, 'A',
		                                       &marked, &err),
		             FD_OK, "%s", err.msg);
		cr_assert_eq(marked, 3);
		if (i < k)
			cr_assert_eq(cohort_attendance_set(db, first + i, 1,
			                                   i % 2 ? 'L' : 'P',
			                                   &err),
			             FD_OK, "%s", err.msg);
		if (i < k - 1)
			cr_assert_eq(cohort_attendance_set(db, first + i, 2,
			                                   'P', &err),
			             FD_OK);
		if (i < ses - 1)
			cr_assert_eq(cohort_attendance_set(db, first + i, 3,
			                                   i ? 'P' : 'E', &err),
			             FD_OK);
	}
	cr_assert_eq(cohort_attendance_set(db, first, 1, 'X', &err),
	             FD_E_INVALID);
	cr_assert_eq(cohort_attendance_total(db, a, 1, &att, &ses, &err),
	             FD_OK);
	cr_assert_eq(att, k);
	cr_assert_eq(cohort_attendance_total(db, a, 3, &att, &ses, &err),
	             FD_OK);
	cr_assert_eq(att, ses - 2);
	for (int m = 1; m <= 3; m++)
		cr_assert_eq(cohort_assessment_set(db, a, m, m != 3, "80", "",
		                                   &err),
		             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_graduation_preview(db, a, ratio, &v, &n, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(n, 3);
	cr_assert(v[0].graduates, "%s", v[0].why);
	cr_assert(!v[1].graduates);
	cr_assert_not_null(strstr(v[1].why, "出勤"), "%s", v[1].why);
	cr_assert(!v[2].graduates);
	cr_assert_not_null(strstr(v[2].why, "考核未通过"), "%s",
	                   v[2].why);
	cohort_outcomes_free(v, n);
	cr_assert_eq(cohort_graduate(db, a, ratio, &g, &f, &err), FD_OK, "%s",
	             err.msg);
	cr_assert_eq(g, 1);
	cr_assert_eq(f, 2);
	coh_expect_state(db, 1, "graduated");
	coh_expect_state(db, 2, "failed");
	/* The outcome stays with the cohort; it graduates once. */
	{
		struct cohort_info c;
		struct cohort_trainee *r = NULL;
		size_t nr = 0;

		cr_assert_eq(cohort_get(db, a, &c, &err), FD_OK, "%s",
		             err.msg);
		cr_assert_eq(c.graduated, 1);
		cr_assert_eq(c.failed, 2);
		cr_assert_neq(c.graduated_at[0], '\0');
		cr_assert_eq(cohort_phase_on(&c, "2026-03-03"),
		             COHORT_GRADUATED);
		cr_assert_eq(cohort_roster(db, a, &r, &nr, &err), FD_OK);
		cr_assert_eq(nr, 3);
		cr_assert_str_eq(r[0].outcome, "graduated");
		cr_assert_eq(r[0].attended, k);
		cr_assert(r[0].assessed && r[0].passed);
		cr_assert(r[2].assessed && !r[2].passed);
		free(r);
	}
	cr_assert_eq(cohort_graduate(db, a, ratio, &g, &f, &err),
	             FD_E_INVALID);
	cr_assert_not_null(strstr(err.msg, "不能再次结业"), "%s", err.msg);
	coh_member(4, "学员");
	cr_assert_eq(cohort_enrol(db, a, 4, &st, &err), FD_E_INVALID);
	cr_assert_not_null(strstr(err.msg, "不能再报名"), "%s", err.msg);
	cr_assert_eq(cohort_attendance_set(db, first, 1, 'A', &err),
	             FD_E_INVALID);
	cr_assert_not_null(strstr(err.msg, "不能再改"), "%s", err.msg);
	cr_assert_eq(cohort_attendance_default(db, first, 'A', NULL, &err),
	             FD_E_INVALID);
	cr_assert_eq(cohort_assessment_set(db, a, 3, true, "90", "", &err),
	             FD_E_INVALID);
	cr_assert_eq(cohort_move_session(db, first, "2026-06-01", "09:00",
	                                 &err),
	             FD_E_INVALID);
	cr_assert_not_null(strstr(err.msg, "课表不能再改"), "%s", err.msg);
	cr_assert_eq(cohort_session_assign(db, first, 2, 0, false, &err),
	             FD_E_INVALID);
	cr_assert_eq(cohort_withdraw(db, a, 1, "搬家", &err), FD_E_INVALID);
	cr_assert_not_null(strstr(err.msg, "名单不能再改"), "%s", err.msg);
	cr_assert_eq(cohort_capacity_set(db, a, 9, NULL, &err), FD_E_INVALID);
	coh_expect_state(db, 1, "graduated");
	db_close(db);
}

COHTEST(reading_lists_counts_roster_and_marks)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	struct cohort_info *list = NULL, c;
	struct cohort_session_row *ses = NULL, one;
	struct cohort_trainee *r = NULL;
	int64_t a = 0, b = 0;
	size_t n = 0;

	cr_assert_eq(coh_create(db, "A", 1, 1, 2, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(coh_create(db, "B", 2, 2, 2, "09:00-12:00", &b, &err),
	             FD_OK, "%s", err.msg);
	coh_member(1, "丙");
	coh_member(2, "甲");
	coh_member(3, "乙");
	coh_member(4, "丁");
	for (int m = 1; m <= 4; m++)
		cr_assert_eq(cohort_enrol(db, a, m, &st, &err), FD_OK, "%s",
		             err.msg);
	cr_assert_eq(cohort_withdraw(db, a, 4, "moved away", &err), FD_OK,
	             "%s", err.msg);

	cr_assert_eq(cohort_list(db, &list, &n, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(list[0].code, "A"); /* same start: by code */
	cr_assert_eq(list[0].enrolled, 2);
	cr_assert_eq(list[0].waitlisted, 1);
	cr_assert_eq(list[0].withdrawn, 1);
	cr_assert_str_eq(list[0].room, "201");
	cr_assert_str_eq(list[0].room_name, "Room 201");
	cr_assert_str_eq(list[0].instructor, "T1");
	cr_assert_str_eq(list[0].start, "2026-03-02");
	cr_assert_gt(list[0].sessions, 10);
	cr_assert_eq(list[1].enrolled, 0);
	free(list);

	cr_assert_eq(cohort_get(db, a, &c, &err), FD_OK);
	cr_assert_eq(cohort_phase_on(&c, "2026-03-01"), COHORT_PLANNED);
	cr_assert_eq(cohort_phase_on(&c, "2026-03-02"), COHORT_RUNNING);
	cr_assert_eq(cohort_phase_on(&c, c.end), COHORT_RUNNING);
	cr_assert_eq(cohort_phase_on(&c, "2099-01-01"), COHORT_ENDED);
	{
		struct cohort_info none;

		cr_assert_eq(cohort_get(db, 999, &none, &err), FD_E_NOTFOUND);
	}

	/* Roster: enrolled by name, then the waitlist, then withdrawn. */
	cr_assert_eq(cohort_roster(db, a, &r, &n, &err), FD_OK, "%s",
	             err.msg);
	cr_assert_eq(n, 4);
	cr_assert_str_eq(r[0].status, "enrolled");
	cr_assert_str_eq(r[1].status, "enrolled");
	cr_assert_str_eq(r[2].status, "waitlisted");
	cr_assert_eq(r[2].member_id, 3);
	cr_assert_eq(r[2].position, 1);
	cr_assert_str_eq(r[3].status, "withdrawn");
	cr_assert_str_eq(r[0].hh_no, "H1");
	free(r);

	/* Sessions: a cohort's timetable, a week of all of them. */
	cr_assert_eq(cohort_sessions(db, a, &ses, &n, &err), FD_OK);
	cr_assert_eq((int)n, c.sessions);
	cr_assert_str_eq(ses[0].date, "2026-03-02");
	cr_assert_eq(ses[0].start, 9 * 60);
	cr_assert_str_eq(ses[0].cohort, "A");
	cr_assert_str_eq(ses[0].room, "201");
	cr_assert_eq(cohort_attendance_set(db, ses[0].id, 1, 'L', &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_session_get(db, ses[0].id, &one, &err), FD_OK);
	cr_assert_eq(one.marked, 1);
	cr_assert_eq(one.attended, 1);
	cr_assert_eq(cohort_session_marks(db, ses[0].id, &r, &n, &err),
	             FD_OK);
	cr_assert_eq(n, 2); /* the enrolled only */
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(r[i].mark, r[i].member_id == 1 ? 'L' : 0);
	free(r);
	free(ses);
	cr_assert_eq(cohort_sessions_between(db, "2026-03-02", "2026-03-08",
	                                     &ses, &n, &err),
	             FD_OK);
	/* Two cohorts, five days, one slot (split where a module ends),
	 * by date, then room, then time. */
	cr_assert_geq(n, 10);
	cr_assert_str_eq(ses[0].room, "201");
	cr_assert_str_eq(ses[n - 1].date, "2026-03-06");
	cr_assert_str_eq(ses[n - 1].room, "202");
	for (size_t i = 1; i < n; i++) {
		int d = strcmp(ses[i - 1].date, ses[i].date);
		int rm = strcmp(ses[i - 1].room, ses[i].room);

		cr_assert(d < 0 || (d == 0 && (rm < 0 || (rm == 0 &&
		                    ses[i - 1].start < ses[i].start))),
		          "row %zu out of order", i);
	}
	free(ses);

	/* Candidates: eligible or waiting elsewhere, not in this cohort. */
	cr_assert_eq(cohort_candidates(db, b, &r, &n, &err), FD_OK);
	/* 丁 (4) left A and is eligible again, 乙 (3) waits in A; 1, 2 are
	 * enrolled. */
	cr_assert_eq(n, 2);
	cr_assert_eq(r[0].member_id, 4);
	cr_assert_str_eq(r[0].status, "eligible");
	cr_assert_eq(r[1].member_id, 3);
	cr_assert_str_eq(r[1].status, "waitlisted");
	free(r);
	cr_assert_eq(cohort_candidates(db, a, &r, &n, &err), FD_OK);
	cr_assert_eq(n, 1); /* 丁 may come back */
	free(r);
	db_close(db);
}

/* Registers are taken by the roles of cohort.start (trainer, supervisor
 * in the shipped definitions): a front-desk login is refused, naming who
 * may, and nothing is marked; a trainer's first register starts the
 * cohort and its trainees. */
COHTEST(registers_are_taken_by_the_roles_of_cohort_start)
{
	struct fd_db *db = coh_open(), *desk, *teacher;
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	int64_t a = 0, first;

	cr_assert_eq(staff_add(db, "desk", "前台", ROLE_FRONTDESK, &err), FD_OK,
	             "%s", err.msg);
	cr_assert_eq(staff_add(db, "teacher", "马老师", ROLE_TRAINER, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(coh_create(db, "A", 1, 1, 5, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	coh_member(1, "甲");
	coh_member(2, "乙");
	cr_assert_eq(cohort_enrol(db, a, 1, &st, &err), FD_OK);
	cr_assert_eq(cohort_enrol(db, a, 2, &st, &err), FD_OK);
	first = query_int(db, "SELECT min(id) FROM session");
	desk = open_as("desk");
	cr_assert_eq(cohort_attendance_set(desk, first, 1, 'P', &err),
	             FD_E_DENIED);
	cr_assert_str_eq(err.msg,
	                 "你的角色（前台）不能点名，仅限：培训师、主管");
	cr_assert_eq(cohort_attendance_default(desk, first, 'P', NULL, &err),
	             FD_E_DENIED);
	cr_assert_eq(cohort_may(desk, COHORT_ACT_REGISTER, &err), FD_E_DENIED);
	db_close(desk);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM attendance"), 0);
	coh_expect_state(db, 1, "enrolled");
	teacher = open_as("teacher");
	cr_assert_eq(cohort_may(teacher, COHORT_ACT_REGISTER, &err), FD_OK);
	cr_assert_eq(cohort_attendance_set(teacher, first, 1, 'P', &err),
	             FD_OK, "%s", err.msg);
	db_close(teacher);
	coh_expect_state(db, 1, "in_training");
	coh_expect_state(db, 2, "in_training");
	cr_assert_eq(cohort_attendance_default(db, first, 'P', NULL, &err),
	             FD_OK, "%s", err.msg);
	db_close(db);
}

COHTEST(moving_the_last_session_moves_the_end_date)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	struct cohort_info c;
	int64_t a = 0, last;
	char next[11];

	cr_assert_eq(setenv(UTIL_TODAY_ENV, "2026-03-01", 1), 0);
	cr_assert_eq(coh_create(db, "A", 1, 1, 5, "09:00-17:00", &a, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_get(db, a, &c, &err), FD_OK);
	last = query_int(db, "SELECT id FROM session ORDER BY date DESC,"
	                     " start_min DESC LIMIT 1");
	/* The next Monday after the end (cohorts meet Mon-Fri). */
	cr_assert(schedule_date_add(c.end, 7 - schedule_weekday(c.end), next));
	while (!schedule_is_working_day(next))
		cr_assert(schedule_date_add(next, 1, next));
	cr_assert_eq(cohort_move_session(db, last, next, "09:00", &err), FD_OK,
	             "%s", err.msg);
	cr_assert_eq(cohort_get(db, a, &c, &err), FD_OK);
	cr_assert_str_eq(c.end, next);
	cr_assert_eq(c.version, 2);
	cr_assert_str_eq(c.start, "2026-03-02");
	db_close(db);
}

COHTEST(capacity_change_fills_seats_from_the_waitlist_in_order)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	struct cohort_info c;
	int64_t a = 0;
	size_t promoted = 9;

	cr_assert_eq(coh_create(db, "A", 1, 1, 1, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	for (int m = 1; m <= 4; m++) {
		coh_member(m, "学员");
		cr_assert_eq(cohort_enrol(db, a, m, &st, &err), FD_OK);
	}
	cr_assert_eq(cohort_capacity_set(db, a, 0, &promoted, &err),
	             FD_E_INVALID);
	cr_assert_eq(cohort_capacity_set(db, a, 3, &promoted, &err), FD_OK,
	             "%s", err.msg);
	cr_assert_eq(promoted, 2);
	coh_expect_state(db, 2, "enrolled");
	coh_expect_state(db, 3, "enrolled");
	coh_expect_state(db, 4, "waitlisted");
	cr_assert_eq(cohort_get(db, a, &c, &err), FD_OK);
	cr_assert_eq(c.capacity, 3);
	cr_assert_eq(c.enrolled, 3);
	cr_assert_eq(c.waitlisted, 1);
	cr_assert_eq(c.version, 2);
	/* Never below the people enrolled. */
	cr_assert_eq(cohort_capacity_set(db, a, 2, &promoted, &err),
	             FD_E_INVALID);
	cr_assert_not_null(strstr(err.msg, "不能少于 3"), "%s", err.msg);
	cr_assert_eq(cohort_capacity_set(db, a, 3, &promoted, &err), FD_OK);
	cr_assert_eq(promoted, 0);
	db_close(db);
}

COHTEST(session_substitute_room_and_instructor_rechecked)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	struct cohort_session_row r;
	int64_t a = 0, b = 0, first, room3 = 0;

	cr_assert_eq(coh_create(db, "A", 1, 1, 5, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(coh_create(db, "B", 2, 2, 5, "09:00-12:00", &b, &err),
	             FD_OK, "%s", err.msg);
	first = query_int(db, "SELECT min(id) FROM session WHERE cohort_id = 1");
	/* B's teacher and B's room are busy at that time. */
	cr_assert_eq(cohort_session_assign(db, first, 0, 2, false, &err),
	             FD_E_CONFLICT);
	cr_assert_not_null(strstr(err.msg, "讲师 T2"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "班级 B"), "%s", err.msg);
	cr_assert_eq(cohort_session_assign(db, first, 2, 0, false, &err),
	             FD_E_CONFLICT);
	cr_assert_not_null(strstr(err.msg, "教室 202"), "%s", err.msg);
	cr_assert_eq(cohort_session_assign(db, first, 99, 0, false, &err),
	             FD_E_NOTFOUND);
	cr_assert_eq(cohort_session_assign(db, 99999, 1, 0, false, &err),
	             FD_E_NOTFOUND);
	/* A free room: the session moves there; A's room is then free at
	 * that time for another cohort's session. */
	cr_assert_eq(cohort_room_add(db, "203", "Room 203", 30, &room3, &err),
	             FD_OK);
	cr_assert_eq(cohort_session_assign(db, first, room3, 0, false, &err), FD_OK,
	             "%s", err.msg);
	cr_assert_eq(cohort_session_get(db, first, &r, &err), FD_OK);
	cr_assert_str_eq(r.room, "203");
	cr_assert_str_eq(r.instructor, "T1");
	cr_assert_eq(query_int(db, "SELECT count(*) FROM session WHERE"
	                           " room_id = 1 AND cohort_id = 1") +
	                 1,
	             query_int(db, "SELECT count(*) FROM session WHERE"
	                           " cohort_id = 1"));
	cr_assert_eq(cohort_session_get(db, 99999, &r, &err), FD_E_NOTFOUND);
	cr_assert_str_eq(err.msg, "没有这节课");
	/* From the third session on, T2's cohort B is in the way... */
	{
		int64_t third = query_int(db, "SELECT id FROM session WHERE"
		                              " cohort_id = 1 ORDER BY date,"
		                              " start_min LIMIT 1 OFFSET 2");
		int64_t t3 = 0;
		struct cohort_info c;

		cr_assert_eq(cohort_session_assign(db, third, 0, 2, true, &err),
		             FD_E_CONFLICT);
		cr_assert_eq(query_int(db, "SELECT count(*) FROM session WHERE"
		                           " cohort_id = 1 AND instructor_id ="
		                           " 2"),
		             0);
		/* ...a new instructor takes them all, and the cohort. */
		cr_assert_eq(cohort_instructor_add(db, "T3", "Wang", &t3, &err),
		             FD_OK);
		cr_assert_eq(cohort_session_assign(db, third, 0, t3, true, &err),
		             FD_OK, "%s", err.msg);
		cr_assert_eq(query_int(db, "SELECT count(*) FROM session WHERE"
		                           " cohort_id = 1 AND instructor_id <>"
		                           " 1"),
		             query_int(db, "SELECT count(*) FROM session WHERE"
		                           " cohort_id = 1") -
		                 2);
		cr_assert_eq(cohort_get(db, a, &c, &err), FD_OK);
		cr_assert_str_eq(c.instructor, "T3");
		cr_assert_str_eq(c.room, "201"); /* kept */
	}
	db_close(db);
}

/* The path is one per person; two cohorts (not overlapping) each
 * graduate, whatever the other said: graduated stays graduated, failed
 * then passed is trained again and graduates. */
COHTEST(one_trainee_in_two_cohorts_graduates_from_either)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	int64_t a = 0, b = 0;
	size_t g = 0, f = 0;

	cr_assert_eq(coh_create(db, "A", 1, 1, 5, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(coh_create(db, "B", 2, 2, 5, "14:00-17:00", &b, &err),
	             FD_OK, "%s", err.msg);
	coh_member(1, "甲");
	coh_member(2, "乙");
	for (int m = 1; m <= 2; m++) {
		cr_assert_eq(cohort_enrol(db, a, m, &st, &err), FD_OK, "%s",
		             err.msg);
		cr_assert_eq(cohort_enrol(db, b, m, &st, &err), FD_OK, "%s",
		             err.msg);
	}
	/* A: 1 passes, 2 has no assessment and fails. */
	cr_assert_eq(cohort_assessment_set(db, a, 1, true, "", "", &err),
	             FD_OK);
	cr_assert_eq(cohort_graduate(db, a, 0.0, &g, &f, &err), FD_OK, "%s",
	             err.msg);
	cr_assert(g == 1 && f == 1);
	coh_expect_state(db, 1, "graduated");
	coh_expect_state(db, 2, "failed");
	/* B: 1 fails (stays graduated), 2 passes (trained again). */
	cr_assert_eq(cohort_assessment_set(db, b, 2, true, "", "", &err),
	             FD_OK);
	cr_assert_eq(cohort_graduate(db, b, 0.0, &g, &f, &err), FD_OK, "%s",
	             err.msg);
	cr_assert(g == 1 && f == 1);
	coh_expect_state(db, 1, "graduated");
	coh_expect_state(db, 2, "graduated");
	cr_assert_eq(query_int(db, "SELECT count(*) FROM enrolment WHERE"
	                           " cohort_id = 2 AND outcome = 'failed'"
	                           " AND member_id = 1"),
	             1);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM wf_history WHERE"
	                           " entity_id = '2' AND transition ="
	                           " 'retrain'"),
	             1);
	db_close(db);
}

/* Leaving one cohort is not leaving the program: the other cohort keeps
 * the trainee; leaving the program (the path's withdraw) releases every
 * seat and waitlist place. */
COHTEST(leaving_a_cohort_keeps_the_others)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	int64_t a = 0, b = 0;

	cr_assert_eq(coh_create(db, "A", 1, 1, 5, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(coh_create(db, "B", 2, 2, 1, "14:00-17:00", &b, &err),
	             FD_OK, "%s", err.msg);
	coh_member(1, "甲");
	coh_member(2, "乙");
	cr_assert_eq(cohort_enrol(db, b, 2, &st, &err), FD_OK);
	cr_assert_eq(cohort_enrol(db, a, 1, &st, &err), FD_OK);
	cr_assert_eq(cohort_enrol(db, b, 1, &st, &err), FD_OK);
	cr_assert_eq(st, COHORT_WAITLISTED);
	cr_assert_eq(cohort_withdraw(db, b, 1, "不等了", &err), FD_OK, "%s",
	             err.msg);
	coh_expect_state(db, 1, "enrolled");
	cr_assert_eq(query_int(db, "SELECT count(*) FROM enrolment WHERE"
	                           " member_id = 1 AND cohort_id = 1 AND"
	                           " status = 'enrolled'"),
	             1);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM audit WHERE"
	                           " entity = 'enrolment' AND note = '不等了'"),
	             2);
	/* Leaving the program: every seat goes, the next person moves up. */
	cr_assert_eq(cohort_withdraw(db, b, 2, "x", &err), FD_OK);
	coh_expect_state(db, 2, "eligible");
	cr_assert_eq(cohort_enrol(db, b, 2, &st, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_enrol(db, a, 2, &st, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(workflow_apply(db, "participant", "2", "withdraw", NULL,
	                            "外出务工", &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM enrolment WHERE"
	                           " member_id = 2 AND status <> 'withdrawn'"),
	             0);
	db_close(db);
}

COHTEST(seat_guard_refuses_on_its_own)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	int64_t a = 0;

	cr_assert_eq(coh_create(db, "A", 1, 1, 1, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	coh_member(1, "甲");
	coh_member(2, "乙");
	/* Two enrolment rows for one seat, written behind the model's back:
	 * the guard alone must refuse to move either into enrolled. */
	raw_exec("INSERT INTO enrolment (cohort_id, member_id, status, at)"
	         " VALUES (1, 1, 'enrolled', 'x'), (1, 2, 'enrolled', 'x')");
	cr_assert_eq(workflow_apply(db, "participant", "2", "enrol", NULL,
	                            NULL, &err),
	             FD_E_DENIED, "%s", err.msg);
	coh_expect_state(db, 2, "eligible");
	raw_exec("DELETE FROM enrolment WHERE member_id = 2");
	cr_assert_eq(workflow_apply(db, "participant", "1", "enrol", NULL,
	                            NULL, &err),
	             FD_OK, "%s", err.msg);
	coh_expect_state(db, 1, "enrolled");
	db_close(db);
}

/* The register of a session still to come is refused, one mark or the
 * rest at once, naming its day; today's and earlier ones are taken. */
COHTEST(no_marks_before_the_session_day)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	int64_t a = 0, mon, tue, wed;
	size_t n = 9;

	cr_assert_eq(setenv(UTIL_TODAY_ENV, "2026-03-03", 1), 0);
	coh_member(1, "甲");
	coh_member(2, "乙");
	cr_assert_eq(coh_create(db, "A", 1, 1, 5, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_enrol(db, a, 1, &st, &err), FD_OK);
	cr_assert_eq(cohort_enrol(db, a, 2, &st, &err), FD_OK);
	mon = query_int(db, "SELECT min(id) FROM session WHERE date ="
	                    " '2026-03-02'");
	tue = query_int(db, "SELECT min(id) FROM session WHERE date ="
	                    " '2026-03-03'");
	wed = query_int(db, "SELECT min(id) FROM session WHERE date ="
	                    " '2026-03-04'");
	/* Monday (yesterday) and Tuesday (today): taken. */
	cr_assert_eq(cohort_attendance_set(db, mon, 1, 'P', &err), FD_OK,
	             "%s", err.msg);
	cr_assert_eq(cohort_attendance_default(db, tue, 'P', &n, &err), FD_OK,
	             "%s", err.msg);
	cr_assert_eq(n, 2);
	/* Wednesday: still to come. */
	cr_assert_eq(cohort_attendance_set(db, wed, 1, 'P', &err),
	             FD_E_INVALID);
	cr_assert_str_eq(err.msg, "这节课在 2026-03-04，还没到，不能记考勤");
	cr_assert_eq(cohort_attendance_default(db, wed, 'A', &n, &err),
	             FD_E_INVALID);
	cr_assert_eq(n, 0);
	cr_assert_not_null(strstr(err.msg, "还没到"), "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM attendance"), 3);
	/* The day comes: the same mark is taken. */
	cr_assert_eq(setenv(UTIL_TODAY_ENV, "2026-03-04", 1), 0);
	cr_assert_eq(cohort_attendance_set(db, wed, 1, 'P', &err), FD_OK,
	             "%s", err.msg);
	db_close(db);
}

/* A session whose register has been taken stays where it was held (its
 * marks would move with it), and none goes to a day before today. */
COHTEST(move_refused_once_marked_or_into_the_past)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	int64_t a = 0, mon, tue, fri;

	cr_assert_eq(setenv(UTIL_TODAY_ENV, "2026-03-04", 1), 0);
	coh_member(1, "甲");
	coh_member(2, "乙");
	cr_assert_eq(coh_create(db, "A", 1, 1, 5, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_enrol(db, a, 1, &st, &err), FD_OK);
	cr_assert_eq(cohort_enrol(db, a, 2, &st, &err), FD_OK);
	mon = query_int(db, "SELECT min(id) FROM session WHERE date ="
	                    " '2026-03-02'");
	tue = query_int(db, "SELECT min(id) FROM session WHERE date ="
	                    " '2026-03-03'");
	fri = query_int(db, "SELECT max(id) FROM session WHERE date ="
	                    " '2026-03-06'");
	cr_assert_eq(cohort_attendance_default(db, mon, 'P', NULL, &err),
	             FD_OK, "%s", err.msg);
	/* Marked: refused, to a later day as well; nothing changes. */
	cr_assert_eq(cohort_move_session(db, mon, "2026-03-09", "14:00", &err),
	             FD_E_INVALID);
	cr_assert_str_eq(err.msg, "这节课已点名（2 人），不能调课");
	cr_assert_eq(query_int(db, "SELECT count(*) FROM attendance a JOIN"
	                           " session s ON s.id = a.session_id WHERE"
	                           " s.date = '2026-03-02'"),
	             2);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM session WHERE"
	                           " date = '2026-03-09' AND start_min = 840"),
	             0);
	/* Friday's session (not marked) may not go back to Tuesday... */
	cr_assert_eq(cohort_move_session(db, fri, "2026-03-03", "14:00", &err),
	             FD_E_INVALID);
	cr_assert_str_eq(err.msg, "不能把课调到今天（2026-03-04）以前");
	/* ...nor stay on a past day at another time: yesterday's unmarked
	 * session moved by its time alone. */
	cr_assert_eq(cohort_move_session(db, tue, "2026-03-03", "14:00", &err),
	             FD_E_INVALID);
	/* Today and later: moved. */
	cr_assert_eq(cohort_move_session(db, fri, "2026-03-04", "14:00", &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM session WHERE"
	                           " date = '2026-03-04' AND start_min = 840"),
	             1);
	db_close(db);
}

/* A substitute teacher for one session: that session reads as taught by
 * them (code and name), the others by the cohort's own. */
COHTEST(session_rows_carry_their_own_instructor)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	struct cohort_session_row one, *v = NULL;
	size_t n = 0;
	int64_t a = 0, first;

	cr_assert_eq(coh_create(db, "A", 1, 1, 5, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	first = query_int(db, "SELECT min(id) FROM session");
	cr_assert_eq(cohort_session_assign(db, first, 0, 2, false, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_session_get(db, first, &one, &err), FD_OK);
	cr_assert_str_eq(one.instructor, "T2");
	cr_assert_str_eq(one.instructor_name, "Li");
	cr_assert_eq(cohort_sessions(db, a, &v, &n, &err), FD_OK);
	cr_assert_gt(n, 1);
	cr_assert_str_eq(v[0].instructor_name, "Li");
	cr_assert_str_eq(v[1].instructor, "T1");
	cr_assert_str_eq(v[1].instructor_name, "Ma");
	free(v);
	db_close(db);
}

/* A score or a note before the result leaves the trainee not assessed
 * (graduation says so, not "failed"); y / n then records the result and
 * keeps them; a later note keeps the result. */
COHTEST(score_or_note_alone_leaves_the_result_pending)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	struct cohort_trainee *r = NULL;
	struct cohort_outcome *v = NULL;
	size_t n = 0;
	int64_t a = 0;
	char *note = NULL;

	coh_member(1, "甲");
	coh_member(2, "乙");
	cr_assert_eq(coh_create(db, "A", 1, 1, 5, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_enrol(db, a, 1, &st, &err), FD_OK);
	cr_assert_eq(cohort_enrol(db, a, 2, &st, &err), FD_OK);
	cr_assert_eq(cohort_assessment_detail_set(db, a, 1, "85", "", &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_assessment_detail_set(db, a, 2, "", "补考", &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM assessment WHERE"
	                           " passed IS NULL"),
	             2);
	cr_assert_eq(cohort_roster(db, a, &r, &n, &err), FD_OK);
	cr_assert_eq(n, 2);
	for (size_t i = 0; i < n; i++)
		cr_assert(!r[i].assessed && !r[i].passed, "%s", r[i].name);
	cr_assert_str_eq(r[0].member_id == 1 ? r[0].score : r[1].score, "85");
	free(r);
	cr_assert_eq(cohort_assessment_note(db, a, 2, &note, &err), FD_OK);
	cr_assert_str_eq(note, "补考");
	free(note);
	cr_assert_eq(cohort_graduation_preview(db, a, 0.8, &v, &n, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(n, 2);
	for (size_t i = 0; i < n; i++) {
		cr_assert(!v[i].assessed);
		cr_assert_not_null(strstr(v[i].why, "未录入考核"), "%s",
		                   v[i].why);
		cr_assert_null(strstr(v[i].why, "考核未通过"), "%s", v[i].why);
	}
	cohort_outcomes_free(v, n);
	/* y: passed, the score kept; a note afterwards keeps the result. */
	cr_assert_eq(cohort_assessment_set(db, a, 1, true, "85", "", &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_assessment_detail_set(db, a, 1, "85", "优秀", &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT passed FROM assessment WHERE"
	                           " member_id = 1"),
	             1);
	cr_assert_eq(cohort_assessment_set(db, a, 2, false, "", "补考", &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_graduation_preview(db, a, 0.0, &v, &n, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_not_null(strstr(v[1].why, "考核未通过"), "%s", v[1].why);
	cohort_outcomes_free(v, n);
	db_close(db);
}

/* ---- the waitlist's lifecycle ---- */

/* The history rows of member: "transition:from>to:reason;" oldest first. */
static char *
coh_history(struct fd_db *db, int member)
{
	struct fd_err err = {{0}};
	struct wf_event *ev = NULL;
	struct strbuf sb = {0};
	size_t n = 0;
	char id[16];

	snprintf(id, sizeof(id), "%d", member);
	cr_assert_eq(workflow_history(db, "participant", id, &ev, &n, &err),
	             FD_OK, "%s", err.msg);
	for (size_t i = 0; i < n; i++) {
		char *row = xasprintf("%s:%s>%s:%s;", ev[i].transition,
		                      ev[i].from, ev[i].to, ev[i].reason);

		strbuf_adds(&sb, row);
		free(row);
	}
	wf_history_free(ev, n);
	return sb.len ? strbuf_take(&sb) : xstrdup("");
}

/* A graduated cohort closes its waitlist in the same transaction: the
 * places lapse (kept, audited with the reason), the counts say 0, and a
 * person waiting with nowhere else to go is eligible again, in their
 * history; one enrolled elsewhere stays enrolled, one still waiting
 * elsewhere stays waitlisted. */
COHTEST(graduation_closes_the_waitlist)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	struct cohort_info c, *list = NULL;
	int64_t a = 0, b = 0, other = 0;
	size_t n = 0;
	char *h;

	cr_assert_eq(coh_create(db, "A", 1, 1, 1, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(coh_create(db, "B", 2, 2, 5, "14:00-17:00", &b, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(coh_create(db, "W", 2, 2, 1, "09:00-12:00", &other,
	                        &err),
	             FD_OK, "%s", err.msg);
	for (int m = 1; m <= 5; m++)
		coh_member(m, "学员");
	cr_assert_eq(cohort_enrol(db, a, 1, &st, &err), FD_OK);
	cr_assert_eq(cohort_enrol(db, a, 2, &st, &err), FD_OK); /* waits */
	cr_assert_eq(st, COHORT_WAITLISTED);
	cr_assert_eq(cohort_enrol(db, b, 3, &st, &err), FD_OK); /* enrolled */
	cr_assert_eq(cohort_enrol(db, a, 3, &st, &err), FD_OK); /* waits */
	cr_assert_eq(cohort_enrol(db, other, 5, &st, &err), FD_OK);
	cr_assert_eq(cohort_enrol(db, other, 4, &st, &err), FD_OK); /* waits */
	cr_assert_eq(cohort_enrol(db, a, 4, &st, &err), FD_OK); /* waits */
	cr_assert_eq(st, COHORT_WAITLISTED);
	cr_assert_eq(cohort_get(db, a, &c, &err), FD_OK);
	cr_assert_eq(c.waitlisted, 3);
	cr_assert_eq(cohort_graduate(db, a, 0.0, NULL, NULL, &err), FD_OK, "%s",
	             err.msg);
	cr_assert_eq(cohort_get(db, a, &c, &err), FD_OK);
	cr_assert_eq(c.waitlisted, 0);
	cr_assert_eq(cohort_list(db, &list, &n, &err), FD_OK);
	for (size_t i = 0; i < n; i++)
		if (list[i].id == a)
			cr_assert_eq(list[i].waitlisted, 0);
	free(list);
	/* Kept, in their order, lapsed, with the reason in the audit. */
	cr_assert_eq(query_int(db, "SELECT group_concat(member_id, '') FROM"
	                           " (SELECT member_id FROM enrolment WHERE"
	                           " cohort_id = 1 AND status = 'lapsed'"
	                           " ORDER BY position)"),
	             234);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM audit WHERE entity ="
	                           " 'enrolment' AND field = 'status' AND"
	                           " new_value = 'lapsed' AND note ="
	                           " '培训班已结业，候补失效'"),
	             3);
	coh_expect_state(db, 2, "eligible");
	h = coh_history(db, 2);
	cr_assert_not_null(strstr(h, "leave:waitlisted>eligible:培训班已结业，"
	                             "候补失效;"),
	                   "%s", h);
	free(h);
	coh_expect_state(db, 3, "enrolled");
	coh_expect_state(db, 4, "waitlisted"); /* still waiting for W */
	cr_assert_eq(query_int(db, "SELECT count(*) FROM enrolment WHERE"
	                           " member_id = 4 AND cohort_id = 3 AND"
	                           " status = 'waitlisted'"),
	             1);
	db_close(db);
}

/* Moving up is checked like an enrolment: the first person waiting who
 * is now enrolled in an overlapping cohort, and the next one whose path
 * can no longer be enrolled, keep their places; the third moves up. A
 * person already enrolled in another, non-overlapping cohort moves up
 * with the step in their history though their path stays enrolled. */
COHTEST(promotion_rechecked_and_in_the_history)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	int64_t a = 0, b = 0, pm = 0;
	char *h;

	cr_assert_eq(coh_create(db, "A", 1, 1, 1, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(coh_create(db, "B", 2, 2, 5, "10:00-11:00", &b, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(coh_create(db, "PM", 2, 2, 5, "14:00-17:00", &pm, &err),
	             FD_OK, "%s", err.msg);
	for (int m = 1; m <= 5; m++)
		coh_member(m, "学员");
	coh_member(6, "马小龙");
	cr_assert_eq(cohort_enrol(db, a, 1, &st, &err), FD_OK);
	cr_assert_eq(cohort_enrol(db, a, 6, &st, &err), FD_OK); /* waits */
	cr_assert_eq(cohort_enrol(db, a, 2, &st, &err), FD_OK); /* waits */
	cr_assert_eq(cohort_enrol(db, a, 3, &st, &err), FD_OK); /* waits */
	cr_assert_eq(st, COHORT_WAITLISTED);
	/* (c) A waitlist place takes no time: 6 may enrol in B, which
	 * overlaps A, without a clash. */
	cr_assert_eq(cohort_enrol(db, b, 6, &st, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(st, COHORT_ENROLLED);
	/* 2 has left the program meanwhile (an override, no effects). */
	cr_assert_eq(workflow_override(db, "participant", "2", "withdrawn",
	                               "records", &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_withdraw(db, a, 1, "搬家", &err), FD_OK, "%s",
	             err.msg);
	cr_assert_eq(query_int(db, "SELECT member_id FROM enrolment WHERE"
	                           " cohort_id = 1 AND status = 'enrolled'"),
	             3);
	cr_assert_eq(query_int(db, "SELECT group_concat(member_id, '') FROM"
	                           " (SELECT member_id FROM enrolment WHERE"
	                           " cohort_id = 1 AND status = 'waitlisted'"
	                           " ORDER BY position)"),
	             62);
	coh_expect_state(db, 3, "enrolled");
	h = coh_history(db, 3);
	cr_assert_not_null(strstr(h, "enrol:waitlisted>enrolled:候补转正：A;"),
	                   "%s", h);
	free(h);
	coh_expect_state(db, 2, "withdrawn");
	coh_expect_state(db, 6, "enrolled");

	/* 4 is enrolled in PM (afternoons) and waits for A: when 3
	 * leaves A, the seat skips 6 (B overlaps) and 2 (withdrawn), 4
	 * moves up: the path stays enrolled, the step is in the history. */
	cr_assert_eq(cohort_enrol(db, pm, 4, &st, &err), FD_OK);
	cr_assert_eq(cohort_enrol(db, a, 4, &st, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(st, COHORT_WAITLISTED);
	cr_assert_eq(cohort_withdraw(db, a, 3, "外出务工", &err), FD_OK, "%s",
	             err.msg);
	cr_assert_eq(query_int(db, "SELECT member_id FROM enrolment WHERE"
	                           " cohort_id = 1 AND status = 'enrolled'"),
	             4);
	coh_expect_state(db, 4, "enrolled");
	h = coh_history(db, 4);
	cr_assert_not_null(strstr(h, "enrol:enrolled>enrolled:候补转正：A;"),
	                   "%s", h);
	free(h);
	db_close(db);
}

/* ---- graduate / fail outside the cohort's graduation ---- */

/* Mark member at the first k sessions of cohort a present, the rest
 * absent. */
static void
coh_attend(struct fd_db *db, int64_t a, int member, int k)
{
	struct fd_err err = {{0}};
	char sql[160];
	int64_t first, ses;

	snprintf(sql, sizeof(sql),
	         "SELECT min(id) FROM session WHERE cohort_id = %lld",
	         (long long)a);
	first = query_int(db, sql);
	snprintf(sql, sizeof(sql),
	         "SELECT count(*) FROM session WHERE cohort_id = %lld",
	         (long long)a);
	ses = query_int(db, sql);
	for (int64_t i = 0; i < ses; i++)
		cr_assert_eq(cohort_attendance_set(db, first + i, member,
		                                   i < k ? 'P' : 'A', &err),
		             FD_OK, "%s", err.msg);
}

/* The path screen's 结业 / 未通过考核 follow the cohort's rule: blocked
 * (and refused) with the reason while it is not met, allowed once it is,
 * and the cohort records the outcome; fail is the other way round. A
 * supervisor's override still goes anywhere. */
COHTEST(path_graduate_and_fail_follow_the_rule)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	struct wf_action *acts = NULL;
	struct cohort_info c;
	int64_t a = 0, ses;
	size_t n = 0;
	int half;

	cr_assert_eq(coh_create(db, "A", 1, 1, 5, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	for (int m = 1; m <= 3; m++) {
		coh_member(m, "学员");
		cr_assert_eq(cohort_enrol(db, a, m, &st, &err), FD_OK);
	}
	ses = query_int(db, "SELECT count(*) FROM session");
	half = (int)ses / 2;
	coh_attend(db, a, 1, half);
	coh_attend(db, a, 2, (int)ses);
	coh_attend(db, a, 3, (int)ses);
	cr_assert_eq(cohort_assessment_set(db, a, 2, true, "90", "", &err),
	             FD_OK);
	coh_expect_state(db, 1, "in_training");
	/* 1: half the sessions, no assessment: 结业 is blocked, saying
	 * why, on the path screen and when applied. */
	cr_assert_eq(workflow_actions(db, "participant", "1", NULL, &acts, &n,
	                              &err),
	             FD_OK);
	for (size_t i = 0; i < n; i++)
		if (strcmp(acts[i].t->name, "graduate") == 0) {
			cr_assert(!acts[i].allowed);
			cr_assert_not_null(strstr(acts[i].why, "班级 A：出勤"),
			                   "%s", acts[i].why);
		} else if (strcmp(acts[i].t->name, "fail") == 0) {
			cr_assert(acts[i].allowed, "%s", acts[i].why);
		}
	wf_actions_free(acts, n);
	cr_assert_eq(workflow_apply(db, "participant", "1", "graduate", NULL,
	                            NULL, &err),
	             FD_E_DENIED);
	cr_assert_not_null(strstr(err.msg, "低于 80%"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "未录入考核结果"), "%s", err.msg);
	/* The threshold is the configured one. */
	cohort_set_min_attendance(0.4);
	cr_assert_eq(workflow_apply(db, "participant", "1", "graduate", NULL,
	                            NULL, &err),
	             FD_E_DENIED);
	cr_assert_null(strstr(err.msg, "出勤"), "%s", err.msg);
	cohort_set_min_attendance(0.8);
	cr_assert_eq(workflow_apply(db, "participant", "1", "fail", NULL,
	                            "缺课太多", &err),
	             FD_OK, "%s", err.msg);
	coh_expect_state(db, 1, "failed");
	/* 2 meets the rule: fail is refused, graduate records it. */
	cr_assert_eq(workflow_apply(db, "participant", "2", "fail", NULL, "x",
	                            &err),
	             FD_E_DENIED);
	cr_assert_not_null(strstr(err.msg, "已达到结业条件"), "%s", err.msg);
	cr_assert_eq(workflow_apply(db, "participant", "2", "graduate", NULL,
	                            NULL, &err),
	             FD_OK, "%s", err.msg);
	/* The cohort has both outcomes, as its graduation tab would. */
	cr_assert_eq(cohort_get(db, a, &c, &err), FD_OK);
	cr_assert_eq(c.graduated, 1);
	cr_assert_eq(c.failed, 1);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM enrolment WHERE"
	                           " member_id = 2 AND outcome = 'graduated'"),
	             1);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM enrolment WHERE"
	                           " member_id = 1 AND outcome = 'failed'"),
	             1);
	/* 3 passed no assessment: blocked, but a supervisor may override;
	 * the override is recorded as the cohort's outcome too (it used to
	 * leave it empty, and the cohort's graduation then failed 3 while
	 * the path said graduated). */
	cr_assert_eq(workflow_apply(db, "participant", "3", "graduate", NULL,
	                            NULL, &err),
	             FD_E_DENIED);
	cr_assert_eq(workflow_override(db, "participant", "3", "graduated",
	                               "考核记录在纸上", &err),
	             FD_OK, "%s", err.msg);
	coh_expect_state(db, 3, "graduated");
	cr_assert_eq(query_int(db, "SELECT count(*) FROM enrolment WHERE"
	                           " member_id = 3 AND outcome = 'graduated'"),
	             1);
	/* The cohort's graduation later agrees with what was recorded. */
	cr_assert_eq(cohort_graduate(db, a, 0.8, NULL, NULL, &err), FD_OK, "%s",
	             err.msg);
	coh_expect_state(db, 1, "failed");
	coh_expect_state(db, 2, "graduated");
	coh_expect_state(db, 3, "graduated");
	cr_assert_eq(cohort_get(db, a, &c, &err), FD_OK);
	cr_assert_eq(c.graduated, 2);
	cr_assert_eq(c.failed, 1);
	db_close(db);
}

/* Without a cohort to judge by (none, or only graduated ones), the path
 * screen's graduate is refused, saying so. */
COHTEST(path_graduate_needs_a_cohort_in_training)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};

	coh_member(1, "甲");
	cr_assert_eq(workflow_override(db, "participant", "1", "in_training",
	                               "补录", &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(workflow_apply(db, "participant", "1", "graduate", NULL,
	                            NULL, &err),
	             FD_E_DENIED);
	cr_assert_str_eq(err.msg, "不在任何未结业的培训班中");
	db_close(db);
}

/* ---- the cohort's own path ---- */

/* A cohort enters its machine when it is created (planned, then open), in
 * that transaction; its first register starts it; its graduation
 * finishes it; each in the history and in the audit of its state row. A
 * cohort created before it had a path catches up at its first
 * register. */
COHTEST(cohort_path_follows_create_register_graduate)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	struct wf_event *ev = NULL;
	int64_t a = 0, b = 0, first;
	size_t n = 0;
	char *s = NULL;

	cr_assert_eq(coh_create(db, "A", 1, 1, 5, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(workflow_state(db, "cohort", "1", &s, &err), FD_OK);
	cr_assert_str_eq(s, "open");
	free(s);
	/* A refused creation leaves no path behind. */
	cr_assert_eq(coh_create(db, "A2", 1, 1, 5, "09:00-12:00", NULL, &err),
	             FD_E_CONFLICT);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM wf_state WHERE"
	                           " machine = 'cohort'"),
	             1);
	coh_member(1, "甲");
	cr_assert_eq(cohort_enrol(db, a, 1, &st, &err), FD_OK);
	first = query_int(db, "SELECT min(id) FROM session");
	cr_assert_eq(cohort_attendance_set(db, first, 1, 'P', &err), FD_OK,
	             "%s", err.msg);
	cr_assert_eq(cohort_attendance_set(db, first + 1, 1, 'P', &err), FD_OK,
	             "%s", err.msg);
	cr_assert_eq(cohort_graduate(db, a, 0.0, NULL, NULL, &err), FD_OK, "%s",
	             err.msg);
	cr_assert_eq(workflow_history(db, "cohort", "1", &ev, &n, &err), FD_OK);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(ev[0].from, "planned");
	cr_assert_str_eq(ev[0].transition, "open");
	cr_assert_str_eq(ev[1].transition, "start");
	cr_assert_str_eq(ev[2].transition, "finish");
	cr_assert_str_eq(ev[2].to, "finished");
	wf_history_free(ev, n);
	/* The insert, then the state twice (each change also writes version
	 * and updated_at rows, updated_at only when the millisecond moved:
	 * not counted, or the test depends on the clock). */
	cr_assert_eq(query_int(db, "SELECT count(*) FROM audit WHERE entity ="
	                           " 'wf_state' AND entity_id = 'cohort:1'"
	                           " AND field IN ('*', 'state')"),
	             3);
	/* A cohort without a path row (made before paths): its first
	 * register opens and starts it. */
	cr_assert_eq(coh_create(db, "B", 2, 2, 5, "14:00-17:00", &b, &err),
	             FD_OK, "%s", err.msg);
	raw_exec("DELETE FROM wf_state WHERE key = 'cohort:2'");
	coh_member(2, "乙");
	cr_assert_eq(cohort_enrol(db, b, 2, &st, &err), FD_OK);
	first = query_int(db, "SELECT min(id) FROM session WHERE cohort_id = 2");
	cr_assert_eq(cohort_attendance_default(db, first, 'P', NULL, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(workflow_state(db, "cohort", "2", &s, &err), FD_OK);
	cr_assert_str_eq(s, "running");
	free(s);
	db_close(db);
}

/* ---- who may change cohorts ---- */

/* Logins of each role on db (boss is the supervisor). */
static void
coh_staff(struct fd_db *db)
{
	struct fd_err err = {{0}};

	cr_assert_eq(staff_add(db, "desk", "", ROLE_FRONTDESK, &err), FD_OK,
	             "%s", err.msg);
	cr_assert_eq(staff_add(db, "teacher", "", ROLE_TRAINER, &err), FD_OK,
	             "%s", err.msg);
	cr_assert_eq(staff_add(db, "placer", "", ROLE_PLACEMENT, &err), FD_OK,
	             "%s", err.msg);
}

/* A placement login (and a front-desk one) may not create or change
 * cohorts, take registers or record assessments; each refusal names the
 * roles that may (those of the cohort path in workflow.ini); a
 * front-desk login still enrols and withdraws; a trainer does the rest. */
COHTEST(cohort_changes_by_the_roles_of_the_workflow)
{
	struct fd_db *db = coh_open(), *placer, *desk, *teacher;
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	int64_t a = 0, sid;
	size_t promoted = 0;
	const struct cohort_spec spec = {.code = "P1",
	                                 .track = "cs",
	                                 .start = "2026-09-07",
	                                 .weekdays = SCHEDULE_MON_FRI,
	                                 .slots = "09:00-12:00",
	                                 .room_id = 1,
	                                 .instructor_id = 1,
	                                 .capacity = 5};

	coh_staff(db);
	cr_assert_eq(coh_create(db, "A", 1, 1, 1, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	sid = query_int(db, "SELECT min(id) FROM session");
	coh_member(1, "甲");
	coh_member(2, "乙");
	placer = open_as("placer");
	cr_assert_eq(cohort_create(placer, &spec, NULL, &err), FD_E_DENIED);
	cr_assert_str_eq(err.msg,
	                 "你的角色（就业专员）不能建班，仅限：培训师、主管");
	cr_assert_eq(cohort_capacity_set(placer, a, 9, NULL, &err),
	             FD_E_DENIED);
	cr_assert_not_null(strstr(err.msg, "不能修改名额"), "%s", err.msg);
	cr_assert_eq(cohort_move_session(placer, sid, "2026-03-03", "14:00",
	                                 &err),
	             FD_E_DENIED);
	cr_assert_eq(cohort_session_assign(placer, sid, 2, 2, true, &err),
	             FD_E_DENIED);
	cr_assert_eq(cohort_room_add(placer, "301", "", 10, NULL, &err),
	             FD_E_DENIED);
	cr_assert_eq(cohort_attendance_default(placer, sid, 'P', NULL, &err),
	             FD_E_DENIED);
	cr_assert_eq(cohort_assessment_set(placer, a, 1, true, "", "", &err),
	             FD_E_DENIED);
	cr_assert_eq(cohort_enrol(placer, a, 1, &st, &err), FD_E_DENIED);
	cr_assert_str_eq(err.msg, "你的角色（就业专员）不能报名或列入候补，"
	                          "仅限：前台、培训师、主管");
	cr_assert_eq(cohort_graduate(placer, a, 0.8, NULL, NULL, &err),
	             FD_E_DENIED);
	db_close(placer);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM cohort"), 1);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM room"), 2);
	cr_assert_eq(query_int(db, "SELECT capacity FROM cohort"), 1);
	/* Front desk: enrols and waitlists, withdraws; no cohort changes. */
	desk = open_as("desk");
	cr_assert_eq(cohort_create(desk, &spec, NULL, &err), FD_E_DENIED);
	cr_assert_not_null(strstr(err.msg, "（前台）"), "%s", err.msg);
	cr_assert_eq(cohort_capacity_set(desk, a, 9, NULL, &err), FD_E_DENIED);
	cr_assert_eq(cohort_enrol(desk, a, 1, &st, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_enrol(desk, a, 2, &st, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(st, COHORT_WAITLISTED);
	cr_assert_eq(cohort_withdraw(desk, a, 2, "不等了", &err), FD_OK, "%s",
	             err.msg);
	db_close(desk);
	/* A trainer changes the cohort. */
	teacher = open_as("teacher");
	cr_assert_eq(cohort_capacity_set(teacher, a, 3, &promoted, &err), FD_OK,
	             "%s", err.msg);
	cr_assert_eq(cohort_create(teacher, &spec, NULL, &err), FD_OK, "%s",
	             err.msg);
	cr_assert_eq(cohort_attendance_set(teacher, sid, 1, 'P', &err), FD_OK,
	             "%s", err.msg);
	db_close(teacher);
	db_close(db);
}

/* The roles are the loaded workflow's: a definition giving the cohort
 * path to placement and supervisor lets a placement login create
 * cohorts and refuses a trainer, naming the new roles. */
COHTEST(cohort_roles_come_from_the_loaded_workflow)
{
	const struct fd_asset *asset = assets_find("workflow.ini");
	struct fd_db *db, *placer, *teacher;
	struct fd_err err = {{0}};
	char *text, *sec, *end;
	const struct cohort_spec spec = {.code = "P1",
	                                 .track = "cs",
	                                 .start = "2026-09-07",
	                                 .weekdays = SCHEDULE_MON_FRI,
	                                 .slots = "09:00-12:00",
	                                 .room_id = 1,
	                                 .instructor_id = 1,
	                                 .capacity = 5};

	struct strbuf sb = {0};
	const char *from = "trainer supervisor", *p;

	cr_assert_not_null(asset);
	text = xstrndup((const char *)asset->data, asset->len);
	sec = strstr(text, "[machine cohort]");
	end = strstr(text, "[machine placement]");
	cr_assert(sec && end);
	/* Every "trainer supervisor" of the cohort section becomes
	 * "placement supervisor". */
	strbuf_add(&sb, text, (size_t)(sec - text));
	for (p = sec; p < end;) {
		const char *hit = strstr(p, from);

		if (!hit || hit >= end) {
			strbuf_add(&sb, p, (size_t)(end - p));
			break;
		}
		strbuf_add(&sb, p, (size_t)(hit - p));
		strbuf_adds(&sb, "placement supervisor");
		p = hit + strlen(from);
	}
	strbuf_adds(&sb, end);
	cr_assert_eq(workflow_load_buffer("custom.ini", sb.buf, sb.len, &err),
	             FD_OK, "%s", err.msg);
	strbuf_free(&sb);
	free(text);
	db = coh_open();
	coh_staff(db);
	teacher = open_as("teacher");
	cr_assert_eq(cohort_create(teacher, &spec, NULL, &err), FD_E_DENIED);
	cr_assert_str_eq(err.msg, "你的角色（培训师）不能建班，仅限：就业专员、"
	                          "主管");
	db_close(teacher);
	placer = open_as("placer");
	cr_assert_eq(cohort_create(placer, &spec, NULL, &err), FD_OK, "%s",
	             err.msg);
	db_close(placer);
	db_close(db);
}

/* ---- failing mid-course, overrides, moves to a past day ---- */

/* 未通过考核 mid-course only when the rule can no longer be met: one who
 * came to all but one of the sessions held so far, with the rest of the
 * course ahead, may still graduate (refused, saying so); one who missed
 * so many that the rest cannot make it up, or whose assessment was
 * recorded as not passed, may fail. Graduating still counts every
 * session. */
COHTEST(fail_mid_course_only_when_the_rule_cannot_be_met)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	struct wf_action *acts = NULL;
	int64_t a = 0, first, ses, held;
	size_t n = 0;
	char want[192];

	cr_assert_eq(coh_create(db, "A", 1, 1, 5, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	for (int m = 1; m <= 3; m++) {
		coh_member(m, "学员");
		cr_assert_eq(cohort_enrol(db, a, m, &st, &err), FD_OK);
	}
	ses = query_int(db, "SELECT count(*) FROM session");
	first = query_int(db, "SELECT min(id) FROM session");
	held = ses / 2;
	cr_assert_gt(ses, 10);
	/* Registers taken for the first half: 1 missed one, 2 came to
	 * none, 3 came to all but failed the assessment. */
	for (int64_t i = 0; i < held; i++) {
		cr_assert_eq(cohort_attendance_set(db, first + i, 1,
		                                   i ? 'P' : 'A', &err),
		             FD_OK, "%s", err.msg);
		cr_assert_eq(cohort_attendance_set(db, first + i, 2, 'A', &err),
		             FD_OK, "%s", err.msg);
		cr_assert_eq(cohort_attendance_set(db, first + i, 3, 'P', &err),
		             FD_OK, "%s", err.msg);
	}
	cr_assert_eq(cohort_assessment_set(db, a, 3, false, "40", "", &err),
	             FD_OK);
	coh_expect_state(db, 1, "in_training");
	snprintf(want, sizeof(want),
	         "班级 A：还可能达到出勤要求（已出勤 %lld/%lld，余 %lld 次课）",
	         (long long)held - 1, (long long)held, (long long)(ses - held));
	cr_assert_eq(workflow_actions(db, "participant", "1", NULL, &acts, &n,
	                              &err),
	             FD_OK);
	for (size_t i = 0; i < n; i++)
		if (strcmp(acts[i].t->name, "fail") == 0) {
			cr_assert(!acts[i].allowed);
			cr_assert_str_eq(acts[i].why, want);
		} else if (strcmp(acts[i].t->name, "graduate") == 0) {
			cr_assert(!acts[i].allowed); /* 14/36 of all sessions */
		}
	wf_actions_free(acts, n);
	cr_assert_eq(workflow_apply(db, "participant", "1", "fail", NULL,
	                            "缺课", &err),
	             FD_E_DENIED);
	cr_assert_str_eq(err.msg, want);
	cr_assert_eq(query_int(db, "SELECT count(*) FROM enrolment WHERE"
	                           " outcome <> ''"),
	             0);
	coh_expect_state(db, 1, "in_training");
	/* 2 cannot reach 80% any more; 3 failed the assessment. */
	cr_assert_eq(workflow_apply(db, "participant", "2", "fail", NULL,
	                            "缺课太多", &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(workflow_apply(db, "participant", "3", "fail", NULL,
	                            "考核未通过", &err),
	             FD_OK, "%s", err.msg);
	coh_expect_state(db, 2, "failed");
	coh_expect_state(db, 3, "failed");
	cr_assert_eq(query_int(db, "SELECT count(*) FROM enrolment WHERE"
	                           " outcome = 'failed'"),
	             2);
	/* Every session held and attended, no assessment yet: still not
	 * failed, the reason names the assessment. */
	for (int64_t i = held; i < ses; i++)
		cr_assert_eq(cohort_attendance_set(db, first + i, 1, 'P', &err),
		             FD_OK, "%s", err.msg);
	cr_assert_eq(workflow_apply(db, "participant", "1", "fail", NULL,
	                            "缺课", &err),
	             FD_E_DENIED);
	cr_assert_not_null(strstr(err.msg, "考核结果尚未录入"), "%s", err.msg);
	db_close(db);
}

/* A supervisor's override to 已结业 / 未通过 of someone in training is
 * the cohort's outcome for them too, and the cohort's graduation does not
 * judge them again: the preview says the path decided, and applying it
 * leaves path and cohort agreeing. */
COHTEST(override_is_the_cohort_outcome_and_not_judged_again)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	enum cohort_enrol_status st;
	struct cohort_outcome *v = NULL;
	struct cohort_info c;
	size_t n = 0, g = 0, f = 0;
	int64_t a = 0, ses;

	cr_assert_eq(coh_create(db, "A", 1, 1, 5, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	for (int m = 1; m <= 3; m++) {
		coh_member(m, "学员");
		cr_assert_eq(cohort_enrol(db, a, m, &st, &err), FD_OK);
	}
	ses = query_int(db, "SELECT count(*) FROM session");
	coh_attend(db, a, 1, 1);          /* would fail */
	coh_attend(db, a, 2, (int)ses);   /* would graduate */
	coh_attend(db, a, 3, 1);          /* would fail; decided before */
	cr_assert_eq(cohort_assessment_set(db, a, 2, true, "90", "", &err),
	             FD_OK);
	cr_assert_eq(workflow_override(db, "participant", "1", "graduated",
	                               "考核记录在纸上", &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(workflow_override(db, "participant", "2", "failed",
	                               "作弊", &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(query_int(db, "SELECT outcome = 'graduated' FROM"
	                           " enrolment WHERE member_id = 1"),
	             1);
	cr_assert_eq(query_int(db, "SELECT outcome = 'failed' FROM"
	                           " enrolment WHERE member_id = 2"),
	             1);
	/* 3 was overridden before overrides recorded the outcome: the path
	 * alone says graduated, and no other cohort accounts for it. */
	raw_exec("UPDATE wf_state SET state = 'graduated' WHERE key ="
	         " 'participant:3'");
	cr_assert_eq(cohort_graduation_preview(db, a, 0.8, &v, &n, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(n, 3);
	cr_assert(v[0].decided && v[0].graduates);
	cr_assert_str_eq(v[0].why, "已由流程决定：已结业");
	cr_assert(v[1].decided && !v[1].graduates);
	cr_assert_str_eq(v[1].why, "已由流程决定：未结业");
	cr_assert(v[2].decided && v[2].graduates);
	cohort_outcomes_free(v, n);
	cr_assert_eq(cohort_graduate(db, a, 0.8, &g, &f, &err), FD_OK, "%s",
	             err.msg);
	cr_assert_eq(g, 2);
	cr_assert_eq(f, 1);
	coh_expect_state(db, 1, "graduated");
	coh_expect_state(db, 2, "failed");
	coh_expect_state(db, 3, "graduated");
	cr_assert_eq(cohort_get(db, a, &c, &err), FD_OK);
	cr_assert_eq(c.graduated, 2);
	cr_assert_eq(c.failed, 1);
	cr_assert_eq(query_int(db, "SELECT outcome = 'graduated' FROM"
	                           " enrolment WHERE member_id = 3"),
	             1);
	db_close(db);
}

/* A move to a day gone by is refused for that, before the day's other
 * troubles (a weekend, an overlap with another session). */
COHTEST(move_to_a_past_day_says_so_first)
{
	struct fd_db *db = coh_open();
	struct fd_err err = {{0}};
	int64_t a = 0, fri;

	cr_assert_eq(setenv(UTIL_TODAY_ENV, "2026-03-11", 1), 0);
	cr_assert_eq(coh_create(db, "A", 1, 1, 5, "09:00-12:00", &a, &err),
	             FD_OK, "%s", err.msg);
	fri = query_int(db, "SELECT max(id) FROM session WHERE date ="
	                    " '2026-03-13'");
	/* A Saturday before today. */
	cr_assert_eq(cohort_move_session(db, fri, "2026-03-07", "09:00", &err),
	             FD_E_INVALID);
	cr_assert_str_eq(err.msg, "不能把课调到今天（2026-03-11）以前");
	/* Onto another session of the cohort, before today. */
	cr_assert_eq(cohort_move_session(db, fri, "2026-03-09", "09:00", &err),
	             FD_E_INVALID);
	cr_assert_str_eq(err.msg, "不能把课调到今天（2026-03-11）以前");
	db_close(db);
}
