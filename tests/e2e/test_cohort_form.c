/*
 * End-to-end tests of the new-cohort form's checks and of the capacity
 * prompt, keys only at 80x24: each field is judged when the cursor leaves
 * it (code, date, weekdays, slots), the reason next to the field and, when
 * it is too wide for there, whole on a line under the form; nothing typed
 * is lost (an impossible date stays as typed); a refusal from the
 * database goes away when the room changes; the code is kept trimmed and
 * upper-cased; a short slot and a capacity over the room's seats are
 * asked about, not refused. On the cohort page, c with a bad capacity
 * keeps the prompt open with the text, and a capacity over the seats asks
 * once more.
 *
 * Layout facts relied on: as in test_cohort.c (fields from row 3 in the
 * order 班级编号 培训方向 开班日期 上课日 每日时段 教室 讲师 名额 模块另起时段,
 * values from column 16, the preview two rows under the last field), and
 * the line for a reason too wide for beside its field on row 15.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "e2e_util.h"
#include "harness.h"

#define STATUS_ROW (HARNESS_ROWS - 2)
#define FORM_ROW(i) (3 + (i))
#define VALUE_COL 16
#define SPILL_ROW 15

enum { F_CODE, F_TRACK, F_START, F_WEEKDAYS, F_SLOTS, F_ROOM, F_INSTRUCTOR,
       F_CAPACITY, F_NEW_SLOT };

static struct harness *h;

static void
cf_teardown(void)
{
	harness_stop(h);
	h = NULL;
}

TestSuite(cohort_form, .fini = cf_teardown);

/* Waits until the form's field i shows text at the value column. */
static void
cf_wait_field(int i, const char *text)
{
	harness_wait_row(h, FORM_ROW(i), text, 0);
	cr_assert_eq(harness_col(h, FORM_ROW(i), text, NULL), VALUE_COL,
	             "\"%s\" is not in the value column of row %d", text,
	             FORM_ROW(i));
}

/* With a pick list open: types typed, waits for one item, picks it. */
static void
cf_pick(const char *typed)
{
	char pattern[160];

	harness_wait_row(h, 0, "请选择", 0);
	harness_send(h, typed);
	snprintf(pattern, sizeof pattern, "*查找：%s * 1/* 条*", typed);
	harness_wait_match(h, pattern, 0);
	harness_send(h, "\r");
	harness_wait_row_gone(h, 0, "请选择", 0);
}

/* Erases n characters before the cursor. */
static void
cf_erase(int n)
{
	for (int i = 0; i < n; i++)
		harness_key(h, "kbs");
}

/* On the resource form: code, Tab, name, Tab, seats, F2; back on the
 * cohort form. */
static void
cf_add_room(const char *code, const char *name, const char *seats)
{
	harness_key(h, "kf6");
	harness_wait_row(h, 1, "新增教室", 0);
	harness_wait_cursor(h, FORM_ROW(0), -1, 0);
	harness_send(h, code);
	harness_wait_row(h, FORM_ROW(0), code, 0);
	harness_send(h, "\t");
	harness_send(h, name);
	harness_wait_row(h, FORM_ROW(1), name, 0);
	harness_send(h, "\t");
	harness_send(h, seats);
	harness_wait_row(h, FORM_ROW(2), seats, 0);
	harness_key(h, "kf2");
	harness_wait_row(h, 1, "新建培训班", 0);
}

/* On the instructor field: the instructor code (name) added. */
static void
cf_instructor(const char *code, const char *name)
{
	char shown[64];

	harness_wait_cursor(h, FORM_ROW(F_INSTRUCTOR), -1, 0);
	harness_key(h, "kf6");
	harness_wait_row(h, 1, "新增讲师", 0);
	harness_send(h, code);
	harness_wait_row(h, FORM_ROW(0), code, 0);
	harness_send(h, "\t");
	harness_send(h, name);
	harness_wait_row(h, FORM_ROW(1), name, 0);
	harness_send(h, "\r");
	harness_wait_row(h, 1, "新建培训班", 0);
	snprintf(shown, sizeof shown, "%s  %s", code, name);
	cf_wait_field(F_INSTRUCTOR, shown);
}

