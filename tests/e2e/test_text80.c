/*
 * End-to-end tests of text at 80x24 on a demo database (today fixed at
 * 2026-11-20, a Friday, with one session: LIVE-261106 in room 301): nothing the screens say is cut where it matters.
 * Today's cohort codes whole (menu 8), the week's detail line wrapped
 * (menu 7) and its room scroll kept across a resize, F1 on the cohort list
 * and form listing only the keys that act there, every help row whole in
 * both languages, the English bottom lines (no "Enter Enter", the cohort
 * page's r key), the register's "Instructor" and its whole header.
 *
 * Layout facts relied on: row 0 the title bar, row 22 the status line,
 * row 23 the key line; on help, the rows of keys from row 5 down to the
 * search line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include "e2e_util.h"
#include "frontdesk/util.h"
#include "harness.h"

#define KEY_ROW (HARNESS_ROWS - 1)
#define TODAY "2026-11-20"

static struct harness *h;

static void
text_teardown(void)
{
	harness_stop(h);
	h = NULL;
}

TestSuite(text80, .fini = text_teardown);

/* A demo database made on TODAY, with ini as the configuration (NULL for
 * the default) and sql run on it (NULL for none); the program on its main
 * menu (title `menu`). */
static void
text_start(const char *ini, const char *sql, const char *menu)
{
	int st;
	char *out;

	cr_assert_eq(setenv(UTIL_TODAY_ENV, TODAY, 1), 0);
	h = harness_new();
	if (ini)
		harness_write_file(h, "frontdesk.ini", ini);
	out = e2e_cli(h, (const char *const[]){"demo", NULL}, &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "demo: %s", out);
	free(out);
	if (sql)
		e2e_sql(h, sql);
	harness_launch(h, NULL);
	harness_wait_row(h, 0, menu, 0);
}

/* Every row of the help list (from row 5 to the search line) ends with
 * its config name in brackets: nothing cut. Returns the rows. */
static int
text_help_rows_whole(const char *search)
{
	int last = harness_wait_match(h, search, 0);
	int n = 0;

	for (int r = 5; r < last; r++) {
		char *row = harness_row(h, r);
		size_t len = strlen(row);

		if (len) {
			n++;
			if (row[len - 1] != ']')
				harness_fail(h, "help row %d is cut: %s", r, row);
		}
		free(row);
	}
	return n;
}

Test(text80, today_and_week_show_whole_codes_and_details)
{
	text_start(NULL, NULL, "主菜单");
	harness_send(h, "8");
	harness_wait_row(h, 0, "今日课程", 0);
	harness_wait_match(h, "09:00-12:00 LIVE-261106 *主播话术*", 0);
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "主菜单", 0);

	/* The detail of the session under the cursor, on two lines. */
	harness_send(h, "7");
	harness_wait_row(h, 0, "本周课表", 0);
	harness_wait_match(h, "LIVE-261106 09:00-12:00 · 已记考勤 0/24 *", 0);
	harness_wait_text(h, "主播话术与镜头表达（第 3 段）", 0);
}

/* Four rooms, three shown: scrolled to rooms 2-4, a resize to 70x20 and
 * back keeps them. */
Test(text80, week_keeps_its_room_scroll_across_a_resize)
{
	text_start(NULL,
	           "INSERT INTO room (code, name, capacity) VALUES"
	           " ('401', '会议室', 30)",
	           "主菜单");
	harness_send(h, "7");
	harness_wait_row(h, 0, "本周课表", 0);
	harness_wait_row(h, 1, "教室 1-3/4", 0);
	for (int i = 0; i < 3; i++)
		harness_key(h, "kcuf1");
	harness_wait_row(h, 1, "教室 2-4/4", 0);
	harness_key(h, "kcub1");
	harness_key(h, "kcub1");
	harness_wait_row(h, 2, "202", 0);
	harness_pause(h, 200);
	harness_wait_row(h, 1, "教室 2-4/4", 0);
	harness_resize(h, 20, 70);
	harness_pause(h, 300);
	harness_resize(h, 24, 80);
	harness_wait_row(h, 0, "本周课表", 0);
	harness_wait_row(h, 1, "教室 2-4/4", 0);
}

