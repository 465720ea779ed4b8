/*
 * Training schedules: curriculum and holiday files, timetable generation
 * and conflict detection. Core only (no curses, no database).
 *
 * Common to both files
 * - UTF-8 (a leading BOM is skipped, CRLF line ends are fine). Blank lines
 *   and lines whose first non-blank character is # are ignored. Fields are
 *   separated by | and trimmed of spaces and tabs; no field may be empty,
 *   hold a control character or exceed SCHEDULE_TEXT_MAX bytes.
 * - Any problem stops the load with "FILE:LINE: what is wrong and what to
 *   do" ("FILE: ..." for the whole file), as src/codes.c does.
 *
 * curriculum.txt
 *     [track CODE VERSION]
 *     name | 中文名称 | English name          (right after the section line)
 *     MODULE | HOURS | 中文名称 | English name (one per module, in order)
 *   CODE: lower-case ASCII letters, digits and _, starting with a letter,
 *   at most 16; VERSION: 1-32 printable ASCII characters, no blank, [, ]
 *   or |. MODULE: 1-16 ASCII letters, digits, _, - or ., unique in the
 *   whole file (sessions store it alone), never "name". HOURS: clock
 *   hours, a whole number or up to two decimals that make whole minutes
 *   (2, 1.5, 0.75), more than 0 and at most SCHEDULE_MODULE_HOURS_MAX. A
 *   track code, Chinese name or English name (ASCII case ignored) appears
 *   once; a track has one name line and at least one module, and at most
 *   SCHEDULE_TRACK_HOURS_MAX hours; a file has at least one track.
 *
 * holidays.txt
 *     [year YYYY official]      or [year YYYY projected]
 *     YYYY-MM-DD | holiday | 中文名称 | English name
 *     YYYY-MM-DD | workday | 中文名称 | English name
 *   Each date belongs to its section's year and appears once; a year
 *   section appears once per file and holds at least one date. "holiday"
 *   is a day off (the weekend days inside a holiday are listed too, so the
 *   week view can name them); "workday" is a make-up working day and must
 *   fall on a Saturday or Sunday. A file added with schedule_holidays_add
 *   replaces, year by year, the entries of the years it has sections for.
 *
 * Invariants
 * - The loaded tables are replaced only by a load that succeeded in full;
 *   a failed load leaves them (and pointers into them) untouched.
 * - sch_hol is sorted by day, days unique; sch_hol_day[k] is the day
 *   number of sch_hol[k]; every entry's year has a sch_years entry.
 * - A generated timetable is sorted by (date, start), its sessions do not
 *   overlap, lie inside the request's slots on meeting days, follow the
 *   track's module order and add up to the track's minutes exactly.
 * - Day numbers count days since 1970-01-01 (a Thursday); dates are
 *   limited to the years 1970-9999 so every computation fits an int.
 * - The core never prints: errors go into struct fd_err. File errors
 *   (for whoever edits the assets) are English; errors of what staff type
 *   (slots, moves) are catalog messages (SCHED_* in msg.h), mapped in
 *   schedule_texts[].
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "frontdesk/assets.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/i18n.h"
#include "frontdesk/lines.h"
#include "frontdesk/schedule.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

#define SCHEDULE_SIZE_MAX         (1024u * 1024) /* bytes of a file */
#define SCHEDULE_TEXT_MAX         200            /* bytes of a label */
#define SCHEDULE_VERSION_MAX      32
#define SCHEDULE_SHOW_MAX         40 /* bytes of bad input quoted */
#define SCHEDULE_FIELDS_MAX       5  /* fields looked at on a line */
#define SCHEDULE_MODULE_HOURS_MAX 60
#define SCHEDULE_TRACK_HOURS_MAX  2000
#define SCHEDULE_YEAR_MIN         1970
#define SCHEDULE_YEAR_MAX         9999

/* Messages for staff: index into schedule_texts[]. */
enum schedule_text {
	SCHEDULE_T_TIME_BAD,
	SCHEDULE_T_SLOT_FORM,
	SCHEDULE_T_SLOT_ORDER,
	SCHEDULE_T_SLOT_OVERLAP,
	SCHEDULE_T_SLOT_NONE,
	SCHEDULE_T_SLOT_MANY,
	SCHEDULE_T_DATE_BAD,
	SCHEDULE_T_NO_WEEKDAYS,
	SCHEDULE_T_TRACK_UNKNOWN,
	SCHEDULE_T_TOO_LONG,
	SCHEDULE_T_ID_LONG,
	SCHEDULE_T_MOVE_HOLIDAY,
	SCHEDULE_T_MOVE_WEEKEND,
	SCHEDULE_T_MOVE_MIDNIGHT,
	SCHEDULE_T_MOVE_OVERLAP,
	SCHEDULE_T_MOVE_WHICH,
};

/* The catalog message of each text. */
static const enum fd_msg schedule_texts[] = {
    [SCHEDULE_T_TIME_BAD] = MSG_SCHED_TIME_BAD,
    [SCHEDULE_T_SLOT_FORM] = MSG_SCHED_SLOT_FORM,
    [SCHEDULE_T_SLOT_ORDER] = MSG_SCHED_SLOT_ORDER,
    [SCHEDULE_T_SLOT_OVERLAP] = MSG_SCHED_SLOT_OVERLAP,
    [SCHEDULE_T_SLOT_NONE] = MSG_SCHED_SLOT_NONE,
    [SCHEDULE_T_SLOT_MANY] = MSG_SCHED_SLOT_MANY,
    [SCHEDULE_T_DATE_BAD] = MSG_SCHED_DATE_BAD,
    [SCHEDULE_T_NO_WEEKDAYS] = MSG_SCHED_NO_WEEKDAYS,
    [SCHEDULE_T_TRACK_UNKNOWN] = MSG_SCHED_TRACK_UNKNOWN,
    [SCHEDULE_T_TOO_LONG] = MSG_SCHED_TOO_LONG,
    [SCHEDULE_T_ID_LONG] = MSG_SCHED_ID_LONG,
    [SCHEDULE_T_MOVE_HOLIDAY] = MSG_SCHED_MOVE_HOLIDAY,
    [SCHEDULE_T_MOVE_WEEKEND] = MSG_SCHED_MOVE_WEEKEND,
    [SCHEDULE_T_MOVE_MIDNIGHT] = MSG_SCHED_MOVE_MIDNIGHT,
    [SCHEDULE_T_MOVE_OVERLAP] = MSG_SCHED_MOVE_OVERLAP,
    [SCHEDULE_T_MOVE_WHICH] = MSG_SCHED_MOVE_WHICH,
};

/* One line of a file being read. */
/* A parsed holidays file: entries sorted by day, and its year sections. */
struct schedule_hset {
	struct schedule_holiday *v;
	int *days;
	int *lines;
	size_t n;
	int *years;
	enum schedule_year *status;
	int *year_lines;
	size_t ny;
};

/* The loaded curriculum, in file order. */
static struct schedule_track *sch_tracks;
static size_t sch_ntracks;
/* The loaded holidays (lines are 0 for entries merged by _add). */
static struct schedule_hset sch_hol;
/* Labels in English instead of Chinese. */
static bool sch_english;

/* Fill err with staff text t, {1} = a1 and {2} = a2, and return st. */
static enum fd_status
schedule_say(struct fd_err *err, enum fd_status st, enum schedule_text t,
             const char *a1, const char *a2)
{
	const char *args[2] = {a1, a2};
	char *s;

	if (!err)
		return st;
	s = msg_format(tr(schedule_texts[t]), 2, args);
	fd_strlcpy(err->msg, s, sizeof(err->msg));
	free(s);
	return st;
}

/* Check a label field: not empty, not too long, no control character;
 * what names the field in the message. */
static enum fd_status
schedule_check_text(const struct lines_reader *r, const char *what,
                    const char *s, const char *e, struct fd_err *err)
{
	if (s == e)
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "the %s is empty; fill it in", what);
	if ((size_t)(e - s) > SCHEDULE_TEXT_MAX)
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "the %s is longer than %d bytes; shorten "
		                    "it",
		                    what, SCHEDULE_TEXT_MAX);
	if (lines_has_control(s, (size_t)(e - s)))
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "the %s holds a control character (a "
		                    "tab?); remove it",
		                    what);
	return FD_OK;
}

/* Whether the n bytes at s are all in the class: 'n' track-code
 * characters, 'm' module-code characters, 'v' version characters. */
static int
schedule_all(const char *s, size_t n, char cls)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int ok;

		if (cls == 'n')
			ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			     c == '_';
		else if (cls == 'm')
			ok = (isascii(c) && isalnum(c)) || c == '_' ||
			     c == '-' || c == '.';
		else
			ok = c > 0x20 && c < 0x7F && c != '[' && c != ']' &&
			     c != '|';
		if (!ok)
			return 0;
	}
	return 1;
}

/* Whether [s, e) equals the NUL-terminated word w. */
static int
schedule_is_word(const char *s, const char *e, const char *w)
{
	return strlen(w) == (size_t)(e - s) &&
	       memcmp(s, w, (size_t)(e - s)) == 0;
}

/* Split the inside of a section line [s, e) ("[a b c]") into blank-
 * separated words (at most 4 kept); returns how many there are. */
