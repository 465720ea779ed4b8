/*
 * import.c: a good file imports with the right counts; the same file again
 * changes nothing (counts and audit table); one bad line (a wrong ID check
 * digit) imports nothing and the report names the line and the reason;
 * --dry-run writes nothing and lists every bad line; a changed phone is
 * one update; an export imports back unchanged; unknown, ignored, missing
 * and doubled columns; GBK; villages found by name, ambiguous or not
 * matching their code; household columns that disagree; an ID twice;
 * stored members absent from the file kept; warnings accepted and
 * recorded; the column map's format and coverage; progress; one
 * transaction for the whole file (another connection sees nothing before
 * the commit, a save failing on the last household leaves nothing); a
 * read-only session may check but not import; messages come from the
 * catalog (English where wording is checked, Chinese in one test); the
 * bulk path for new households and the careful one give the same
 * database (rows, audit rows, decisions, search), for a file of new
 * households and for one mixing new and stored ones.
 *
 * Each test has its own database in its own mkdtemp directory; codes come
 * from the embedded assets/codes.txt, regions from a small table here.
 */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/assets.h"
#include "frontdesk/codes.h"
#include "frontdesk/csv.h"
#include "frontdesk/db.h"
#include "frontdesk/household.h"
#include "frontdesk/i18n.h"
#include "frontdesk/idcard.h"
#include "frontdesk/import.h"
#include "frontdesk/search.h"
#include "frontdesk/txn.h"
#include "frontdesk/util.h"

#include "fixture.h"

static const char imp_regions[] = "620000 | 甘肃省\n"
                                  "622900 | 临夏回族自治州\n"
                                  "622921 | 临夏县\n"
                                  "622921100 | 韩集镇\n"
                                  "622921101 | 土桥镇\n"
                                  "622921100201 | 韩集村\n"
                                  "622921100202 | 阳洼村\n"
                                  "622921101201 | 土桥村\n"
                                  "622921101202 | 阳洼村\n";

/* ID numbers: head and spouse of household 1, their son, head of 2. */
static char id_h1[19], id_s1[19], id_c1[19], id_h2[19], id_x[19];

static void
make_id(char out[19], const char *birth, const char *seq)
{
	snprintf(out, 19, "622921%.8s%.3s", birth, seq);
	out[17] = idcard_check_char(out);
	out[18] = '\0';
}

static void
imp_setup(void)
{
	const struct fd_asset *a = assets_find("codes.txt");
	struct fd_err err = {{0}};

	fixture_setup();
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
	cr_assert_eq(i18n_load("en", NULL, &err), FD_OK, "%s", err.msg);
	cr_assert_not_null(a);
	cr_assert_eq(
	    codes_load_buffer("codes.txt", (const char *)a->data, a->len, &err),
	    FD_OK, "%s", err.msg);
	cr_assert_eq(regions_load_buffer("regions.txt", imp_regions,
	                                 strlen(imp_regions), &err),
	             FD_OK, "%s", err.msg);
	make_id(id_h1, "19800101", "011");
	make_id(id_s1, "19820202", "022");
	make_id(id_c1, "20100303", "031");
	make_id(id_h2, "19700404", "042");
	make_id(id_x, "19900505", "051");
}

static void
imp_teardown(void)
{
	import_map_free();
	codes_free();
	i18n_free();
	fixture_teardown();
}

#define IMPTEST(name, ...)                                                     \
	Test(import, name, .init = imp_setup, .fini = imp_teardown,            \
	     ##__VA_ARGS__)

/* ---- helpers ---------------------------------------------------------- */

/* A string literal and its length. */
#define S(lit) lit, sizeof(lit) - 1

#define HEADER                                                                                   \
	"户编号,户主姓名,县,乡镇,村,贫困户属性,主要致贫原因,联系电话," \
	"证件号码,姓名,与户主关系,民族,文化程度,在校生状况,健康状况,"  \
	"劳动技能,本人联系电话\r\n"

/* One member line of the test file. */
struct mline {
	const char *hh, *head, *town, *village, *attr, *cause, *phone;
	const char *id, *name, *rel, *eth, *edu, *school, *health, *labour;
	const char *mphone;
};

#define H1                                                                     \
	.hh = "6229210001", .head = "张三", .town = "土桥镇",                  \
	.village = "阳洼村", .attr = "一般贫困户", .cause = "因病",            \
	.phone = "13800000001"
#define H2                                                                     \
	.hh = "6229210002", .head = "王五", .town = "韩集镇",                  \
	.village = "韩集村", .attr = "低保贫困户", .cause = "因残"

/* The good file: household 1 (head, spouse, son) and 2 (head alone). */
static struct mline good[4];

static void
good_lines(void)
{
	struct mline g[4] = {
	    {H1, .id = id_h1, .name = "张三", .rel = "户主", .eth = "汉族",
	     .edu = "初中", .school = "非在校生", .health = "健康",
	     .labour = "普通劳动力"},
	    {H1, .id = id_s1, .name = "李四", .rel = "配偶", .eth = "回族",
	     .edu = "小学", .school = "非在校生", .health = "健康",
	     .labour = "普通劳动力", .mphone = "13900000002"},
	    {H1, .id = id_c1, .name = "张小三", .rel = "之子", .eth = "汉族",
	     .edu = "", .school = "初中", .health = "健康"},
	    {H2, .id = id_h2, .name = "王五", .rel = "户主", .eth = "东乡族",
	     .edu = "文盲或半文盲", .school = "非在校生", .health = "残疾",
	     .labour = "丧失劳动力"},
	};

	memcpy(good, g, sizeof(g));
}

static const char *
nz(const char *s)
{
	return s ? s : "";
}

/* The CSV of the n lines. Caller frees. */
static char *
file_of(const struct mline *l, size_t n)
{
	struct strbuf sb = {0};

	strbuf_adds(&sb, HEADER);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb,
		            "%s,%s,临夏县,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,"
		            "%s,%s\r\n",
		            nz(l[i].hh), nz(l[i].head), nz(l[i].town),
		            nz(l[i].village), nz(l[i].attr), nz(l[i].cause),
		            nz(l[i].phone), nz(l[i].id), nz(l[i].name),
		            nz(l[i].rel), nz(l[i].eth), nz(l[i].edu),
		            nz(l[i].school), nz(l[i].health), nz(l[i].labour),
		            nz(l[i].mphone));
	return strbuf_take(&sb);
}

/* Import text into db; returns the status, fills rep and err. */
static enum fd_status
run_import(struct fd_db *db, const char *text, bool dry,
           struct import_report *rep, struct fd_err *err)
{
	err->msg[0] = '\0';
	return import_households(db, text, strlen(text), dry, NULL, NULL, rep,
	                         err);
}

/* Import the good file; the test fails unless it works. */
static void
import_good(struct fd_db *db)
{
	struct import_report rep;
	struct fd_err err;
	char *text;

	good_lines();
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, false, &rep, &err), FD_OK, "%s\n%s",
	             err.msg, rep.problems.buf);
	import_report_free(&rep);
	free(text);
}

