/*
 * End-to-end tests of the household form's saving and drafts, at 80x24:
 * a draft offered back is restored by Enter, kept by Esc (offered again
 * next time) and discarded only by N; F2 with nothing changed writes
 * nothing (so a second session editing the same household gets no
 * conflict); the likely-duplicate question is visible whole at 80 columns,
 * and once accepted it is not asked again when something else changes.
 *
 * The households come from a CSV imported with the command line before
 * the program starts (see test_intake.c for the layout facts: row 1 the
 * form's heading, a field per row from row 2, values from column 18,
 * row 22 the status line).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <criterion/criterion.h>

#include "e2e_util.h"
#include "harness.h"

#define STATUS_ROW (HARNESS_ROWS - 2)
#define VALUE_COL 18

/* 马福祥 born 1985-03-12 heads HH_A; HH_B's head, born the same day, is
 * 马秀兰 (a likely duplicate of 马福祥 once renamed so: same name, same
 * birth date, same village). */
#define ID_A "62292119850312001"
#define ID_B "62292119850312003"
#define HH_A "6229211012060001"
#define HH_B "6229211012060002"

static struct harness *h;
static struct harness *h2;

static void
hhform_teardown(void)
{
	harness_stop(h2);
	h2 = NULL;
	harness_stop(h);
	h = NULL;
}

TestSuite(hhform, .fini = hhform_teardown);

/* A new harness whose database holds HH_A and HH_B (imported), not yet
 * launched. */
static struct harness *
hhform_imported(void)
{
	struct harness *x = harness_new();
	char a[19], b[19], text[1024], path[512];
	char *out;
	int st;

	e2e_id_number(ID_A, a);
	e2e_id_number(ID_B, b);
	snprintf(text, sizeof text,
	         "户编号,县,乡镇,村,贫困户属性,主要致贫原因,证件号码,姓名,"
	         "与户主关系,民族,文化程度\r\n"
	         HH_A ",临夏县,土桥镇,王家村,一般贫困户,因病,%s,马福祥,户主,"
	         "汉族,初中\r\n"
	         HH_B ",临夏县,土桥镇,王家村,低保贫困户,缺水,%s,马秀兰,户主,"
	         "回族,小学\r\n",
	         a, b);
	harness_write_file(x, "households.csv", text);
	snprintf(path, sizeof path, "%s/households.csv", harness_dir(x));
	out = e2e_cli(x, (const char *const[]){"import", "households", path,
	                                       NULL},
	              &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "import: %s", out);
	free(out);
	return x;
}

/* The row of the form field labelled label (the form must be showing). */
static int
hhform_row(struct harness *x, const char *label)
{
	char pattern[128];

	snprintf(pattern, sizeof pattern, "  %s*", label);
	return harness_wait_match(x, pattern, 0);
}

/* From the main menu: the household list, then household hh_no opened
 * by searching its 户编号. Returns with the form's heading shown, or the
 * draft question over it when ask. */
static void
hhform_open(struct harness *x, const char *hh_no, bool ask)
{
	char heading[64];

	harness_wait_row(x, 0, "主菜单", 0);
	harness_send(x, "1");
	harness_wait_row(x, 1, "查找：", 0);
	harness_send(x, hh_no);
	harness_wait_row(x, 1, hh_no, 0);
	harness_send(x, "\r");
	snprintf(heading, sizeof heading, "农户 %s", hh_no);
	harness_wait_row(x, 1, heading, 0);
	if (ask)
		harness_wait_text(x, "未保存的输入，恢复吗", 0);
}

/* In a household form just opened: Tab to 自然村 and type text there;
 * returns once the loop has surely been round (and kept the draft). */
static void
hhform_type_village(struct harness *x, const char *text)
{
	int row = hhform_row(x, "自然村");
	int start, end;

	harness_wait_cursor(x, hhform_row(x, "户编号"), -1, 0);
	harness_send(x, "\t\t");
	harness_wait_cursor(x, row, VALUE_COL, 0);
	harness_send(x, text);
	harness_wait_row(x, row, text, 0);
	start = harness_col(x, row, text, &end);
	cr_assert_eq(start, VALUE_COL);
	/* Left changes nothing: once the cursor moved, the draft is kept */
	harness_key(x, "kcub1");
	harness_wait_cursor(x, row, end - 2, 0);
}

