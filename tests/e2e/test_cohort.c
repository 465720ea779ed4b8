/*
 * End-to-end tests of the cohort screens, keys only at 80x24: a cohort
 * created through the form (track picked from F4, a room and an instructor
 * added from the form with F6), the detail it lands on with its timetable's
 * size and dates, three participants enrolled and seen on the roster, and a
 * fourth, over the capacity of 3, put on the waitlist with the message
 * that says so, then a seat added (c) that the person waiting takes and
 * that person leaving the cohort again (Del, with a reason);
 * the register of the first session taken (two keys for
 * two trainees, the rest in one pick), assessments (a score alone leaves
 * the result to come; y y n), the tabs switched from the assessments
 * (5, Left, 1, 3, Right), graduation previewed with every reason,
 * applied after the confirm, and refused the second time; the graduated
 * cohort's change keys (F4 r Del F6 c, s on the assessments) refused at
 * once and gone from the bottom line; then the form's refusals: a slot that ends before it
 * starts (next to its field) and a room already booked (naming the cohort
 * it collides with), the input kept; and the form's draft, offered back
 * after a dropped link.
 *
 * Set-up: one household of four program participants is imported with
 * `frontdesk import households` before the program starts, and each is
 * made eligible on the participant path screen (F8 on the member list of
 * the household form, 核实资格, Y) — with keys, as staff do it.
 *
 * Layout facts relied on (the shell's and the cohort screens'): row 0 is
 * the title bar (请选择 while a pick list is open), row 22 the status line,
 * row 23 the key line. The new-cohort form: row 1 its heading, its nine
 * fields from row 3 in the order 班级编号 培训方向 开班日期 上课日 每日时段
 * 教室 讲师 名额 模块另起时段, values from column 16, a field's error or
 * note to the right of its value, the preview two rows under the last
 * field. The cohort detail: rows 1-3 its header (code · track · dates ·
 * phase; room, instructor, days; counts), row 5 the tabs, row 6 the
 * column titles, the list from row 7.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "e2e_util.h"
#include "harness.h"

#define STATUS_ROW (HARNESS_ROWS - 2)
#define FORM_ROW(i) (3 + (i)) /* row of the form's field i */
#define VALUE_COL 16
#define HH_NO "6229211012060001"

enum { F_CODE, F_TRACK, F_START, F_WEEKDAYS, F_SLOTS, F_ROOM, F_INSTRUCTOR,
       F_CAPACITY, F_NEW_SLOT };

static struct harness *h;

static void
cohort_teardown(void)
{
	harness_stop(h);
	h = NULL;
}

TestSuite(cohort, .fini = cohort_teardown);

/* The household's members, head first: the first 17 digits of their ID
 * numbers (临夏县, born 1990-2006: all within the program's ages),
 * names and relations. */
static const struct {
	const char *first17;
	const char *name;
	const char *relation;
} cohort_people[] = {
	{"62292119900312001", "马福祥", "户主"},
	{"62292119920605002", "马秀兰", "配偶"},
	{"62292120040110003", "马小龙", "之子"},
	{"62292120060220004", "马小燕", "之女"},
};

#define NPEOPLE (sizeof(cohort_people) / sizeof(cohort_people[0]))

/* Imports the verified household HH_NO with its four members, every one
 * a program participant, through the command line (the database is new). */
static void
cohort_import_household(void)
{
	char text[2048], path[512], id[19];
	size_t len;
	int st;
	char *out;

	len = (size_t)snprintf(text, sizeof text,
	                       "户编号,县,乡镇,村,贫困户属性,主要致贫原因,已核实,"
	                       "证件号码,姓名,与户主关系,民族,文化程度,项目学员\r\n");
	for (size_t i = 0; i < NPEOPLE; i++) {
		e2e_id_number(cohort_people[i].first17, id);
		len += (size_t)snprintf(text + len, sizeof text - len,
		                        HH_NO ",临夏县,土桥镇,王家村,一般贫困户,因病,是,"
		                        "%s,%s,%s,回族,初中,是\r\n",
		                        id, cohort_people[i].name,
		                        cohort_people[i].relation);
	}
	harness_write_file(h, "household.csv", text);
	snprintf(path, sizeof path, "%s/household.csv", harness_dir(h));
	out = e2e_cli(h, (const char *const[]){"import", "households", path, NULL},
	              &st);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	          "import failed (%s): %s", harness_status_str(st), out);
	cr_assert(strstr(out, "户：新增 1，") && strstr(out, "成员：新增 4，"),
	          "import said: %s", out);
	free(out);
}