/* A new database, the program on the cohort list. */
static void
cf_start(void)
{
	h = harness_start(NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "6");
	harness_wait_row(h, 0, "培训班", 0);
}

/* F6 and the form with code typed, track 电商, start 2026-09-07; the
 * cursor then on 上课日. */
static void
cf_open(const char *code)
{
	harness_key(h, "kf6");
	harness_wait_row(h, 1, "新建培训班", 0);
	harness_wait_cursor(h, FORM_ROW(F_CODE), VALUE_COL, 0);
	harness_send(h, code);
	harness_send(h, "\t");
	harness_key(h, "kf4");
	cf_pick("电商");
	cf_wait_field(F_TRACK, "电商运营基础");
	harness_wait_cursor(h, FORM_ROW(F_START), VALUE_COL, 0);
	harness_send(h, "20260907");
	cf_wait_field(F_START, "2026-09-07");
	harness_send(h, "\t");
	harness_wait_cursor(h, FORM_ROW(F_WEEKDAYS), -1, 0);
}

Test(cohort_form, each_field_is_judged_when_the_cursor_leaves_it)
{
	cf_start();
	harness_key(h, "kf6");
	harness_wait_row(h, 1, "新建培训班", 0);
	harness_wait_cursor(h, FORM_ROW(F_CODE), VALUE_COL, 0);

	/* A code with a blank inside: upper-cased, refused beside it. */
	harness_send(h, " qa 04");
	harness_send(h, "\t");
	harness_wait_row(h, FORM_ROW(F_CODE), "班级编号中间不能有空格", 0);
	cf_wait_field(F_CODE, "QA 04");
	harness_key(h, "kf4");
	cf_pick("电商");

	/* An impossible date is kept as typed and marked when left. */
	harness_wait_cursor(h, FORM_ROW(F_START), VALUE_COL, 0);
	harness_send(h, "20260230");
	cf_wait_field(F_START, "2026-02-30");
	cr_assert(!harness_has_text(h, "不是日期"), "judged before leaving");
	harness_send(h, "\t");
	harness_wait_match(h, "  开班日期 *2026-02-30 *“2026-02-30”不是日期*", 0);

	/* A range with no end is not 周一; the whole reason fits. */
	harness_wait_cursor(h, FORM_ROW(F_WEEKDAYS), -1, 0);
	cf_erase(5);
	harness_send(h, "一至");
	cf_wait_field(F_WEEKDAYS, "一至");
	harness_send(h, "\t");
	harness_wait_match(h, "  上课日 *一至 *“至”不是星期几；可写 一至五、一三五 或 1-5", 0);

	/* Slots that end before they start: beside the field, and whole
	 * under the form where beside it is too narrow. */
	harness_wait_cursor(h, FORM_ROW(F_SLOTS), -1, 0);
	harness_key(h, "khome");
	for (int i = 0; i < 11; i++)
		harness_key(h, "kdch1");
	harness_send(h, "12:00-09:00");
	cf_wait_field(F_SLOTS, "12:00-09:00,14:00-17:00");
	harness_send(h, "\t");
	harness_wait_row(h, FORM_ROW(F_SLOTS), "12:00-09:00：", 0);
	harness_wait_row(h, SPILL_ROW,
	                 "每日时段：12:00-09:00：结束时间须晚于开始时间，如 "
	                 "09:00-12:00", 0);

	/* Each of the other errors is still there; changing a field takes
	 * its own error away, not the others'. */
	harness_wait_row(h, FORM_ROW(F_CODE), "不能有空格", 0);
	harness_key(h, "kcbt"); /* back to 每日时段 */
	harness_key(h, "kcbt"); /* 上课日 */
	harness_wait_cursor(h, FORM_ROW(F_WEEKDAYS), -1, 0);
	harness_send(h, "五");
	harness_wait_row_gone(h, FORM_ROW(F_WEEKDAYS), "不是星期几", 0);
	harness_wait_row(h, FORM_ROW(F_START), "不是日期", 0);
	harness_wait_row(h, FORM_ROW(F_SLOTS), "12:00-09:00：", 0);

	/* F2 names the first field still wrong. */
	harness_key(h, "kf2");
	harness_wait_row(h, FORM_ROW(F_CODE), "不能有空格", 0);
	harness_wait_row(h, STATUS_ROW, "不能有空格", 0);
	harness_wait_cursor(h, FORM_ROW(F_CODE), -1, 0);
	harness_wait_row(h, 1, "新建培训班", 0);
}