/* Kill the program (as a dropped link might) and start it again. */
static void
hhform_kill_and_restart(struct harness *x)
{
	int st;

	harness_signal(x, SIGKILL);
	harness_wait_exit(x, 0, &st);
	harness_launch(x, NULL);
}

Test(hhform, draft_is_restored_by_enter_kept_by_esc_dropped_by_n)
{
	int row;

	h = hhform_imported();
	harness_launch(h, NULL);
	hhform_open(h, HH_A, false);
	hhform_type_village(h, "上庄");
	hhform_kill_and_restart(h);

	/* The question says what each key does; Esc: the record as stored,
	 * the draft kept, and nothing unsaved (F3 goes straight back). */
	hhform_open(h, HH_A, true);
	harness_wait_match(h, "*回车/Y 恢复*N 丢弃*Esc 暂不*", 0);
	harness_send(h, "\033");
	harness_wait_gone(h, "恢复吗", 0);
	harness_wait_row(h, STATUS_ROW, "未恢复", 0);
	row = hhform_row(h, "自然村");
	cr_assert(!harness_has_text(h, "上庄"), "Esc restored the draft");
	harness_key(h, "kf3");
	harness_wait_row(h, 1, "查找：", 0);
	cr_assert(!harness_has_text(h, "放弃"), "F3 asked to drop input");

	/* Opened again: asked again; Enter restores. */
	harness_key(h, "kf10");
	hhform_open(h, HH_A, true);
	harness_send(h, "\r");
	harness_wait_gone(h, "恢复吗", 0);
	harness_wait_row(h, STATUS_ROW, "已恢复未保存的输入", 0);
	harness_wait_row(h, row, "上庄", 0);

	/* N (and only N) discards it: not offered any more. */
	hhform_kill_and_restart(h);
	hhform_open(h, HH_A, true);
	harness_send(h, "n");
	harness_wait_gone(h, "恢复吗", 0);
	harness_wait_row(h, STATUS_ROW, "已丢弃", 0);
	cr_assert(!harness_has_text(h, "上庄"));
	harness_key(h, "kf3");
	harness_wait_row(h, 1, "查找：", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 1, "农户 " HH_A, 0);
	harness_pause(h, 300);
	cr_assert(!harness_has_text(h, "恢复吗"), "a discarded draft was "
	          "offered again");
}

Test(hhform, save_with_nothing_changed_writes_nothing)
{
	const char *args[] = {"--db", NULL, NULL};

	h = hhform_imported();
	harness_launch(h, NULL);
	hhform_open(h, HH_A, false);
	h2 = harness_new();
	args[1] = harness_db_path(h);
	harness_launch(h2, args);
	hhform_open(h2, HH_A, false);

	/* A: F2 without a change says so, writes nothing. */
	harness_key(h, "kf2");
	harness_wait_row(h, STATUS_ROW, "没有改动", 0);
	cr_assert(!harness_has_text(h, "已保存"));

	/* B, who opened the same household before, saves a change: no
	 * conflict, since nothing moved. */
	hhform_type_village(h2, "上庄");
	harness_key(h2, "kf2");
	harness_wait_row(h2, STATUS_ROW, "已保存：户编号 " HH_A, 0);
	cr_assert(!harness_has_text(h2, "保存冲突"));
	/* and F2 again: nothing to save */
	harness_key(h2, "kf2");
	harness_wait_row(h2, STATUS_ROW, "没有改动", 0);
}

