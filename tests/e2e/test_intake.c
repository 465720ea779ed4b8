/*
 * End-to-end tests of household intake as a person does it: a household
 * entered through the form (village and codes picked from F4 lists),
 * its head added ID first, saved, and found again by two characters of the
 * name; the ID check when leaving the ID field; an ID already registered
 * in another household; drafts that survive a dropped link and a kill -9;
 * the refusals of a save (no head, no 户编号); two sessions saving the same
 * household (the conflict screen); and the CSV import screen.
 *
 * Layout facts relied on (the shell's and the intake screens'): row 0 is
 * the title bar (请选择 while a pick list is open), row 22 the status line,
 * row 23 the key line. The household form: row 1 its heading (新建农户, or
 * 农户 户编号 once saved), a field per row from row 2 (label from column 2,
 * value from column 18), then the member list under a rule. The member
 * form: row 1 its heading (新成员… or 成员 NAME), fields from row 3. A
 * field's error or note stands to the right of its value. A pick list's
 * search line reads "查找：FILTER ... SHOWN/TOTAL 条".
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include <criterion/criterion.h>

#include "e2e_util.h"
#include "harness.h"

#define STATUS_ROW (HARNESS_ROWS - 2)
/* Where a form's values start: label column 2 plus the widest label. */
#define VALUE_COL 18

/* Two people of 临夏县 (622921), 马福祥 born 1985-03-12 (odd 17th digit:
 * male) and 马秀兰 born 1987-06-05 (even: female). */
#define ID_MA_FUXIANG "62292119850312001"
#define ID_MA_XIULAN "62292119870605002"
/* 户编号: the village code of 王家村 (土桥镇) and a sequence. */
#define HH_A "6229211012060001"
#define HH_B "6229211012060002"

static struct harness *h;
static struct harness *h2; /* a second session, for the conflict test */

static void
intake_teardown(void)
{
	/* The second session uses the first one's database: stop it first,
	 * the first harness removes the directory. */
	harness_stop(h2);
	h2 = NULL;
	harness_stop(h);
	h = NULL;
}

TestSuite(intake, .fini = intake_teardown);

/* ---- helpers ------------------------------------------------------------ */

/* The row of the form field labelled label (the form must be showing). */
static int
intake_row(struct harness *x, const char *label)
{
	char pattern[128];

	snprintf(pattern, sizeof pattern, "  %s*", label);
	return harness_wait_match(x, pattern, 0);
}

/* Waits until row holds text at the value column and the cursor stands
 * right after it. */
static void
intake_wait_typed(struct harness *x, int row, const char *text)
{
	int start, end;

	harness_wait_row(x, row, text, 0);
	start = harness_col(x, row, text, &end);
	cr_assert_eq(start, VALUE_COL, "\"%s\" starts in column %d of row %d, "
	             "not in the field (column %d)", text, start, row,
	             VALUE_COL);
	harness_wait_cursor(x, row, end, 0);
}

/* Types text into the focused text field on row `row`. */
static void
intake_type(struct harness *x, int row, const char *text)
{
	harness_wait_cursor(x, row, -1, 0);
	harness_send(x, text);
	intake_wait_typed(x, row, text);
}

/* In an open pick list (or with typed opening one on a choice field):
 * types typed, waits until it is the only item left and picks it. */
static void
intake_pick(struct harness *x, const char *typed)
{
	char pattern[160];

	harness_send(x, typed);
	harness_wait_row(x, 0, "请选择", 0);
	snprintf(pattern, sizeof pattern, "*查找：%s * 1/* 条*", typed);
	harness_wait_match(x, pattern, 0);
	harness_send(x, "\r");
	harness_wait_row_gone(x, 0, "请选择", 0);
}

/* A person's age today, from a birth date "YYYY-MM-DD". */
static int
intake_age(const char *birth)
{
	time_t now = time(NULL);
	struct tm tm;
	int y, m, d, age;

	cr_assert(localtime_r(&now, &tm));
	cr_assert_eq(sscanf(birth, "%d-%d-%d", &y, &m, &d), 3);
	age = tm.tm_year + 1900 - y;
	if (tm.tm_mon + 1 < m || (tm.tm_mon + 1 == m && tm.tm_mday < d))
		age--;
	return age;
}

