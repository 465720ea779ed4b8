/*
 * One cohort: a header (code, track, dates, where it stands today, room,
 * instructor, weekdays and slots, seats, enrolled, waitlisted, sessions
 * taken, and a warning when the timetable runs into a year whose holidays
 * are only projected or not loaded), then three tabs, each a list:
 *
 *   1 课表  every session: date, weekday, time, module, part, room, how
 *           many trainees are marked. Enter takes the register of the
 *           session under the cursor (screen_session); F4 moves it to
 *           another day or time (one prompt, "YYYY-MM-DD HH:MM").
 *   2 学员  the enrolled, with attendance (of the sessions whose register
 *           has been taken) and assessment, the withdrawn after them,
 *           marked so; after graduation, each one's outcome. F6 enrols (a pick list of eligible
 *           participants, narrowed by typing); Del withdraws after asking
 *           the reason; Enter or F8 opens the trainee's path.
 *   3 候补  the waitlist in order (numbered 1.. as it stands); the same
 *           keys. After graduation the places that lapsed then are
 *           listed under it, marked 失效; the tab counts those waiting.
 *   4 考核  and 5 结业 open the assessment and graduation screens, which
 *           draw the same tab line and come back here (with the tab
 *           asked for) on 1-5 and Left/Right (ui_train.h).
 *
 * Digits 1-5 and Left/Right change tabs, round all five; what each tab's
 * keys do is said on the line under its list, with the keys taken from
 * the key table.
 *
 * A graduated cohort is closed (the core refuses every change): its
 * change keys (F6, Del, c, r, F4) say so at once, before asking
 * anything, and neither the bottom line nor the hint lists them. A
 * session whose register has been taken is not moved (F4 says so).
 *
 * Everything shown is read again (cohort_get, cohort_sessions,
 * cohort_roster) after every change made here, on F5, and when the screen
 * comes back from a screen it opened (the stale flag: the detail is not
 * drawn while a full screen is over it, so its next draw is the return).
 * The result of a change names the people involved: "full: waitlisted at
 * position N", "withdrawn; X moved up from the waitlist", a move refused
 * naming what it collides with. A read-only session sees everything and
 * is refused every change with the read-only message; a role the
 * workflow does not give a change (cohort_may: capacity, moves, rooms
 * for the roles of the cohort path; enrolling and withdrawing for those
 * of participant.enrol / waitlist / leave) is refused before anything is
 * asked, naming the roles that may. F7 shows the cohort's history with
 * its path (opened, started, finished).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/cohort.h"
#include "frontdesk/config.h"
#include "frontdesk/db.h"
#include "frontdesk/i18n.h"
#include "frontdesk/idcard.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/schedule.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/ui_train.h"
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"
#include "frontdesk/workflow.h"

/* The tabs that are lists here (ui_train.h numbers all five). */
enum {
	TAB_TIMETABLE = UI_TRAIN_TAB_TIMETABLE,
	TAB_ROSTER = UI_TRAIN_TAB_ROSTER,
	TAB_WAITLIST = UI_TRAIN_TAB_WAITLIST,
	TAB__COUNT
};

#define CV_TAG_ENROL 1
#define CV_TAG_WITHDRAW 2
#define CV_TAG_MOVE 3
#define CV_TAG_CAPACITY 4
#define CV_TAG_ROOM 5
#define CV_TAG_TEACHER 6
#define CV_TAG_SCOPE 7
#define CV_TAG_TAB 8 /* the assessment or graduation screen, back */
#define CV_HEAD_ROWS 6 /* header, tabs and column titles */
#define CV_REASON_MAX 200

struct cohort_view {
	int64_t id;
	struct cohort_info info;
	char today[11];
	struct cohort_session_row *sessions;
	size_t nsessions;
	struct cohort_trainee *roster; /* enrolled, waitlisted, withdrawn */
	size_t nroster;
	size_t *tab_rows[TAB__COUNT]; /* roster indices of tabs 2 and 3 */
	size_t ntab_rows[TAB__COUNT];
	struct cohort_trainee *candidates;
	size_t ncandidates;
	struct ui_list list[TAB__COUNT];
	int tab;
	bool stale;
	int64_t acting; /* the member being withdrawn */
	int64_t moving; /* the session being moved */
	/* r: the session given another room / instructor, the choices */
	int64_t assigning;
	struct cohort_resource *rooms, *teachers;
	size_t nrooms, nteachers;
	int64_t room_choice;    /* 0: keep */
	int64_t teacher_choice; /* 0: keep */
	enum action keys_now[16]; /* the bottom line as cohort_view_keys_now
				   * last made it */
};

static const enum action cohort_view_keys[] = {
	ACT_HELP,     ACT_BACK,	    ACT_ENTER,	 ACT_PROMPT, ACT_NEW,
	ACT_DELETE,   ACT_CAPACITY, ACT_ASSIGN, ACT_WORKFLOW, ACT_HISTORY,
	ACT_REFRESH,  ACT_NONE};

/* A graduated cohort: no change keys (cohort_view_keys_now). */
static const enum action cohort_view_closed_keys[] = {
	ACT_HELP, ACT_BACK, ACT_ENTER, ACT_WORKFLOW, ACT_HISTORY, ACT_REFRESH,
	ACT_NONE};

/* The other keys that act here, for F1 (the menu, moving in a tab's list,
 * ←→ between tabs); not F2, F9 or /, which do nothing on this screen. */
static const enum action cohort_view_help_keys[] = {
	ACT_MENU, ACT_NEXT, ACT_PREV,  ACT_PAGE_UP, ACT_PAGE_DOWN,
	ACT_HOME, ACT_END,  ACT_LEFT, ACT_RIGHT,    ACT_NONE};

/* Keys of this screen only. */
static const struct ui_key_default cohort_view_key_defaults[] = {
	{ACT_CAPACITY, "c"}, {ACT_ASSIGN, "r"}, {ACT_NONE, NULL}};

/* What the general keys do here. */
static const struct ui_key_text cohort_view_texts[] = {
    {ACT_ENTER, MSG_COHORT_VIEW_KEY_ENTER, MSG_COHORT_VIEW_HELP_ENTER},
    {ACT_PROMPT, MSG_COHORT_VIEW_KEY_MOVE, MSG_COHORT_VIEW_HELP_MOVE},
    {ACT_NEW, MSG_COHORT_VIEW_KEY_ENROL, MSG_COHORT_VIEW_HELP_ENROL},
    {ACT_DELETE, MSG_COHORT_VIEW_KEY_WITHDRAW, MSG_COHORT_VIEW_HELP_WITHDRAW},
    {ACT_HISTORY, MSG_KEY_HISTORY, MSG_COHORT_VIEW_HELP_HISTORY},
    {ACT_NONE, MSG__COUNT, MSG__COUNT},
};

