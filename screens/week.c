/*
 * A week of every cohort's sessions by room: the days Monday to Sunday
 * down the screen, the rooms across (every room, so a free one shows as
 * free), and in each cell the sessions of that room on that day, one a
 * line, "09:00-12:00 C2026-03". A day takes as many lines as its busiest
 * room, at least one (a code too long for the cell keeps only the start
 * time there); its last line is underlined, which separates the
 * days without spending a line on a rule (so a week of three sessions a
 * working day fits at 80x24); a public holiday, a make-up working day and
 * an empty weekend say so under or beside the date. The
 * line under the grid tells more of the session under the cursor: its
 * cohort and track, module, instructor, and how many of the enrolled are
 * marked.
 *
 * At 80x24 three rooms fit side by side and a week of three sessions a
 * working day fits without scrolling; more rooms scroll sideways, more
 * lines scroll down, both following the cursor.
 *
 * Keys: Up/Down the previous/next session in the same room; Left/Right
 * the next room (the cursor keeps to the nearest line); PgUp/PgDn the
 * previous/next week; t back to this week (today's first session); Enter
 * opens the session's register, and coming back shows its new count.
 *
 * Invariants: v is sorted by date, room, start (cohort_sessions_between),
 * so the sessions of one room are in time order; cell[i] places v[i];
 * sel is an index of v in room column col, or (size_t)-1 when that room
 * has nothing this week.
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
#include "frontdesk/utf8.h"
#include "frontdesk/util.h"

#define WEEK_NONE ((size_t)-1)
/* Columns of the date ("周一 03-02") and least columns of a room. */
#define WEEK_DATE_COLS 10
#define WEEK_CELL_MIN 20
/* Rows above the grid (heading, room names) and below it (details: two
 * lines, so a long module name is not cut at 80 columns). */
#define WEEK_TOP 2
#define WEEK_BOTTOM 2

/* Where session v[i] is drawn. */
struct week_cell {
	size_t col; /* room column */
	int day;    /* 0 = Monday */
	int line;   /* grid line */
};

struct week_screen {
	char days[7][11]; /* Monday .. Sunday */
	struct cohort_session_row *v;
	size_t n;
	struct week_cell *cell;
	char **room_code; /* the columns */
	char **room_name;
	size_t nrooms;
	struct cohort_info *cohorts; /* enrolled counts, track */
	size_t ncohorts;
	struct cohort_resource *ins; /* instructors' names */
	size_t nins;
	int day_line[7];  /* first grid line of each day */
	int day_lines[7]; /* lines of each day */
	int total;        /* grid lines */
	size_t col;       /* the room column of the cursor */
	size_t sel;       /* the session under the cursor, or WEEK_NONE */
	int cur_line;     /* the cursor's line when sel is WEEK_NONE */
	size_t first_col; /* leftmost room shown */
	int top;          /* first grid line shown */
};

static const enum action week_keys[] = {
	ACT_HELP,      ACT_ENTER, ACT_PAGE_UP, ACT_PAGE_DOWN,
	ACT_TODAY,     ACT_BACK,  ACT_REFRESH, ACT_NONE};

static const struct ui_key_default week_key_defaults[] = {
	{ACT_TODAY, "t"}, {ACT_NONE, NULL}};

/* Drop everything loaded. */
static void
week_clear(struct week_screen *w)
{
	for (size_t i = 0; i < w->nrooms; i++) {
		free(w->room_code[i]);
		free(w->room_name[i]);
	}
	free(w->room_code);
	free(w->room_name);
	free(w->v);
	free(w->cell);
	free(w->cohorts);
	cohort_resources_free(w->ins, w->nins);
	w->room_code = w->room_name = NULL;
	w->v = NULL;
	w->cell = NULL;
	w->cohorts = NULL;
	w->ins = NULL;
	w->nrooms = w->n = w->ncohorts = w->nins = 0;
}