/* From the main menu: opens household HH_NO and makes each member, last
 * first, eligible on their path (F8, 核实资格, Y); ends on the main menu. */
static void
cohort_verify_everyone(void)
{
	harness_send(h, "1");
	harness_wait_row(h, 0, "建档立卡户", 0);
	harness_send(h, HH_NO);
	harness_wait_match(h, HH_NO " *马福祥*", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 1, "农户 " HH_NO, 0);
	/* Page down past the household's fields into its member list, and
	 * down that list to its last member. */
	for (int i = 0; i < 10; i++)
		harness_key(h, "knp");
	for (size_t k = NPEOPLE; k-- > 0;) {
		char head[64];

		snprintf(head, sizeof head, "%s ", cohort_people[k].name);
		harness_key(h, "kf8");
		harness_wait_row(h, 0, "项目学员流程", 0);
		harness_wait_row(h, 1, head, 0);
		harness_wait_row(h, 1, "当前状态：已登记", 0);
		harness_send(h, "\r");
		harness_wait_text(h, "确定要“核实资格”吗？", 0);
		harness_send(h, "y");
		harness_wait_row(h, 1, "当前状态：已核实资格", 0);
		harness_key(h, "kf3");
		harness_wait_row(h, 1, "农户 " HH_NO, 0);
		if (k > 0)
			harness_key(h, "kcuu1");
	}
	harness_key(h, "kf10");
	harness_wait_row(h, 0, "主菜单", 0);
}

/* A new database with the four eligible participants; the program is
 * running on its main menu. */