static const int cv_session_widths[] = {10, 2, 11, 29, 4, 6, 6, 0};
static const int cv_roster_widths[] = {10, 18, 16, 10, 14, 0};
static const int cv_wait_widths[] = {4, 10, 18, 16, 0};

/* ---- rows ---- */

/* The weekday of date as its short name ("一"), into out. */
static void
cv_weekday(const char *date, char *out, size_t size)
{
	char *names = xstrdup(tr(MSG_COHORTS_WEEKDAY_NAMES));
	char *save = NULL;
	int wd = schedule_weekday(date);
	char *w = strtok_r(names, " ", &save);

	for (int d = 0; w && d < wd; d++)
		w = strtok_r(NULL, " ", &save);
	fd_strlcpy(out, wd >= 0 && w ? w : "", size);
	free(names);
}

/* How many sessions the module of session i has (its parts). */
static int
cv_parts(const struct cohort_view *v, size_t i)
{
	int n = 0;

	for (size_t k = 0; k < v->nsessions; k++)
		if (strcmp(v->sessions[k].module, v->sessions[i].module) == 0)
			n++;
	return n;
}

/* One session: date, weekday, time, module, part, room, instructor (the
 * session's own: a substitute shows), marked. */
static char *
cv_session_row(void *ud, size_t i)
{
	struct cohort_view *v = ud;
	const struct cohort_session_row *r = &v->sessions[i];
	const struct schedule_module *m = schedule_module_find(r->module, NULL);
	char wd[16], a[6], b[6], when[16], part[16] = "", marked[32];
	int parts = cv_parts(v, i);
	const char *cells[8];

	cv_weekday(r->date, wd, sizeof(wd));
	schedule_time_format(r->start, a);
	schedule_time_format(r->end, b);
	snprintf(when, sizeof(when), "%s-%s", a, b);
	if (parts > 1)
		snprintf(part, sizeof(part), "%d/%d", r->part, parts);
	snprintf(marked, sizeof(marked), "%d/%d", r->marked, v->info.enrolled);
	cells[0] = r->date;
	cells[1] = wd;
	cells[2] = when;
	cells[3] = m ? schedule_module_label(m) : r->module;
	cells[4] = part;
	cells[5] = r->room;
	cells[6] = r->instructor_name[0] ? r->instructor_name : r->instructor;
	cells[7] = r->marked ? marked : "";
	return ui_row(cv_session_widths, 8, cells);
}

/* An ID number as lists show it (masked unless intake.mask_id = no). */
static void
cv_id(const char *number, char out[19])
{
	if (ui_config()->mask_id == 0 && strlen(number) == 18)
		idcard_mask(number, out);
	else
		fd_strlcpy(out, number, 19);
}

/* One trainee: name, ID, 户编号, attendance, assessment, outcome. */
static char *
cv_roster_row(void *ud, size_t i)
{
	struct cohort_view *v = ud;
	const struct cohort_trainee *t = &v->roster[v->tab_rows[TAB_ROSTER][i]];
	char id[19], att[32] = "", score[48] = "";
	const char *outcome = "";
	const char *cells[6];

	cv_id(t->id_number, id);
	if (strcmp(t->status, "withdrawn") == 0) {
		outcome = tr(MSG_COHORT_VIEW_WITHDRAWN_MARK);
	} else {
		int held = v->info.sessions_taken;

		if (held > 0)
			snprintf(att, sizeof(att), "%d/%d %d%%", t->attended,
				 held, t->attended * 100 / held);
		if (strcmp(t->outcome, "graduated") == 0)
			outcome = tr(MSG_COHORT_VIEW_OUTCOME_GRADUATED);
		else if (strcmp(t->outcome, "failed") == 0)
			outcome = tr(MSG_COHORT_VIEW_OUTCOME_FAILED);
	}
	if (t->assessed)
		snprintf(score, sizeof(score), "%s %s",
			 tr(t->passed ? MSG_COHORT_VIEW_PASSED
				      : MSG_COHORT_VIEW_NOT_PASSED),
			 t->score);
	else if (t->score[0]) /* a score typed, the result still to come */
		snprintf(score, sizeof(score), "%s %s", tr(MSG_ASSESS_NONE),
			 t->score);
	cells[0] = t->name;
	cells[1] = id;
	cells[2] = t->hh_no;
	cells[3] = att;
	cells[4] = score;
	cells[5] = outcome;
	return ui_row(cv_roster_widths, 6, cells);
}

/* One waiting person: position, name, ID, 户编号. */
static char *
cv_wait_row(void *ud, size_t i)
{
	struct cohort_view *v = ud;
	const struct cohort_trainee *t =
		&v->roster[v->tab_rows[TAB_WAITLIST][i]];
	char pos[16], id[19];
	const char *cells[4];

	if (strcmp(t->status, "lapsed") == 0)
		fd_strlcpy(pos, tr(MSG_COHORT_VIEW_LAPSED_MARK), sizeof(pos));
	else /* positions stored may have gaps */
		snprintf(pos, sizeof(pos), "%zu", i + 1);
	cv_id(t->id_number, id);
	cells[0] = pos;
	cells[1] = t->name;
	cells[2] = id;
	cells[3] = t->hh_no;
	return ui_row(cv_wait_widths, 4, cells);
}

/* ---- loading ---- */

/* Split the roster into the roster tab (enrolled, then withdrawn) and
 * the waitlist tab (by position, as cohort_roster orders them, then the
 * places that lapsed when the cohort graduated). */
static void
cv_split(struct cohort_view *v)
{
	for (int t = TAB_ROSTER; t <= TAB_WAITLIST; t++) {
		free(v->tab_rows[t]);
		v->tab_rows[t] = xcalloc(v->nroster + 1, sizeof(size_t));
		v->ntab_rows[t] = 0;
	}
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < v->nroster; i++) {
			const char *st = v->roster[i].status;

			if (pass == 0 && strcmp(st, "enrolled") == 0)
				v->tab_rows[TAB_ROSTER][v->ntab_rows[TAB_ROSTER]++] = i;
			else if (pass == 1 && strcmp(st, "withdrawn") == 0)
				v->tab_rows[TAB_ROSTER][v->ntab_rows[TAB_ROSTER]++] = i;
			else if (pass == 0 && strcmp(st, "waitlisted") == 0)
				v->tab_rows[TAB_WAITLIST][v->ntab_rows[TAB_WAITLIST]++] = i;
			else if (pass == 1 && strcmp(st, "lapsed") == 0)
				v->tab_rows[TAB_WAITLIST][v->ntab_rows[TAB_WAITLIST]++] = i;
		}
}