Test(hhform, likely_duplicate_question_is_whole_and_asked_once)
{
	int name_row, phone_row, row;
	char *text;

	h = hhform_imported();
	harness_launch(h, NULL);
	hhform_open(h, HH_B, false);

	/* Into the member list (27 fields on), open the head, rename her
	 * 马福祥. */
	for (int i = 0; i < 27; i++)
		harness_send(h, "\t");
	harness_wait_match(h, "*马秀兰*户主*", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 1, "成员 马秀兰", 0);
	name_row = hhform_row(h, "姓名");
	harness_send(h, "\t");
	harness_wait_cursor(h, name_row, -1, 0);
	harness_key(h, "kbs");
	harness_key(h, "kbs");
	harness_key(h, "kbs");
	harness_send(h, "马福祥");
	harness_wait_row(h, name_row, "马福祥", 0);
	harness_key(h, "kf2");

	/* The question, at 80 columns, ends with what it asks; the status
	 * line says the member's changes are kept (nobody was added). */
	row = harness_wait_match(h, "*可能重复*", 0);
	harness_wait_row(h, STATUS_ROW, "成员的修改已记入本户", 0);
	cr_assert(!harness_has_text(h, "成员已加入本户"));
	harness_wait_text(h, "仍然保存吗？", 0);
	text = harness_screen(h);
	cr_assert(strstr(text, HH_A), "the question lost the household "
	          "number:\n%s", text);
	cr_assert(strstr(text, "同名同出生日期"), "%s", text);
	free(text);
	cr_assert(row > 1);
	/* The dialog says what Enter answers; the bottom line does not
	 * call it "确定" (it answers No). */
	harness_wait_text(h, "Enter＝否", 0);
	text = harness_row(h, HARNESS_ROWS - 1);
	cr_assert(!strstr(text, "Enter"), "bottom line: %s", text);
	free(text);
	harness_send(h, "y");
	harness_wait_row(h, STATUS_ROW, "已保存：户编号 " HH_B, 0);

	/* Another change: saved without the question again. */
	harness_key(h, "kf10");
	hhform_open(h, HH_B, false);
	phone_row = hhform_row(h, "联系电话");
	harness_send(h, "\t\t\t");
	harness_wait_cursor(h, phone_row, VALUE_COL, 0);
	harness_send(h, "13912345678");
	harness_wait_row(h, phone_row, "13912345678", 0);
	harness_key(h, "kf2");
	harness_wait_row(h, STATUS_ROW, "已保存：户编号 " HH_B, 0);
	cr_assert(!harness_has_text(h, "可能重复"), "the accepted warning was "
	          "asked again");
}

Test(hhform, member_id_cleared_clears_what_it_gave_and_keys_say_why)
{
	int id_row, sex_row, birth_row, row;
	char other[19];

	h = hhform_imported();
	harness_launch(h, NULL);
	hhform_open(h, HH_A, false);

	/* F8 on a household field, F4 on a text field: a word each. */
	harness_key(h, "kf8");
	harness_wait_row(h, STATUS_ROW, "F8 用于成员", 0);
	harness_key(h, "kf4");
	harness_wait_row(h, STATUS_ROW, "这一栏没有可选的值", 0);

	/* Into the member list: the F4 hint leaves 已核实 with the focus. */
	for (int i = 0; i < 26; i++)
		harness_send(h, "\t");
	row = hhform_row(h, "已核实");
	harness_wait_cursor(h, row, -1, 0);
	harness_wait_row(h, row, "F4 选择", 0);
	harness_send(h, "\t");
	harness_wait_row_gone(h, row, "F4 选择", 0);

	/* The head's ID erased: sex, birth date and the note go with it. */
	harness_send(h, "\r");
	harness_wait_row(h, 1, "成员 马福祥", 0);
	id_row = hhform_row(h, "身份证号");
	sex_row = hhform_row(h, "性别");
	birth_row = hhform_row(h, "出生日期");
	harness_wait_row(h, birth_row, "1985-03-12", 0);
	for (int i = 0; i < 18; i++)
		harness_key(h, "kbs");
	harness_wait_row_gone(h, birth_row, "1985", 0);
	harness_wait_row(h, sex_row, "（空）", 0);
	cr_assert(!harness_has_text(h, "岁"), "the age stayed");

	/* Another valid ID: derived again at once, the county kept whole. */
	e2e_id_number("62292119900101002", other);
	harness_send(h, other);
	harness_wait_row(h, birth_row, "1990-01-01", 0);
	harness_wait_row(h, sex_row, "女", 0);
	harness_wait_row(h, id_row, "临夏县", 0);

	/* An unknown region: the whole warning is on the status line. */
	for (int i = 0; i < 18; i++)
		harness_key(h, "kbs");
	e2e_id_number("99999919800101001", other);
	harness_send(h, other);
	harness_wait_row(h, id_row, "地区码 999999", 0);
	harness_wait_row(h, STATUS_ROW, "可能是已撤销的旧区划）", 0);
}

