/*
 * End-to-end tests of the waitlist's end and of who may change a cohort,
 * keys only at 80x24: a cohort of two seats with one person waiting is
 * graduated from its graduation tab (5, F2, y); the detail, its waitlist
 * tab, the cohort list and `frontdesk report cohorts` then say nobody is
 * waiting, the waiting place is listed as lapsed (失效), and the person's
 * path (Enter on them) is back to eligible with the reason in its
 * history. Then the same login as a placement officer: creating a cohort
 * (F6 on the list), its capacity (c) and moving a session (F4) are
 * refused before any form or prompt opens, naming the roles that may.
 *
 * Set-up goes through the core before the program starts, as in
 * test_attendance.c: eligible participants inserted directly, then a
 * room, an instructor, a cohort and the enrolments through cohort.h, by
 * the test's login (the database's supervisor). Today is fixed with
 * FRONTDESK_TODAY (Monday 2026-03-02, the cohort's first day). The role
 * change is a direct write on the staff table (set-up only).
 *
 * Layout facts relied on: row 0 the title bar, the cohort detail's
 * header on rows 1-3 (counts on row 3), its tabs on row 5, the column
 * titles on row 6 and the list from row 7; row 22 the status line.
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
#define TODAY "2026-03-02"

static struct harness *h;

static void
wl_teardown(void)
{
	harness_stop(h);
	h = NULL;
	workflow_free();
	schedule_free();
}

TestSuite(waitlist, .fini = wl_teardown);

/* A new harness whose database holds cohort C2026-03 (track ecom, from
 * TODAY, Monday to Friday 09:00-12:00, room 201, instructor T1) with two
 * seats taken by 马福祥 and 马秀兰 and 韩小龙 waiting. The program is not
 * started. */
static void
wl_setup(void)
{
	static const char *const names[] = {"马福祥", "马秀兰", "韩小龙"};
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
	cr_assert_eq(db_open(harness_db_path(h), pw->pw_name, NULL, &db, &err),
	             FD_OK, "%s", err.msg);
	for (int i = 0; i < 3; i++)
		e2e_member(h, i + 1, names[i]);
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
		                                 .capacity = 2};

		cr_assert_eq(cohort_create(db, &spec, &cohort, &err), FD_OK,
		             "%s", err.msg);
	}
	for (int i = 0; i < 3; i++) {
		enum cohort_enrol_status st;

		cr_assert_eq(cohort_enrol(db, cohort, i + 1, &st, &err), FD_OK,
		             "%s", err.msg);
		cr_assert_eq(st, i < 2 ? COHORT_ENROLLED : COHORT_WAITLISTED);
	}
	db_close(db);
}

/* Starts the program and opens the cohort's detail from the list. */
static void
wl_open_cohort(void)
{
	harness_launch(h, NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "6");
	harness_wait_row(h, 0, "培训班", 0);
	harness_wait_match(h, "C2026-03 *", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 0, "培训班详情", 0);
}

Test(waitlist, graduation_closes_it_everywhere)
{
	char *out;
	int st;

	wl_setup();
	wl_open_cohort();
	harness_wait_row(h, 3, "名额 2 · 已报名 2 · 候补 1", 0);

	/* Graduation from its tab: everyone fails after no register, and
	 * the waitlist closes with it. */
	harness_send(h, "5");
	harness_wait_row(h, 0, "结业", 0);
	harness_wait_text(h, "预览：结业 0 人，不能结业 2 人（尚未保存）", 0);
	harness_key(h, "kf2");
	harness_wait_text(h, "现在就办理结业：0 人结业，2 人不能结业？", 0);
	harness_send(h, "y");
	harness_wait_text(h, "已办理结业：0 人结业，2 人未结业。", 0);
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "培训班详情", 0);
	harness_wait_row(h, 3, "名额 2 · 已报名 2 · 候补 0", 0);
	harness_wait_row(h, 5, " 3 候补 0 ", 0);

	/* The waiting place is kept, marked lapsed; the person is eligible
	 * again, and their history says why. */
	harness_send(h, "3");
	harness_wait_row(h, 6, "顺序", 0);
	harness_wait_match(h, "失效 *韩小龙 *", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 0, "项目学员流程", 0);
	harness_wait_row(h, 1, "当前状态：已核实资格", 0);
	harness_wait_match(h, "*候补中 → 已核实资格 培训班已结业，候补失效*", 0);
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "培训班详情", 0);

	/* The list: no one waiting (an empty count). */
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "培训班", 0);
	harness_wait_match(h, "C2026-03 *2/2 *已结业*", 0);
	cr_assert_eq(harness_find_match(h, "C2026-03 *2/2 *1 *"), -1,
	             "the cohort list still counts someone waiting");

	/* The command line's report agrees. */
	out = e2e_cli(h, (const char *const[]){"report", "cohorts", NULL}, &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "report: %s", out);
	cr_assert_not_null(strstr(out, "C2026-03"), "%s", out);
	cr_assert_not_null(strstr(out, "    2     0 "), "%s", out);
	free(out);
}

Test(waitlist, placement_login_refused_before_asking)
{
	struct passwd *pw = getpwuid(getuid());
	char sql[256];

	wl_setup();
	cr_assert(pw && pw->pw_name);
	snprintf(sql, sizeof(sql),
	         "UPDATE staff SET role = 'placement' WHERE login = '%s'",
	         pw->pw_name);
	e2e_sql(h, sql);
	wl_open_cohort();
	harness_wait_row(h, 0, "就业专员", 0);

	/* c: refused at once, no prompt. */
	harness_send(h, "c");
	harness_wait_row(h, STATUS_ROW,
	                 "你的角色（就业专员）不能修改名额，仅限：培训师、主管",
	                 0);
	cr_assert(!harness_has_text(h, "的名额（已报名"),
	          "the capacity prompt opened");
	/* F4 on a session: refused, no prompt. */
	harness_key(h, "kf4");
	harness_wait_row(h, STATUS_ROW,
	                 "你的角色（就业专员）不能调课，仅限：培训师、主管", 0);
	harness_wait_row(h, 0, "培训班详情", 0);
	/* F6 on the roster: enrolling is not theirs either. */
	harness_send(h, "2");
	harness_key(h, "kf6");
	harness_wait_row(h, STATUS_ROW, "不能报名或列入候补，仅限：前台、培训师、"
	                                "主管",
	                 0);
	harness_wait_row(h, 0, "培训班详情", 0);

	/* F6 on the list: no form. */
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "培训班", 0);
	harness_key(h, "kf6");
	harness_wait_row(h, STATUS_ROW,
	                 "你的角色（就业专员）不能建班，仅限：培训师、主管", 0);
	harness_pause(h, 200);
	cr_assert(!harness_has_text(h, "填好后按 F2 保存"),
	          "the cohort form opened");
	harness_wait_row(h, 1, "输入即查找", 0);
}
