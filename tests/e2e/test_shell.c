/*
 * End-to-end tests of the terminal shell: start-up, the key line and F1
 * help, the Esc-digit fallback, field editing with Chinese text, resizing,
 * the ways a session ends (SIGHUP, a dropped link, SIGTERM), the language
 * setting and a bad config file.
 *
 * Each test runs the real binary in its own 80x24 pseudo-terminal and temp
 * dir (harness.h); the suite's .fini stops the program and removes the dir
 * even when an assertion fails. The texts are the zh/en catalog texts; the
 * layout facts relied on are the shell's: row 0 is the title bar and the
 * last row the key line (so a word that is also a key label, like 帮助 or
 * 主菜单, is looked for on row 0 when it means "this screen is open").
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <criterion/criterion.h>

#include "harness.h"

/* How long a signal or a hangup may take to end the program. */
#define SHELL_EXIT_MS 5000

static struct harness *h;

static void
shell_teardown(void)
{
	harness_stop(h);
	h = NULL;
}

TestSuite(shell, .fini = shell_teardown);

/* Starts the program on a new database and waits for the main menu. */
static void
shell_start_menu(void)
{
	h = harness_start(NULL);
	harness_wait_row(h, 0, "主菜单", 0);
}

/* From the main menu: opens the staff list, then a new-staff form (heading
 * 新员工: the list's column header has the same three words), checks
 * the cursor starts in 登录名 and moves to 姓名 with Tab. Returns the row of
 * the 姓名 field. */
static int
shell_open_name_field(void)
{
	int login_row, name_row;

	harness_send(h, "3");
	harness_wait_row(h, 0, "员工", 0);
	harness_key(h, "kf6");
	harness_wait_text(h, "新员工", 0);
	harness_wait_text(h, "登录名", 0);
	harness_wait_text(h, "姓名", 0);
	harness_wait_text(h, "角色", 0);
	login_row = harness_find_row(h, "登录名");
	name_row = harness_find_row(h, "姓名");
	if (login_row < 1 || name_row <= login_row)
		harness_fail(h, "the form has no 登录名 row with 姓名 below it");
	harness_wait_cursor(h, login_row, -1, 0);
	harness_send(h, "\t");
	harness_wait_cursor(h, name_row, -1, 0);
	return name_row;
}

/* Types 张三丰abc into the field under the cursor and edits it to
 * 张三丰ac with Home, End, Left and Backspace. */
static void
shell_type_and_edit(void)
{
	harness_send(h, "张三丰abc");
	harness_wait_text(h, "张三丰abc", 0);
	harness_key(h, "khome");
	harness_key(h, "kend");
	harness_key(h, "kcub1");
	harness_key(h, "kbs");
	harness_wait_text(h, "张三丰ac", 0);
}

/* Asserts that the 姓名 field on row name_row holds exactly 张三丰ac and
 * that the cursor is right after 张三丰a. */
static void
shell_assert_name_field(int name_row)
{
	int start, end, label_end;
	char field[128];
	char *row, *text;

	/* The field's text: from 张三丰 to the first blank. */
	row = harness_row(h, name_row);
	text = strstr(row, "张三丰");
	snprintf(field, sizeof field, "%.*s", text ? (int)strcspn(text, " ") : 0,
	         text ? text : "");
	free(row);
	if (strcmp(field, "张三丰ac") != 0)
		harness_fail(h, "the 姓名 field (row %d) holds \"%s\", not \"张三丰ac\"",
		             name_row, field);
	/* The field text starts after the label, where 张三丰 begins. */
	harness_col(h, name_row, "姓名", &label_end);
	start = harness_col(h, name_row, "张三丰ac", NULL);
	cr_assert(start >= label_end, "the name starts in column %d, inside the "
	          "label (which ends at %d)", start, label_end);
	cr_assert_eq(harness_col(h, name_row, "张三丰a", &end), start);
	cr_assert_eq(end, start + 7, "张三丰a is %d columns wide, not 7",
	             end - start);
	harness_wait_cursor(h, name_row, end, 0);
}

/* Asserts that the program's process group is gone after the exit. */
static void
shell_assert_no_process(void)
{
	pid_t pid = harness_pid(h);

	cr_assert(harness_group_gone(h, 1000),
	          "a process of the group %d is still running after the exit",
	          (int)pid);
	cr_assert(kill(-pid, 0) == -1 && errno == ESRCH);
}

