/*
 * End-to-end tests of what the keys offer and what F1 says, on the demo
 * database at 80x24: help lists only keys that act on the screen (not ?
 * where typing searches, not the change keys of a graduated cohort, not
 * F8/F9 on the staff list) and cuts no text at the screen's edge; a
 * placement officer's cohort page offers no change keys, is refused a
 * register before it opens, and is told in the waitlist's words that
 * they may not take someone off it; Del on an empty waitlist says nobody
 * is selected.
 *
 * Layout facts relied on: row 0 the title bar, the help list from row 4,
 * row 22 the status line and row 23 the key line.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "e2e_util.h"
#include "harness.h"

#define STATUS_ROW (HARNESS_ROWS - 2)
#define KEY_ROW (HARNESS_ROWS - 1)

static struct harness *h;

static void
kn_teardown(void)
{
	harness_stop(h);
	h = NULL;
}

TestSuite(keys_now, .fini = kn_teardown);

/* The demo database, sql run on it (NULL for none), the program at the
 * main menu. */
static void
kn_start(const char *sql)
{
	const char *const demo[] = {"demo", NULL};
	char *out;
	int st;

	h = harness_new();
	out = e2e_cli(h, demo, &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "demo: %s", out);
	free(out);
	if (sql)
		e2e_sql(h, sql);
	harness_launch(h, NULL);
	harness_wait_row(h, 0, "主菜单", 0);
}

/* From the main menu: the cohort list, then the cohort whose code starts
 * with code. */
static void
kn_open_cohort(const char *code)
{
	harness_send(h, "6");
	harness_wait_row(h, 1, "输入即查找", 0);
	harness_send(h, code);
	harness_wait_match(h, "*查找：*1/* 条*", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 0, "培训班详情", 0);
}

/* No help row is cut at the right edge: each ends with its config name
 * in brackets (a long text shortened with "…" before it). */
static void
kn_help_rows_whole(void)
{
	int last = harness_wait_match(h, "查找：*条", 0);

	for (int r = 5; r < last; r++) {
		char *row = harness_row(h, r);
		size_t len = strlen(row);

		cr_assert(!len || row[len - 1] == ']', "row %d cut: %s", r, row);
		free(row);
	}
}

/* F1 on the screen shown; waits for the help; returns the screen text. */
static char *
kn_help(void)
{
	harness_key(h, "kf1");
	harness_wait_row(h, 0, "帮助", 0);
	harness_wait_match(h, "F1 Esc-1*帮助*", 0);
	return harness_screen(h);
}

Test(keys_now, help_lists_only_keys_that_act)
{
	char *scr;

	kn_start(NULL);
	/* The staff list: no F8 流程 nor F9 强制. */
	harness_send(h, "3");
	harness_wait_row(h, 0, "员工名单", 0);
	scr = kn_help();
	cr_assert(!strstr(scr, "流程") && !strstr(scr, "强制"), "%s", scr);
	cr_assert(strstr(scr, "F6 Esc-6"), "%s", scr);
	free(scr);
	kn_help_rows_whole();
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "员工名单", 0);
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "主菜单", 0);

	/* The cohort list: ? is typed into the search there. */
	harness_send(h, "6");
	harness_wait_row(h, 1, "输入即查找", 0);
	scr = kn_help();
	cr_assert(!strstr(scr, "F1 Esc-1 ?"), "%s", scr);
	free(scr);
	harness_key(h, "kf3");
	harness_wait_row(h, 1, "输入即查找", 0);

	/* A graduated cohort: none of the change keys, nor F2. */
	harness_send(h, "ECOM");
	harness_wait_match(h, "*查找：*1/* 条*", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 0, "培训班详情", 0);
	harness_wait_text(h, "已结业", 0);
	scr = kn_help();
	cr_assert(!strstr(scr, "调课") && !strstr(scr, "报名") &&
	              !strstr(scr, "退出") && !strstr(scr, "名额") &&
	              !strstr(scr, "调配") && !strstr(scr, "F2 Esc-2") &&
	              !strstr(scr, "强制"),
	          "%s", scr);
	cr_assert(strstr(scr, "F7 Esc-7"), "%s", scr);
	free(scr);
	kn_help_rows_whole();
}

/* A cohort still open, for a supervisor: its help has the change keys,
 * each row whole. */
Test(keys_now, help_of_an_open_cohort_is_whole)
{
	char *scr;

	kn_start(NULL);
	kn_open_cohort("LIVE");
	scr = kn_help();
	cr_assert(strstr(scr, "调课") && strstr(scr, "报名"), "%s", scr);
	cr_assert(!strstr(scr, "F2 Esc-2"), "%s", scr);
	free(scr);
	kn_help_rows_whole();
}

Test(keys_now, placement_sees_no_change_keys_and_no_register)
{
	struct passwd *pw = getpwuid(getuid());
	char sql[256];
	char *keys;

	cr_assert(pw && pw->pw_name);
	snprintf(sql, sizeof sql,
	         "UPDATE staff SET role = 'placement' WHERE login = '%s'",
	         pw->pw_name);
	kn_start(sql);
	kn_open_cohort("LIVE");
	harness_wait_row(h, KEY_ROW, "F7 历史", 0);
	keys = harness_row(h, KEY_ROW);
	cr_assert(!strstr(keys, "调课") && !strstr(keys, "报名") &&
	              !strstr(keys, "退出") && !strstr(keys, "名额") &&
	              !strstr(keys, "调配"),
	          "%s", keys);
	free(keys);

	/* Enter on a session: refused, the register does not open. */
	harness_send(h, "\r");
	harness_wait_row(h, STATUS_ROW, "不能点名", 0);
	harness_pause(h, 200);
	harness_wait_row(h, 0, "培训班详情", 0);

	/* Del on the waitlist: the waitlist's words. */
	harness_send(h, "3");
	harness_wait_text(h, "移出候补", 0);
	harness_key(h, "kdch1");
	harness_wait_row(h, STATUS_ROW, "不能取消候补", 0);
	cr_assert(!harness_has_text(h, "不能办理退班"));
}

Test(keys_now, del_on_an_empty_waitlist_says_nobody_is_selected)
{
	kn_start(NULL);
	kn_open_cohort("CS-");
	harness_send(h, "3");
	harness_wait_text(h, "移出候补", 0);
	harness_key(h, "kdch1");
	harness_wait_row(h, STATUS_ROW, "没有选中任何人", 0);
	harness_wait_row(h, 0, "培训班详情", 0);
}
