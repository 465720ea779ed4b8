/*
 * The cohort list: every training cohort, latest start first, one row
 * each (code, track, first and last session, room, enrolled of capacity,
 * waitlisted, and where it stands today). Typing narrows the list at once
 * (a code, a track, a room, a date, 上课中...): the filter always has the
 * cursor, as in the household list. Enter opens the cohort, F6 the form
 * for a new one.
 *
 * The list is read again (cohort_list) when the screen comes back from a
 * cohort or the form, so counts changed there show here; F5 reads it on
 * demand. "Today" is idcard_today, the one clock of the program.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/cohort.h"
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

struct cohorts {
	struct cohort_info *v;
	size_t n;
	char today[11];
	struct ui_list list;
	bool stale; /* a child screen may have changed what is listed */
};

static const enum action cohorts_keys[] = {
	ACT_HELP, ACT_BACK, ACT_ENTER, ACT_NEW, ACT_REFRESH, ACT_NONE};

/* The other keys that act here, for F1 (moving and narrowing the list). */
static const enum action cohorts_help_keys[] = {
	ACT_MENU,      ACT_NEXT,   ACT_PREV,  ACT_PAGE_UP,
	ACT_PAGE_DOWN, ACT_SEARCH, ACT_ERASE, ACT_NONE};

static const struct ui_key_text cohorts_texts[] = {
	{ACT_ENTER, MSG_COHORTS_KEY_OPEN, MSG_COHORTS_HELP_OPEN},
	{ACT_NEW, MSG_KEY_NEW, MSG_COHORTS_HELP_NEW},
	{ACT_NONE, MSG__COUNT, MSG__COUNT}};

static const int cohorts_widths[] = {12, 14, 10, 10, 6, 8, 4, 0};


/* One row: code, track, dates, room, enrolled/capacity, waiting, phase. */
static char *
cohorts_row(void *ud, size_t i)
{
	struct cohorts *c = ud;
	const struct cohort_info *ci = &c->v[i];
	char seats[32], waiting[16];
	const char *cells[8];

	snprintf(seats, sizeof(seats), "%d/%d", ci->enrolled, ci->capacity);
	snprintf(waiting, sizeof(waiting), "%d", ci->waitlisted);
	cells[0] = ci->code;
	cells[1] = ui_train_track_label(ci->track);
	cells[2] = ci->start;
	cells[3] = ci->end;
	cells[4] = ci->room;
	cells[5] = seats;
	cells[6] = ci->waitlisted ? waiting : "";
	cells[7] = tr(ui_train_phase_label(cohort_phase_on(ci, c->today)));
	return ui_row(cohorts_widths, 8, cells);
}

/* Read the cohorts again, keeping the filter and the selection. */
static void
cohorts_reload(struct cohorts *c)
{
	struct fd_err err;
	enum fd_status st;

	free(c->v);
	c->v = NULL;
	c->n = 0;
	idcard_today(c->today);
	st = cohort_list(ui_db(), &c->v, &c->n, &err);
	if (st != FD_OK)
		ui_error_status(st, &err);
	ui_list_set(&c->list, c->n, cohorts_row, c);
	c->stale = false;
}

static int
cohorts_enter(struct screen *s, const struct screen_args *args)
{
	struct cohorts *c = s->state;

	(void)args;
	ui_list_init(&c->list);
	c->list.searching = true; /* typing narrows at once */
	cohorts_reload(c);
	return 0;
}

static void
cohorts_leave(struct screen *s)
{
	struct cohorts *c = s->state;

	ui_list_free(&c->list);
	free(c->v);
}

static void
cohorts_draw(struct screen *s)
{
	struct cohorts *c = s->state;
	const char *head[] = {tr(MSG_COHORTS_COL_CODE),  tr(MSG_COHORTS_COL_TRACK),
			      tr(MSG_COHORTS_COL_START), tr(MSG_COHORTS_COL_END),
			      tr(MSG_COHORTS_COL_ROOM),  tr(MSG_COHORTS_COL_SEATS),
			      tr(MSG_COHORTS_COL_WAIT),  tr(MSG_COHORTS_COL_PHASE)};
	char *header;

	if (c->stale)
		cohorts_reload(c);
	header = ui_row(cohorts_widths, 8, head);
	werase(s->win);
	wattrset(s->win, ui_attr(UI_STYLE_DIM));
	ui_text(s->win, 0, 0, s->cols, tr(MSG_COHORTS_HINT));
	wattrset(s->win, A_BOLD);
	ui_text(s->win, 1, 0, s->cols, header);
	wattrset(s->win, A_NORMAL);
	ui_list_draw(s, &c->list, 2, s->rows - 2);
	wnoutrefresh(s->win);
	free(header);
}

/* Open the selected cohort. */
static void
cohorts_open(struct cohorts *c)
{
	size_t i = ui_list_selected(&c->list);
	struct screen_args args = {0};

	if (i == (size_t)-1)
		return;
	args.data = &c->v[i].id;
	c->stale = true;
	ui_push(&screen_cohort, &args);
}

static int
cohorts_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct cohorts *c = s->state;
	int flags;

	switch (act) {
	case ACT_ENTER:
		cohorts_open(c);
		return UI_HANDLED;
	case ACT_NEW:
		if (!ui_train_may(COHORT_ACT_CREATE))
			return UI_HANDLED;
		c->stale = true;
		ui_push(&screen_cohort_form, NULL);
		return UI_HANDLED;
	case ACT_REFRESH:
		cohorts_reload(c);
		return UI_UNHANDLED; /* and the global repaint */
	case ACT_BACK:
		if (c->list.filter.len == 0)
			return UI_UNHANDLED;
		break;
	default:
		break;
	}
	flags = ui_list_action(s, &c->list, act, ev, s->rows - 2);
	c->list.searching = true; /* Esc clears the filter, keeps the focus */
	return flags;
}

/* The filter always has the cursor: every printable key narrows. */
static bool
cohorts_typing(struct screen *s)
{
	(void)s;
	return true;
}

const struct screen_ops screen_cohorts = {
	.name = "cohorts",
	.title = MSG_COHORTS_TITLE,
	.state_size = sizeof(struct cohorts),
	.keys = cohorts_keys,
	.key_texts = cohorts_texts,
	.help_keys = cohorts_help_keys,
	.enter = cohorts_enter,
	.leave = cohorts_leave,
	.draw = cohorts_draw,
	.action = cohorts_action,
	.typing = cohorts_typing,
};
