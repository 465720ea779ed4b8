/*
 * Unit tests of the code lists and the region table: the embedded assets
 * load and hold what the rules rely on, look-ups work in both languages,
 * and every kind of bad line is refused naming its file and line.
 *
 * Each test is its own process (Criterion forks), so the loaded tables
 * start empty every time; tests that write files use their own mkdtemp
 * directory.
 */
#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "frontdesk/assets.h"
#include "frontdesk/codes.h"
#include "frontdesk/util.h"

static char cdir[64];

/* Load the embedded tables; the test fails if that fails. */
static void
codes_setup(void)
{
	struct fd_err err = {{0}};

	cr_assert_eq(codes_load(NULL, NULL, &err), FD_OK, "%s", err.msg);
}

/* Drop the tables. */
static void
codes_teardown(void)
{
	codes_free();
}

/* Make the test's temporary directory. */
static void
codes_dir_setup(void)
{
	fd_strlcpy(cdir, "/tmp/fd_test_codes.XXXXXX", sizeof(cdir));
	cr_assert_not_null(mkdtemp(cdir));
}

/* Remove one file or directory (nftw callback). */
static int
codes_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Remove the test's directory and the tables. */
static void
codes_dir_teardown(void)
{
	codes_free();
	nftw(cdir, codes_rm, 8, FTW_DEPTH | FTW_PHYS);
}

/* Write text to cdir/name; returns the path. Caller frees. */
static char *
codes_write(const char *name, const char *text, size_t len)
{
	char *path = xasprintf("%s/%s", cdir, name);
	FILE *f = fopen(path, "wb");

	cr_assert_not_null(f);
	cr_assert_eq(fwrite(text, 1, len, f), len);
	fclose(f);
	return path;
}

/* The embedded asset name as a string, with from replaced by to (once).
 * Caller frees. */