Test(cohort_form, a_new_room_clears_the_old_refusal)
{
	cf_start();
	cf_open("C1");
	harness_send(h, "\t\t");
	harness_wait_cursor(h, FORM_ROW(F_ROOM), -1, 0);
	cf_add_room("301", "直播间", "40");
	cf_instructor("T1", "马老师");
	harness_send(h, "20");
	harness_key(h, "kf2");
	harness_wait_row(h, 0, "培训班详情", 0);
	harness_key(h, "kf3");
	harness_wait_match(h, "C1 *", 0);

	/* The same room and hours: refused, naming C1. */
	cf_open("c2");
	harness_send(h, "\t\t");
	harness_key(h, "kf4");
	cf_pick("301");
	cf_instructor("T2", "李老师");
	harness_send(h, "20");
	harness_key(h, "kf2");
	harness_wait_match(h, "  不能建班：*301*C1*", 0);

	/* Another room: the refusal is about the old one, so it goes. */
	harness_key(h, "kcbt");
	harness_key(h, "kcbt");
	harness_wait_cursor(h, FORM_ROW(F_ROOM), -1, 0);
	cf_add_room("302", "实训室", "40");
	harness_wait_gone(h, "不能建班", 0);
	cf_wait_field(F_ROOM, "302");

	/* Saved; the code as kept is upper-cased. */
	harness_key(h, "kf2");
	harness_wait_row(h, 0, "培训班详情", 0);
	harness_wait_row(h, 1, "C2 ", 0);
}

Test(cohort_form, short_slot_and_seats_are_asked_not_refused)
{
	cf_start();
	cf_open("C3");
	harness_send(h, "\t"); /* keep 一二三四五 */
	harness_wait_cursor(h, FORM_ROW(F_SLOTS), -1, 0);
	harness_key(h, "kend");
	cf_erase(23);
	harness_send(h, "09:00-09:30");
	cf_wait_field(F_SLOTS, "09:00-09:30");
	harness_send(h, "\t");
	harness_wait_cursor(h, FORM_ROW(F_ROOM), -1, 0);
	cf_add_room("201", "多媒体教室", "25");
	cf_instructor("T1", "马老师");
	harness_send(h, "30");
	cf_wait_field(F_CAPACITY, "30");

	/* Asked; No keeps the form as it is. */
	harness_key(h, "kf2");
	harness_wait_text(h, "时段 09:00-09:30 不到 1 小时", 0);
	harness_wait_text(h, "名额 30 多于教室 201 的 25 座", 0);
	/* joined as the catalog joins warnings (COHORT_FORM_WARN_JOIN) */
	harness_wait_text(h, "不到 1 小时；名额 30", 0);
	harness_wait_text(h, "仍然保存吗？", 0);
	harness_send(h, "n");
	harness_wait_gone(h, "仍然保存吗？", 0);
	harness_wait_row(h, 1, "新建培训班", 0);
	cf_wait_field(F_CAPACITY, "30");

	/* Yes saves. */
	harness_key(h, "kf2");
	harness_wait_text(h, "仍然保存吗？", 0);
	harness_send(h, "y");
	harness_wait_row(h, 0, "培训班详情", 0);
	harness_wait_row(h, 3, "名额 30", 0);
}

/* On a demo database: c with 0 keeps the prompt, its text and the reason;
 * a capacity over the room's seats asks once more; Enter again keeps
 * it. */
