/*
 * Unit tests of key-binding specs: every accepted form and alias, the
 * canonical text and its round trip, and the errors a config line can
 * produce.
 */
#include <criterion/criterion.h>
#include <locale.h>
#include <string.h>

#include "frontdesk/keyspec.h"

/* CHAR specs are checked with wcwidth(3): run in a UTF-8 locale. */
static void
keyspec_test_locale(void)
{
	cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
}

TestSuite(keyspec, .init = keyspec_test_locale);

/* Parse s, which must hold exactly one spec, and return it. */
static struct keyspec
parse_one(const char *s)
{
	struct keyspec k[4];
	struct fd_err err = {{0}};
	size_t n = 99;

	cr_assert_eq(keyspec_parse_list(s, k, 4, &n, &err), FD_OK,
		     "\"%s\": %s", s, err.msg);
	cr_assert_eq(n, 1, "\"%s\"", s);
	return k[0];
}

/* Assert that s parses to kind and code. */
static void
assert_spec(const char *s, enum keyspec_kind kind, int code)
{
	struct keyspec k = parse_one(s);

	cr_assert_eq(k.kind, kind, "\"%s\" kind %d", s, (int)k.kind);
	cr_assert_eq(k.code, code, "\"%s\" code %d", s, k.code);
}

/* Assert that s is refused; returns nothing but checks the message
 * quotes want_quote (when not NULL) and lists the forms. */
static void
assert_bad(const char *s, const char *want_quote)
{
	struct keyspec k[4];
	struct fd_err err = {{0}};
	size_t n = 99;

	cr_assert_eq(keyspec_parse_list(s, k, 4, &n, &err), FD_E_PARSE,
		     "\"%s\" accepted", s);
	cr_assert_eq(n, 0);
	cr_assert_neq(err.msg[0], '\0');
	if (want_quote)
		cr_assert_not_null(strstr(err.msg, want_quote), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "F1-F12"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "Esc-0..Esc-9"), "%s", err.msg);
	cr_assert_not_null(strstr(err.msg, "C-a..C-z"), "%s", err.msg);
}

Test(keyspec, function_keys)
{
	assert_spec("F1", KEYSPEC_FKEY, 1);
	assert_spec("F2", KEYSPEC_FKEY, 2);
	assert_spec("f10", KEYSPEC_FKEY, 10);
	assert_spec("F12", KEYSPEC_FKEY, 12);
}

Test(keyspec, esc_digit)
{
	assert_spec("Esc-2", KEYSPEC_ESC_DIGIT, 2);
	assert_spec("esc-0", KEYSPEC_ESC_DIGIT, 0);
	assert_spec("ESC-9", KEYSPEC_ESC_DIGIT, 9);
	assert_spec("M-3", KEYSPEC_ESC_DIGIT, 3);
	assert_spec("alt-4", KEYSPEC_ESC_DIGIT, 4);
}

Test(keyspec, ctrl_letters)
{
	assert_spec("C-s", KEYSPEC_CTRL, 19);
	assert_spec("C-S", KEYSPEC_CTRL, 19);
	assert_spec("c-a", KEYSPEC_CTRL, 1);
	assert_spec("Ctrl-Z", KEYSPEC_CTRL, 26);
	assert_spec("^x", KEYSPEC_CTRL, 24);
	assert_spec("^G", KEYSPEC_CTRL, 7);
}

