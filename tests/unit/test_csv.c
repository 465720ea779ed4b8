/*
 * csv.c: RFC 4180 quoting (embedded quotes, commas, CRLF and LF inside
 * quotes, empty fields, a last line without a newline), line ends, the
 * BOM, GBK and other non-UTF-8 input refused with its line, unclosed
 * quotes, limits, and the writer's quoting read back by the reader.
 */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/csv.h"
#include "frontdesk/i18n.h"
#include "frontdesk/util.h"

/* Messages come from the catalog: English, where the tests read them. */
static void
csv_setup(void)
{
	struct fd_err err = {{0}};

	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
	cr_assert_eq(i18n_load("en", NULL, &err), FD_OK, "%s", err.msg);
}

static void
csv_teardown(void)
{
	i18n_free();
}

TestSuite(csv, .init = csv_setup, .fini = csv_teardown);

/* Read every record of data into one string: fields joined by '|',
 * records ended by '\n', each preceded by its line number and ':'. The
 * status of the last csv_next goes into *st and its message into err. */
static char *
csv_dump(const char *data, size_t len, enum fd_status *st, struct fd_err *err)
{
	struct csv_reader *r = csv_open(data, len);
	struct strbuf sb = {0};
	char **f;
	size_t n;

	err->msg[0] = '\0';
	while ((*st = csv_next(r, &f, &n, err)) == FD_OK) {
		strbuf_addf(&sb, "%d:", csv_line(r));
		for (size_t i = 0; i < n; i++)
			strbuf_addf(&sb, "%s%s", i ? "|" : "", f[i]);
		strbuf_adds(&sb, "\n");
	}
	csv_close(r);
	return strbuf_take(&sb);
}

/* Assert that data reads as want and ends cleanly. */
static void
csv_expect(const char *data, size_t len, const char *want)
{
	struct fd_err err;
	enum fd_status st;
	char *got = csv_dump(data, len, &st, &err);

	cr_expect_eq(st, FD_E_NOTFOUND, "status %d: %s", st, err.msg);
	cr_expect_str_eq(got, want);
	free(got);
}

#define EXPECT(lit, want) csv_expect(lit, sizeof(lit) - 1, want)

/* Assert that data fails with a message holding each of the strings. */
static void
csv_expect_fail(const char *data, size_t len, const char *m1, const char *m2)
{
	struct fd_err err;
	enum fd_status st;
	char *got = csv_dump(data, len, &st, &err);

	cr_expect_eq(st, FD_E_PARSE, "status %d, read: %s", st, got);
	cr_expect(strstr(err.msg, m1) != NULL, "\"%s\" not in: %s", m1,
	          err.msg);
	if (m2)
		cr_expect(strstr(err.msg, m2) != NULL, "\"%s\" not in: %s", m2,
		          err.msg);
	free(got);
}

#define EXPECT_FAIL(lit, m1, m2) csv_expect_fail(lit, sizeof(lit) - 1, m1, m2)

Test(csv, plain_lf_and_crlf)
{
	EXPECT("a,b,c\n1,2,3\n", "1:a|b|c\n2:1|2|3\n");
	EXPECT("a,b,c\r\n1,2,3\r\n", "1:a|b|c\n2:1|2|3\n");
	EXPECT("a\rb\r", "1:a\n2:b\n");
}

Test(csv, last_line_without_newline)
{
	EXPECT("a,b\n1,2", "1:a|b\n2:1|2\n");
	EXPECT("a,\"b\"", "1:a|b\n");
}

Test(csv, empty_fields)
{
	EXPECT(",,\n", "1:||\n");
	EXPECT("a,,c\n,b,\n", "1:a||c\n2:|b|\n");
	EXPECT("a,\n", "1:a|\n");
	EXPECT("\"\"\n", "1:\n");
	EXPECT("a,\"\",c\n", "1:a||c\n");
}

Test(csv, blank_lines_skipped)
{
	EXPECT("a\n\n\r\nb\n\n", "1:a\n4:b\n");
	EXPECT("", "");
	EXPECT("\n\n", "");
}