/* Select the first session on or after today (once, on entering), near
 * the top of the list. */
static void
cv_select_today(struct cohort_view *v)
{
	struct ui_list *l = &v->list[TAB_TIMETABLE];

	l->sel = v->nsessions ? v->nsessions - 1 : 0;
	for (size_t i = 0; i < v->nsessions; i++)
		if (strcmp(v->sessions[i].date, v->today) >= 0) {
			l->sel = i;
			break;
		}
	/* Two sessions before it stay in view, the rest below it. */
	l->top = l->sel > 2 ? l->sel - 2 : 0;
}

/* Read the cohort, its timetable and its roster again. False when the
 * cohort cannot be read. */
static bool
cv_reload(struct cohort_view *v)
{
	struct fd_err err;
	enum fd_status st;

	v->stale = false;
	idcard_today(v->today);
	st = cohort_get(ui_db(), v->id, &v->info, &err);
	if (st != FD_OK) {
		ui_error_status(st, &err);
		return false;
	}
	free(v->sessions);
	v->sessions = NULL;
	v->nsessions = 0;
	st = cohort_sessions(ui_db(), v->id, &v->sessions, &v->nsessions, &err);
	if (st != FD_OK)
		ui_error_status(st, &err);
	free(v->roster);
	v->roster = NULL;
	v->nroster = 0;
	st = cohort_roster(ui_db(), v->id, &v->roster, &v->nroster, &err);
	if (st != FD_OK)
		ui_error_status(st, &err);
	cv_split(v);
	ui_list_set(&v->list[TAB_TIMETABLE], v->nsessions, cv_session_row, v);
	ui_list_set(&v->list[TAB_ROSTER], v->ntab_rows[TAB_ROSTER],
		    cv_roster_row, v);
	ui_list_set(&v->list[TAB_WAITLIST], v->ntab_rows[TAB_WAITLIST],
		    cv_wait_row, v);
	return true;
}

/* The trainee under the cursor on the roster or waitlist tab, or NULL. */
static const struct cohort_trainee *
cv_trainee(const struct cohort_view *v)
{
	size_t i;

	if (v->tab == TAB_TIMETABLE)
		return NULL;
	i = ui_list_selected(&v->list[v->tab]);
	if (i == (size_t)-1)
		return NULL;
	return &v->roster[v->tab_rows[v->tab][i]];
}

/* The session under the cursor on the timetable tab, or NULL. */
static const struct cohort_session_row *
cv_session(const struct cohort_view *v)
{
	size_t i;

	if (v->tab != TAB_TIMETABLE)
		return NULL;
	i = ui_list_selected(&v->list[TAB_TIMETABLE]);
	return i == (size_t)-1 ? NULL : &v->sessions[i];
}

/* The roster entry of member, or NULL. */
static const struct cohort_trainee *
cv_find(const struct cohort_view *v, int64_t member)
{
	for (size_t i = 0; i < v->nroster; i++)
		if (v->roster[i].member_id == member)
			return &v->roster[i];
	return NULL;
}

/* The place of member on the waitlist, 1 first (positions stored may
 * have gaps once someone moved up), or 0. */
static int
cv_rank(const struct cohort_view *v, int64_t member)
{
	for (size_t k = 0; k < v->ntab_rows[TAB_WAITLIST]; k++)
		if (v->roster[v->tab_rows[TAB_WAITLIST][k]].member_id == member)
			return (int)k + 1;
	return 0;
}

/* ---- the screen ---- */

static int
cohort_view_enter(struct screen *s, const struct screen_args *args)
{
	struct cohort_view *v = s->state;
	const int64_t *id = args->data;

	for (int t = 0; t < TAB__COUNT; t++) {
		ui_list_init(&v->list[t]);
		v->list[t].plain = true;
	}
	if (!id) {
		ui_error_status(FD_E_NOTFOUND, NULL);
		goto fail;
	}
	v->id = *id;
	if (!cv_reload(v))
		goto fail;
	cv_select_today(v);
	return 0;
fail:
	for (int t = 0; t < TAB__COUNT; t++)
		ui_list_free(&v->list[t]);
	for (int t = 0; t < TAB__COUNT; t++)
		free(v->tab_rows[t]);
	free(v->sessions);
	free(v->roster);
	return -1;
}

static void
cohort_view_leave(struct screen *s)
{
	struct cohort_view *v = s->state;

	for (int t = 0; t < TAB__COUNT; t++) {
		ui_list_free(&v->list[t]);
		free(v->tab_rows[t]);
	}
	free(v->sessions);
	free(v->roster);
	free(v->candidates);
	cohort_resources_free(v->rooms, v->nrooms);
	cohort_resources_free(v->teachers, v->nteachers);
}

/* Header line 1: code, track, dates, phase (and when it graduated). */
static char *
cv_head_line(const struct cohort_view *v)
{
	const struct cohort_info *c = &v->info;
	const char *args[] = {
		c->code, ui_train_track_label(c->track), c->start, c->end,
		tr(ui_train_phase_label(cohort_phase_on(c, v->today)))};

	return msg_format(tr(MSG_COHORT_VIEW_HEAD), 5, args);
}

/* Header line 2: room, instructor, weekdays, slots. */
static char *
cv_place_line(const struct cohort_view *v)
{
	const struct cohort_info *c = &v->info;
	char *days = ui_train_weekdays_text(c->weekdays);
	char *room = xasprintf("%s %s", c->room, c->room_name);
	char *ins = xasprintf("%s %s", c->instructor, c->instructor_name);
	const char *args[] = {room, ins, days, c->slots};
	char *line = msg_format(tr(MSG_COHORT_VIEW_PLACE), 4, args);

	free(days);
	free(room);
	free(ins);
	return line;
}

/* Header line 3: seats, enrolled, waitlisted, withdrawn, sessions. */
static char *
cv_count_line(const struct cohort_view *v)
{
	const struct cohort_info *c = &v->info;
	char n[6][16];
	const char *args[6];

	snprintf(n[0], 16, "%d", c->capacity);
	snprintf(n[1], 16, "%d", c->enrolled);
	snprintf(n[2], 16, "%d", c->waitlisted);
	snprintf(n[3], 16, "%d", c->withdrawn);
	snprintf(n[4], 16, "%d", c->sessions);
	snprintf(n[5], 16, "%d", c->sessions_taken);
	for (int i = 0; i < 6; i++)
		args[i] = n[i];
	return msg_format(tr(MSG_COHORT_VIEW_COUNTS), 6, args);
}