static void
cohort_start(void)
{
	h = harness_new();
	cohort_import_household();
	harness_launch(h, NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	cohort_verify_everyone();
}

/* Waits until the form's field i shows text at the value column. */
static void
cohort_wait_field(int i, const char *text)
{
	harness_wait_row(h, FORM_ROW(i), text, 0);
	cr_assert_eq(harness_col(h, FORM_ROW(i), text, NULL), VALUE_COL,
	             "\"%s\" is not in the value column of row %d", text,
	             FORM_ROW(i));
}

/* With a pick list open: types typed, waits until one item is left, and
 * picks it. */
static void
cohort_pick(const char *typed)
{
	char pattern[160];

	harness_wait_row(h, 0, "请选择", 0);
	harness_send(h, typed);
	snprintf(pattern, sizeof pattern, "*查找：%s * 1/* 条*", typed);
	harness_wait_match(h, pattern, 0);
	harness_send(h, "\r");
	harness_wait_row_gone(h, 0, "请选择", 0);
}

/* On the resource form (heading `heading`): types code, Tab, name, and
 * seats when not NULL, then saves it; waits for the cohort form again. */
static void
cohort_add_resource(const char *heading, const char *code, const char *name,
                    const char *seats)
{
	harness_wait_row(h, 1, heading, 0);
	harness_wait_cursor(h, FORM_ROW(0), -1, 0);
	harness_send(h, code);
	harness_wait_row(h, FORM_ROW(0), code, 0);
	harness_send(h, "\t");
	harness_send(h, name);
	harness_wait_row(h, FORM_ROW(1), name, 0);
	if (seats) {
		harness_send(h, "\t");
		harness_send(h, seats);
		harness_wait_row(h, FORM_ROW(2), seats, 0);
		harness_key(h, "kf2");
	} else {
		harness_send(h, "\r"); /* Enter on the last field saves */
	}
	harness_wait_row(h, 1, "新建培训班", 0);
}

/* From the cohort list: F6, and the form filled with code, the track
 * picked by typing 电商, start 2026-09-07, the default weekdays and slots;
 * the room and instructor added with F6 (first time) or picked with F4.
 * Capacity cap. Does not save. */
static void
cohort_fill_form(const char *code, bool add, const char *cap)
{
	harness_key(h, "kf6");
	harness_wait_row(h, 1, "新建培训班", 0);
	harness_wait_cursor(h, FORM_ROW(F_CODE), VALUE_COL, 0);
	harness_send(h, code);
	cohort_wait_field(F_CODE, code);
	harness_send(h, "\t");
	harness_key(h, "kf4");
	cohort_pick("电商");
	cohort_wait_field(F_TRACK, "电商运营基础");
	harness_wait_cursor(h, FORM_ROW(F_START), VALUE_COL, 0);
	harness_send(h, "20260907");
	cohort_wait_field(F_START, "2026-09-07");
	harness_wait_match(h, "*2026-09-07 *周一*", 0);
	cohort_wait_field(F_WEEKDAYS, "一二三四五");
	cohort_wait_field(F_SLOTS, "09:00-12:00,14:00-17:00");
	harness_send(h, "\t\t\t");
	harness_wait_cursor(h, FORM_ROW(F_ROOM), -1, 0);
	harness_wait_match(h, "  教室 *F4 选择 · F6 新增*", 0);
	if (add) {
		harness_key(h, "kf6");
		cohort_add_resource("新增教室", "201", "多媒体教室", "40");
		harness_wait_text(h, "已新增教室 201 多媒体教室", 0);
	} else {
		harness_key(h, "kf4");
		cohort_pick("201");
	}
	cohort_wait_field(F_ROOM, "201  多媒体教室（40 座）");
	harness_wait_cursor(h, FORM_ROW(F_INSTRUCTOR), -1, 0);
	if (add) {
		harness_key(h, "kf6");
		cohort_add_resource("新增讲师", "T1", "马老师", NULL);
		harness_wait_text(h, "已新增讲师 T1 马老师", 0);
	} else {
		harness_key(h, "kf4");
		cohort_pick("T1");
	}
	cohort_wait_field(F_INSTRUCTOR, "T1  马老师");
	harness_wait_cursor(h, FORM_ROW(F_CAPACITY), VALUE_COL, 0);
	harness_wait_match(h, "  名额 *教室 40 座*", 0);
	harness_send(h, cap);
	cohort_wait_field(F_CAPACITY, cap);
}

/* The number in "共 N 次课" on row; fails if there is none. */
static int
cohort_sessions_on(int row)
{
	char *text = harness_row(h, row);
	char *p = strstr(text, "共 ");
	int n = -1;

	if (p)
		sscanf(p + strlen("共 "), "%d", &n);
	free(text);
	if (n <= 0)
		harness_fail(h, "row %d says no \"共 N 次课\"", row);
	return n;
}

/* On a graduated cohort: the key (terminfo name `key`, or the text
 * `text`) is refused at once with the one message, nothing asked or
 * picked (the title stays); the message is then cleared with a harmless
 * key, so that the next refusal is seen anew. */
static void
cohort_refused_at_once(const char *key, const char *text)
{
	char *title;

	if (key)
		harness_key(h, key);
	else
		harness_send(h, text);
	harness_wait_row(h, STATUS_ROW, "培训班已结业，不能再改", 0);
	title = harness_row(h, 0);
	cr_assert_null(strstr(title, "请选择"), "a pick list: %s", title);
	cr_assert_null(strstr(title, "请输入"), "a prompt: %s", title);
	free(title);
	harness_key(h, "khome");
	harness_wait_row_gone(h, STATUS_ROW, "培训班已结业", 0);
}

/* On the roster tab of the detail: F6, the candidate name picked (one of
 * left candidates), and the result on the status line. */
static void
cohort_enrol(const char *name, int left, const char *result)
{
	char pattern[160];

	harness_key(h, "kf6");
	harness_wait_row(h, 0, "请选择", 0);
	harness_wait_text(h, "报名：选择学员", 0);
	snprintf(pattern, sizeof pattern, "*查找： * %d/%d 条*", left, left);
	harness_wait_match(h, pattern, 0);
	harness_send(h, name);
	snprintf(pattern, sizeof pattern, "*%s *622921*已核实资格*", name);
	harness_wait_match(h, pattern, 0);
	snprintf(pattern, sizeof pattern, "*查找：%s * 1/%d 条*", name, left);
	harness_wait_match(h, pattern, 0);
	harness_send(h, "\r");
	harness_wait_row_gone(h, 0, "请选择", 0);
	harness_wait_row(h, STATUS_ROW, result, 0);
}

Test(cohort, create_enrol_three_waitlist_one_register_assess_graduate)
{
	char head[128];
	int preview_row, preview, row;

	cohort_start();
	harness_send(h, "6");
	harness_wait_row(h, 0, "培训班", 0);
	harness_wait_text(h, "（没有记录）", 0);

	/* The form, with the timetable previewed before saving. */
	cohort_fill_form("C2026-09", true, "3");
	preview_row = harness_wait_match(h, "  预览：共 * 次课，2026-09-07 至 2026-*", 0);
	preview = cohort_sessions_on(preview_row);
	harness_key(h, "kf2");

	/* The detail: its header, the timetable's size and dates. */
	harness_wait_row(h, 0, "培训班详情", 0);
	harness_wait_row(h, 1, "C2026-09 · 电商运营基础 · 2026-09-07 至 2026-", 0);
	harness_wait_row(h, 2, "教室 201 多媒体教室 · 讲师 T1 马老师 · 周一至五", 0);
	harness_wait_row(h, 3, "名额 3 · 已报名 0 · 候补 0", 0);
	cr_assert_eq(cohort_sessions_on(3), preview,
	             "the detail's sessions differ from the preview's");
	harness_wait_row(h, STATUS_ROW, "已建班 C2026-09：共 ", 0);
	cr_assert_eq(cohort_sessions_on(STATUS_ROW), preview);
	snprintf(head, sizeof head, " 1 课表 %d ", preview);
	harness_wait_row(h, 5, head, 0);
	/* The list starts on the first session from today on: Home goes to
	 * the first one. */
	harness_key(h, "khome");
	harness_wait_match(h, "2026-09-07 一 09:00-12:00 电商概况与帮扶政策 *1/2 *201 *马老师", 0);

	/* Three enrolled, seen on the roster. */
	harness_send(h, "2");
	harness_wait_row(h, 6, "姓名", 0);
	harness_wait_text(h, "还没有学员", 0);
	cohort_enrol("马福祥", 4, "马福祥 已报名入班");
	cohort_enrol("马秀兰", 3, "马秀兰 已报名入班");
	cohort_enrol("马小龙", 2, "马小龙 已报名入班");
	harness_wait_row(h, 3, "名额 3 · 已报名 3 · 候补 0", 0);
	for (size_t i = 0; i < 3; i++) {
		char pattern[96];

		snprintf(pattern, sizeof pattern, "%s *622921*" HH_NO "*",
		         cohort_people[i].name);
		row = harness_wait_match(h, pattern, 0);
		cr_assert(row >= 7 && row < STATUS_ROW - 1,
		          "%s is on row %d, outside the roster",
		          cohort_people[i].name, row);
	}

	/* The fourth: no seat, so the waitlist, at position 1. */
	cohort_enrol("马小燕", 1, "名额已满：马小燕 已列入候补，排第 1 位");
	harness_wait_row(h, 3, "名额 3 · 已报名 3 · 候补 1", 0);
	harness_wait_row(h, 6, "顺序", 0);
	harness_wait_match(h, "1 *马小燕 *622921*", 0);
	harness_send(h, "2");
	harness_wait_row(h, 6, "出勤", 0);
	cr_assert_eq(harness_find_match(h, "马小燕 *"), -1,
	             "the waiting person is on the roster");

	/* The list counts them, and typing narrows it. */
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "培训班", 0);
	harness_wait_match(h, "C2026-09 *电商运营基础 *2026-09-07 *2026-* 201 *3/3 *1 *", 0);
	harness_wait_match(h, "查找： * 1/1 条", 0);
	harness_send(h, "C2027");
	harness_wait_match(h, "查找：C2027 * 0/1 条", 0);
	harness_wait_text(h, "没有匹配“C2027”的记录", 0);
	harness_key(h, "kbs");
	harness_send(h, "6");
	harness_wait_match(h, "查找：C2026 * 1/1 条", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 0, "培训班详情", 0);
	harness_wait_row(h, 3, "名额 3 · 已报名 3 · 候补 1", 0);

	/* One more seat: the person waiting takes it. Never below the
	 * people enrolled: refused in the prompt, which stays with the
	 * number typed (it used to close and lose it). */
	harness_send(h, "c");
	harness_wait_text(h, "C2026-09 的名额（已报名 3 人）：", 0);
	harness_key(h, "kbs");
	harness_send(h, "2\r");
	harness_wait_text(h, "不能改名额：已报名 3 人，名额不能少于 3", 0);
	harness_wait_match(h, "*请输入  2 *", 0);
	harness_wait_text(h, "C2026-09 的名额（已报名 3 人）：", 0);
	harness_key(h, "kbs");
	harness_send(h, "4\r");
	harness_wait_row(h, STATUS_ROW, "名额已改为 4；候补的 1 人已补上", 0);
	harness_wait_row(h, 3, "名额 4 · 已报名 4 · 候补 0", 0);

	/* One leaves the cohort (Del, a reason): still a participant. */
	harness_send(h, "2");
	harness_wait_row(h, 6, "姓名", 0);
	harness_wait_match(h, "马小燕 *622921*", 0);
	harness_key(h, "kdch1");
	harness_wait_text(h, "马小燕 退出本班的原因：", 0);
	harness_send(h, "外出务工\r");
	harness_wait_row(h, STATUS_ROW, "马小燕 已退出本班", 0);
	harness_wait_row(h, 3, "名额 4 · 已报名 3 · 候补 0 · 退出 1", 0);

	/* The register of the first session: one key per trainee. */
	harness_send(h, "1");
	harness_key(h, "khome");
	harness_wait_match(h, "2026-09-07 一 09:00-12:00 电商概况与帮扶政策 *1/2 *201 *马老师", 0);
	harness_send(h, "\r");
	harness_wait_row(h, 0, "课堂考勤", 0);
	harness_wait_text(h, "未记 3　共 3 人", 0);
	harness_send(h, "12");
	harness_wait_text(h, "出勤 1　迟到 1　请假 0　缺勤 0　未记 1　共 3 人", 0);
	harness_send(h, "*");
	harness_wait_text(h, "其余的人记为", 0);
	harness_send(h, "\r"); /* the first choice: present */
	harness_wait_text(h, "出勤 2　迟到 1　请假 0　缺勤 0　未记 0　共 3 人", 0);
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "培训班详情", 0);
	harness_wait_match(h, "2026-09-07 一 09:00-12:00 电商概况与帮扶政策 *1/2 *201 *马老师 *3/3", 0);

	/* Assessments: y passes and moves down, n fails. */
	harness_send(h, "4");
	harness_wait_row(h, 0, "考核", 0);
	harness_wait_text(h, "未录入 3 人", 0);
	/* A score alone leaves the result to come (not "not passed"). */
	harness_send(h, "s");
	harness_wait_text(h, "的考核成绩：", 0);
	harness_send(h, "85\r");
	harness_wait_row(h, STATUS_ROW, "已记下；考核结果仍为未录入", 0);
	harness_wait_text(h, "已考核 0 人：通过 0，未通过 0；未录入 3 人", 0);
	harness_send(h, "yyn");
	harness_wait_text(h, "已考核 3 人：通过 2，未通过 1；未录入 0 人", 0);
	/* The cursor stays on the last: a score after the result. */
	harness_send(h, "s");
	harness_wait_text(h, "的考核成绩：", 0);
	harness_send(h, "59\r");
	harness_wait_text(h, "已考核 3 人：通过 2，未通过 1；未录入 0 人", 0);

	/* Tab 4 has the cohort's tab line, and its keys: 5 is graduation,
	 * Left the assessments again, 1 the timetable, Right from the
	 * waitlist (3) the assessments. */
	harness_wait_row(h, 3, " 1 课表 39 │ 2 学员 3 │ 3 候补 0 │ 4 考核 │ 5 结业", 0);
	harness_send(h, "5");
	harness_wait_row(h, 0, "结业", 0);
	harness_wait_row(h, 4, " 1 课表 39 │ 2 学员 3 │ 3 候补 0 │ 4 考核 │ 5 结业", 0);
	harness_key(h, "kcub1");
	harness_wait_row(h, 0, "考核", 0);
	harness_send(h, "1");
	harness_wait_row(h, 0, "培训班详情", 0);
	harness_wait_row(h, 6, "日期", 0);
	harness_send(h, "3");
	harness_wait_row(h, 6, "顺序", 0);
	harness_key(h, "kcuf1");
	harness_wait_row(h, 0, "考核", 0);
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "培训班详情", 0);

	/* Graduation: nobody reaches 80% of the sessions after one
	 * register, so everyone fails, each with the reason; F2 asks first,
	 * then records it, once. */
	harness_send(h, "5");
	harness_wait_row(h, 0, "结业", 0);
	harness_wait_text(h, "结业条件：出勤率 >= 80% 且考核通过", 0);
	harness_wait_text(h, "预览：结业 0 人，不能结业 3 人（尚未保存）", 0);
	harness_wait_match(h, "*不能结业*出勤 1/*，低于 80%*考核未通过*", 0);
	harness_key(h, "kf2");
	harness_wait_text(h, "办理结业：0 人结业，3 人不能结业？", 0);
	harness_send(h, "y");
	harness_wait_text(h, "已办理结业：0 人结业，3 人未结业。", 0);
	harness_wait_match(h, "*本班已于 * 结业：结业 0 人，未结业 3 人*", 0);
	harness_key(h, "kf2");
	harness_wait_text(h, "不能再次结业", 0);
	harness_key(h, "kf3");
	harness_wait_row(h, 0, "培训班详情", 0);
	harness_wait_match(h, "*已结业*", 0);
	/* It is closed now: no change keys on the bottom line, and each
	 * refuses at once, asking nothing. */
	{
		char *keys = harness_row(h, 23);

		cr_assert_not_null(strstr(keys, "F3 返回"), "%s", keys);
		cr_assert_null(strstr(keys, "F6"), "%s", keys);
		cr_assert_null(strstr(keys, "Del"), "%s", keys);
		cr_assert_null(strstr(keys, "c 名额"), "%s", keys);
		cr_assert_null(strstr(keys, "r 调配"), "%s", keys);
		cr_assert_null(strstr(keys, "F4"), "%s", keys);
		free(keys);
	}
	harness_send(h, "1");
	harness_wait_row(h, 6, "日期", 0);
	cohort_refused_at_once("kf4", NULL);
	cohort_refused_at_once(NULL, "r");
	harness_send(h, "2");
	harness_wait_row(h, 6, "姓名", 0);
	/* The assessment column holds the result and the whole score. */
	harness_wait_match(h, "* 通过 85 *未结业", 0);
	harness_wait_match(h, "* 未通过 59 *未结业", 0);
	cohort_refused_at_once("kdch1", NULL);
	cohort_refused_at_once("kf6", NULL);
	cohort_refused_at_once(NULL, "c");
	/* The assessments likewise: s asks for no score. */
	harness_send(h, "4");
	harness_wait_row(h, 0, "考核", 0);
	cohort_refused_at_once(NULL, "s");
	{
		char *keys = harness_row(h, 23);

		cr_assert_null(strstr(keys, "y 通过"), "%s", keys);
		free(keys);
	}
}

