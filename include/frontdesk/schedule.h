/*
 * Training schedules: the curriculum (tracks, each an ordered list of
 * modules with hours), the public-holiday calendar, timetable generation
 * for a cohort, and conflict detection over sessions. Core only: no
 * curses, no database; the cohort model stores what this computes and
 * reuses the conflict functions over sessions it loads.
 *
 * Files (formats at the top of assets/curriculum.txt and
 * assets/holidays.txt, and of src/schedule.c):
 *   curriculum.txt  [track CODE VERSION], a "name | 中文 | English" line,
 *                   then "MODULE | HOURS | 中文 | English" lines in order
 *   holidays.txt    [year YYYY official|projected], then
 *                   "YYYY-MM-DD | holiday|workday | 中文 | English" lines
 * A malformed file is refused with "FILE:LINE: problem; what to do".
 *
 * Calendar rules
 * - schedule_is_working_day(): Monday to Friday are working days unless
 *   listed as a holiday; Saturday and Sunday are days off unless listed as
 *   a make-up working day (调休上班). A year with no holiday section loaded
 *   has only the weekend rule (and a timetable that reaches it says so).
 * - A cohort meets on a day when the day's own weekday is in its weekdays
 *   mask and the day is not a public holiday. So a Monday-to-Friday cohort
 *   meets on working days only and never on a make-up Saturday or Sunday
 *   (a make-up day does not stand for the weekday it replaces); a cohort
 *   whose mask has Saturday meets on Saturdays, make-up or not, except in
 *   a holiday: weekend classes are chosen explicitly.
 *
 * Timetable rules (schedule_generate)
 * - Modules follow the track's order; a module longer than what is left of
 *   a slot continues in the next slot, the next meeting day if need be.
 * - A slot may end one module and start the next: each part is its own
 *   session with its exact times (09:00-10:00 module A, 10:00-12:00 module
 *   B), so the hours of the curriculum are kept exactly. With
 *   SCHEDULE_MODULE_NEW_SLOT a module starts at the start of a slot
 *   instead, and the rest of the slot where the previous one ended stays
 *   free.
 * - The first session is on the first meeting day on or after the start
 *   date; the end date is the date of the last session.
 *
 * Times are minutes since midnight (0..1440); a session or slot is the
 * half-open range [start, end): two that touch (one ends at 12:00, the
 * other starts at 12:00) do not overlap. Dates are "YYYY-MM-DD" (years
 * 1970-9999).
 *
 * Pointers handed out (tracks, modules, holidays) stay valid until the
 * next successful load (or, for holidays, add) of the same table or
 * schedule_free(). Errors about files are English, for whoever edits
 * them; errors about what staff type (slots, dates, moves) are the texts
 * of message ids still to be added to msg.h (listed in src/schedule.c),
 * English until then.
 */
#ifndef FRONTDESK_SCHEDULE_H
#define FRONTDESK_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>

#include "frontdesk/status.h"

#define SCHEDULE_CODE_MAX    16 /* bytes of a track or module code */
#define SCHEDULE_ID_MAX      40 /* bytes of a cohort, room or instructor id */
#define SCHEDULE_SLOTS_MAX   8  /* time slots in one day */
#define SCHEDULE_DAY_MINUTES 1440
/* A timetable may not run past this many days after its start date. */
#define SCHEDULE_SPAN_MAX_DAYS 731

/* Bits of a weekdays mask, Monday first. */
#define SCHEDULE_MON      (1u << 0)
#define SCHEDULE_TUE      (1u << 1)
#define SCHEDULE_WED      (1u << 2)
#define SCHEDULE_THU      (1u << 3)
#define SCHEDULE_FRI      (1u << 4)
#define SCHEDULE_SAT      (1u << 5)
#define SCHEDULE_SUN      (1u << 6)
#define SCHEDULE_MON_FRI  0x1Fu
#define SCHEDULE_ALL_DAYS 0x7Fu

/* schedule_request.flags: each module starts at the start of a slot. */
#define SCHEDULE_MODULE_NEW_SLOT (1u << 0)

struct schedule_module {
	char *code;     /* unique in the file: "ecom03" */
	char *label_zh; /* 店铺开设与实名认证 */
	char *label_en;
	int minutes; /* hours * 60 */
};

struct schedule_track {
	char *code;     /* "ecom" */
	char *version;  /* "2026.1": record it with a cohort */
	char *label_zh; /* 电商运营基础 */
	char *label_en;
	struct schedule_module *modules; /* in teaching order */
	size_t n;
	int minutes; /* sum of the modules */
};

/* How the national calendar treats a day. */
enum schedule_day {
	SCHEDULE_DAY_INVALID = 0, /* not a date YYYY-MM-DD */
	SCHEDULE_DAY_WORK,        /* Monday-Friday, not a holiday */
	SCHEDULE_DAY_WEEKEND,     /* Saturday or Sunday, not a make-up day */
	SCHEDULE_DAY_HOLIDAY,     /* listed as holiday (放假) */
	SCHEDULE_DAY_MAKEUP,      /* weekend listed as workday (调休上班) */
};