/* "1985-03-12" from the birth digits of an ID number. */
static void
intake_birth(const char *id, char out[11])
{
	snprintf(out, 11, "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
}

/* From the main menu of a program just started: the household list. */
static void
intake_open_list(struct harness *x)
{
	harness_wait_row(x, 0, "主菜单", 0);
	harness_send(x, "1");
	harness_wait_row(x, 0, "建档立卡户", 0);
	harness_wait_row(x, 1, "查找：", 0);
}

/* On the household list: F6, then 户编号 hh_no (none if NULL), Tab, and
 * the village picked by typing "土桥 王". The cursor ends in 自然村. */
static void
intake_new_household(struct harness *x, const char *hh_no)
{
	int no_row, region_row;

	harness_key(x, "kf6");
	harness_wait_row(x, 1, "新建农户", 0);
	no_row = intake_row(x, "户编号");
	harness_wait_cursor(x, no_row, VALUE_COL, 0);
	if (hh_no)
		intake_type(x, no_row, hh_no);
	harness_send(x, "\t");
	region_row = intake_row(x, "所在村");
	harness_wait_cursor(x, region_row, -1, 0);
	intake_pick(x, "土桥 王");
	harness_wait_row(x, region_row, "临夏县 土桥镇 王家村", 0);
	harness_wait_cursor(x, intake_row(x, "自然村"), VALUE_COL, 0);
}

/* From 自然村: Tab to 贫困户属性, F4, Down, Enter (一般贫困户); then
 * 主要致贫原因 by F4 and typing 因病. */
static void
intake_household_codes(struct harness *x)
{
	int attr_row = intake_row(x, "贫困户属性");
	int cause_row = intake_row(x, "主要致贫原因");

	harness_send(x, "\t\t\t");
	harness_wait_cursor(x, attr_row, -1, 0);
	harness_key(x, "kf4");
	harness_wait_row(x, 0, "请选择", 0);
	harness_wait_match(x, "*│一般贫困户 *│*", 0);
	harness_key(x, "kcud1");
	harness_send(x, "\r");
	harness_wait_row_gone(x, 0, "请选择", 0);
	harness_wait_row(x, attr_row, "一般贫困户", 0);
	harness_wait_cursor(x, cause_row, -1, 0);
	harness_key(x, "kf4");
	harness_wait_row(x, 0, "请选择", 0);
	intake_pick(x, "因病");
	harness_wait_row(x, cause_row, "因病", 0);
}

/* In the member form with the cursor in 身份证号: types id and Tab, and
 * checks the note (sex, birth date, age) and the derived fields. */
static void
intake_member_id(struct harness *x, const char *id)
{
	int id_row = intake_row(x, "身份证号");
	const char *sex = (id[16] - '0') % 2 ? "男" : "女";
	char birth[11], note[64];

	intake_birth(id, birth);
	snprintf(note, sizeof note, "%s %s %d 岁", sex, birth, intake_age(birth));
	intake_type(x, id_row, id);
	harness_send(x, "\t");
	harness_wait_row(x, id_row, note, 0);
	harness_wait_row(x, intake_row(x, "性别"), sex, 0);
	harness_wait_row(x, intake_row(x, "出生日期"), birth, 0);
	harness_wait_cursor(x, intake_row(x, "姓名"), VALUE_COL, 0);
}

/* In the household form: F6, and a member with id, name and the relation
 * picked by typing rel (its label rel_label), 民族 汉族 and 文化程度 初中.
 * The member form stays open (F2 is the caller's). */
static void
intake_member(struct harness *x, const char *id, const char *name,
              const char *rel, const char *rel_label)
{
	int name_row, rel_row, eth_row, edu_row;

	harness_key(x, "kf6");
	harness_wait_row(x, 1, "新成员", 0);
	harness_wait_cursor(x, intake_row(x, "身份证号"), VALUE_COL, 0);
	intake_member_id(x, id);
	name_row = intake_row(x, "姓名");
	intake_type(x, name_row, name);
	harness_send(x, "\t");
	rel_row = intake_row(x, "与户主关系");
	eth_row = intake_row(x, "民族");
	edu_row = intake_row(x, "文化程度");
	harness_wait_cursor(x, rel_row, -1, 0);
	intake_pick(x, rel);
	harness_wait_row(x, rel_row, rel_label, 0);
	harness_wait_cursor(x, eth_row, -1, 0);
	intake_pick(x, "汉");
	harness_wait_row(x, eth_row, "汉族", 0);
	harness_wait_cursor(x, edu_row, -1, 0);
	intake_pick(x, "初中");
	harness_wait_row(x, edu_row, "初中", 0);
}

/* Waits for the status line to say household hh_no was saved, and the
 * form's heading to name it. */
static void
intake_wait_saved(struct harness *x, const char *hh_no)
{
	char saved[64], heading[64];

	snprintf(saved, sizeof saved, "已保存：户编号 %s", hh_no);
	snprintf(heading, sizeof heading, "农户 %s", hh_no);
	harness_wait_row(x, STATUS_ROW, saved, 0);
	harness_wait_row(x, 1, heading, 0);
}

/* On the household list: saves a new household hh_no with one member, its
 * head: id, name. Ends in the household form of the saved household. */
static void
intake_add_household(const char *hh_no, const char *id, const char *name)
{
	char pattern[128];

	intake_new_household(h, hh_no);
	intake_household_codes(h);
	intake_member(h, id, name, "户", "户主");
	harness_key(h, "kf2");
	intake_wait_saved(h, hh_no);
	snprintf(pattern, sizeof pattern, "*%s *%s *%s *%.4s-*户主*", name, id,
	         (id[16] - '0') % 2 ? "男" : "女", id + 6);
	harness_wait_match(h, pattern, 0);
}

/* Starts the program on a new database and saves household hh_no with its
 * head (intake_add_household). */
static void
intake_saved_household(const char *hh_no, const char *id, const char *name)
{
	h = harness_start(NULL);
	intake_open_list(h);
	intake_add_household(hh_no, id, name);
}

/* Waits until text starts on row in a column from min to max. */
static void
intake_wait_col(struct harness *x, int row, const char *text, int min,
                int max)
{
	int limit = harness_timeout(0), col = -1;

	for (int waited = 0; waited < limit; waited += 50) {
		col = harness_col(x, row, text, NULL);
		if (col >= min && col <= max)
			return;
		harness_pause(x, 50);
	}
	harness_fail(x, "\"%s\" is in column %d of row %d, not in %d..%d", text,
	             col, row, min, max);
}

/* ---- tests ------------------------------------------------------------- */

/* The rows of the household list (below its header) that show something. */
static int
intake_list_rows(void)
{
	int n = 0;

	for (int r = 3; r < STATUS_ROW; r++) {
		char *text = harness_row(h, r);

		n += text[0] != '\0';
		free(text);
	}
	return n;
}

Test(intake, enter_household_with_head_and_find_it_by_name)
{
	char id[19], other[19], masked[64], pattern[160];
	int row;

	e2e_id_number(ID_MA_FUXIANG, id);
	e2e_id_number(ID_MA_XIULAN, other);
	intake_saved_household(HH_A, id, "马福祥");
	harness_wait_match(h, "*家庭成员（1 人）*", 0);
	cr_assert_eq(harness_find_match(h, "*必填*"), -1,
	             "a field is still marked required after the save");

	/* F3: straight back to the list (nothing unsaved), which has it. */
	harness_key(h, "kf3");
	harness_wait_row(h, 1, "查找：", 0);
	cr_assert(!harness_has_text(h, "放弃未保存的输入吗"),
	          "F3 after a save asked to drop input");
	harness_wait_row(h, 2, "户编号", 0);
	harness_wait_match(h, HH_A " *马福祥 *", 0);

	/* A second household, whose head shares the surname only. */
	intake_add_household(HH_B, other, "马秀兰");
	harness_key(h, "kf3");
	harness_wait_row(h, 1, "查找：", 0);
	harness_wait_match(h, HH_B " *马秀兰 *", 0);
	harness_wait_match(h, HH_A " *马福祥 *", 0);

	/* 马 finds both; 马福 only the first, with the head's ID masked. */
	harness_send(h, "马");
	harness_wait_match(h, "查找：*马 *", 0);
	cr_assert_eq(intake_list_rows(), 2, "the search 马 does not show both "
	             "households");
	harness_send(h, "福");
	harness_wait_match(h, "查找：*马福 *", 0);
	harness_wait_gone(h, "马秀兰", 0);
	snprintf(masked, sizeof masked, "%.6s********%s", id, id + 14);
	/* fnmatch: the mask's stars must be matched literally. */
	snprintf(pattern, sizeof pattern,
	         HH_A " *马福祥 *%.6s\\*\\*\\*\\*\\*\\*\\*\\*%s *王家村 *1", id,
	         id + 14);
	row = harness_wait_match(h, pattern, 0);
	cr_assert(row > 2 && row < STATUS_ROW, "the household is on row %d", row);
	cr_assert(harness_has_text(h, masked));
	cr_assert(!harness_has_text(h, id), "the list shows the whole ID %s", id);
	cr_assert_eq(intake_list_rows(), 1, "the search 马福 shows more than "
	             "the household of 马福祥");
}

Test(intake, wrong_check_digit_is_kept_and_explained)
{
	char good[19], bad[19];
	int id_row, sex_row, birth_row, start, end, err_col;

	e2e_id_number(ID_MA_FUXIANG, good);
	memcpy(bad, good, sizeof bad);
	bad[17] = good[17] == '0' ? '1' : '0';

	h = harness_start(NULL);
	intake_open_list(h);
	intake_new_household(h, HH_A);
	harness_key(h, "kf6");
	harness_wait_row(h, 1, "新成员", 0);
	id_row = intake_row(h, "身份证号");
	sex_row = intake_row(h, "性别");
	birth_row = intake_row(h, "出生日期");
	intake_type(h, id_row, bad);

	/* Tab: the text stays exactly as typed, the reason stands to its
	 * right, and the cursor is still in the field, after the text. */
	harness_send(h, "\t");
	harness_wait_row(h, id_row, "校验位", 0);
	start = harness_col(h, id_row, bad, &end);
	cr_assert_eq(start, VALUE_COL, "the typed ID \"%s\" is not in the field "
	             "any more (column %d)", bad, start);
	err_col = harness_col(h, id_row, "校验位", NULL);
	cr_assert(err_col > end, "the reason starts in column %d, inside the "
	          "field (which ends at %d)", err_col, end);
	harness_wait_cursor(h, id_row, end, 0);
	harness_wait_row(h, STATUS_ROW, "校验位", 0);
	{
		char expect[16];

		/* The reason names the right check character. */
		snprintf(expect, sizeof expect, "应为 %c", good[17]);
		harness_wait_row(h, STATUS_ROW, expect, 0);
	}
	harness_wait_row(h, sex_row, "（空）", 0);
	harness_wait_row_gone(h, birth_row, "1985", 0);

	/* A second Tab does not get past it either (were the cursor to move,
	 * the Backspace and the digit below would go to 姓名). */
	harness_send(h, "\t");

	/* Backspace and the right character: Tab fills sex and birth date. */
	harness_key(h, "kbs");
	harness_wait_row_gone(h, id_row, "校验位", 0);
	{
		char last[2] = {good[17], '\0'};

		harness_send(h, last);
	}
	intake_wait_typed(h, id_row, good);
	harness_send(h, "\t");
	harness_wait_row(h, sex_row, "男", 0);
	harness_wait_row(h, birth_row, "1985-03-12", 0);
	harness_wait_row_gone(h, id_row, "校验位", 0);
	harness_wait_cursor(h, intake_row(h, "姓名"), VALUE_COL, 0);
}

Test(intake, id_registered_in_another_household_offers_to_open_it)
{
	char id[19], other[64], shown[512];
	bool names_hh_no;
	int id_row;

	e2e_id_number(ID_MA_FUXIANG, id);
	intake_saved_household(HH_A, id, "马福祥");
	harness_key(h, "kf3");
	harness_wait_row(h, 1, "查找：", 0);

	/* A second household, and the same person again. */
	intake_new_household(h, HH_B);
	harness_key(h, "kf6");
	harness_wait_row(h, 1, "新成员", 0);
	id_row = intake_row(h, "身份证号");
	intake_type(h, id_row, id);
	harness_send(h, "\t");
	harness_wait_text(h, "打开那一户吗", 0);
	harness_wait_row(h, id_row, "已登记在户", 0);
	/* The person knows households by 户编号 (as the save check's message
	 * for the same rule says it): asserted at the end, so that the rest
	 * is checked whatever this says. */
	snprintf(other, sizeof other, "已登记在户 %s", HH_A);
	names_hh_no = harness_has_text(h, other);
	{
		char *text = harness_row(h, id_row);

		snprintf(shown, sizeof shown, "%s", text);
		free(text);
	}

	/* N: the dialog goes, the form stays with the ID and the reason, the
	 * cursor in the ID field. */
	harness_send(h, "n");
	harness_wait_gone(h, "打开那一户吗", 0);
	harness_wait_row(h, 1, "新成员", 0);
	harness_wait_row(h, id_row, id, 0);
	harness_wait_row(h, id_row, "已登记在户", 0);
	harness_wait_cursor(h, id_row, -1, 0);
	cr_assert(!harness_has_text(h, "1985-03-12"),
	          "the duplicate filled the birth date");

	/* Tab again asks again; Y opens the household that has the person. */
	harness_send(h, "\t");
	harness_wait_text(h, "打开那一户吗", 0);
	harness_send(h, "y");
	harness_wait_gone(h, "打开那一户吗", 0);
	{
		char heading[64];

		snprintf(heading, sizeof heading, "农户 %s", HH_A);
		harness_wait_row(h, 1, heading, 0);
	}
	harness_wait_row(h, intake_row(h, "户编号"), HH_A, 0);
	harness_wait_match(h, "*马福祥 *户主*", 0);
	cr_assert(names_hh_no, "the duplicate ID does not name the household by "
	          "its 户编号 %s: \"%s\"", HH_A, shown);
}

/* The draft offered on F6 in the list after a restart; Y restores it. */
static void
intake_restore_draft(const char *hh_no, const char *name)
{
	char pattern[128];
	int st;

	harness_wait_exit(h, 0, &st);
	harness_launch(h, NULL);
	intake_open_list(h);
	harness_key(h, "kf6");
	harness_wait_match(h, "*有 * 未保存的输入，恢复吗*", 0);
	harness_send(h, "y");
	harness_wait_gone(h, "未保存的输入，恢复吗", 0);
	harness_wait_row(h, STATUS_ROW, "已恢复未保存的输入", 0);
	harness_wait_row(h, 1, "新建农户", 0);
	harness_wait_row(h, intake_row(h, "户编号"), hh_no, 0);
	harness_wait_row(h, intake_row(h, "所在村"), "临夏县 土桥镇 王家村", 0);
	snprintf(pattern, sizeof pattern, "*%s *%.17s*", name, ID_MA_FUXIANG);
	harness_wait_match(h, pattern, 0);
	harness_wait_match(h, "*家庭成员（1 人）*", 0);
}

/* A household being typed, with a member being typed (ID and name) in the
 * member form. Returns once the program has surely kept the draft: it has
 * read a key after the name (drafts are written before each key read). */
static void
intake_type_household_and_member(const char *hh_no, const char *name)
{
	char id[19];
	int name_row, start, end;

	e2e_id_number(ID_MA_FUXIANG, id);
	h = harness_start(NULL);
	intake_open_list(h);
	intake_new_household(h, hh_no);
	harness_key(h, "kf6");
	harness_wait_row(h, 1, "新成员", 0);
	harness_wait_cursor(h, intake_row(h, "身份证号"), VALUE_COL, 0);
	intake_member_id(h, id);
	name_row = intake_row(h, "姓名");
	intake_type(h, name_row, name);
	/* Left moves the cursor and changes nothing: once it has moved, the
	 * loop has been round (and kept the draft) since the name. */
	start = harness_col(h, name_row, name, &end);
	cr_assert(start > 0);
	harness_key(h, "kcub1");
	harness_wait_cursor(h, name_row, end - 2, 0);
}

Test(intake, draft_survives_a_dropped_link)
{
	intake_type_household_and_member(HH_A, "马福祥");
	harness_hangup(h);
	intake_restore_draft(HH_A, "马福祥");
}

Test(intake, draft_survives_kill_9)
{
	int st;

	intake_type_household_and_member(HH_B, "马福祥");
	harness_signal(h, SIGKILL);
	harness_wait_exit(h, 0, &st);
	cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "kill -9: %s",
	          harness_status_str(st));
	intake_restore_draft(HH_B, "马福祥");
}

