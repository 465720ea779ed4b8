/*
 * Graduation of a cohort: before anything is written, who graduates, who
 * does not and why (cohort_graduation_preview with the configured
 * threshold), with the rule in words and the counts; F2 applies it
 * (cohort_graduate) after a confirmation that repeats the counts, and
 * warns when the timetable has not ended yet. Those who do not graduate
 * are listed first, each with every reason (attendance below the
 * threshold, assessment not passed or not recorded).
 *
 * A cohort graduates once: once applied, the screen shows what was
 * recorded (each trainee's outcome) and F2 is refused with the date; the
 * core refuses it too, and F2 leaves the bottom line. A read-only
 * session, or a role that may not apply graduation (the roles of
 * cohort.finish), sees the preview only.
 *
 * This is tab 5 of the cohort (ui_train.h): the same tab line as the
 * cohort screen, and 1-5 or Left/Right go back to it asking for that tab
 * (4 opens the assessments from there).
 *
 * Args: screen_args.data points to the cohort id (int64_t), copied.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontdesk/cohort.h"
#include "frontdesk/db.h"
#include "frontdesk/i18n.h"
#include "frontdesk/msgfmt.h"
#include "frontdesk/screens.h"
#include "frontdesk/ui.h"
#include "frontdesk/ui_train.h"
#include "frontdesk/util.h"

#define GRAD_TAG_CONFIRM 1
/* Rows above the list: heading, rule, counts, tabs, column header. */
#define GRAD_TOP 5

/* One trainee as shown: the roster's facts and the preview's verdict. */
struct grad_line {
	struct cohort_trainee t;
	bool graduates;
	char *why;
};

struct grad_screen {
	int64_t cohort_id;
	struct cohort_info cohort;
	struct grad_line *v;
	size_t n;
	size_t graduates, fails;
	struct ui_list list;
};

static const enum action grad_keys[] = {ACT_HELP, ACT_SAVE, ACT_BACK,
					ACT_SEARCH, ACT_REFRESH, ACT_NONE};

/* Graduated: nothing to apply (grad_keys_now). */
static const enum action grad_done_keys[] = {ACT_HELP, ACT_BACK, ACT_SEARCH,
					     ACT_REFRESH, ACT_NONE};

static const int grad_widths[] = {12, 12, 10, 10, 0};

/* The threshold as a whole percent, for the texts. */
static void
grad_percent(char out[8])
{
	snprintf(out, 8, "%d", (int)(ui_train_min_ratio() * 100 + 0.5));
}

/* One row: name, attendance, assessment, outcome, why. */
static char *
grad_row(void *ud, size_t i)
{
	struct grad_screen *g = ud;
	const struct grad_line *l = &g->v[i];
	char att[32];
	int pct = l->t.sessions > 0 ? l->t.attended * 100 / l->t.sessions : 0;
	const char *cells[5];

	snprintf(att, sizeof(att), "%d/%d %d%%", l->t.attended, l->t.sessions,
		 pct);
	cells[0] = l->t.name;
	cells[1] = att;
	cells[2] = !l->t.assessed ? tr(MSG_ASSESS_NONE)
		 : l->t.passed	  ? tr(MSG_ASSESS_PASSED)
				  : tr(MSG_ASSESS_FAILED);
	if (g->cohort.graduated_at[0])
		cells[3] = tr(l->graduates ? MSG_GRAD_DONE_YES : MSG_GRAD_DONE_NO);
	else
		cells[3] = tr(l->graduates ? MSG_GRAD_YES : MSG_GRAD_NO);
	cells[4] = l->why;
	return ui_row(grad_widths, 5, cells);
}

/* Drop the loaded lines. */
static void
grad_clear(struct grad_screen *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->v[i].why);
	free(g->v);
	g->v = NULL;
	g->n = g->graduates = g->fails = 0;
}

/* Those who do not graduate first, then by name as the roster has them. */
static int
grad_order(const void *x, const void *y)
{
	const struct grad_line *a = x, *b = y;

	if (a->graduates != b->graduates)
		return a->graduates ? 1 : -1;
	return strcmp(a->t.name, b->t.name);
}

/* Read the cohort, the roster and the preview again. After graduation
 * the recorded outcome is shown, not the preview's. */
