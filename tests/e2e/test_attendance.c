/*
 * End-to-end tests of taking attendance with keys only: today's sessions
 * (main menu 8) list the cohort's session, Enter opens its register, one
 * key per trainee marks and moves on, and the marks are on the screen,
 * in the totals, in the list's count when coming back, and in the
 * database. Also: a register of 40 in 40 keys; the rest marked at once
 * with * and a pick; the week by room (main menu 7) reaching the same
 * register, and tomorrow's register refusing every mark; a substitute
 * instructor named on the timetable and the register.
 *
 * Set-up goes through the core (the e2e binary links it) before the
 * program starts: eligible participants inserted directly (set-up only,
 * as the unit tests do), then a room, an instructor, a cohort and the
 * enrolments through cohort.h. Today is fixed with FRONTDESK_TODAY
 * (Monday 2026-03-02, the cohort's first day), inherited by the program.
 *
 * Layout facts relied on: row 0 the title bar, rows 1-3 of the body the
 * register's heading, module line and column header (screen rows 1-3),
 * the trainees from screen row 4 by name, the totals on the body's last
 * row (screen row 21), row 22 the status line, row 23 the key line.
 */
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include "frontdesk/cohort.h"
#include "frontdesk/db.h"
#include "frontdesk/i18n.h"
#include "frontdesk/schedule.h"
#include "frontdesk/util.h"
#include "frontdesk/workflow.h"

#include "e2e_util.h"
#include "harness.h"

#define STATUS_ROW (HARNESS_ROWS - 2)
#define TOTALS_ROW (HARNESS_ROWS - 3)
#define TODAY "2026-03-02"

static struct harness *h;

static void
att_teardown(void)
{
	harness_stop(h);
	h = NULL;
	workflow_free();
	schedule_free();
}

TestSuite(attendance, .fini = att_teardown);

/* Names that sort 韩小龙, 马福祥, 马秀兰 (by code point, as the register
 * lists them). */
static const char *const att_names[] = {"马福祥", "马秀兰", "韩小龙"};

/* A new harness whose database holds cohort C2026-03 (track ecom, from
 * TODAY, Monday to Friday at 09:00-12:00, room 201, instructor T1) with
 * the n trainees named (n of names, or "学员NN" when names is NULL)
 * enrolled. The program is not started. */
