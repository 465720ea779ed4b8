/*
 * Fuzz target: the curriculum and holiday loaders, the slot parser, and
 * what is built on parsed slots (timetable generation, moving, conflict
 * checks). The input is raw bytes (not NUL-terminated, may hold NULs);
 * the low two bits of the first byte choose:
 *   0  schedule_curriculum_load_buffer over the rest
 *   1  schedule_holidays_load_buffer over the rest
 *   2  schedule_holidays_add_buffer of the rest onto the embedded holidays
 *   3  bytes 1-3 are a weekdays mask, a track and flags, and a day offset;
 *      the rest up to a NUL is slot text for schedule_slots_parse, and a
 *      timetable is generated from what parses
 *
 * Checks, beyond "no crash, no leak":
 * - A loader failure is FD_E_PARSE (FD_E_IO never: no file is read) with
 *   one printable line starting with the file name, and leaves the tables
 *   as they were. A curriculum success: every track has modules whose
 *   minutes add up, codes are found again, labels are clean. A holidays
 *   success: entries sorted and unique, make-up days on weekends, every
 *   entry's year known, day kinds agree with the entries.
 * - A slot success: sorted, within 00:00-24:00, not overlapping, and the
 *   formatted text parses back to the same slots. A generated timetable
 *   keeps its invariants (sorted, inside the slots, on meeting days, module
 *   order, minutes), never double-books its own room, and a move that
 *   succeeds keeps it sorted and free of self-overlap. schedule_conflicts
 *   and schedule_double_booked agree with a check of every pair against a
 *   shifted, reversed copy, and the pair they name overlaps.
 */
#include <stdint.h>
#include <string.h>

#include "frontdesk/i18n.h"
#include "frontdesk/schedule.h"
#include "frontdesk/util.h"

#define FUZZ_TARGET "fuzz_schedule"
#include "fuzz_common.h"

#define FUZZ_NAME "fuzz.txt"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The invariants of reading typed weekdays: a mask of the seven days, or
 * 0 with the piece that is not a day (a part of the text) or none. */
static void
fuzz_weekdays(const char *s)
{
	char *bad = NULL;
	unsigned mask = schedule_weekdays_parse(s, &bad);

	fuzz_check(mask <= SCHEDULE_ALL_DAYS, "weekday mask", s);
	if (mask)
		fuzz_check(bad == NULL, "no bad piece with a mask", s);
	if (bad)
		fuzz_check(*bad && strstr(s, bad) != NULL,
		           "the bad piece is a part of the text", s);
	free(bad);
}

/* A loader's failure: status, message, nothing loaded or changed. */
static void
fuzz_failed(enum fd_status st, const struct fd_err *err)
{
	fuzz_check(st == FD_E_PARSE, "status", err->msg);
	fuzz_check(strncmp(err->msg, FUZZ_NAME ":", strlen(FUZZ_NAME) + 1) == 0,
	           "message names the file", err->msg);
	fuzz_check(fuzz_clean(err->msg, 0), "message one printable line",
	           err->msg);
}

/* The invariants of a loaded curriculum. */
static void
fuzz_curriculum_ok(void)
{
	size_t n;
	const struct schedule_track *v = schedule_tracks(&n);

	fuzz_check(n > 0 && v != NULL, "tracks loaded", "");
	for (size_t i = 0; i < n; i++) {
		int sum = 0;

		fuzz_check(schedule_track_find(v[i].code) == &v[i],
		           "track found", v[i].code);
		fuzz_check(fuzz_clean(v[i].label_zh, 0) && *v[i].label_zh &&
		               fuzz_clean(v[i].label_en, 0) && *v[i].label_en &&
		               fuzz_clean(v[i].version, 0),
		           "track labels clean", v[i].code);
		fuzz_check(v[i].n > 0, "track has modules", v[i].code);
		for (size_t j = 0; j < v[i].n; j++) {
			const struct schedule_module *m = &v[i].modules[j];
			const struct schedule_track *t;

			fuzz_check(m->minutes > 0, "module minutes", m->code);
			fuzz_check(schedule_module_find(m->code, &t) == m &&
			               t == &v[i],
			           "module found", m->code);
			fuzz_check(fuzz_clean(m->label_zh, 0) &&
			               fuzz_clean(m->label_en, 0),
			           "module labels clean", m->code);
			sum += m->minutes;
		}
		fuzz_check(sum == v[i].minutes, "track minutes", v[i].code);
	}
}