static enum fd_status
grad_reload(struct grad_screen *g)
{
	struct cohort_trainee *roster = NULL;
	struct cohort_outcome *o = NULL;
	size_t nroster = 0, no = 0;
	struct fd_err err;
	enum fd_status st;

	grad_clear(g);
	st = cohort_get(ui_db(), g->cohort_id, &g->cohort, &err);
	if (st == FD_OK)
		st = cohort_roster(ui_db(), g->cohort_id, &roster, &nroster,
				   &err);
	if (st == FD_OK)
		st = cohort_graduation_preview(ui_db(), g->cohort_id,
					       ui_train_min_ratio(), &o, &no,
					       &err);
	if (st == FD_OK)
		g->v = xcalloc(nroster + 1, sizeof(*g->v));
	for (size_t i = 0; st == FD_OK && i < nroster; i++) {
		const struct cohort_trainee *t = &roster[i];
		struct grad_line *l;
		const struct cohort_outcome *oc = NULL;

		if (strcmp(t->status, "enrolled") != 0)
			continue;
		for (size_t k = 0; k < no; k++)
			if (o[k].member_id == t->member_id)
				oc = &o[k];
		l = &g->v[g->n++];
		l->t = *t;
		l->graduates = t->outcome[0]
				       ? strcmp(t->outcome, "graduated") == 0
				       : oc && oc->graduates;
		/* A decision of the path screen says so, graduating or not. */
		l->why = xstrdup(oc && (!l->graduates || oc->decided) ? oc->why
								      : "");
		if (l->graduates)
			g->graduates++;
		else
			g->fails++;
	}
	if (g->n > 1)
		qsort(g->v, g->n, sizeof(*g->v), grad_order);
	cohort_outcomes_free(o, no);
	free(roster);
	if (st != FD_OK)
		ui_error_status(st, &err);
	ui_list_set(&g->list, g->n, grad_row, g);
	return st;
}

static int
grad_enter(struct screen *s, const struct screen_args *args)
{
	struct grad_screen *g = s->state;
	const int64_t *id = args->data;

	if (!id)
		return -1;
	g->cohort_id = *id;
	ui_list_init(&g->list);
	if (grad_reload(g) != FD_OK) {
		ui_list_free(&g->list);
		grad_clear(g);
		return -1;
	}
	return 0;
}

static void
grad_leave(struct screen *s)
{
	struct grad_screen *g = s->state;

	ui_list_free(&g->list);
	grad_clear(g);
}

/* The counts: to graduate / not (preview), or graduated on (recorded). */
static char *
grad_counts(const struct grad_screen *g)
{
	char yes[16], no[16], when[20];
	const char *args[3] = {yes, no, when};

	snprintf(yes, sizeof(yes), "%zu", g->graduates);
	snprintf(no, sizeof(no), "%zu", g->fails);
	if (!g->cohort.graduated_at[0])
		return msg_format(tr(MSG_GRAD_PREVIEW_COUNTS), 2, args);
	ui_local_time(g->cohort.graduated_at, when);
	return msg_format(tr(MSG_GRAD_DONE_COUNTS), 3, args);
}

static void
grad_draw(struct screen *s)
{
	struct grad_screen *g = s->state;
	const struct cohort_info *c = &g->cohort;
	const char *args[4] = {c->code, ui_train_track_label(c->track), c->start,
			       c->end};
	const char *head[] = {tr(MSG_ASSESS_COL_NAME),
			      tr(MSG_ASSESS_COL_ATTENDANCE),
			      tr(MSG_ASSESS_COL_RESULT), tr(MSG_GRAD_COL_OUTCOME),
			      tr(MSG_GRAD_COL_WHY)};
	char pct[8];
	char *line;

	grad_percent(pct);
	werase(s->win);
	line = msg_format(tr(MSG_GRAD_HEAD), 4, args);
	wattrset(s->win, ui_attr(UI_STYLE_LABEL));
	ui_text(s->win, 0, 0, s->cols, line);
	free(line);
	line = trf(MSG_GRAD_RULE, pct, NULL);
	wattrset(s->win, A_NORMAL);
	ui_text(s->win, 1, 0, s->cols, line);
	free(line);
	line = grad_counts(g);
	wattrset(s->win, c->graduated_at[0] ? ui_attr(UI_STYLE_LABEL)
					    : A_NORMAL);
	ui_text(s->win, 2, 0, s->cols, line);
	free(line);
	ui_train_cohort_tabs(s, 3, c, UI_TRAIN_TAB_GRADUATION);
	line = ui_row(grad_widths, 5, head);
	wattrset(s->win, A_BOLD);
	ui_text(s->win, 4, 0, s->cols, line);
	free(line);
	wattrset(s->win, A_NORMAL);
	ui_list_draw(s, &g->list, GRAD_TOP, s->rows - GRAD_TOP - 1);
	line = c->graduated_at[0]
		       ? xstrdup(tr(MSG_GRAD_HINT_DONE))
		       : trf(MSG_GRAD_HINT, ui_keys_first(s->ops, ACT_SAVE), NULL);
	wattrset(s->win, ui_attr(UI_STYLE_DIM));
	ui_text(s->win, s->rows - 1, 0, s->cols, line);
	wattrset(s->win, A_NORMAL);
	free(line);
	wnoutrefresh(s->win);
}