static long long
count(struct fd_db *db, const char *table)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	return query_int(db, sql);
}

static bool
has(const struct strbuf *sb, const char *s)
{
	return sb->buf && strstr(sb->buf, s) != NULL;
}

/* ---- tests ------------------------------------------------------------ */

IMPTEST(good_file_counts)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	char *text;

	good_lines();
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, false, &rep, &err), FD_OK, "%s\n%s",
	             err.msg, rep.problems.buf);
	cr_expect_eq(rep.lines, 4);
	cr_expect_eq(rep.households, 2);
	cr_expect_eq(rep.added, 6, "added %zu", rep.added);
	cr_expect_eq(rep.updated, 0);
	cr_expect_eq(rep.unchanged, 0);
	cr_expect_eq(rep.refused, 0);
	cr_expect_eq(rep.hh_added, 2);
	{
		char *sum = import_summary(&rep);

		cr_expect_str_eq(sum, "Households: 2 new, 0 updated, 0 "
		                      "unchanged; members: 4 new, 0 updated, 0 "
		                      "unchanged; 0 lines refused");
		free(sum);
	}
	cr_expect_eq(count(db, "household"), 2);
	cr_expect_eq(count(db, "member"), 4);
	/* Labels became codes; the village was found by its names. */
	cr_expect_eq(query_int(db, "SELECT count(*) FROM household WHERE "
	                           "hh_no = '6229210001' AND region = "
	                           "'622921101202' AND attribute = '01' AND "
	                           "main_cause = '01'"),
	             1);
	cr_expect_eq(query_int(db, "SELECT count(*) FROM member WHERE "
	                           "relation = '02' AND sex = '2' AND birth = "
	                           "'1982-02-02' AND ethnicity = '03' AND "
	                           "phone = '13900000002'"),
	             1);
	import_report_free(&rep);
	free(text);
	db_close(db);
}

IMPTEST(same_file_twice_changes_nothing)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	long long audit;
	char *text;

	import_good(db);
	audit = count(db, "audit");
	cr_assert_gt(audit, 0);
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, false, &rep, &err), FD_OK, "%s",
	             err.msg);
	cr_expect_eq(rep.added, 0);
	cr_expect_eq(rep.updated, 0);
	cr_expect_eq(rep.unchanged, 6, "unchanged %zu", rep.unchanged);
	cr_expect_eq(rep.hh_unchanged, 2);
	cr_expect_eq(count(db, "audit"), audit);
	cr_expect_eq(query_int(db, "SELECT max(version) FROM household"), 1);
	import_report_free(&rep);
	free(text);
	db_close(db);
}

IMPTEST(bad_check_digit_imports_nothing)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	char bad[19];
	char *text;

	good_lines();
	memcpy(bad, id_s1, sizeof(bad));
	bad[17] = bad[17] == '1' ? '2' : '1';
	good[1].id = bad;
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, false, &rep, &err), FD_E_CHECK);
	cr_expect_eq(rep.refused, 1);
	cr_expect(has(&rep.problems, "line 3: ID number: "), "%s",
	          rep.problems.buf);
	cr_expect(has(&rep.problems, "check character"), "%s", rep.problems.buf);
	cr_expect(!has(&rep.problems, "line 2:"), "%s", rep.problems.buf);
	cr_expect(strstr(err.msg, "1 of 4") != NULL, "%s", err.msg);
	cr_expect_eq(count(db, "household"), 0);
	cr_expect_eq(count(db, "member"), 0);
	import_report_free(&rep);
	free(text);
	db_close(db);
}

IMPTEST(dry_run_writes_nothing_and_lists_every_bad_line)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	long long audit = count(db, "audit");
	char *text;

	good_lines();
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, true, &rep, &err), FD_OK, "%s",
	             err.msg);
	cr_expect_eq(rep.added, 6);
	cr_expect_eq(count(db, "household"), 0);
	cr_expect_eq(count(db, "audit"), audit);
	import_report_free(&rep);
	free(text);

	good[1].rel = "外星人";       /* line 3: not a relation */
	good[3].attr = "";            /* line 5: attribute required */
	good[3].cause = "因病、因残"; /* line 5 too: one main cause only */
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, true, &rep, &err), FD_E_CHECK);
	cr_expect_eq(rep.refused, 2, "refused %zu:\n%s", rep.refused,
	             rep.problems.buf);
	cr_expect(has(&rep.problems, "line 3: Relation to head: "), "%s",
	          rep.problems.buf);
	cr_expect(has(&rep.problems, "外星人"), "%s", rep.problems.buf);
	/* A reason that names its field already is not prefixed twice. */
	cr_expect(has(&rep.problems, "line 5: Household attribute is required"),
	          "%s", rep.problems.buf);
	cr_expect(has(&rep.problems, "line 5: Main cause of poverty: code"),
	          "%s", rep.problems.buf);
	cr_expect_eq(count(db, "household"), 0);
	cr_expect_eq(count(db, "audit"), audit);
	import_report_free(&rep);
	free(text);
	db_close(db);
}

IMPTEST(changed_phone_is_one_update)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	long long audit;
	char *text;

	import_good(db);
	audit = count(db, "audit");
	good[1].mphone = "13900000009";
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, false, &rep, &err), FD_OK, "%s",
	             err.msg);
	cr_expect_eq(rep.updated, 1, "updated %zu", rep.updated);
	cr_expect_eq(rep.unchanged, 5);
	cr_expect_eq(rep.added, 0);
	cr_expect_eq(query_int(db, "SELECT count(*) FROM member WHERE "
	                           "phone = '13900000009'"),
	             1);
	cr_expect_gt(count(db, "audit"), audit);
	import_report_free(&rep);
	free(text);
	db_close(db);
}

IMPTEST(export_then_import_is_unchanged)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct strbuf out = {0};
	struct fd_err err;
	long long audit;

	import_good(db);
	audit = count(db, "audit");
	cr_assert_eq(export_csv(db, "members", &out, &err), FD_OK, "%s",
	             err.msg);
	cr_expect(memcmp(out.buf, "\xEF\xBB\xBF", 3) == 0, "BOM for Excel");
	cr_expect(strstr(out.buf, "户主") != NULL, "labels: %s", out.buf);
	cr_expect(strstr(out.buf, "阳洼村") != NULL, "%s", out.buf);
	cr_assert_eq(import_households(db, out.buf, out.len, false, NULL, NULL,
	                               &rep, &err),
	             FD_OK, "%s\n%s", err.msg, rep.problems.buf);
	cr_expect_eq(rep.lines, 4);
	cr_expect_eq(rep.added, 0);
	cr_expect_eq(rep.updated, 0, "%s", out.buf);
	cr_expect_eq(rep.unchanged, 6);
	cr_expect_eq(count(db, "audit"), audit);
	import_report_free(&rep);
	strbuf_free(&out);
	db_close(db);
}

