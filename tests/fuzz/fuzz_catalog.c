/*
 * Fuzz target: i18n_load_buffer over the raw input (not NUL-terminated,
 * may hold NULs).
 *
 * Checks, beyond "no crash, no leak": a success makes every tr() text valid
 * UTF-8 with no control character but newline; a failure keeps the previous
 * catalog (here: none, so tr() gives id names) and gives one printable line
 * that starts with the file name.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/utf8.h"

#define FUZZ_NAME "fuzz.txt"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message when an invariant does not hold. */
static void
fuzz_check(int ok, const char *what, const char *detail)
{
	if (!ok) {
		fprintf(stderr, "fuzz_catalog: invariant failed: %s (%s)\n", what,
		    detail);
		abort();
	}
}

/* Whether s is printable UTF-8 once newlines are set aside. */
static int
fuzz_printable(const char *s)
{
	char *copy = strdup(s), *clean;
	int ok;

	for (char *p = copy; *p; p++)
		if (*p == '\n')
			*p = ' ';
	clean = utf8_sanitize(copy);
	ok = strcmp(clean, copy) == 0;
	free(clean);
	free(copy);
	return ok;
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
			fuzz_check(fuzz_printable(tr((enum fd_msg)id)),
			    "text printable", tr((enum fd_msg)id));
	} else {
		fuzz_check(st == FD_E_PARSE, "status", err.msg);
		fuzz_check(strncmp(err.msg, FUZZ_NAME ":", strlen(FUZZ_NAME) + 1) ==
		        0,
		    "message names the file", err.msg);
		fuzz_check(strchr(err.msg, '\n') == NULL &&
		        fuzz_printable(err.msg),
		    "message one printable line", err.msg);
		fuzz_check(strcmp(tr((enum fd_msg)0), tr((enum fd_msg)0)) == 0,
		    "tr after failure", "");
	}
	i18n_free();
	return 0;
}