/* The column of room code, added at the end when it is not listed. */
static size_t
week_room(struct week_screen *w, const char *code, const char *name)
{
	for (size_t i = 0; i < w->nrooms; i++)
		if (strcmp(w->room_code[i], code) == 0)
			return i;
	w->room_code = xrealloc(w->room_code,
				(w->nrooms + 1) * sizeof(*w->room_code));
	w->room_name = xrealloc(w->room_name,
				(w->nrooms + 1) * sizeof(*w->room_name));
	w->room_code[w->nrooms] = xstrdup(code);
	w->room_name[w->nrooms] = xstrdup(name);
	return w->nrooms++;
}

/* Place every session: its column, its day, its line. */
static void
week_layout(struct week_screen *w)
{
	int line = 0;

	w->cell = xcalloc(w->n + 1, sizeof(*w->cell));
	for (int d = 0; d < 7; d++)
		w->day_lines[d] = 1;
	for (size_t i = 0; i < w->n; i++) {
		struct week_cell *c = &w->cell[i];
		int k = 0;

		c->col = week_room(w, w->v[i].room, "");
		c->day = 0;
		for (int d = 0; d < 7; d++)
			if (strcmp(w->v[i].date, w->days[d]) == 0)
				c->day = d;
		/* k-th session of this room on this day (v is in order). */
		for (size_t j = 0; j < i; j++)
			k += w->cell[j].col == c->col && w->cell[j].day == c->day;
		c->line = k; /* made absolute below */
		if (k + 1 > w->day_lines[c->day])
			w->day_lines[c->day] = k + 1;
	}
	for (int d = 0; d < 7; d++) {
		w->day_line[d] = line;
		line += w->day_lines[d];
	}
	w->total = line;
	for (size_t i = 0; i < w->n; i++)
		w->cell[i].line += w->day_line[w->cell[i].day];
}

/* Read the week starting on days[0] again, keeping the cursor on the
 * same session when it is still there. */
static void
week_reload(struct week_screen *w)
{
	struct cohort_resource *rooms = NULL;
	size_t nrooms = 0;
	int64_t keep = w->sel != WEEK_NONE ? w->v[w->sel].id : 0;
	struct fd_err err;
	enum fd_status st;

	week_clear(w);
	for (int d = 1; d < 7; d++)
		schedule_date_add(w->days[0], d, w->days[d]);
	st = cohort_sessions_between(ui_db(), w->days[0], w->days[6], &w->v,
				     &w->n, &err);
	if (st == FD_OK)
		st = cohort_room_list(ui_db(), &rooms, &nrooms, &err);
	if (st == FD_OK)
		st = cohort_list(ui_db(), &w->cohorts, &w->ncohorts, &err);
	if (st == FD_OK)
		st = cohort_instructor_list(ui_db(), &w->ins, &w->nins, &err);
	if (st != FD_OK)
		ui_error_status(st, &err);
	for (size_t i = 0; i < nrooms; i++)
		week_room(w, rooms[i].code, rooms[i].name);
	cohort_resources_free(rooms, nrooms);
	week_layout(w);
	if (w->col >= w->nrooms)
		w->col = 0;
	w->sel = WEEK_NONE;
	for (size_t i = 0; keep && i < w->n; i++)
		if (w->v[i].id == keep) {
			w->sel = i;
			w->col = w->cell[i].col;
		}
}

/* Put the cursor in column col on the session nearest to line (none when
 * the room has nothing this week). */
static void
week_select_near(struct week_screen *w, size_t col, int line)
{
	int best = -1;

	w->col = col;
	w->sel = WEEK_NONE;
	for (size_t i = 0; i < w->n; i++) {
		int dist = abs(w->cell[i].line - line);

		if (w->cell[i].col == col && (best < 0 || dist < best)) {
			best = dist;
			w->sel = i;
		}
	}
	w->cur_line = w->sel != WEEK_NONE ? w->cell[w->sel].line : line;
}

/* Show the week of date, the cursor on its first session that day (in
 * the cursor's room if it has one, else in any room). */