/* The header cells of CSV text. Caller frees the array and the strings. */
static size_t
header_of(const char *text, char ***cells)
{
	struct csv_reader *r = csv_open(text, strlen(text));
	struct fd_err err;
	char **f;
	size_t n;

	cr_assert_eq(csv_next(r, &f, &n, &err), FD_OK, "%s", err.msg);
	*cells = calloc(n, sizeof(**cells));
	for (size_t i = 0; i < n; i++)
		(*cells)[i] = strdup(f[i]);
	csv_close(r);
	return n;
}

static bool
in_header(char **cells, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(cells[i], s) == 0)
			return true;
	return false;
}

static void
free_cells(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

IMPTEST(export_households_and_map_coverage)
{
	struct fd_db *db = open_as("alice");
	struct strbuf out = {0};
	struct fd_err err;
	char **cells;
	size_t n;
	int lines = 0;

	import_good(db);
	/* Members: every household and member field, the region names,
	 * the head's name and ID. */
	cr_assert_eq(export_csv(db, "members", &out, &err), FD_OK, "%s",
	             err.msg);
	n = header_of(out.buf, &cells);
	cr_expect_eq(n, HH__COUNT + MEM__COUNT + 5 + 2, "%zu columns", n);
	cr_expect(in_header(cells, n, "户编号"));
	cr_expect(in_header(cells, n, "证件号码"));
	cr_expect(in_header(cells, n, "行政区划代码"));
	free_cells(cells, n);
	strbuf_free(&out);

	cr_assert_eq(export_csv(db, "households", &out, &err), FD_OK, "%s",
	             err.msg);
	n = header_of(out.buf, &cells);
	cr_expect_eq(n, HH__COUNT + 5 + 3, "%zu columns", n);
	cr_expect(in_header(cells, n, "户主姓名"));
	cr_expect(in_header(cells, n, "家庭人口数"));
	cr_expect(!in_header(cells, n, "姓名"));
	free_cells(cells, n);
	for (const char *p = out.buf; (p = strstr(p, "\r\n")); p += 2)
		lines++;
	cr_expect_eq(lines, 3);
	cr_expect(strstr(out.buf, ",张三,") != NULL, "%s", out.buf);
	cr_expect(strstr(out.buf, ",3") != NULL, "%s", out.buf);
	strbuf_free(&out);

	cr_expect_eq(export_csv(db, "staff", &out, &err), FD_E_INVALID);
	strbuf_free(&out);
	db_close(db);
}

IMPTEST(unknown_column_refused_ignored_column_accepted)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	struct strbuf sb = {0};

	strbuf_adds(&sb, "序号,户编号,证件号码,外星人,火星编号\n1,1,2,3,4\n");
	cr_assert_eq(run_import(db, sb.buf, true, &rep, &err), FD_E_PARSE);
	cr_expect(strstr(err.msg, "\"外星人\", \"火星编号\"") != NULL, "%s",
	          err.msg);
	cr_expect(strstr(err.msg, "ignore") != NULL, "%s", err.msg);
	import_report_free(&rep);
	strbuf_free(&sb);

	/* Without the unknown ones, 序号 (ignored) is fine. */
	good_lines();
	{
		char *text = file_of(good, 4);
		char *body = strstr(text, "\r\n") + 2;

		strbuf_adds(&sb, "序号," HEADER);
		for (int i = 1; *body; i++) {
			char *eol = strstr(body, "\r\n");

			strbuf_addf(&sb, "%d,%.*s\r\n", i, (int)(eol - body),
			            body);
			body = eol + 2;
		}
		free(text);
	}
	cr_assert_eq(run_import(db, sb.buf, true, &rep, &err), FD_OK, "%s\n%s",
	             err.msg, rep.problems.buf);
	cr_expect_eq(rep.added, 6);
	import_report_free(&rep);
	strbuf_free(&sb);
	db_close(db);
}

IMPTEST(missing_and_doubled_columns)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;

	cr_expect_eq(run_import(db, "户编号,姓名\n1,张三\n", true, &rep, &err),
	             FD_E_PARSE);
	cr_expect(strstr(err.msg, "ID number") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "证件号码") != NULL, "%s", err.msg);
	import_report_free(&rep);
	cr_expect_eq(
	    run_import(db, "户编号,证件号码,身份证号码\n", true, &rep, &err),
	    FD_E_PARSE);
	cr_expect(strstr(err.msg, "身份证号码") != NULL, "%s", err.msg);
	import_report_free(&rep);
	cr_expect_eq(run_import(db, "", true, &rep, &err), FD_E_PARSE);
	import_report_free(&rep);
	/* Headers differ in blanks, case and bracket width: still known. */
	cr_expect_eq(run_import(db, " AAC001 ,证件号码,耕地面积（亩）\n", true,
	                        &rep, &err),
	             FD_OK, "%s", err.msg);
	import_report_free(&rep);
	db_close(db);
}

IMPTEST(gbk_file_refused)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	/* "户编号,证件号码" in GBK. */
	const char gbk[] = "\xBB\xA7\xB1\xE0\xBA\xC5,\xD6\xA4\xBC\xFE\xBA\xC5"
	                   "\xC2\xEB\r\n";

	cr_expect_eq(import_households(db, gbk, sizeof(gbk) - 1, true, NULL,
	                               NULL, &rep, &err),
	             FD_E_PARSE);
	cr_expect(strstr(err.msg, "GBK") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "line 1") != NULL, "%s", err.msg);
	import_report_free(&rep);
	db_close(db);
}

IMPTEST(villages_by_name)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	char *text;

	good_lines();
	/* 阳洼村 is in both townships: without one it is ambiguous. */
	good[0].town = good[1].town = good[2].town = "";
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, true, &rep, &err), FD_E_CHECK);
	cr_expect(has(&rep.problems, "line 2: 村: "), "%s", rep.problems.buf);
	cr_expect(has(&rep.problems, "622921100202"), "%s", rep.problems.buf);
	cr_expect(has(&rep.problems, "622921101202"), "%s", rep.problems.buf);
	import_report_free(&rep);
	free(text);

	/* A township written without its suffix is enough. */
	good[0].town = good[1].town = good[2].town = "土桥";
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, true, &rep, &err), FD_OK, "%s\n%s",
	             err.msg, rep.problems.buf);
	import_report_free(&rep);
	free(text);

	/* A village that is not there. */
	good[3].village = "月亮村";
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, true, &rep, &err), FD_E_CHECK);
	cr_expect(has(&rep.problems, "line 5: 村: "), "%s", rep.problems.buf);
	cr_expect(has(&rep.problems, "月亮村"), "%s", rep.problems.buf);
	import_report_free(&rep);
	free(text);
	db_close(db);
}

