/*
 * Attendance of one session: who of the cohort's enrolled trainees came.
 * One row per trainee (cohort_session_marks), by name, with the mark.
 *
 * One key per trainee: 1 (or p) present, 2 (l) late, 3 (e) excused, 4 (a)
 * absent marks the trainee under the cursor and moves the cursor to the
 * next one, so a register of 40 takes about 40 keys; * marks everyone not
 * marked yet with a mark picked from a short list (the usual way: mark
 * the few who are late or away, then * 出勤 for the rest). A wrong mark is
 * put right by marking again. / and a name narrow the list to find one
 * person; Enter keeps the narrowed list and gives the keys back to
 * marking; Esc shows everyone again. Any other key is refused with a
 * hint rather than starting a search, so a slip of the finger in the
 * middle of a register does not turn the next marks into search text. F7 shows who marked the trainee
 * under the cursor, when, and what the mark was before (the audit log).
 *
 * Every mark is saved at once in its own short transaction
 * (cohort_attendance_set); nothing waits for a key inside one. The marks
 * are kept here as saved and the totals under the list follow them; F5
 * reads the register again (another person marking the same session).
 * A role that may not take registers (the roles of cohort.start:
 * cohort_may) is refused before the register opens, saying who may; a
 * read-only session sees the register but every mark is refused.
 *
 * A session still to come (its date after util_today) can be looked at
 * but not marked: the core refuses every mark, and * says so before it
 * asks for a mark. The module line names the session's own instructor
 * (a substitute given with r on the cohort's timetable), not the
 * cohort's.
 *
 * Args: screen_args.data points to the session id (int64_t), copied in
 * enter. Back hands a result to the parent, so a list that opened this
 * screen shows the new counts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/cohort.h"
#include "frontdesk/config.h"
#include "frontdesk/db.h"
#include "frontdesk/i18n.h"
#include "frontdesk/idcard.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/ui_train.h"
#include "frontdesk/util.h"

#define SESSION_TAG_REST 1
/* Rows above the list: the heading, the module line, the column header. */
#define SESSION_TOP 3

struct session_screen {
	int64_t session_id;
	struct cohort_session_row row;
	struct cohort_info cohort;
	struct cohort_trainee *v;
	size_t n;
	struct ui_list list;
	const char *rest_labels[5]; /* the mark pick list, NULL-ended */
};

/* F5 falls off an 80-column bottom line; F1 lists it. */
static const enum action session_keys[] = {
	ACT_HELP,      ACT_MARK_PRESENT, ACT_MARK_LATE,  ACT_MARK_EXCUSED,
	ACT_MARK_ABSENT, ACT_MARK_REST,  ACT_BACK,       ACT_HISTORY,
	ACT_SEARCH,    ACT_REFRESH,      ACT_NONE};

/* The keys a stray key's message lists. */
static const enum action session_mark_keys[] = {
	ACT_MARK_PRESENT, ACT_MARK_LATE, ACT_MARK_EXCUSED,
	ACT_MARK_ABSENT,  ACT_MARK_REST, ACT_NONE};

static const struct ui_key_default session_key_defaults[] = {
	{ACT_MARK_PRESENT, "1 p"}, {ACT_MARK_LATE, "2 l"},
	{ACT_MARK_EXCUSED, "3 e"}, {ACT_MARK_ABSENT, "4 a"},
	{ACT_MARK_REST, "*"},	   {ACT_NONE, NULL}};

static const int session_widths[] = {3, 12, 8, 18, 0};

/* One row: number, name, mark, ID number (masked as in every list),
 * household number. */
static char *
session_row(void *ud, size_t i)
{
	struct session_screen *ss = ud;
	const struct cohort_trainee *t = &ss->v[i];
	char no[16], id[20];
	const char *cells[5];

	snprintf(no, sizeof(no), "%3zu", i + 1);
	if (ui_config()->mask_id == 0)
		idcard_mask(t->id_number, id);
	else
		fd_strlcpy(id, t->id_number, sizeof(id));
	cells[0] = no;
	cells[1] = t->name;
	cells[2] = ui_train_mark_label(t->mark);
	cells[3] = id;
	cells[4] = t->hh_no;
	return ui_row(session_widths, 5, cells);
}

/* Render the rows again after a mark, keeping the scroll position. */
static void
session_rerender(struct session_screen *ss)
{
	size_t top = ss->list.top;

	ui_list_set(&ss->list, ss->n, session_row, ss);
	ss->list.top = top;
}

/* Read the session, its cohort and the register again. */
static enum fd_status
session_reload(struct session_screen *ss)
{
	struct fd_err err;
	enum fd_status st;

	free(ss->v);
	ss->v = NULL;
	ss->n = 0;
	st = cohort_session_get(ui_db(), ss->session_id, &ss->row, &err);
	if (st == FD_OK)
		st = cohort_get(ui_db(), ss->row.cohort_id, &ss->cohort, &err);
	if (st == FD_OK)
		st = cohort_session_marks(ui_db(), ss->session_id, &ss->v,
					  &ss->n, &err);
	if (st != FD_OK)
		ui_error_status(st, &err);
	session_rerender(ss);
	return st;
}