Test(intake, save_without_head_names_the_member)
{
	char id[19];
	int rel_row;

	e2e_id_number(ID_MA_FUXIANG, id);
	h = harness_start(NULL);
	intake_open_list(h);
	intake_new_household(h, HH_A);
	intake_household_codes(h);
	intake_member(h, id, "马福祥", "之子", "之子");
	harness_key(h, "kf2");

	/* Refused: the status line names the member and says Enter opens it;
	 * the member's row is marked; nothing saved. */
	harness_wait_match(h, "*成员 马福祥*户主*回车打开修改*", 0);
	cr_assert_eq(harness_find_match(h, "*成员 马福祥*回车打开修改*"),
	             STATUS_ROW);
	harness_wait_row(h, 1, "新建农户", 0);
	harness_wait_match(h, "!*马福祥 *之子*", 0);
	cr_assert(!harness_has_text(h, "已保存"));

	/* Enter opens the member with the reason next to 与户主关系. */
	harness_send(h, "\r");
	harness_wait_row(h, 1, "成员 马福祥", 0);
	rel_row = intake_row(h, "与户主关系");
	harness_wait_row(h, rel_row, "之子", 0);
	harness_wait_row(h, rel_row, "一位户主", 0);
	harness_wait_cursor(h, rel_row, -1, 0);
}

