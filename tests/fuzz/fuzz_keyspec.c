/*
 * Fuzz target: keyspec_parse_list over a NUL-terminated copy of the input.
 *
 * Checks, beyond "no crash": a success gives 1..max specs, each with a
 * canonical text that parses back to itself; a failure gives *n == 0 and
 * a non-empty message that is valid UTF-8 with nothing non-printable in
 * it (the UI draws it as is).
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/keyspec.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

#define FUZZ_MAX_SPECS 8

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message when an invariant does not hold. */
static void
fuzz_check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_keyspec: invariant failed: %s\n", what);
		abort();
	}
}

/* Check one parsed spec: it formats, and the text reads back to it. */
static void
fuzz_round_trip(const struct keyspec *k)
{
	char text[KEYSPEC_TEXT_MAX];
	struct keyspec back[2];
	struct fd_err err;
	size_t n;
	int len;

	len = keyspec_format(k, text, sizeof(text));
	fuzz_check(len > 0 && (size_t)len < sizeof(text), "format");
	fuzz_check(keyspec_parse_list(text, back, 2, &n, &err) == FD_OK,
		   "canonical text parses");
	fuzz_check(n == 1 && back[0].kind == k->kind &&
			   back[0].code == k->code,
		   "round trip");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct keyspec k[FUZZ_MAX_SPECS];
	struct fd_err err;
	enum fd_status st;
	char *s, *clean;
	size_t n = 99, i;

	if (!ready) {
		setlocale(LC_ALL, "C.UTF-8");
		ready = 1;
	}
	s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	err.msg[0] = '\0';
	st = keyspec_parse_list(s, k, FUZZ_MAX_SPECS, &n, &err);
	if (st == FD_OK) {
		fuzz_check(n >= 1 && n <= FUZZ_MAX_SPECS, "count");
		for (i = 0; i < n; i++)
			fuzz_round_trip(&k[i]);
	} else {
		fuzz_check(st == FD_E_PARSE, "status");
		fuzz_check(n == 0, "count on error");
		fuzz_check(err.msg[0] != '\0', "message");
		clean = utf8_sanitize(err.msg);
		fuzz_check(strcmp(clean, err.msg) == 0,
			   "message printable and valid");
		free(clean);
	}
	free(s);
	return 0;
}