Test(keyspec, named_keys_and_aliases)
{
	static const struct {
		const char *s;
		int key;
	} cases[] = {
		{"Enter", KEYSPEC_KEY_ENTER},   {"return", KEYSPEC_KEY_ENTER},
		{"Tab", KEYSPEC_KEY_TAB},       {"BTab", KEYSPEC_KEY_BTAB},
		{"shift-tab", KEYSPEC_KEY_BTAB}, {"S-Tab", KEYSPEC_KEY_BTAB},
		{"Up", KEYSPEC_KEY_UP},         {"DOWN", KEYSPEC_KEY_DOWN},
		{"left", KEYSPEC_KEY_LEFT},     {"Right", KEYSPEC_KEY_RIGHT},
		{"Home", KEYSPEC_KEY_HOME},     {"end", KEYSPEC_KEY_END},
		{"PgUp", KEYSPEC_KEY_PGUP},     {"pageup", KEYSPEC_KEY_PGUP},
		{"PgDn", KEYSPEC_KEY_PGDN},     {"PageDown", KEYSPEC_KEY_PGDN},
		{"Ins", KEYSPEC_KEY_INS},       {"insert", KEYSPEC_KEY_INS},
		{"Del", KEYSPEC_KEY_DEL},       {"Delete", KEYSPEC_KEY_DEL},
		{"Backspace", KEYSPEC_KEY_BACKSPACE},
		{"BS", KEYSPEC_KEY_BACKSPACE},
		{"Esc", KEYSPEC_KEY_ESC},       {"escape", KEYSPEC_KEY_ESC},
		{"Space", KEYSPEC_KEY_SPACE},   {"SPACE", KEYSPEC_KEY_SPACE},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_spec(cases[i].s, KEYSPEC_NAMED, cases[i].key);
}

Test(keyspec, single_characters)
{
	assert_spec("?", KEYSPEC_CHAR, '?');
	assert_spec("/", KEYSPEC_CHAR, '/');
	assert_spec("q", KEYSPEC_CHAR, 'q');
	assert_spec("Q", KEYSPEC_CHAR, 'Q');
	assert_spec("F", KEYSPEC_CHAR, 'F');
	assert_spec("1", KEYSPEC_CHAR, '1');
	assert_spec("^", KEYSPEC_CHAR, '^');
	assert_spec("-", KEYSPEC_CHAR, '-');
	assert_spec("帮", KEYSPEC_CHAR, 0x5E2E);
}

Test(keyspec, list_of_forms)
{
	struct keyspec k[8];
	struct fd_err err = {{0}};
	size_t n = 0;

	cr_assert_eq(keyspec_parse_list("  F2 Esc-2\tC-s  ", k, 8, &n, &err),
		     FD_OK);
	cr_assert_eq(n, 3);
	cr_assert_eq(k[0].kind, KEYSPEC_FKEY);
	cr_assert_eq(k[0].code, 2);
	cr_assert_eq(k[1].kind, KEYSPEC_ESC_DIGIT);
	cr_assert_eq(k[1].code, 2);
	cr_assert_eq(k[2].kind, KEYSPEC_CTRL);
	cr_assert_eq(k[2].code, 19);
	/* A repeated spec (in any spelling) is kept once. */
	cr_assert_eq(keyspec_parse_list("F2 f2 C-s ^S", k, 2, &n, &err),
		     FD_OK);
	cr_assert_eq(n, 2);
}

Test(keyspec, canonical_format)
{
	static const struct {
		struct keyspec k;
		const char *text;
	} cases[] = {
		{{KEYSPEC_FKEY, 2}, "F2"},
		{{KEYSPEC_FKEY, 12}, "F12"},
		{{KEYSPEC_ESC_DIGIT, 2}, "Esc-2"},
		{{KEYSPEC_CTRL, 19}, "Ctrl-S"},
		{{KEYSPEC_NAMED, KEYSPEC_KEY_ENTER}, "Enter"},
		{{KEYSPEC_NAMED, KEYSPEC_KEY_BTAB}, "Shift-Tab"},
		{{KEYSPEC_NAMED, KEYSPEC_KEY_PGDN}, "PgDn"},
		{{KEYSPEC_CHAR, '?'}, "?"},
		{{KEYSPEC_CHAR, 0x5E2E}, "帮"},
	};
	char buf[KEYSPEC_TEXT_MAX];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cr_assert_eq(keyspec_format(&cases[i].k, buf, sizeof(buf)),
			     (int)strlen(cases[i].text));
		cr_assert_str_eq(buf, cases[i].text);
	}
}