Test(intake, save_without_hh_no_marks_the_field)
{
	char id[19];
	int no_row;

	e2e_id_number(ID_MA_FUXIANG, id);
	h = harness_start(NULL);
	intake_open_list(h);
	intake_new_household(h, NULL);
	intake_household_codes(h);
	intake_member(h, id, "马福祥", "户", "户主");
	harness_key(h, "kf2");

	no_row = intake_row(h, "户编号");
	harness_wait_row(h, no_row, "户编号必填", 0);
	harness_wait_row(h, STATUS_ROW, "户编号必填", 0);
	harness_wait_row(h, 1, "新建农户", 0);
	cr_assert(harness_col(h, no_row, "户编号必填", NULL) > VALUE_COL,
	          "the error is not to the right of the field");
	harness_wait_cursor(h, no_row, VALUE_COL, 0);
	/* The member was kept in the household. */
	harness_wait_match(h, "*马福祥 *户主*", 0);

	/* Typing the number and F2 saves. */
	harness_send(h, HH_A);
	harness_wait_row_gone(h, no_row, "必填", 0);
	harness_key(h, "kf2");
	intake_wait_saved(h, HH_A);
}

/* In a household form just opened: moves from 户编号 to the field
 * labelled label with Tab, types text, and F2. */
static void
intake_edit_field(struct harness *x, int tabs, const char *label,
                  const char *text)
{
	int row = intake_row(x, label);

	harness_wait_cursor(x, intake_row(x, "户编号"), -1, 0);
	for (int i = 0; i < tabs; i++)
		harness_send(x, "\t");
	harness_wait_cursor(x, row, VALUE_COL, 0);
	intake_type(x, row, text);
	harness_key(x, "kf2");
}