static int
session_enter(struct screen *s, const struct screen_args *args)
{
	struct session_screen *ss = s->state;
	const int64_t *id = args->data;

	struct fd_err err;

	if (!id)
		return -1;
	if (cohort_may(ui_db(), COHORT_ACT_REGISTER, &err) == FD_E_DENIED) {
		ui_error("%s", err.msg);
		return -1;
	}
	ss->session_id = *id;
	for (size_t k = 0; k < 4; k++)
		ss->rest_labels[k] = ui_train_mark_label(UI_TRAIN_MARKS[k]);
	ui_list_init(&ss->list);
	if (session_reload(ss) != FD_OK) {
		ui_list_free(&ss->list);
		free(ss->v);
		return -1;
	}
	return 0;
}

static void
session_leave(struct screen *s)
{
	struct session_screen *ss = s->state;

	ui_list_free(&ss->list);
	free(ss->v);
}

/* The totals line: each mark's count and those not marked yet. */
static char *
session_totals(const struct session_screen *ss)
{
	char n[6][16];
	const char *args[6];
	size_t count[5] = {0};

	for (size_t i = 0; i < ss->n; i++) {
		const char *p = ss->v[i].mark
					? strchr(UI_TRAIN_MARKS, ss->v[i].mark)
					: NULL;

		count[p ? (size_t)(p - UI_TRAIN_MARKS) : 4]++;
	}
	for (size_t k = 0; k < 5; k++)
		snprintf(n[k], sizeof(n[k]), "%zu", count[k]);
	snprintf(n[5], sizeof(n[5]), "%zu", ss->n);
	for (size_t k = 0; k < 6; k++)
		args[k] = n[k];
	return msg_format(tr(MSG_SESSION_TOTALS), 6, args);
}

static void
session_draw(struct screen *s)
{
	struct session_screen *ss = s->state;
	const struct cohort_session_row *r = &ss->row;
	char when[12], today[11], part[16];
	const char *head_args[6], *mod_args[4];
	const char *head[] = {"", tr(MSG_SESSION_COL_NAME),
			      tr(MSG_SESSION_COL_MARK), tr(MSG_SESSION_COL_ID),
			      tr(MSG_SESSION_COL_HH)};
	char *line, *header, *totals;
	int list_h = s->rows - SESSION_TOP - 1;

	ui_train_time_range(r->start, r->end, when);
	util_today(today);
	snprintf(part, sizeof(part), "%d", r->part);
	head_args[0] = r->cohort;
	head_args[1] = ui_train_track_label(r->track);
	head_args[2] = r->date;
	head_args[3] = ui_train_weekday(r->date);
	head_args[4] = when;
	head_args[5] = r->room;
	werase(s->win);
	line = msg_format(tr(MSG_SESSION_HEAD), 6, head_args);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, 0, 0, s->cols, line);
	free(line);
	mod_args[0] = ui_train_module_label(r->module);
	mod_args[1] = part;
	mod_args[2] = r->instructor_name[0] ? r->instructor_name
					    : r->instructor;
	mod_args[3] = strcmp(r->date, today) > 0 ? tr(MSG_SESSION_FUTURE) : "";
	line = msg_format(tr(r->part > 1 ? MSG_SESSION_MODULE_PART
					 : MSG_SESSION_MODULE),
			  4, mod_args);
	wattrset(s->win, A_NORMAL);
	ui_text(s->win, 1, 0, s->cols, line);
	free(line);
	header = ui_row(session_widths, 5, head);
	wattrset(s->win, A_BOLD);
	ui_text(s->win, 2, 0, s->cols, header);
	free(header);
	wattrset(s->win, A_NORMAL);
	ui_list_draw(s, &ss->list, SESSION_TOP, list_h);
	totals = session_totals(ss);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, s->rows - 1, 0, s->cols, totals);
	wattrset(s->win, A_NORMAL);
	free(totals);
	wnoutrefresh(s->win);
}

/* Say why a write failed: the core's own words where it has them. */
static void
session_fail(enum fd_status st, const struct fd_err *err)
{
	if (st == FD_E_INVALID || st == FD_E_CONFLICT || st == FD_E_DENIED)
		ui_error("%s", err->msg);
	else
		ui_error_status(st, err);
}

/* Mark the trainee under the cursor and move to the next one. */
static int
session_mark(struct session_screen *ss, char mark)
{
	size_t i = ui_list_selected(&ss->list);
	struct fd_err err;
	enum fd_status st;
	char *m;

	if (i == (size_t)-1)
		return UI_HANDLED;
	if (!ui_train_may(COHORT_ACT_REGISTER))
		return UI_HANDLED;
	st = cohort_attendance_set(ui_db(), ss->session_id, ss->v[i].member_id,
				   mark, &err);
	if (st != FD_OK) {
		session_fail(st, &err);
		return UI_HANDLED | UI_REDRAW;
	}
	ss->v[i].mark = mark;
	session_rerender(ss);
	m = trf(MSG_SESSION_MARKED, ss->v[i].name, ui_train_mark_label(mark));
	ui_status("%s", m);
	free(m);
	if (ss->list.sel + 1 < ss->list.nshown)
		ss->list.sel++;
	return UI_HANDLED | UI_REDRAW;
}