static void
week_show(struct week_screen *w, const char *date)
{
	int wd = schedule_weekday(date);

	if (wd < 0 || !schedule_date_add(date, -wd, w->days[0]))
		return;
	w->sel = WEEK_NONE;
	week_reload(w);
	w->top = 0;
	week_select_near(w, w->col, w->day_line[wd]);
	if (w->sel != WEEK_NONE && w->cell[w->sel].day == wd)
		return;
	/* Not in this room that day: the session nearest to that day in
	 * any room (the room of the cursor wins a tie). */
	{
		size_t best = w->sel;
		int dist = best != WEEK_NONE
				   ? abs(w->cell[best].line - w->day_line[wd])
				   : -1;

		for (size_t i = 0; i < w->n; i++) {
			int d = abs(w->cell[i].line - w->day_line[wd]);

			if (dist < 0 || d < dist) {
				dist = d;
				best = i;
			}
		}
		if (best != WEEK_NONE)
			week_select_near(w, w->cell[best].col,
					 w->cell[best].line);
	}
}

static int
week_enter(struct screen *s, const struct screen_args *args)
{
	struct week_screen *w = s->state;
	char today[11];

	(void)args;
	w->sel = WEEK_NONE;
	util_today(today);
	week_show(w, today);
	return 0;
}

static void
week_leave(struct screen *s)
{
	struct week_screen *w = s->state;

	week_clear(w);
}

/* How many room columns are shown (as many as fit, at most every room),
 * and the width of each: fewer rooms get wider cells. */
static size_t
week_columns(const struct screen *s, const struct week_screen *w,
	     int *cell_cols)
{
	int avail = s->cols - WEEK_DATE_COLS;
	size_t shown = (size_t)(avail / (WEEK_CELL_MIN + 1));

	if (shown > w->nrooms)
		shown = w->nrooms;
	if (shown < 1)
		shown = 1;
	*cell_cols = avail / (int)shown - 1;
	return shown;
}

/* Scroll so that the cursor is in view. */
static void
week_scroll(struct week_screen *w, size_t shown, int grid_h)
{
	int line = w->sel != WEEK_NONE ? w->cell[w->sel].line : w->cur_line;
	int day = 0;

	if (w->col < w->first_col)
		w->first_col = w->col;
	if (w->col >= w->first_col + shown)
		w->first_col = w->col - shown + 1;
	if (w->first_col + shown > w->nrooms)
		w->first_col = w->nrooms > shown ? w->nrooms - shown : 0;
	/* Show the cursor's whole day when it fits, its date line at least. */
	for (int d = 0; d < 7; d++)
		if (line >= w->day_line[d])
			day = d;
	if (w->day_line[day] < w->top)
		w->top = w->day_line[day];
	if (line >= w->top + grid_h)
		w->top = line - grid_h + 1;
	if (w->top + grid_h > w->total)
		w->top = w->total > grid_h ? w->total - grid_h : 0;
	if (w->top < 0)
		w->top = 0;
}

/* The enrolled count of a cohort, and its track. */
static const struct cohort_info *
week_cohort(const struct week_screen *w, int64_t id)
{
	for (size_t i = 0; i < w->ncohorts; i++)
		if (w->cohorts[i].id == id)
			return &w->cohorts[i];
	return NULL;
}

/* An instructor's name by code, or the code. */
static const char *
week_instructor(const struct week_screen *w, const char *code)
{
	for (size_t i = 0; i < w->nins; i++)
		if (strcmp(w->ins[i].code, code) == 0 && w->ins[i].name[0])
			return w->ins[i].name;
	return code;
}