/* The invariants of the loaded holidays. */
static void
fuzz_holidays_ok(void)
{
	size_t n;
	const struct schedule_holiday *h = schedule_holidays(&n);

	for (size_t i = 0; i < n; i++) {
		const struct schedule_holiday *e;
		enum schedule_day k = schedule_day_kind(h[i].date, &e);
		int year = (h[i].date[0] - '0') * 1000 +
		           (h[i].date[1] - '0') * 100 +
		           (h[i].date[2] - '0') * 10 + (h[i].date[3] - '0');

		fuzz_check(i == 0 || strcmp(h[i - 1].date, h[i].date) < 0,
		           "sorted and unique", h[i].date);
		fuzz_check(e == &h[i], "entry found", h[i].date);
		fuzz_check(k == (h[i].workday ? SCHEDULE_DAY_MAKEUP
		                              : SCHEDULE_DAY_HOLIDAY),
		           "day kind", h[i].date);
		fuzz_check(!h[i].workday || schedule_weekday(h[i].date) >= 5,
		           "make-up day on a weekend", h[i].date);
		fuzz_check(schedule_year_status(year) != SCHEDULE_YEAR_NONE,
		           "year known", h[i].date);
		fuzz_check(fuzz_clean(h[i].name_zh, 0) &&
		               fuzz_clean(h[i].name_en, 0),
		           "names clean", h[i].date);
	}
}

/* The invariants of a generated timetable over slots sl (ns). */
static void
fuzz_timetable_ok(const struct schedule_timetable *tt,
                  const struct schedule_slot *sl, size_t ns, unsigned mask)
{
	const struct schedule_track *t = schedule_track_find(tt->track);
	size_t mi = 0;
	int sum = 0;

	fuzz_check(t && tt->n > 0, "timetable", tt->track);
	fuzz_check(strcmp(tt->first, tt->v[0].date) == 0 &&
	               strcmp(tt->last, tt->v[tt->n - 1].date) == 0,
	           "first and last", tt->first);
	for (size_t i = 0; i < tt->n; i++) {
		const struct schedule_session *s = &tt->v[i];
		int inside = 0, w = schedule_weekday(s->date);

		if (i > 0) {
			int c = strcmp(tt->v[i - 1].date, s->date);

			fuzz_check(c < 0 ||
			               (c == 0 && tt->v[i - 1].end <= s->start),
			           "sorted, no overlap", s->date);
		}
		for (size_t k = 0; k < ns; k++)
			inside |=
			    s->start >= sl[k].start && s->end <= sl[k].end;
		fuzz_check(inside, "inside a slot", s->date);
		fuzz_check(w >= 0 && (mask & (1u << w)), "meeting weekday",
		           s->date);
		fuzz_check(schedule_day_kind(s->date, NULL) !=
		               SCHEDULE_DAY_HOLIDAY,
		           "not a holiday", s->date);
		while (mi < t->n && strcmp(t->modules[mi].code, s->module) != 0)
			mi++;
		fuzz_check(mi < t->n, "module order", s->module);
		fuzz_check(s->part >= 1 && s->part <= s->parts, "parts",
		           s->module);
		sum += s->end - s->start;
	}
	fuzz_check(sum == t->minutes && tt->minutes == t->minutes, "minutes",
	           tt->track);
	fuzz_check(
	    !schedule_double_booked(tt->v, tt->n, SCHEDULE_ROOM, NULL, NULL),
	    "own room never double-booked", tt->track);
	fuzz_check(schedule_conflicts(tt->v, tt->n, tt->v, tt->n, NULL, NULL),
	           "a timetable overlaps itself", tt->track);
}

/* Compare schedule_conflicts and schedule_double_booked with a check of
 * every pair: tt's sessions against a copy shifted by days and minutes,
 * in reverse order (so unsorted). */