/* The warning about the holidays of the years the timetable reaches, or
 * NULL. Caller frees. */
static char *
cv_year_warning(const struct cohort_view *v)
{
	int from = atoi(v->info.start), to = atoi(v->info.end);
	char year[16];

	for (int y = from; y > 0 && y <= to; y++) {
		enum schedule_year ys = schedule_year_status(y);

		snprintf(year, sizeof(year), "%d", y);
		if (ys == SCHEDULE_YEAR_PROJECTED)
			return trf(MSG_COHORT_FORM_PROJECTED, year, NULL);
		if (ys == SCHEDULE_YEAR_NONE)
			return trf(MSG_COHORT_FORM_UNKNOWN_YEAR, year, NULL);
	}
	return NULL;
}

/* After graduation: how many graduated and did not, and when. NULL
 * before. Caller frees. */
static char *
cv_outcome_line(const struct cohort_view *v)
{
	const struct cohort_info *c = &v->info;
	char g[16], f[16], when[20];
	const char *args[] = {g, f, when};

	if (!c->graduated_at[0])
		return NULL;
	snprintf(g, sizeof(g), "%d", c->graduated);
	snprintf(f, sizeof(f), "%d", c->failed);
	ui_local_time(c->graduated_at, when);
	when[10] = '\0'; /* the day */
	return msg_format(tr(MSG_COHORT_VIEW_OUTCOMES), 3, args);
}

/* The column titles of the current tab. */
static char *
cv_columns(const struct cohort_view *v)
{
	if (v->tab == TAB_TIMETABLE) {
		const char *h[] = {
			tr(MSG_COHORT_VIEW_COL_DATE), tr(MSG_COHORT_VIEW_COL_WEEKDAY),
			tr(MSG_COHORT_VIEW_COL_TIME), tr(MSG_COHORT_VIEW_COL_MODULE),
			tr(MSG_COHORT_VIEW_COL_PART), tr(MSG_COHORTS_COL_ROOM),
			tr(MSG_COHORT_VIEW_COL_INSTRUCTOR),
			tr(MSG_COHORT_VIEW_COL_MARKED)};

		return ui_row(cv_session_widths, 8, h);
	}
	if (v->tab == TAB_ROSTER) {
		const char *h[] = {
			tr(MSG_COHORT_VIEW_COL_NAME), tr(MSG_COHORT_VIEW_COL_ID),
			tr(MSG_COHORT_VIEW_COL_HH), tr(MSG_COHORT_VIEW_COL_ATTENDANCE),
			tr(MSG_COHORT_VIEW_COL_ASSESSMENT),
			tr(MSG_COHORT_VIEW_COL_OUTCOME)};

		return ui_row(cv_roster_widths, 6, h);
	}
	{
		const char *h[] = {tr(MSG_COHORT_VIEW_COL_POSITION),
				   tr(MSG_COHORT_VIEW_COL_NAME),
				   tr(MSG_COHORT_VIEW_COL_ID),
				   tr(MSG_COHORT_VIEW_COL_HH)};

		return ui_row(cv_wait_widths, 4, h);
	}
}

/* What the keys of the current tab do, with the keys as bound. */
static char *
cv_hint(const struct cohort_view *v)
{
	const struct screen_ops *o = &screen_cohort;
	const char *k[] = {ui_keys_first(o, ACT_ENTER), ui_keys_first(o, ACT_PROMPT),
			   ui_keys_first(o, ACT_NEW), ui_keys_first(o, ACT_DELETE),
			   ui_keys_first(o, ACT_WORKFLOW),
			   ui_keys_first(o, ACT_HISTORY)};
	static const enum fd_msg hint[] = {MSG_COHORT_VIEW_HINT_TIMETABLE,
					   MSG_COHORT_VIEW_HINT_ROSTER,
					   MSG_COHORT_VIEW_HINT_WAITLIST};
	/* Closed: what can still be done, looking. */
	static const enum fd_msg closed[] = {
		MSG_COHORT_VIEW_HINT_CLOSED_TIMETABLE,
		MSG_COHORT_VIEW_HINT_CLOSED_LIST,
		MSG_COHORT_VIEW_HINT_CLOSED_LIST};

	for (size_t i = 0; i < FD_ARRAY_LEN(k); i++)
		if (!k[i])
			k[i] = "-";
	return msg_format(tr(v->info.graduated_at[0] ? closed[v->tab]
						     : hint[v->tab]),
			  FD_ARRAY_LEN(k), k);
}

/* Rows of the list area. */
static int
cv_list_rows(const struct screen *s)
{
	return s->rows - CV_HEAD_ROWS - 1;
}

static void
cohort_view_draw(struct screen *s)
{
	struct cohort_view *v = s->state;
	char *line, *warn;

	if (v->stale)
		cv_reload(v);
	werase(s->win);
	line = cv_head_line(v);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, 0, 0, s->cols, line);
	free(line);
	wattrset(s->win, A_NORMAL);
	line = cv_place_line(v);
	ui_text(s->win, 1, 0, s->cols, line);
	free(line);
	line = cv_count_line(v);
	ui_text(s->win, 2, 0, s->cols, line);
	free(line);
	warn = cv_year_warning(v);
	if (warn) {
		wattrset(s->win, ui_attr(UI_STYLE_ERROR));
		ui_text(s->win, 3, 0, s->cols, warn);
		wattrset(s->win, A_NORMAL);
	} else {
		line = cv_outcome_line(v);
		ui_text(s->win, 3, 0, s->cols, line ? line : "");
		free(line);
	}
	free(warn);
	ui_train_cohort_tabs(s, 4, &v->info, v->tab);
	line = cv_columns(v);
	wattrset(s->win, A_BOLD);
	ui_text(s->win, 5, 0, s->cols, line);
	wattrset(s->win, A_NORMAL);
	free(line);
	if (v->list[v->tab].n == 0) {
		wattrset(s->win, ui_attr(UI_STYLE_DIM));
		ui_text(s->win, CV_HEAD_ROWS, 0, s->cols,
			tr(v->tab == TAB_TIMETABLE ? MSG_LIST_EMPTY
			   : v->tab == TAB_ROSTER ? MSG_COHORT_VIEW_NO_ROSTER
						  : MSG_COHORT_VIEW_NO_WAITLIST));
		wattrset(s->win, A_NORMAL);
	} else {
		ui_list_draw(s, &v->list[v->tab], CV_HEAD_ROWS, cv_list_rows(s));
	}
	line = cv_hint(v);
	wattrset(s->win, ui_attr(UI_STYLE_DIM));
	ui_text(s->win, s->rows - 1, 0, s->cols, line);
	wattrset(s->win, A_NORMAL);
	free(line);
	s->cursor_y = -1;
	wnoutrefresh(s->win);
}