static size_t
schedule_section_words(const char *s, const char *e, const char *tb[4],
                       const char *te[4])
{
	const char *p = s + 1, *end = e - 1;
	size_t nt = 0;

	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end)
			break;
		if (nt < 4)
			tb[nt] = p;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		if (nt < 4)
			te[nt] = p;
		nt++;
	}
	return nt;
}

/* ---- dates ------------------------------------------------------------ */

/* Day number of a civil date (H. Hinnant's days_from_civil). */
static int
schedule_days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Civil date of a day number (H. Hinnant's civil_from_days). */
static void
schedule_civil_from_days(int z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* Parse exactly "YYYY-MM-DD" in the n bytes at s into a day number. */
static bool
schedule_parse_date(const char *s, size_t n, int *day)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30,
	                            31, 31, 30, 31, 30, 31};
	int y, m, d, dim;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (size_t i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !(s[i] >= '0' && s[i] <= '9'))
			return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < SCHEDULE_YEAR_MIN || m < 1 || m > 12 || d < 1)
		return false;
	dim = mdays[m - 1] +
	      (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	if (d > dim)
		return false;
	*day = schedule_days_from_civil(y, m, d);
	return true;
}

/* Parse the NUL-terminated date s (NULL: not a date). */
static bool
schedule_parse_cdate(const char *s, int *day)
{
	return s && schedule_parse_date(s, strnlen(s, 11), day);
}

/* Format a day number as YYYY-MM-DD into out. */
static void
schedule_format_date(int day, char out[11])
{
	int y, m, d;

	schedule_civil_from_days(day, &y, &m, &d);
	util_date_format(y, m, d, out);
}

/* The year of a day number. */
static int
schedule_year_of(int day)
{
	int y, m, d;

	schedule_civil_from_days(day, &y, &m, &d);
	return y;
}

/* Weekday of a day number, 0 = Monday. */
static int
schedule_wday(int day)
{
	return ((day % 7) + 7 + 3) % 7;
}

/* ---- curriculum ------------------------------------------------------- */

/* Free n tracks and their modules. */
static void
schedule_tracks_free(struct schedule_track *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < v[i].n; j++) {
			free(v[i].modules[j].code);
			free(v[i].modules[j].label_zh);
			free(v[i].modules[j].label_en);
		}
		free(v[i].modules);
		free(v[i].code);
		free(v[i].version);
		free(v[i].label_zh);
		free(v[i].label_en);
	}
	free(v);
}

/* Parse HOURS at [s, e) into minutes; false if it is not a number of
 * whole minutes within the limits. */
static bool
schedule_parse_hours(const char *s, const char *e, int *minutes)
{
	long whole = 0, frac = 0, scale = 1;
	const char *p = s;
	size_t nd = 0, nf = 0;

	while (p < e && *p >= '0' && *p <= '9' && nd < 4) {
		whole = whole * 10 + (*p++ - '0');
		nd++;
	}
	if (nd == 0)
		return false;
	if (p < e && *p == '.') {
		p++;
		while (p < e && *p >= '0' && *p <= '9' && nf < 2) {
			frac = frac * 10 + (*p++ - '0');
			scale *= 10;
			nf++;
		}
		if (nf == 0)
			return false;
	}
	if (p != e || (frac * 60) % scale != 0)
		return false;
	*minutes = (int)(whole * 60 + frac * 60 / scale);
	return *minutes > 0 && *minutes <= SCHEDULE_MODULE_HOURS_MAX * 60;
}

/* Parse "[track CODE VERSION]" at [s, e) into a new track appended to
 * *v; lines[] gets its line. */
static enum fd_status
schedule_parse_track(const struct lines_reader *r, const char *s, const char *e,
                     struct schedule_track **v, size_t *n, int **lines,
                     struct fd_err *err)
{
	const char *tb[4], *te[4];
	char shown[SCHEDULE_SHOW_MAX + 4];
	size_t nt = schedule_section_words(s, e, tb, te);
	size_t clen;

	if (nt != 3 || !schedule_is_word(tb[0], te[0], "track")) {
		util_excerpt(shown, sizeof(shown), s, (size_t)(e - s),
		             SCHEDULE_SHOW_MAX);
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "\"%s\": a section line is \"[track CODE "
		                    "VERSION]\", e.g. [track ecom 2026.1]",
		                    shown);
	}
	clen = (size_t)(te[1] - tb[1]);
	if (clen > SCHEDULE_CODE_MAX || !(*tb[1] >= 'a' && *tb[1] <= 'z') ||
	    !schedule_all(tb[1], clen, 'n')) {
		util_excerpt(shown, sizeof(shown), tb[1], clen,
		             SCHEDULE_SHOW_MAX);
		return util_fail_at(
		    err, FD_E_PARSE, r->file, r->line,
		    "track code \"%s\": use lower-case letters, "
		    "digits and _ (at most %d), starting with a "
		    "letter",
		    shown, SCHEDULE_CODE_MAX);
	}
	if (te[2] - tb[2] > SCHEDULE_VERSION_MAX ||
	    !schedule_all(tb[2], (size_t)(te[2] - tb[2]), 'v')) {
		util_excerpt(shown, sizeof(shown), tb[2],
		             (size_t)(te[2] - tb[2]), SCHEDULE_SHOW_MAX);
		return util_fail_at(
		    err, FD_E_PARSE, r->file, r->line,
		    "track version \"%s\": use at most %d ASCII "
		    "letters, digits or signs, no spaces",
		    shown, SCHEDULE_VERSION_MAX);
	}
	for (size_t i = 0; i < *n; i++)
		if (schedule_is_word(tb[1], te[1], (*v)[i].code))
			return util_fail_at(
			    err, FD_E_PARSE, r->file, r->line,
			    "track %s is defined twice (also on "
			    "line %d); rename or merge them",
			    (*v)[i].code, (*lines)[i]);
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	*lines = xrealloc(*lines, (*n + 1) * sizeof(**lines));
	memset(&(*v)[*n], 0, sizeof(**v));
	(*v)[*n].code = xstrndup(tb[1], clen);
	(*v)[*n].version = xstrndup(tb[2], (size_t)(te[2] - tb[2]));
	(*lines)[*n] = r->line;
	(*n)++;
	return FD_OK;
}

/* Parse the "name | 中文 | English" line of track t (the last of the n
 * tracks in v) at fields fb/fe (nf of them). */
static enum fd_status
schedule_parse_track_name(const struct lines_reader *r,
                          struct schedule_track *v, size_t n, size_t nf,
                          const char *fb[], const char *fe[], const int *lines,
                          struct fd_err *err)
{
	struct schedule_track *t = &v[n - 1];
	enum fd_status st;

	if (nf != 3)
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "the name line is \"name | 中文名称 | "
		                    "English name\" (3 fields), found %zu",
		                    nf);
	st = schedule_check_text(r, "Chinese name", fb[1], fe[1], err);
	if (st == FD_OK)
		st = schedule_check_text(r, "English name", fb[2], fe[2], err);
	if (st != FD_OK)
		return st;
	for (size_t i = 0; i + 1 < n; i++) {
		if (schedule_is_word(fb[1], fe[1], v[i].label_zh) ||
		    (strlen(v[i].label_en) == (size_t)(fe[2] - fb[2]) &&
		     strncasecmp(v[i].label_en, fb[2],
		                 (size_t)(fe[2] - fb[2])) == 0))
			return util_fail_at(err, FD_E_PARSE, r->file, r->line,
			                    "track %s has the name of track %s "
			                    "(line %d); names must differ",
			                    t->code, v[i].code, lines[i]);
	}
	t->label_zh = xstrndup(fb[1], (size_t)(fe[1] - fb[1]));
	t->label_en = xstrndup(fb[2], (size_t)(fe[2] - fb[2]));
	return FD_OK;
}

/* Parse "MODULE | HOURS | 中文 | English" at [s, e) (fields fb/fe, nf of
 * them) into the last of the n tracks in v; module codes are unique in
 * all. */
