/*
 * report.c: the cohorts report, a header and one line per cohort with
 * columns aligned in terminal columns (Chinese cells take two), numbers
 * right-aligned, "-" where there is nothing to rate yet, labels from the
 * catalog in Chinese and in English, a line saying so when there are no
 * cohorts.
 */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/cohort.h"
#include "frontdesk/i18n.h"
#include "frontdesk/report.h"
#include "frontdesk/schedule.h"
#include "frontdesk/utf8.h"
#include "frontdesk/workflow.h"

#include "fixture.h"

static void
rp_init(void)
{
	struct fd_err err = {{0}};

	fixture_setup();
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
	cr_assert_eq(i18n_load("zh", NULL, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(schedule_load(NULL, NULL, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(workflow_load(NULL, &err), FD_OK, "%s", err.msg);
}

static void
rp_fini(void)
{
	workflow_free();
	schedule_free();
	i18n_free();
	fixture_teardown();
}

#define RPTEST(name) Test(report, name, .init = rp_init, .fini = rp_fini)

/* Member id (household id too), an eligible participant. */
static void
rp_member(int id)
{
	char sql[900];

	snprintf(sql, sizeof(sql),
	         "INSERT INTO household (id, hh_no, verified, created_at,"
	         " updated_at) VALUES (%d, 'H%d', '1', 'x', 'x');"
	         "INSERT INTO member (id, household_id, id_number, name,"
	         " participant, created_at, updated_at) VALUES (%d, %d,"
	         " 'ID%d', '学员%d', '1', 'x', 'x');"
	         "INSERT INTO wf_state (key, machine, entity, entity_id, state,"
	         " updated_at) VALUES ('participant:%d', 'participant',"
	         " 'member', '%d', 'eligible', 'x')",
	         id, id, id, id, id, id, id, id);
	raw_exec(sql);
}

/* Two cohorts: 电商一期 (ecom from 2026-03-02, capacity 2: two enrolled,
 * one waiting, three marks of which two attended, graduated: one of
 * two, the waitlist closed) and CS-01 (cs from 2026-09-01, nobody
 * yet). */
static struct fd_db *
rp_data(void)
{
	struct fd_db *db = open_as("boss");
	struct fd_err err = {{0}};
	enum cohort_enrol_status es;
	int64_t room = 0, ins = 0, a = 0, first;
	struct cohort_spec spec = {.code = "电商一期",
	                           .track = "ecom",
	                           .start = "2026-03-02",
	                           .weekdays = SCHEDULE_MON_FRI,
	                           .slots = "09:00-12:00,14:00-17:00",
	                           .capacity = 2};

	cr_assert_eq(cohort_room_add(db, "201", "实训室一", 40, &room, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_instructor_add(db, "T1", "马老师", &ins, &err),
	             FD_OK, "%s", err.msg);
	spec.room_id = room;
	spec.instructor_id = ins;
	cr_assert_eq(cohort_create(db, &spec, &a, &err), FD_OK, "%s", err.msg);
	spec.code = "CS-01";
	spec.track = "cs";
	spec.start = "2026-09-01";
	spec.capacity = 30;
	cr_assert_eq(cohort_create(db, &spec, NULL, &err), FD_OK, "%s",
	             err.msg);
	for (int m = 1; m <= 3; m++) {
		rp_member(m);
		cr_assert_eq(cohort_enrol(db, a, m, &es, &err), FD_OK, "%s",
		             err.msg);
	}
	first = query_int(db, "SELECT min(id) FROM session WHERE cohort_id = 1");
	cr_assert_eq(cohort_attendance_set(db, first, 1, 'P', &err), FD_OK,
	             "%s", err.msg);
	cr_assert_eq(cohort_attendance_set(db, first, 2, 'L', &err), FD_OK,
	             "%s", err.msg);
	cr_assert_eq(cohort_attendance_set(db, first + 1, 1, 'A', &err), FD_OK,
	             "%s", err.msg);
	cr_assert_eq(cohort_assessment_set(db, a, 1, true, "90", "", &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_graduate(db, a, 0.0, NULL, NULL, &err), FD_OK,
	             "%s", err.msg);
	return db;
}

/* The report's lines (at most 8) into lines[], *n of them; returns the
 * whole text. Caller frees. */
static char *
rp_lines(struct fd_db *db, char *lines[8], size_t *n)
{
	struct strbuf out = {0};
	struct fd_err err = {{0}};
	char *text, *p, *nl;

	cr_assert_eq(report_cohorts(db, &out, &err), FD_OK, "%s", err.msg);
	text = strbuf_take(&out);
	cr_assert_not_null(text);
	cr_assert_eq(text[strlen(text) - 1], '\n');
	*n = 0;
	for (p = text; *p && *n < 8; p = nl + 1) {
		nl = strchr(p, '\n');
		*nl = '\0';
		lines[(*n)++] = p;
	}
	return text;
}

/* The terminal column where needle starts in line (-1 if absent). */
static int
rp_col(const char *line, const char *needle)
{
	const char *at = strstr(line, needle);
	char *head;
	int w;

	if (!at)
		return -1;
	head = strndup(line, (size_t)(at - line));
	w = utf8_width(head);
	free(head);
	return w;
}

RPTEST(cohorts_aligned_in_chinese)
{
	struct fd_db *db = rp_data();
	char *lines[8];
	size_t n = 0;
	char *text = rp_lines(db, lines, &n);
	int dates, track;

	cr_assert_eq(n, 3, "%s", text);
	/* Header, then the latest start first. */
	cr_assert_eq(strncmp(lines[0], "班级", strlen("班级")), 0, "%s", text);
	cr_assert_eq(strncmp(lines[1], "CS-01 ", 6), 0, "%s", text);
	cr_assert_eq(strncmp(lines[2], "电商一期 ", strlen("电商一期 ")), 0,
	             "%s", text);
	/* Columns start at the same terminal column on every line. */
	track = rp_col(lines[0], "培训方向");
	dates = rp_col(lines[0], "起止日期");
	cr_assert_gt(track, 0);
	cr_assert_eq(rp_col(lines[1], "网店客服"), track, "%s", text);
	cr_assert_eq(rp_col(lines[2], "电商运营基础"), track, "%s", text);
	cr_assert_eq(rp_col(lines[1], "2026-09-01 至 "), dates, "%s", text);
	cr_assert_eq(rp_col(lines[2], "2026-03-02 至 "), dates, "%s", text);
	/* Numbers right-aligned: every line ends at the same column, and
	 * nothing trails. */
	cr_assert_eq(utf8_width(lines[1]), utf8_width(lines[0]), "%s", text);
	cr_assert_eq(utf8_width(lines[2]), utf8_width(lines[0]), "%s", text);
	for (size_t i = 0; i < n; i++)
		cr_assert_neq(lines[i][strlen(lines[i]) - 1], ' ');
	/* 电商一期: 2 enrolled, nobody waiting (the one who waited lapsed
	 * when it graduated), 2 of 3 marks attended (67%), 1 graduated;
	 * CS-01: nothing yet. */
	cr_assert_not_null(strstr(lines[2], " 2     0     67%     1"), "%s",
	                   text);
	cr_assert_not_null(strstr(lines[1], " 0     0       -     -"), "%s",
	                   text);
	free(text);
	db_close(db);
}

RPTEST(cohorts_in_english)
{
	struct fd_db *db = rp_data();
	struct fd_err err = {{0}};
	char *lines[8];
	size_t n = 0;
	char *text;

	cr_assert_eq(i18n_load("en", NULL, &err), FD_OK, "%s", err.msg);
	schedule_set_english(true);
	text = rp_lines(db, lines, &n);
	schedule_set_english(false);
	cr_assert_eq(n, 3, "%s", text);
	cr_assert_eq(strncmp(lines[0], "Cohort", 6), 0, "%s", text);
	cr_assert_not_null(strstr(lines[0], "Waitlisted"), "%s", text);
	cr_assert_not_null(strstr(lines[0], "Graduated"), "%s", text);
	cr_assert_eq(rp_col(lines[2], "E-commerce operations basics"),
	             rp_col(lines[0], "Track"), "%s", text);
	cr_assert_eq(rp_col(lines[2], "2026-03-02.."),
	             rp_col(lines[0], "Dates"), "%s", text);
	cr_assert_not_null(strstr(lines[1], "Online customer service"), "%s",
	                   text);
	free(text);
	db_close(db);
}

RPTEST(no_cohorts_and_unknown_track)
{
	struct fd_db *db = open_as("boss");
	char *lines[8];
	size_t n = 0;
	char *text = rp_lines(db, lines, &n);

	cr_assert_eq(n, 2, "%s", text);
	cr_assert_str_eq(lines[1], "还没有培训班。");
	free(text);
	db_close(db);

	/* A track the loaded curriculum lacks shows its code; a code with a
	 * control character in it is drawn harmless. */
	db = rp_data();
	raw_exec("UPDATE cohort SET track = 'gone', code = 'X\x1b[2J' WHERE"
	         " id = 2");
	text = rp_lines(db, lines, &n);
	cr_assert_eq(n, 3, "%s", text);
	cr_assert_null(strchr(text, '\x1b'), "%s", text);
	cr_assert_eq(rp_col(lines[1], "gone"), rp_col(lines[0], "培训方向"),
	             "%s", text);
	free(text);
	db_close(db);
}