/* Row 0: the dates of the week, "this week", the rooms shown. */
static void
week_draw_heading(struct screen *s, struct week_screen *w, size_t shown)
{
	char today[11], range[48], *line;
	const char *args[3] = {w->days[0], w->days[6], range};
	size_t last = w->first_col + shown;

	util_today(today);
	if (last > w->nrooms)
		last = w->nrooms;
	range[0] = '\0';
	if (w->nrooms > shown) {
		char a[16], b[16], n[16];
		char *r;

		snprintf(a, sizeof(a), "%zu", w->first_col + 1);
		snprintf(b, sizeof(b), "%zu", last);
		snprintf(n, sizeof(n), "%zu", w->nrooms);
		r = trf(MSG_WEEK_ROOMS_SHOWN, a, b);
		snprintf(range, sizeof(range), "%s/%s", r, n);
		free(r);
	}
	line = msg_format(tr(strcmp(today, w->days[0]) >= 0 &&
					     strcmp(today, w->days[6]) <= 0
				     ? MSG_WEEK_HEAD_THIS
				     : MSG_WEEK_HEAD),
			  3, args);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, 0, 0, s->cols, line);
	wattrset(s->win, A_NORMAL);
	free(line);
}

/* Row 1: the rooms, the cursor's one highlighted. */
static void
week_draw_rooms(struct screen *s, struct week_screen *w, size_t shown,
		int cell_cols)
{
	int x = WEEK_DATE_COLS;

	wattrset(s->win, A_BOLD);
	ui_text(s->win, 1, 0, WEEK_DATE_COLS, tr(MSG_WEEK_COL_DATE));
	for (size_t c = w->first_col; c < w->nrooms && c < w->first_col + shown;
	     c++, x += cell_cols + 1) {
		char *label = xasprintf("%s %s", w->room_code[c],
					w->room_name[c]);

		wattrset(s->win, A_BOLD);
		mvwaddch(s->win, 1, x, ACS_VLINE);
		wattrset(s->win, c == w->col ? ui_attr(UI_STYLE_SELECTED)
					     : A_BOLD);
		ui_text(s->win, 1, x + 1, cell_cols, label);
		free(label);
	}
	wattrset(s->win, A_NORMAL);
	if (w->nrooms == 0)
		ui_text(s->win, 1, WEEK_DATE_COLS, s->cols - WEEK_DATE_COLS,
			tr(MSG_WEEK_NO_ROOMS));
}

/* What the date column says beside an empty day: holiday, weekend. */
static const char *
week_day_note(const char *date)
{
	const struct schedule_holiday *h = NULL;

	switch (schedule_day_kind(date, &h)) {
	case SCHEDULE_DAY_HOLIDAY:
		return h ? schedule_holiday_label(h) : "";
	case SCHEDULE_DAY_MAKEUP:
		return tr(MSG_WEEK_MAKEUP);
	case SCHEDULE_DAY_WEEKEND:
		return tr(MSG_WEEK_WEEKEND);
	default:
		return "";
	}
}

/* Whether day d has no session in any room. */
static bool
week_day_empty(const struct week_screen *w, int d)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->cell[i].day == d)
			return false;
	return true;
}

/* The text of the session at (col, line) into buf, or "" (and *cursor
 * whether it is the one under the cursor): "09:00-12:00 CODE", or
 * "09:00 CODE" when the whole range and the code do not fit in cols (the
 * line under the grid has the range). */
static const char *
week_cell_text(const struct week_screen *w, size_t col, int line, int cols,
	       char buf[SCHEDULE_ID_MAX + 16], bool *cursor)
{
	*cursor = false;
	for (size_t i = 0; i < w->n; i++)
		if (w->cell[i].col == col && w->cell[i].line == line) {
			char when[12];

			ui_train_time_range(w->v[i].start, w->v[i].end, when);
			if (12 + utf8_width(w->v[i].cohort) > cols)
				when[5] = '\0';
			snprintf(buf, SCHEDULE_ID_MAX + 16, "%s %s", when,
				 w->v[i].cohort);
			*cursor = i == w->sel;
			return buf;
		}
	return "";
}

/* One line of the grid at row y: the date (on a day's first line; the
 * kind of day under it or, for a day without sessions, beside it) and the
 * cells; a day's last line is underlined. */
