/*
 * Unit tests of the utf8 module: strict decoding, the shared printable
 * rule, and the column arithmetic (width, fit, pad) that the whole UI
 * lays text out with.
 */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/utf8.h"

/* Widths come from wcwidth(3): every test runs in a UTF-8 locale. */
static void
utf8_test_locale(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
}

TestSuite(utf8, .init = utf8_test_locale);

/* Decode the first character of the len bytes at s; *n gets the length. */
static uint32_t
decode_one(const char *s, size_t len, int *n)
{
	uint32_t cp;

	*n = utf8_decode(s, len, &cp);
	return cp;
}

Test(utf8, decode_valid_sequences)
{
	int n;

	cr_assert_eq(decode_one("A", 1, &n), 0x41);
	cr_assert_eq(n, 1);
	cr_assert_eq(decode_one("\xC3\xA9", 2, &n), 0xE9);
	cr_assert_eq(n, 2);
	cr_assert_eq(decode_one("张", 3, &n), 0x5F20);
	cr_assert_eq(n, 3);
	cr_assert_eq(decode_one("\xF0\x9F\x98\x80", 4, &n), 0x1F600);
	cr_assert_eq(n, 4);
	cr_assert_eq(decode_one("\xF4\x8F\xBF\xBF", 4, &n), 0x10FFFF);
	cr_assert_eq(n, 4);
	cr_assert_eq(decode_one("\0", 1, &n), 0);
	cr_assert_eq(n, 1);
	/* Only the first character is decoded. */
	cr_assert_eq(decode_one("张三", 6, &n), 0x5F20);
	cr_assert_eq(n, 3);
	cr_assert_eq(utf8_decode("", 0, &(uint32_t){0}), 0);
}

Test(utf8, decode_rejects_malformed)
{
	static const struct {
		const char *s;
		size_t len;
	} bad[] = {
		{"\x80", 1},                 /* stray continuation */
		{"\xBF", 1},
		{"\xC0\x80", 2},             /* overlong NUL */
		{"\xC1\xBF", 2},             /* overlong 0x7F */
		{"\xE0\x80\x80", 3},         /* overlong */
		{"\xE0\x9F\xBF", 3},         /* overlong U+07FF */
		{"\xF0\x8F\xBF\xBF", 4},     /* overlong U+FFFF */
		{"\xED\xA0\x80", 3},         /* surrogate U+D800 */
		{"\xED\xBF\xBF", 3},         /* surrogate U+DFFF */
		{"\xF4\x90\x80\x80", 4},     /* U+110000 */
		{"\xF5\x80\x80\x80", 4},
		{"\xFF", 1},
		{"\xE5\xBC", 2},             /* truncated */
		{"\xE5\xBC\xA0", 2},         /* truncated by len */
		{"\xE5\x41\xA0", 3},         /* bad continuation */
	};
	uint32_t cp;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_assert_eq(utf8_decode(bad[i].s, bad[i].len, &cp), -1,
			     "case %zu", i);
		cr_assert_eq(cp, UTF8_REPLACEMENT);
		cr_assert(!utf8_valid(bad[i].s, bad[i].len), "case %zu", i);
	}
}

Test(utf8, encode_round_trips)
{
	static const uint32_t cps[] = {0, 0x41, 0x7F, 0x80, 0x7FF, 0x800,
				       0x5F20, 0xFFFD, 0xFFFF, 0x10000,
				       0x10FFFF};
	char buf[UTF8_MAX_BYTES];
	uint32_t cp;
	size_t i, n;

	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		n = utf8_encode(cps[i], buf);
		cr_assert_eq(utf8_decode(buf, n, &cp), (int)n);
		cr_assert_eq(cp, cps[i]);
	}
	n = utf8_encode(0xD800, buf);
	cr_assert_eq(n, 3);
	cr_assert_eq(memcmp(buf, "\xEF\xBF\xBD", 3), 0);
	cr_assert_eq(utf8_encode(0x110000, buf), 3);
}

Test(utf8, valid)
{
	cr_assert(utf8_valid("", 0));
	cr_assert(utf8_valid("张三丰 abc", strlen("张三丰 abc")));
	cr_assert(utf8_valid("a\0b", 3));
	cr_assert(!utf8_valid("ab\xE5", 3));
	cr_assert(!utf8_valid("\xC0\xAF", 2));
}