static void
fuzz_pairs(const struct schedule_timetable *tt, int days, int minutes)
{
	size_t n = tt->n, i = 0, j = 0;
	struct schedule_session *b = xmalloc(n * sizeof(*b));
	struct schedule_session *all = xmalloc(2 * n * sizeof(*all));
	bool brute = false, got, dup;

	for (size_t k = 0; k < n; k++) {
		struct schedule_session *s = &b[n - 1 - k];

		*s = tt->v[k];
		fuzz_check(schedule_date_add(tt->v[k].date, days, s->date),
		           "shift", s->date);
		s->start += minutes;
		s->end += minutes;
		if (s->end > SCHEDULE_DAY_MINUTES) {
			s->start = SCHEDULE_DAY_MINUTES - 1;
			s->end = SCHEDULE_DAY_MINUTES;
		}
		memcpy(s->room, "r1", 3);
	}
	for (size_t x = 0; x < n && !brute; x++)
		for (size_t y = 0; y < n && !brute; y++)
			brute = schedule_overlap(&tt->v[x], &b[y]);
	got = schedule_conflicts(tt->v, n, b, n, &i, &j);
	fuzz_check(got == brute, "conflicts agree with every pair", "");
	if (got)
		fuzz_check(i < n && j < n && schedule_overlap(&tt->v[i], &b[j]),
		           "the pair overlaps", tt->v[i].date);
	memcpy(all, tt->v, n * sizeof(*all));
	memcpy(all + n, b, n * sizeof(*all));
	brute = false;
	for (size_t x = 0; x < 2 * n && !brute; x++)
		for (size_t y = x + 1; y < 2 * n && !brute; y++)
			brute = schedule_overlap(&all[x], &all[y]);
	dup = schedule_double_booked(all, 2 * n, SCHEDULE_ROOM, &i, &j);
	fuzz_check(dup == brute, "double-booking agrees with every pair", "");
	if (dup)
		fuzz_check(i != j && schedule_overlap(&all[i], &all[j]),
		           "the double-booked pair overlaps", all[i].date);
	free(b);
	free(all);
}

