/*
 * Today's sessions of every cohort, by time: when, which cohort, which
 * module, where, who teaches, and how many of the enrolled have been
 * marked. Enter opens the session's register (screen_session); coming
 * back shows the new count. "Today" is util_today's (FRONTDESK_TODAY
 * fixes it for tests); a public holiday or a weekend says so above the
 * list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/cohort.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/schedule.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/ui_train.h"
#include "frontdesk/util.h"

/* Rows above the list: heading, column header. */
#define TODAY_TOP 2

struct today_screen {
	char date[11];
	struct cohort_session_row *v;
	size_t n;
	struct cohort_info *cohorts; /* for the enrolled counts */
	size_t ncohorts;
	struct cohort_resource *ins; /* for the instructors' names */
	size_t nins;
	struct ui_list list;
};

static const enum action today_keys[] = {ACT_HELP, ACT_ENTER, ACT_BACK,
					 ACT_REFRESH, ACT_NONE};

/* A cohort code ("PHOTO-261130") and "Instructor" fit whole. */
static const int today_widths[] = {11, 13, 26, 6, 10, 0};

/* How many are enrolled in cohort id (0 when it is not loaded). */
static int
today_enrolled(const struct today_screen *t, int64_t id)
{
	for (size_t i = 0; i < t->ncohorts; i++)
		if (t->cohorts[i].id == id)
			return t->cohorts[i].enrolled;
	return 0;
}

/* An instructor's name by code, or the code. */
static const char *
today_instructor(const struct today_screen *t, const char *code)
{
	for (size_t i = 0; i < t->nins; i++)
		if (strcmp(t->ins[i].code, code) == 0 && t->ins[i].name[0])
			return t->ins[i].name;
	return code;
}

/* By start time, then room (the core gives them by room first). */
static int
today_order(const void *x, const void *y)
{
	const struct cohort_session_row *a = x, *b = y;
	int c = strcmp(a->room, b->room);

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return c ? c : strcmp(a->cohort, b->cohort);
}

/* One row: time, cohort, module (and part), room, instructor,
 * marked/enrolled. */
static char *
today_row(void *ud, size_t i)
{
	struct today_screen *t = ud;
	const struct cohort_session_row *r = &t->v[i];
	char when[12], marked[32], part[16];
	const char *cells[6];
	char *module;
	char *row;

	ui_train_time_range(r->start, r->end, when);
	snprintf(marked, sizeof(marked), "%d/%d", r->marked,
		 today_enrolled(t, r->cohort_id));
	cells[0] = when;
	cells[1] = r->cohort;
	snprintf(part, sizeof(part), "%d", r->part);
	module = r->part > 1 ? trf(MSG_TODAY_MODULE_PART,
				   ui_train_module_label(r->module), part)
			     : xstrdup(ui_train_module_label(r->module));
	cells[2] = module;
	cells[3] = r->room;
	cells[4] = today_instructor(t, r->instructor);
	cells[5] = marked;
	row = ui_row(today_widths, 6, cells);
	free(module);
	return row;
}

/* Drop what is loaded. */
static void
today_clear(struct today_screen *t)
{
	free(t->v);
	free(t->cohorts);
	cohort_resources_free(t->ins, t->nins);
	t->v = NULL;
	t->cohorts = NULL;
	t->ins = NULL;
	t->n = t->ncohorts = t->nins = 0;
}

/* Read today's sessions (and the counts and names they show) again. */
static void
today_reload(struct today_screen *t)
{
	struct fd_err err;
	enum fd_status st;

	today_clear(t);
	util_today(t->date);
	st = cohort_sessions_between(ui_db(), t->date, t->date, &t->v, &t->n,
				     &err);
	if (st == FD_OK)
		st = cohort_list(ui_db(), &t->cohorts, &t->ncohorts, &err);
	if (st == FD_OK)
		st = cohort_instructor_list(ui_db(), &t->ins, &t->nins, &err);
	if (st != FD_OK)
		ui_error_status(st, &err);
	if (t->n > 1)
		qsort(t->v, t->n, sizeof(*t->v), today_order);
	ui_list_set(&t->list, t->n, today_row, t);
}