/* Format k, parse the text back and compare. */
static void
assert_round_trip(struct keyspec k)
{
	char buf[KEYSPEC_TEXT_MAX];
	struct keyspec back;

	cr_assert_gt(keyspec_format(&k, buf, sizeof(buf)), 0,
		     "kind %d code %d", (int)k.kind, k.code);
	back = parse_one(buf);
	cr_assert_eq(back.kind, k.kind, "\"%s\"", buf);
	cr_assert_eq(back.code, k.code, "\"%s\"", buf);
}

Test(keyspec, every_spec_round_trips)
{
	static const int chars[] = {'!', '?', '/', 'a', 'Z', '0', '~',
				    0xE9, 0x5F20, 0xFF01, 0x1F600};
	int c;
	size_t i;

	for (c = 1; c <= 12; c++)
		assert_round_trip((struct keyspec){KEYSPEC_FKEY, c});
	for (c = 0; c <= 9; c++)
		assert_round_trip((struct keyspec){KEYSPEC_ESC_DIGIT, c});
	for (c = 1; c <= 26; c++)
		if (c != 8 && c != 9 && c != 10 && c != 13)
			assert_round_trip((struct keyspec){KEYSPEC_CTRL, c});
	for (c = 0; c < KEYSPEC_KEY__COUNT; c++)
		assert_round_trip((struct keyspec){KEYSPEC_NAMED, c});
	for (i = 0; i < sizeof(chars) / sizeof(chars[0]); i++)
		assert_round_trip((struct keyspec){KEYSPEC_CHAR, chars[i]});
}

Test(keyspec, format_rejects_invalid_specs)
{
	static const struct keyspec bad[] = {
		{KEYSPEC_FKEY, 0},       {KEYSPEC_FKEY, 13},
		{KEYSPEC_ESC_DIGIT, 10}, {KEYSPEC_ESC_DIGIT, -1},
		{KEYSPEC_CTRL, 0},       {KEYSPEC_CTRL, 27},
		{KEYSPEC_CTRL, 9},       {KEYSPEC_NAMED, -1},
		{KEYSPEC_NAMED, KEYSPEC_KEY__COUNT},
		{KEYSPEC_CHAR, ' '},     {KEYSPEC_CHAR, 0x1B},
		{KEYSPEC_CHAR, 0x301},   {KEYSPEC_CHAR, 0xD800},
		{KEYSPEC_CHAR, -7},      {(enum keyspec_kind)42, 1},
	};
	char buf[KEYSPEC_TEXT_MAX] = "untouched";
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_assert_eq(keyspec_format(&bad[i], buf, sizeof(buf)), -1,
			     "case %zu", i);
	cr_assert_str_eq(buf, "untouched");
}

Test(keyspec, format_truncates_like_snprintf)
{
	struct keyspec k = {KEYSPEC_NAMED, KEYSPEC_KEY_BACKSPACE};
	struct keyspec z = {KEYSPEC_CHAR, 0x5F20};
	char buf[4];

	cr_assert_eq(keyspec_format(&k, buf, sizeof(buf)), 9);
	cr_assert_str_eq(buf, "Bac");
	cr_assert_eq(keyspec_format(&k, NULL, 0), 9);
	/* A character is never cut in half. */
	cr_assert_eq(keyspec_format(&z, buf, 3), 3);
	cr_assert_str_eq(buf, "");
}