IMPTEST(village_code_and_names_must_agree)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	char *text;

	text = xasprintf("户编号,行政区划代码,村,贫困户属性,主要致贫原因,"
	                 "证件号码,姓名,与户主关系,文化程度\n"
	                 "1,622921100201,韩集村,01,01,%s,甲,01,03\n"
	                 "2,622921100201,土桥村,01,01,%s,乙,01,03\n",
	                 id_h1, id_h2);
	cr_assert_eq(run_import(db, text, true, &rep, &err), FD_E_CHECK);
	cr_expect_eq(rep.refused, 1, "%s", rep.problems.buf);
	cr_expect(has(&rep.problems, "line 3: 村: \"土桥村\""), "%s",
	          rep.problems.buf);
	import_report_free(&rep);
	free(text);
	db_close(db);
}

IMPTEST(household_columns_must_agree)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	char *text;

	good_lines();
	good[2].attr = "低保贫困户";
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, true, &rep, &err), FD_E_CHECK);
	cr_expect(has(&rep.problems, "line 4: Household attribute: \"低保贫困户\""),
	          "%s", rep.problems.buf);
	cr_expect(has(&rep.problems, "line 2"), "%s", rep.problems.buf);
	cr_expect_eq(rep.refused, 1, "%s", rep.problems.buf);
	import_report_free(&rep);
	free(text);
	db_close(db);
}

IMPTEST(id_twice_in_file)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	char *text;

	good_lines();
	good[3].id = id_h1;
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, true, &rep, &err), FD_E_CHECK);
	cr_expect(has(&rep.problems, "line 5: ID number: "), "%s",
	          rep.problems.buf);
	cr_expect(has(&rep.problems, "line 2"), "%s", rep.problems.buf);
	import_report_free(&rep);
	free(text);
	db_close(db);
}

IMPTEST(head_name_checked)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	char *text;

	good_lines();
	good[1].head = "张四";
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, true, &rep, &err), FD_E_CHECK);
	cr_expect(has(&rep.problems, "line 3: 户主姓名: \"张四\""), "%s",
	          rep.problems.buf);
	import_report_free(&rep);
	free(text);
	db_close(db);
}

IMPTEST(stored_members_absent_from_file_are_kept)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	char *text;

	import_good(db);
	/* Household 1's head alone, with a new member; empty cells keep
	 * what is stored. */
	good[1] = good[0];
	good[1].id = id_x;
	good[1].name = "张五";
	good[1].rel = "之兄弟姐妹";
	good[1].edu = "高中";
	good[0].phone = "";
	good[0].eth = "";
	text = file_of(good, 2);
	cr_assert_eq(run_import(db, text, false, &rep, &err), FD_OK, "%s\n%s",
	             err.msg, rep.problems.buf);
	cr_expect_eq(rep.added, 1);
	cr_expect_eq(rep.unchanged, 2, "unchanged %zu updated %zu",
	             rep.unchanged, rep.updated);
	cr_expect_eq(count(db, "member"), 5);
	cr_expect_eq(query_int(db, "SELECT count(*) FROM household WHERE "
	                           "phone = '13800000001'"),
	             1);
	import_report_free(&rep);
	free(text);
	db_close(db);
}

IMPTEST(warnings_listed_then_accepted_and_recorded)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	char *text;

	good_lines();
	good[0].labour = "无劳动力"; /* healthy, 46, not a student: rule 8 */
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, true, &rep, &err), FD_OK, "%s\n%s",
	             err.msg, rep.problems.buf);
	cr_expect_eq(rep.warned, 1);
	cr_expect(has(&rep.warnings, "line 2: Labour skill: "), "%s",
	          rep.warnings.buf);
	cr_expect_eq(count(db, "decision"), 0);
	import_report_free(&rep);

	cr_assert_eq(run_import(db, text, false, &rep, &err), FD_OK, "%s\n%s",
	             err.msg, rep.problems.buf);
	cr_expect_eq(rep.warned, 1);
	cr_expect_eq(count(db, "decision"), 1);
	cr_expect_eq(query_int(db, "SELECT count(*) FROM decision WHERE "
	                           "kind = 'warning_accepted'"),
	             1);
	/* The audit rows say they come from the import, and which warnings
	 * were accepted. */
	cr_expect_gt(query_int(db, "SELECT count(*) FROM audit WHERE note = "
	                           "'import; accepted: rule8'"),
	             0);
	cr_expect_gt(query_int(db, "SELECT count(*) FROM audit WHERE note = "
	                           "'import'"),
	             0);
	cr_expect_eq(query_int(db, "SELECT count(*) FROM audit WHERE entity "
	                           "<> 'staff' AND (note IS NULL OR note NOT "
	                           "LIKE 'import%')"),
	             0);
	import_report_free(&rep);
	free(text);
	db_close(db);
}

IMPTEST(excel_numbers_and_cleaning)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	char *text;

	good_lines();
	good[1].id = "6.22921E+17";
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, true, &rep, &err), FD_E_CHECK);
	cr_expect(has(&rep.problems, "line 3: 证件号码: \"6.22921E+17\""), "%s",
	          rep.problems.buf);
	cr_expect(has(&rep.problems, "Excel"), "%s", rep.problems.buf);
	cr_expect_eq(rep.refused, 1, "%s", rep.problems.buf);
	import_report_free(&rep);
	free(text);

	/* ="..." and a leading ' are Excel's ways to keep digits: dropped. */
	good_lines();
	{
		char wrapped[32];

		snprintf(wrapped, sizeof(wrapped), "\"=\"\"%s\"\"\"", id_s1);
		good[1].id = wrapped;
		good[0].phone = " '13800000001 ";
		good[1].phone = " '13800000001 ";
		good[2].phone = " '13800000001 ";
		text = file_of(good, 4);
		cr_assert_eq(run_import(db, text, false, &rep, &err), FD_OK,
		             "%s\n%s", err.msg, rep.problems.buf);
	}
	cr_expect_eq(query_int(db, "SELECT count(*) FROM household WHERE "
	                           "phone = '13800000001'"),
	             1);
	import_report_free(&rep);
	free(text);
	db_close(db);
}

/* What the progress callback was told, call by call. */
struct progress_log {
	size_t calls;
	enum import_phase phase[64];
	size_t done[64];
	bool backwards, wrong_total;
};

static void
progress_cb(void *ud, enum import_phase phase, size_t done, size_t total)
{
	struct progress_log *log = ud;

	if (total != IMPORT_PROGRESS_TOTAL || done > total)
		log->wrong_total = true;
	if (log->calls && done < log->done[(log->calls - 1) % 64])
		log->backwards = true;
	log->phase[log->calls % 64] = phase;
	log->done[log->calls % 64] = done;
	log->calls++;
}

/* True if the log holds phase. */
static bool
progress_had(const struct progress_log *log, enum import_phase phase)
{
	for (size_t i = 0; i < log->calls && i < 64; i++)
		if (log->phase[i] == phase)
			return true;
	return false;
}

