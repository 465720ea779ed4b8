/*
 * End-to-end tests of the staff screens: adding a member through the form
 * (with the role picked from the F4 list) and finding the change in the
 * audit log and in `frontdesk staff list`; the form's checks (a bad login,
 * a login already taken); Back over unsaved input; and a read-only session
 * for a login that is not on the staff list.
 *
 * Layout facts relied on (the shell's and the staff screens'): row 0 is
 * the title bar, row 1 the screen's heading (the list's column header, or
 * 新员工 on the new-staff form, whose title bar says 员工名单 like the
 * list's), the form's fields one per row below it, row 22 the status line
 * and row 23 the key line.
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include "e2e_util.h"
#include "harness.h"

#define STATUS_ROW (HARNESS_ROWS - 2)
#define SETPRIV "/usr/bin/setpriv"

static struct harness *h;

static void
staff_teardown(void)
{
	harness_stop(h);
	h = NULL;
}

TestSuite(staff, .fini = staff_teardown);

/* `frontdesk --config C --db D args...` with the harness's files, as the
 * user running the tests. Caller frees. */
static char *
staff_cli(const char *a1, const char *a2, int *status)
{
	const char *bin = getenv("FRONTDESK_BIN");
	char *const argv[] = {
		(char *)bin, (char *)"--config", (char *)harness_config_path(h),
		(char *)"--db", (char *)harness_db_path(h), (char *)a1,
		(char *)a2, NULL,
	};

	cr_assert(bin && *bin, "FRONTDESK_BIN is not set");
	return e2e_run(argv, status);
}

/* The login of the user running the tests: the supervisor of every new
 * database the harness makes. */
static const char *
staff_own_login(void)
{
	struct passwd *pw = getpwuid(getuid());

	cr_assert(pw && pw->pw_name && pw->pw_name[0],
	          "no passwd entry for uid %d", (int)getuid());
	return pw->pw_name;
}

/* Starts the program on a new database, opens the staff list and the
 * new-staff form, and waits for the cursor in 登录名. Returns its row. */
static int
staff_open_new_form(void)
{
	int login_row;

	h = harness_start(NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "3");
	harness_wait_row(h, 0, "员工名单", 0);
	harness_wait_row(h, 1, "登录名", 0);
	harness_key(h, "kf6");
	harness_wait_row(h, 1, "新员工", 0);
	login_row = harness_wait_match(h, "*登录名*", 0);
	harness_wait_match(h, "*姓名*", 0);
	harness_wait_match(h, "*角色*前台*", 0);
	harness_wait_cursor(h, login_row, -1, 0);
	return login_row;
}

/* Waits until row `row` holds text and the cursor stands right after it;
 * returns the column where text starts. */
static int
staff_wait_typed(int row, const char *text)
{
	int start, end;

	harness_wait_row(h, row, text, 0);
	start = harness_col(h, row, text, &end);
	harness_wait_cursor(h, row, end, 0);
	return start;
}

/* Picks 培训师 for the focused role field: F4, type 培 to narrow, Enter. */
static void
staff_pick_trainer(int role_row)
{
	harness_key(h, "kf4");
	harness_wait_text(h, "就业专员", 0);
	harness_send(h, "培");
	harness_wait_gone(h, "就业专员", 0);
	harness_wait_match(h, "*培训师*", 0);
	harness_wait_text(h, "1/4", 0);
	harness_send(h, "\r");
	harness_wait_gone(h, "1/4", 0);
	harness_wait_row(h, role_row, "培训师", 0);
}

/* On the new-staff form: types login, Tab, 刘洋, Tab, picks 培训师, then
 * saves with F2. *name_row and *role_row get the rows of 姓名 and 角色. */
static void
staff_save_trainer(int login_row, const char *login, int *name_row,
                   int *role_row)
{
	harness_send(h, login);
	staff_wait_typed(login_row, login);
	harness_send(h, "\t");
	*name_row = harness_find_row(h, "姓名");
	harness_wait_cursor(h, *name_row, -1, 0);
	harness_send(h, "刘洋");
	staff_wait_typed(*name_row, "刘洋");
	harness_send(h, "\t");
	*role_row = harness_find_row(h, "角色");
	harness_wait_cursor(h, *role_row, -1, 0);
	staff_pick_trainer(*role_row);
	harness_key(h, "kf2");
}

