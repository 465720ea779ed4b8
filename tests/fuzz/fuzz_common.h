/*
 * What the fuzz targets of the file parsers (fuzz_catalog, fuzz_config)
 * share: the locale, the invariant check that aborts, and the test that an
 * error message is safe to show. Header only, all static inline: the
 * Makefile links each fuzz_NAME.c alone with the core.
 *
 * Define FUZZ_TARGET (the target's name, for messages) before including.
 */
#ifndef FRONTDESK_FUZZ_COMMON_H
#define FRONTDESK_FUZZ_COMMON_H

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/utf8.h"

#ifndef FUZZ_TARGET
#error "define FUZZ_TARGET before including fuzz_common.h"
#endif

/* Set a UTF-8 locale, once per process. */
static inline void
fuzz_init(void)
{
	static int ready;

	if (!ready) {
		setlocale(LC_ALL, "C.UTF-8");
		ready = 1;
	}
}

/* Abort with a message when an invariant does not hold. */
static inline void
fuzz_check(int ok, const char *what, const char *detail)
{
	if (!ok) {
		fprintf(stderr, FUZZ_TARGET ": invariant failed: %s (%s)\n",
		        what, detail);
		abort();
	}
}

/* Whether s is valid UTF-8 without control characters (C0, DEL, C1), a
 * newline aside when newline_ok. */
static inline int
fuzz_clean(const char *s, int newline_ok)
{
	size_t n = strlen(s), i = 0;
	uint32_t cp;

	while (i < n) {
		int k = utf8_decode(s + i, n - i, &cp);

		if (k <= 0)
			return 0;
		if ((cp < 0x20 && !(cp == '\n' && newline_ok)) || cp == 0x7F ||
		    (cp >= 0x80 && cp <= 0x9F))
			return 0;
		i += (size_t)k;
	}
	return 1;
}

#endif
