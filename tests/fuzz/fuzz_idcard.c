/*
 * Fuzz target: idcard_parse, idcard_age, idcard_mask and phone_valid over
 * the raw input (copied and NUL-terminated; a NUL in it ends the string).
 *
 * Checks, beyond "no crash, no leak":
 * - IDCARD_OK: number is 18 characters, 17 ASCII digits and the check
 *   character idcard_check_char gives; birth is a real date before today
 *   (idcard_age of it is >= 0) and matches the digits; sex matches the
 *   parity of the 17th digit; region is the first 6 digits; parsing the
 *   number again gives the same result, unconverted.
 * - IDCARD_CHECK: expected is a valid check character, not the one typed.
 * - Any error: from DATE on, number holds 18 characters; before it, the
 *   result is zeroed.
 * - idcard_mask: at most 18 ASCII letters, digits or '*'.
 * - phone_valid: true only with 11 ASCII digits starting 1 in buf.
 * - idcard_age: -1 or a plausible number of years.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/idcard.h"

#define FUZZ_TODAY "2024-06-15"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message when an invariant does not hold. */
static void
fuzz_check(int ok, const char *what, const char *detail)
{
	if (!ok) {
		fprintf(stderr, "fuzz_idcard: invariant failed: %s (%s)\n",
		        what, detail);
		abort();
	}
}

/* Whether the n bytes at s are ASCII digits. */
static int
fuzz_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* The invariants of a successful parse of s. */
static void
fuzz_ok(const char *s, const struct idcard *id)
{
	struct idcard again;
	char check, birth[11];

	fuzz_check(strlen(id->number) == 18, "18 characters", s);
	fuzz_check(fuzz_digits(id->number, 17), "17 digits", s);
	check = idcard_check_char(id->number);
	fuzz_check(check != '\0' && id->number[17] == check, "check char", s);
	snprintf(birth, sizeof(birth), "%.4s-%.2s-%.2s", id->number + 6,
	         id->number + 10, id->number + 12);
	fuzz_check(strcmp(birth, id->birth) == 0, "birth from digits", s);
	fuzz_check(idcard_age(id->birth, FUZZ_TODAY) >= 0, "real past date", s);
	fuzz_check(strcmp(id->birth, FUZZ_TODAY) < 0, "before today", s);
	fuzz_check(id->sex == ((id->number[16] - '0') % 2 ? 1 : 2), "sex", s);
	fuzz_check(strncmp(id->region, id->number, 6) == 0 &&
	               strlen(id->region) == 6,
	           "region", s);
	fuzz_check(idcard_parse(id->number, FUZZ_TODAY, &again) == IDCARD_OK,
	           "normalised number parses", s);
	fuzz_check(strcmp(again.number, id->number) == 0 && !again.converted,
	           "normalised number is stable", s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct idcard id;
	enum idcard_error e;
	char mask[19], phone[12];
	int age;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	e = idcard_parse(s, FUZZ_TODAY, &id);
	fuzz_check(e >= IDCARD_OK && e <= IDCARD_CHECK, "error in range", s);
	if (e == IDCARD_OK)
		fuzz_ok(s, &id);
	if (e == IDCARD_CHECK) {
		fuzz_check(id.expected == idcard_check_char(id.number) &&
		               id.expected != id.number[17],
		           "expected check char", s);
	} else {
		fuzz_check(id.expected == '\0', "expected only on CHECK", s);
	}
	if (e >= IDCARD_DATE)
		fuzz_check(strlen(id.number) == 18, "number filled", s);
	else if (e != IDCARD_OK)
		fuzz_check(id.number[0] == '\0' && id.birth[0] == '\0' &&
		               id.sex == 0,
		           "nothing filled", s);

	idcard_mask(s, mask);
	fuzz_check(strlen(mask) <= 18, "mask length", s);
	for (size_t i = 0; mask[i]; i++)
		fuzz_check((mask[i] >= '0' && mask[i] <= '9') ||
		               (mask[i] >= 'A' && mask[i] <= 'Z') ||
		               (mask[i] >= 'a' && mask[i] <= 'z') ||
		               mask[i] == '*',
		           "mask characters", s);

	if (phone_valid(s, phone))
		fuzz_check(strlen(phone) == 11 && phone[0] == '1' &&
		               fuzz_digits(phone, 11),
		           "phone", s);
	else
		fuzz_check(phone[0] == '\0', "phone cleared", s);

	/* The input as a birth date against a fixed day, and the other way. */
	age = idcard_age(s, FUZZ_TODAY);
	fuzz_check(age >= -1 && age < 10000, "age", s);
	age = idcard_age("1949-12-31", s);
	fuzz_check(age >= -1 && age < 10000, "age today", s);

	free(s);
	return 0;
}