Test(csv, quotes)
{
	EXPECT("\"say \"\"hi\"\"\",x\n", "1:say \"hi\"|x\n");
	EXPECT("\"a,b\",c\n", "1:a,b|c\n");
	EXPECT("\"\"\"\"\n", "1:\"\n");
	/* A quote inside an unquoted field is taken literally. */
	EXPECT("5'3\",x\n", "1:5'3\"|x\n");
}

Test(csv, line_breaks_inside_quotes)
{
	EXPECT("\"a\nb\",c\nd\n", "1:a\nb|c\n3:d\n");
	EXPECT("\"a\r\nb\",c\r\nd\r\n", "1:a\r\nb|c\n3:d\n");
	EXPECT("x\n\"1\n2\n3\"\ny", "1:x\n2:1\n2\n3\n5:y\n");
}

Test(csv, chinese_and_bom)
{
	EXPECT("\xEF\xBB\xBF户编号,姓名\r\n6229210001,张三\r\n",
	       "1:户编号|姓名\n2:6229210001|张三\n");
	/* Only a leading BOM is skipped. */
	EXPECT("a\n\xEF\xBB\xBF"
	       "b\n",
	       "1:a\n2:\xEF\xBB\xBF"
	       "b\n");
}

Test(csv, gbk_refused)
{
	/* "户编号,姓名\n" then "张三" in GBK on line 2. */
	EXPECT_FAIL("\xBB\xA7\xB1\xE0\xBA\xC5,\xD0\xD5\xC3\xFB\n",
	            "line 1:", "GBK");
	EXPECT_FAIL("a,b\n1,\xD5\xC5\xC8\xFD\n", "line 2:", "iconv -f GBK");
	EXPECT_FAIL("a,b\n\"x\ny\",\xD5\xC5\n", "line 3:", "GBK");
}

Test(csv, other_encodings_refused)
{
	EXPECT_FAIL("a,\xFF\n", "line 1:", "0xFF");
	EXPECT_FAIL("a\nb,\xC3\n", "line 2:", "not UTF-8");
	EXPECT_FAIL("\xFF\xFE"
	            "a\0,\0",
	            "line 1:", "UTF-16");
	EXPECT_FAIL("a,b\0c\n", "line 1:", "NUL");
	/* An overlong form is not UTF-8. */
	EXPECT_FAIL("\xC0\xAF\n", "line 1:", "not UTF-8");
}

Test(csv, unclosed_quote_names_its_line)
{
	EXPECT_FAIL("a,b\n1,2\n3,\"4\n5,6\n", "line 3:", "never closed");
	EXPECT_FAIL("\"", "line 1:", "never closed");
}

Test(csv, text_after_closing_quote)
{
	EXPECT_FAIL("a\n\"b\"c,d\n", "line 2:", "closing quote");
}

Test(csv, error_is_sticky)
{
	const char data[] = "a\n\"b\n";
	struct csv_reader *r = csv_open(data, sizeof(data) - 1);
	struct fd_err err;
	char **f;
	size_t n;

	cr_assert_eq(csv_next(r, &f, &n, &err), FD_OK);
	cr_assert_eq(csv_next(r, &f, &n, &err), FD_E_PARSE);
	err.msg[0] = '\0';
	cr_assert_eq(csv_next(r, &f, &n, &err), FD_E_PARSE);
	cr_expect(strstr(err.msg, "line 2:") != NULL, "%s", err.msg);
	csv_close(r);
}

