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
