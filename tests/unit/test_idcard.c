/*
 * Unit tests of resident ID numbers (GB 11643-1999), ages, masks and phone
 * numbers. The two test vectors of DOMAIN.md are the fixed points; other
 * numbers are built here with idcard_check_char so that only the property
 * under test is wrong. "today" is fixed at 2024-06-15 unless a test says.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "frontdesk/idcard.h"

#define TODAY "2024-06-15"

static const char *const vectors[] = {"11010519491231002X",
                                      "440524188001010014"};

/* An 18-character number: region, birth "YYYYMMDD", sequence "SSS" and its
 * right check character, into out[19]. */
static void
id_make(char out[19], const char *region, const char *birth, const char *seq)
{
	snprintf(out, 19, "%.6s%.8s%.3s", region, birth, seq);
	out[17] = idcard_check_char(out);
	out[18] = '\0';
	cr_assert_neq(out[17], '\0');
}

Test(idcard, vectors_valid)
{
	struct idcard id;

	cr_assert_eq(idcard_parse(vectors[0], TODAY, &id), IDCARD_OK);
	cr_assert_str_eq(id.number, "11010519491231002X");
	cr_assert_str_eq(id.birth, "1949-12-31");
	cr_assert_str_eq(id.region, "110105");
	cr_assert_eq(id.sex, 2);
	cr_assert(!id.converted);

	cr_assert_eq(idcard_parse(vectors[1], TODAY, &id), IDCARD_OK);
	cr_assert_str_eq(id.birth, "1880-01-01");
	cr_assert_str_eq(id.region, "440524");
	cr_assert_eq(id.sex, 1);
}

Test(idcard, every_single_change_fails)
{
	static const char alphabet[] = "0123456789X";
	struct idcard id;
	char s[19];
	int tried = 0;

	for (size_t v = 0; v < 2; v++) {
		for (int pos = 0; pos < 18; pos++) {
			for (const char *c = alphabet; *c; c++) {
				enum idcard_error e;

				if (*c == vectors[v][pos] ||
				    (*c == 'X' && pos != 17))
					continue;
				memcpy(s, vectors[v], 19);
				s[pos] = *c;
				e = idcard_parse(s, TODAY, &id);
				cr_assert_neq(e, IDCARD_OK, "%s passed", s);
				cr_assert(e == IDCARD_CHECK ||
				              e == IDCARD_DATE ||
				              e == IDCARD_FUTURE,
				          "%s: error %d", s, e);
				if (e == IDCARD_CHECK)
					cr_assert_eq(id.expected,
					             idcard_check_char(s), "%s",
					             s);
				tried++;
			}
		}
	}
	cr_assert_eq(tried, 2 * (17 * 9 + 10));
}

Test(idcard, check_error_says_expected)
{
	struct idcard id;

	cr_assert_eq(idcard_parse("110105194912310021", TODAY, &id),
	             IDCARD_CHECK);
	cr_assert_eq(id.expected, 'X');
	cr_assert_str_eq(id.number, "110105194912310021");
	cr_assert_str_eq(id.birth, "1949-12-31");
	cr_assert_eq(id.sex, 2);
	cr_assert_eq(idcard_check_char("11010519491231002"), 'X');
	cr_assert_eq(idcard_check_char("44052418800101001"), '4');
	cr_assert_eq(idcard_check_char("4405241880010100"), '\0');
	cr_assert_eq(idcard_check_char("4405241880010100a"), '\0');
	cr_assert_eq(idcard_check_char(NULL), '\0');
}

Test(idcard, lower_case_x_stored_upper)
{
	struct idcard id;

	cr_assert_eq(idcard_parse("11010519491231002x", TODAY, &id), IDCARD_OK);
	cr_assert_str_eq(id.number, "11010519491231002X");
}

Test(idcard, full_width_and_spaces)
{
	struct idcard id;

	/* Full-width digits and Ｘ, ideographic and ASCII spaces around. */
	cr_assert_eq(
	    idcard_parse("\u3000 １１０１０５１９４９１２３１００２Ｘ\t ",
	                 TODAY, &id),
	    IDCARD_OK);
	cr_assert_str_eq(id.number, "11010519491231002X");
	cr_assert_eq(
	    idcard_parse("１１０１０５１９４９１２３１００２ｘ", TODAY, &id),
	    IDCARD_OK);
	cr_assert_str_eq(id.number, "11010519491231002X");
	cr_assert_eq(idcard_parse("  440524188001010014\n", TODAY, &id),
	             IDCARD_OK);
	cr_assert_str_eq(id.number, "440524188001010014");
}