static void
att_setup(const char *const *names, int n)
{
	struct passwd *pw = getpwuid(getuid());
	struct fd_db *db = NULL;
	struct fd_err err = {{0}};
	int64_t room = 0, ins = 0, cohort = 0;

	cr_assert(pw && pw->pw_name);
	cr_assert_eq(setenv(UTIL_TODAY_ENV, TODAY, 1), 0);
	setlocale(LC_ALL, "C.UTF-8");
	cr_assert_eq(i18n_load("zh", NULL, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(schedule_load(NULL, NULL, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(workflow_load(NULL, &err), FD_OK, "%s", err.msg);
	h = harness_new();
	/* The test's login opens the database first: its supervisor, as
	 * for the program run by the same login. */
	cr_assert_eq(db_open(harness_db_path(h), pw->pw_name, NULL, &db, &err),
	             FD_OK, "%s", err.msg);
	for (int i = 0; i < n; i++) {
		char name[32];

		if (names)
			snprintf(name, sizeof(name), "%s", names[i]);
		else
			snprintf(name, sizeof(name), "学员%02d", i + 1);
		e2e_member(h, i + 1, name);
	}
	cr_assert_eq(cohort_room_add(db, "201", "电商实训室", 40, &room, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_instructor_add(db, "T1", "马老师", &ins, &err),
	             FD_OK, "%s", err.msg);
	{
		const struct cohort_spec spec = {.code = "C2026-03",
		                                 .track = "ecom",
		                                 .start = TODAY,
		                                 .weekdays = SCHEDULE_MON_FRI,
		                                 .slots = "09:00-12:00",
		                                 .room_id = room,
		                                 .instructor_id = ins,
		                                 .capacity = n};

		cr_assert_eq(cohort_create(db, &spec, &cohort, &err), FD_OK,
		             "%s", err.msg);
	}
	for (int i = 0; i < n; i++) {
		enum cohort_enrol_status st;

		cr_assert_eq(cohort_enrol(db, cohort, i + 1, &st, &err), FD_OK,
		             "%s", err.msg);
		cr_assert_eq(st, COHORT_ENROLLED);
	}
	db_close(db);
}

/* The text of the first column of sql's first row on the harness's
 * database. Caller frees. */
static char *
att_query(const char *sql)
{
	sqlite3 *s = NULL;
	sqlite3_stmt *st = NULL;
	char *out;

	cr_assert_eq(sqlite3_open_v2(harness_db_path(h), &s,
	                             SQLITE_OPEN_READONLY, NULL),
	             SQLITE_OK);
	sqlite3_busy_timeout(s, 5000);
	cr_assert_eq(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK,
	             "%s: %s", sql, sqlite3_errmsg(s));
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "%s", sql);
	out = strdup(sqlite3_column_text(st, 0)
	                 ? (const char *)sqlite3_column_text(st, 0)
	                 : "");
	sqlite3_finalize(st);
	sqlite3_close(s);
	return out;
}

/* The marks of today's session, "name:mark" by name, comma-separated. */
static char *
att_marks(void)
{
	return att_query("SELECT group_concat(x, ',') FROM (SELECT m.name || ':'"
	                 " || a.mark AS x FROM attendance a JOIN member m ON"
	                 " m.id = a.member_id JOIN session s ON s.id ="
	                 " a.session_id WHERE s.date = '" TODAY "' ORDER BY"
	                 " m.name)");
}

/* Starts the program, opens today's sessions and the register of the
 * cohort's session; waits until it lists n trainees. */
static void
att_open_register(int n)
{
	char total[32];

	harness_launch(h, NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "8");
	harness_wait_row(h, 0, "今日课程", 0);
	harness_wait_row(h, 1, TODAY, 0);
	harness_wait_match(h, "09:00-12:00 C2026-03 *201 *马老师 *0/*", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 0, "课堂考勤", 0);
	snprintf(total, sizeof(total), "共 %d 人", n);
	harness_wait_row(h, TOTALS_ROW, total, 0);
}

Test(attendance, three_trainees_one_key_each)
{
	char *marks, *states;
	int row;

	att_setup(att_names, 3);
	att_open_register(3);
	/* The heading says which session this is. */
	harness_wait_match(h, "C2026-03 *2026-03-02 周一 09:00-12:00*201*", 0);
	harness_wait_match(h, "*讲师：马老师*", 0);
	row = harness_wait_match(h, "  1 韩小龙 *·*", 0);
	cr_assert_eq(row, 4, "the first trainee is on row %d", row);
	harness_wait_match(h, "  2 马福祥 *·*", 0);
	harness_wait_match(h, "  3 马秀兰 *·*", 0);
	harness_wait_row(h, 23, "1 出勤", 0);
	harness_wait_row(h, 23, "4 缺勤", 0);

	/* One key each: present, absent, late; the cursor moves down. */
	harness_send(h, "1");
	harness_wait_match(h, "  1 韩小龙 *出勤*", 0);
	harness_wait_row(h, STATUS_ROW, "韩小龙：出勤", 0);
	harness_send(h, "4");
	harness_wait_match(h, "  2 马福祥 *缺勤*", 0);
	harness_send(h, "l"); /* the letter works as well as 2 */
	harness_wait_match(h, "  3 马秀兰 *迟到*", 0);
	harness_wait_row(h, TOTALS_ROW,
	                 "出勤 1　迟到 1　请假 0　缺勤 1　未记 0　共 3 人", 0);

	/* In the database at once, before leaving the screen. */
	marks = att_marks();
	cr_assert_str_eq(marks, "韩小龙:P,马福祥:A,马秀兰:L");
	free(marks);
	/* The first register started the training (the core's rule). */
	states = att_query("SELECT group_concat(state, ',') FROM wf_state"
	                   " WHERE machine = 'participant'");
	cr_assert_str_eq(states, "in_training,in_training,in_training");
	free(states);

	/* The cursor stays on the last one; a wrong mark is put right by
	 * going back and marking again. */
	harness_key(h, "kcuu1");
	harness_send(h, "p");
	harness_wait_match(h, "  2 马福祥 *出勤*", 0);
	harness_wait_row(h, TOTALS_ROW, "出勤 2　迟到 1　请假 0　缺勤 0", 0);
	marks = att_marks();
	cr_assert_str_eq(marks, "韩小龙:P,马福祥:P,马秀兰:L");
	free(marks);

	/* Back on today's list, the session counts its marks. */
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "今日课程", 0);
	harness_wait_match(h, "09:00-12:00 C2026-03 *3/3", 0);
}

Test(attendance, forty_trainees_take_forty_keys)
{
	char keys[41];
	char *count;

	att_setup(NULL, 40);
	att_open_register(40);
	memset(keys, '1', 40);
	keys[40] = '\0';
	harness_send(h, keys);
	harness_wait_row(h, TOTALS_ROW, "出勤 40　迟到 0　请假 0　缺勤 0　未记 0", 0);
	/* The list scrolled with the cursor: the last trainee is in view. */
	harness_wait_match(h, " 40 学员40 *出勤*", 0);
	count = att_query("SELECT count(*) FROM attendance WHERE mark = 'P'");
	cr_assert_str_eq(count, "40");
	free(count);
}

Test(attendance, the_rest_in_one_pick)
{
	char *marks;

	att_setup(att_names, 3);
	att_open_register(3);
	/* 韩小龙 is away with leave; everyone else came. */
	harness_send(h, "3");
	harness_wait_match(h, "  1 韩小龙 *请假*", 0);
	harness_send(h, "*");
	harness_wait_row(h, 0, "请选择", 0);
	harness_wait_text(h, "其余的人记为", 0);
	harness_send(h, "\r"); /* the first choice: present */
	harness_wait_row_gone(h, 0, "请选择", 0);
	harness_wait_row(h, STATUS_ROW, "已把其余 2 人记为出勤", 0);
	harness_wait_row(h, TOTALS_ROW, "出勤 2　迟到 0　请假 1　缺勤 0　未记 0", 0);
	marks = att_marks();
	cr_assert_str_eq(marks, "韩小龙:E,马福祥:P,马秀兰:P");
	free(marks);
	/* Nobody left: * says so instead of asking. */
	harness_send(h, "*");
	harness_wait_row(h, STATUS_ROW, "每个人都已记考勤", 0);
}

Test(attendance, week_by_room_opens_the_register)
{
	char *marks;

	att_setup(att_names, 3);
	harness_launch(h, NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "7");
	harness_wait_row(h, 0, "本周课表", 0);
	harness_wait_row(h, 1, "2026-03-02 至 2026-03-08（本周）", 0);
	harness_wait_match(h, "日期*201 电商实训室*", 0);
	harness_wait_match(h, "周一 03-02*09:00-12:00 C2026-03*", 0);
	harness_wait_match(h, "周五 03-06*09:00-12:00 C2026-03*", 0);
	harness_wait_match(h, "周六 03-07*休息日*", 0);
	harness_wait_match(h, "C2026-03 09:00-12:00 · 已记考勤 0/3 · 讲师 马老师 *", 0);
	/* The next week and back to this one. */
	harness_key(h, "knp");
	harness_wait_row(h, 1, "2026-03-09 至 2026-03-15", 0);
	harness_send(h, "t");
	harness_wait_row(h, 1, "2026-03-02 至 2026-03-08（本周）", 0);
	/* Tuesday's session is tomorrow: its register opens and says so,
	 * and takes no mark, neither one by one nor the rest at once. */
	harness_key(h, "kcud1");
	harness_wait_match(h, "C2026-03 09:00-10:00 · 已记考勤 0/3 *", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 0, "课堂考勤", 0);
	harness_wait_match(h, "C2026-03 *2026-03-03 周二 09:00-*201*", 0);
	harness_wait_text(h, "这节课还没到", 0);
	harness_send(h, "1");
	harness_wait_row(h, STATUS_ROW, "这节课在 2026-03-03，还没到，不能记考勤", 0);
	harness_key(h, "kcuu1");
	harness_wait_row_gone(h, STATUS_ROW, "还没到", 0);
	harness_send(h, "*");
	harness_wait_row(h, STATUS_ROW, "这节课在 2026-03-03，还没到，不能记考勤", 0);
	cr_assert(!harness_has_text(h, "其余的人记为"));
	harness_wait_row(h, TOTALS_ROW, "未记 3　共 3 人", 0);
	marks = att_query("SELECT count(*) FROM attendance");
	cr_assert_str_eq(marks, "0");
	free(marks);
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "本周课表", 0);
	/* Monday's, today's: taken, and counted on the week. */
	harness_key(h, "kcuu1");
	harness_wait_match(h, "C2026-03 09:00-12:00 · 已记考勤 0/3 *", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 0, "课堂考勤", 0);
	harness_wait_match(h, "C2026-03 *2026-03-02 周一 09:00-*201*", 0);
	harness_send(h, "111");
	harness_wait_row(h, TOTALS_ROW, "出勤 3", 0);
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "本周课表", 0);
	harness_wait_match(h, "C2026-03 09:00-12:00 · 已记考勤 3/3 *", 0);
}

Test(attendance, mark_keys_rebound_for_the_register_only)
{
	char *marks;

	att_setup(att_names, 3);
	harness_write_file(h, "frontdesk.ini",
	                   "[keys.session]\nmark_present = x\n");
	att_open_register(3);
	harness_wait_row(h, 23, "x 出勤", 0);
	/* The old key is no longer a mark: refused, naming the keys. */
	harness_send(h, "1");
	harness_wait_row(h, STATUS_ROW, "“1”不是这里的按键（x 出勤  2 迟到", 0);
	harness_send(h, "x");
	harness_wait_match(h, "  1 韩小龙 *出勤*", 0);
	marks = att_marks();
	cr_assert_str_eq(marks, "韩小龙:P");
	free(marks);
	/* Elsewhere the letters and digits are what they were: the main
	 * menu still opens its rows by digit. */
	harness_key(h, "kf10");
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "7");
	harness_wait_row(h, 0, "本周课表", 0);
}