static void
week_draw_line(struct screen *s, struct week_screen *w, int y, int line,
	       size_t shown, int cell_cols, const char *today)
{
	int day = 0, x = WEEK_DATE_COLS;
	attr_t under;
	const char *note;
	bool empty;

	for (int d = 0; d < 7; d++)
		if (line >= w->day_line[d])
			day = d;
	under = line == w->day_line[day] + w->day_lines[day] - 1 ? A_UNDERLINE
								 : 0;
	note = week_day_note(w->days[day]);
	empty = week_day_empty(w, day);
	if (line == w->day_line[day]) {
		char *label = xasprintf("%s %s", ui_train_weekday(w->days[day]),
					w->days[day] + 5);

		wattrset(s->win, (strcmp(w->days[day], today) == 0
					  ? ui_attr(UI_STYLE_SELECTED)
					  : A_BOLD) |
					 under);
		ui_text(s->win, y, 0, WEEK_DATE_COLS, label);
		free(label);
	} else {
		wattrset(s->win, ui_attr(UI_STYLE_DIM) | under);
		ui_text(s->win, y, 0, WEEK_DATE_COLS,
			line == w->day_line[day] + 1 ? note : "");
	}
	if (empty) {
		wattrset(s->win, under);
		mvwaddch(s->win, y, x, ACS_VLINE);
		wattrset(s->win, ui_attr(UI_STYLE_DIM) | under);
		ui_text(s->win, y, x + 1, s->cols - x - 1, note);
		wattrset(s->win, A_NORMAL);
		return;
	}
	for (size_t c = w->first_col; c < w->nrooms && c < w->first_col + shown;
	     c++, x += cell_cols + 1) {
		char buf[SCHEDULE_ID_MAX + 16];
		bool cursor;
		const char *text =
			week_cell_text(w, c, line, cell_cols, buf, &cursor);

		wattrset(s->win, under);
		mvwaddch(s->win, y, x, ACS_VLINE);
		wattrset(s->win, (cursor ? ui_attr(UI_STYLE_SELECTED) : A_NORMAL) |
					 under);
		ui_text(s->win, y, x + 1, cell_cols, text);
	}
	wattrset(s->win, A_NORMAL);
}

/* The last rows: more about the session under the cursor. */
static void
week_draw_details(struct screen *s, struct week_screen *w)
{
	const struct cohort_session_row *r;
	const struct cohort_info *c;
	char part[16], marked[32], when[12];
	const char *args[7];
	char *line;

	if (w->sel == WEEK_NONE) {
		wattrset(s->win, ui_attr(UI_STYLE_DIM));
		ui_text(s->win, s->rows - WEEK_BOTTOM, 0, s->cols,
			tr(w->nrooms ? MSG_WEEK_ROOM_FREE : MSG_WEEK_NO_ROOMS));
		wattrset(s->win, A_NORMAL);
		return;
	}
	r = &w->v[w->sel];
	c = week_cohort(w, r->cohort_id);
	snprintf(part, sizeof(part), "%d", r->part);
	snprintf(marked, sizeof(marked), "%d/%d", r->marked,
		 c ? c->enrolled : 0);
	args[0] = r->cohort;
	args[1] = ui_train_track_label(r->track);
	args[2] = ui_train_module_label(r->module);
	args[3] = part;
	args[4] = week_instructor(w, r->instructor);
	args[5] = marked;
	ui_train_time_range(r->start, r->end, when);
	args[6] = when;
	line = msg_format(tr(r->part > 1 ? MSG_WEEK_DETAIL_PART
					 : MSG_WEEK_DETAIL),
			  7, args);
	{
		/* What does not fit the first line goes on the second. */
		size_t first = utf8_fit(line, s->cols);
		char *head;

		/* Break at a blank when there is one in the second half of
		 * the line, not inside an English word. */
		if (line[first]) {
			size_t b = first;

			while (b > first / 2 && line[b - 1] != ' ')
				b--;
			if (b > first / 2)
				first = b;
		}
		head = xstrndup(line, first);

		ui_text(s->win, s->rows - WEEK_BOTTOM, 0, s->cols, head);
		ui_text(s->win, s->rows - WEEK_BOTTOM + 1, 0, s->cols,
			line + first);
		free(head);
	}
	free(line);
}