static enum fd_status
schedule_parse_module(const struct lines_reader *r, const char *s,
                      const char *e, struct schedule_track *v, size_t n,
                      size_t nf, const char *fb[], const char *fe[],
                      size_t *cap, struct fd_err *err)
{
	struct schedule_track *t = &v[n - 1];
	char shown[SCHEDULE_SHOW_MAX + 4];
	size_t clen = (size_t)(fe[0] - fb[0]);
	struct schedule_module *m;
	enum fd_status st;
	int minutes;

	if (nf != 4) {
		util_excerpt(shown, sizeof(shown), s, (size_t)(e - s),
		             SCHEDULE_SHOW_MAX);
		return util_fail_at(
		    err, FD_E_PARSE, r->file, r->line,
		    "\"%s\": expected \"MODULE | HOURS | 中文 | "
		    "English\" (4 fields separated by |), "
		    "found %zu",
		    shown, nf);
	}
	if (clen == 0 || clen > SCHEDULE_CODE_MAX ||
	    !schedule_all(fb[0], clen, 'm') ||
	    !(isascii((unsigned char)*fb[0]) &&
	      isalnum((unsigned char)*fb[0]))) {
		util_excerpt(shown, sizeof(shown), fb[0], clen,
		             SCHEDULE_SHOW_MAX);
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "module code \"%s\": use 1 to %d ASCII "
		                    "letters, digits, _, - or ., starting with "
		                    "a letter or digit",
		                    shown, SCHEDULE_CODE_MAX);
	}
	if (!schedule_parse_hours(fb[1], fe[1], &minutes)) {
		util_excerpt(shown, sizeof(shown), fb[1],
		             (size_t)(fe[1] - fb[1]), SCHEDULE_SHOW_MAX);
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "hours \"%s\": write clock hours as 4, 1.5 "
		                    "or 0.75 (whole minutes), more than 0 and "
		                    "at most %d",
		                    shown, SCHEDULE_MODULE_HOURS_MAX);
	}
	st = schedule_check_text(r, "Chinese name", fb[2], fe[2], err);
	if (st == FD_OK)
		st = schedule_check_text(r, "English name", fb[3], fe[3], err);
	if (st != FD_OK)
		return st;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < v[i].n; j++)
			if (schedule_is_word(fb[0], fe[0],
			                     v[i].modules[j].code))
				return util_fail_at(
				    err, FD_E_PARSE, r->file, r->line,
				    "module code %s is already used in track "
				    "%s; module codes are unique in the file",
				    v[i].modules[j].code, v[i].code);
	if (t->minutes + minutes > SCHEDULE_TRACK_HOURS_MAX * 60)
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "track %s would exceed %d hours; is this "
		                    "one track?",
		                    t->code, SCHEDULE_TRACK_HOURS_MAX);
	if (t->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		t->modules = xrealloc(t->modules, *cap * sizeof(*t->modules));
	}
	m = &t->modules[t->n++];
	m->code = xstrndup(fb[0], clen);
	m->label_zh = xstrndup(fb[2], (size_t)(fe[2] - fb[2]));
	m->label_en = xstrndup(fb[3], (size_t)(fe[3] - fb[3]));
	m->minutes = minutes;
	t->minutes += minutes;
	return FD_OK;
}

/* Check that the last of the n tracks got its modules (line: its
 * section line). */
static enum fd_status
schedule_track_done(const char *file, const struct schedule_track *v, size_t n,
                    const int *lines, struct fd_err *err)
{
	if (n == 0 || v[n - 1].n > 0)
		return FD_OK;
	if (!v[n - 1].label_zh)
		return util_fail_at(err, FD_E_PARSE, file, lines[n - 1],
		                    "track %s has no name line; add \"name | "
		                    "中文名称 | English name\" after it",
		                    v[n - 1].code);
	return util_fail_at(err, FD_E_PARSE, file, lines[n - 1],
	                    "track %s has no modules; add \"MODULE | HOURS | "
	                    "中文 | English\" lines after it",
	                    v[n - 1].code);
}

/* Parse a whole curriculum file into *out (*nout tracks). */
static enum fd_status
schedule_parse_curriculum(const char *file, const char *data, size_t len,
                          struct schedule_track **out, size_t *nout,
                          struct fd_err *err)
{
	struct lines_reader r = {file, data, len, 0, 0};
	struct schedule_track *v = NULL;
	int *lines = NULL;
	size_t n = 0, cap = 0;
	const char *s, *e;
	enum fd_status st = FD_OK;
	int got;

	*out = NULL;
	*nout = 0;
	if (len > SCHEDULE_SIZE_MAX) {
		st = util_fail_at(err, FD_E_PARSE, file, 0,
		                  "the file is over %u KiB; is this the right "
		                  "file?",
		                  SCHEDULE_SIZE_MAX / 1024);
		goto out;
	}
	while ((got = lines_next(&r, &s, &e, err)) > 0) {
		const char *fb[SCHEDULE_FIELDS_MAX], *fe[SCHEDULE_FIELDS_MAX];
		size_t nf;

		if (*s == '[') {
			if (e[-1] != ']') {
				st = util_fail_at(err, FD_E_PARSE, file, r.line,
				                  "a section line ends with ]; "
				                  "e.g. [track ecom 2026.1]");
				goto out;
			}
			st = schedule_track_done(file, v, n, lines, err);
			if (st == FD_OK)
				st = schedule_parse_track(&r, s, e, &v, &n,
				                          &lines, err);
			if (st != FD_OK)
				goto out;
			cap = 0;
			continue;
		}
		if (n == 0) {
			st = util_fail_at(err, FD_E_PARSE, file, r.line,
			                  "this line comes before any track; "
			                  "start with [track CODE VERSION]");
			goto out;
		}
		nf = lines_split(s, e, fb, fe, SCHEDULE_FIELDS_MAX);
		if (schedule_is_word(fb[0], fe[0], "name")) {
			if (v[n - 1].label_zh) {
				st =
				    util_fail_at(err, FD_E_PARSE, file, r.line,
				                 "track %s has a name already; "
				                 "keep one name line",
				                 v[n - 1].code);
				goto out;
			}
			st = schedule_parse_track_name(&r, v, n, nf, fb, fe,
			                               lines, err);
		} else if (!v[n - 1].label_zh) {
			st = util_fail_at(err, FD_E_PARSE, file, r.line,
			                  "the line after [track %s ...] is "
			                  "\"name | 中文名称 | English name\"",
			                  v[n - 1].code);
		} else {
			st = schedule_parse_module(&r, s, e, v, n, nf, fb, fe,
			                           &cap, err);
		}
		if (st != FD_OK)
			goto out;
	}
	if (got < 0) {
		st = FD_E_PARSE;
		goto out;
	}
	st = schedule_track_done(file, v, n, lines, err);
	if (st != FD_OK)
		goto out;
	if (n == 0) {
		st = util_fail_at(err, FD_E_PARSE, file, 0,
		                  "no tracks; add a [track CODE VERSION] "
		                  "section with its modules");
		goto out;
	}
	*out = v;
	*nout = n;
	v = NULL;
	n = 0;
out:
	schedule_tracks_free(v, n);
	free(lines);
	return st;
}

/* ---- holidays --------------------------------------------------------- */

/* Free the entries and years of a set and zero it. */
static void
schedule_hset_free(struct schedule_hset *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].name_zh);
		free(h->v[i].name_en);
	}
	free(h->v);
	free(h->days);
	free(h->lines);
	free(h->years);
	free(h->status);
	free(h->year_lines);
	memset(h, 0, sizeof(*h));
}

/* Index of year in the set's years, or -1. */
static long
schedule_hset_year(const struct schedule_hset *h, int year)
{
	for (size_t i = 0; i < h->ny; i++)
		if (h->years[i] == year)
			return (long)i;
	return -1;
}

/* Index of day among the set's sorted entries, or -1. */
static long
schedule_hset_find(const struct schedule_hset *h, int day)
{
	size_t lo = 0, hi = h->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (h->days[mid] == day)
			return (long)mid;
		if (h->days[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Append a year section to the set. */
static void
schedule_hset_add_year(struct schedule_hset *h, int year,
                       enum schedule_year status, int line)
{
	h->years = xrealloc(h->years, (h->ny + 1) * sizeof(*h->years));
	h->status = xrealloc(h->status, (h->ny + 1) * sizeof(*h->status));
	h->year_lines =
	    xrealloc(h->year_lines, (h->ny + 1) * sizeof(*h->year_lines));
	h->years[h->ny] = year;
	h->status[h->ny] = status;
	h->year_lines[h->ny] = line;
	h->ny++;
}

/* Append an entry (names already copied) to the set, growing by *cap. */
static void
schedule_hset_add(struct schedule_hset *h, size_t *cap,
                  const struct schedule_holiday *e, int day, int line)
{
	if (h->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		h->v = xrealloc(h->v, *cap * sizeof(*h->v));
		h->days = xrealloc(h->days, *cap * sizeof(*h->days));
		h->lines = xrealloc(h->lines, *cap * sizeof(*h->lines));
	}
	h->v[h->n] = *e;
	h->days[h->n] = day;
	h->lines[h->n] = line;
	h->n++;
}

/* Parse "[year YYYY official|projected]" at [s, e) into the set. */
static enum fd_status
schedule_parse_year(const struct lines_reader *r, const char *s, const char *e,
                    struct schedule_hset *h, int *year, struct fd_err *err)
{
	const char *tb[4], *te[4];
	char shown[SCHEDULE_SHOW_MAX + 4];
	size_t nt = schedule_section_words(s, e, tb, te);
	enum schedule_year status;
	long k;
	int y = 0;
	bool digits = te[1] - tb[1] == 4;

	if (nt != 3 || !schedule_is_word(tb[0], te[0], "year")) {
		util_excerpt(shown, sizeof(shown), s, (size_t)(e - s),
		             SCHEDULE_SHOW_MAX);
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "\"%s\": a section line is \"[year YYYY "
		                    "official]\" or \"[year YYYY projected]\"",
		                    shown);
	}
	for (const char *p = tb[1]; digits && p < te[1]; p++) {
		digits = *p >= '0' && *p <= '9';
		y = y * 10 + (*p - '0');
	}
	if (!digits || y < SCHEDULE_YEAR_MIN || y > SCHEDULE_YEAR_MAX) {
		util_excerpt(shown, sizeof(shown), tb[1],
		             (size_t)(te[1] - tb[1]), SCHEDULE_SHOW_MAX);
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "\"%s\" is not a year from %d to %d", shown,
		                    SCHEDULE_YEAR_MIN, SCHEDULE_YEAR_MAX);
	}
	if (schedule_is_word(tb[2], te[2], "official")) {
		status = SCHEDULE_YEAR_OFFICIAL;
	} else if (schedule_is_word(tb[2], te[2], "projected")) {
		status = SCHEDULE_YEAR_PROJECTED;
	} else {
		util_excerpt(shown, sizeof(shown), tb[2],
		             (size_t)(te[2] - tb[2]), SCHEDULE_SHOW_MAX);
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "\"%s\": say \"official\" (from the State "
		                    "Council's notice) or \"projected\"",
		                    shown);
	}
	k = schedule_hset_year(h, y);
	if (k >= 0)
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "year %d has a section already (line %d); "
		                    "merge them",
		                    y, h->year_lines[k]);
	schedule_hset_add_year(h, y, status, r->line);
	*year = y;
	return FD_OK;
}