Test(text80, f1_lists_only_the_keys_that_act)
{
	text_start(NULL, NULL, "主菜单");
	harness_send(h, "6");
	harness_wait_row(h, 0, "培训班", 0);
	harness_key(h, "kf1");
	harness_wait_row(h, 0, "帮助", 0);
	harness_wait_match(h, "Enter *打开*打开光标所在的培训班*", 0);
	text_help_rows_whole("*查找：*条");
	cr_assert_eq(harness_find_match(h, "F2 *"), -1, "F2 on the cohort list");
	cr_assert_eq(harness_find_match(h, "F4 *"), -1, "F4 on the cohort list");
	cr_assert_eq(harness_find_match(h, "F7 *"), -1, "F7 on the cohort list");
	cr_assert_eq(harness_find_match(h, "F8 *"), -1, "F8 on the cohort list");
	cr_assert_eq(harness_find_match(h, "F9 *"), -1, "F9 on the cohort list");
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "培训班", 0);

	harness_key(h, "kf6");
	harness_wait_row(h, 1, "新建培训班", 0);
	harness_key(h, "kf1");
	harness_wait_row(h, 0, "帮助", 0);
	harness_wait_match(h, "F6 *新增*教室、讲师字段上：新增一个*", 0);
	harness_wait_match(h, "F2 *保存*", 0);
	harness_wait_match(h, "F4 *选择*", 0);
	cr_assert_eq(harness_find_match(h, "F7 *"), -1, "F7 on the form");
	cr_assert_eq(harness_find_match(h, "F8 *"), -1, "F8 on the form");
	cr_assert_eq(harness_find_match(h, "F9 *"), -1, "F9 on the form");
	text_help_rows_whole("*查找：*条");
}

Test(text80, english_lines_are_whole)
{
	text_start("[ui]\nlanguage = en\n", NULL, "Main menu");

	/* Help on the main menu, which lists every key: every row whole. */
	harness_key(h, "kf1");
	harness_wait_row(h, 0, "Help", 0);
	harness_wait_match(h, "*Go back (asks before dropping input)  \\[back\\]",
	                   0);
	text_help_rows_whole("*Search:*");
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "Main menu", 0);
	cr_assert(!harness_has_text(h, "Enter Enter"), "Enter Enter");

	harness_send(h, "6");
	harness_wait_row(h, 0, "Training cohorts", 0);
	harness_wait_row(h, KEY_ROW, "Enter Open", 0);
	harness_key(h, "kf1");
	harness_wait_row(h, 0, "Help", 0);
	text_help_rows_whole("*Search:*");
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "Training cohorts", 0);

	/* The cohort page's bottom line has room for every key. */
	harness_send(h, "CS-");
	harness_wait_match(h, "Search:CS- * 1/4", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 0, "Cohort", 0);
	harness_wait_row(h, KEY_ROW, "c Seats  r Swap", 0);

	/* The register: Instructor, and the header whole. */
	harness_send(h, "\r");
	harness_wait_row(h, 0, "Attendance", 0);
	harness_wait_match(h, "Module: * Instructor: * (still to come)", 0);
	cr_assert(!harness_has_text(h, "Teacher"), "Teacher on the register");
	harness_key(h, "kf10");
	harness_wait_row(h, 0, "Main menu", 0);

	/* Today: a column for the whole word Instructor. */
	harness_send(h, "8");
	harness_wait_row(h, 0, "Today's sessions", 0);
	harness_wait_match(h, "Time *Cohort *Module *Room *Instructor *Marked", 0);
}

/* One session today (the demo's 2026-11-20 has one) is "1 session". */
Test(text80, one_session_is_singular)
{
	text_start("[ui]\nlanguage = en\n", NULL, "Main menu");
	harness_send(h, "8");
	harness_wait_row(h, 0, "Today's sessions", 0);
	harness_wait_row(h, 1, "2026-11-20 Fri  1 session", 0);
	cr_assert(!harness_has_text(h, "1 sessions"), "1 sessions");
}

/* The household list's hint and its "only the first 200" line fit beside
 * the search field at 80 columns, in both languages (they were cut: "再输
 * 入几个字缩", "4+ ID dig"). */
Test(text80, household_list_hints_are_whole)
{
	text_start(NULL, NULL, "主菜单");
	harness_send(h, "1");
	harness_wait_row(h, 1, "仅显示前 200 户，请再输入几字", 0);
	harness_send(h, "x"); /* found nowhere: the hint */
	harness_wait_row(h, 1, "姓名/户编号/证件号4位以上/村名", 0);
	harness_stop(h);

	text_start("[ui]\nlanguage = en\n", NULL, "Main menu");
	harness_send(h, "1");
	harness_wait_row(h, 1, "First 200 only: type more", 0);
	harness_send(h, "x");
	harness_wait_row(h, 1, "Name, hh no., ID, village", 0);
}