Test(cohort, form_refusals_keep_the_input)
{
	cohort_start();
	harness_send(h, "6");
	harness_wait_row(h, 0, "培训班", 0);
	cohort_fill_form("C2026-09", true, "30");
	harness_key(h, "kf2");
	harness_wait_row(h, 0, "培训班详情", 0);
	harness_key(h, "kf3");
	harness_wait_match(h, "C2026-09 *", 0);

	/* A slot that ends before it starts: marked next to its field. */
	cohort_fill_form("C2026-10", false, "30");
	for (int i = F_CAPACITY; i > F_SLOTS; i--)
		harness_key(h, "kcbt");
	harness_wait_cursor(h, FORM_ROW(F_SLOTS), -1, 0);
	harness_key(h, "khome");
	for (int i = 0; i < 11; i++)
		harness_key(h, "kdch1");
	harness_send(h, "10:00-09:00");
	cohort_wait_field(F_SLOTS, "10:00-09:00,14:00-17:00");
	harness_key(h, "kf2");
	harness_wait_match(h, "  每日时段 *10:00-09:00,14:00-17:00 *结束时间*", 0);
	harness_wait_row(h, STATUS_ROW, "结束时间", 0);
	harness_wait_row(h, 0, "新建培训班", 0);

	/* Fixed to overlap C2026-09 in room 201: refused, naming it. */
	harness_key(h, "khome");
	for (int i = 0; i < 11; i++)
		harness_key(h, "kdch1");
	harness_send(h, "10:00-11:00");
	cohort_wait_field(F_SLOTS, "10:00-11:00,14:00-17:00");
	harness_key(h, "kf2");
	harness_wait_row(h, STATUS_ROW, "不能建班：", 0);
	harness_wait_row(h, STATUS_ROW, "C2026-09", 0);
	harness_wait_match(h, "  不能建班：*201*2026-09-07 10:00-11:00*C2026-09*", 0);

	/* Everything typed is still there. */
	harness_wait_row(h, 1, "新建培训班", 0);
	cohort_wait_field(F_CODE, "C2026-10");
	cohort_wait_field(F_TRACK, "电商运营基础");
	cohort_wait_field(F_START, "2026-09-07");
	cohort_wait_field(F_ROOM, "201");
	cohort_wait_field(F_INSTRUCTOR, "T1");
	cohort_wait_field(F_CAPACITY, "30");
}