Test(staff, add_through_form_then_audit_and_command_line)
{
	int login_row, name_row, role_row, row, search_row;
	int before, after, total_before, total_after, st;
	char *out, *line;

	login_row = staff_open_new_form();
	staff_save_trainer(login_row, "liuyang", &name_row, &role_row);

	/* Back on the list, with the new row and the saved message. */
	harness_wait_row(h, 1, "登录名", 0);
	row = harness_wait_match(h, "*liuyang*刘洋*培训师*是*", 0);
	cr_assert(row > 1 && row < STATUS_ROW, "the new staff row is on row %d",
	          row);
	harness_wait_row(h, STATUS_ROW, "liuyang", 0);

	/* The audit log: F10 to the menu, 4. */
	harness_key(h, "kf10");
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "4");
	harness_wait_row(h, 0, "审计日志", 0);
	/* An insert is one entry (新建); the selected one's values below. */
	harness_wait_match(h, "*staff/liuyang*新建*login=liuyang*", 0);
	harness_wait_match(h, "*新值: login=liuyang; name=刘洋; role=trainer;*",
	                   0);
	/* The count line: every row ("共 N 条"); a search runs in the
	 * database and says how many it found. */
	search_row = harness_wait_match(h, "*查找：*共 * 条", 0);
	line = harness_row(h, search_row);
	cr_assert(sscanf(strstr(line, "共 ") + strlen("共 "), "%d",
	                 &total_before) == 1,
	          "%s", line);
	free(line);
	before = total_before;
	harness_send(h, "liuyang");
	harness_wait_match(h, "*查找：liuyang *找到 * 条", 0);
	line = harness_row(h, search_row);
	cr_assert(sscanf(strstr(line, "找到 ") + strlen("找到 "), "%d",
	                 &after) == 1,
	          "%s", line);
	free(line);
	total_after = total_before;
	cr_assert(after > 0 && after < before,
	          "typing liuyang left %d of %d audit rows (before: %d)", after,
	          total_after, before);
	for (row = 2; row < search_row; row++) {
		char *text = harness_row(h, row);

		if (text[0] && !strstr(text, "liuyang"))
			harness_fail(h, "row %d is shown under the search liuyang", row);
		free(text);
	}

	/* The command line sees the same database. */
	harness_key(h, "kf10");
	harness_wait_row(h, 0, "主菜单", 0);
	harness_key(h, "kf3");
	harness_wait_exit(h, 0, &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "F3 on the menu: %s",
	          harness_status_str(st));
	out = staff_cli("staff", "list", &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	          "frontdesk staff list: %s\n%s", harness_status_str(st), out);
	line = strstr(out, "liuyang");
	cr_assert(line, "frontdesk staff list has no liuyang:\n%s", out);
	line[strcspn(line, "\n")] = '\0';
	cr_assert(strstr(line, "trainer") && strstr(line, "刘洋"),
	          "frontdesk staff list shows liuyang as \"%s\"", line);
	free(out);
}

/* Erases n characters before the cursor with Backspace. */
static void
staff_erase(int n)
{
	while (n-- > 0)
		harness_key(h, "kbs");
}

/* F2 on a login the form must refuse: the error stands next to 登录名 (to
 * the right of what was typed), the cursor is back in that field right
 * after the text, which is still there, and the status line names the
 * field. */
static void
staff_assert_login_refused(int login_row, const char *login)
{
	int start, end, err_col, row;

	harness_key(h, "kf2");
	harness_wait_row(h, login_row, "登录名须为", 0);
	/* The whole reason fits at 80 columns (its last words too). */
	harness_wait_row(h, login_row, "以字母或 _ 开头", 0);
	harness_wait_row(h, STATUS_ROW, "登录名", 0);
	harness_wait_row(h, 1, "新员工", 0);
	start = harness_col(h, login_row, login, &end);
	cr_assert(start > 0, "the typed login \"%s\" is no longer on row %d",
	          login, login_row);
	err_col = harness_col(h, login_row, "登录名须为", NULL);
	cr_assert(err_col > end, "the error starts in column %d, not after the "
	          "field text (which ends at %d)", err_col, end);
	harness_wait_cursor(h, login_row, end, 0);
	row = harness_find_row(h, "登录名须为");
	cr_assert_eq(row, login_row, "the login error is on row %d, not on the "
	             "登录名 row %d", row, login_row);
}