static char *
codes_asset_edit(const char *name, const char *from, const char *to)
{
	const struct fd_asset *a = assets_find(name);
	const char *s = (const char *)a->data;
	const char *at = strstr(s, from);

	cr_assert_not_null(at, "%s not in %s", from, name);
	return xasprintf("%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
}

TestSuite(codes, .init = codes_setup, .fini = codes_teardown);

Test(codes, embedded_lists_present)
{
	static const char *const names[] = {
	    "relation",    "sex",      "ethnicity",   "education", "school",
	    "health",      "labour",   "work_status", "attribute", "cause",
	    "other_cause", "standard", "exit_status", "yes_no"};
	const struct code_list *l;

	for (size_t i = 0; i < FD_ARRAY_LEN(names); i++) {
		l = codes_list(names[i]);
		cr_assert_not_null(l, "%s", names[i]);
		cr_assert_gt(l->n, 1, "%s", names[i]);
		cr_assert_str_eq(l->name, names[i]);
		cr_assert_not_null(l->version);
	}
	cr_assert_null(codes_list("nosuch"));
	cr_assert_null(codes_list(NULL));

	l = codes_list("relation");
	cr_assert_eq(l->n, 22);
	cr_assert_str_eq(l->items[0].code, CODES_RELATION_HEAD);
	cr_assert_str_eq(l->items[0].label_zh, "户主");
	cr_assert_str_eq(l->items[1].code, CODES_RELATION_SPOUSE);
	cr_assert_str_eq(l->items[1].label_zh, "配偶");
	cr_assert_str_eq(l->items[21].label_zh, "其他");
	cr_assert_str_eq(l->version, "2019");

	l = codes_list("ethnicity");
	cr_assert_eq(l->n, 58);
	cr_assert_str_eq(codes_label("ethnicity", "01"), "汉族");
	cr_assert_str_eq(codes_label("ethnicity", "03"), "回族");
	cr_assert_str_eq(codes_label("ethnicity", "26"), "东乡族");
	cr_assert_str_eq(codes_label("ethnicity", "35"), "撒拉族");
	cr_assert_str_eq(codes_label("ethnicity", "47"), "保安族");
	cr_assert_str_eq(codes_label("ethnicity", "56"), "基诺族");
	cr_assert_str_eq(codes_label("ethnicity", "97"), "其他");

	cr_assert_str_eq(codes_label("school", CODES_SCHOOL_NONE), "非在校生");
	cr_assert_str_eq(codes_label("health", CODES_HEALTH_HEALTHY), "健康");
	cr_assert_str_eq(codes_label("labour", CODES_LABOUR_LOST),
	                 "丧失劳动力");
	cr_assert_str_eq(codes_label("labour", CODES_LABOUR_NONE), "无劳动力");
	cr_assert_str_eq(codes_label("sex", CODES_SEX_MALE), "男");
	cr_assert_str_eq(codes_label("sex", CODES_SEX_FEMALE), "女");
	cr_assert_str_eq(codes_label("yes_no", CODES_YES), "是");
	cr_assert_str_eq(codes_label("yes_no", CODES_NO), "否");
}

Test(codes, marriage_only_an_other_cause)
{
	cr_assert_eq(codes_list("cause")->n, 12);
	cr_assert_eq(codes_list("other_cause")->n, 13);
	cr_assert_null(codes_find("cause", "因婚"));
	cr_assert_str_eq(codes_find("other_cause", "因婚"), "13");
	for (size_t i = 0; i < codes_list("cause")->n; i++) {
		const struct code_item *it = &codes_list("cause")->items[i];

		cr_assert_str_eq(codes_label("other_cause", it->code),
		                 it->label_zh);
	}
}

Test(codes, labels_both_languages)
{
	const struct code_list *l = codes_list("relation");

	cr_assert_str_eq(codes_label("relation", "01"), "户主");
	cr_assert_str_eq(code_item_label(&l->items[0]), "户主");
	codes_set_english(true);
	cr_assert_str_eq(codes_label("relation", "01"), "Head of household");
	cr_assert_str_eq(code_item_label(&l->items[1]), "Spouse");
	cr_assert_str_eq(codes_label("exit_status", "04"),
	                 "Fell back into poverty");
	codes_set_english(false);
	cr_assert_str_eq(codes_label("exit_status", "04"), "返贫");
	cr_assert_null(codes_label("relation", "99"));
	cr_assert_null(codes_label("relation", NULL));
	cr_assert_null(codes_label("nosuch", "01"));
	cr_assert_null(code_item_label(NULL));
	/* Every item of every list has both labels. */
	for (const char *const *n =
	         (const char *const[]){"relation", "ethnicity", "work_status",
	                               NULL};
	     *n; n++) {
		l = codes_list(*n);
		for (size_t i = 0; i < l->n; i++) {
			cr_assert_gt(strlen(l->items[i].label_zh), 0);
			cr_assert_gt(strlen(l->items[i].label_en), 0);
		}
	}
}

Test(codes, find_by_code_and_label)
{
	cr_assert_str_eq(codes_find("relation", "01"), "01");
	cr_assert_str_eq(codes_find("relation", "配偶"), "02");
	cr_assert_str_eq(codes_find("relation", " 之女 "), "04");
	cr_assert_str_eq(codes_find("relation", "Spouse"), "02");
	cr_assert_str_eq(codes_find("relation", "head of HOUSEHOLD"), "01");
	cr_assert_str_eq(codes_find("cause", "因病"), "01");
	cr_assert_str_eq(codes_find("attribute", "低保贫困户"), "02");
	cr_assert_str_eq(codes_find("exit_status", "已脱贫(享受政策)"), "02");
	cr_assert_str_eq(codes_find("ethnicity", "Dongxiang"), "26");
	cr_assert_str_eq(codes_find("sex", "女"), "2");
	cr_assert_str_eq(codes_find("yes_no", "是"), "1");
	cr_assert_null(codes_find("relation", "之妻"));
	cr_assert_null(codes_find("relation", ""));
	cr_assert_null(codes_find("relation", NULL));
	cr_assert_null(codes_find("nosuch", "01"));
	/* The pointer is the stored code. */
	cr_assert_eq(codes_find("relation", "户主"),
	             codes_list("relation")->items[0].code);
}

Test(codes, region_of_id)
{
	const struct region *r = region_of_id("622921199001011234");

	cr_assert_not_null(r);
	cr_assert_str_eq(r->code, "622921");
	cr_assert_str_eq(r->name, "临夏县");
	cr_assert_eq(r->level, REGION_COUNTY);
	cr_assert_str_eq(r->parent->code, "622900");
	cr_assert_str_eq(r->parent->name, "临夏回族自治州");
	cr_assert_eq(r->parent->level, REGION_PREFECTURE);
	cr_assert_str_eq(r->parent->parent->name, "甘肃省");
	cr_assert_null(r->parent->parent->parent);

	r = region_of_id("11010519491231002X");
	cr_assert_not_null(r);
	cr_assert_str_eq(r->name, "朝阳区");
	cr_assert_str_eq(r->parent->code, "110000");

	/* The abolished 440524 is not in the table: its prefecture. */
	cr_assert_null(region_find("440524"));
	r = region_of_id("440524188001010014");
	cr_assert_not_null(r);
	cr_assert_str_eq(r->code, "440500");

	cr_assert_str_eq(region_of_id("350203198001010011")->name, "思明区");
	cr_assert_str_eq(region_of_id("350299198001010011")->name, "厦门市");
	cr_assert_str_eq(region_of_id("359999198001010011")->name, "福建省");
	cr_assert_null(region_of_id("990101198001010011"));
	cr_assert_null(region_of_id("62292"));
	cr_assert_null(region_of_id("62x921199001011234"));
	cr_assert_null(region_of_id(NULL));
}

Test(codes, region_find_levels)
{
	cr_assert_eq(region_find("620000")->level, REGION_PROVINCE);
	cr_assert_eq(region_find("350200")->level, REGION_PREFECTURE);
	cr_assert_eq(region_find("622927")->level, REGION_COUNTY);
	cr_assert_str_eq(region_find("622927")->name,
	                 "积石山保安族东乡族撒拉族自治县");
	cr_assert_eq(region_find("622921100")->level, REGION_TOWNSHIP);
	cr_assert_str_eq(region_find("622921100")->name, "韩集镇");
	cr_assert_eq(region_find("622921100201")->level, REGION_VILLAGE);
	cr_assert_str_eq(region_find("622921100201")->parent->code,
	                 "622921100");
	cr_assert_null(region_find("62"));
	cr_assert_null(region_find(NULL));
}

Test(codes, region_children_in_order)
{
	size_t n;
	const struct region **v = region_children(NULL, &n);

	cr_assert_eq(n, 4);
	cr_assert_str_eq(v[0]->code, "110000");
	cr_assert_str_eq(v[1]->code, "350000");
	cr_assert_str_eq(v[2]->code, "440000");
	cr_assert_str_eq(v[3]->code, "620000");
	free(v);

	v = region_children(region_find("622900"), &n);
	cr_assert_eq(n, 8);
	cr_assert_str_eq(v[0]->name, "临夏市");
	cr_assert_str_eq(v[1]->name, "临夏县");
	cr_assert_str_eq(v[7]->code, "622927");
	for (size_t i = 1; i < n; i++)
		cr_assert_lt(strcmp(v[i - 1]->code, v[i]->code), 0);
	free(v);

	v = region_children(region_find("620000"), &n);
	cr_assert_eq(n, 14, "Gansu has 14 prefecture-level units");
	free(v);
	v = region_children(region_find("350000"), &n);
	cr_assert_eq(n, 9, "Fujian has 9 prefecture-level cities");
	free(v);

	v = region_children(region_find("110000"), &n);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(v[0]->code, "110105");
	free(v);

	v = region_children(region_find("622921"), &n);
	cr_assert_eq(n, 25);
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(v[i]->level, REGION_TOWNSHIP);
	free(v);

	v = region_children(region_find("622921100201"), &n);
	cr_assert_eq(n, 0);
	cr_assert_null(v);
}

Test(codes, enough_villages_for_the_demo)
{
	size_t n, with = 0;
	const struct region **t = region_search(REGION_TOWNSHIP, NULL, &n);
	const struct region **v;

	for (size_t i = 0; i < n; i++) {
		size_t k;

		v = region_children(t[i], &k);
		if (k) {
			cr_assert(k >= 5 && k <= 15, "%s has %zu villages",
			          t[i]->name, k);
			with++;
		}
		free(v);
	}
	free(t);
	cr_assert_geq(with, 15);
	v = region_search(REGION_VILLAGE, "", &n);
	cr_assert_geq(n, 100);
	free(v);
}

Test(codes, region_search_by_name_part)
{
	size_t n;
	const struct region **v = region_search(REGION_VILLAGE, "团结", &n);

	cr_assert_geq(n, 3);
	for (size_t i = 0; i < n; i++) {
		cr_assert_eq(v[i]->level, REGION_VILLAGE);
		cr_assert_not_null(strstr(v[i]->name, "团结"));
		if (i)
			cr_assert_lt(strcmp(v[i - 1]->code, v[i]->code), 0);
	}
	free(v);

	v = region_search(REGION_ANY, "临夏", &n);
	cr_assert_eq(n, 3); /* 临夏回族自治州, 临夏市, 临夏县 */
	cr_assert_str_eq(v[0]->code, "622900");
	free(v);

	v = region_search(REGION_COUNTY, "临夏", &n);
	cr_assert_eq(n, 2);
	free(v);

	v = region_search(REGION_VILLAGE, "没有这个村", &n);
	cr_assert_eq(n, 0);
	cr_assert_null(v);
}

Test(codes, region_path)
{
	char *p = region_path("622921100201");

	cr_assert_str_eq(p, "甘肃省 临夏回族自治州 临夏县 韩集镇 韩集村");
	free(p);
	p = region_path("110105");
	cr_assert_str_eq(p, "北京市 朝阳区");
	free(p);
	p = region_path("620000");
	cr_assert_str_eq(p, "甘肃省");
	free(p);
	cr_assert_null(region_path("440524"));
	cr_assert_null(region_path(NULL));
}

Test(codes, failed_load_keeps_tables)
{
	struct fd_err err = {{0}};
	const struct code_list *l = codes_list("relation");
	const struct region *r = region_find("622921");

	cr_assert_eq(codes_load_buffer("bad.txt", "junk\n", 5, &err),
	             FD_E_PARSE);
	cr_assert_eq(regions_load_buffer("bad.txt", "junk\n", 5, &err),
	             FD_E_PARSE);
	cr_assert_eq(codes_load("/nonexistent/codes.txt", NULL, &err), FD_E_IO);
	cr_assert_eq(codes_list("relation"), l);
	cr_assert_eq(region_find("622921"), r);
	cr_assert_str_eq(r->name, "临夏县");
}

Test(codes, buffer_loads_replace_one_table)
{
	struct fd_err err = {{0}};
	const char *regions = "350000 | 福建省\n350200 | 厦门市\n";

	cr_assert_eq(
	    regions_load_buffer("r.txt", regions, strlen(regions), &err), FD_OK,
	    "%s", err.msg);
	cr_assert_null(region_find("622921"));
	cr_assert_str_eq(region_find("350200")->parent->name, "福建省");
	cr_assert_not_null(codes_list("relation"));
}

Test(codes, regions_any_order_bom_crlf)
{
	struct fd_err err = {{0}};
	const char *text = "\xEF\xBB\xBF# 注释\r\n"
	                   "622921100201 | 韩集村\r\n"
	                   "  622921100 |韩集镇  \r\n"
	                   "\r\n"
	                   "622921|临夏县\r\n"
	                   "622900 | 临夏回族自治州\r\n"
	                   "620000 | 甘肃省";
	char *p;

	cr_assert_eq(regions_load_buffer("r.txt", text, strlen(text), &err),
	             FD_OK, "%s", err.msg);
	p = region_path("622921100201");
	cr_assert_str_eq(p, "甘肃省 临夏回族自治州 临夏县 韩集镇 韩集村");
	free(p);
}

Test(codes, from_files, .init = codes_dir_setup, .fini = codes_dir_teardown)
{
	struct fd_err err = {{0}};
	char *ctext = codes_asset_edit("codes.txt", "| 之女婿 |", "| 女婿 |");
	char *rtext = codes_asset_edit("regions.txt", "| 韩集村", "| 韩集一村");
	const char *bad = "620000 | 甘肃省\n620100\n";
	char *c = codes_write("codes.txt", ctext, strlen(ctext));
	char *r = codes_write("regions.txt", rtext, strlen(rtext));

	cr_assert_eq(codes_load(c, r, &err), FD_OK, "%s", err.msg);
	cr_assert_str_eq(codes_label("relation", "06"), "女婿");
	cr_assert_str_eq(region_find("622921100201")->name, "韩集一村");
	/* "" is the built-in table, as in the configuration. */
	cr_assert_eq(codes_load("", "", &err), FD_OK, "%s", err.msg);
	cr_assert_str_eq(codes_label("relation", "06"), "之女婿");
	/* A bad regions file leaves both tables alone. */
	free(r);
	r = codes_write("bad.txt", bad, strlen(bad));
	cr_assert_eq(codes_load(c, r, &err), FD_E_PARSE);
	cr_assert(strstr(err.msg, "bad.txt:2:"), "%s", err.msg);
	cr_assert_str_eq(codes_label("relation", "06"), "之女婿");
	cr_assert_eq(codes_load(c, cdir, &err), FD_E_IO);
	cr_assert(strstr(err.msg, "not a regular file"), "%s", err.msg);
	free(ctext);
	free(rtext);
	free(c);
	free(r);
}

/* One bad input and where its error must point. */
struct bad_case {
	const char *text;
	const char *where; /* "t.txt:N:" */
	const char *says;  /* a word of the message */
};

/* Check that every case fails with FD_E_PARSE naming its line. */
static void
codes_expect_errors(const struct bad_case *cases, size_t n, int regions)
{
	for (size_t i = 0; i < n; i++) {
		struct fd_err err = {{0}};
		size_t len = strlen(cases[i].text);
		enum fd_status st =
		    regions
		        ? regions_load_buffer("t.txt", cases[i].text, len, &err)
		        : codes_load_buffer("t.txt", cases[i].text, len, &err);

		cr_assert_eq(st, FD_E_PARSE, "case %zu passed", i);
		cr_assert_eq(
		    strncmp(err.msg, cases[i].where, strlen(cases[i].where)), 0,
		    "case %zu: %s", i, err.msg);
		cr_assert_not_null(strstr(err.msg, cases[i].says),
		                   "case %zu: %s", i, err.msg);
		cr_assert_null(strchr(err.msg, '\n'), "case %zu", i);
	}
}

Test(codes, malformed_code_lines)
{
	static const struct bad_case cases[] = {
	    {"01 | 户主 | Head\n", "t.txt:1:", "before the first section"},
	    {"# c\n[lst relation 2019]\n", "t.txt:2:", "[list NAME VERSION]"},
	    {"[list relation 2019\n", "t.txt:1:", "ends with ]"},
	    {"[list relation]\n", "t.txt:1:", "[list NAME VERSION]"},
	    {"[list relation 2019 x]\n", "t.txt:1:", "[list NAME VERSION]"},
	    {"[list Relation 2019]\n", "t.txt:1:", "lower-case"},
	    {"[list 1rel 2019]\n", "t.txt:1:", "starting with a letter"},
	    {"[list rel 20|19]\n", "t.txt:1:", "version"},
	    {"[list rel 2019]\n01 | 户主\n", "t.txt:2:", "found 2"},
	    {"[list rel 2019]\n01 | 户主 | Head | x\n", "t.txt:2:", "found 4"},
	    {"[list rel 2019]\n\n0 1 | 户主 | Head\n", "t.txt:3:", "code"},
	    {"[list rel 2019]\n | 户主 | Head\n", "t.txt:2:", "code"},
	    {"[list rel 2019]\n01 |  | Head\n", "t.txt:2:", "Chinese label"},
	    {"[list rel 2019]\n01 | 户主 |\n", "t.txt:2:", "English label"},
	    {"[list rel 2019]\n01 | 户\t主 | Head\n", "t.txt:2:", "control"},
	    {"[list rel 2019]\n01 | 户主 | Head\n01 | 配偶 | Spouse\n",
	     "t.txt:3:", "line 2"},
	    {"[list rel 2019]\n01 | 户主 | Head\n02 | 户主 | Spouse\n",
	     "t.txt:3:", "Chinese label"},
	    {"[list rel 2019]\n01 | 户主 | Head\n02 | 配偶 | HEAD\n",
	     "t.txt:3:", "English label"},
	    {"[list rel 2019]\n[list sex 1]\n1 | 男 | Male\n",
	     "t.txt:1:", "no items"},
	    {"[list sex 1]\n1 | 男 | Male\n[list rel 2019]\n# end\n",
	     "t.txt:3:", "no items"},
	    {"[list sex 1]\n1 | 男 | Male\n[list sex 2]\n",
	     "t.txt:3:", "twice"},
	    {"[list sex 1]\n1 | \xe7\x94 | Male\n", "t.txt:2:", "UTF-8"},
	    {"[list sex 1]\n1 | 男 | Male\n2 | \xff | F\n",
	     "t.txt:3:", "UTF-8"},
	    {"[list sex 1]\n1 | 男 | Male\n", "t.txt:", "missing"},
	    {"", "t.txt:", "missing"},
	};

	codes_expect_errors(cases, FD_ARRAY_LEN(cases), 0);
}

Test(codes, nul_byte_names_its_line)
{
	struct fd_err err = {{0}};

	cr_assert_eq(
	    codes_load_buffer("t.txt", "[list a 1]\n1 | \0 | x\n", 20, &err),
	    FD_E_PARSE);
	cr_assert(strncmp(err.msg, "t.txt:2:", 8) == 0, "%s", err.msg);
	cr_assert_eq(regions_load_buffer("t.txt", "620000 | 甘\0\n", 14, &err),
	             FD_E_PARSE);
	cr_assert(strncmp(err.msg, "t.txt:1:", 8) == 0, "%s", err.msg);
}

Test(codes, required_codes_enforced)
{
	struct fd_err err = {{0}};
	char *text = codes_asset_edit("codes.txt",
	                              "01 | 户主 | Head of household\n", "");
	const struct fd_asset *a = assets_find("codes.txt");
	const char *s = (const char *)a->data;
	int line = 1;
	char want[32];

	for (const char *p = s; p < strstr(s, "[list relation"); p++)
		line += *p == '\n';
	snprintf(want, sizeof(want), "c.txt:%d:", line);
	cr_assert_eq(codes_load_buffer("c.txt", text, strlen(text), &err),
	             FD_E_PARSE);
	cr_assert(strncmp(err.msg, want, strlen(want)) == 0, "%s (want %s)",
	          err.msg, want);
	cr_assert(strstr(err.msg, "01"), "%s", err.msg);
	free(text);

	text = codes_asset_edit("codes.txt", "01 | 非在校生", "09 | 非在校生");
	cr_assert_eq(codes_load_buffer("c.txt", text, strlen(text), &err),
	             FD_E_PARSE);
	cr_assert(strstr(err.msg, "school"), "%s", err.msg);
	free(text);

	text = codes_asset_edit("codes.txt", "[list yes_no", "[list yesno");
	cr_assert_eq(codes_load_buffer("c.txt", text, strlen(text), &err),
	             FD_E_PARSE);
	cr_assert(strncmp(err.msg, "c.txt: list yes_no is missing", 29) == 0,
	          "%s", err.msg);
	free(text);
}

Test(codes, malformed_region_lines)
{
	static const struct bad_case cases[] = {
	    {"620000 甘肃省\n", "t.txt:1:", "CODE | name"},
	    {"620000 | 甘肃省 | Gansu\n", "t.txt:1:", "found 3"},
	    {"620000 | 甘肃省\n62010 | 兰州市\n", "t.txt:2:", "region code"},
	    {"000000 | 无\n", "t.txt:1:", "region code"},
	    {"620000 | 甘肃省\n62a100 | 兰州市\n", "t.txt:2:", "region code"},
	    {"620000 | 甘肃省\n622921000 | 镇\n", "t.txt:2:", "region code"},
	    {"620000 | 甘肃省\n6229211002010 | 村\n",
	     "t.txt:2:", "region code"},
	    {"620000 | 甘肃省\n622921100000 | 村\n", "t.txt:2:", "region code"},
	    {"620000 | \n", "t.txt:1:", "empty"},
	    {"620000 | 甘\x01肃\n", "t.txt:1:", "control"},
	    {"620000 | 甘肃省\n\n620000 | 甘肃\n", "t.txt:3:", "line 1"},
	    {"620000 | 甘肃省\n622900 | 临夏州\n622921 | 临夏县\n"
	     "622921100201 | 韩集村\n",
	     "t.txt:4:", "622921100"},
	    {"620000 | 甘肃省\n622921100 | 韩集镇\n", "t.txt:2:", "622921"},
	    {"350200 | 厦门市\n350000 | 福建省\n622921 | 临夏县\n",
	     "t.txt:3:", "622900"},
	    {"622900 | 临夏回族自治州\n", "t.txt:1:", "620000"},
	    {"620000 | \xe7\x94\xd8\n", "t.txt:1:", "UTF-8"},
	    {"# only a comment\n\n", "t.txt:", "no regions"},
	    {"", "t.txt:", "no regions"},
	};

	codes_expect_errors(cases, FD_ARRAY_LEN(cases), 1);
}