/* Parse "DATE | holiday|workday | 中文 | English" at [s, e) of year into
 * the set (unsorted yet; duplicates checked by a scan of this year). */
static enum fd_status
schedule_parse_holiday(const struct lines_reader *r, const char *s,
                       const char *e, int year, struct schedule_hset *h,
                       size_t *cap, size_t year_from, struct fd_err *err)
{
	const char *fb[SCHEDULE_FIELDS_MAX], *fe[SCHEDULE_FIELDS_MAX];
	char shown[SCHEDULE_SHOW_MAX + 4];
	size_t nf = lines_split(s, e, fb, fe, SCHEDULE_FIELDS_MAX);
	struct schedule_holiday ent;
	enum fd_status st;
	int day;

	memset(&ent, 0, sizeof(ent));
	if (nf != 4) {
		util_excerpt(shown, sizeof(shown), s, (size_t)(e - s),
		             SCHEDULE_SHOW_MAX);
		return util_fail_at(
		    err, FD_E_PARSE, r->file, r->line,
		    "\"%s\": expected \"YYYY-MM-DD | holiday "
		    "(or workday) | 中文 | English\" (4 fields), "
		    "found %zu",
		    shown, nf);
	}
	if (!schedule_parse_date(fb[0], (size_t)(fe[0] - fb[0]), &day)) {
		util_excerpt(shown, sizeof(shown), fb[0],
		             (size_t)(fe[0] - fb[0]), SCHEDULE_SHOW_MAX);
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "\"%s\" is not a date YYYY-MM-DD", shown);
	}
	if (schedule_year_of(day) != year)
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "%.10s is not in year %d of its section; "
		                    "move it under [year %.4s ...]",
		                    fb[0], year, fb[0]);
	if (schedule_is_word(fb[1], fe[1], "workday")) {
		ent.workday = true;
		if (schedule_wday(day) < 5)
			return util_fail_at(
			    err, FD_E_PARSE, r->file, r->line,
			    "%.10s is a weekday; a make-up "
			    "working day is a Saturday or Sunday",
			    fb[0]);
	} else if (!schedule_is_word(fb[1], fe[1], "holiday")) {
		util_excerpt(shown, sizeof(shown), fb[1],
		             (size_t)(fe[1] - fb[1]), SCHEDULE_SHOW_MAX);
		return util_fail_at(err, FD_E_PARSE, r->file, r->line,
		                    "\"%s\": the kind is \"holiday\" (a day "
		                    "off) or \"workday\" (a make-up working "
		                    "day)",
		                    shown);
	}
	st = schedule_check_text(r, "Chinese name", fb[2], fe[2], err);
	if (st == FD_OK)
		st = schedule_check_text(r, "English name", fb[3], fe[3], err);
	if (st != FD_OK)
		return st;
	for (size_t i = year_from; i < h->n; i++)
		if (h->days[i] == day)
			return util_fail_at(
			    err, FD_E_PARSE, r->file, r->line,
			    "%.10s is listed twice (also on line "
			    "%d); keep one",
			    fb[0], h->lines[i]);
	memcpy(ent.date, fb[0], 10);
	ent.date[10] = '\0';
	ent.name_zh = xstrndup(fb[2], (size_t)(fe[2] - fb[2]));
	ent.name_en = xstrndup(fb[3], (size_t)(fe[3] - fb[3]));
	schedule_hset_add(h, cap, &ent, day, r->line);
	return FD_OK;
}

/* An entry's day and where it is, for sorting. */
struct schedule_dkey {
	int day;
	size_t at;
};

/* qsort: by day, then position (a total order). */
static int
schedule_qcmp_dkey(const void *a, const void *b)
{
	const struct schedule_dkey *x = a, *y = b;

	if (x->day != y->day)
		return (x->day > y->day) - (x->day < y->day);
	return (x->at > y->at) - (x->at < y->at);
}

/* Sort the entries of a set by day. */
static void
schedule_hset_sort(struct schedule_hset *h)
{
	struct schedule_dkey *k;
	struct schedule_holiday *v;
	int *days, *lines;

	if (h->n < 2)
		return;
	k = xmalloc(h->n * sizeof(*k));
	for (size_t i = 0; i < h->n; i++) {
		k[i].day = h->days[i];
		k[i].at = i;
	}
	qsort(k, h->n, sizeof(*k), schedule_qcmp_dkey);
	v = xmalloc(h->n * sizeof(*v));
	days = xmalloc(h->n * sizeof(*days));
	lines = xmalloc(h->n * sizeof(*lines));
	for (size_t i = 0; i < h->n; i++) {
		v[i] = h->v[k[i].at];
		days[i] = h->days[k[i].at];
		lines[i] = h->lines[k[i].at];
	}
	free(h->v);
	free(h->days);
	free(h->lines);
	free(k);
	h->v = v;
	h->days = days;
	h->lines = lines;
}

/* Parse a whole holidays file into *out (sorted by day). */
static enum fd_status
schedule_parse_holidays(const char *file, const char *data, size_t len,
                        struct schedule_hset *out, struct fd_err *err)
{
	struct lines_reader r = {file, data, len, 0, 0};
	struct schedule_hset h;
	size_t cap = 0, year_from = 0;
	const char *s, *e;
	enum fd_status st = FD_OK;
	int got, year = 0;

	memset(&h, 0, sizeof(h));
	memset(out, 0, sizeof(*out));
	if (len > SCHEDULE_SIZE_MAX) {
		st = util_fail_at(err, FD_E_PARSE, file, 0,
		                  "the file is over %u KiB; is this the right "
		                  "file?",
		                  SCHEDULE_SIZE_MAX / 1024);
		goto out;
	}
	while ((got = lines_next(&r, &s, &e, err)) > 0) {
		if (*s == '[') {
			if (e[-1] != ']') {
				st = util_fail_at(err, FD_E_PARSE, file, r.line,
				                  "a section line ends with ]; "
				                  "e.g. [year 2026 official]");
				goto out;
			}
			if (h.ny > 0 && year_from == h.n) {
				st = util_fail_at(
				    err, FD_E_PARSE, file,
				    h.year_lines[h.ny - 1],
				    "year %d has no dates; add its lines or "
				    "remove the section",
				    year);
				goto out;
			}
			st = schedule_parse_year(&r, s, e, &h, &year, err);
			if (st != FD_OK)
				goto out;
			year_from = h.n;
			continue;
		}
		if (h.ny == 0) {
			st = util_fail_at(err, FD_E_PARSE, file, r.line,
			                  "this line comes before any year; "
			                  "start with [year YYYY official]");
			goto out;
		}
		st = schedule_parse_holiday(&r, s, e, year, &h, &cap, year_from,
		                            err);
		if (st != FD_OK)
			goto out;
	}
	if (got < 0) {
		st = FD_E_PARSE;
		goto out;
	}
	if (h.ny == 0) {
		st = util_fail_at(err, FD_E_PARSE, file, 0,
		                  "no years; add a [year YYYY official] "
		                  "section with its dates");
		goto out;
	}
	if (year_from == h.n) {
		st = util_fail_at(err, FD_E_PARSE, file, h.year_lines[h.ny - 1],
		                  "year %d has no dates; add its lines or "
		                  "remove the section",
		                  year);
		goto out;
	}
	schedule_hset_sort(&h);
	*out = h;
	memset(&h, 0, sizeof(h));
out:
	schedule_hset_free(&h);
	return st;
}

/* Merge add into base: the years of add replace those of base. Both are
 * consumed; the result goes to *out (sorted). */
static void
schedule_hset_merge(struct schedule_hset *base, struct schedule_hset *add,
                    struct schedule_hset *out)
{
	struct schedule_hset m;
	size_t cap = 0;

	memset(&m, 0, sizeof(m));
	for (size_t i = 0; i < base->ny; i++)
		if (schedule_hset_year(add, base->years[i]) < 0)
			schedule_hset_add_year(&m, base->years[i],
			                       base->status[i], 0);
	for (size_t i = 0; i < add->ny; i++)
		schedule_hset_add_year(&m, add->years[i], add->status[i], 0);
	for (size_t i = 0; i < base->n; i++) {
		if (schedule_hset_year(add, schedule_year_of(base->days[i])) >=
		    0) {
			free(base->v[i].name_zh);
			free(base->v[i].name_en);
			continue;
		}
		schedule_hset_add(&m, &cap, &base->v[i], base->days[i], 0);
	}
	for (size_t i = 0; i < add->n; i++)
		schedule_hset_add(&m, &cap, &add->v[i], add->days[i], 0);
	/* The names moved into m: drop the arrays only. */
	base->n = 0;
	add->n = 0;
	schedule_hset_free(base);
	schedule_hset_free(add);
	schedule_hset_sort(&m);
	*out = m;
}