Test(cohort, draft_of_the_form_survives_a_dropped_link)
{
	int st;

	h = harness_start(NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "6");
	harness_wait_row(h, 0, "培训班", 0);
	cohort_fill_form("C2026-11", true, "25");
	/* Left changes nothing: once the cursor has moved, the loop has
	 * been round (and kept the draft) since the last key typed. */
	harness_key(h, "kcub1");
	harness_wait_cursor(h, FORM_ROW(F_CAPACITY), VALUE_COL + 1, 0);
	harness_hangup(h);
	harness_wait_exit(h, 0, &st);

	harness_launch(h, NULL);
	harness_wait_row(h, 0, "主菜单", 0);
	harness_send(h, "6");
	harness_wait_row(h, 0, "培训班", 0);
	harness_key(h, "kf6");
	harness_wait_match(h, "*有 * 未保存的输入，恢复吗*", 0);
	harness_send(h, "y");
	harness_wait_row(h, STATUS_ROW, "已恢复未保存的输入", 0);
	cohort_wait_field(F_CODE, "C2026-11");
	cohort_wait_field(F_TRACK, "电商运营基础");
	cohort_wait_field(F_START, "2026-09-07");
	cohort_wait_field(F_ROOM, "201  多媒体教室（40 座）");
	cohort_wait_field(F_INSTRUCTOR, "T1  马老师");
	cohort_wait_field(F_CAPACITY, "25");
	harness_wait_match(h, "  预览：共 * 次课，2026-09-07 至 2026-*", 0);

	/* Saved: the draft is gone. */
	harness_key(h, "kf2");
	harness_wait_row(h, 0, "培训班详情", 0);
	harness_key(h, "kf3");
	harness_key(h, "kf6");
	harness_wait_row(h, 1, "新建培训班", 0);
	harness_pause(h, 300);
	cr_assert(!harness_has_text(h, "未保存的输入，恢复吗"),
	          "the draft is offered again after the save");
}
