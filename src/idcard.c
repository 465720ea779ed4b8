/*
 * Resident ID numbers (GB 11643-1999), ages, masks and phone numbers.
 *
 * Design
 * - The input is read as UTF-8 characters, not bytes, so what a Chinese
 *   input method sends is understood: full-width digits U+FF10..U+FF19 and
 *   full-width X (U+FF38, U+FF58) count as their ASCII forms, and the
 *   ideographic space U+3000 and the no-break space U+00A0 are trimmed at
 *   the ends like ASCII white space. Nothing else is accepted: a space
 *   inside the number is a character error.
 * - Errors are found in the order a person fixes them: empty, a character
 *   that cannot be in an ID (a letter, an X before the end), the length
 *   (18, or 15 digits without X), the birth date, and last the check
 *   character. A
 *   typo in the date digits therefore says "not a real date" rather than
 *   "wrong check character".
 * - idcard_parse fills its result as far as it got: once the characters and
 *   the length are right, number (normalised to 18 characters: converted
 *   from 15 digits, upper-case X), region, birth ("YYYY-MM-DD" as written in
 *   the number, even when it is not a real date, so a message can quote
 *   it) and sex are set; expected is set for IDCARD_CHECK only.
 * - A birth date is real when it is a day of the Gregorian calendar with a
 *   year from IDCARD_YEAR_MIN; it must be strictly before today.
 * - Ages count whole years; someone born on 29 February becomes a year
 *   older on 1 March in a common year.
 *
 * Invariants
 * - IDCARD_OK implies: number is 17 ASCII digits and a check character
 *   equal to idcard_check_char(number), birth is a real date before today,
 *   sex is 1 for an odd 17th digit and 2 for an even one, and region is the
 *   first 6 digits.
 * - Nothing here allocates; every output buffer is NUL-terminated.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "frontdesk/idcard.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

/* The earliest birth year taken as real (the oldest people alive at the
 * time of the 1999 standard were born in the 1880s-1890s). */
#define IDCARD_YEAR_MIN 1800

/* Weights of positions 1-17 (ISO 7064 MOD 11-2). */
static const int idcard_weights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                       3, 7, 9,  10, 5, 8, 4, 2};
/* The check character for each remainder of the weighted sum. */
static const char idcard_checks[] = "10X98765432";

/* Whether cp is trimmed at the ends of an ID or phone number. */
static int
idcard_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' ||
	       cp == '\v' || cp == '\f' || cp == 0x00A0 || cp == 0x3000;
}

/* The ASCII digit for an ASCII or full-width digit cp, or 0. */
static char
idcard_digit(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (char)cp;
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (char)('0' + (cp - 0xFF10));
	return 0;
}

/* True in a leap year of the Gregorian calendar. */
static int
idcard_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in month m (1-12) of year y. */
static int
idcard_month_days(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
	                             31, 31, 30, 31, 30, 31};

	return m == 2 && idcard_leap(y) ? 29 : days[m - 1];
}