Test(cohort_form, capacity_prompt_keeps_bad_input_and_asks_over_seats)
{
	int st;
	char *out;

	h = harness_new();
	out = e2e_cli(h, (const char *const[]){"demo", NULL}, &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "demo: %s", out);
	free(out);
	harness_launch(h, NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "6");
	harness_wait_row(h, 0, "培训班", 0);
	harness_send(h, "CS-");
	harness_wait_match(h, "*查找：CS- * 1/* 条*", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 0, "培训班详情", 0);
	harness_wait_row(h, 2, "教室 201", 0);

	harness_send(h, "c");
	harness_wait_text(h, "的名额（已报名", 0);
	cf_erase(3);
	harness_send(h, "0\r");
	harness_wait_text(h, "名额是 1 到 999 的整数，不是“0”", 0);
	harness_wait_match(h, "*请输入  0 *", 0);
	harness_wait_text(h, "的名额（已报名", 0);

	/* A change takes the reason away; 99 is over room 201's seats. */
	cf_erase(1);
	harness_wait_gone(h, "不是“0”", 0);
	harness_send(h, "99\r");
	harness_wait_text(h, "名额 99 多于教室 201 的", 0);
	harness_wait_match(h, "*请输入  99 *", 0);
	harness_send(h, "\r");
	harness_wait_gone(h, "的名额（已报名", 0);
	harness_wait_row(h, STATUS_ROW, "名额已改为 99", 0);
	harness_wait_row(h, 3, "名额 99", 0);
}

/* A long day is warned of in hours as a number (11.5), not as a clock
 * (11:30). */
Test(cohort_form, long_day_warns_in_hours)
{
	cf_start();
	cf_open("C4");
	harness_send(h, "\t"); /* keep 一二三四五 */
	harness_wait_cursor(h, FORM_ROW(F_SLOTS), -1, 0);
	harness_key(h, "kend");
	cf_erase(23);
	harness_send(h, "07:00-12:00,13:00-19:30");
	cf_wait_field(F_SLOTS, "07:00-12:00,13:00-19:30");
	harness_send(h, "\t");
	harness_wait_cursor(h, FORM_ROW(F_ROOM), -1, 0);
	cf_add_room("201", "多媒体教室", "40");
	cf_instructor("T1", "马老师");
	harness_send(h, "30");
	cf_wait_field(F_CAPACITY, "30");
	harness_key(h, "kf2");
	harness_wait_text(h, "每天共 11.5 小时，超过 10 小时", 0);
	harness_wait_text(h, "仍然保存吗？", 0);
	harness_send(h, "n");
	harness_wait_gone(h, "仍然保存吗？", 0);
}


/* Del on the demo's running cohort: the status line names the person
 * who took the freed seat, and F7 from the cohort page lists the
 * enrolments, the withdrawal (with its reason) and the move up, named. */
Test(cohort_form, withdraw_names_who_moved_up_and_history_tells_it)
{
	int st;
	char *out;

	h = harness_new();
	out = e2e_cli(h, (const char *const[]){"demo", NULL}, &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "demo: %s", out);
	free(out);
	harness_launch(h, NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "6");
	harness_wait_row(h, 0, "培训班", 0);
	harness_send(h, "LIVE-");
	harness_wait_match(h, "*查找：LIVE- * 1/* 条*", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 0, "培训班详情", 0);
	harness_send(h, "2");
	harness_wait_row(h, 6, "姓名", 0);
	harness_wait_row(h, 7, "何凤", 0);
	harness_key(h, "kdch1");
	harness_wait_text(h, "何凤 退出本班的原因：", 0);
	harness_send(h, "外出务工\r");
	harness_wait_match(h, "*何凤 已退出本班；候补的 * 已转为正式学员*", 0);

	harness_send(h, "1");
	harness_key(h, "kf7");
	harness_wait_row(h, 0, "审计日志", 0);
	harness_wait_match(h, "*报名 何凤 * status *enrolled*", 0);
	harness_wait_text(h, "waitlisted", 0);
}