Test(idcard, fifteen_digits_converted)
{
	struct idcard id;

	cr_assert_eq(idcard_parse("110105491231002", TODAY, &id), IDCARD_OK);
	cr_assert_str_eq(id.number, "11010519491231002X");
	cr_assert(id.converted);
	cr_assert_str_eq(id.birth, "1949-12-31");
	cr_assert_eq(id.sex, 2);
	cr_assert_eq(idcard_parse("440524800101001", TODAY, &id), IDCARD_OK);
	cr_assert_str_eq(id.number, "440524198001010013");
	cr_assert_eq(id.sex, 1);
	/* A 15-digit number has no check character: a bad date is still bad. */
	cr_assert_eq(idcard_parse("110105491331002", TODAY, &id), IDCARD_DATE);
	cr_assert(id.converted);
	cr_assert_eq(idcard_parse("11010549123100X", TODAY, &id),
	             IDCARD_LENGTH);
}

Test(idcard, february_29)
{
	struct idcard id;
	char s[19];

	id_make(s, "622921", "20000229", "123");
	cr_assert_eq(idcard_parse(s, TODAY, &id), IDCARD_OK, "%s", s);
	cr_assert_str_eq(id.birth, "2000-02-29");
	id_make(s, "622921", "20040229", "123");
	cr_assert_eq(idcard_parse(s, TODAY, &id), IDCARD_OK, "%s", s);
	id_make(s, "622921", "19000229", "123");
	cr_assert_eq(idcard_parse(s, TODAY, &id), IDCARD_DATE, "%s", s);
	cr_assert_str_eq(id.birth, "1900-02-29");
	id_make(s, "622921", "20230229", "123");
	cr_assert_eq(idcard_parse(s, TODAY, &id), IDCARD_DATE, "%s", s);
	id_make(s, "622921", "20010230", "123");
	cr_assert_eq(idcard_parse(s, TODAY, &id), IDCARD_DATE, "%s", s);
}

Test(idcard, impossible_dates)
{
	static const char *const bad[] = {"19901301", "19900001", "19900100",
	                                  "19900132", "19900431", "17991231",
	                                  "00000101"};
	struct idcard id;
	char s[19];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		id_make(s, "622921", bad[i], "123");
		cr_assert_eq(idcard_parse(s, TODAY, &id), IDCARD_DATE, "%s", s);
	}
	id_make(s, "622921", "18000101", "123");
	cr_assert_eq(idcard_parse(s, TODAY, &id), IDCARD_OK, "%s", s);
}

Test(idcard, future_dates)
{
	struct idcard id;
	char s[19];

	id_make(s, "622921", "20991231", "124");
	cr_assert_eq(idcard_parse(s, TODAY, &id), IDCARD_FUTURE);
	cr_assert_str_eq(id.birth, "2099-12-31");
	id_make(s, "622921", "20240615", "124");
	cr_assert_eq(idcard_parse(s, TODAY, &id), IDCARD_FUTURE,
	             "born today is not strictly in the past");
	id_make(s, "622921", "20240614", "124");
	cr_assert_eq(idcard_parse(s, TODAY, &id), IDCARD_OK);
	id_make(s, "622921", "20250101", "124");
	cr_assert_eq(idcard_parse(s, TODAY, &id), IDCARD_FUTURE);
	/* NULL or a malformed today: the local date. */
	cr_assert_eq(idcard_parse(s, NULL, &id) == IDCARD_OK ||
	                 idcard_parse(s, NULL, &id) == IDCARD_FUTURE,
	             1);
	id_make(s, "622921", "29991231", "124");
	cr_assert_eq(idcard_parse(s, NULL, &id), IDCARD_FUTURE);
	cr_assert_eq(idcard_parse(s, "2024-13-01", &id), IDCARD_FUTURE);
	cr_assert_eq(idcard_parse(vectors[0], NULL, &id), IDCARD_OK);
	cr_assert_eq(idcard_parse(vectors[0], "junk", &id), IDCARD_OK);
}

Test(idcard, length_errors)
{
	struct idcard id;

	cr_assert_eq(idcard_parse("", TODAY, &id), IDCARD_EMPTY);
	cr_assert_eq(idcard_parse(" \t\u3000", TODAY, &id), IDCARD_EMPTY);
	cr_assert_eq(idcard_parse(NULL, TODAY, &id), IDCARD_EMPTY);
	cr_assert_eq(idcard_parse("11010519491231002", TODAY, &id),
	             IDCARD_LENGTH);
	cr_assert_eq(idcard_parse("11010519491231002X1", TODAY, &id),
	             IDCARD_CHARS);
	cr_assert_eq(idcard_parse("1101051949123100211", TODAY, &id),
	             IDCARD_LENGTH);
	cr_assert_eq(idcard_parse("1101051949123100X", TODAY, &id),
	             IDCARD_LENGTH);
	cr_assert_eq(idcard_parse("1", TODAY, &id), IDCARD_LENGTH);
	cr_assert_eq(idcard_parse("11010549123100", TODAY, &id), IDCARD_LENGTH);
	cr_assert_eq(id.number[0], '\0', "nothing filled before the length");
}