/* Opens the household hh_no from the list (the only one). */
static void
intake_open_saved(struct harness *x, const char *hh_no)
{
	char pattern[64], heading[64];

	snprintf(pattern, sizeof pattern, "%s *马福祥*", hh_no);
	harness_wait_match(x, pattern, 0);
	harness_send(x, "\r");
	snprintf(heading, sizeof heading, "农户 %s", hh_no);
	harness_wait_row(x, 1, heading, 0);
}

Test(intake, concurrent_saves_open_the_conflict_screen)
{
	const char *args[3];
	char id[19];
	int row_nv, row_phone, arrow, value, total;

	e2e_id_number(ID_MA_FUXIANG, id);
	intake_saved_household(HH_A, id, "马福祥");

	/* Session A back to the list and into the household again; session
	 * B, on the same database, opens it too. */
	harness_key(h, "kf3");
	harness_wait_row(h, 1, "查找：", 0);
	intake_open_saved(h, HH_A);
	h2 = harness_new();
	args[0] = "--db";
	args[1] = harness_db_path(h);
	args[2] = NULL;
	harness_launch(h2, args);
	intake_open_list(h2);
	intake_open_saved(h2, HH_A);

	/* A changes 联系电话 and saves; B changes 自然村 and saves. */
	intake_edit_field(h, 3, "联系电话", "13912345678");
	intake_wait_saved(h, HH_A);
	intake_edit_field(h2, 2, "自然村", "上庄");

	/* B: the conflict, with both differing fields and both values. */
	harness_wait_row(h2, 0, "保存冲突", 0);
	harness_wait_row(h2, 1, "保存冲突", 0);
	row_nv = harness_wait_match(h2, "自然村 *▶ *上庄*", 0);
	row_phone = harness_wait_match(h2, "联系电话 *13912345678", 0);
	cr_assert(row_nv > 1 && row_phone > 1);
	/* Exactly the 2 fields that differ, each with its arrow, and no
	 * search line under them. */
	total = 0;
	for (int r = 2; r < HARNESS_ROWS - 2; r++) {
		char *line = harness_row(h2, r);

		total += strstr(line, "▶") != NULL;
		cr_assert(!strstr(line, "查找："), "row %d: %s", r, line);
		free(line);
	}
	cr_assert_eq(total, 2, "the conflict lists %d fields, not the 2 that "
	             "differ", total);

	/* The rows are in form order. 自然村, which B changed, starts on
	 * B's value; 联系电话, which B did not touch, starts on the stored
	 * one (A's). Space switches a row; twice puts it back. */
	cr_assert_eq(row_phone, row_nv + 1, "自然村 on row %d, 联系电话 on row %d",
	             row_nv, row_phone);
	value = harness_col(h2, row_phone, "13912345678", NULL);
	arrow = harness_col(h2, row_phone, "▶", NULL);
	cr_assert(arrow >= value - 8 && arrow < value, "the arrow of 联系电话 "
	          "is in column %d, not just before the stored value in %d",
	          arrow, value);
	harness_key(h2, "kcud1");
	harness_send(h2, " ");
	intake_wait_col(h2, row_phone, "▶", 0, value - 20);
	harness_send(h2, " ");
	intake_wait_col(h2, row_phone, "▶", value - 8, value - 1);

	/* F2: B's save goes through, with its 自然村 and A's phone. */
	harness_key(h2, "kf2");
	intake_wait_saved(h2, HH_A);
	harness_wait_row(h2, intake_row(h2, "自然村"), "上庄", 0);
	harness_wait_row(h2, intake_row(h2, "联系电话"), "13912345678", 0);
}