Test(utf8, printable_rule)
{
	cr_assert(utf8_printable('A'));
	cr_assert(utf8_printable(' '));
	cr_assert(utf8_printable(0x5F20));
	cr_assert(utf8_printable(0xFFFD));
	cr_assert(!utf8_printable(0));
	cr_assert(!utf8_printable('\t'));
	cr_assert(!utf8_printable(0x1B));
	cr_assert(!utf8_printable(0x7F));
	cr_assert(!utf8_printable(0x85));  /* C1 NEL */
	cr_assert(!utf8_printable(0x9B));  /* C1 CSI */
	cr_assert(!utf8_printable(0x301)); /* combining acute */
	cr_assert(!utf8_printable(0x200B)); /* zero-width space */
	cr_assert(!utf8_printable(0x202E)); /* right-to-left override */
	cr_assert(!utf8_printable(0x378));  /* unassigned */
	cr_assert(!utf8_printable(0x110000));
	cr_assert_eq(utf8_cp_width(0x5F20), 2);
	cr_assert_eq(utf8_cp_width('a'), 1);
	cr_assert_eq(utf8_cp_width(0x1B), 1);
	cr_assert_eq(utf8_cp_width(0x301), 1);
}

Test(utf8, width_in_columns)
{
	cr_assert_eq(utf8_width(NULL), 0);
	cr_assert_eq(utf8_width(""), 0);
	cr_assert_eq(utf8_width("abc"), 3);
	cr_assert_eq(utf8_width("张三丰"), 6);
	cr_assert_eq(utf8_width("张a"), 3);
	cr_assert_eq(utf8_width("\xF0\x9F\x98\x80"), 2);
	/* Non-printables and invalid bytes count as one U+FFFD each. */
	cr_assert_eq(utf8_width("a\x1b[31m"), 6);
	cr_assert_eq(utf8_width("\xFF\xFE"), 2);
	cr_assert_eq(utf8_width("\xE5\xBC"), 2);
	cr_assert_eq(utf8_width("e\xCC\x81"), 2);
	cr_assert_eq(utf8_width("\t"), 1);
}

Test(utf8, fit_never_splits)
{
	cr_assert_eq(utf8_fit("张三丰", 6), 9);
	cr_assert_eq(utf8_fit("张三丰", 5), 6);
	cr_assert_eq(utf8_fit("张三丰", 4), 6);
	cr_assert_eq(utf8_fit("张三丰", 1), 0);
	cr_assert_eq(utf8_fit("张三丰", 0), 0);
	cr_assert_eq(utf8_fit("张三丰", -3), 0);
	cr_assert_eq(utf8_fit("a张", 2), 1);
	cr_assert_eq(utf8_fit("a张", 3), 4);
	cr_assert_eq(utf8_fit("abc", 10), 3);
	cr_assert_eq(utf8_fit("\xFF\xFE", 1), 1);
	cr_assert_eq(utf8_fit("\xE5\xBC", 1), 1);
	cr_assert_eq(utf8_fit(NULL, 5), 0);
}

Test(utf8, pad_to_exact_columns)
{
	char buf[UTF8_PAD_SIZE(8)];

	cr_assert_eq(utf8_pad(buf, sizeof(buf), "ab", 5), 5);
	cr_assert_str_eq(buf, "ab   ");
	/* The wide char that would straddle is dropped for a space. */
	cr_assert_eq(utf8_pad(buf, sizeof(buf), "张三", 3), 3);
	cr_assert_str_eq(buf, "张 ");
	cr_assert_eq(utf8_pad(buf, sizeof(buf), "张三丰", 4), 4);
	cr_assert_str_eq(buf, "张三");
	cr_assert_eq(utf8_pad(buf, sizeof(buf), "a\x1b[1m", 3), 3);
	cr_assert_str_eq(buf, "a\xEF\xBF\xBD[");
	cr_assert_eq(utf8_pad(buf, sizeof(buf), "\xFF\xFF\xFF", 8), 8);
	cr_assert_str_eq(buf, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD     ");
	cr_assert_eq(utf8_width(buf), 8);
	cr_assert_eq(utf8_pad(buf, sizeof(buf), NULL, 2), 2);
	cr_assert_str_eq(buf, "  ");
	cr_assert_eq(utf8_pad(buf, sizeof(buf), "abc", 0), 0);
	cr_assert_str_eq(buf, "");
}

Test(utf8, pad_small_buffer)
{
	char buf[4];

	/* "张" takes 3 bytes: no room left for "三" nor a space. */
	cr_assert_eq(utf8_pad(buf, sizeof(buf), "张三", 4), 2);
	cr_assert_str_eq(buf, "张");
	cr_assert_eq(utf8_pad(buf, sizeof(buf), "abcdef", 6), 3);
	cr_assert_str_eq(buf, "abc");
	cr_assert_eq(utf8_pad(buf, 0, "abc", 3), 0);
}

Test(utf8, sanitize_replaces_non_printables)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"张三 abc", "张三 abc"},
		{"ok\x1b[2Jx", "ok\xEF\xBF\xBD[2Jx"},
		{"a\tb", "a\xEF\xBF\xBD" "b"},
		{"\x7f", "\xEF\xBF\xBD"},
		{"\xC2\x85\xC2\x9B", "\xEF\xBF\xBD\xEF\xBF\xBD"},
		{"\xFF", "\xEF\xBF\xBD"},
		{"\xE5\xBC", "\xEF\xBF\xBD\xEF\xBF\xBD"},
		{"\xC0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD"},
		{"a\xE2\x80\xAE" "b", "a\xEF\xBF\xBD" "b"},
		{"\xE2\x80\x8B", "\xEF\xBF\xBD"},
		{"e\xCC\x81", "e\xEF\xBF\xBD"},
		{"\xEF\xBF\xBD", "\xEF\xBF\xBD"},
		{"", ""},
	};
	size_t i;
	char *s;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = utf8_sanitize(cases[i].in);
		cr_assert_str_eq(s, cases[i].out, "case %zu", i);
		cr_assert_eq(utf8_width(s), utf8_width(cases[i].in));
		cr_assert(utf8_valid(s, strlen(s)));
		free(s);
	}
	s = utf8_sanitize(NULL);
	cr_assert_str_eq(s, "");
	free(s);
	s = utf8_sanitize_n("a\0b", 3);
	cr_assert_str_eq(s, "a\xEF\xBF\xBD" "b");
	free(s);
}

