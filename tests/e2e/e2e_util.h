/*
 * Small helpers shared by the end-to-end tests, over the harness. Header
 * only, all static inline (the test files are linked into one binary, and
 * one that includes this without using every helper must still build).
 */
#ifndef FRONTDESK_E2E_UTIL_H
#define FRONTDESK_E2E_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* The "shown/total" count of a list's search line on row `row` of h;
 * fails the test, naming the caller's line, if the row has none. */
#define e2e_count(h, row, shown, total)                                        \
	e2e_count_at(__FILE__, __LINE__, (h), (row), (shown), (total))

static inline void
e2e_count_at(const char *file, int line, struct harness *h, int row, int *shown,
             int *total)
{
	char *text = harness_row(h, row);
	char *slash = strrchr(text, '/');
	char *p = slash;

	*shown = *total = -1;
	if (slash) {
		while (p > text && p[-1] >= '0' && p[-1] <= '9')
			p--;
		if (p < slash && sscanf(p, "%d/%d", shown, total) != 2)
			*shown = *total = -1;
	}
	free(text);
	if (*shown < 0)
		harness_fail_at(file, line, h,
		                "row %d has no \"shown/total\" count", row);
}

/* The 18-character ID number (GB 11643) made of the 17 digits first17 and
 * their check character: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
 * "10X98765432"[sum % 11]. out gets 19 bytes. */
static inline void
e2e_id_number(const char *first17, char out[19])
{
	static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6,
	                               3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		out[i] = first17[i];
		sum += (first17[i] - '0') * weight[i];
	}
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

#endif