/* Refuse a change to a graduated cohort at once, before anything is
 * asked or picked (the core would refuse it anyway); true when refused. */
static bool
cv_closed(const struct cohort_view *v)
{
	if (!v->info.graduated_at[0])
		return false;
	ui_error("%s", tr(MSG_COHORT_VIEW_CLOSED));
	return true;
}

/* Say why the core refused a change: its own text where it names the
 * problem (a collision, a workflow guard), else the general one. */
static void
cv_refused(enum fd_msg what, enum fd_status st, const struct fd_err *err)
{
	char *m;

	if (st == FD_E_CONFLICT || st == FD_E_INVALID || st == FD_E_EXISTS ||
	    (st == FD_E_DENIED && err->msg[0])) {
		m = trf(what, err->msg, NULL);
		ui_error("%s", m);
		free(m);
	} else {
		ui_error_status(st, err);
	}
}

/* F6: the eligible participants, to pick one to enrol. */
static void
cv_enrol_pick(struct cohort_view *v)
{
	const struct wf_machine *m = workflow_machine("participant");
	struct fd_err err;
	enum fd_status st;
	const char **labels;

	if (!ui_train_may(COHORT_ACT_ENROL))
		return;
	free(v->candidates);
	v->candidates = NULL;
	v->ncandidates = 0;
	st = cohort_candidates(ui_db(), v->id, &v->candidates, &v->ncandidates,
			       &err);
	if (st != FD_OK) {
		ui_error_status(st, &err);
		return;
	}
	if (v->ncandidates == 0) {
		ui_error("%s", tr(MSG_COHORT_VIEW_NO_CANDIDATES));
		return;
	}
	labels = xcalloc(v->ncandidates + 1, sizeof(*labels));
	for (size_t i = 0; i < v->ncandidates; i++) {
		static const int w[] = {10, 18, 16, 0};
		const struct cohort_trainee *t = &v->candidates[i];
		char id[19];
		const char *state = m ? wf_state_label(m, t->status) : t->status;
		const char *cells[] = {t->name, id, t->hh_no, state};

		cv_id(t->id_number, id);
		labels[i] = ui_row(w, 4, cells);
	}
	ui_pick(MSG_COHORT_VIEW_ENROL_PICK, labels, 0, CV_TAG_ENROL, NULL);
	for (size_t i = 0; i < v->ncandidates; i++)
		free((char *)labels[i]);
	free(labels);
}

/* Enrol the candidate picked; say whether they got a seat. */
static void
cv_enrol(struct cohort_view *v, size_t i)
{
	const struct cohort_trainee *t;
	enum cohort_enrol_status es;
	struct fd_err err;
	enum fd_status st;
	char *name, *m = NULL;

	if (i >= v->ncandidates)
		return;
	name = xstrdup(v->candidates[i].name);
	st = cohort_enrol(ui_db(), v->id, v->candidates[i].member_id, &es, &err);
	if (st != FD_OK) {
		cv_refused(MSG_COHORT_VIEW_ENROL_REFUSED, st, &err);
		goto out;
	}
	cv_reload(v);
	t = cv_find(v, v->candidates[i].member_id);
	if (es == COHORT_WAITLISTED) {
		char pos[16];
		const char *args[] = {name, pos};

		snprintf(pos, sizeof(pos), "%d",
			 t ? cv_rank(v, t->member_id) : 0);
		m = msg_format(tr(MSG_COHORT_VIEW_WAITLISTED), 2, args);
		ui_error("%s", m); /* seen, with a beep: no seat */
		v->tab = TAB_WAITLIST;
	} else {
		m = trf(MSG_COHORT_VIEW_ENROLLED, name, NULL);
		ui_status("%s", m);
		v->tab = TAB_ROSTER;
	}
	/* The cursor on the person just added. */
	for (size_t k = 0; t && k < v->list[v->tab].nshown; k++)
		if (v->roster[v->tab_rows[v->tab][v->list[v->tab].shown[k]]]
			    .member_id == t->member_id)
			v->list[v->tab].sel = k;
out:
	free(m);
	free(name);
}

/* Del: ask why the trainee under the cursor leaves. */
static void
cv_withdraw_ask(struct cohort_view *v)
{
	const struct cohort_trainee *t = cv_trainee(v);
	struct fd_err err;
	enum fd_status st;
	char *q;

	if (v->tab == TAB_TIMETABLE)
		return;
	if (!t) {
		ui_error("%s", tr(MSG_COHORT_VIEW_NOBODY_SELECTED));
		return;
	}
	st = cohort_may(ui_db(), COHORT_ACT_WITHDRAW, &err);
	if (st == FD_E_DENIED && v->tab == TAB_WAITLIST) {
		/* Del here takes someone off the waitlist: say so, in the
		 * core's sentence (same roles: participant.leave) with the
		 * waitlist's words for what is refused. */
		const char *verb = tr(MSG_COHORT_DO_WITHDRAW);
		const char *at = strstr(err.msg, verb);

		if (at)
			q = xasprintf("%.*s%s%s", (int)(at - err.msg), err.msg,
				      tr(MSG_COHORT_VIEW_DO_UNWAIT),
				      at + strlen(verb));
		else
			q = xstrdup(err.msg);
		ui_error("%s", q);
		free(q);
		return;
	}
	if (!ui_train_may(COHORT_ACT_WITHDRAW))
		return;
	if (strcmp(t->status, "withdrawn") == 0) {
		q = trf(MSG_COHORT_VIEW_ALREADY_WITHDRAWN, t->name, NULL);
		ui_error("%s", q);
		free(q);
		return;
	}
	v->acting = t->member_id;
	q = trf(MSG_COHORT_VIEW_WITHDRAW_ASK, t->name, NULL);
	ui_prompt(q, CV_TAG_WITHDRAW, CV_REASON_MAX);
	free(q);
}