/* F7: the history of the mark under the cursor (audit log): who marked
 * it, when, and what it was before. */
static int
session_history(struct session_screen *ss)
{
	size_t i = ui_list_selected(&ss->list);
	struct audit_args aa = {.n = 1, .entity = {"attendance"}};
	struct screen_args args = {.data = &aa};
	char key[64];

	if (i == (size_t)-1)
		return UI_HANDLED;
	snprintf(key, sizeof(key), "%lld:%lld", (long long)ss->session_id,
		 (long long)ss->v[i].member_id);
	aa.id[0] = key;
	ui_push(&screen_audit, &args);
	return UI_HANDLED;
}

/* Ask which mark the trainees not marked yet get (not for a session
 * still to come: refused before the pick, as the core would after). */
static int
session_ask_rest(struct session_screen *ss)
{
	size_t unmarked = 0;
	char today[11];

	if (!ui_train_may(COHORT_ACT_REGISTER))
		return UI_HANDLED;
	util_today(today);
	if (strcmp(ss->row.date, today) > 0) {
		char *m = trf(MSG_COHORT_SESSION_FUTURE, ss->row.date, NULL);

		ui_error("%s", m);
		free(m);
		return UI_HANDLED;
	}
	for (size_t i = 0; i < ss->n; i++)
		unmarked += ss->v[i].mark == 0;
	if (unmarked == 0) {
		ui_status("%s", tr(MSG_SESSION_ALL_MARKED));
		return UI_HANDLED;
	}
	ui_pick(MSG_SESSION_REST_PICK, ss->rest_labels, 0, SESSION_TAG_REST,
		NULL);
	return UI_HANDLED;
}

static int
session_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct session_screen *ss = s->state;
	int list_h = s->rows - SESSION_TOP - 1;
	int flags;

	if (ss->list.searching && act == ACT_ENTER) {
		ss->list.searching = false; /* keep the narrowed list */
		return UI_HANDLED | UI_REDRAW;
	}
	switch (act) {
	case ACT_MARK_PRESENT:
		return session_mark(ss, 'P');
	case ACT_MARK_LATE:
		return session_mark(ss, 'L');
	case ACT_MARK_EXCUSED:
		return session_mark(ss, 'E');
	case ACT_MARK_ABSENT:
		return session_mark(ss, 'A');
	case ACT_MARK_REST:
		return session_ask_rest(ss);
	case ACT_HISTORY:
		return session_history(ss);
	case ACT_REFRESH:
		session_reload(ss);
		return UI_UNHANDLED; /* and the global repaint */
	default:
		break;
	}
	if (act == ACT_CHAR && !ss->list.searching) {
		/* A stray key must not start a search in the middle of a
		 * register: only the search key does. */
		ui_train_not_a_key(s->ops, session_mark_keys, ev);
		return UI_HANDLED;
	}
	flags = ui_list_action(s, &ss->list, act, ev, list_h);
	if (flags == UI_UNHANDLED && act == ACT_BACK) {
		struct ui_result r = {.ok = true};

		ui_pop(s, &r); /* the parent counts the marks again */
		return UI_HANDLED;
	}
	return flags;
}

/* The mark for the rest was picked: apply it. */
static int
session_result(struct screen *s, const struct ui_result *r)
{
	struct session_screen *ss = s->state;
	struct fd_err err;
	enum fd_status st;
	size_t n = 0;
	char count[16], *m;
	char mark;

	if (r->tag != SESSION_TAG_REST || !r->ok || r->index >= 4)
		return UI_REDRAW;
	mark = UI_TRAIN_MARKS[r->index];
	st = cohort_attendance_default(ui_db(), ss->session_id, mark, &n, &err);
	if (st != FD_OK) {
		session_fail(st, &err);
		return UI_REDRAW;
	}
	session_reload(ss);
	snprintf(count, sizeof(count), "%zu", n);
	m = trf(MSG_SESSION_REST_DONE, count, ui_train_mark_label(mark));
	ui_status("%s", m);
	free(m);
	return UI_REDRAW;
}

/* Typing narrows the list while its search line has focus. */
static bool
session_typing(struct screen *s)
{
	struct session_screen *ss = s->state;

	return ss->list.searching;
}

const struct screen_ops screen_session = {
	.name = "session",
	.title = MSG_SESSION_TITLE,
	.state_size = sizeof(struct session_screen),
	.keys = session_keys,
	.key_defaults = session_key_defaults,
	.enter = session_enter,
	.leave = session_leave,
	.draw = session_draw,
	.action = session_action,
	.result = session_result,
	.typing = session_typing,
};