/* What is known of a year's holidays. */
enum schedule_year {
	SCHEDULE_YEAR_NONE = 0,  /* no section for it: weekends only */
	SCHEDULE_YEAR_PROJECTED, /* a projection, before the State Council's
	                            notice; replace it when published */
	SCHEDULE_YEAR_OFFICIAL,  /* from the notice */
};

struct schedule_holiday {
	char date[11]; /* YYYY-MM-DD */
	bool workday;  /* make-up working day (else a day off) */
	char *name_zh; /* 春节 */
	char *name_en; /* Spring Festival */
};

/* A daily time slot: [start, end) in minutes, 0 <= start < end <= 1440. */
struct schedule_slot {
	int start;
	int end;
};

/* One session of a cohort. Its hours are (end - start) / 60. */
struct schedule_session {
	char date[11];                      /* YYYY-MM-DD */
	int start;                          /* minutes since midnight */
	int end;                            /* start < end <= 1440 */
	char module[SCHEDULE_CODE_MAX + 1]; /* module code */
	int part;                           /* 1..parts: the module's pieces */
	int parts;
	char cohort[SCHEDULE_ID_MAX]; /* opaque ids, "" = none */
	char room[SCHEDULE_ID_MAX];
	char instructor[SCHEDULE_ID_MAX];
};

/* What a timetable is generated from. */
struct schedule_request {
	const char *track; /* track code */
	const char *start; /* first possible date, YYYY-MM-DD */
	unsigned weekdays; /* SCHEDULE_MON | ...: the days the cohort meets */
	const struct schedule_slot *slots; /* 1..SCHEDULE_SLOTS_MAX, in order,
	                                      not overlapping */
	size_t nslots;
	const char *cohort; /* copied into every session; NULL = "" */
	const char *room;
	const char *instructor;
	unsigned flags; /* SCHEDULE_MODULE_NEW_SLOT */
};

struct schedule_timetable {
	struct schedule_session *v; /* sorted by date, then start */
	size_t n;
	char first[11]; /* date of the first session */
	char last[11];  /* end date: date of the last session */
	int minutes;    /* sum of the sessions = the track's */
	char track[SCHEDULE_CODE_MAX + 1];
	char version[33];   /* the track's version */
	int unknown_year;   /* first year reached with no holidays loaded, 0 */
	int projected_year; /* first year reached whose holidays are only a
	                       projection, 0: warn the person */
};

/* The days typed in text ("一二三四五", "一至五", "周一、三、五", "1-5",
 * "Mon-Fri", "六日"...) as a mask; 0 when there are none or a piece is
 * not a day, and then *bad gets that piece (caller frees; NULL when the
 * text names no day). A range wraps past Sunday ("五-一"); a range with
 * no end ("一至", "1-") is refused with the range mark as *bad. */
unsigned schedule_weekdays_parse(const char *text, char **bad);

/* Which id two sessions must share to be double-booked. */
enum schedule_resource {
	SCHEDULE_ROOM,
	SCHEDULE_INSTRUCTOR,
};

/* Load the curriculum and the holidays: the embedded assets, or the files
 * named (NULL or "" = embedded). Replaces both tables (and any holidays
 * added) only when both files are good. Errors read "FILE:LINE: ..."
 * (FD_E_PARSE) or "FILE: ..." (FD_E_IO when a file cannot be read). */
enum fd_status schedule_load(const char *curriculum_path,
                             const char *holidays_path, struct fd_err *err);
/* Add the holidays of another file in the same format (a year the State
 * Council has published since, a local day off): each year section in it
 * replaces every entry of that year loaded before. Nothing changes when
 * the file is refused. */
enum fd_status schedule_holidays_add(const char *path, struct fd_err *err);
/* The same from memory (tests, fuzzing); name stands for the file in
 * messages. Each replaces, or for _add merges into, its own table only,
 * and only on success. */
enum fd_status schedule_curriculum_load_buffer(const char *name,
                                               const char *data, size_t len,
                                               struct fd_err *err);
enum fd_status schedule_holidays_load_buffer(const char *name, const char *data,
                                             size_t len, struct fd_err *err);
enum fd_status schedule_holidays_add_buffer(const char *name, const char *data,
                                            size_t len, struct fd_err *err);
/* Drop both tables. */
void schedule_free(void);

/* Labels in English instead of Chinese (ui.language = en). */
void schedule_set_english(bool en);

/* Every track in file order (*n of them; NULL when none is loaded). */
const struct schedule_track *schedule_tracks(size_t *n);
/* The track with this code, or NULL. */
const struct schedule_track *schedule_track_find(const char *code);
/* The module with this code, or NULL; *track (may be NULL) gets its
 * track. */
const struct schedule_module *
schedule_module_find(const char *code, const struct schedule_track **track);
/* The label of a track or module in the current language. */
const char *schedule_track_label(const struct schedule_track *t);
const char *schedule_module_label(const struct schedule_module *m);

