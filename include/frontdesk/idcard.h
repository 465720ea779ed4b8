/*
 * Resident ID numbers (GB 11643-1999) and phone numbers.
 *
 * AAAAAA YYYYMMDD SSS C: region at issue, birth date, sequence (odd male,
 * even female), check character (ISO 7064 MOD 11-2, "10X98765432"[S % 11]
 * with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2). Lower-case x is
 * accepted and stored as X; an old 15-digit number is converted by
 * inserting "19" after the region and computing the check character.
 * Full-width digits and Ｘ from a Chinese input method count as ASCII.
 * An unknown region prefix is not an error here (abolished codes live on in
 * old numbers): the caller warns.
 */
#ifndef FRONTDESK_IDCARD_H
#define FRONTDESK_IDCARD_H

#include <stdbool.h>

enum idcard_error {
	IDCARD_OK,
	IDCARD_EMPTY,
	IDCARD_LENGTH, /* not 18 characters (or 15 digits) */
	IDCARD_CHARS,  /* not digits (X only last) */
	IDCARD_DATE,   /* the birth date is not a real date (year >= 1800) */
	IDCARD_FUTURE, /* the birth date is not strictly before today */
	IDCARD_CHECK,  /* the check character is wrong */
};

struct idcard {
	char number[19]; /* normalised: 18 characters, upper-case X */
	char birth[11];  /* YYYY-MM-DD as written (not real on IDCARD_DATE) */
	int sex;         /* 1 male, 2 female */
	char region[7];  /* the 6-digit region code at issue */
	bool converted;  /* was a 15-digit number */
	char expected;   /* for IDCARD_CHECK: the right check character */
};

/* Parse and validate s (surrounding spaces, also U+3000, ignored); today
 * is "YYYY-MM-DD" for the past-date check (NULL or malformed: the local
 * date). Errors come in this order: EMPTY, CHARS, LENGTH, DATE, FUTURE,
 * CHECK. Fills out as far as it got: out is zeroed, and from DATE on (and
 * for OK) number, region, birth, sex and converted are set; expected only
 * for CHECK. */
enum idcard_error
idcard_parse(const char *s, const char *today, struct idcard *out);

/* The check character for the first 17 digits; '\0' if the first 17
 * characters are not all ASCII digits. */
char
idcard_check_char(const char *first17);

/* Age in whole years on day today ("YYYY-MM-DD") of someone born on birth
 * ("YYYY-MM-DD"); -1 if either is not a real date or birth is after today.
 * Born on 29 February: a year older on 1 March in a common year. */
int
idcard_age(const char *birth, const char *today);

/* "622921********1234": the first 6 and last 4 characters kept. Writes a
 * NUL-terminated string of at most 18 characters into buf[19]: as many
 * characters as number for up to 18 (a longer one is cut to 18 by masking
 * its middle), all '*' for 10 or fewer; anything but an ASCII letter or
 * digit shows as '*', so the result is always safe to draw. NULL gives "". */
void
idcard_mask(const char *number, char buf[19]);

/* A mainland mobile number: 11 digits starting with 1, after removing
 * spaces and dashes (also U+3000 and full-width －); full-width digits and
 * a leading +86 are accepted. The 11 ASCII digits go into buf[12] (may be
 * NULL); buf is "" when s is not valid. */
bool
phone_valid(const char *s, char buf[12]);

/* Today's date "YYYY-MM-DD" in local time into buf[11] (util_today). */
void
idcard_today(char buf[11]);

#endif