Test(idcard, character_errors)
{
	static const char *const bad[] = {
	    "1101051949123100XX",       "11010519491231X02X",
	    "X1010519491231002X",       "110105 19491231002X",
	    "1101051949123100a2",       "张三",
	    "11010519491231002Y",       "\xff\xfe",
	    "1101051949123\xe4\xb8",    "110105-19491231-002X",
	    "11010519491231002X\x1b[0m"};
	struct idcard id;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_assert_eq(idcard_parse(bad[i], TODAY, &id), IDCARD_CHARS,
		             "case %zu", i);
}

Test(idcard, age_around_birthday)
{
	cr_assert_eq(idcard_age("2000-06-15", "2024-06-14"), 23);
	cr_assert_eq(idcard_age("2000-06-15", "2024-06-15"), 24);
	cr_assert_eq(idcard_age("2000-06-15", "2024-06-16"), 24);
	cr_assert_eq(idcard_age("2000-06-15", "2000-06-15"), 0);
	cr_assert_eq(idcard_age("2000-12-31", "2001-01-01"), 0);
	cr_assert_eq(idcard_age("1949-12-31", "2024-06-15"), 74);
	/* Born on 29 February: a year older on 1 March in a common year. */
	cr_assert_eq(idcard_age("2000-02-29", "2023-02-28"), 22);
	cr_assert_eq(idcard_age("2000-02-29", "2023-03-01"), 23);
	cr_assert_eq(idcard_age("2000-02-29", "2024-02-28"), 23);
	cr_assert_eq(idcard_age("2000-02-29", "2024-02-29"), 24);
}

Test(idcard, age_refuses_bad_dates)
{
	cr_assert_eq(idcard_age("2000-06-16", "2000-06-15"), -1);
	cr_assert_eq(idcard_age("8060-02-29", "2024-06-15"), -1);
	cr_assert_eq(idcard_age("2025-01-01", "2024-06-15"), -1);
	cr_assert_eq(idcard_age("2000-02-30", "2024-06-15"), -1);
	cr_assert_eq(idcard_age("2000-6-15", "2024-06-15"), -1);
	cr_assert_eq(idcard_age("20000615", "2024-06-15"), -1);
	cr_assert_eq(idcard_age(NULL, "2024-06-15"), -1);
	cr_assert_eq(idcard_age("2000-06-15", NULL), -1);
	cr_assert_eq(idcard_age("2000-06-15", "2024-06-15x"), -1);
}

Test(idcard, mask)
{
	char buf[19];

	idcard_mask("11010519491231002X", buf);
	cr_assert_str_eq(buf, "110105********002X");
	idcard_mask("110105491231002", buf);
	cr_assert_str_eq(buf, "110105*****1002");
	idcard_mask("62292119900101123X43", buf);
	cr_assert_str_eq(buf, "622921********3X43");
	idcard_mask("1234567890", buf);
	cr_assert_str_eq(buf, "**********");
	idcard_mask("", buf);
	cr_assert_str_eq(buf, "");
	idcard_mask(NULL, buf);
	cr_assert_str_eq(buf, "");
	idcard_mask("张三李四王五赵六", buf);
	cr_assert_eq(strlen(buf), 18);
	cr_assert_str_eq(buf, "******************");
	idcard_mask("110105\x1b[31m1949123", buf);
	cr_assert_str_eq(buf, "110105********9123");
}

Test(idcard, phone)
{
	static const char *const good[] = {"13812345678",
	                                   "138 1234 5678",
	                                   "138-1234-5678",
	                                   "+86 138 1234 5678",
	                                   "+8613812345678",
	                                   " 13812345678 ",
	                                   "１３８１２３４５６７８",
	                                   "+86-138-1234-5678",
	                                   "\u300013812345678"};
	static const char *const bad[] = {"23812345678",
	                                  "1381234567",
	                                  "138123456789",
	                                  "+85 13812345678",
	                                  "8613812345678",
	                                  "138a2345678",
	                                  "138+12345678",
	                                  "",
	                                  "+86",
	                                  "1381234567８x",
	                                  "++8613812345678",
	                                  "138\xff"
	                                  "2345678"};
	char buf[12];

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		cr_assert(phone_valid(good[i], buf), "good %zu", i);
		cr_assert_str_eq(buf, "13812345678");
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memcpy(buf, "xxxxxxxxxxx", 12);
		cr_assert(!phone_valid(bad[i], buf), "bad %zu", i);
		cr_assert_str_eq(buf, "");
	}
	cr_assert(!phone_valid(NULL, buf));
	cr_assert(phone_valid("13812345678", NULL));
}

Test(idcard, today_is_local_date)
{
	char buf[11], want[11];
	time_t now = time(NULL);
	struct tm tmv;

	idcard_today(buf);
	localtime_r(&now, &tmv);
	strftime(want, sizeof(want), "%Y-%m-%d", &tmv);
	cr_assert_str_eq(buf, want);
	cr_assert_eq(idcard_age(buf, buf), 0);
}
