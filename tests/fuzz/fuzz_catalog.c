/*
 * Fuzz target: i18n_load_buffer over the raw input (not NUL-terminated,
 * may hold NULs).
 *
 * Checks, beyond "no crash, no leak": a success makes every tr() text valid
 * UTF-8 with no control character but newline; a failure keeps the previous
 * catalog (here: none, so tr() gives id names) and gives one line without
 * control characters that starts with the file name.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/utf8.h"

#define FUZZ_NAME "fuzz.txt"

static const char *const fuzz_ids[] = {
#define FUZZ_ID(name) #name,
    FD_MSG_LIST(FUZZ_ID)
#undef FUZZ_ID
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message when an invariant does not hold. */
static void
fuzz_check(int ok, const char *what, const char *detail)
{
	if (!ok) {
		fprintf(stderr, "fuzz_catalog: invariant failed: %s (%s)\n",
		        what, detail);
		abort();
	}
}

/* Whether s is valid UTF-8 without control characters (C0, DEL, C1), newline
 * aside. */
static int
fuzz_clean(const char *s)
{
	size_t n = strlen(s), i = 0;
	uint32_t cp;

	while (i < n) {
		int k = utf8_decode(s + i, n - i, &cp);

		if (k <= 0)
			return 0;
		if ((cp < 0x20 && cp != '\n') || cp == 0x7F ||
		    (cp >= 0x80 && cp <= 0x9F))
			return 0;
		i += (size_t)k;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct fd_err err;
	enum fd_status st;

	if (!ready) {
		setlocale(LC_ALL, "C.UTF-8");
		ready = 1;
	}
	err.msg[0] = '\0';
	st = i18n_load_buffer(FUZZ_NAME, (const char *)data, size, &err);
	if (st == FD_OK) {
		for (int id = 0; id < MSG__COUNT; id++)
			fuzz_check(fuzz_clean(tr((enum fd_msg)id)),
			           "text clean", tr((enum fd_msg)id));
	} else {
		fuzz_check(st == FD_E_PARSE, "status", err.msg);
		fuzz_check(
		    strncmp(err.msg, FUZZ_NAME ":", strlen(FUZZ_NAME) + 1) == 0,
		    "message names the file", err.msg);
		fuzz_check(strchr(err.msg, '\n') == NULL && fuzz_clean(err.msg),
		           "message one printable line", err.msg);
		fuzz_check(strcmp(tr((enum fd_msg)0), fuzz_ids[0]) == 0,
		           "no catalog after a failed first load",
		           tr((enum fd_msg)0));
	}
	i18n_free();
	return 0;
}
