/*
 * End-to-end tests of the audit log screen (menu 4) on the demo
 * database (more than 2000 audit rows): the count line says that only the
 * latest 2000 are listed and how many there are; typing a person's name
 * searches the whole log in the database and finds the rows of a member
 * written long ago, named as a person with their household's 户编号; the
 * technical rows (version, updated_at) show only after F7.
 */
#include <sqlite3.h>

#include "e2e_util.h"

static struct harness *h;

static void
audit_teardown(void)
{
	harness_stop(h);
	h = NULL;
}

TestSuite(audit_screen, .fini = audit_teardown);

/* The text of the first column of sql's first row on the harness's
 * database. Caller frees. */
static char *
audit_query_text(const char *sql)
{
	sqlite3 *raw;
	sqlite3_stmt *st;
	char *v;

	cr_assert_eq(sqlite3_open(harness_db_path(h), &raw), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(raw, sql, -1, &st, NULL), SQLITE_OK,
	             "%s", sqlite3_errmsg(raw));
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW, "%s", sql);
	v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(raw);
	return v;
}

Test(audit_screen, latest_2000_counted_and_an_old_member_found_by_name)
{
	char *out, *name, *hh_no, *total, pattern[256];
	int st, row;

	h = harness_new();
	out = e2e_cli(h, (const char *const[]){"demo", NULL}, &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "demo: %s", out);
	free(out);
	/* The first member written: household 1's head. */
	name = audit_query_text("SELECT name FROM member ORDER BY id LIMIT 1");
	hh_no = audit_query_text("SELECT hh_no FROM household h JOIN member m"
	                         " ON m.household_id = h.id ORDER BY m.id"
	                         " LIMIT 1");
	total = audit_query_text("SELECT count(*) FROM audit WHERE field NOT IN"
	                         " ('version', 'updated_at')");
	cr_assert_gt(atoi(total), 2000);

	harness_launch(h, NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "4");
	harness_wait_row(h, 0, "审计日志", 0);
	snprintf(pattern, sizeof pattern, "*查找：*最近 2000 条，共 %s 条", total);
	row = harness_wait_match(h, pattern, 0);

	harness_send(h, name);
	snprintf(pattern, sizeof pattern, "*查找：%s *找到 * 条", name);
	harness_wait_match(h, pattern, 0);
	snprintf(pattern, sizeof pattern, "* 成员 %s（*新建*", name);
	harness_wait_match(h, pattern, 0);
	/* The selected row's subject, whole, above its values. */
	snprintf(pattern, sizeof pattern, "*member/* 成员 %s（%s）*", name,
	         hh_no);
	harness_wait_match(h, pattern, 0);

	/* Esc clears the search: the whole log again. */
	harness_key(h, "kf3");
	harness_wait_row(h, row, "最近 2000 条", 0);
	/* F7 adds the technical rows, and says so. */
	harness_key(h, "kf7");
	harness_wait_row(h, row, "含技术记录", 0);
	free(name);
	free(hh_no);
	free(total);
}