/* Writes households.csv into the harness dir: household HH_A (马福祥,
 * head) and HH_B (马秀兰, head, whose ID ends in b_last). Returns its
 * path in buf. */
static const char *
intake_write_csv(char b_last, char *buf, size_t size)
{
	char a[19], b[19], text[1024];

	e2e_id_number(ID_MA_FUXIANG, a);
	e2e_id_number(ID_MA_XIULAN, b);
	if (b_last)
		b[17] = b_last;
	snprintf(text, sizeof text,
	         "户编号,县,乡镇,村,贫困户属性,主要致贫原因,证件号码,姓名,"
	         "与户主关系,民族,文化程度\r\n"
	         HH_A ",临夏县,土桥镇,王家村,一般贫困户,因病,%s,马福祥,户主,"
	         "汉族,初中\r\n"
	         HH_B ",临夏县,土桥镇,王家村,低保贫困户,缺水,%s,马秀兰,户主,"
	         "回族,小学\r\n",
	         a, b);
	harness_write_file(h, "households.csv", text);
	snprintf(buf, size, "%s/households.csv", harness_dir(h));
	return buf;
}

/* On the import screen: picks label (是 or 否) for 只检查不导入 with F4. */
static void
intake_import_dry(int dry_row, const char *label)
{
	harness_key(h, "kf4");
	harness_wait_row(h, 0, "请选择", 0);
	intake_pick(h, label);
	harness_wait_row(h, dry_row, label, 0);
}

