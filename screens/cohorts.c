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

static const int cohorts_widths[] = {12, 14, 10, 10, 6, 8, 4, 0};

/* The label of where a cohort stands (shared with the detail). */
enum fd_msg
cohorts_phase_label(enum cohort_phase p)
{
	switch (p) {
	case COHORT_RUNNING:
		return MSG_COHORTS_PHASE_RUNNING;
	case COHORT_ENDED:
		return MSG_COHORTS_PHASE_ENDED;
	case COHORT_GRADUATED:
		return MSG_COHORTS_PHASE_GRADUATED;
	case COHORT_PLANNED:
		break;
	}
	return MSG_COHORTS_PHASE_PLANNED;
}

/* The label of a track code, or the code when the curriculum lacks it. */
const char *
cohorts_track_label(const char *code)
{
	const struct schedule_track *t = schedule_track_find(code);

	return t ? schedule_track_label(t) : code;
}

/* The day (0 = Monday) that code point cp names, or -1. */
static int
cohorts_day_of(uint32_t cp)
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
cohorts_day_named(const char *s, size_t *len)
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
cohorts_day_filler(uint32_t cp)
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
cohorts_day_range(uint32_t cp)
{
	return cp == '-' || cp == '~' || cp == 0x81f3 || cp == 0x5230 ||
	       cp == 0xff0d || cp == 0xff5e || cp == 0x2013;
}

unsigned
cohorts_weekdays_parse(const char *text, char **bad)
{
	unsigned mask = 0;
	int last = -1;
	bool range = false;
	size_t i = 0, len = strlen(text);

	*bad = NULL;
	while (i < len) {
		uint32_t cp;
		size_t step = (size_t)utf8_decode(text + i, len - i, &cp);
		int d = cohorts_day_of(cp);

		if (d < 0 && isalpha((unsigned char)text[i]))
			d = cohorts_day_named(text + i, &step);
		if (d >= 0) {
			if (range && last >= 0)
				for (int k = last; k != d; k = (k + 1) % 7)
					mask |= 1u << k;
			mask |= 1u << d;
			last = d;
			range = false;
		} else if (cohorts_day_range(cp) && last >= 0) {
			range = true;
		} else if (!cohorts_day_filler(cp)) {
			*bad = xstrndup(text + i, step ? step : 1);
			return 0;
		}
		i += step ? step : 1;
	}
	return mask;
}

char *
cohorts_weekdays_text(unsigned mask)
{
	char *names = xstrdup(tr(MSG_COHORTS_WEEKDAY_NAMES));
	const char *name[7] = {0};
	struct strbuf sb = {0};
	char *save = NULL, *out;
	int d = 0;

	for (char *w = strtok_r(names, " ", &save); w && d < 7;
	     w = strtok_r(NULL, " ", &save))
		name[d++] = w;
	for (; d < 7; d++)
		name[d] = "?";
	for (d = 0; d < 7; d++) {
		int e = d;
		char *part;

		if (!(mask & (1u << d)))
			continue;
		while (e + 1 < 7 && (mask & (1u << (e + 1))))
			e++;
		if (sb.len)
			strbuf_adds(&sb, tr(MSG_COHORTS_WEEKDAY_SEP));
		if (e - d >= 2) {
			part = trf(MSG_COHORTS_WEEKDAY_RANGE, name[d], name[e]);
			strbuf_adds(&sb, part);
			free(part);
			d = e;
		} else {
			strbuf_adds(&sb, name[d]);
		}
	}
	out = sb.len ? trf(MSG_COHORTS_WEEKDAYS, sb.buf, NULL) : xstrdup("");
	strbuf_free(&sb);
	free(names);
	return out;
}

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
	cells[1] = cohorts_track_label(ci->track);
	cells[2] = ci->start;
	cells[3] = ci->end;
	cells[4] = ci->room;
	cells[5] = seats;
	cells[6] = ci->waitlisted ? waiting : "";
	cells[7] = tr(cohorts_phase_label(cohort_phase_on(ci, c->today)));
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
		if (db_read_only(ui_db())) {
			ui_error_status(FD_E_READONLY, NULL);
			return UI_HANDLED;
		}
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
	.enter = cohorts_enter,
	.leave = cohorts_leave,
	.draw = cohorts_draw,
	.action = cohorts_action,
	.typing = cohorts_typing,
};