/* A substitute: r on the cohort's timetable gives today's session another
 * room and another instructor (each picked, "keep" first; then this
 * session only or the rest too); the week by room then shows it in the
 * other room. */
Test(attendance, substitute_room_and_instructor_for_one_session)
{
	struct passwd *pw = getpwuid(getuid());
	struct fd_db *db = NULL;
	struct fd_err err = {{0}};
	char *room;

	att_setup(att_names, 3);
	cr_assert_eq(db_open(harness_db_path(h), pw->pw_name, NULL, &db, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_room_add(db, "202", "直播间", 20, NULL, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(cohort_instructor_add(db, "T2", "李老师", NULL, &err),
	             FD_OK, "%s", err.msg);
	db_close(db);
	harness_launch(h, NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "6");
	harness_wait_row(h, 0, "培训班", 0);
	harness_wait_match(h, "C2026-03 *", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 0, "培训班详情", 0);
	harness_wait_match(h, "2026-03-02 一 09:00-12:00 *201*", 0);
	harness_send(h, "r");
	harness_wait_text(h, "这节课的教室", 0);
	harness_wait_text(h, "不换（现在是 201）", 0);
	harness_key(h, "kcud1");
	harness_key(h, "kcud1");
	harness_send(h, "\r"); /* keep, 201, 202 */
	harness_wait_text(h, "这节课的讲师", 0);
	harness_key(h, "kcud1");
	harness_key(h, "kcud1");
	harness_send(h, "\r"); /* keep, T1, T2 */
	harness_wait_text(h, "改哪些课", 0);
	harness_wait_text(h, "这一节及以后的课（共 39 节），本班今后都用", 0);
	harness_send(h, "\r"); /* this one only */
	harness_wait_row(h, STATUS_ROW, "这节课改在教室 202，由讲师 T2 上", 0);
	harness_wait_match(h, "2026-03-02 一 09:00-12:00 *202*", 0);
	room = att_query("SELECT r.code || '/' || i.code FROM session s JOIN"
	                 " room r ON r.id = s.room_id JOIN instructor i ON"
	                 " i.id = s.instructor_id WHERE s.date = '" TODAY "'");
	cr_assert_str_eq(room, "202/T2");
	free(room);
	/* The timetable and the register name the substitute, not the
	 * cohort's own instructor. */
	harness_wait_match(h, "2026-03-02 一 09:00-12:00 *202 *李老师*", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 0, "课堂考勤", 0);
	harness_wait_match(h, "*讲师：李老师*", 0);
	cr_assert(!harness_has_text(h, "马老师"));
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "培训班详情", 0);
	harness_key(h, "kf10");
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "7");
	harness_wait_row(h, 0, "本周课表", 0);
	harness_wait_match(h, "周一 03-02*│*│09:00-12:00 C2026-03*", 0);
}