/* ---- loading ---------------------------------------------------------- */

enum fd_status
schedule_load(const char *curriculum_path, const char *holidays_path,
              struct fd_err *err)
{
	struct schedule_track *tracks = NULL;
	struct schedule_hset hol;
	size_t ntracks = 0, clen = 0, hlen = 0;
	const char *cdata = NULL, *hdata = NULL;
	char *cown = NULL, *hown = NULL;
	const char *cname = curriculum_path && *curriculum_path
	                        ? curriculum_path
	                        : "curriculum.txt";
	const char *hname =
	    holidays_path && *holidays_path ? holidays_path : "holidays.txt";
	enum fd_status st;

	memset(&hol, 0, sizeof(hol));
	st = lines_source(curriculum_path, "curriculum.txt", SCHEDULE_SIZE_MAX,
	                  &cdata, &clen, &cown, err);
	if (st == FD_OK)
		st = lines_source(holidays_path, "holidays.txt",
		                  SCHEDULE_SIZE_MAX, &hdata, &hlen, &hown, err);
	if (st == FD_OK)
		st = schedule_parse_curriculum(cname, cdata, clen, &tracks,
		                               &ntracks, err);
	if (st == FD_OK)
		st = schedule_parse_holidays(hname, hdata, hlen, &hol, err);
	if (st != FD_OK)
		goto out;
	schedule_free();
	sch_tracks = tracks;
	sch_ntracks = ntracks;
	sch_hol = hol;
	tracks = NULL;
	ntracks = 0;
	memset(&hol, 0, sizeof(hol));
out:
	schedule_tracks_free(tracks, ntracks);
	schedule_hset_free(&hol);
	free(cown);
	free(hown);
	return st;
}

enum fd_status
schedule_curriculum_load_buffer(const char *name, const char *data, size_t len,
                                struct fd_err *err)
{
	struct schedule_track *v;
	size_t n;
	enum fd_status st;

	st = schedule_parse_curriculum(name ? name : "(buffer)",
	                               data ? data : "", data ? len : 0, &v, &n,
	                               err);
	if (st == FD_OK) {
		schedule_tracks_free(sch_tracks, sch_ntracks);
		sch_tracks = v;
		sch_ntracks = n;
	}
	return st;
}

enum fd_status
schedule_holidays_load_buffer(const char *name, const char *data, size_t len,
                              struct fd_err *err)
{
	struct schedule_hset h;
	enum fd_status st;

	st = schedule_parse_holidays(name ? name : "(buffer)", data ? data : "",
	                             data ? len : 0, &h, err);
	if (st == FD_OK) {
		schedule_hset_free(&sch_hol);
		sch_hol = h;
	}
	return st;
}

enum fd_status
schedule_holidays_add_buffer(const char *name, const char *data, size_t len,
                             struct fd_err *err)
{
	struct schedule_hset h;
	enum fd_status st;

	st = schedule_parse_holidays(name ? name : "(buffer)", data ? data : "",
	                             data ? len : 0, &h, err);
	if (st == FD_OK)
		schedule_hset_merge(&sch_hol, &h, &sch_hol);
	return st;
}

enum fd_status
schedule_holidays_add(const char *path, struct fd_err *err)
{
	char *data = NULL;
	size_t len = 0;
	enum fd_status st;

	if (!path || !*path)
		return util_fail_at(err, FD_E_IO, "(holidays)", 0,
		                    "no file named; give the path of a "
		                    "holidays file");
	st = util_read_file(path, SCHEDULE_SIZE_MAX, &data, &len, err);
	if (st == FD_OK)
		st = schedule_holidays_add_buffer(path, data, len, err);
	free(data);
	return st;
}

void
schedule_free(void)
{
	schedule_tracks_free(sch_tracks, sch_ntracks);
	sch_tracks = NULL;
	sch_ntracks = 0;
	schedule_hset_free(&sch_hol);
}

void
schedule_set_english(bool en)
{
	sch_english = en;
}

/* ---- look-ups --------------------------------------------------------- */

const struct schedule_track *
schedule_tracks(size_t *n)
{
	*n = sch_ntracks;
	return sch_tracks;
}

const struct schedule_track *
schedule_track_find(const char *code)
{
	for (size_t i = 0; code && i < sch_ntracks; i++)
		if (strcmp(sch_tracks[i].code, code) == 0)
			return &sch_tracks[i];
	return NULL;
}

const struct schedule_module *
schedule_module_find(const char *code, const struct schedule_track **track)
{
	if (track)
		*track = NULL;
	for (size_t i = 0; code && i < sch_ntracks; i++)
		for (size_t j = 0; j < sch_tracks[i].n; j++)
			if (strcmp(sch_tracks[i].modules[j].code, code) == 0) {
				if (track)
					*track = &sch_tracks[i];
				return &sch_tracks[i].modules[j];
			}
	return NULL;
}

const char *
schedule_track_label(const struct schedule_track *t)
{
	if (!t)
		return NULL;
	return sch_english ? t->label_en : t->label_zh;
}

const char *
schedule_module_label(const struct schedule_module *m)
{
	if (!m)
		return NULL;
	return sch_english ? m->label_en : m->label_zh;
}

const char *
schedule_holiday_label(const struct schedule_holiday *h)
{
	if (!h)
		return NULL;
	return sch_english ? h->name_en : h->name_zh;
}

const struct schedule_holiday *
schedule_holidays(size_t *n)
{
	*n = sch_hol.n;
	return sch_hol.v;
}

/* ---- calendar --------------------------------------------------------- */

/* How the calendar treats day; *h gets its entry or NULL. */
static enum schedule_day
schedule_kind_of(int day, const struct schedule_holiday **h)
{
	long k = schedule_hset_find(&sch_hol, day);

	*h = k >= 0 ? &sch_hol.v[k] : NULL;
	if (k >= 0)
		return sch_hol.v[k].workday ? SCHEDULE_DAY_MAKEUP
		                            : SCHEDULE_DAY_HOLIDAY;
	return schedule_wday(day) >= 5 ? SCHEDULE_DAY_WEEKEND
	                               : SCHEDULE_DAY_WORK;
}

enum schedule_day
schedule_day_kind(const char *date, const struct schedule_holiday **h)
{
	const struct schedule_holiday *e = NULL;
	enum schedule_day k = SCHEDULE_DAY_INVALID;
	int day;

	if (schedule_parse_cdate(date, &day))
		k = schedule_kind_of(day, &e);
	if (h)
		*h = e;
	return k;
}

bool
schedule_is_working_day(const char *date)
{
	enum schedule_day k = schedule_day_kind(date, NULL);

	return k == SCHEDULE_DAY_WORK || k == SCHEDULE_DAY_MAKEUP;
}

enum schedule_year
schedule_year_status(int year)
{
	long k = schedule_hset_year(&sch_hol, year);

	return k >= 0 ? sch_hol.status[k] : SCHEDULE_YEAR_NONE;
}

int
schedule_weekday(const char *date)
{
	int day;

	return schedule_parse_cdate(date, &day) ? schedule_wday(day) : -1;
}

bool
schedule_date_add(const char *date, int n, char out[11])
{
	int day, lo = schedule_days_from_civil(SCHEDULE_YEAR_MIN, 1, 1);
	int hi = schedule_days_from_civil(SCHEDULE_YEAR_MAX, 12, 31);

	if (!schedule_parse_cdate(date, &day) || (n > 0 && day > hi - n) ||
	    (n < 0 && day < lo - n))
		return false;
	schedule_format_date(day + n, out);
	return true;
}

/* ---- times and slots -------------------------------------------------- */

/* Parse a time at [s, e): H:MM or HH:MM, the colon ASCII or full-width;
 * minutes or -1. */
static int
schedule_time_in(const char *s, const char *e)
{
	const char *p = s;
	int h = 0, m, nd = 0;

	while (p < e && *p >= '0' && *p <= '9' && nd < 2) {
		h = h * 10 + (*p++ - '0');
		nd++;
	}
	if (nd == 0)
		return -1;
	if (p < e && *p == ':')
		p++;
	else if (e - p >= 3 && memcmp(p, "\xEF\xBC\x9A", 3) == 0)
		p += 3;
	else
		return -1;
	if (e - p != 2 || !(p[0] >= '0' && p[0] <= '5') ||
	    !(p[1] >= '0' && p[1] <= '9'))
		return -1;
	m = (p[0] - '0') * 10 + (p[1] - '0');
	if (h > 24 || (h == 24 && m > 0))
		return -1;
	return h * 60 + m;
}

int
schedule_time_parse(const char *s)
{
	size_t n;

	if (!s)
		return -1;
	n = strnlen(s, 16);
	return n < 16 ? schedule_time_in(s, s + n) : -1;
}

void
schedule_time_format(int minutes, char out[6])
{
	if (minutes < 0 || minutes > SCHEDULE_DAY_MINUTES)
		minutes = 0;
	out[0] = (char)('0' + minutes / 600);
	out[1] = (char)('0' + minutes / 60 % 10);
	out[2] = ':';
	out[3] = (char)('0' + minutes % 60 / 10);
	out[4] = (char)('0' + minutes % 10);
	out[5] = '\0';
}