/* Withdraw with reason; name whoever moved up from the waitlist. */
static void
cv_withdraw(struct cohort_view *v, const char *reason)
{
	const struct cohort_trainee *t = cv_find(v, v->acting);
	int64_t *waiting = NULL;
	size_t nwaiting = 0;
	char *name, *m = NULL;
	struct fd_err err;
	enum fd_status st;

	if (!t)
		return;
	if (!reason || !reason[0]) {
		ui_error("%s", tr(MSG_WF_REASON_NEEDED));
		return;
	}
	name = xstrdup(t->name);
	/* A seat freed goes to the first person waiting who can take it
	 * (not always the first in the list: one whose other cohort
	 * overlaps is passed over), so whoever was waiting before and is
	 * enrolled after is the one named. */
	waiting = xcalloc(v->nroster + 1, sizeof(*waiting));
	for (size_t i = 0; i < v->nroster; i++)
		if (strcmp(v->roster[i].status, "waitlisted") == 0)
			waiting[nwaiting++] = v->roster[i].member_id;
	st = cohort_withdraw(ui_db(), v->id, v->acting, reason, &err);
	if (st != FD_OK) {
		cv_refused(MSG_COHORT_VIEW_WITHDRAW_REFUSED, st, &err);
		goto out;
	}
	cv_reload(v);
	t = NULL;
	for (size_t i = 0; !t && i < nwaiting; i++) {
		t = cv_find(v, waiting[i]);
		if (t && strcmp(t->status, "enrolled") != 0)
			t = NULL;
	}
	if (t)
		m = trf(MSG_COHORT_VIEW_WITHDRAWN_PROMOTED, name, t->name);
	else
		m = trf(MSG_COHORT_VIEW_WITHDRAWN, name, NULL);
	ui_status("%s", m);
out:
	free(waiting);
	free(m);
	free(name);
}

/* c: ask for the new capacity, the present one filled in. */
static void
cv_capacity_ask(struct cohort_view *v)
{
	char now[16], enrolled[16];
	char *q;

	if (!ui_train_may(COHORT_ACT_CAPACITY))
		return;
	snprintf(now, sizeof(now), "%d", v->info.capacity);
	snprintf(enrolled, sizeof(enrolled), "%d", v->info.enrolled);
	q = trf(MSG_COHORT_VIEW_CAPACITY_ASK, v->info.code, enrolled);
	ui_prompt_with(q, CV_TAG_CAPACITY, 3, now);
	free(q);
}

/* Set the capacity typed; say who moved up from the waitlist. */
static void
cv_capacity(struct cohort_view *v, const char *text)
{
	char *end = NULL, num[16], moved[16], *m;
	long cap = text ? strtol(text, &end, 10) : 0;
	size_t promoted = 0;
	struct fd_err err;
	enum fd_status st;

	if (!text || end == text || *end || cap < 1 || cap > 999) {
		m = trf(MSG_COHORT_VIEW_CAPACITY_BAD, text ? text : "", NULL);
		ui_prompt_refuse(m); /* the prompt stays, with what was typed */
		free(m);
		return;
	}
	if (ui_train_capacity_warn(v->info.room_id, v->info.room, (int)cap))
		return; /* over the room's seats: asked once more */
	st = cohort_capacity_set(ui_db(), v->id, (int)cap, &promoted, &err);
	if (st == FD_E_INVALID) {
		/* A number the rules refuse (fewer than are enrolled): the
		 * prompt stays, with what was typed and why. */
		m = trf(MSG_COHORT_VIEW_CAPACITY_REFUSED, err.msg, NULL);
		ui_prompt_refuse(m);
		free(m);
		return;
	}
	if (st != FD_OK) {
		cv_refused(MSG_COHORT_VIEW_CAPACITY_REFUSED, st, &err);
		return;
	}
	cv_reload(v);
	snprintf(num, sizeof(num), "%ld", cap);
	snprintf(moved, sizeof(moved), "%zu", promoted);
	m = promoted ? trf(MSG_COHORT_VIEW_CAPACITY_PROMOTED, num, moved)
	             : trf(MSG_COHORT_VIEW_CAPACITY_SET, num, NULL);
	ui_status("%s", m);
	free(m);
}

/* F4: ask where the session under the cursor goes. */
static void
cv_move_ask(struct cohort_view *v)
{
	const struct cohort_session_row *r = cv_session(v);
	char when[6];
	char *q;

	if (!r || !ui_train_may(COHORT_ACT_MOVE))
		return;
	if (r->marked > 0) {
		/* Its marks were taken on its day (the core refuses too). */
		char n[16];

		snprintf(n, sizeof(n), "%d", r->marked);
		q = trf(MSG_COHORT_MOVE_MARKED, n, NULL);
		ui_error("%s", q);
		free(q);
		return;
	}
	v->moving = r->id;
	schedule_time_format(r->start, when);
	q = trf(MSG_COHORT_VIEW_MOVE_ASK, r->date, when);
	ui_prompt(q, CV_TAG_MOVE, 20);
	free(q);
}

/* The session of id, or NULL. */
static const struct cohort_session_row *
cv_session_by_id(const struct cohort_view *v, int64_t id)
{
	for (size_t i = 0; i < v->nsessions; i++)
		if (v->sessions[i].id == id)
			return &v->sessions[i];
	return NULL;
}

/* Pick one of rs (first row: keep current) with tag. */
static void
cv_resource_pick(enum fd_msg title, const struct cohort_resource *rs,
		 size_t n, const char *current, int tag)
{
	const char **labels = xcalloc(n + 2, sizeof(*labels));

	labels[0] = trf(MSG_COHORT_VIEW_ASSIGN_KEEP, current, NULL);
	for (size_t i = 0; i < n; i++)
		labels[i + 1] = xasprintf("%s  %s", rs[i].code, rs[i].name);
	ui_pick(title, labels, 0, tag, NULL);
	for (size_t i = 0; i < n + 1; i++)
		free((char *)labels[i]);
	free(labels);
}

/* r: another room for the session under the cursor, then another
 * instructor (each may be kept). */
static void
cv_assign_ask(struct cohort_view *v)
{
	const struct cohort_session_row *r = cv_session(v);
	struct fd_err err;
	enum fd_status st;

	if (!r || !ui_train_may(COHORT_ACT_ASSIGN))
		return;
	v->assigning = r->id;
	v->room_choice = 0;
	cohort_resources_free(v->rooms, v->nrooms);
	cohort_resources_free(v->teachers, v->nteachers);
	v->rooms = v->teachers = NULL;
	v->nrooms = v->nteachers = 0;
	st = cohort_room_list(ui_db(), &v->rooms, &v->nrooms, &err);
	if (st == FD_OK)
		st = cohort_instructor_list(ui_db(), &v->teachers,
					    &v->nteachers, &err);
	if (st != FD_OK) {
		ui_error_status(st, &err);
		return;
	}
	cv_resource_pick(MSG_COHORT_VIEW_ASSIGN_ROOM, v->rooms, v->nrooms,
			 r->room, CV_TAG_ROOM);
}