IMPTEST(progress_reported)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	struct progress_log log = {0}, dry = {0};
	char *text;

	good_lines();
	text = file_of(good, 4);
	/* A dry run reads and checks, and ends at the whole bar. */
	cr_assert_eq(import_households(db, text, strlen(text), true,
	                               progress_cb, &dry, &rep, &err),
	             FD_OK, "%s", err.msg);
	import_report_free(&rep);
	cr_expect_eq(dry.phase[0], IMPORT_PHASE_READ);
	cr_expect_eq(dry.done[0], 0);
	cr_expect(progress_had(&dry, IMPORT_PHASE_CHECK));
	cr_expect_not(progress_had(&dry, IMPORT_PHASE_WRITE));
	cr_expect_not(progress_had(&dry, IMPORT_PHASE_COMMIT));
	cr_expect_eq(dry.phase[dry.calls - 1], IMPORT_PHASE_DONE);
	cr_expect_eq(dry.done[dry.calls - 1], IMPORT_PROGRESS_TOTAL);
	cr_expect_not(dry.backwards);
	cr_expect_not(dry.wrong_total);
	/* Into an empty database: every step, in order, never backwards. */
	cr_assert_eq(import_households(db, text, strlen(text), false,
	                               progress_cb, &log, &rep, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_lt(log.calls, 64);
	cr_expect_eq(log.phase[0], IMPORT_PHASE_READ);
	for (size_t i = 1; i < log.calls; i++)
		cr_expect_geq(log.phase[i], log.phase[i - 1], "call %zu", i);
	cr_expect(progress_had(&log, IMPORT_PHASE_WRITE));
	cr_expect(progress_had(&log, IMPORT_PHASE_INDEX));
	cr_expect(progress_had(&log, IMPORT_PHASE_SEARCH));
	cr_expect(progress_had(&log, IMPORT_PHASE_COMMIT));
	cr_expect_eq(log.phase[log.calls - 1], IMPORT_PHASE_DONE);
	cr_expect_eq(log.done[log.calls - 1], IMPORT_PROGRESS_TOTAL);
	cr_expect_not(log.backwards);
	cr_expect_not(log.wrong_total);
	for (int p = IMPORT_PHASE_READ; p <= IMPORT_PHASE_DONE; p++)
		cr_expect_str_not_empty(import_phase_text(p));
	import_report_free(&rep);
	free(text);
	db_close(db);
}

IMPTEST(progress_stops_at_a_refusal)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	struct progress_log log = {0};
	char *text;

	good_lines();
	good[1].rel = "外星人"; /* not a relation */
	text = file_of(good, 4);
	/* A file with a bad line: the bar is left where it was, no "done". */
	cr_assert_eq(import_households(db, text, strlen(text), false,
	                               progress_cb, &log, &rep, &err),
	             FD_E_CHECK, "%s", err.msg);
	cr_expect_geq(log.calls, 1);
	cr_expect_neq(log.phase[log.calls - 1], IMPORT_PHASE_DONE);
	cr_expect_not(progress_had(&log, IMPORT_PHASE_COMMIT));
	import_report_free(&rep);
	free(text);
	db_close(db);
}

IMPTEST(map_format)
{
	struct fd_err err = {{0}};
	const char ok[] =
	    "# test\n\xEF\xBC\x88X\xEF\xBC\x89 = household.hh_no\n"
	    "id = member.id_number\nignore = 序号\n"
	    "乡 = region.township\n头 = check.head_name\n";

	cr_expect_eq(import_set_map_buffer("m.txt", ok, strlen(ok), &err),
	             FD_OK, "%s", err.msg);
	cr_expect_eq(
	    import_set_map_buffer("m.txt", S("a = member.nope\n"), &err),
	    FD_E_PARSE);
	cr_expect(strstr(err.msg, "m.txt:1:") != NULL, "%s", err.msg);
	cr_expect_eq(import_set_map_buffer("m.txt",
	                                   S("a = household.hh_no\n\nA = "
	                                     "member.id_number\n"),
	                                   &err),
	             FD_E_PARSE);
	cr_expect(strstr(err.msg, "m.txt:3:") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "line 1") != NULL, "%s", err.msg);
	cr_expect_eq(import_set_map_buffer("m.txt", S("no equals\n"), &err),
	             FD_E_PARSE);
	cr_expect_eq(
	    import_set_map_buffer("m.txt", S("a = region.moon\n"), &err),
	    FD_E_PARSE);
	cr_expect_eq(
	    import_set_map_buffer("m.txt", S("a = household.hh_no\n"), &err),
	    FD_E_PARSE);
	cr_expect(strstr(err.msg, "member.id_number") != NULL, "%s", err.msg);
	/* The built-in map loads, and a path that does not exist fails. */
	cr_expect_eq(import_set_map(NULL, &err), FD_OK, "%s", err.msg);
	cr_expect_eq(import_set_map("/nonexistent/map.txt", &err), FD_E_IO);
}

IMPTEST(custom_map_used)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err = {{0}};
	const char map[] = "HH = household.hh_no\nID = member.id_number\n";

	cr_assert_eq(import_set_map_buffer("m.txt", map, strlen(map), &err),
	             FD_OK, "%s", err.msg);
	cr_expect_eq(run_import(db, "户编号,证件号码\n", true, &rep, &err),
	             FD_E_PARSE);
	import_report_free(&rep);
	cr_expect_eq(run_import(db, "hh,id\n", true, &rep, &err), FD_OK, "%s",
	             err.msg);
	import_report_free(&rep);
	db_close(db);
}

IMPTEST(messages_in_chinese)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	char bad[19];
	char *text;

	cr_assert_eq(i18n_load("zh", NULL, &err), FD_OK, "%s", err.msg);
	good_lines();
	memcpy(bad, id_s1, sizeof(bad));
	bad[17] = bad[17] == '1' ? '2' : '1';
	good[1].id = bad;
	good[3].village = "月亮村";
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, true, &rep, &err), FD_E_CHECK);
	cr_expect(has(&rep.problems, "第 3 行：身份证号"), "%s",
	          rep.problems.buf);
	cr_expect(has(&rep.problems, "校验位"), "%s", rep.problems.buf);
	cr_expect(has(&rep.problems, "第 5 行：村："), "%s", rep.problems.buf);
	cr_expect(has(&rep.problems, "区划表中没有"), "%s", rep.problems.buf);
	cr_expect(strstr(err.msg, "4 行中 2 行有误") != NULL, "%s", err.msg);
	import_report_free(&rep);
	free(text);
	cr_expect_eq(import_households(db, S("户编号,姓名\n1,张三\n"), true,
	                               NULL, NULL, &rep, &err),
	             FD_E_PARSE);
	cr_expect(strstr(err.msg, "文件缺少“身份证号”列") != NULL, "%s",
	          err.msg);
	import_report_free(&rep);
	db_close(db);
}