Test(intake, import_checks_then_imports)
{
	char path[512], b[19], pattern[128];
	int path_row, dry_row, row;

	e2e_id_number(ID_MA_XIULAN, b);
	h = harness_start(NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "2");
	harness_wait_row(h, 0, "导入农户", 0);
	path_row = intake_row(h, "CSV 文件");
	dry_row = intake_row(h, "只检查不导入");

	/* A file with a wrong check character on line 3, checked only. */
	intake_write_csv(b[17] == '0' ? '1' : '0', path, sizeof path);
	harness_wait_cursor(h, path_row, -1, 0);
	harness_send(h, path);
	harness_wait_row(h, path_row, "households.csv", 0);
	harness_send(h, "\t");
	harness_wait_cursor(h, dry_row, -1, 0);
	intake_import_dry(dry_row, "是");
	harness_key(h, "kf2");
	harness_wait_text(h, "有错误的行，什么都没有导入", 0);
	row = harness_wait_match(h, "第 3 行*校验位*", 0);
	cr_assert(row > dry_row && row < STATUS_ROW);
	cr_assert_eq(harness_find_match(h, "第 2 行*"), -1,
	             "the good line 2 is reported");

	/* Fixed, and imported for real. */
	intake_write_csv(0, path, sizeof path);
	intake_import_dry(dry_row, "否");
	harness_key(h, "kf2");
	/* 2 households and their 2 members. */
	harness_wait_match(h, "户：新增 2，更新 0，未变 0；成员：新增 2，*", 0);
	harness_wait_gone(h, "有错误的行", 0);
	cr_assert_eq(harness_find_match(h, "第 * 行*"), -1,
	             "the good file still lists problem lines");

	/* The household is in the list: search by its 户编号. */
	harness_key(h, "kf10");
	intake_open_list(h);
	harness_send(h, HH_B);
	harness_wait_match(h, "查找：*" HH_B " *", 0);
	snprintf(pattern, sizeof pattern, HH_B " *马秀兰 *%.6s\\*\\**%s *王家村 *1",
	         b, b + 14);
	harness_wait_match(h, pattern, 0);
	cr_assert_eq(harness_find_match(h, HH_A " *"), -1,
	             "the search for %s also shows %s", HH_B, HH_A);
}