Test(staff, bad_login_is_refused_next_to_the_field)
{
	static const char *const bad[] = {"Bad Name", "liuYang", "liu yang"};
	int login_row, name_row;

	login_row = staff_open_new_form();
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (i > 0) {
			/* Editing the field takes the error away. */
			staff_erase((int)strlen(bad[i - 1]));
			harness_wait_row_gone(h, login_row, "登录名须为", 0);
		}
		harness_send(h, bad[i]);
		staff_wait_typed(login_row, bad[i]);
		staff_assert_login_refused(login_row, bad[i]);
	}
	/* The other fields are untouched by the refusal: the name typed after
	 * it is kept through a second refusal too. */
	harness_send(h, "\t");
	name_row = harness_find_row(h, "姓名");
	harness_wait_cursor(h, name_row, -1, 0);
	harness_send(h, "刘洋");
	staff_wait_typed(name_row, "刘洋");
	staff_assert_login_refused(login_row, bad[2]);
	harness_wait_row(h, name_row, "刘洋", 0);
}

Test(staff, duplicate_login_is_refused_and_input_kept)
{
	const char *me = staff_own_login();
	char pattern[128];
	int login_row, name_row, role_row, start, end, row;

	/* The supervisor of a new database is whoever opened it: us. */
	login_row = staff_open_new_form();
	staff_save_trainer(login_row, me, &name_row, &role_row);

	/* Refused: a message on the status line and next to 登录名, the
	 * cursor back in 登录名, and every field as it was typed. */
	harness_wait_row(h, STATUS_ROW, me, 0);
	harness_wait_row(h, 1, "新员工", 0);
	harness_wait_cursor(h, login_row, -1, 0);
	start = harness_col(h, login_row, me, &end);
	cr_assert(start > 0, "the login %s is gone from the form", me);
	{
		/* Past the typed login, something (the error) is written. */
		char *text = harness_row(h, login_row);
		char *after = strstr(text, me) + strlen(me);

		cr_assert(after[strspn(after, " ")] != '\0',
		          "no error next to the 登录名 field: \"%s\"", text);
		free(text);
	}
	harness_wait_cursor(h, login_row, end, 0);
	harness_wait_row(h, name_row, "刘洋", 0);
	harness_wait_row(h, role_row, "培训师", 0);

	/* Nothing was written: the list still has us once, as supervisor. */
	harness_key(h, "kf3");
	harness_wait_text(h, "放弃未保存的输入吗", 0);
	harness_send(h, "y");
	harness_wait_row(h, 1, "登录名", 0);
	snprintf(pattern, sizeof pattern, "%s *主管*", me);
	row = harness_wait_match(h, pattern, 0);
	cr_assert(row > 1);
	cr_assert_eq(harness_find_match(h, "*培训师*"), -1,
	             "a trainer row appeared in the staff list");
	harness_wait_match(h, "*查找：* 1/1 条", 0);
}

Test(staff, back_asks_before_dropping_input)
{
	int login_row, start, end;

	login_row = staff_open_new_form();
	harness_send(h, "abc");
	start = staff_wait_typed(login_row, "abc");
	harness_key(h, "kf3");
	harness_wait_text(h, "放弃未保存的输入吗", 0);
	harness_wait_text(h, "确认", 0);

	/* Enter is No: the form stays, with its text and the cursor. */
	harness_send(h, "\r");
	harness_wait_gone(h, "放弃未保存的输入吗", 0);
	harness_wait_row(h, 1, "新员工", 0);
	cr_assert_eq(harness_col(h, login_row, "abc", &end), start);
	harness_wait_cursor(h, login_row, end, 0);

	/* The form still takes input after the dialog. */
	harness_send(h, "d");
	staff_wait_typed(login_row, "abcd");

	/* F3 again, and y: back on the list, nothing saved. */
	harness_key(h, "kf3");
	harness_wait_text(h, "放弃未保存的输入吗", 0);
	harness_send(h, "y");
	harness_wait_gone(h, "放弃未保存的输入吗", 0);
	harness_wait_row(h, 0, "员工名单", 0);
	harness_wait_row(h, 1, "登录名", 0);
	harness_wait_row_gone(h, 1, "新员工", 0);
	cr_assert(!harness_has_text(h, "abcd"), "the dropped input was saved");
}