/* Length of the list separator at p (before e), 0 if there is none. */
static size_t
schedule_slot_sep(const char *p, const char *e)
{
	static const char *const seps[] = {
	    "\xEF\xBC\x8C", /* ， */
	    "\xE3\x80\x81", /* 、 */
	    "\xEF\xBC\x9B", /* ； */
	    "\xE3\x80\x80", /* ideographic space */
	    NULL};

	if (*p == ',' || *p == ';' || *p == ' ' || *p == '\t' || *p == '\n' ||
	    *p == '\r')
		return 1;
	for (size_t i = 0; seps[i]; i++)
		if ((size_t)(e - p) >= 3 && memcmp(p, seps[i], 3) == 0)
			return 3;
	return 0;
}

/* Length of the range dash at p (before e), 0 if there is none. */
static size_t
schedule_slot_dash(const char *p, const char *e)
{
	static const char *const dashes[] = {"\xEF\xBC\x8D", /* － */
	                                     "\xEF\xBD\x9E", /* ～ */
	                                     "\xE2\x80\x93", /* – */
	                                     "\xE2\x80\x94", /* — */
	                                     NULL};

	if (*p == '-' || *p == '~')
		return 1;
	for (size_t i = 0; dashes[i]; i++)
		if ((size_t)(e - p) >= 3 && memcmp(p, dashes[i], 3) == 0)
			return 3;
	return 0;
}

/* Parse one slot at [s, e) into *out. */
static enum fd_status
schedule_slot_one(const char *s, const char *e, struct schedule_slot *out,
                  struct fd_err *err)
{
	char shown[SCHEDULE_SHOW_MAX + 4], a[6], b[6], both[16];
	const char *d = s;
	size_t dl = 0;

	while (d < e && (dl = schedule_slot_dash(d, e)) == 0)
		d++;
	util_excerpt(shown, sizeof(shown), s, (size_t)(e - s),
	             SCHEDULE_SHOW_MAX);
	if (d == e || d == s || d + dl == e)
		return schedule_say(err, FD_E_INVALID, SCHEDULE_T_SLOT_FORM,
		                    shown, NULL);
	out->start = schedule_time_in(s, d);
	out->end = schedule_time_in(d + dl, e);
	if (out->start < 0 || out->end < 0) {
		const char *bs = out->start < 0 ? s : d + dl;
		const char *be = out->start < 0 ? d : e;

		util_excerpt(shown, sizeof(shown), bs, (size_t)(be - bs),
		             SCHEDULE_SHOW_MAX);
		return schedule_say(err, FD_E_INVALID, SCHEDULE_T_TIME_BAD,
		                    shown, NULL);
	}
	if (out->end <= out->start) {
		schedule_time_format(out->start, a);
		schedule_time_format(out->end, b);
		memcpy(both, a, 5);
		both[5] = '-';
		memcpy(both + 6, b, 6);
		return schedule_say(err, FD_E_INVALID, SCHEDULE_T_SLOT_ORDER,
		                    both, NULL);
	}
	return FD_OK;
}

/* Format one slot as HH:MM-HH:MM into out. */
static void
schedule_slot_text(const struct schedule_slot *s, char out[12])
{
	schedule_time_format(s->start, out);
	out[5] = '-';
	schedule_time_format(s->end, out + 6);
}

/* Check n slots: in range, each ending after it starts, sorted, not
 * overlapping (touching allowed). */
static enum fd_status
schedule_slots_check(const struct schedule_slot *v, size_t n,
                     struct fd_err *err)
{
	char a[12], b[12], num[24];

	if (n == 0)
		return schedule_say(err, FD_E_INVALID, SCHEDULE_T_SLOT_NONE,
		                    NULL, NULL);
	if (n > SCHEDULE_SLOTS_MAX) {
		snprintf(num, sizeof(num), "%d", SCHEDULE_SLOTS_MAX);
		return schedule_say(err, FD_E_INVALID, SCHEDULE_T_SLOT_MANY,
		                    num, NULL);
	}
	for (size_t i = 0; i < n; i++) {
		if (v[i].start < 0 || v[i].end > SCHEDULE_DAY_MINUTES ||
		    v[i].end <= v[i].start) {
			snprintf(num, sizeof(num), "%d-%d", v[i].start,
			         v[i].end);
			return schedule_say(err, FD_E_INVALID,
			                    SCHEDULE_T_SLOT_ORDER, num, NULL);
		}
		if (i > 0 && v[i].start < v[i - 1].end) {
			schedule_slot_text(&v[i - 1], a);
			schedule_slot_text(&v[i], b);
			return schedule_say(err, FD_E_INVALID,
			                    SCHEDULE_T_SLOT_OVERLAP, a, b);
		}
	}
	return FD_OK;
}

enum fd_status
schedule_slots_parse(const char *text, struct schedule_slot *slots, size_t max,
                     size_t *n, struct fd_err *err)
{
	struct schedule_slot got[SCHEDULE_SLOTS_MAX + 1];
	const char *p = text ? text : "", *e;
	size_t k = 0;
	enum fd_status st = FD_OK;
	char num[24];

	*n = 0;
	if (max > SCHEDULE_SLOTS_MAX)
		max = SCHEDULE_SLOTS_MAX;
	e = p + strlen(p);
	while (p < e) {
		const char *b;
		size_t sl;

		while (p < e && (sl = schedule_slot_sep(p, e)) > 0)
			p += sl;
		if (p == e)
			break;
		b = p;
		while (p < e && schedule_slot_sep(p, e) == 0)
			p++;
		if (k == max) {
			snprintf(num, sizeof(num), "%zu", max);
			st = schedule_say(err, FD_E_INVALID,
			                  SCHEDULE_T_SLOT_MANY, num, NULL);
			goto out;
		}
		st = schedule_slot_one(b, p, &got[k], err);
		if (st != FD_OK)
			goto out;
		k++;
	}
	/* Sort by start (k is small). */
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0 && got[j - 1].start > got[j].start;
		     j--) {
			struct schedule_slot t = got[j];

			got[j] = got[j - 1];
			got[j - 1] = t;
		}
	st = schedule_slots_check(got, k, err);
	if (st != FD_OK)
		goto out;
	memcpy(slots, got, k * sizeof(*got));
	*n = k;
out:
	return st;
}

void
schedule_slots_format(const struct schedule_slot *slots, size_t n, char *out,
                      size_t outsz)
{
	struct strbuf sb = {0};
	char one[12];

	for (size_t i = 0; i < n; i++) {
		schedule_slot_text(&slots[i], one);
		if (i)
			strbuf_add(&sb, ",", 1);
		strbuf_add(&sb, one, 11);
	}
	if (outsz) {
		if (sb.len < outsz) {
			memcpy(out, sb.len ? sb.buf : "", sb.len);
			out[sb.len] = '\0';
		} else {
			/* Cut at a slot boundary so what is left parses:
			 * k slots take 12k - 1 bytes. */
			size_t keep = outsz / 12 ? outsz / 12 * 12 - 1 : 0;

			memcpy(out, sb.buf, keep);
			out[keep] = '\0';
		}
	}
	strbuf_free(&sb);
}

/* ---- generation ------------------------------------------------------- */

/* Copy id (NULL = "") into out; false if it does not fit. */
static bool
schedule_copy_id(const char *id, char out[SCHEDULE_ID_MAX])
{
	size_t n = id ? strlen(id) : 0;

	if (n >= SCHEDULE_ID_MAX)
		return false;
	memcpy(out, id ? id : "", n);
	out[n] = '\0';
	return true;
}

/* Check the request's weekdays, slots and ids; fills the ids of *proto. */
static enum fd_status
schedule_check_request(const struct schedule_request *req,
                       struct schedule_session *proto, struct fd_err *err)
{
	static const char *const what[] = {"cohort", "room", "instructor"};
	const char *ids[3] = {req->cohort, req->room, req->instructor};
	char *outs[3] = {proto->cohort, proto->room, proto->instructor};
	char num[24];
	enum fd_status st;

	if ((req->weekdays & SCHEDULE_ALL_DAYS) == 0)
		return schedule_say(err, FD_E_INVALID, SCHEDULE_T_NO_WEEKDAYS,
		                    NULL, NULL);
	st =
	    schedule_slots_check(req->slots, req->slots ? req->nslots : 0, err);
	if (st != FD_OK)
		return st;
	for (size_t i = 0; i < 3; i++)
		if (!schedule_copy_id(ids[i], outs[i])) {
			snprintf(num, sizeof(num), "%d", SCHEDULE_ID_MAX - 1);
			return schedule_say(err, FD_E_INVALID,
			                    SCHEDULE_T_ID_LONG, what[i], num);
		}
	return FD_OK;
}

/* Append a session to tt (growing by *cap). */
static void
schedule_emit(struct schedule_timetable *tt, size_t *cap,
              const struct schedule_session *proto, int day, int start, int end,
              const char *module)
{
	struct schedule_session *s;

	if (tt->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		tt->v = xrealloc(tt->v, *cap * sizeof(*tt->v));
	}
	s = &tt->v[tt->n++];
	*s = *proto;
	schedule_format_date(day, s->date);
	s->start = start;
	s->end = end;
	fd_strlcpy(s->module, module, sizeof(s->module));
	tt->minutes += end - start;
}