static int
today_enter(struct screen *s, const struct screen_args *args)
{
	struct today_screen *t = s->state;

	(void)args;
	ui_list_init(&t->list);
	t->list.plain = true;
	today_reload(t);
	return 0;
}

static void
today_leave(struct screen *s)
{
	struct today_screen *t = s->state;

	ui_list_free(&t->list);
	today_clear(t);
}

/* The heading: the date, its weekday, what kind of day, the count. */
static char *
today_heading(const struct today_screen *t)
{
	const struct schedule_holiday *h = NULL;
	enum schedule_day kind = schedule_day_kind(t->date, &h);
	char count[16];
	const char *args[4];

	snprintf(count, sizeof(count), "%zu", t->n);
	args[0] = t->date;
	args[1] = ui_train_weekday(t->date);
	args[2] = count;
	args[3] = kind == SCHEDULE_DAY_HOLIDAY && h ? schedule_holiday_label(h)
		: kind == SCHEDULE_DAY_MAKEUP	  ? tr(MSG_WEEK_MAKEUP)
		: kind == SCHEDULE_DAY_WEEKEND	  ? tr(MSG_WEEK_WEEKEND)
						  : "";
	/* One session is not "sessions": the singular has its own texts. */
	if (t->n == 1)
		return msg_format(tr(args[3][0] ? MSG_TODAY_HEAD_KIND_ONE
						: MSG_TODAY_HEAD_ONE),
				  4, args);
	return msg_format(tr(args[3][0] ? MSG_TODAY_HEAD_KIND : MSG_TODAY_HEAD),
			  4, args);
}

static void
today_draw(struct screen *s)
{
	struct today_screen *t = s->state;
	const char *head[] = {tr(MSG_TODAY_COL_TIME),  tr(MSG_TODAY_COL_COHORT),
			      tr(MSG_TODAY_COL_MODULE), tr(MSG_TODAY_COL_ROOM),
			      tr(MSG_TODAY_COL_INSTRUCTOR),
			      tr(MSG_TODAY_COL_MARKED)};
	char *line = today_heading(t);

	werase(s->win);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, 0, 0, s->cols, line);
	free(line);
	line = ui_row(today_widths, 6, head);
	wattrset(s->win, A_BOLD);
	ui_text(s->win, 1, 0, s->cols, line);
	free(line);
	wattrset(s->win, A_NORMAL);
	if (t->n == 0) {
		wattrset(s->win, ui_attr(UI_STYLE_DIM));
		ui_text(s->win, TODAY_TOP, 0, s->cols, tr(MSG_TODAY_NONE));
		wattrset(s->win, A_NORMAL);
		s->cursor_y = -1;
	} else {
		ui_list_draw(s, &t->list, TODAY_TOP, s->rows - TODAY_TOP);
	}
	wnoutrefresh(s->win);
}

static int
today_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct today_screen *t = s->state;
	struct screen_args args = {0};
	size_t i;

	switch (act) {
	case ACT_ENTER:
		i = ui_list_selected(&t->list);
		if (i == (size_t)-1)
			return UI_HANDLED;
		args.data = &t->v[i].id; /* copied by the session screen */
		ui_push(&screen_session, &args);
		return UI_HANDLED;
	case ACT_REFRESH:
		today_reload(t);
		return UI_UNHANDLED; /* and the global repaint */
	default:
		return ui_list_action(s, &t->list, act, ev, s->rows - TODAY_TOP);
	}
}

/* Back from a register: show its new count. */
static int
today_result(struct screen *s, const struct ui_result *r)
{
	(void)r;
	today_reload(s->state);
	return UI_REDRAW;
}

const struct screen_ops screen_today = {
	.name = "today",
	.title = MSG_TODAY_TITLE,
	.state_size = sizeof(struct today_screen),
	.keys = today_keys,
	.enter = today_enter,
	.leave = today_leave,
	.draw = today_draw,
	.action = today_action,
	.result = today_result,
};