IMPTEST(failed_save_rolls_back_every_household)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	long long audit = count(db, "audit");
	char *text;

	/* Household 1 (lines 2-4) saves, then household 2's head (line 5)
	 * cannot: the whole import is one transaction, so nothing stays. */
	raw_exec("CREATE TRIGGER boom BEFORE INSERT ON member"
	         " WHEN NEW.name = '王五'"
	         " BEGIN SELECT RAISE(ABORT, 'boom'); END");
	good_lines();
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, false, &rep, &err), FD_E_CHECK,
	             "%s", err.msg);
	cr_expect(has(&rep.problems, "line 5: household 6229210002 could not "
	                             "be saved"),
	          "%s", rep.problems.buf);
	cr_expect(has(&rep.problems, "boom"), "%s", rep.problems.buf);
	cr_expect(has(&rep.problems, "nothing was imported"), "%s",
	          rep.problems.buf);
	cr_expect(strstr(err.msg, "nothing was imported") != NULL, "%s",
	          err.msg);
	cr_expect_eq(rep.refused, 1);
	cr_expect_eq(count(db, "household"), 0);
	cr_expect_eq(count(db, "member"), 0);
	cr_expect_eq(count(db, "decision"), 0);
	cr_expect_eq(count(db, "audit"), audit);
	import_report_free(&rep);

	/* Without the trigger the same file imports. */
	raw_exec("DROP TRIGGER boom");
	cr_assert_eq(run_import(db, text, false, &rep, &err), FD_OK, "%s\n%s",
	             err.msg, rep.problems.buf);
	cr_expect_eq(count(db, "member"), 4);
	import_report_free(&rep);
	free(text);
	db_close(db);
}

/* The number of households another connection sees. */
static long long
outside_count(void)
{
	sqlite3 *s = NULL;
	sqlite3_stmt *st = NULL;
	long long n = -1;

	cr_assert_eq(sqlite3_open_v2(dbpath, &s, SQLITE_OPEN_READONLY, NULL),
	             SQLITE_OK);
	if (sqlite3_prepare_v2(s, "SELECT count(*) FROM household", -1, &st,
	                       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(s);
	return n;
}

/* While writing, rebuilding and up to the commit, no other connection
 * sees a household yet. */
static void
outside_cb(void *ud, enum import_phase phase, size_t done, size_t total)
{
	size_t *seen = ud;

	if (phase >= IMPORT_PHASE_WRITE && phase <= IMPORT_PHASE_COMMIT) {
		cr_expect_eq(outside_count(), 0, "visible at %zu of %zu", done,
		             total);
		seen[0]++;
	}
}

IMPTEST(one_transaction_for_the_whole_file)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	size_t seen[1] = {0};
	char *text;

	good_lines();
	text = file_of(good, 4);
	cr_assert_eq(import_households(db, text, strlen(text), false,
	                               outside_cb, seen, &rep, &err),
	             FD_OK, "%s", err.msg);
	cr_expect_geq(seen[0], 1);
	cr_expect_eq(outside_count(), 2);
	import_report_free(&rep);
	free(text);
	db_close(db);
}

IMPTEST(refused_write_on_read_only_session)
{
	struct fd_db *db = open_as("alice");
	struct fd_db *ro;
	struct import_report rep;
	struct fd_err err;
	char *text;

	/* bob is no staff member: his session is read-only. A dry run works,
	 * a real import is refused and writes nothing. */
	ro = open_as("bob");
	cr_assert(db_read_only(ro));
	good_lines();
	text = file_of(good, 4);
	cr_expect_eq(run_import(ro, text, true, &rep, &err), FD_OK, "%s",
	             err.msg);
	import_report_free(&rep);
	cr_expect_eq(run_import(ro, text, false, &rep, &err), FD_E_READONLY,
	             "%s", err.msg);
	import_report_free(&rep);
	cr_expect_eq(count(db, "household"), 0);
	free(text);
	db_close(ro);
	db_close(db);
}

/* The number of households search finds for q. */
static size_t
found(struct fd_db *db, const char *q)
{
	struct search_result r = {0};
	struct fd_err err = {{0}};
	size_t n;

	cr_assert_eq(search_households(db, q, 10, &r, &err), FD_OK, "%s",
	             err.msg);
	n = r.n;
	search_result_free(&r);
	return n;
}

IMPTEST(search_finds_what_was_imported)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	char *text;

	/* Into an empty database the search indexes are rebuilt once at the
	 * end (search_bulk_*), in the import's transaction. */
	import_good(db);
	cr_expect_eq(found(db, "张小三"), 1);
	cr_expect_eq(found(db, "王五"), 1);
	cr_expect_eq(query_int(db, "SELECT count(*) FROM audit WHERE entity ="
	                           " 'search_state' AND note = 'import'"),
	             2);
	cr_expect_eq(query_int(db, "SELECT deferred FROM search_state"), 0);

	/* A small import into a larger database keeps them row by row. */
	good[2].name = "张晓三";
	text = file_of(good, 4);
	cr_assert_eq(run_import(db, text, false, &rep, &err), FD_OK, "%s\n%s",
	             err.msg, rep.problems.buf);
	cr_expect_eq(rep.updated, 1);
	cr_expect_eq(found(db, "张晓三"), 1);
	cr_expect_eq(found(db, "张小三"), 0);
	cr_expect_eq(query_int(db, "SELECT count(*) FROM audit WHERE entity ="
	                           " 'search_state'"),
	             2);
	import_report_free(&rep);
	free(text);
	db_close(db);
}

IMPTEST(new_household_into_a_database_that_has_some)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct fd_err err;
	char *first, *second;

	/* One household stored, then a file with one new household: it goes
	 * the bulk path while the search upkeep still runs row by row, so
	 * FTS5 writes its pending terms out as the insert ends (a statement
	 * SQLite prepares by itself). That write was denied ("authorization
	 * denied": the door closed under the running insert), and no file
	 * could add a household to a database that had one (the tests that
	 * did so imported on the connection that had already prepared it). */
	good_lines();
	first = file_of(good, 3);
	second = file_of(good + 3, 1);
	cr_assert_eq(run_import(db, first, false, &rep, &err), FD_OK, "%s",
	             err.msg);
	import_report_free(&rep);
	/* A new connection, as a new run of the program: FTS5 prepares its
	 * writes once per connection, the first time it needs them. */
	db_close(db);
	db = open_as("alice");
	cr_assert_eq(run_import(db, second, false, &rep, &err), FD_OK,
	             "%s\n%s", err.msg, rep.problems.buf);
	cr_expect_eq(rep.hh_added, 1);
	import_report_free(&rep);
	cr_expect_eq(found(db, "王五"), 1);
	cr_expect_eq(found(db, "张小三"), 1);
	free(first);
	free(second);
	db_close(db);
}

/* ---- the bulk path against the careful one ---------------------------- */

/* Append s to sb with the value of its timestamp lines ("at=",
 * "created_at=", "updated_at=": the time of the save) masked, and s
 * itself if it is a timestamp (2026-01-02T03:04:05.678Z). */