/* Number the parts of each module: sessions of one module are
 * consecutive in a generated timetable. */
static void
schedule_number_parts(struct schedule_timetable *tt)
{
	size_t i = 0;

	while (i < tt->n) {
		size_t j = i;

		while (j < tt->n &&
		       strcmp(tt->v[j].module, tt->v[i].module) == 0)
			j++;
		for (size_t k = i; k < j; k++) {
			tt->v[k].part = (int)(k - i + 1);
			tt->v[k].parts = (int)(j - i);
		}
		i = j;
	}
}

/* Note in tt what is known of year. */
static void
schedule_note_year(struct schedule_timetable *tt, int year)
{
	enum schedule_year ys = schedule_year_status(year);

	if (ys == SCHEDULE_YEAR_NONE && !tt->unknown_year)
		tt->unknown_year = year;
	if (ys == SCHEDULE_YEAR_PROJECTED && !tt->projected_year)
		tt->projected_year = year;
}

enum fd_status
schedule_generate(const struct schedule_request *req,
                  struct schedule_timetable *tt, struct fd_err *err)
{
	const struct schedule_track *t;
	struct schedule_session proto;
	size_t cap = 0, mi = 0;
	int day, first, rem;
	int last_ok = schedule_days_from_civil(SCHEDULE_YEAR_MAX, 12, 31);
	char limit[11];
	enum fd_status st = FD_OK;

	memset(tt, 0, sizeof(*tt));
	memset(&proto, 0, sizeof(proto));
	t = schedule_track_find(req->track);
	if (!t) {
		char shown[SCHEDULE_SHOW_MAX + 4];

		util_excerpt(shown, sizeof(shown), req->track ? req->track : "",
		             req->track ? strlen(req->track) : 0,
		             SCHEDULE_SHOW_MAX);
		st = schedule_say(err, FD_E_NOTFOUND, SCHEDULE_T_TRACK_UNKNOWN,
		                  shown, NULL);
		goto out;
	}
	if (!schedule_parse_cdate(req->start, &first)) {
		char shown[SCHEDULE_SHOW_MAX + 4];

		util_excerpt(shown, sizeof(shown), req->start ? req->start : "",
		             req->start ? strlen(req->start) : 0,
		             SCHEDULE_SHOW_MAX);
		st = schedule_say(err, FD_E_INVALID, SCHEDULE_T_DATE_BAD, shown,
		                  NULL);
		goto out;
	}
	st = schedule_check_request(req, &proto, err);
	if (st != FD_OK)
		goto out;
	fd_strlcpy(tt->track, t->code, sizeof(tt->track));
	fd_strlcpy(tt->version, t->version, sizeof(tt->version));
	rem = t->modules[0].minutes;
	for (day = first; mi < t->n; day++) {
		const struct schedule_holiday *h;

		if (day - first > SCHEDULE_SPAN_MAX_DAYS || day > last_ok) {
			schedule_format_date(day - 1, limit);
			st = schedule_say(err, FD_E_INVALID,
			                  SCHEDULE_T_TOO_LONG, limit, NULL);
			goto out;
		}
		if (!(req->weekdays & (1u << schedule_wday(day))) ||
		    schedule_kind_of(day, &h) == SCHEDULE_DAY_HOLIDAY)
			continue;
		for (size_t k = 0; k < req->nslots && mi < t->n; k++) {
			int at = req->slots[k].start;

			while (at < req->slots[k].end && mi < t->n) {
				int take = req->slots[k].end - at;

				if (take > rem)
					take = rem;
				schedule_emit(tt, &cap, &proto, day, at,
				              at + take, t->modules[mi].code);
				at += take;
				rem -= take;
				if (rem > 0)
					continue;
				if (++mi < t->n)
					rem = t->modules[mi].minutes;
				if (req->flags & SCHEDULE_MODULE_NEW_SLOT)
					break;
			}
		}
	}
	schedule_number_parts(tt);
	memcpy(tt->first, tt->v[0].date, sizeof(tt->first));
	memcpy(tt->last, tt->v[tt->n - 1].date, sizeof(tt->last));
	/* Every year from the start date to the end date was consulted. */
	for (int y = schedule_year_of(first); y <= schedule_year_of(day - 1);
	     y++)
		schedule_note_year(tt, y);
out:
	if (st != FD_OK)
		schedule_timetable_free(tt);
	return st;
}

void
schedule_timetable_free(struct schedule_timetable *tt)
{
	free(tt->v);
	memset(tt, 0, sizeof(*tt));
}

/* ---- conflicts -------------------------------------------------------- */

/* Whether s has a date shaped YYYY-MM-DD (what ordering needs). */
static bool
schedule_dated(const struct schedule_session *s)
{
	for (size_t i = 0; i < 10; i++) {
		char c = s->date[i];

		if (i == 4 || i == 7 ? c != '-' : !(c >= '0' && c <= '9'))
			return false;
	}
	return s->date[10] == '\0' && s->start < s->end;
}

/* Order by date, then start. */
static int
schedule_cmp_start(const struct schedule_session *x,
                   const struct schedule_session *y)
{
	int c = memcmp(x->date, y->date, 10);

	if (c)
		return c;
	return (x->start > y->start) - (x->start < y->start);
}

/* Order by date, then end. */
static int
schedule_cmp_end(const struct schedule_session *x,
                 const struct schedule_session *y)
{
	int c = memcmp(x->date, y->date, 10);

	if (c)
		return c;
	return (x->end > y->end) - (x->end < y->end);
}

/* qsort: session pointers by date, start, then address (a total order). */
static int
schedule_qcmp_start(const void *a, const void *b)
{
	const struct schedule_session *x =
	    *(const struct schedule_session *const *)a;
	const struct schedule_session *y =
	    *(const struct schedule_session *const *)b;
	int c = schedule_cmp_start(x, y);

	if (c)
		return c;
	return (x > y) - (x < y);
}

bool
schedule_overlap(const struct schedule_session *a,
                 const struct schedule_session *b)
{
	return schedule_dated(a) && schedule_dated(b) &&
	       memcmp(a->date, b->date, 10) == 0 && a->start < b->end &&
	       b->start < a->end;
}

/* Sessions in date and start order: the array itself when it is sorted
 * and every session dated (as generated), else sorted pointers to its
 * dated sessions. */
struct schedule_view {
	const struct schedule_session *base;
	const struct schedule_session **p; /* NULL: base is in order */
	size_t n;
};

/* Make the view of the n sessions at v. Free w->p. */
static void
schedule_view_make(struct schedule_view *w, const struct schedule_session *v,
                   size_t n)
{
	size_t k = 0;
	bool sorted = true;

	w->base = v;
	w->p = NULL;
	w->n = n;
	for (size_t i = 0; i < n && sorted; i++)
		sorted = schedule_dated(&v[i]) &&
		         (i == 0 || schedule_cmp_start(&v[i - 1], &v[i]) <= 0);
	if (sorted)
		return;
	w->p = xmalloc(n * sizeof(*w->p));
	for (size_t i = 0; i < n; i++)
		if (schedule_dated(&v[i]))
			w->p[k++] = &v[i];
	qsort(w->p, k, sizeof(*w->p), schedule_qcmp_start);
	w->n = k;
}

/* The i-th session of a view in order. */
static const struct schedule_session *
schedule_view_at(const struct schedule_view *w, size_t i)
{
	return w->p ? w->p[i] : &w->base[i];
}

/* Whether x starts at or after the end of y (nothing from x on can
 * overlap y). */
static bool
schedule_after(const struct schedule_session *x,
               const struct schedule_session *y)
{
	int c = memcmp(x->date, y->date, 10);

	return c > 0 || (c == 0 && x->start >= y->end);
}

bool
schedule_conflicts(const struct schedule_session *a, size_t na,
                   const struct schedule_session *b, size_t nb, size_t *ia,
                   size_t *ib)
{
	struct schedule_view wa, wb;
	const struct schedule_session *maxa = NULL, *maxb = NULL;
	size_t i = 0, j = 0;
	bool found = false;

	schedule_view_make(&wa, a, na);
	schedule_view_make(&wb, b, nb);
	if (wa.n == 0 || wb.n == 0 ||
	    memcmp(schedule_view_at(&wa, wa.n - 1)->date,
	           schedule_view_at(&wb, 0)->date, 10) < 0 ||
	    memcmp(schedule_view_at(&wb, wb.n - 1)->date,
	           schedule_view_at(&wa, 0)->date, 10) < 0)
		goto out;
	/* Walk both in start order, keeping the session of each side that
	 * ends last; a session overlaps the other side exactly when that
	 * side's latest end so far is on its date and after its start. Once
	 * a side is done, the other walks on only while it can still reach
	 * that side's latest session. */
	while (i < wa.n || j < wb.n) {
		const struct schedule_session *xa =
		    i < wa.n ? schedule_view_at(&wa, i) : NULL;
		const struct schedule_session *xb =
		    j < wb.n ? schedule_view_at(&wb, j) : NULL;
		bool take_a = !xb || (xa && schedule_cmp_start(xa, xb) <= 0);
		const struct schedule_session *x = take_a ? xa : xb;
		const struct schedule_session **mine = take_a ? &maxa : &maxb;
		const struct schedule_session *other = take_a ? maxb : maxa;

		if ((!xa || !xb) && (!other || schedule_after(x, other)))
			break;
		if (take_a)
			i++;
		else
			j++;
		if (other && memcmp(other->date, x->date, 10) == 0 &&
		    other->end > x->start) {
			found = true;
			if (ia)
				*ia = (size_t)((take_a ? x : other) - a);
			if (ib)
				*ib = (size_t)((take_a ? other : x) - b);
			break;
		}
		if (!*mine || schedule_cmp_end(x, *mine) > 0)
			*mine = x;
	}
out:
	free(wa.p);
	free(wb.p);
	return found;
}