/* The workflow, by keys only: a verified household's head, marked a
 * program participant, is moved from 已登记 (registered) to 已核实资格
 * (eligible) on the participant path screen (F8 on the member list). */
Test(intake, participant_moves_from_registered_to_eligible)
{
	char id[19];
	int row;

	e2e_id_number("62292119950704001", id);
	h = harness_start(NULL);
	intake_open_list(h);
	intake_new_household(h, HH_A);
	intake_household_codes(h);
	/* From 其他致贫原因 (the field after 主要致贫原因) to 已核实, the
	 * last field of the household: 19 fields on. */
	for (int i = 0; i < 19; i++)
		harness_send(h, "\t");
	row = intake_row(h, "已核实");
	harness_wait_cursor(h, row, -1, 0);
	intake_pick(h, "是");
	harness_wait_row(h, row, "是", 0);

	/* The head, marked a participant (the last field of the member). */
	intake_member(h, id, "马晓燕", "户", "户主");
	for (int i = 0; i < 8; i++)
		harness_send(h, "\t");
	row = intake_row(h, "项目学员");
	harness_wait_cursor(h, row, -1, 0);
	intake_pick(h, "是");
	harness_wait_row(h, row, "是", 0);
	harness_key(h, "kf2");
	intake_wait_saved(h, HH_A);

	/* F8 on the member list: the path, at 已登记, with 核实资格 open. */
	harness_wait_match(h, "*马晓燕*户主*项目学员*", 0);
	harness_key(h, "kf8");
	harness_wait_row(h, 0, "项目学员流程", 0);
	harness_wait_row(h, 1, "当前状态：已登记", 0);
	harness_wait_match(h, "核实资格*", 0);
	cr_assert_eq(harness_find_match(h, "核实资格 *家庭未核实*"), -1,
	             "核实资格 is blocked although the household is verified");

	/* Enter, Y: eligible, and the history says who did it. */
	harness_send(h, "\r");
	harness_wait_text(h, "确定要“核实资格”吗？", 0);
	harness_send(h, "y");
	harness_wait_row(h, 1, "当前状态：已核实资格", 0);
	harness_wait_text(h, "已完成：核实资格", 0);
	harness_wait_match(h, "*：已登记 → 已核实资格*", 0);
}
