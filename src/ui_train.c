/*
 * Texts the training screens share (see ui_train.h). Nothing here keeps
 * state: labels are looked up on every call, so a change of language or a
 * reloaded curriculum shows at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/config.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/schedule.h"
#include "frontdesk/ui_train.h"
#include "frontdesk/util.h"
#include "frontdesk/utf8.h"

/* The weekday name of wd, 0 = Monday. */
const char *
ui_train_weekday_n(int wd)
{
	static const enum fd_msg names[7] = {
		MSG_WEEK_MON, MSG_WEEK_TUE, MSG_WEEK_WED, MSG_WEEK_THU,
		MSG_WEEK_FRI, MSG_WEEK_SAT, MSG_WEEK_SUN,
	};

	return wd >= 0 && wd < 7 ? tr(names[wd]) : "";
}

/* The weekday name of a date. */
const char *
ui_train_weekday(const char *date)
{
	return ui_train_weekday_n(schedule_weekday(date));
}

/* The label of an attendance mark. */
const char *
ui_train_mark_label(char mark)
{
	switch (mark) {
	case 'P':
		return tr(MSG_SESSION_MARK_P);
	case 'L':
		return tr(MSG_SESSION_MARK_L);
	case 'E':
		return tr(MSG_SESSION_MARK_E);
	case 'A':
		return tr(MSG_SESSION_MARK_A);
	default:
		return tr(MSG_SESSION_MARK_NONE);
	}
}

/* A track's label, or its code. */
const char *
ui_train_track_label(const char *code)
{
	const struct schedule_track *t = schedule_track_find(code);

	return t ? schedule_track_label(t) : code;
}

/* A module's label, or its code. */
const char *
ui_train_module_label(const char *code)
{
	const struct schedule_module *m = schedule_module_find(code, NULL);

	return m ? schedule_module_label(m) : code;
}

/* A time range as HH:MM-HH:MM. */
void
ui_train_time_range(int start, int end, char out[12])
{
	char a[6], b[6];

	schedule_time_format(start, a);
	schedule_time_format(end, b);
	snprintf(out, 12, "%s-%s", a, b);
}

/* The configured graduation threshold (training.min_attendance) as a
 * ratio. */
double
ui_train_min_ratio(void)
{
	return ui_config()->min_attendance / 100.0;
}

/* The keys of acts on ops with their labels. */
char *
ui_train_keys_legend(const struct screen_ops *ops, const enum action *acts)
{
	struct strbuf sb = {0};

	for (; *acts != ACT_NONE; acts++) {
		const char *key = ui_keys_first(ops, *acts);

		if (!key)
			continue;
		strbuf_addf(&sb, "%s%s %s", sb.len ? "  " : "", key,
			    tr(ui_screen_action_label(ops, *acts)));
	}
	return strbuf_take(&sb);
}

/* A key that is none of the screen's: say so, and how to search. */
void
ui_train_not_a_key(const struct screen_ops *ops, const enum action *acts,
		   const struct key_event *ev)
{
	char key[8];
	char *legend = ui_train_keys_legend(ops, acts);
	const char *search = ui_keys_first(ops, ACT_SEARCH);
	const char *args[3] = {key, legend, search ? search : ""};
	char *m;

	snprintf(key, sizeof(key), "%lc", (wint_t)ev->ch);
	m = msg_format(tr(MSG_SESSION_NOT_A_KEY), 3, args);
	ui_error("%s", m);
	free(m);
	free(legend);
}

/* The label of where a cohort stands. */
enum fd_msg
ui_train_phase_label(enum cohort_phase p)
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

/* A weekdays mask as the person reads it. */
char *
ui_train_weekdays_text(unsigned mask)
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

/* The tab line of a cohort. The counts come from cohort_info, so the
 * three screens that draw it show the same numbers. */
void
ui_train_cohort_tabs(struct screen *s, int y, const struct cohort_info *c,
		     int current)
{
	static const enum fd_msg label[UI_TRAIN_TABS] = {
		MSG_COHORT_VIEW_TAB_TIMETABLE, MSG_COHORT_VIEW_TAB_ROSTER,
		MSG_COHORT_VIEW_TAB_WAITLIST, MSG_COHORT_VIEW_TAB_ASSESS,
		MSG_COHORT_VIEW_TAB_GRADUATION};
	const int count[UI_TRAIN_TABS] = {c->sessions, c->enrolled,
					  c->waitlisted, -1, -1};
	int x = 0;

	for (int t = 0; t < UI_TRAIN_TABS && x < s->cols; t++) {
		char *text = count[t] >= 0 ? xasprintf(" %d %s %d ", t + 1,
						       tr(label[t]), count[t])
					   : xasprintf(" %d %s ", t + 1,
						       tr(label[t]));
		int w = utf8_width(text);

		wattrset(s->win, t == current ? ui_attr(UI_STYLE_SELECTED)
					      : A_NORMAL);
		x += ui_text(s->win, y, x, w < s->cols - x ? w : s->cols - x,
			     text);
		wattrset(s->win, A_NORMAL);
		if (t + 1 < UI_TRAIN_TABS && x < s->cols)
			x += ui_text(s->win, y, x, 1, "│");
		free(text);
	}
	ui_text(s->win, y, x, s->cols - x > 0 ? s->cols - x : 0, "");
}

/* Digits 1-5 name a tab; Left and Right go round all five. */
int
ui_train_tab_key(enum action act, const struct key_event *ev, int current)
{
	if (act == ACT_CHAR && ev && ev->ch >= L'1' &&
	    ev->ch < L'1' + UI_TRAIN_TABS)
		return (int)(ev->ch - L'1');
	if (act == ACT_LEFT)
		return (current + UI_TRAIN_TABS - 1) % UI_TRAIN_TABS;
	if (act == ACT_RIGHT)
		return (current + 1) % UI_TRAIN_TABS;
	return -1;
}

/* Back to the cohort screen with the tab it is to show. */
void
ui_train_tab_leave(struct screen *s, size_t tab)
{
	struct ui_result r = {.ok = true, .index = tab};

	ui_pop(s, &r);
}

/* May this session do act? Say why not. */
bool
ui_train_may(enum cohort_act act)
{
	struct fd_err err;
	enum fd_status st = cohort_may(ui_db(), act, &err);

	if (st == FD_OK)
		return true;
	if (st == FD_E_READONLY)
		ui_error_status(FD_E_READONLY, NULL);
	else
		ui_error("%s", err.msg);
	return false;
}

/* Read the room list and find room_id's seats. */
int
ui_train_room_seats(int64_t room_id)
{
	struct cohort_resource *v = NULL;
	struct fd_err err;
	size_t n = 0;
	int seats = 0;

	if (cohort_room_list(ui_db(), &v, &n, &err) != FD_OK)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (v[i].id == room_id)
			seats = v[i].capacity;
	cohort_resources_free(v, n);
	return seats;
}

/* Warn once about a capacity over the room's seats. */
bool
ui_train_capacity_warn(int64_t room_id, const char *room, int capacity)
{
	int seats;
	char cap[16], n[16];
	char *m;

	if (ui_prompt_confirmed())
		return false;
	seats = ui_train_room_seats(room_id);
	if (seats <= 0 || capacity <= seats)
		return false;
	snprintf(cap, sizeof(cap), "%d", capacity);
	snprintf(n, sizeof(n), "%d", seats);
	{
		const char *args[] = {cap, room ? room : "", n};

		m = msg_format(tr(MSG_COHORT_CAPACITY_OVER_SEATS), 3, args);
	}
	ui_prompt_warn(m);
	free(m);
	return true;
}