/* The room picked (index 0: keep); now the instructor. */
static void
cv_assign_room(struct cohort_view *v, size_t i)
{
	const struct cohort_session_row *r = cv_session_by_id(v, v->assigning);

	if (!r)
		return;
	v->room_choice = i > 0 && i <= v->nrooms ? v->rooms[i - 1].id : 0;
	cv_resource_pick(MSG_COHORT_VIEW_ASSIGN_TEACHER, v->teachers,
			 v->nteachers, r->instructor, CV_TAG_TEACHER);
}

/* The instructor picked (index 0: keep): this session only, or this one
 * and the rest? */
static void
cv_assign_teacher(struct cohort_view *v, size_t i)
{
	const char *labels[3] = {NULL, NULL, NULL};
	char rest[16];
	size_t after = 0;

	v->teacher_choice = i > 0 && i <= v->nteachers ? v->teachers[i - 1].id
						       : 0;
	if (!v->room_choice && !v->teacher_choice)
		return;
	for (size_t k = 0; k < v->nsessions; k++)
		if (v->sessions[k].id == v->assigning)
			after = v->nsessions - k;
	snprintf(rest, sizeof(rest), "%zu", after);
	labels[0] = tr(MSG_COHORT_VIEW_ASSIGN_ONE);
	labels[1] = trf(MSG_COHORT_VIEW_ASSIGN_ONWARDS, rest, NULL);
	ui_pick(MSG_COHORT_VIEW_ASSIGN_SCOPE, labels, 0, CV_TAG_SCOPE, NULL);
	free((char *)labels[1]);
}

/* The scope picked: write, or say what collides. */
static void
cv_assign(struct cohort_view *v, bool onwards)
{
	const struct cohort_session_row *r;
	struct fd_err err;
	enum fd_status st;
	char *m;

	st = cohort_session_assign(ui_db(), v->assigning, v->room_choice,
				   v->teacher_choice, onwards, &err);
	if (st != FD_OK) {
		cv_refused(MSG_COHORT_VIEW_ASSIGN_REFUSED, st, &err);
		return;
	}
	cv_reload(v);
	r = cv_session_by_id(v, v->assigning);
	if (!r)
		return;
	m = trf(onwards ? MSG_COHORT_VIEW_ASSIGNED_ONWARDS
			: MSG_COHORT_VIEW_ASSIGNED,
		r->room, r->instructor);
	ui_status("%s", m);
	free(m);
}

/* Read "YYYY-MM-DD HH:MM", "YYYY-MM-DD" (same start) or "HH:MM" (same
 * day) against session r into date and start. False if it is neither. */