/* Parse slot text and build on it; b1..b3 choose the rest. */
static void
fuzz_slots(const char *text, uint8_t b1, uint8_t b2, uint8_t b3)
{
	static const char *const tracks[] = {"ecom", "cs", "photo", "live",
	                                     "logis"};
	struct schedule_slot sl[SCHEDULE_SLOTS_MAX], back[SCHEDULE_SLOTS_MAX];
	struct schedule_request rq = {0};
	struct schedule_timetable tt;
	struct fd_err err = {{0}};
	char out[SCHEDULE_SLOTS_MAX * 12 + 1], start[11], date[11], at[6];
	size_t n = 0, nb = 0, moved;
	enum fd_status st;

	st = schedule_slots_parse(text, sl, SCHEDULE_SLOTS_MAX, &n, &err);
	if (st != FD_OK) {
		fuzz_check(st == FD_E_INVALID && n == 0, "slot status",
		           err.msg);
		fuzz_check(fuzz_clean(err.msg, 0) && err.msg[0],
		           "slot message one printable line", err.msg);
		return;
	}
	fuzz_check(n >= 1 && n <= SCHEDULE_SLOTS_MAX, "slot count", text);
	for (size_t i = 0; i < n; i++) {
		fuzz_check(sl[i].start >= 0 && sl[i].start < sl[i].end &&
		               sl[i].end <= SCHEDULE_DAY_MINUTES,
		           "slot range", text);
		fuzz_check(i == 0 || sl[i - 1].end <= sl[i].start,
		           "slots sorted, apart", text);
	}
	schedule_slots_format(sl, n, out, sizeof(out));
	fuzz_check(schedule_slots_parse(out, back, SCHEDULE_SLOTS_MAX, &nb,
	                                &err) == FD_OK &&
	               nb == n && memcmp(back, sl, n * sizeof(*sl)) == 0,
	           "format parses back", out);

	fuzz_check(schedule_date_add("2026-01-01", b3 * 3, start), "date", "");
	rq.track = tracks[b2 % 5];
	rq.start = start;
	rq.weekdays = b1;
	rq.slots = sl;
	rq.nslots = n;
	rq.room = "r1";
	rq.flags = (b2 & 0x80) ? SCHEDULE_MODULE_NEW_SLOT : 0;
	st = schedule_generate(&rq, &tt, &err);
	if (st != FD_OK) {
		fuzz_check(st == FD_E_INVALID && tt.v == NULL && tt.n == 0,
		           "generate status", err.msg);
		fuzz_check((b1 & SCHEDULE_ALL_DAYS) == 0 ||
		               strstr(err.msg, "would run past"),
		           "only a bad mask or a long span fail", err.msg);
		return;
	}
	fuzz_timetable_ok(&tt, sl, n, b1);
	if (tt.n <= 400)
		fuzz_pairs(&tt, b3 % 3, (int)(b2 % 64) * 5);
	/* Move one session to the slot b3 picks, b3 % 17 days later. */
	fuzz_check(schedule_date_add(tt.v[0].date, b3 % 17, date), "date", "");
	schedule_time_format(sl[b3 % n].start, at);
	st = schedule_move(tt.v, tt.n, b3 % tt.n, b1, date, at, &moved, &err);
	if (st == FD_OK) {
		fuzz_check(moved < tt.n && strcmp(tt.v[moved].date, date) == 0,
		           "moved", date);
		for (size_t i = 1; i < tt.n; i++) {
			int c = strcmp(tt.v[i - 1].date, tt.v[i].date);

			fuzz_check(c < 0 || (c == 0 && tt.v[i - 1].start <=
			                                   tt.v[i].start),
			           "sorted after a move", tt.v[i].date);
		}
		fuzz_check(!schedule_double_booked(tt.v, tt.n, SCHEDULE_ROOM,
		                                   NULL, NULL),
		           "no self-overlap after a move", date);
	} else {
		fuzz_check(st == FD_E_INVALID && fuzz_clean(err.msg, 0),
		           "move refusal", err.msg);
	}
	schedule_timetable_free(&tt);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int catalog;
	struct fd_err err = {{0}};
	const char *text;
	size_t len, n0, n1;
	enum fd_status st;
	char *s;

	fuzz_init();
	/* The invariants read the English wording of the catalog. */
	if (!catalog++)
		fuzz_check(i18n_load("en", NULL, &err) == FD_OK, "catalog",
		           err.msg);
	if (size == 0)
		return 0;
	text = (const char *)data + 1;
	len = size - 1;
	switch (data[0] & 3) {
	case 0:
		st =
		    schedule_curriculum_load_buffer(FUZZ_NAME, text, len, &err);
		if (st == FD_OK) {
			fuzz_curriculum_ok();
		} else {
			fuzz_failed(st, &err);
			fuzz_check(schedule_tracks(&n0) == NULL && n0 == 0,
			           "nothing loaded after a failure", err.msg);
		}
		break;
	case 1:
		st = schedule_holidays_load_buffer(FUZZ_NAME, text, len, &err);
		if (st == FD_OK) {
			fuzz_holidays_ok();
		} else {
			fuzz_failed(st, &err);
			fuzz_check(schedule_holidays(&n0) == NULL && n0 == 0,
			           "nothing loaded after a failure", err.msg);
		}
		break;
	case 2:
		fuzz_check(schedule_load(NULL, NULL, &err) == FD_OK,
		           "embedded assets", err.msg);
		schedule_holidays(&n0);
		st = schedule_holidays_add_buffer(FUZZ_NAME, text, len, &err);
		if (st == FD_OK) {
			fuzz_holidays_ok();
		} else {
			fuzz_failed(st, &err);
			schedule_holidays(&n1);
			fuzz_check(n1 == n0 && schedule_year_status(2027) ==
			                           SCHEDULE_YEAR_PROJECTED,
			           "unchanged after a failure", err.msg);
		}
		break;
	default:
		if (size < 4)
			break;
		fuzz_check(schedule_load(NULL, NULL, &err) == FD_OK,
		           "embedded assets", err.msg);
		s = xstrndup((const char *)data + 4, size - 4);
		fuzz_slots(s, data[1], data[2], data[3]);
		fuzz_weekdays(s);
		free(s);
		break;
	}
	schedule_free();
	return 0;
}