static void
mask_times(struct strbuf *sb, const char *s)
{
	static const char *const keys[] = {"at=", "created_at=",
	                                   "updated_at="};

	if (strlen(s) == 24 && s[10] == 'T' && s[23] == 'Z') {
		strbuf_adds(sb, "T");
		return;
	}
	while (*s) {
		size_t n = strcspn(s, "\n");
		bool masked = false;

		for (size_t k = 0; k < 3 && !masked; k++) {
			size_t kl = strlen(keys[k]);

			if (n >= kl && strncmp(s, keys[k], kl) == 0) {
				strbuf_add(sb, s, kl);
				strbuf_adds(sb, "T");
				masked = true;
			}
		}
		if (!masked)
			strbuf_add(sb, s, n);
		s += n;
		if (*s)
			strbuf_add(sb, s++, 1);
	}
}

/* The rows of sql on db as text, every column but those named in skip
 * (timestamps) and with timestamp lines masked. */
static void
dump_rows(struct strbuf *sb, struct fd_db *db, const char *sql,
          const char *skip)
{
	sqlite3_stmt *st = NULL;

	cr_assert_eq(sqlite3_prepare_v2(db_sqlite(db), sql, -1, &st, NULL),
	             SQLITE_OK, "%s", sql);
	strbuf_addf(sb, "== %s\n", sql);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int c = 0; c < sqlite3_column_count(st); c++) {
			const char *name = sqlite3_column_name(st, c);
			const char *v = (const char *)sqlite3_column_text(st, c);

			if (strstr(skip, name))
				continue;
			strbuf_addf(sb, "%s=", name);
			if (v)
				mask_times(sb, v);
			else
				strbuf_adds(sb, "NULL");
			strbuf_adds(sb, "|");
		}
		strbuf_adds(sb, "\n");
	}
	sqlite3_finalize(st);
}

/* What a database holds after an import, as text to compare: households,
 * members, decisions and audit rows (timestamps masked), and what search
 * finds for a few queries. The FTS indexes must agree with the tables.
 * Caller frees. */
static char *
dump_db(struct fd_db *db)
{
	static const char *const queries[] = {
	    "张", "张小三", "李四", "王五", "韩集", "阳洼", "6229210", "0003",
	    "1990",
	};
	struct strbuf sb = {0};

	dump_rows(&sb, db, "SELECT * FROM household ORDER BY id",
	          " created_at updated_at ");
	dump_rows(&sb, db, "SELECT * FROM member ORDER BY id",
	          " created_at updated_at ");
	dump_rows(&sb, db, "SELECT * FROM decision ORDER BY id", " at ");
	dump_rows(&sb, db,
	          "SELECT * FROM audit WHERE entity <> 'staff' ORDER BY id",
	          " at ");
	dump_rows(&sb, db, "SELECT * FROM search_state", "");
	for (size_t i = 0; i < FD_ARRAY_LEN(queries); i++) {
		struct search_result r = {0};
		struct fd_err err = {{0}};

		cr_assert_eq(search_households(db, queries[i], 50, &r, &err),
		             FD_OK, "%s", err.msg);
		strbuf_addf(&sb, "search %s:", queries[i]);
		for (size_t k = 0; k < r.n; k++)
			strbuf_addf(&sb, " %lld/%d/%lld/%s",
			            (long long)r.v[k].household_id, r.v[k].match,
			            (long long)r.v[k].member_id, r.v[k].matched);
		strbuf_adds(&sb, "\n");
		search_result_free(&r);
	}
	raw_exec("INSERT INTO search_name(search_name, rank)"
	         " VALUES('integrity-check', 1)");
	raw_exec("INSERT INTO search_id(search_id, rank)"
	         " VALUES('integrity-check', 1)");
	raw_exec("INSERT INTO search_hh(search_hh, rank)"
	         " VALUES('integrity-check', 1)");
	return strbuf_take(&sb);
}

/* More ID numbers: 李四 of household 3, 张小三 of household 4, 赵六. */
static char id_h3[19], id_h4[19], id_h5[19];

/* Household 3 (阳洼村 of 土桥镇, as household 1): a head named as
 * household 1's spouse (likely duplicate: same name, same village),
 * healthy, 35 and without labour (rule 8). Household 4 (韩集村): a head
 * named and born as household 1's son (likely duplicate: name and birth
 * date). Household 5: nothing alike. */
static struct mline more[3];

static void
more_lines(void)
{
	struct mline m[3] = {
	    {.hh = "6229210003", .head = "李四", .town = "土桥镇",
	     .village = "阳洼村", .attr = "一般贫困户", .cause = "因学",
	     .id = id_h3, .name = "李四", .rel = "户主", .eth = "汉族",
	     .edu = "小学", .school = "非在校生", .health = "健康",
	     .labour = "无劳动力"},
	    {.hh = "6229210004", .head = "张小三", .town = "韩集镇",
	     .village = "韩集村", .attr = "一般贫困户", .cause = "因病",
	     .id = id_h4, .name = "张小三", .rel = "户主", .eth = "汉族",
	     .edu = "", .school = "初中", .health = "健康"},
	    {.hh = "6229210005", .head = "赵六", .town = "韩集镇",
	     .village = "韩集村", .attr = "低保贫困户", .cause = "因残",
	     .id = id_h5, .name = "赵六", .rel = "户主", .eth = "回族",
	     .edu = "初中", .school = "非在校生", .health = "残疾",
	     .labour = "丧失劳动力", .mphone = "13900000005"},
	};

	make_id(id_h3, "19900505", "063");
	make_id(id_h4, "20100303", "074");
	make_id(id_h5, "19750606", "085");
	memcpy(more, m, sizeof(m));
}

/* Import text into a new database at tmpdir/name, starting from the file
 * start (NULL: empty), the bulk path on or off; returns the dump, and the
 * report's counts and texts in *summary. Caller frees both. */
static char *
import_into(const char *name, const char *start, const char *text, bool bulk,
            char **summary)
{
	struct import_report rep;
	struct fd_err err;
	struct fd_db *db;
	char *dump;

	snprintf(dbpath, sizeof(dbpath), "%s/%s", tmpdir, name);
	db = open_as("alice");
	if (start) {
		import_set_bulk(true);
		cr_assert_eq(run_import(db, start, false, &rep, &err), FD_OK,
		             "%s\n%s", err.msg, rep.problems.buf);
		import_report_free(&rep);
	}
	import_set_bulk(bulk);
	cr_assert_eq(run_import(db, text, false, &rep, &err), FD_OK, "%s\n%s",
	             err.msg, rep.problems.buf);
	*summary = xasprintf("added %zu updated %zu unchanged %zu warned %zu\n"
	                     "%s",
	                     rep.added, rep.updated, rep.unchanged, rep.warned,
	                     rep.warnings.buf ? rep.warnings.buf : "");
	import_report_free(&rep);
	import_set_bulk(true);
	dump = dump_db(db);
	db_close(db);
	return dump;
}