/* Whether date is a working day (see the rules above); false for a date
 * that is not YYYY-MM-DD. */
bool schedule_is_working_day(const char *date);
/* How the calendar treats date; *h (may be NULL) gets the holiday or
 * make-up entry of that day, or NULL. */
enum schedule_day schedule_day_kind(const char *date,
                                    const struct schedule_holiday **h);
/* What is known of year's holidays. */
enum schedule_year schedule_year_status(int year);
/* Every holiday and make-up day loaded, sorted by date. */
const struct schedule_holiday *schedule_holidays(size_t *n);
/* The label of a holiday entry in the current language. */
const char *schedule_holiday_label(const struct schedule_holiday *h);

/* The weekday of date, 0 = Monday .. 6 = Sunday; -1 if not a date. */
int schedule_weekday(const char *date);
/* The date n days after date (n may be negative) into out; false if date
 * is not a date or the result leaves 1970-9999. */
bool schedule_date_add(const char *date, int n, char out[11]);

/* Parse "HH:MM" (H:MM too; a full-width ： is accepted) as minutes,
 * 00:00..24:00; -1 if it is not a time of day. */
int schedule_time_parse(const char *s);
/* Minutes as "HH:MM" into out. */
void schedule_time_format(int minutes, char out[6]);
/* Parse the daily slots of text, "09:00-12:00, 14:00-17:00" (separated
 * by commas, semicolons, 、 or blanks; the dash may be -, ~, －, ～ or –)
 * into slots, sorted by start (*n of them, at most max). Refuses (FD_E_INVALID,
 * a message for the person who typed it) a time out of 00:00-24:00, a slot
 * that ends before it starts, slots that overlap (touching is fine), more
 * than max, or none. */
enum fd_status schedule_slots_parse(const char *text,
                                    struct schedule_slot *slots, size_t max,
                                    size_t *n, struct fd_err *err);
/* n slots as "09:00-12:00,14:00-17:00" into out (size outsz; cut if too
 * small): what schedule_slots_parse reads back. */
void schedule_slots_format(const struct schedule_slot *slots, size_t n,
                           char *out, size_t outsz);

/* Generate the timetable of req into *tt (see the rules above). Refuses
 * (FD_E_NOTFOUND) an unknown track and (FD_E_INVALID) a bad start date, an
 * empty weekdays mask, slots that are out of range, unsorted or
 * overlapping, an id of SCHEDULE_ID_MAX bytes or more, or a timetable
 * running past SCHEDULE_SPAN_MAX_DAYS. On failure *tt is empty. Free with
 * schedule_timetable_free(). */
enum fd_status schedule_generate(const struct schedule_request *req,
                                 struct schedule_timetable *tt,
                                 struct fd_err *err);
/* Free the sessions and zero *tt. */
void schedule_timetable_free(struct schedule_timetable *tt);

/* Whether a and b overlap in time: same date and [start, end) ranges that
 * intersect (touching ones do not). */
bool schedule_overlap(const struct schedule_session *a,
                      const struct schedule_session *b);
/* Whether a session of a (na) overlaps one of b (nb); the pair whose
 * later-starting session starts first goes to *ia, *ib (may be NULL). The
 * caller knows what the two share (a room, an instructor, a trainee) and
 * names it. Either array in any order: sorted ones (as generated) are
 * walked in place, O(na + nb), others sorted first. A session whose date
 * is not shaped YYYY-MM-DD, or that does not end after it starts, never
 * overlaps. */
bool schedule_conflicts(const struct schedule_session *a, size_t na,
                        const struct schedule_session *b, size_t nb, size_t *ia,
                        size_t *ib);
/* Whether two of the n sessions (any cohorts) have the same room, or the
 * same instructor, and overlap; an empty id never clashes. The pair whose
 * later-starting session starts first goes to *i, *j (i the earlier one).
 * Sorts a copy of the keys: O(n log n). */
bool schedule_double_booked(const struct schedule_session *v, size_t n,
                            enum schedule_resource r, size_t *i, size_t *j);

/* Move session v[i] of one cohort's n sessions (sorted, as generated) to
 * date at start (HH:MM), keeping its length; the array is sorted again and
 * *moved (may be NULL) gets the session's new index. The date must be a
 * working day (a make-up day is one), or a weekend day that is not a
 * holiday when its weekday is in the cohort's weekdays (weekend classes);
 * the weekdays do not otherwise bind a move (a Monday-Friday cohort may
 * move a session to a make-up Saturday). Refuses (FD_E_INVALID, nothing
 * changed) any other date, a session that would run past 24:00, or one
 * that would overlap another session of the same cohort. Rooms,
 * instructors and trainees shared with other cohorts are the caller's to
 * re-check with schedule_conflicts() or schedule_double_booked(). */
enum fd_status schedule_move(struct schedule_session *v, size_t n, size_t i,
                             unsigned weekdays, const char *date,
                             const char *start, size_t *moved,
                             struct fd_err *err);

#endif