Test(shell, startup_shows_menu_and_key_line)
{
	int item;

	shell_start_menu();
	item = harness_wait_match(h, "*1 *建档立卡户*", 0);
	cr_assert(item > 0, "item 1 建档立卡户登记 is below the title row");
	cr_assert(harness_wait_match(h, "*3 *员工*", 0) > item,
		  "item 3 员工名单 follows");
	harness_wait_row(h, HARNESS_ROWS - 1, "F1", 0);
	harness_wait_row(h, HARNESS_ROWS - 1, "帮助", 0);
	cr_assert(harness_altscreen_active(h));
}

Test(shell, f1_opens_help_and_f3_returns)
{
	shell_start_menu();
	harness_key(h, "kf1");
	harness_wait_row(h, 0, "帮助", 0);
	harness_wait_match(h, "*F2*保存*", 0);
	/* Under the list, the whole text of the selected key: the first is
	 * help itself; Down selects the next. */
	harness_wait_row(h, HARNESS_ROWS - 4, "显示本屏幕的按键说明", 0);
	harness_key(h, "kcud1");
	harness_wait_row(h, HARNESS_ROWS - 4, "返回上一屏幕", 0);
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "主菜单", 0);
	harness_wait_row_gone(h, 0, "帮助", 0);
}

Test(shell, esc_then_digit_opens_help)
{
	shell_start_menu();
	harness_send(h, "\033");
	harness_pause(h, 100);
	harness_send(h, "1");
	harness_wait_row(h, 0, "帮助", 0);
	harness_wait_match(h, "*F2*保存*", 0);
}

Test(shell, staff_form_edits_chinese_text)
{
	int name_row;

	shell_start_menu();
	name_row = shell_open_name_field();
	shell_type_and_edit();
	shell_assert_name_field(name_row);
}

Test(shell, resize_keeps_typed_text)
{
	int name_row;

	shell_start_menu();
	name_row = shell_open_name_field();
	shell_type_and_edit();
	harness_resize(h, 20, 60);
	harness_wait_text(h, "终端太小", 0);
	harness_wait_text(h, "80x24", 0);
	harness_resize(h, 24, 80);
	harness_wait_gone(h, "终端太小", 0);
	harness_wait_text(h, "张三丰ac", 0);
	cr_assert_eq(harness_find_row(h, "姓名"), name_row);
	shell_assert_name_field(name_row);
}

Test(shell, sighup_ends_the_session)
{
	int st;

	shell_start_menu();
	shell_open_name_field();
	shell_type_and_edit();
	harness_signal(h, SIGHUP);
	harness_wait_exit(h, SHELL_EXIT_MS, &st);
	cr_log_info("after SIGHUP: %s", harness_status_str(st));
	shell_assert_no_process();
}

Test(shell, dropped_link_ends_the_session)
{
	int st;

	shell_start_menu();
	shell_open_name_field();
	shell_type_and_edit();
	harness_hangup(h);
	harness_wait_exit(h, SHELL_EXIT_MS, &st);
	cr_log_info("after hangup: %s", harness_status_str(st));
	shell_assert_no_process();
}

Test(shell, sigterm_ends_and_restores_the_terminal)
{
	int st;

	shell_start_menu();
	harness_signal(h, SIGTERM);
	harness_wait_exit(h, SHELL_EXIT_MS, &st);
	cr_log_info("after SIGTERM: %s", harness_status_str(st));
	shell_assert_no_process();
	cr_assert(!harness_altscreen_active(h),
	          "the program ended without leaving the alternate screen");
}

Test(shell, english_from_config)
{
	h = harness_new();
	harness_write_file(h, "frontdesk.ini", "[ui]\nlanguage = en\n");
	harness_launch(h, NULL);
	harness_wait_row(h, 0, "Main menu", 0);
}

Test(shell, bad_config_is_refused_before_the_screen)
{
	const char *out;
	int st;

	h = harness_new();
	harness_write_file(h, "frontdesk.ini", "[ui]\nlanguage = fr\n");
	harness_launch(h, NULL);
	harness_wait_exit(h, 0, &st);
	out = harness_output(h);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) != 0,
	          "a bad config ended with %s; output:\n%s",
	          harness_status_str(st), out);
	cr_assert(!harness_altscreen_used(h),
	          "the program took over the screen before refusing its config");
	cr_assert(strstr(out, harness_config_path(h)),
	          "the message does not name %s:\n%s", harness_config_path(h), out);
	cr_assert(strstr(out, "language"),
	          "the message does not name the key \"language\":\n%s", out);
}
