/*
 * End-to-end tests of the shared widgets as a person meets them: the
 * database check's progress bar and verdict, the searchable F1 help list,
 * and the F4 pick list of a choice field (its title, its items, Esc that
 * first clears the filter and then backs out without changing the field).
 *
 * Layout facts relied on: row 0 is the title bar; a list's search line
 * reads "查找：FILTER ... SHOWN/TOTAL 条"; the pick list is an overlay box
 * whose top border carries the title, directly above its items.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "e2e_util.h"
#include "harness.h"

static struct harness *h;

static void
widgets_teardown(void)
{
	harness_stop(h);
	h = NULL;
}

TestSuite(widgets, .fini = widgets_teardown);

static void
widgets_start_menu(void)
{
	h = harness_start(NULL);
	harness_wait_row(h, 0, "主菜单", 0);
}

/* Once the check is done the bar goes: a full bar is reverse-video
 * blanks, which left a lone "100%" floating above the verdict. */
Test(widgets, database_check_passes_without_a_stray_percentage)
{
	widgets_start_menu();
	harness_send(h, "5");
	harness_wait_row(h, 0, "数据库检查", 0);
	harness_wait_match(h, "检查通过*一致性规则*", 0);
	cr_assert(!harness_has_text(h, "100%"), "a stray 100%%:\n%s",
	          harness_screen(h));
	cr_assert(!harness_has_text(h, "发现问题"));
	/* F5 runs it again, to the same end. */
	harness_key(h, "kf5");
	harness_wait_match(h, "检查通过*", 0);
	cr_assert(!harness_has_text(h, "100%"), "%s", harness_screen(h));
}

/* The rows of the help list (from row 5 to the search line) that are not
 * blank; fails if one of them lacks text. */
static int
widgets_help_rows(int search_row, const char *text)
{
	int n = 0;

	for (int row = 5; row < search_row; row++) {
		char *line = harness_row(h, row);

		if (line[0]) {
			n++;
			if (!strstr(line, text))
				harness_fail(h, "row %d is shown under the search %s but "
				             "does not contain it", row, text);
		}
		free(line);
	}
	return n;
}

/* Help search matches the whole row: the keys, the label, the sentence
 * and the config name. 保存 is the save label, but the sentences of back
 * (未保存的输入) and enter (回车即保存) contain it too, so it leaves those
 * rows; 保存当前 (from save's 保存当前记录) leaves the save row alone. */
Test(widgets, help_is_searchable)
{
	int search_row, shown, total, all;

	widgets_start_menu();
	harness_key(h, "kf1");
	harness_wait_row(h, 0, "帮助", 0);
	harness_wait_match(h, "F2*保存*\\[save\\]", 0);
	search_row = harness_wait_match(h, "*查找：* 条", 0);
	e2e_count(h, search_row, &all, &total);
	cr_assert_eq(all, total);

	harness_send(h, "/");
	harness_send(h, "保存");
	harness_wait_match(h, "*查找：保存 *", 0);
	e2e_count(h, search_row, &shown, &total);
	cr_assert_eq(total, all);
	cr_assert(shown >= 1 && shown < all, "the search 保存 leaves %d of %d "
	          "help rows", shown, total);
	cr_assert_eq(widgets_help_rows(search_row, "保存"), shown);
	harness_wait_match(h, "F2*保存*\\[save\\]", 0);
	cr_assert_eq(harness_find_match(h, "*\\[help\\]"), -1,
	             "the help row is still shown under the search 保存");

	harness_send(h, "当前");
	harness_wait_match(h, "*查找：保存当前 *", 0);
	harness_wait_match(h, "*查找：* 1/* 条", 0);
	cr_assert_eq(widgets_help_rows(search_row, "[save]"), 1);
	harness_wait_match(h, "F2 Esc-2 Ctrl-S *保存*\\[save\\]", 0);
}

/* From the menu: the staff list, a new-staff form, Tab Tab to 角色.
 * Returns the role field's row. */
static int
widgets_open_role_field(void)
{
	int row;

	widgets_start_menu();
	harness_send(h, "3");
	harness_wait_row(h, 1, "登录名", 0);
	harness_key(h, "kf6");
	harness_wait_row(h, 1, "新员工", 0);
	harness_send(h, "\t\t");
	row = harness_wait_match(h, "  角色*前台*", 0);
	harness_wait_cursor(h, row, -1, 0);
	return row;
}

/* The row of label inside the pick box: a row below the form's fields
 * (which end at field_row) that holds it, or -1. */
static int
widgets_pick_row(int field_row, const char *label)
{
	for (int r = field_row + 1; r < HARNESS_ROWS - 2; r++) {
		char *text = harness_row(h, r);
		bool found = strstr(text, label) != NULL;

		free(text);
		if (found)
			return r;
	}
	return -1;
}

Test(widgets, pick_list_filters_and_backs_out)
{
	static const char *const roles[] = {"前台", "培训师", "就业专员", "主管"};
	int field_row, first, col, r, c;

	field_row = widgets_open_role_field();
	harness_key(h, "kf4");
	harness_wait_text(h, "就业专员", 0);
	harness_wait_text(h, "4/4", 0);

	/* The four roles, one per row in the box, under its title 角色. */
	first = widgets_pick_row(field_row, roles[0]);
	cr_assert(first > field_row, "前台 is not in the pick box");
	col = harness_col(h, first, roles[0], NULL);
	for (size_t i = 0; i < 4; i++) {
		r = widgets_pick_row(field_row, roles[i]);
		c = r < 0 ? -1 : harness_col(h, r, roles[i], NULL);
		if (r != first + (int)i || c != col)
			harness_fail(h, "%s is at row %d col %d, not row %d col %d",
			             roles[i], r, c, first + (int)i, col);
	}
	r = widgets_pick_row(field_row, "角色");
	if (r != first - 1)
		harness_fail(h, "the pick box's title 角色 is on row %d, not right "
		             "above its items (row %d)", r, first - 1);
	cr_assert(harness_col(h, r, "角色", NULL) > 2,
	          "the title is not on the box's border");

	/* A filter narrows; Esc clears it and the box stays. */
	harness_send(h, "就");
	harness_wait_text(h, "1/4", 0);
	cr_assert_eq(widgets_pick_row(field_row, "培训师"), -1);
	harness_send(h, "\033");
	harness_wait_text(h, "4/4", 0);
	harness_wait_row(h, first + 1, "培训师", 0);
	harness_wait_row(h, first - 1, "角色", 0);

	/* Esc again closes it, and the field keeps its value. */
	harness_send(h, "\033");
	harness_wait_gone(h, "4/4", 0);
	harness_wait_gone(h, "就业专员", 0);
	harness_wait_match(h, "  角色*前台*", 0);
	cr_assert_eq(harness_find_match(h, "  角色*就业专员*"), -1);
	harness_wait_cursor(h, field_row, -1, 0);
	harness_wait_row(h, 1, "新员工", 0);

	/* Nothing changed, so F3 leaves without asking. */
	harness_key(h, "kf3");
	harness_wait_row(h, 1, "登录名", 0);
	cr_assert(!harness_has_text(h, "放弃未保存的输入吗"));
}