IMPTEST(bulk_and_careful_give_the_same_database)
{
	struct mline all[7];
	char *text, *bulk, *careful, *sum_bulk, *sum_careful;

	good_lines();
	more_lines();
	memcpy(all, good, sizeof(good));
	memcpy(all + 4, more, sizeof(more));
	all[6].labour = "无劳动力"; /* 赵六: disabled, so no rule 8 */
	text = file_of(all, 7);
	bulk = import_into("bulk.db", NULL, text, true, &sum_bulk);
	careful = import_into("careful.db", NULL, text, false, &sum_careful);
	cr_expect_str_eq(sum_bulk, sum_careful);
	cr_expect_str_eq(bulk, careful);
	/* The file's warnings were found and recorded by both paths: rule 8
	 * and the two likely duplicates. */
	cr_expect(strstr(sum_bulk, "added 12 ") != NULL, "%s", sum_bulk);
	cr_expect(strstr(bulk, "kind=not_duplicate|rule=likely_dup") != NULL,
	          "%s", bulk);
	cr_expect(strstr(bulk, "kind=warning_accepted|rule=rule8") != NULL,
	          "%s", bulk);
	cr_expect(strstr(sum_bulk, "warned 2") != NULL, "%s", sum_bulk);
	free(text);
	free(bulk);
	free(careful);
	free(sum_bulk);
	free(sum_careful);
}

IMPTEST(bulk_and_careful_agree_on_a_file_mixing_new_and_stored)
{
	struct mline all[6];
	char *start, *text, *bulk, *careful, *sum_bulk, *sum_careful, *again;
	struct import_report rep;
	struct fd_err err;
	struct fd_db *db;
	long long audit;

	/* Stored: households 1 and 2. The file: household 1 with a new
	 * phone (an update), household 2 as stored, households 3 (a likely
	 * duplicate of a stored member), 4 and 5 new. */
	good_lines();
	more_lines();
	start = file_of(good, 4);
	memcpy(all, good, 3 * sizeof(*good));
	all[0].phone = all[1].phone = all[2].phone = "13800000009";
	all[3] = good[3];
	memcpy(all + 4, more, 2 * sizeof(*more));
	all[4].labour = "普通劳动力";
	text = file_of(all, 6);
	bulk = import_into("bulk.db", start, text, true, &sum_bulk);
	careful = import_into("careful.db", start, text, false, &sum_careful);
	cr_expect_str_eq(sum_bulk, sum_careful);
	cr_expect_str_eq(bulk, careful);
	cr_expect(strstr(sum_bulk, "added 4 updated 1 unchanged 5 warned 2")
	              != NULL,
	          "%s", sum_bulk);

	/* Again: nothing changes, not even the audit table. */
	snprintf(dbpath, sizeof(dbpath), "%s/bulk.db", tmpdir);
	db = open_as("alice");
	audit = count(db, "audit");
	cr_assert_eq(run_import(db, text, false, &rep, &err), FD_OK, "%s",
	             err.msg);
	cr_expect_eq(rep.added + rep.updated, 0);
	cr_expect_eq(count(db, "audit"), audit);
	again = dump_db(db);
	cr_expect_str_eq(again, bulk);
	import_report_free(&rep);
	db_close(db);
	free(again);
	free(start);
	free(text);
	free(bulk);
	free(careful);
	free(sum_bulk);
	free(sum_careful);
}

/* The cell of CSV text at (row, col) of the data (row 0: the first line
 * after the header), as a reader sees it. Caller frees. */
static char *
cell_at(const char *text, size_t row, const char *header)
{
	struct csv_reader *r = csv_open(text, strlen(text));
	struct fd_err err;
	char **f, *v = NULL;
	size_t n, col = (size_t)-1;

	cr_assert_eq(csv_next(r, &f, &n, &err), FD_OK, "%s", err.msg);
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i] + (i == 0 && strncmp(f[i], "\xEF\xBB\xBF", 3) == 0
		                       ? 3
		                       : 0),
		           header) == 0)
			col = i;
	cr_assert_neq(col, (size_t)-1, "no column %s", header);
	for (size_t i = 0; i <= row; i++)
		cr_assert_eq(csv_next(r, &f, &n, &err), FD_OK, "%s", err.msg);
	cr_assert(col < n);
	v = strdup(f[col]);
	csv_close(r);
	return v;
}

/* Export: a cell a spreadsheet would run as a formula (CSV injection) is
 * text behind a ', a long digit string (ID number, bank account) is
 * Excel's ="..." so it is not rounded, a leading ' is doubled; and the
 * file still imports back unchanged (the import drops the ' and reads
 * ="..."). */
IMPTEST(export_neutralises_formulas_and_keeps_long_digits)
{
	struct fd_db *db = open_as("alice");
	struct import_report rep;
	struct household h;
	struct strbuf out = {0};
	struct fd_err err;
	struct fd_txn *t;
	char today[11], *v;
	long long audit;

	import_good(db);
	util_today(today);
	household_init(&h);
	cr_assert_eq(household_load(db, household_id_by_no(db, "6229210001"), &h,
	                            &err),
	             FD_OK, "%s", err.msg);
	record_set(h.members[0], MEM_NAME, "=HYPERLINK(\"http://x\",\"点\")");
	record_set(h.members[1], MEM_NAME, "@李四");
	record_set(h.members[2], MEM_NAME, "'张小三");
	record_set(h.hh, HH_BANK_ACCOUNT, "6228480402564890018");
	cr_assert_eq(txn_begin(db, &t, &err), FD_OK, "%s", err.msg);
	cr_assert_eq(household_save_accepting_in(t, &h, today, NULL, NULL, &err),
	             FD_OK, "%s", err.msg);
	cr_assert_eq(txn_commit(t, &err), FD_OK, "%s", err.msg);
	household_clear(&h);

	cr_assert_eq(export_csv(db, "members", &out, &err), FD_OK, "%s",
	             err.msg);
	v = cell_at(out.buf, 0, "姓名");
	cr_expect_str_eq(v, "'=HYPERLINK(\"http://x\",\"点\")");
	free(v);
	v = cell_at(out.buf, 1, "姓名");
	cr_expect_str_eq(v, "'@李四");
	free(v);
	v = cell_at(out.buf, 2, "姓名");
	cr_expect_str_eq(v, "''张小三");
	free(v);
	v = cell_at(out.buf, 0, "银行账号");
	cr_expect_str_eq(v, "=\"6228480402564890018\"");
	free(v);
	v = cell_at(out.buf, 0, "证件号码");
	cr_expect(v[0] == '=' || strchr(v, 'X'), "%s", v);
	free(v);

	audit = count(db, "audit");
	cr_assert_eq(import_households(db, out.buf, out.len, false, NULL, NULL,
	                               &rep, &err),
	             FD_OK, "%s\n%s", err.msg, rep.problems.buf);
	cr_expect_eq(rep.updated, 0, "%s", out.buf);
	cr_expect_eq(rep.unchanged, 6);
	cr_expect_eq(count(db, "audit"), audit);
	import_report_free(&rep);
	strbuf_free(&out);
	db_close(db);
}