Test(hhform, english_rows_lists_and_the_duplicate_question_fit_80_columns)
{
	struct harness *x = harness_new();
	char a[19], b[19], text[1024], path[512];
	char *out, *screen;
	int st, row;

	/* HH_B's head: female, a participant, other causes two of them;
	 * HH_A's head born the same day. */
	e2e_id_number(ID_A, a);
	e2e_id_number("62292119850312002", b);
	snprintf(text, sizeof text,
	         "户编号,县,乡镇,村,贫困户属性,主要致贫原因,其他致贫原因,"
	         "证件号码,姓名,与户主关系,民族,文化程度,项目学员\r\n"
	         HH_A ",临夏县,土桥镇,王家村,一般贫困户,因病,,%s,马福祥,户主,"
	         "汉族,初中,否\r\n"
	         HH_B ",临夏县,土桥镇,王家村,低保贫困户,缺水,缺技术、缺资金,%s,"
	         "马秀兰,户主,回族,小学,是\r\n",
	         a, b);
	harness_write_file(x, "households.csv", text);
	snprintf(path, sizeof path, "%s/households.csv", harness_dir(x));
	out = e2e_cli(x, (const char *const[]){"import", "households", path,
	                                       NULL},
	              &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "import: %s", out);
	free(out);
	harness_write_file(x, "frontdesk.ini", "[ui]\nlanguage = en\n");
	h = x;
	harness_launch(h, NULL);
	harness_wait_row(h, 0, "Main menu", 0);
	harness_send(h, "1");
	harness_wait_row(h, 1, "Search", 0);
	harness_send(h, HH_B);
	harness_wait_row(h, 1, HH_B, 0);
	harness_send(h, "\r");
	harness_wait_row(h, 1, "Household " HH_B, 0);

	/* The other causes joined the English way; the member row whole. */
	harness_wait_text(h, "Lack of skills, Lack of funds", 0);
	cr_assert(!harness_has_text(h, "、"));
	harness_wait_match(h, "*马秀兰 *Female *1985-03-12 *Head of household"
	                      " *Participant*", 0);

	/* Renamed 马福祥: the question whole, household number included. */
	for (int i = 0; i < 27; i++)
		harness_send(h, "\t");
	harness_send(h, "\r");
	row = hhform_row(h, "Name");
	harness_send(h, "\t");
	harness_wait_cursor(h, row, -1, 0);
	harness_key(h, "kbs");
	harness_key(h, "kbs");
	harness_key(h, "kbs");
	harness_send(h, "马福祥");
	harness_wait_row(h, row, "马福祥", 0);
	harness_key(h, "kf2");
	harness_wait_text(h, "Save anyway?", 0);
	screen = harness_screen(h);
	cr_assert(strstr(screen, HH_A), "no household number:\n%s", screen);
	free(screen);
}

Test(hhform, a_twelve_digit_amount_is_shown_whole)
{
	int row;

	h = hhform_imported();
	harness_launch(h, NULL);
	hhform_open(h, HH_A, false);
	row = hhform_row(h, "户编号");
	harness_wait_cursor(h, row, -1, 0);
	for (int i = 0; i < 21; i++)
		harness_send(h, "\t");
	row = hhform_row(h, "转移性收入");
	harness_wait_cursor(h, row, VALUE_COL, 0);
	harness_send(h, "123456789012");
	harness_wait_row(h, row, "123456789012", 0);
	/* left (the form may scroll): still the whole amount */
	harness_send(h, "\t");
	harness_wait_cursor(h, hhform_row(h, "人均纯收入"), VALUE_COL, 0);
	harness_wait_row(h, hhform_row(h, "转移性收入"), "123456789012", 0);
}