static void
week_draw(struct screen *s)
{
	struct week_screen *w = s->state;
	int cell_cols;
	size_t shown = week_columns(s, w, &cell_cols);
	int grid_h = s->rows - WEEK_TOP - WEEK_BOTTOM;
	char today[11];

	util_today(today);
	week_scroll(w, shown, grid_h);
	werase(s->win);
	week_draw_heading(s, w, shown);
	week_draw_rooms(s, w, shown, cell_cols);
	for (int y = 0; y < grid_h && w->top + y < w->total; y++)
		week_draw_line(s, w, WEEK_TOP + y, w->top + y, shown, cell_cols,
			       today);
	week_draw_details(s, w);
	s->cursor_y = -1;
	wnoutrefresh(s->win);
}

/* Up / Down: the previous / next session of the same room. */
static void
week_step(struct week_screen *w, int dir)
{
	size_t i = w->sel;

	if (i == WEEK_NONE)
		return;
	for (;;) {
		if (dir < 0 ? i == 0 : i + 1 >= w->n)
			return;
		i = dir < 0 ? i - 1 : i + 1;
		if (w->cell[i].col == w->col) {
			w->sel = i;
			w->cur_line = w->cell[i].line;
			return;
		}
	}
}

/* PgUp / PgDn: another week, the cursor on the same weekday. */
static void
week_turn(struct week_screen *w, int weeks)
{
	char date[11];
	int wd = w->sel != WEEK_NONE ? w->cell[w->sel].day : 0;

	if (!schedule_date_add(w->days[0], 7 * weeks + wd, date))
		return;
	week_show(w, date);
}

static int
week_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct week_screen *w = s->state;
	struct screen_args args = {0};
	char today[11];
	int line = w->sel != WEEK_NONE ? w->cell[w->sel].line : w->cur_line;

	(void)ev;
	switch (act) {
	case ACT_NEXT:
		week_step(w, 1);
		return UI_HANDLED | UI_REDRAW;
	case ACT_PREV:
		week_step(w, -1);
		return UI_HANDLED | UI_REDRAW;
	case ACT_LEFT:
		if (w->col > 0)
			week_select_near(w, w->col - 1, line);
		return UI_HANDLED | UI_REDRAW;
	case ACT_RIGHT:
		if (w->col + 1 < w->nrooms)
			week_select_near(w, w->col + 1, line);
		return UI_HANDLED | UI_REDRAW;
	case ACT_PAGE_UP:
		week_turn(w, -1);
		return UI_HANDLED | UI_REDRAW;
	case ACT_PAGE_DOWN:
		week_turn(w, 1);
		return UI_HANDLED | UI_REDRAW;
	case ACT_TODAY:
		util_today(today);
		week_show(w, today);
		return UI_HANDLED | UI_REDRAW;
	case ACT_ENTER:
		if (w->sel == WEEK_NONE)
			return UI_HANDLED;
		args.data = &w->v[w->sel].id; /* copied by the session screen */
		ui_push(&screen_session, &args);
		return UI_HANDLED;
	case ACT_REFRESH:
		week_reload(w);
		return UI_UNHANDLED; /* and the global repaint */
	default:
		return UI_UNHANDLED;
	}
}

/* Back from a register: show its new count. */
static int
week_result(struct screen *s, const struct ui_result *r)
{
	(void)r;
	week_reload(s->state);
	return UI_REDRAW;
}

const struct screen_ops screen_week = {
	.name = "week",
	.title = MSG_WEEK_TITLE,
	.state_size = sizeof(struct week_screen),
	.keys = week_keys,
	.key_defaults = week_key_defaults,
	.enter = week_enter,
	.leave = week_leave,
	.draw = week_draw,
	.action = week_action,
	.result = week_result,
};