static bool
cv_move_parse(const char *text, const struct cohort_session_row *r,
	      char date[11], char start[6])
{
	char buf[64], *save = NULL, *w;

	fd_strlcpy(date, r->date, 11);
	schedule_time_format(r->start, start);
	fd_strlcpy(buf, text, sizeof(buf));
	for (w = strtok_r(buf, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		if (schedule_weekday(w) >= 0 && strlen(w) == 10)
			fd_strlcpy(date, w, 11);
		else if (schedule_time_parse(w) >= 0)
			schedule_time_format(schedule_time_parse(w), start);
		else
			return false;
	}
	return true;
}

/* Move the session to the time typed; say where it went or why not. */
static void
cv_move(struct cohort_view *v, const char *text)
{
	const struct cohort_session_row *r = cv_session_by_id(v, v->moving);
	char date[11], start[6], was[6], from[32], to[32];
	struct fd_err err;
	enum fd_status st;
	char *m = NULL;

	if (!r || !text || !text[0])
		return;
	if (!cv_move_parse(text, r, date, start)) {
		m = trf(MSG_COHORT_VIEW_MOVE_BAD, text, NULL);
		ui_error("%s", m);
		goto out;
	}
	schedule_time_format(r->start, was);
	snprintf(from, sizeof(from), "%s %s", r->date, was);
	snprintf(to, sizeof(to), "%s %s", date, start);
	st = cohort_move_session(ui_db(), v->moving, date, start, &err);
	if (st != FD_OK) {
		cv_refused(MSG_COHORT_VIEW_MOVE_REFUSED, st, &err);
		goto out;
	}
	cv_reload(v);
	m = trf(MSG_COHORT_VIEW_MOVED, from, to);
	ui_status("%s", m);
	/* Keep the cursor on the session moved. */
	for (size_t k = 0; k < v->list[TAB_TIMETABLE].nshown; k++)
		if (v->sessions[v->list[TAB_TIMETABLE].shown[k]].id == v->moving)
			v->list[TAB_TIMETABLE].sel = k;
out:
	free(m);
}

/* Open a screen about this cohort or one of its parts; read everything
 * again when it returns. */
static void
cv_open(struct cohort_view *v, const struct screen_ops *ops, const void *data)
{
	struct screen_args args = {.data = data};

	v->stale = true;
	if (ui_push(ops, &args) != 0)
		v->stale = false;
}

/* Enter or F8 on a trainee: their path. */
static void
cv_open_trainee(struct cohort_view *v)
{
	const struct cohort_trainee *t = cv_trainee(v);
	struct participant_args pa;
	char id[24];

	if (!t)
		return;
	snprintf(id, sizeof(id), "%" PRId64, t->member_id);
	pa.member_id = id;
	pa.name = t->name;
	pa.id_number = t->id_number;
	cv_open(v, &screen_participant, &pa);
}

/* F7: the history of the cohort (and of the session under the cursor). */
static void
cv_history(struct cohort_view *v)
{
	const struct cohort_session_row *r = cv_session(v);
	struct audit_args aa = {0};
	char cid[24], sid[24], path[40];

	snprintf(cid, sizeof(cid), "%" PRId64, v->id);
	snprintf(path, sizeof(path), "cohort:%" PRId64, v->id);
	aa.entity[aa.n] = "cohort";
	aa.id[aa.n++] = cid;
	/* Its path (open, started, finished): the rows of wf_state. */
	aa.entity[aa.n] = "wf_state";
	aa.id[aa.n++] = path;
	/* Its enrolments: who enrolled, withdrew (the reason is the rows'
	 * note), moved up from the waitlist, graduated - the cohort's story,
	 * however many there are. */
	aa.rows_of = "enrolment";
	aa.rows_by = "cohort_id";
	aa.rows_value = cid;
	if (r) {
		snprintf(sid, sizeof(sid), "%" PRId64, r->id);
		aa.entity[aa.n] = "session";
		aa.id[aa.n++] = sid;
	}
	cv_open(v, &screen_audit, &aa);
}

/* Show tab t: a list here, or the assessment / graduation screen, which
 * comes back with CV_TAG_TAB. */
static void
cv_tab(struct cohort_view *v, int t)
{
	struct screen_args args = {.data = &v->id, .tag = CV_TAG_TAB};

	if (t < TAB__COUNT) {
		v->tab = t;
		return;
	}
	v->stale = true;
	if (ui_push(t == UI_TRAIN_TAB_ASSESS ? &screen_assess
					     : &screen_graduation,
		    &args) != 0)
		v->stale = false;
}

/* The change keys and what each needs the session's role to allow. */
static const struct {
	enum action act;
	enum cohort_act may;
} cv_key_may[] = {
	{ACT_PROMPT, COHORT_ACT_MOVE},	   {ACT_NEW, COHORT_ACT_ENROL},
	{ACT_DELETE, COHORT_ACT_WITHDRAW}, {ACT_CAPACITY, COHORT_ACT_CAPACITY},
	{ACT_ASSIGN, COHORT_ACT_ASSIGN},
};

/* May the session's role do what key act does here? (The key still says
 * why not when pressed; the bottom line only offers what will act.) A
 * read-only session keeps the keys: they say it is read-only. */
static bool
cv_key_allowed(enum action act)
{
	struct fd_err err;

	for (size_t i = 0; i < FD_ARRAY_LEN(cv_key_may); i++)
		if (cv_key_may[i].act == act)
			return cohort_may(ui_db(), cv_key_may[i].may, &err) !=
			       FD_E_DENIED;
	return true;
}

/* The bottom line: no change keys once the cohort has graduated, and
 * none the session's role may not use. */
static const enum action *
cohort_view_keys_now(struct screen *s)
{
	struct cohort_view *v = s->state;
	size_t n = 0;

	if (v->info.graduated_at[0])
		return cohort_view_closed_keys;
	for (const enum action *k = cohort_view_keys; *k != ACT_NONE; k++)
		if (cv_key_allowed(*k) &&
		    n + 1 < FD_ARRAY_LEN(v->keys_now))
			v->keys_now[n++] = *k;
	v->keys_now[n] = ACT_NONE;
	return v->keys_now;
}

static int
cohort_view_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct cohort_view *v = s->state;
	const struct cohort_session_row *r;

	int tab = ui_train_tab_key(act, ev, v->tab);

	if (tab >= 0) {
		cv_tab(v, tab);
		return UI_HANDLED | UI_REDRAW;
	}
	switch (act) {
	case ACT_PROMPT:
	case ACT_NEW:
	case ACT_DELETE:
	case ACT_CAPACITY:
	case ACT_ASSIGN:
		if (cv_closed(v))
			return UI_HANDLED;
		break;
	default:
		break;
	}
	switch (act) {
	case ACT_CHAR:
		return UI_HANDLED; /* not a tab: nothing */
	case ACT_ENTER:
		r = cv_session(v);
		if (r)
			cv_open(v, &screen_session, &r->id);
		else
			cv_open_trainee(v);
		return UI_HANDLED;
	case ACT_WORKFLOW:
		cv_open_trainee(v);
		return UI_HANDLED;
	case ACT_PROMPT:
		if (v->tab == TAB_TIMETABLE)
			cv_move_ask(v);
		return UI_HANDLED;
	case ACT_NEW:
		cv_enrol_pick(v);
		return UI_HANDLED;
	case ACT_DELETE:
		cv_withdraw_ask(v);
		return UI_HANDLED;
	case ACT_CAPACITY:
		cv_capacity_ask(v);
		return UI_HANDLED;
	case ACT_ASSIGN:
		if (v->tab == TAB_TIMETABLE)
			cv_assign_ask(v);
		return UI_HANDLED;
	case ACT_HISTORY:
		cv_history(v);
		return UI_HANDLED;
	case ACT_REFRESH:
		cv_reload(v);
		return UI_UNHANDLED; /* and the global repaint */
	case ACT_NEXT:
	case ACT_PREV:
	case ACT_PAGE_UP:
	case ACT_PAGE_DOWN:
	case ACT_HOME:
	case ACT_END:
		return ui_list_action(s, &v->list[v->tab], act, ev,
				      cv_list_rows(s));
	default:
		return UI_UNHANDLED;
	}
}

static int
cohort_view_result(struct screen *s, const struct ui_result *r)
{
	struct cohort_view *v = s->state;

	if (r->tag == CV_TAG_TAB) {
		/* Read now, not at the next draw: the bottom line, drawn
		 * first, follows a graduation just applied. */
		cv_reload(v);
		if (r->ok && r->index != UI_TRAIN_TAB_BACK)
			cv_tab(v, (int)r->index);
		return UI_REDRAW;
	}
	if (!r->ok)
		return UI_REDRAW;
	switch (r->tag) {
	case CV_TAG_ENROL:
		cv_enrol(v, r->index);
		break;
	case CV_TAG_WITHDRAW:
		cv_withdraw(v, r->value);
		break;
	case CV_TAG_MOVE:
		cv_move(v, r->value);
		break;
	case CV_TAG_CAPACITY:
		cv_capacity(v, r->value);
		break;
	case CV_TAG_ROOM:
		cv_assign_room(v, r->index);
		break;
	case CV_TAG_TEACHER:
		cv_assign_teacher(v, r->index);
		break;
	case CV_TAG_SCOPE:
		cv_assign(v, r->index == 1);
		break;
	default:
		break;
	}
	return UI_REDRAW;
}

const struct screen_ops screen_cohort = {
	.name = "cohort",
	.title = MSG_COHORT_VIEW_TITLE,
	.state_size = sizeof(struct cohort_view),
	.keys = cohort_view_keys,
	.key_texts = cohort_view_texts,
	.key_defaults = cohort_view_key_defaults,
	.keys_now = cohort_view_keys_now,
	.help_keys = cohort_view_help_keys,
	.enter = cohort_view_enter,
	.leave = cohort_view_leave,
	.draw = cohort_view_draw,
	.action = cohort_view_action,
	.result = cohort_view_result,
};
