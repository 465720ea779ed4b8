/*
 * Fuzz target: the household import (a dry run) and its column map.
 *
 * An input starting with "#map\n" is a column map: it is parsed with
 * import_set_map_buffer and, when it loads, the rest after a line "---"
 * (if any) is imported with it; the built-in map is restored after. Any
 * other input is a CSV file imported as a dry run into one in-memory
 * database opened on the first call, with the embedded code lists and
 * regions, so the header matching, cleaning, grouping, village lookup
 * and the household checks all see hostile input.
 *
 * Invariants checked: a dry run never writes (the database stays empty);
 * the status is one the header promises; refused lines are at most the
 * lines read and each appears in the problems; counts add up.
 */
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/codes.h"
#include "frontdesk/db.h"
#include "frontdesk/i18n.h"
#include "frontdesk/import.h"
#include "frontdesk/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message when an invariant does not hold. */
static void
fuzz_check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_import: invariant failed: %s\n", what);
		abort();
	}
}

/* The number of '\n'-ended lines of s (NULL: 0). */
static size_t
fuzz_lines(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		n += *s == '\n';
	return n;
}

/* Import data as a dry run and check the report. */
static void
fuzz_import(struct fd_db *db, const char *data, size_t size)
{
	struct import_report rep;
	struct fd_err err = {{0}};
	enum fd_status st;

	st = import_households(db, data, size, true, NULL, NULL, &rep, &err);
	fuzz_check(st == FD_OK || st == FD_E_CHECK || st == FD_E_PARSE,
	           "status");
	fuzz_check(st != FD_E_CHECK || rep.refused > 0, "CHECK has refusals");
	fuzz_check(st != FD_OK || rep.refused == 0, "OK has none");
	fuzz_check(rep.refused <= rep.lines, "refused <= lines");
	fuzz_check(rep.warned <= rep.lines, "warned <= lines");
	fuzz_check(rep.households <= rep.lines, "households <= lines");
	fuzz_check(fuzz_lines(rep.problems.buf) >= rep.refused,
	           "a problem per refused line");
	fuzz_check(st != FD_OK || rep.unchanged + rep.updated == 0,
	           "nothing stored, nothing unchanged");
	import_report_free(&rep);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fd_db *db;
	struct fd_err err = {{0}};
	const char *s = (const char *)data;

	if (!db) {
		setlocale(LC_ALL, "C.UTF-8");
		if (i18n_load("zh", NULL, &err) != FD_OK ||
		    codes_load(NULL, NULL, &err) != FD_OK ||
		    db_open(":memory:", "fuzz", NULL, &db, &err) != FD_OK) {
			fprintf(stderr, "fuzz_import: setup: %s\n", err.msg);
			abort();
		}
	}
	if (size >= 5 && memcmp(s, "#map\n", 5) == 0) {
		const char *sep = NULL;
		size_t maplen = size;

		for (size_t i = 0; i + 5 <= size; i++) {
			if (memcmp(s + i, "\n---\n", 5) == 0) {
				sep = s + i + 5;
				maplen = i + 1;
				break;
			}
		}
		if (import_set_map_buffer("fuzz", s, maplen, &err) == FD_OK &&
		    sep)
			fuzz_import(db, sep, size - (size_t)(sep - s));
		fuzz_check(import_set_map(NULL, &err) == FD_OK,
		           "built-in map loads");
	} else {
		fuzz_import(db, s, size);
	}
	return 0;
}