Test(staff, back_leaves_an_untouched_form_at_once)
{
	staff_open_new_form();
	harness_key(h, "kf3");
	harness_wait_row(h, 1, "登录名", 0);
	harness_wait_row_gone(h, 1, "新员工", 0);
	/* The key F3 left the form; the next F3 leaves the list, so no dialog
	 * was in between. */
	cr_assert(!harness_has_text(h, "放弃未保存的输入吗"));
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "主菜单", 0);
	cr_assert(!harness_has_text(h, "放弃未保存的输入吗"));
}

/* Makes path writable by anyone (the read-only test's other user). */
static void
staff_chmod(const char *dir, const char *name, mode_t mode, bool must)
{
	char path[256];

	snprintf(path, sizeof path, "%s%s%s", dir, name ? "/" : "",
	         name ? name : "");
	if (chmod(path, mode) != 0 && (must || errno != ENOENT))
		harness_fail(h, "chmod %s: %s", path, strerror(errno));
}

/* The ACTIVE column ("是", "否": the command line speaks ui.language, zh
 * by default) of login in `staff list` output, or "" if login is not
 * listed. Returns a static buffer. */
static const char *
staff_listed_active(const char *out, const char *login)
{
	static char active[8];
	const char *line = out;

	active[0] = '\0';
	while (line && *line) {
		char l[64], r[32], a[8];

		if (sscanf(line, "%63s %31s %7s", l, r, a) == 3 &&
		    strcmp(l, login) == 0) {
			snprintf(active, sizeof active, "%s", a);
			break;
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return active;
}

/* A demo database (root or the running login is supervisor) that the
 * user nobody may write, with `extra` run through the command line after
 * the demo (NULL for none) and then sql on a plain connection (set-up
 * only, NULL for none); then the program runs as nobody. Skips the
 * test where that cannot be arranged. */
static void
staff_launch_as_nobody(const char *const *extra, const char *sql)
{
	char bin[4096], wrapper[256], script[4608];
	const char *env_bin = getenv("FRONTDESK_BIN");
	char *old_bin, *out;
	int st;

	if (getuid() != 0)
		cr_skip_test("needs root, to run the program as nobody");
	if (access(SETPRIV, X_OK) != 0)
		cr_skip_test(SETPRIV " is missing (util-linux)");
	if (!getpwnam("nobody"))
		cr_skip_test("there is no user nobody");
	cr_assert(env_bin && realpath(env_bin, bin), "FRONTDESK_BIN=%s",
	          env_bin ? env_bin : "(unset)");
	if (strchr(bin, '\''))
		cr_skip_test("the binary's path %s has a quote in it", bin);

	/* A database where root is the supervisor and the demo staff are
	 * listed, which the user nobody may open for writing. */
	h = harness_new();
	staff_chmod(harness_dir(h), NULL, 0777, true);
	out = staff_cli("demo", NULL, &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "frontdesk demo: %s\n%s",
	          harness_status_str(st), out);
	free(out);
	if (extra) {
		out = e2e_cli(h, extra, &st);
		cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s: %s\n%s",
		          extra[0], harness_status_str(st), out);
		free(out);
	}
	if (sql)
		e2e_sql(h, sql);
	staff_chmod(harness_dir(h), "frontdesk.db", 0666, true);
	staff_chmod(harness_dir(h), "frontdesk.db-wal", 0666, false);
	staff_chmod(harness_dir(h), "frontdesk.db-shm", 0666, false);

	/* The harness runs $FRONTDESK_BIN: for this one run, a wrapper that
	 * becomes nobody and runs the real binary with the same arguments. */
	snprintf(wrapper, sizeof wrapper, "%s/as-nobody.sh", harness_dir(h));
	snprintf(script, sizeof script,
	         "#!/bin/sh\nexec " SETPRIV " --reuid=nobody --regid=nogroup "
	         "--clear-groups '%s' \"$@\"\n", bin);
	harness_write_file(h, "as-nobody.sh", script);
	staff_chmod(wrapper, NULL, 0755, true);
	{
		char *const argv[] = {wrapper, (char *)"--version", NULL};

		out = e2e_run(argv, &st);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			cr_skip_test("nobody cannot run %s (%s): %s", bin,
			             harness_status_str(st), out);
		free(out);
	}
	old_bin = strdup(env_bin);
	cr_assert(old_bin);
	setenv("FRONTDESK_BIN", wrapper, 1);
	harness_launch(h, NULL);
	setenv("FRONTDESK_BIN", old_bin, 1);
	free(old_bin);
}

Test(staff, login_not_on_the_staff_list_is_read_only)
{
	staff_launch_as_nobody(NULL, NULL);

	/* The title says read-only, the status line why. */
	harness_wait_row(h, 0, "主菜单", 0);
	harness_wait_row(h, 0, "只读", 0);
	harness_wait_row(h, 0, "nobody", 0);
	harness_wait_row(h, STATUS_ROW, "nobody", 0);
	harness_wait_row(h, STATUS_ROW, "不在员工名单上", 0);

	/* The staff list does not have nobody; F6 is refused with a message
	 * and no form opens. */
	harness_send(h, "3");
	harness_wait_row(h, 0, "员工名单", 0);
	harness_wait_row(h, 1, "登录名", 0);
	harness_wait_match(h, "root *主管*", 0);
	harness_wait_match(h, "zhangmin *张敏*", 0);
	cr_assert_eq(harness_find_match(h, "nobody *"), -1);
	harness_wait_row_gone(h, STATUS_ROW, "nobody", 0);
	harness_key(h, "kf6");
	harness_wait_row(h, STATUS_ROW, "nobody", 0);
	harness_wait_row(h, 0, "只读", 0);
	cr_assert(!harness_has_text(h, "新员工"), "F6 opened the form");
	harness_wait_row(h, 1, "登录名", 0);
}

/* Root edits its own row on a demo database (where mabo is a second
 * supervisor): 在职 = 否 is refused next to the field, and root stays
 * active. */
Test(staff, own_login_cannot_be_deactivated)
{
	const char *me = staff_own_login();
	char *out;
	int st, row;

	h = harness_new();
	out = staff_cli("demo", NULL, &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s", out);
	free(out);
	harness_launch(h, NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "3");
	harness_wait_row(h, 1, "登录名", 0);
	harness_send(h, "/");
	harness_send(h, me);
	harness_wait_match(h, "*查找：*1/* 条", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 1, "修改员工", 0);
	row = harness_wait_match(h, "*在职*是*", 0);
	harness_send(h, "\t"); /* 姓名 -> 角色 */
	harness_send(h, "\t"); /* -> 在职 */
	harness_wait_cursor(h, row, -1, 0);
	harness_key(h, "kf4");
	harness_wait_text(h, "┌─ 在职", 0);
	harness_send(h, "否");
	harness_send(h, "\r");
	harness_wait_gone(h, "┌─ 在职", 0);
	harness_wait_row(h, row, "否", 0);
	harness_key(h, "kf2");
	harness_wait_row(h, row, "不能停用自己的登录名", 0);
	harness_wait_row(h, STATUS_ROW, "在职", 0);
	harness_wait_row(h, 1, "修改员工", 0);

	out = staff_cli("staff", "list", &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s", out);
	cr_assert_str_eq(staff_listed_active(out, me), "是", "%s", out);
	free(out);
}

/* nobody is on the list but inactive: the session is read-only and says
 * so (not "not on the staff list"); staff add of nobody by the supervisor
 * reactivates it, and the next session may write. */
Test(staff, inactive_login_is_read_only_until_reactivated)
{
	const char *const add[] = {"staff", "add", "nobody", "frontdesk", NULL};
	char *out;
	int st;

	staff_launch_as_nobody(
		add, "UPDATE staff SET active = 0 WHERE login = 'nobody'");
	harness_wait_row(h, 0, "只读", 0);
	harness_wait_row(h, STATUS_ROW, "登录名 nobody 已停用", 0);
	harness_wait_row(h, STATUS_ROW, "staff add nobody 角色", 0);
	cr_assert(!harness_has_text(h, "不在员工名单上"));
	/* The header says inactive too, not 未登记 (not on the list). */
	harness_wait_row(h, 0, "nobody · 已停用", 0);
	cr_assert(!harness_has_text(h, "未登记"));
	harness_key(h, "kf3");
	harness_wait_exit(h, 0, NULL);

	out = staff_cli("staff", "list", &st);
	cr_assert_str_eq(staff_listed_active(out, "nobody"), "否", "%s", out);
	free(out);
	out = e2e_cli(h, add, &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s", out);
	cr_assert(strstr(out, "已恢复 nobody，角色 frontdesk"), "%s", out);
	free(out);
	out = staff_cli("staff", "list", &st);
	cr_assert_str_eq(staff_listed_active(out, "nobody"), "是", "%s", out);
	free(out);
}

/* `as-nobody.sh --config C --db D staff add LOGIN frontdesk` (the wrapper
 * staff_launch_as_nobody wrote). Caller frees. */
static char *
staff_cli_as_nobody(const char *login, int *status)
{
	char wrapper[256];

	snprintf(wrapper, sizeof wrapper, "%s/as-nobody.sh", harness_dir(h));
	{
		char *const argv[] = {
			wrapper, (char *)"--config",
			(char *)harness_config_path(h), (char *)"--db",
			(char *)harness_db_path(h), (char *)"staff",
			(char *)"add", (char *)login, (char *)"frontdesk", NULL,
		};

		return e2e_run(argv, status);
	}
}

/* The command line's staff refusals are catalog texts, in the configured
 * language (Chinese here), like the rest of the command line: a login
 * already listed, a role that may not change staff, an inactive login. */
Test(staff, command_line_refusals_follow_the_language)
{
	const char *const add[] = {"staff", "add", "nobody", "placement", NULL};
	const char *const again[] = {"staff", "add", "zhangmin", "frontdesk",
				     NULL};
	char *out;
	int st;

	staff_launch_as_nobody(add, NULL);
	harness_wait_row(h, 0, "主菜单", 0);

	out = e2e_cli(h, again, &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 1, "%s", out);
	cr_assert(strstr(out, "zhangmin 已在员工名单上"), "%s", out);
	cr_assert(!strstr(out, "already"), "%s", out);
	free(out);

	out = staff_cli_as_nobody("newbie", &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 1, "%s", out);
	cr_assert(strstr(out, "只有主管可以添加或修改员工（nobody 是就业专员）"),
		  "%s", out);
	cr_assert(!strstr(out, "only a supervisor"), "%s", out);
	free(out);

	e2e_sql(h, "UPDATE staff SET active = 0 WHERE login = 'nobody'");
	out = staff_cli_as_nobody("newbie", &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 1, "%s", out);
	cr_assert(strstr(out, "登录名 nobody 已停用"), "%s", out);
	cr_assert(!strstr(out, "inactive"), "%s", out);
	free(out);
}

/* Root, the last active supervisor, picks another role for itself: F2
 * puts the cursor back on 角色 (the pick had moved it to 在职) and the
 * reason stands there at once, not the field's F4 hint. */
Test(staff, last_supervisor_role_error_shown_at_once)
{
	const char *me = staff_own_login();
	char *out, *line;
	char sql[256];
	int st, row;

	h = harness_new();
	out = staff_cli("demo", NULL, &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s", out);
	free(out);
	snprintf(sql, sizeof sql,
	         "UPDATE staff SET active = 0 WHERE role = 'supervisor'"
	         " AND login <> '%s'", me);
	e2e_sql(h, sql);
	harness_launch(h, NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "3");
	harness_wait_row(h, 1, "登录名", 0);
	harness_send(h, "/");
	harness_send(h, me);
	harness_wait_match(h, "*查找：*1/* 条", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 1, "修改员工", 0);
	row = harness_wait_match(h, "*角色*主管*", 0);
	harness_send(h, "\t"); /* 姓名 -> 角色 */
	harness_wait_cursor(h, row, -1, 0);
	harness_key(h, "kf4");
	harness_wait_text(h, "┌─ 角色", 0);
	harness_send(h, "前");
	harness_send(h, "\r");
	harness_wait_gone(h, "┌─ 角色", 0);
	harness_wait_row(h, row, "前台", 0);
	harness_key(h, "kf2");
	harness_wait_row(h, row, "最后一位在职主管", 0);
	harness_wait_cursor(h, row, -1, 0);
	line = harness_row(h, row);
	cr_assert(!strstr(line, "F4"), "%s", line);
	free(line);
	harness_wait_row(h, STATUS_ROW, "角色", 0);
}