/* F2: refuse what cannot be, else ask with the counts. */
static int
grad_ask(struct grad_screen *g)
{
	char yes[16], no[16], today[11];
	const char *args[3] = {yes, no, g->cohort.end};
	char *q;

	if (!ui_train_may(COHORT_ACT_GRADUATE))
		return UI_HANDLED;
	if (g->cohort.graduated_at[0]) {
		char when[20];

		ui_local_time(g->cohort.graduated_at, when);
		q = trf(MSG_GRAD_ALREADY, when, NULL);
		ui_error("%s", q);
		free(q);
		return UI_HANDLED;
	}
	if (g->n == 0) {
		ui_error("%s", tr(MSG_GRAD_NOBODY));
		return UI_HANDLED;
	}
	util_today(today);
	snprintf(yes, sizeof(yes), "%zu", g->graduates);
	snprintf(no, sizeof(no), "%zu", g->fails);
	q = msg_format(tr(cohort_phase_on(&g->cohort, today) == COHORT_ENDED
				  ? MSG_GRAD_CONFIRM
				  : MSG_GRAD_CONFIRM_EARLY),
		       3, args);
	ui_confirm(q, GRAD_TAG_CONFIRM);
	free(q);
	return UI_HANDLED;
}

static int
grad_action(struct screen *s, enum action act, const struct key_event *ev)
{
	struct grad_screen *g = s->state;
	int flags, tab;

	if (g->list.searching && act == ACT_ENTER) {
		g->list.searching = false;
		return UI_HANDLED | UI_REDRAW;
	}
	tab = g->list.searching
		      ? -1
		      : ui_train_tab_key(act, ev, UI_TRAIN_TAB_GRADUATION);
	if (tab == UI_TRAIN_TAB_GRADUATION)
		return UI_HANDLED;
	if (tab >= 0) {
		ui_train_tab_leave(s, (size_t)tab); /* the cohort shows it */
		return UI_HANDLED;
	}
	switch (act) {
	case ACT_SAVE:
		return grad_ask(g);
	case ACT_REFRESH:
		grad_reload(g);
		return UI_UNHANDLED; /* and the global repaint */
	default:
		break;
	}
	flags = ui_list_action(s, &g->list, act, ev, s->rows - GRAD_TOP - 1);
	if (flags == UI_UNHANDLED && act == ACT_BACK) {
		/* The cohort shows its new phase. */
		ui_train_tab_leave(s, UI_TRAIN_TAB_BACK);
		return UI_HANDLED;
	}
	return flags;
}

/* The bottom line: F2 only while the cohort has not graduated. */
static const enum action *
grad_keys_now(struct screen *s)
{
	const struct grad_screen *g = s->state;

	return g->cohort.graduated_at[0] ? grad_done_keys : grad_keys;
}

/* Confirmed: graduate, then show what was recorded. */
static int
grad_result(struct screen *s, const struct ui_result *r)
{
	struct grad_screen *g = s->state;
	struct fd_err err;
	enum fd_status st;
	size_t yes = 0, no = 0;
	char a[16], b[16], *m;

	if (r->tag != GRAD_TAG_CONFIRM || !r->ok)
		return UI_REDRAW;
	st = cohort_graduate(ui_db(), g->cohort_id, ui_train_min_ratio(), &yes,
			     &no, &err);
	grad_reload(g);
	if (st != FD_OK) {
		if (st == FD_E_INVALID || st == FD_E_CONFLICT ||
		    st == FD_E_DENIED)
			ui_error("%s", err.msg);
		else
			ui_error_status(st, &err);
		return UI_REDRAW;
	}
	snprintf(a, sizeof(a), "%zu", yes);
	snprintf(b, sizeof(b), "%zu", no);
	m = trf(MSG_GRAD_APPLIED, a, b);
	ui_status("%s", m);
	free(m);
	return UI_REDRAW;
}

static bool
grad_typing(struct screen *s)
{
	struct grad_screen *g = s->state;

	return g->list.searching;
}

const struct screen_ops screen_graduation = {
	.name = "graduation",
	.title = MSG_GRAD_TITLE,
	.state_size = sizeof(struct grad_screen),
	.keys = grad_keys,
	.keys_now = grad_keys_now,
	.enter = grad_enter,
	.leave = grad_leave,
	.draw = grad_draw,
	.action = grad_action,
	.result = grad_result,
	.typing = grad_typing,
};
