/*
 * Fuzz target: the CSV reader and writer.
 *
 * Part 1 reads the input as CSV to the end or the first error and checks
 * every record: at least one field, every field valid UTF-8 without NUL,
 * within CSV_FIELD_MAX, record lines that never go back, an error with a
 * "line N:" message that stays the same on the next call. Each record is
 * then written with csv_write_row and read back: one record, the same
 * fields.
 * Part 2 cuts the input into fields at 0x1F and records at 0x1E; when a
 * record's fields are valid UTF-8 without NUL, writing it and reading it
 * back must give the same fields (the writer's quoting is complete).
 * The English catalog is loaded first: messages are its CSV_* texts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/csv.h"
#include "frontdesk/i18n.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message when an invariant does not hold. */
static void
fuzz_check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_csv: invariant failed: %s\n", what);
		abort();
	}
}

/* Write the n fields f as one record, read it back and compare. */
static void
fuzz_round_trip(char *const *f, size_t n)
{
	struct strbuf sb = {0};
	struct csv_reader *r;
	struct fd_err err;
	char **g;
	size_t m;
	enum fd_status st;

	csv_write_row(&sb, (const char *const *)f, n);
	fuzz_check(sb.len >= 2 && memcmp(sb.buf + sb.len - 2, "\r\n", 2) == 0,
	           "written record ends in CRLF");
	r = csv_open(sb.buf, sb.len);
	st = csv_next(r, &g, &m, &err);
	if (st != FD_OK)
		fprintf(stderr, "fuzz_csv: read back: %s\n", err.msg);
	fuzz_check(st == FD_OK, "written record reads back");
	fuzz_check(m == n, "same number of fields");
	for (size_t i = 0; i < n; i++)
		fuzz_check(strcmp(f[i], g[i]) == 0, "same field");
	fuzz_check(csv_line(r) == 1, "read back on line 1");
	fuzz_check(csv_next(r, &g, &m, &err) == FD_E_NOTFOUND,
	           "one record written, one read");
	csv_close(r);
	strbuf_free(&sb);
}

/* Part 1: read the input as CSV. */
static void
fuzz_read(const char *data, size_t size)
{
	struct csv_reader *r = csv_open(data, size);
	struct fd_err err, again;
	enum fd_status st;
	char **f, **copy;
	size_t n;
	int last = 0;

	while ((st = csv_next(r, &f, &n, &err)) == FD_OK) {
		fuzz_check(n >= 1 && n <= CSV_FIELDS_MAX, "field count");
		fuzz_check(csv_line(r) >= 1 && csv_line(r) > last,
		           "lines go forward");
		last = csv_line(r);
		copy = xcalloc(n, sizeof(*copy));
		for (size_t i = 0; i < n; i++) {
			size_t len = strlen(f[i]);

			fuzz_check(len <= CSV_FIELD_MAX, "field size");
			fuzz_check(utf8_valid(f[i], len), "field is UTF-8");
			copy[i] = xstrdup(f[i]);
		}
		fuzz_round_trip(copy, n);
		for (size_t i = 0; i < n; i++)
			free(copy[i]);
		free(copy);
	}
	if (st == FD_E_PARSE) {
		fuzz_check(strncmp(err.msg, "line ", 5) == 0,
		           "error names a line");
		fuzz_check(csv_next(r, &f, &n, &again) == FD_E_PARSE,
		           "error is sticky");
		fuzz_check(strcmp(err.msg, again.msg) == 0, "same error again");
	} else {
		fuzz_check(st == FD_E_NOTFOUND, "end or error");
	}
	csv_close(r);
}

/* Part 2: records cut at 0x1E, fields at 0x1F, written and read back. */
static void
fuzz_write(const char *data, size_t size)
{
	size_t start = 0;

	while (start <= size) {
		const char *rec = data + start;
		const char *end = memchr(rec, 0x1E, size - start);
		size_t len = end ? (size_t)(end - rec) : size - start;
		char **f = NULL;
		size_t n = 0, at = 0;

		if (len <= CSV_FIELD_MAX && utf8_valid(rec, len) &&
		    !memchr(rec, 0, len)) {
			for (;;) {
				const char *sep =
				    memchr(rec + at, 0x1F, len - at);
				size_t flen =
				    sep ? (size_t)(sep - rec - at) : len - at;

				f = xrealloc(f, (n + 1) * sizeof(*f));
				f[n++] = xstrndup(rec + at, flen);
				if (!sep || n == CSV_FIELDS_MAX)
					break;
				at += flen + 1;
			}
			fuzz_round_trip(f, n);
			for (size_t i = 0; i < n; i++)
				free(f[i]);
			free(f);
		}
		start += len + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct fd_err err = {{0}};

	/* The messages come from the catalog: English, checked for "line ". */
	if (!ready) {
		if (i18n_load("en", NULL, &err) != FD_OK) {
			fprintf(stderr, "fuzz_csv: setup: %s\n", err.msg);
			abort();
		}
		ready = 1;
	}
	fuzz_read((const char *)data, size);
	fuzz_write((const char *)data, size);
	return 0;
}