/* A session with its resource id, for double-booking. */
struct schedule_rkey {
	const char *id;
	const struct schedule_session *s;
};

/* qsort: by resource id, then date, start and address. */
static int
schedule_qcmp_rkey(const void *a, const void *b)
{
	const struct schedule_rkey *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c)
		return c;
	c = schedule_cmp_start(x->s, y->s);
	if (c)
		return c;
	return (x->s > y->s) - (x->s < y->s);
}

bool
schedule_double_booked(const struct schedule_session *v, size_t n,
                       enum schedule_resource r, size_t *i, size_t *j)
{
	struct schedule_rkey *k = xmalloc((n ? n : 1) * sizeof(*k));
	const struct schedule_session *bi = NULL, *bj = NULL, *latest = NULL;
	size_t m = 0;

	for (size_t x = 0; x < n; x++) {
		const char *id =
		    r == SCHEDULE_ROOM ? v[x].room : v[x].instructor;

		if (id[0] && schedule_dated(&v[x])) {
			k[m].id = id;
			k[m].s = &v[x];
			m++;
		}
	}
	qsort(k, m, sizeof(*k), schedule_qcmp_rkey);
	/* Per resource, in start order: the latest-ending session so far
	 * overlaps the current one when it ends after the current starts on
	 * the same date. Keep the clash whose later session starts first. */
	for (size_t x = 0; x < m; x++) {
		if (x == 0 || strcmp(k[x].id, k[x - 1].id) != 0)
			latest = NULL;
		if (latest && memcmp(latest->date, k[x].s->date, 10) == 0 &&
		    latest->end > k[x].s->start &&
		    (!bj || schedule_cmp_start(k[x].s, bj) < 0)) {
			bi = latest;
			bj = k[x].s;
		}
		if (!latest || schedule_cmp_end(k[x].s, latest) > 0)
			latest = k[x].s;
	}
	free(k);
	if (bj) {
		if (i)
			*i = (size_t)(bi - v);
		if (j)
			*j = (size_t)(bj - v);
	}
	return bj != NULL;
}

/* ---- moving ----------------------------------------------------------- */

enum fd_status
schedule_move(struct schedule_session *v, size_t n, size_t i, unsigned weekdays,
              const char *date, const char *start, size_t *moved,
              struct fd_err *err)
{
	const struct schedule_holiday *h;
	struct schedule_session cand;
	char shown[SCHEDULE_SHOW_MAX + 4], num[24], t[6];
	enum schedule_day kind;
	int day, at, len;
	size_t to;

	if (i >= n) {
		snprintf(num, sizeof(num), "%zu", i + 1);
		return schedule_say(err, FD_E_INVALID, SCHEDULE_T_MOVE_WHICH,
		                    num, NULL);
	}
	if (!schedule_parse_cdate(date, &day)) {
		util_excerpt(shown, sizeof(shown), date ? date : "",
		             date ? strlen(date) : 0, SCHEDULE_SHOW_MAX);
		return schedule_say(err, FD_E_INVALID, SCHEDULE_T_DATE_BAD,
		                    shown, NULL);
	}
	at = schedule_time_parse(start);
	if (at < 0) {
		util_excerpt(shown, sizeof(shown), start ? start : "",
		             start ? strlen(start) : 0, SCHEDULE_SHOW_MAX);
		return schedule_say(err, FD_E_INVALID, SCHEDULE_T_TIME_BAD,
		                    shown, NULL);
	}
	kind = schedule_kind_of(day, &h);
	if (kind == SCHEDULE_DAY_HOLIDAY)
		return schedule_say(err, FD_E_INVALID, SCHEDULE_T_MOVE_HOLIDAY,
		                    date, schedule_holiday_label(h));
	if (kind == SCHEDULE_DAY_WEEKEND &&
	    !(weekdays & (1u << schedule_wday(day))))
		return schedule_say(err, FD_E_INVALID, SCHEDULE_T_MOVE_WEEKEND,
		                    date, NULL);
	len = v[i].end - v[i].start;
	if (len <= 0 || at + len > SCHEDULE_DAY_MINUTES) {
		schedule_time_format(at, t);
		return schedule_say(err, FD_E_INVALID, SCHEDULE_T_MOVE_MIDNIGHT,
		                    t, NULL);
	}
	cand = v[i];
	schedule_format_date(day, cand.date);
	cand.start = at;
	cand.end = at + len;
	for (size_t k = 0; k < n; k++) {
		char range[12];
		struct schedule_slot sl;

		if (k == i || !schedule_overlap(&cand, &v[k]))
			continue;
		sl.start = v[k].start;
		sl.end = v[k].end;
		schedule_slot_text(&sl, range);
		return schedule_say(err, FD_E_INVALID, SCHEDULE_T_MOVE_OVERLAP,
		                    v[k].date, range);
	}
	/* Take v[i] out and put cand where it sorts among the others. */
	memmove(&v[i], &v[i + 1], (n - i - 1) * sizeof(*v));
	to = 0;
	while (to < n - 1 && schedule_cmp_start(&v[to], &cand) <= 0)
		to++;
	memmove(&v[to + 1], &v[to], (n - 1 - to) * sizeof(*v));
	v[to] = cand;
	if (moved)
		*moved = to;
	return FD_OK;
}

/* The day (0 = Monday) that code point cp names, or -1. */
static int
schedule_day_of(uint32_t cp)
{
	static const uint32_t zh[] = {0x4e00, 0x4e8c, 0x4e09, 0x56db,
				      0x4e94, 0x516d, 0x65e5}; /* 一..六日 */

	for (int d = 0; d < 7; d++)
		if (cp == zh[d])
			return d;
	if (cp == 0x5929) /* 天 */
		return 6;
	if (cp >= '1' && cp <= '7')
		return (int)(cp - '1');
	if (cp >= 0xff11 && cp <= 0xff17) /* full-width 1-7 */
		return (int)(cp - 0xff11);
	return -1;
}

/* The day an English name starting at s names (mon..sun), or -1; *len
 * gets the letters it takes. */
static int
schedule_day_named(const char *s, size_t *len)
{
	static const char *const en[] = {"mon", "tue", "wed", "thu",
					 "fri", "sat", "sun"};
	char low[4] = {0};
	size_t n = 0;

	while (isalpha((unsigned char)s[n]))
		n++;
	*len = n;
	if (n < 3)
		return -1;
	for (size_t k = 0; k < 3; k++)
		low[k] = (char)tolower((unsigned char)s[k]);
	for (int d = 0; d < 7; d++)
		if (strcmp(low, en[d]) == 0)
			return d;
	return -1;
}

/* Whether cp only decorates a list of days (周, 星期, 礼拜, separators). */
static bool
schedule_day_filler(uint32_t cp)
{
	static const uint32_t skip[] = {' ',    ',',	0x3001, 0xff0c, ';',
					0xff1b, 0x5468, 0x661f, 0x671f, 0x793c,
					0x62dc, '\t',	0x3000};

	for (size_t i = 0; i < FD_ARRAY_LEN(skip); i++)
		if (cp == skip[i])
			return true;
	return false;
}

/* Whether cp joins two days into a range (1-5, 一至五, 一到五). */
static bool
schedule_day_range(uint32_t cp)
{
	return cp == '-' || cp == '~' || cp == 0x81f3 || cp == 0x5230 ||
	       cp == 0xff0d || cp == 0xff5e || cp == 0x2013;
}

/* The days typed in text (see schedule.h). */
unsigned
schedule_weekdays_parse(const char *text, char **bad)
{
	unsigned mask = 0;
	int last = -1;
	bool range = false;
	size_t i = 0, len = strlen(text), range_at = 0, range_len = 0;

	*bad = NULL;
	while (i < len) {
		uint32_t cp;
		int r = utf8_decode(text + i, len - i, &cp);
		size_t step = r > 0 ? (size_t)r : 1; /* invalid: one byte */
		int d = schedule_day_of(cp);

		if (d < 0 && isalpha((unsigned char)text[i]))
			d = schedule_day_named(text + i, &step);
		if (d >= 0) {
			if (range && last >= 0)
				for (int k = last; k != d; k = (k + 1) % 7)
					mask |= 1u << k;
			mask |= 1u << d;
			last = d;
			range = false;
		} else if (schedule_day_range(cp) && last >= 0) {
			range = true;
			range_at = i;
			range_len = step;
		} else if (!schedule_day_filler(cp)) {
			*bad = xstrndup(text + i, step);
			return 0;
		}
		i += step;
	}
	if (range) {
		/* "一至" names where a range starts, not where it ends: read
		 * as 周一 it would be a timetable nobody asked for. */
		*bad = xstrndup(text + range_at, range_len);
		return 0;
	}
	return mask;
}
