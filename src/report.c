/*
 * Text reports: see include/frontdesk/report.h.
 *
 * Design
 * - A report is a table of cells (a header row, then the data rows) laid
 *   out once every cell is known: each column is as wide as its widest
 *   cell in terminal columns (utf8_width), two spaces between columns;
 *   text columns are padded on the right, number columns on the left.
 *   Trailing blanks are cut, so a line ends at its last character.
 * - Every cell is sanitized (utf8_sanitize) when it is added: codes and
 *   names come from the database, and a report may be read on a terminal.
 *
 * Invariants
 * - The core never prints: a report is appended to the caller's strbuf.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/cohort.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/report.h"
#include "frontdesk/schedule.h"
#include "frontdesk/utf8.h"

#define REPORT_GAP 2 /* columns between two columns */

/* Cells of a table, row by row. */
struct report_table {
	size_t ncols;
	const bool *right; /* ncols flags: right-aligned (numbers) */
	char **cells;      /* sanitized copies, row-major */
	size_t n, cap;
};

/* Add the next cell (a sanitized copy of s). */
static void
report_cell(struct report_table *t, const char *s)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = xrealloc(t->cells, t->cap * sizeof(*t->cells));
	}
	t->cells[t->n++] = utf8_sanitize(s);
}

/* Add a number as the next cell. */
static void
report_cell_int(struct report_table *t, long long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", v);
	report_cell(t, buf);
}

/* Append n blanks to out. */
static void
report_blanks(struct strbuf *out, int n)
{
	for (int i = 0; i < n; i++)
		strbuf_add(out, " ", 1);
}

/* Lay the table out into out and free its cells. */
static void
report_table_flush(struct report_table *t, struct strbuf *out)
{
	int *width = xcalloc(t->ncols, sizeof(*width));
	size_t rows = t->ncols ? t->n / t->ncols : 0;

	for (size_t i = 0; i < rows * t->ncols; i++) {
		int w = utf8_width(t->cells[i]);

		if (w > width[i % t->ncols])
			width[i % t->ncols] = w;
	}
	for (size_t r = 0; r < rows; r++) {
		size_t line = out->len;

		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			int pad = width[c] - utf8_width(s);

			if (c > 0)
				report_blanks(out, REPORT_GAP);
			if (t->right[c])
				report_blanks(out, pad);
			strbuf_adds(out, s);
			if (!t->right[c])
				report_blanks(out, pad);
		}
		while (out->len > line && out->buf[out->len - 1] == ' ')
			out->buf[--out->len] = '\0';
		strbuf_adds(out, "\n");
	}
	for (size_t i = 0; i < t->n; i++)
		free(t->cells[i]);
	free(t->cells);
	free(width);
	memset(t, 0, sizeof(*t));
}

/* The cohorts report. */
enum fd_status
report_cohorts(struct fd_db *db, struct strbuf *out, struct fd_err *err)
{
	static const bool right[] = {false, false, false, true,
	                             true,  true,  true};
	static const enum fd_msg head[] = {
	    MSG_REPORT_COHORT_CODE,       MSG_REPORT_COHORT_TRACK,
	    MSG_REPORT_COHORT_DATES,      MSG_REPORT_COHORT_ENROLLED,
	    MSG_REPORT_COHORT_WAITLISTED, MSG_REPORT_COHORT_ATTENDANCE,
	    MSG_REPORT_COHORT_GRADUATED};
	struct report_table t = {.ncols = FD_ARRAY_LEN(right), .right = right};
	struct cohort_info *v = NULL;
	size_t n = 0;
	enum fd_status st;

	_Static_assert(FD_ARRAY_LEN(right) == FD_ARRAY_LEN(head),
	               "one header per column");
	st = cohort_list(db, &v, &n, err);
	if (st != FD_OK)
		goto out;
	for (size_t c = 0; c < FD_ARRAY_LEN(head); c++)
		report_cell(&t, tr(head[c]));
	for (size_t i = 0; i < n; i++) {
		const struct cohort_info *c = &v[i];
		const struct schedule_track *track =
		    schedule_track_find(c->track);
		char *span = trf(MSG_REPORT_COHORT_SPAN, c->start, c->end);
		char rate[16];

		report_cell(&t, c->code);
		report_cell(&t,
		            track ? schedule_track_label(track) : c->track);
		report_cell(&t, span);
		free(span);
		report_cell_int(&t, c->enrolled);
		report_cell_int(&t, c->waitlisted);
		if (c->marks > 0)
			snprintf(rate, sizeof(rate), "%d%%",
			         (int)((100.0 * c->attended) / c->marks + 0.5));
		else
			snprintf(rate, sizeof(rate), "-");
		report_cell(&t, rate);
		if (c->graduated_at[0])
			report_cell_int(&t, c->graduated);
		else
			report_cell(&t, "-");
	}
	report_table_flush(&t, out);
	if (n == 0)
		strbuf_addf(out, "%s\n", tr(MSG_REPORT_COHORT_NONE));
out:
	free(v);
	return st;
}