/* The value of the n ASCII digits at s, or -1 if one is not a digit. */
static int
idcard_number(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Whether year y, month m, day d is a real date from year min_year. */
static int
idcard_real_date(int y, int m, int d, int min_year)
{
	return y >= min_year && m >= 1 && m <= 12 && d >= 1 &&
	       d <= idcard_month_days(y, m);
}

/* Parse s as a real date "YYYY-MM-DD" (exactly ten characters) from year
 * 1; 0 if it is not one. */
static int
idcard_date_parse(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	*y = idcard_number(s, 4);
	*m = idcard_number(s + 5, 2);
	*d = idcard_number(s + 8, 2);
	return *y >= 0 && *m >= 0 && *d >= 0 && idcard_real_date(*y, *m, *d, 1);
}

/* Skip the trimmed characters at both ends of s[0..*end) and return the
 * offset of the first kept byte; *end becomes the end of the kept part. */
static size_t
idcard_trim(const char *s, size_t *end)
{
	size_t b = 0, e = *end;
	uint32_t cp;

	while (b < e) {
		int k = utf8_decode(s + b, e - b, &cp);

		if (k <= 0 || !idcard_is_space(cp))
			break;
		b += (size_t)k;
	}
	while (e > b) {
		size_t p = e - 1;
		int k;

		while (p > b && ((unsigned char)s[p] & 0xC0) == 0x80 &&
		       e - p < UTF8_MAX_BYTES)
			p--;
		k = utf8_decode(s + p, e - p, &cp);
		if (k <= 0 || (size_t)k != e - p || !idcard_is_space(cp))
			break;
		e = p;
	}
	*end = e;
	return b;
}

char
idcard_check_char(const char *first17)
{
	int sum = 0;

	if (!first17)
		return '\0';
	for (int i = 0; i < 17; i++) {
		if (first17[i] < '0' || first17[i] > '9')
			return '\0';
		sum += (first17[i] - '0') * idcard_weights[i];
	}
	return idcard_checks[sum % 11];
}

/* Read the characters of s[0..len) into digits (up to 18 kept, ASCII
 * digits and X); *count gets the number of characters and *x_at the index
 * of the first X ((size_t)-1 if none). Returns 0 if one is neither a digit
 * nor an X, 1 otherwise. */
static int
idcard_collect(const char *s, size_t len, char digits[19], size_t *count,
               size_t *x_at)
{
	size_t i = 0, n = 0;
	uint32_t cp;

	*x_at = (size_t)-1;
	while (i < len) {
		int k = utf8_decode(s + i, len - i, &cp);
		char c;

		if (k <= 0)
			return 0;
		c = idcard_digit(cp);
		if (!c &&
		    (cp == 'x' || cp == 'X' || cp == 0xFF38 || cp == 0xFF58)) {
			c = 'X';
			if (*x_at == (size_t)-1)
				*x_at = n;
		}
		if (!c)
			return 0;
		if (n < 18)
			digits[n] = c;
		n++;
		i += (size_t)k;
	}
	digits[n < 18 ? n : 18] = '\0';
	*count = n;
	return 1;
}

enum idcard_error
idcard_parse(const char *s, const char *today, struct idcard *out)
{
	char digits[19], now[11];
	size_t len, b, n = 0, x_at;
	int y, m, d, ty, tm, td;
	char c;

	memset(out, 0, sizeof(*out));
	if (!s)
		return IDCARD_EMPTY;
	len = strlen(s);
	b = idcard_trim(s, &len);
	if (b == len)
		return IDCARD_EMPTY;
	if (!idcard_collect(s + b, len - b, digits, &n, &x_at))
		return IDCARD_CHARS;
	if (x_at != (size_t)-1 && x_at != n - 1)
		return IDCARD_CHARS;
	if (n != 18 && !(n == 15 && x_at == (size_t)-1))
		return IDCARD_LENGTH;
	if (n == 15) {
		memcpy(out->number, digits, 6);
		memcpy(out->number + 6, "19", 2);
		memcpy(out->number + 8, digits + 6, 9);
		out->number[17] = idcard_check_char(out->number);
		out->converted = true;
	} else {
		memcpy(out->number, digits, 18);
	}
	out->number[18] = '\0';
	memcpy(out->region, out->number, 6);
	out->region[6] = '\0';
	snprintf(out->birth, sizeof(out->birth), "%.4s-%.2s-%.2s",
	         out->number + 6, out->number + 10, out->number + 12);
	out->sex = (out->number[16] - '0') % 2 ? 1 : 2;
	y = idcard_number(out->number + 6, 4);
	m = idcard_number(out->number + 10, 2);
	d = idcard_number(out->number + 12, 2);
	if (!idcard_real_date(y, m, d, IDCARD_YEAR_MIN))
		return IDCARD_DATE;
	if (!idcard_date_parse(today, &ty, &tm, &td)) {
		idcard_today(now);
		idcard_date_parse(now, &ty, &tm, &td);
	}
	if (y > ty || (y == ty && (m > tm || (m == tm && d >= td))))
		return IDCARD_FUTURE;
	c = idcard_check_char(out->number);
	if (out->number[17] != c) {
		out->expected = c;
		return IDCARD_CHECK;
	}
	return IDCARD_OK;
}

int
idcard_age(const char *birth, const char *today)
{
	int by, bm, bd, ty, tm, td, age;

	if (!idcard_date_parse(birth, &by, &bm, &bd) ||
	    !idcard_date_parse(today, &ty, &tm, &td))
		return -1;
	age = ty - by;
	if (tm < bm || (tm == bm && td < bd))
		age--;
	return age < 0 ? -1 : age;
}

void
idcard_mask(const char *number, char buf[19])
{
	size_t n = number ? strlen(number) : 0;
	size_t o = 0;

	if (n > 10) {
		size_t keep_tail = 4;
		size_t stars = (n > 18 ? 18 : n) - 6 - keep_tail;

		for (size_t i = 0; i < 6; i++)
			buf[o++] = number[i];
		for (size_t i = 0; i < stars; i++)
			buf[o++] = '*';
		for (size_t i = n - keep_tail; i < n; i++)
			buf[o++] = number[i];
	} else {
		for (size_t i = 0; i < n; i++)
			buf[o++] = '*';
	}
	buf[o] = '\0';
	/* Only ASCII letters and digits are shown: the mask is safe to draw
	 * and never splits a UTF-8 sequence. */
	for (size_t i = 0; i < o; i++) {
		unsigned char ch = (unsigned char)buf[i];

		if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= 'a' && ch <= 'z')))
			buf[i] = '*';
	}
}

bool
phone_valid(const char *s, char buf[12])
{
	char digits[16];
	size_t len, i, n = 0;
	int plus = 0, seen = 0;
	bool ok = false;
	uint32_t cp;

	if (buf)
		buf[0] = '\0';
	if (!s)
		goto out;
	len = strlen(s);
	for (i = 0; i < len;) {
		int k = utf8_decode(s + i, len - i, &cp);
		char c;

		if (k <= 0)
			goto out;
		i += (size_t)k;
		if (idcard_is_space(cp) || cp == '-' || cp == 0xFF0D)
			continue;
		if ((cp == '+' || cp == 0xFF0B) && !seen) {
			plus = 1;
			seen = 1;
			continue;
		}
		c = idcard_digit(cp);
		if (!c || n == sizeof(digits) - 1)
			goto out;
		digits[n++] = c;
		seen = 1;
	}
	digits[n] = '\0';
	if (plus) {
		if (n != 13 || digits[0] != '8' || digits[1] != '6')
			goto out;
		memmove(digits, digits + 2, 12);
		n = 11;
	}
	if (n != 11 || digits[0] != '1')
		goto out;
	if (buf)
		memcpy(buf, digits, 12);
	ok = true;
out:
	return ok;
}

void
idcard_today(char buf[11])
{
	util_today(buf);
}