Test(utf8, wide_string_conversions)
{
	size_t n = 99;
	wchar_t *ws = utf8_to_wcs("张a丰", &n);
	char *s;

	cr_assert_not_null(ws);
	cr_assert_eq(n, 3);
	cr_assert_eq(ws[0], 0x5F20);
	cr_assert_eq(ws[1], L'a');
	cr_assert_eq(ws[2], 0x4E30);
	cr_assert_eq(ws[3], L'\0');
	s = utf8_from_wcs(ws, n);
	cr_assert_str_eq(s, "张a丰");
	free(s);
	free(ws);

	ws = utf8_to_wcs("", &n);
	cr_assert_eq(n, 0);
	cr_assert_eq(ws[0], L'\0');
	free(ws);
	cr_assert_null(utf8_to_wcs("ab\xFF", &n));
	cr_assert_null(utf8_to_wcs("\xED\xA0\x80", NULL));

	s = utf8_from_wcs((const wchar_t[]){0xD800, -1, 0x110000, L'x'}, 4);
	cr_assert_str_eq(s, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDx");
	free(s);
	s = utf8_from_wcs(L"", 0);
	cr_assert_str_eq(s, "");
	free(s);
}

/* The lines of s wrapped at cols, joined by "|". */
static char *
wrapped(const char *s, int cols)
{
	static char out[512];
	size_t o = 0, len, next;

	out[0] = '\0';
	while (*s) {
		len = utf8_wrap_line(s, cols, &next);
		cr_assert(next > 0, "no progress at \"%s\"", s);
		o += (size_t)snprintf(out + o, sizeof(out) - o, "%s%.*s",
				      o ? "|" : "", (int)len, s);
		s += next;
	}
	return out;
}

Test(utf8, wrap_line)
{
	size_t next;

	/* Chinese breaks anywhere, never inside a character */
	cr_assert_str_eq(wrapped("可能重复：户 6229211022080003 已有 罗斌福", 12),
			 "可能重复：户|622921102208|0003 已有|罗斌福");
	/* at a blank in the second half of the line, so that a question
	 * set off by blanks stays whole */
	cr_assert_str_eq(wrapped("已有 马福祥（同名同出生日期）  仍然保存吗？",
				 36),
			 "已有 马福祥（同名同出生日期）|仍然保存吗？");
	cr_assert_str_eq(wrapped("甲 乙丙丁戊己庚辛壬癸", 10), "甲 乙丙丁|戊己庚辛壬|癸");
	/* English keeps words whole, the blanks at a break dropped */
	cr_assert_str_eq(wrapped("Likely duplicate: household 12 already has",
				 16),
			 "Likely|duplicate:|household 12|already has");
	/* a word longer than a line is cut */
	cr_assert_str_eq(wrapped("abcdefghij kl", 4), "abcd|efgh|ij|kl");
	/* a newline ends a line */
	cr_assert_str_eq(wrapped("ab\ncd", 10), "ab|cd");
	/* a character wider than the line still moves on */
	cr_assert_str_eq(wrapped("张三", 1), "张|三");
	cr_assert_str_eq(wrapped("fits", 10), "fits");
	cr_assert_eq(utf8_wrap_line("", 10, &next), 0);
	cr_assert_eq(next, 0);
}
