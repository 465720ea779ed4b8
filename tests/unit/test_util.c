/*
 * util_today: the clock by default, $FRONTDESK_TODAY when it holds a real
 * date (the end-to-end tests fix today with it), the clock again for
 * anything else. Criterion forks every test, so setenv stays in it.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frontdesk/idcard.h"
#include "frontdesk/util.h"

/* The clock's date, as util_today gives it without the variable. */
static void
clock_today(char buf[11])
{
	time_t now = time(NULL);
	struct tm tmv;

	cr_assert(localtime_r(&now, &tmv));
	strftime(buf, 11, "%Y-%m-%d", &tmv);
}

Test(util, today_fixed_by_environment)
{
	char d[11], c[11];

	cr_assert_eq(setenv(UTIL_TODAY_ENV, "2026-03-02", 1), 0);
	util_today(d);
	cr_assert_str_eq(d, "2026-03-02");
	idcard_today(c);
	cr_assert_str_eq(c, "2026-03-02", "idcard_today asks util_today");
	cr_assert_eq(setenv(UTIL_TODAY_ENV, "2028-02-29", 1), 0);
	util_today(d);
	cr_assert_str_eq(d, "2028-02-29");
}

Test(util, today_ignores_what_is_not_a_date)
{
	static const char *const bad[] = {
		"", "2026-3-2", "2026-02-30", "2027-02-29", "1900-02-28",
		"2026-13-01", "2026-00-10", "2026-01-00", "20260302", "tomorrow",
		"2026-03-02x", "2026-03-02\033[2J",
	};

	for (size_t i = 0; i < FD_ARRAY_LEN(bad); i++) {
		char d[11], c1[11], c2[11];

		cr_assert_eq(setenv(UTIL_TODAY_ENV, bad[i], 1), 0);
		clock_today(c1);
		util_today(d);
		clock_today(c2);
		cr_assert(strcmp(d, c1) == 0 || strcmp(d, c2) == 0,
		          "\"%s\" gave %s, not the clock's %s", bad[i], d, c1);
	}
}

Test(util, today_is_the_clock_without_the_variable)
{
	char d[11], c1[11], c2[11];

	cr_assert_eq(unsetenv(UTIL_TODAY_ENV), 0);
	clock_today(c1);
	util_today(d);
	clock_today(c2);
	cr_assert(strcmp(d, c1) == 0 || strcmp(d, c2) == 0, "%s, clock %s", d,
	          c1);
}

/* One date reader and writer for every module: real dates only, leap
 * years counted, the caller's range of years. */
Test(util, date_parse_and_format)
{
	int y = 0, m = 0, d = 0;
	char out[11];

	cr_assert(util_date_parse("2024-02-29", 1800, 2199, &y, &m, &d));
	cr_assert(y == 2024 && m == 2 && d == 29);
	cr_assert(!util_date_parse("2023-02-29", 1800, 2199, NULL, NULL, NULL));
	cr_assert(!util_date_parse("1900-02-29", 1800, 2199, NULL, NULL, NULL));
	cr_assert(util_date_parse("2000-02-29", 1800, 2199, NULL, NULL, NULL));
	cr_assert(!util_date_parse("2026-04-31", 1800, 2199, NULL, NULL, NULL));
	cr_assert(!util_date_parse("1799-12-31", 1800, 2199, NULL, NULL, NULL));
	cr_assert(!util_date_parse("2026-1-01", 1800, 2199, NULL, NULL, NULL));
	cr_assert(!util_date_parse("2026-01-0x", 1800, 2199, NULL, NULL, NULL));
	cr_assert(!util_date_parse(NULL, 1800, 2199, NULL, NULL, NULL));
	util_date_format(2026, 3, 2, out);
	cr_assert_str_eq(out, "2026-03-02");
	util_date_format(987, 12, 31, out);
	cr_assert_str_eq(out, "0987-12-31");
}

/* Codes as typed and as kept: trimmed, ASCII upper-cased, no blank
 * inside. */
Test(util, code_normalise)
{
	static const struct {
		const char *in, *out;
		bool ok;
	} cases[] = {
		{"qa-04", "QA-04", true},
		{"  live-2611 ", "LIVE-2611", true},
		{"\xe3\x80\x80" "cs01\xe3\x80\x80", "CS01", true}, /* U+3000 */
		{"\t\xe7\x8f\xad" "01", "\xe7\x8f\xad" "01", true}, /* 班01 */
		{"qa 04", "QA 04", false},
		{" qa\xe3\x80\x80" "04 ", "QA\xe3\x80\x80" "04", false},
		{"", "", true},
		{"   ", "", true},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *out = NULL;
		bool ok = util_code_normalise(cases[i].in, &out);

		cr_assert_eq(ok, cases[i].ok, "[%zu] %s", i, cases[i].in);
		cr_assert_str_eq(out, cases[i].out, "[%zu]", i);
		free(out);
	}
}
