/*
 * End-to-end tests of key rebinding from the configuration: [keys] moves an
 * action to other keys everywhere (and takes it off its old ones),
 * [keys.NAME] on one screen only, the key line and F1 help follow, and a
 * bad binding stops start-up before the screen is taken over, with a
 * message naming the file and the line.
 *
 * Layout facts relied on: row 0 is the title bar, row 1 the staff list's
 * column header or the new-staff form's heading 新员工, row 23 the key
 * line. Help rows read "KEYS  LABEL  TEXT  [name]".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <criterion/criterion.h>

#include "harness.h"

#define KEY_ROW (HARNESS_ROWS - 1)

static struct harness *h;

static void
keys_teardown(void)
{
	harness_stop(h);
	h = NULL;
}

TestSuite(keys, .fini = keys_teardown);

/* Starts the program with config text and waits for the main menu. */
static void
keys_start(const char *ini)
{
	h = harness_new();
	harness_write_file(h, "frontdesk.ini", ini);
	harness_launch(h, NULL);
	harness_wait_row(h, 0, "主菜单", 0);
}

Test(keys, help_moved_to_f12)
{
	char *keyline;

	keys_start("[keys]\nhelp = F12\n");
	harness_wait_row(h, KEY_ROW, "F12 帮助", 0);
	keyline = harness_row(h, KEY_ROW);
	cr_assert(!strstr(keyline, "F1 "), "the key line still shows F1: %s",
	          keyline);
	free(keyline);

	/* F1 does nothing now: the 1 after it opens the staff list from the
	 * menu (in help it would have started a search). */
	harness_key(h, "kf1");
	harness_send(h, "3");
	harness_wait_row(h, 0, "员工名单", 0);
	harness_wait_row(h, 1, "登录名", 0);

	/* F12 opens help, which lists F12 (and F12 alone) for help. */
	harness_key(h, "kf12");
	harness_wait_row(h, 0, "帮助", 0);
	harness_wait_match(h, "F12 *帮助*\\[help\\]", 0);
	cr_assert_eq(harness_find_match(h, "F1 *\\[help\\]"), -1,
	             "help still lists F1 for help");
	cr_assert_eq(harness_find_match(h, "*Esc-1*\\[help\\]"), -1,
	             "help still lists Esc-1 for help");

	/* F3 goes back to the list. */
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "员工名单", 0);
}

Test(keys, new_moved_to_f11_on_the_staff_screen)
{
	keys_start("[keys.staff]\nnew = F11\n");
	harness_send(h, "3");
	harness_wait_row(h, 0, "员工名单", 0);
	harness_wait_row(h, 1, "登录名", 0);
	harness_wait_row(h, KEY_ROW, "F11 新建", 0);

	/* F6 no longer opens the form here: the F1 after it opens help on
	 * the staff list (where new is F11), not on the form (where new is
	 * still F6), and F3 returns to the list. */
	harness_key(h, "kf6");
	harness_key(h, "kf1");
	harness_wait_row(h, 0, "帮助", 0);
	harness_wait_match(h, "F11 *新建*\\[new\\]", 0);
	cr_assert_eq(harness_find_match(h, "F6*\\[new\\]"), -1,
	             "help on the staff screen still lists F6 for new");
	harness_key(h, "kf3");
	harness_wait_row(h, 1, "登录名", 0);

	/* F11 opens the form. */
	harness_key(h, "kf11");
	harness_wait_row(h, 1, "新员工", 0);
	harness_wait_match(h, "*登录名*", 0);
}

/* Starts the program with config text that must be refused: it exits
 * non-zero without taking over the screen, naming the file and line, and
 * each of the words (NULL-ended). */
static void
keys_assert_refused(const char *ini, int line, const char *const words[])
{
	char where[160];
	const char *out;
	int st;

	h = harness_new();
	harness_write_file(h, "frontdesk.ini", ini);
	harness_launch(h, NULL);
	harness_wait_exit(h, 0, &st);
	out = harness_output(h);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) != 0,
	          "the config\n%s\nended with %s; output:\n%s", ini,
	          harness_status_str(st), out);
	cr_assert(!harness_altscreen_used(h),
	          "the program took over the screen before refusing:\n%s", ini);
	snprintf(where, sizeof where, "%s:%d", harness_config_path(h), line);
	cr_assert(strstr(out, where),
	          "the message does not name %s for the config\n%s\noutput:\n%s",
	          where, ini, out);
	for (; words && *words; words++)
		cr_assert(strstr(out, *words),
		          "the message does not mention \"%s\":\n%s", *words, out);
}

Test(keys, unknown_key_name_is_refused)
{
	static const char *const words[] = {"F13", NULL};

	keys_assert_refused("[keys]\nsave = F13\n", 2, words);
}

Test(keys, unknown_action_is_refused)
{
	static const char *const words[] = {"nosuch", NULL};

	keys_assert_refused("[keys]\nnosuch = F2\n", 2, words);
}

Test(keys, unknown_screen_is_refused)
{
	static const char *const words[] = {"nosuch", NULL};

	keys_assert_refused("[keys.nosuch]\nsave = F2\n", 2, words);
}

Test(keys, key_bound_twice_is_refused)
{
	static const char *const words[] = {"F6", "save", "new", NULL};

	keys_assert_refused("; F6 is also new's\n[keys]\nsave = F6\n", 3, words);
}