Test(keyspec, format_list)
{
	struct keyspec k[3] = {{KEYSPEC_FKEY, 2},
			       {KEYSPEC_ESC_DIGIT, 2},
			       {KEYSPEC_CTRL, 19}};
	struct keyspec bad = {KEYSPEC_FKEY, 99};
	char buf[64];

	cr_assert_eq(keyspec_format_list(k, 3, buf, sizeof(buf)), 15);
	cr_assert_str_eq(buf, "F2 Esc-2 Ctrl-S");
	cr_assert_eq(keyspec_format_list(k, 0, buf, sizeof(buf)), 0);
	cr_assert_str_eq(buf, "");
	cr_assert_eq(keyspec_format_list(&bad, 1, buf, sizeof(buf)), -1);
}

Test(keyspec, errors_quote_the_token)
{
	assert_bad("F13", "\"F13\"");
	assert_bad("F0", "\"F0\"");
	assert_bad("F01", "\"F01\"");
	assert_bad("F2 F99", "\"F99\"");
	assert_bad("C-1", "\"C-1\"");
	assert_bad("C-", "\"C-\"");
	assert_bad("C-ab", "\"C-ab\"");
	assert_bad("Esc-x", "\"Esc-x\"");
	assert_bad("Esc-10", "\"Esc-10\"");
	assert_bad("M-a", "\"M-a\"");
	assert_bad("ab", "\"ab\"");
	assert_bad("张三", "\"张三\"");
	assert_bad("Entr", "\"Entr\"");
	assert_bad("F2,", "\"F2,\"");
}

Test(keyspec, ctrl_keys_a_terminal_cannot_tell_apart)
{
	assert_bad("C-i", "Tab");
	assert_bad("C-m", "Enter");
	assert_bad("C-j", "Enter");
	assert_bad("C-h", "Backspace");
}

Test(keyspec, empty_lists)
{
	struct keyspec k[2];
	struct fd_err err = {{0}};
	size_t n = 5;

	cr_assert_eq(keyspec_parse_list("", k, 2, &n, &err), FD_E_PARSE);
	cr_assert_eq(n, 0);
	cr_assert_not_null(strstr(err.msg, "no key"));
	cr_assert_eq(keyspec_parse_list(" \t ", k, 2, &n, &err), FD_E_PARSE);
	cr_assert_eq(keyspec_parse_list(NULL, k, 2, &n, &err), FD_E_PARSE);
}

Test(keyspec, control_characters_and_bad_utf8)
{
	struct keyspec k[2];
	struct fd_err err = {{0}};
	size_t n;

	assert_bad("\x1b", NULL);
	assert_bad("F2\n", NULL);
	assert_bad("\x7f", NULL);
	assert_bad("\xC2\x85", NULL);      /* C1 control */
	assert_bad("\xCC\x81", NULL);      /* lone combining mark */
	assert_bad("\xFF", NULL);
	assert_bad("\xE5\xBC", NULL);
	assert_bad("\xC0\xAF", NULL);
	/* The quoted token is sanitized: no escape reaches the screen. */
	cr_assert_eq(keyspec_parse_list("\x1b[2J", k, 2, &n, &err),
		     FD_E_PARSE);
	cr_assert_null(strchr(err.msg, '\x1b'));
	cr_assert_not_null(strstr(err.msg, "\"\xEF\xBF\xBD[2J\""), "%s",
			   err.msg);
	/* A long token is cut in the message. */
	cr_assert_eq(keyspec_parse_list("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
					"xxxxxxxxxxxxxxxxxxxx",
					k, 2, &n, &err),
		     FD_E_PARSE);
	cr_assert_not_null(strstr(err.msg, "...\""), "%s", err.msg);
}

Test(keyspec, too_many_specs)
{
	struct keyspec k[2];
	struct fd_err err = {{0}};
	size_t n = 7;

	cr_assert_eq(keyspec_parse_list("F1 F2 F3", k, 2, &n, &err),
		     FD_E_PARSE);
	cr_assert_eq(n, 0);
	cr_assert_not_null(strstr(err.msg, "at most 2"), "%s", err.msg);
	cr_assert_eq(keyspec_parse_list("F1", k, 0, &n, &err), FD_E_PARSE);
}