Test(csv, limits)
{
	struct strbuf sb = {0};
	struct fd_err err;
	enum fd_status st;
	char *got;

	/* A field one byte over the limit. */
	strbuf_adds(&sb, "a\n");
	for (int i = 0; i <= CSV_FIELD_MAX; i++)
		strbuf_add(&sb, "x", 1);
	got = csv_dump(sb.buf, sb.len, &st, &err);
	cr_expect_eq(st, FD_E_PARSE);
	cr_expect(strstr(err.msg, "line 2:") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "too long") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "field 1)") != NULL, "%s", err.msg);
	free(got);
	strbuf_free(&sb);

	/* An unclosed quote that runs on past the limit (7 bytes a piece):
	 * the message names the line where it opened. */
	strbuf_adds(&sb, "a\nb,\"");
	for (int i = 0; i <= CSV_FIELD_MAX / 7; i++)
		strbuf_adds(&sb, "x,y\r\nzz");
	got = csv_dump(sb.buf, sb.len, &st, &err);
	cr_expect_eq(st, FD_E_PARSE);
	cr_expect(strstr(err.msg, "line 2:") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "too long") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "field 2)") != NULL, "%s", err.msg);
	free(got);
	strbuf_free(&sb);

	/* Too many fields. */
	for (int i = 0; i <= CSV_FIELDS_MAX; i++)
		strbuf_add(&sb, ",", 1);
	got = csv_dump(sb.buf, sb.len, &st, &err);
	cr_expect_eq(st, FD_E_PARSE);
	cr_expect(strstr(err.msg, "too many fields") != NULL, "%s", err.msg);
	cr_expect(strstr(err.msg, "field 1025)") != NULL, "%s", err.msg);
	free(got);
	strbuf_free(&sb);

	/* Exactly CSV_FIELDS_MAX fields is fine. */
	for (int i = 1; i < CSV_FIELDS_MAX; i++)
		strbuf_add(&sb, ",", 1);
	got = csv_dump(sb.buf, sb.len, &st, &err);
	cr_expect_eq(st, FD_E_NOTFOUND, "%s", err.msg);
	free(got);
	strbuf_free(&sb);
}

Test(csv, writer_quoting)
{
	const char *row[] = {"plain", "a,b",   "say \"hi\"", "two\nlines",
	                     "cr\r",  " lead", "trail ",     "",
	                     NULL,    "张三"};
	struct strbuf sb = {0};

	csv_write_row(&sb, row, FD_ARRAY_LEN(row));
	cr_expect_str_eq(sb.buf,
	                 "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\","
	                 "\"cr\r\",\" lead\",\"trail \",,,张三\r\n");
	strbuf_free(&sb);

	/* One empty field is written so that it reads back. */
	{
		const char *one[] = {""};

		csv_write_row(&sb, one, 1);
		cr_expect_str_eq(sb.buf, "\"\"\r\n");
		strbuf_free(&sb);
	}
}

Test(csv, writer_round_trip)
{
	const char *rows[3][4] = {
	    {"户编号", "姓名", "备注", ""},
	    {"6229210001", "张\"三\"", "a,b\r\nc", " x "},
	    {"", "", "", ""},
	};
	struct strbuf sb = {0};
	struct csv_reader *r;
	struct fd_err err;
	char **f;
	size_t n;

	for (int i = 0; i < 3; i++)
		csv_write_row(&sb, rows[i], 4);
	r = csv_open(sb.buf, sb.len);
	for (int i = 0; i < 3; i++) {
		cr_assert_eq(csv_next(r, &f, &n, &err), FD_OK, "%s", err.msg);
		cr_assert_eq(n, 4);
		for (int j = 0; j < 4; j++)
			cr_expect_str_eq(f[j], rows[i][j]);
	}
	cr_expect_eq(csv_next(r, &f, &n, &err), FD_E_NOTFOUND);
	csv_close(r);
	strbuf_free(&sb);
}

Test(csv, messages_in_chinese)
{
	struct fd_err err = {{0}};

	cr_assert_eq(i18n_load("zh", NULL, &err), FD_OK, "%s", err.msg);
	EXPECT_FAIL("a,b\n1,\xD5\xC5\xC8\xFD\n", "第 2 行：", "GBK");
	EXPECT_FAIL("a\nb,\"c\n", "第 2 行：", "第 2 列的引号没有闭合");
	EXPECT_FAIL("a,b\0c\n", "第 1 行：", "NUL");
}
